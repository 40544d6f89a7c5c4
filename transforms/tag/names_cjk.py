"""Persons written in Han characters or Hangul that no list holds: the cues a careful reader of
Chinese, Japanese and Korean news uses, for :meth:`transforms.tag.names.NameDetector.spans`.

In: a field's NFKC-normalised text (no capital letters to go by, no spaces in Chinese and
Japanese) and the surname lists of ``configs/gazetteer/names/`` (``ko_surnames.txt``,
``ja_surnames.txt``, ``zh_surnames.txt``: hand-written from the national frequency rankings,
each file says which; ``ko_foreign_given.txt``, foreign given names in Hangul). Out:
``person`` :class:`transforms.tag.names.NameSpan` records, in text order. The language is
told by the script: Hangul is Korean, kana Japanese, Han without kana Chinese.

* **Korean**: a three-syllable word (one-syllable surname and two syllables of a given name;
  with a two-syllable surname, 남궁 제갈 ..., one or two) followed, after a space, by a title
  or honorific: *이재명 대표는*, *장동혁 대표*, *손흥민 선수*, *김철수 씨*, *윤석열 전 대통령*;
  or by a listed local government's name and its head in one word (*구본영 천안시장*, *김동연
  경기도지사*: ``ko_local_units.txt``, optional, which the gazetteer build writes).
  The given name's syllables must be ones Korean given names use (no 크 스 트 ...: 마크롱 and
  기시다 are transliterations), and the last one no suffix of a place, party or body (민주당,
  서울대, 경기도, 방통위); or such a word followed by the age in brackets (*마용주(55·사법연수
  원 23기)*). Two-syllable words (이 대표, 신임 대표) are never names here. A foreign
  person: a foreign given name of ``ko_foreign_given.txt`` (마이크 존 데이비드 ...), a space
  and one or two words without a particle, then a title, 씨, a country's name or a company's
  Latin title a word or two on (*신시아 루미스 미국 상원의원*, *맷 프루삭 아메리칸 비트코인
  CEO*), and one joined to it by 와/과 (*마이크 호와 맷 프루삭 ...*); the list is optional.
  A reporter in an agency's byline after its dateline, whatever the given name's syllables,
  with or without the outlet between name and title (*(서울=연합뉴스) 김귀근 기자 =*, *(뉴욕=
  연합뉴스) 정선영 연합인포맥스 특파원 =*).
* **Japanese**: a listed surname and one to three kanji of a given name (three to six kanji
  in all) followed by a title (首相 外相 知事 社長 氏 さん 被告 容疑者 選手 ...) and not
  preceded by another kanji (*岸田文雄首相*, *トヨタ自動車の佐藤恒治社長*); the given name
  holds none of the characters of company, office and place names (社 省 県 市 電 ...); or
  any three to five kanji followed by a title and the age in brackets (*荻田卓警部補（41）*)
  or by the name's reading in hiragana, surname and given name apart (*澤田隆治（さわだ・た
  かはる）*); or a reporter in a byline, *【カイロ=久門武史】*, *【エルサレム松岡大地】*; or a
  listed surname and a given name after a team and a middle dot, then a particle
  (*日本代表・香川真司に*, *ドジャース・大谷翔平が*); or a writer after the desk that signs
  the story at its end (*MINKABU PRESS編集部 野沢卓美*); or a suspect's bare name before the
  charge he was arrested on (*町田署は桑野浩太を殺人未遂容疑で現行犯逮捕*). The titles
  include katakana ones (*山田花子キャスター*). A surname
  alone before a title (*岸田首相*) is never a span: its id would merge different people,
  and the same person named in full earlier in the text has his tag already (a span named
  after that full name would bring it back as a second, unlinked tag when the gazetteer
  linked the full name but holds no alias for the surname alone).
  A foreign person: two or three katakana words joined by ・ or ＝ before a title a
  company's or a club's name does not take (*ジョン・スミス氏*, *マイク・ポンペオ前国務長官*;
  not 社長 監督 会長: *フォード・モーター社長*), or after a country's kanji and a title (*米国
  務長官のマイク・ポンペオ*).
* **Chinese**: a listed surname and one or two characters, right after a title (*国家主席习近
  平*, *外交部发言人毛宁*, *会长翁诗杰表示*) or right before one after a punctuation mark
  (*，王毅部长表示*), and followed by a verb of saying, a particle or punctuation (表示 说 指出
  在 、 ， 。); or three or more such three-character names in a list joined by 、 (*庞卫国、吕
  康明、徐鑫健、邓世豪等*); a title covers the names listed after the first (*议员黄毓民、
  陈伟业和*). A transliterated foreign name (总统拜登) starts with no listed
  surname; the names joined by a middle dot are :mod:`transforms.tag.names`' own.

The lists are read and compiled with the other word lists of the names folder
(:func:`transforms.tag.names.load_name_lists` calls :func:`load_cjk_names`), once per
:class:`NameDetector`: a folder of the user's own (``tag.names_path``) brings its own surname
lists, and one without them finds no persons in these scripts.

Guarantees: every span is a whole name (no title, no particle), lies inside the text, and
spans do not overlap; a text of one of these scripts costs a few regular-expression passes
(about 20 to 40 microseconds per 1,000 characters); text of other scripts one scan.
Precision comes first: a name the cues do not vouch for is missed rather than guessed.
"""
from __future__ import annotations

import dataclasses
import itertools
import os
import re

from transforms.datafiles import DataFileError, read_bytes
from transforms.tag.names import NameSpan, NamesError

__all__ = ['CjkNames', 'load_cjk_names', 'cjk_person_spans']

_HANGUL = re.compile('[\uac00-\ud7a3]')
_CJK = re.compile('[\u3041-\u30fa\u4e00-\u9fff\uac00-\ud7a3]')
# the first Hangul or kana character: which of the two scripts a text is in, in one pass
_HANGUL_OR_KANA = re.compile('[\uac00-\ud7a3\u3041-\u3096\u30a1-\u30fa]')
_COMMA = re.compile('、')

# --- Korean ----------------------------------------------------------------------------------
# Syllables of Korean given names (Sino-Korean readings and the native names' common ones)
_KO_GIVEN = (
    '가각간갑강건걸경고곤공관광교구국권규균근금기길나남년다단달담대덕도돈동두득라란람래량려'
    '력련렬령례로록룡루륜률름리린림립만명목묵문미민박반배백범법벽변병보복본봉부분비빈빛사산'
    '삼상새생서석선설섭성세소솔송수숙순술숭슬승시식신실심아악안암애양언엄여연열염엽영예오옥'
    '온완왕요용우욱운웅원월위유육윤율은을음응의이익인일임자재전정제조종주준중증지직진찬창채'
    '천철청초춘충치탁태택토평표풍필하학한함항해행향허헌혁현형혜호홍화환활황효후훈휘희흠흥별봄결난')
# ... and those a given name does not end in, though the suffixes of places, parties, bodies
# and universities do (민주당, 서울대, 경기도, 강남구, 방통위, 기재부, 현대차)
_KO_NOT_LAST = frozenset('다라사시도구군위회당부청처차')
# ... and 대 (서울대, 고려대) before the titles of a university's people (조희대 대법원장 is a
# name)
_KO_UNIVERSITY_TITLES = frozenset('교수 총장 대학원장 학장 연구원 강사 선수 감독 코치'.split())
_KO_GIVEN_LAST = ''.join(c for c in _KO_GIVEN if c not in _KO_NOT_LAST)
# Titles and honorifics written after a name (longer ones first: 대표이사 before 대표; a
# numbered one, 1차관, too; a military rank, not 대장, "colon" too); a name may also be
# followed by the age in brackets, with a space or none: 마용주(55·사법연수원 23기), 고유정
# (36·여); not a title that goes on as a team's, a group's or a plural (기자들 "reporters":
# 회의를 마치고 기자들과 names no 마치고). Not 시장
# (mayor, and market: 신흥국 시장) nor 이사 (director, and a house move)
_KO_TITLES = sorted('''
대통령 부통령 국무총리 총리 부총리 장관 차관 대표 대표이사 원내대표 의원 국회의원 위원장 부위원장
최고위원 회장 부회장 명예회장 사장 부사장 대변인 부대변인 후보 후보자 당선인 교수 감독 선수 기자
특파원 판사 검사 검사장 검찰총장 변호사 의장 부의장 국회의장 지사 도지사 군수 구청장 청장 총재 부총재
원장 처장 실장 비서실장 수석 이사장 대사 주석 총장 사무총장 전무 상무 소장 박사 작가 배우 가수
코치 고문 여사 목사 신부 스님 대법원장 대법관 부장판사 부장검사 지검장 권한대행 대행 당대표
본부장 단장 팀장 국장 부장 차장 교육감 시의원 도의원 구의원 경위 경감 경정 총경 국무위원장
투수 타자 포수 내야수 외야수 골키퍼 공격수 수비수 미드필더 기수 회장님 통신원 보좌관
주심 구심 1루심 2루심 3루심
대령 중령 소령 대위 중위 소위 준장 중장 병장 상병 일병 이병 하사 중사 원사
'''.split(), key=len, reverse=True)
# A player's position, an umpire's base or a coach's post written BEFORE the name, as Korean
# sports reports write it (유격수 문규현이, 포수 강민호가, 2루주자 김재환을, 3루심 박근영 심판은),
# the name ending at a particle or the word's end. (심판 "umpire" is no title after a name: it
# is also "judgment", 엄중한 심판)
_KO_POSITIONS = sorted('''
투수 포수 타자 지명타자 대타 주자 대주자 1루주자 2루주자 3루주자 유격수 1루수 2루수 3루수 내야수
외야수 좌익수 우익수 중견수 선발투수 마무리투수 구원투수 골키퍼 공격수 수비수 미드필더 윙어
주심 구심 1루심 2루심 3루심 감독대행 수석코치 세터 리베로
'''.split(), key=len, reverse=True)
_KO_AFTER_NAME = '(?:[의은는이가을를와과도만]|에게|까지|이다|였다|으로|로)?(?![\uac00-\ud7a3])'
# Three-syllable words that look like a name before a title and are none
_KO_NOT_NAMES = frozenset('''
한국인 한국계 조지아 부동산 연구원 전경련 유니온 마이크 오스틴 나이지 이사진 전문가 관계자
노동자 기업인 정치인 방송인 경제인 연예인 남자부 여자부 신인왕 공동체 대변인 주장단 최고위
신흥국 선진국 개도국 전세계 한국형
'''.split())
# a Korean name: a listed surname, then one or two given-name syllables
_KO_NAME_FORMS = '(?:{compound})[{given}]?[{last}]|(?:{single})[{given}][{last}]'
_KO_NAME = '(' + _KO_NAME_FORMS + ')'
_KO_ANOTHER_NAME = '(?:' + _KO_NAME_FORMS + ')'       # (no group of its own)
_KO_POSITION_NAME = ('(?<![\uac00-\ud7a3])(?:{positions}) ' + _KO_NAME + _KO_AFTER_NAME)
_KO_PERSON = (
    '(?<![\uac00-\ud7a3])' + _KO_NAME +
    '(?=(?: (?:[전현] )?\\d?({titles})| ?씨(?![름앗족]))(?![팀단권회들])| ?\\(\\d{{1,3}}[·,)세]'
    # (or the title in brackets, a rank as military news gives it: 박정훈(대령))
    '|\\((?:{titles})\\)'
    # (or a second reporter's name and the title, as Yonhap signs: 조준형 김동규 기자 =; or
    # another name joined by a middle dot before the title both hold: 박완수·김정호 국회의원)
    '| ' + _KO_ANOTHER_NAME + ' (?:기자|특파원) ?='
    '|·' + _KO_ANOTHER_NAME + ' (?:{titles})'
    '(?![\uac00-\ud7a3]{{2}}|[팀단권회들])'
    # (or a byline's e-mail address: YTN 조예진 (choyj0622@ytn.co.kr); also after the title
    # written solid with the name, as some papers sign: 박준호기자 junho@etnews.com)
    '|(?:기자|특파원)? ?[(<]?[A-Za-z0-9._-]+@[A-Za-z0-9-]+\\.)')
# The same name before its body and title (조명균 통일부 장관, 강경화 외교부 장관, 이해찬
# 더불어민주당 대표): one word that ends as a ministry, office, agency, committee, party or city
# does, then the title; and after a title in brackets, as a body names its head (한국기자협회(회장
# 김동훈)). A name's last syllable is no particle here (한국의 외교부 장관 names no one)
#
# Also a former or present holder (신각수 전 외교부 차관), a university and its department
# (정구연 강원대 정치외교학과 교수), and a body's head written as one word with it (이용철
# 방위사업청장, 조희대 대법원장): only the heads of a body, not 시장 (market) nor 지사 (branch).
# A corporation's or a foundation's short name counts as a body (김정환 산단공 이사장, 김희영
# 티앤씨재단 이사장), a numbered title as the title (고형권 1차관), and so does a unit chief's
# title written solid with the unit's name (이진석 통계청 가계수지동향과장, 양연수 전주시
# 생태도시국장)
_KO_PERSON_BODY = (
    '(?<![\uac00-\ud7a3])' + _KO_NAME + '(?<![{particles}])(?: [전현])?'
    '(?:(?: [\uac00-\ud7a3]{{1,10}}(?:부|처|청|원|위원회|위|당|실|시|도|군|구|의회|공단|공'
    '|재단))'
    '(?: [\uac00-\ud7a3]{{1,10}}(?:학과|학부|연구소|센터))? (?:[전현] )?\\d?'
    '(?:{titles}|[\uac00-\ud7a3]{{1,8}}(?:과장|국장))'
    '| [\uac00-\ud7a3]{{1,10}}대 [\uac00-\ud7a3]{{1,10}}(?:학과|학부|대학원|연구소|센터)'
    ' (?:[전현] )?(?:{university})'
    '| [\uac00-\ud7a3]{{1,10}}(?:부|처|청|원|위원회|위|당|실)(?:{heads})'
    # (or a company's unit and its head as one word, the unit's name in Latin letters too:
    # 정의현 ETF운용본부장, 김민수 마케팅팀장; or a company whose name has Latin letters, then
    # the title, a researcher's too: 정형원 오픈AI 연구원, 김철수 LG전자 부사장)
    '| [A-Za-z0-9\uac00-\ud7a3]{{1,10}}(?:본부장|센터장|부문장|사업부장|팀장)'
    '| [\uac00-\ud7a3]{{0,6}}[A-Z][A-Za-z0-9&]*[\uac00-\ud7a3]{{0,6}} (?:[전현] )?'
    '(?:{titles}|수석연구원|책임연구원|선임연구원|연구원|CEO|CTO|CFO))'
    '(?![\uac00-\ud7a3]{{2}}|[팀단권회들])')
# the heads a body's name takes as one word (방위사업청장, 국정원장, 통일부장관)
_KO_BODY_HEADS = ('장', '장관', '차관', '대변인', '위원장', '대표')
_KO_TITLE_BRACKET = '\\((?:{titles}) ' + _KO_NAME + '\\)'
# The same name before the head of a local government written as one word with it: the unit's
# name and its head (구본영 천안시장, 박원순 서울시장, 김동연 경기도지사, 정순균 강남구청장,
# 정동균 양평군수). Only with a listed unit's name: 시장 alone is also "market" (주식시장)
_KO_LOCAL_HEADS = ('시장', '군수', '구청장', '지사')     # (a text without one is not searched)
_KO_LOCAL_HEAD = (
    '(?<![\uac00-\ud7a3])' + _KO_NAME + '(?<![{particles}])'
    ' (?:{units})(?:특별시장|광역시장|시장|군수|구청장|도지사|지사)(?![\uac00-\ud7a3]{{2}})')
# A reporter's name in an agency's byline right after its dateline: "(서울=연합뉴스) 김귀근
# 기자 =", "(뉴욕=연합뉴스) 정선영 연합인포맥스 특파원 =", the first of up to four reporters
# ("(서울·광주=연합뉴스) 최평천 안채원 곽민서 기자 ="). The place makes the cue, so the given
# name's syllables are any (귀근 and 경락 are rare ones): a listed surname and two syllables
# (one or two after a two-syllable surname)
_KO_BYLINE = ('=[\uac00-\ud7a3A-Za-z0-9]{{2,8}}\) ((?:{compound})[\uac00-\ud7a3]{{1,2}}'
              '|(?:{single})[\uac00-\ud7a3]{{2}}) (?:[\uac00-\ud7a3A-Za-z]{{2,12}} ){{0,3}}'
              '(?:기자|특파원) ?=')
_KO_NAME_PARTICLES = '의은는이가을를에와과도로'
# (a text with no position followed by a space is not searched with the name: the positions
# alone are found in a third of the time, and few texts hold one)
_KO_POSITION_HINT = re.compile('(?:' + '|'.join(_KO_POSITIONS) + ') ')

# A foreign person in Hangul: a listed foreign given name (ko_foreign_given.txt), a space and
# one or two words of the surname, then a title or 씨, a country's name (신시아 루미스 미국
# 상원의원) or, after up to two words of a company's name, a company's title written in Latin
# letters (맷 프루삭 아메리칸 비트코인 CEO). The surname's words end in no particle (마이크
# 앞에, 에릭 트럼프는: a name with a particle has no cue left), and a country is no surname
_KO_FOREIGN_TITLES = sorted(_KO_TITLES + '''
상원의원 하원의원 국무장관 국방장관 재무장관 법무장관 상무장관 주지사 최고경영자 창업자 공동창업자
'''.split(), key=len, reverse=True)
_KO_NATIONS = sorted('''
미국 영국 프랑스 독일 러시아 중국 일본 캐나다 호주 이탈리아 스페인 우크라이나 이스라엘 이란
인도 브라질 멕시코 튀르키예 터키 사우디아라비아 사우디 네덜란드 스웨덴 노르웨이 폴란드
'''.split(), key=len, reverse=True)
_KO_PARTICLE_ENDS = '은는이가을를의에와과고며면던된한서도게지만로랑께'
_KO_FOREIGN = (
    '(?<![\uac00-\ud7a30-9])((?:{given})'
    '(?: (?!(?:{nations})(?![\uac00-\ud7a3]))[\uac00-\ud7a3]{{1,5}}(?<![{ends}])'
    '(?![\uac00-\ud7a3])){{1,2}}?)'
    '(?= (?:[전현] )?(?:{titles})(?![\uac00-\ud7a3]{{2}}|[팀단권회들])| ?씨(?![름앗족])'
    '| (?:{nations}) |(?: [\uac00-\ud7a3A-Za-z]+){{0,2}} (?:CEO|CFO|COO|CTO)(?![A-Za-z]))')

# --- Japanese --------------------------------------------------------------------------------
#: the offices Japanese news names a politician by, also after the surname alone (岸田首相,
#: 茂木外務大臣: context rule 11)
JA_OFFICES = (
    '首相', '総理', '総理大臣', '内閣総理大臣', '官房長官', '官房副長官', '総裁', '副総裁', '幹事長',
    '政調会長', '大臣', '副大臣', '外相', '防衛相', '財務相', '経産相', '経済産業相', '厚労相',
    '厚生労働相', '文科相', '文部科学相', '法相', '農相', '農水相', '農林水産相', '国交相', '国土交通相',
    '環境相', '総務相', '経済財政相', 'デジタル相', '復興相', '経済再生相', '外務大臣', '防衛大臣',
    '財務大臣', '総務大臣', '法務大臣', '厚生労働大臣', '文部科学大臣', '農林水産大臣', '経済産業大臣',
    '国土交通大臣', '環境大臣', '復興大臣', 'デジタル大臣', '経済再生担当大臣')
_JA_TITLES = sorted(set('''
首相 総理 総理大臣 大臣 副大臣 外相 財務相 防衛相 経産相 経済産業相 厚労相 厚生労働相 文科相
文部科学相 法相 農相 農水相 農林水産相 国交相 国土交通相 環境相 総務相 経済財政相 デジタル相
復興相 経済再生相 少子化相 官房長官 官房副長官 長官 知事 市長 町長 村長 区長 社長 副社長 会長
副会長 頭取 総裁 副総裁 代表 幹事長 政調会長 国対委員長 議員 衆院議員 参院議員 氏 さん 君 被告
容疑者 受刑者 選手 監督 教授 准教授 委員長 議長 大統領 主席 理事長 院長 学長 校長 弁護士 記者
警部補 巡査部長 巡査長 巡査 警部 警視 警視正 技官 事務官 裁判長 裁判官 検事 検事正 医師 院長
投手 捕手 内野手 外野手 名人 竜王 九段 八段 七段 元首相 前首相 元外相 容疑 被告人 会長兼社長
外務副大臣 防衛副大臣
部長 副部長 課長 副課長 課長補佐 係長 室長 次長 局長 支社長 支店長 所長 副所長 署長 館長 店長 主任
キャスター アナウンサー リポーター レポーター 解説者 主将 特派員 編集委員 論説委員
'''.split() + list(JA_OFFICES)), key=len, reverse=True)
# (the heads of a company's or an office's units, who speak for it: 富田郁朗副課長は)
# (the offices include a minister's full title, which may follow the surname alone: 河野防衛大臣
# "Defence Minister Kōno" has no given name 防衛)
_JA_TITLES_TUPLE = tuple(_JA_TITLES) + tuple(f'{p}{t}' for p in '元前現' for t in _JA_TITLES)
# Kanji of company, office, place and organisation names, never of a given name here: a
# surname followed by them is a company or a place (三井物産社長, 東京電力, 小田原市長)
_JA_NOT_GIVEN = ('省庁県府都党局部院署銀社業産商電鉄製薬株協組団連館所校園器機車船航港油店堂屋品'
                 '市町村区会界国州線駅場技工')
_KANJI = '\u4e00-\u9fff\u3005'
# (no kanji may come before the name: :func:`_japanese` checks it, as a look-behind at the
# start of the pattern would keep the engine from skipping to the surnames' first characters)
_JA_PERSON = (
    '({surnames})((?:(?![{not_given}])[{kanji}]){{1,3}}?)'
    '(?=[元前現]?(?:{titles})(?!名))')
_JA_BEFORE_NAME = re.compile('[\u4e00-\u9fff\u3005\u30f6\u3006]')
# Occupations Japanese news writes right before a person's name, with no particle between
# (会社員山田太郎容疑者（45）, 無職の... is written with one)
_JA_OCCUPATIONS = tuple(sorted('''
会社員 会社役員 無職 自営業 公務員 団体職員 派遣社員 契約社員 社員 店員 大学生 高校生 中学生 専門学校生
看護師 教諭 教員 医師 運転手 作業員 建設作業員 介護職員 保育士 僧侶 主婦 農業 漁業 職業不詳 住所不定
'''.split(), key=len, reverse=True))
# A foreign person in katakana: two or three words of at least two katakana joined by ・ or
# = (＝ after NFKC) right before a title (ジョン・スミス氏, マイク・ポンペオ前国務長官), or
# right after a country's kanji and a title (米国務長官のマイク・ポンペオ). Without the title
# such words are as often a company's or a paper's name (ワシントン・ポスト, フォード・モーター)
# (not the titles a company's, a club's or a body's name is as often followed by: フォード・
# モーター社長, レアル・マドリード監督, ニューヨーク・タイムズ会長)
_JA_FOREIGN_TITLES = sorted(set(_JA_TITLES).difference('''
社長 副社長 会長 副会長 会長兼社長 頭取 代表 総裁 副総裁 監督 委員長 議長 理事長 院長 学長 校長 記者
主席 名人 竜王 九段 八段 七段 容疑 君
'''.split()).union('''
国務長官 国防長官 財務長官 商務長官 司法長官 報道官 大統領補佐官 補佐官 特使 副大統領 上院議員
下院議員 外務大臣 国防相 元首相
'''.split()), key=len, reverse=True)
_KATAKANA_WORD = '[\u30a1-\u30fa\u30fc]{2,}'
_JA_FOREIGN = (
    '(?<![\u30a1-\u30fa\u30fc・=])({w}(?:[・=]{w}){{1,2}})(?![\u30a1-\u30fa\u30fc・=])'
    '(?=[元前現]?(?:{titles}))')
_JA_FOREIGN_AFTER = (
    '(?:[米英仏独露中韓伊豪加印][\u4e00-\u9fff]{{0,4}}?(?:{titles})の?)'
    '({w}(?:[・=]{w}){{1,2}})(?![\u30a1-\u30fa\u30fc・=紙誌社])')
# Titles of a town's or prefecture's head: the word before them is often the place
_JA_PLACE_TITLES = ('知事', '市長', '町長', '村長', '区長', '元市長', '前市長', '前知事', '元知事')
# A name followed by its reading in hiragana, surname and given name apart: 澤田隆治（さわだ・
# たかはる）さん (a place's reading has no dot; NFKC has made the brackets ASCII)
_JA_READING = re.compile(f'([{_KANJI}]{{2,6}})\\([\u3041-\u3096]+・[\u3041-\u3096]+\\)')
# A full name not in the surname list: followed by a title and the age in brackets,
# 荻田卓警部補（41）, 岩本絹子容疑者（78）
# (the age may be the one at a past event's time: 赤木俊夫さん（当時54歳）)
_JA_AGE = re.compile('\\((?:当時)?\\d{1,3}(?:歳)?\\)')
_JA_AGED = '([{kanji}]{{3,5}}?)(?=[元前現]?(?:{titles})\\((?:当時)?\\d{{1,3}}(?:歳)?\\))'
# A family word written before the name, which is no part of it: 妻雅子さん（50）
_JA_KIN = ('妻', '夫', '長男', '長女', '次男', '次女', '三男', '三女', '母', '父', '娘', '息子')
# 【カイロ=久門武史、ワシントン=中村亮】, 【エルサレム松岡大地、カイロ金子淳】: reporters in a
# byline, each after a place (a name after "=", or after a place in katakana)
_JA_BYLINE = re.compile('【([^【】]{2,60})】')
_JA_BYLINE_PART = re.compile(f'(?:[^=、]*=|[\u30a1-\u30fa\u30fc]+)([{_KANJI}]{{3,5}})')
# ... or the name alone (a listed surname and a given name of at least two kanji): 【松本紫帆】
_JA_BYLINE_NAME = re.compile(f'[{_KANJI}]{{4,5}}')
# ... and as the text's first line: the name alone, or after the desk and a middle dot
# (記者解説　経済部・渡辺淳基); normalised text has two spaces for a paragraph's end
_JA_FIRST_LINE = re.compile(
    f'[ \u3000]*(?:[^ \n]{{0,8}}[ \u3000]?[^ \n]{{0,8}}[部局室班]・)?([{_KANJI}]{{4,5}})'
    '(?:[ \u3000]{2}|[ \u3000]*\n|[ \u3000]*$)')
# the same names in brackets at the story's end, as a paper signs it: （古畑航希、鈴木優香）(the
# text is NFKC-normalised: the brackets are ASCII); and a dateline without the 【】 at the
# text's start: ワシントン=清宮涼
_JA_SIGNATURE = re.compile('\\(([^()]{4,40})\\)\\s*$')
_JA_DATELINE = re.compile(f'[\u30a1-\u30fa\u30fc]{{2,10}}=([{_KANJI}]{{3,5}})\\s')
# ... and after the desk that signs a story at its end, the name alone before a space or the
# end (normalised text joins the lines): MINKABU PRESS編集部 野沢卓美 株探ニュース (a listed
# surname and a given name of two kanji or more)
_JA_DESK_SIGNATURE = re.compile(
    f'(?:編集部|編集局|報道部|経済部|政治部|社会部|外信部|国際部)[ \u3000]([{_KANJI}]{{3,5}})'
    '(?=\\s|$)')
# A player after the team or squad he plays for and a middle dot, as sports news writes him:
# 日本代表・香川真司に, ドジャース・大谷翔平が (a listed surname and a given name of two kanji or
# more, then a particle or punctuation: ・経済対策 is no name)
_JA_AFFILIATED = re.compile(
    f'(?:代表|[\u30a1-\u30fa\u30fc]{{2,}})・([{_KANJI}]{{4,5}})(?=[\u3041-\u3096、。」』),\\s]|$)')
# A suspect named bare before the charge he was arrested on, as police news writes him:
# 警視庁町田署は桑野浩太を殺人未遂容疑で現行犯逮捕した (a listed surname and a given name of two
# kanji or more, after は、が, then を and the charge within a clause)
_JA_ARRESTED = re.compile(
    f'(?<=[はが、])([{_KANJI}]{{3,5}})を[^。、]{{0,15}}?(?:容疑|疑い)で[^。、]{{0,6}}?'
    '(?:逮捕|送検|書類送検|起訴)')

# --- Chinese ---------------------------------------------------------------------------------
# Titles written before the name (国家主席习近平, 外交部发言人毛宁, 会长翁诗杰表示)
_ZH_TITLES_BEFORE = sorted('''
主席 总书记 总理 副总理 总统 副总统 部长 副部长 外长 发言人 会长 副会长 院长 副院长 校长 董事长
总经理 总裁 首席执行官 主任 副主任 书记 委员长 省长 市长 县长 局长 厅长 司长 大使 教授 研究员
记者 主持人 所长 社长 理事长 创始人 秘书长 议员 议长 队长 主教练 教练 法官 律师 院士 导演
行长 署长 检察长 特首 行政长官 首相 参选人 候选人 国务委员 委员
统计师 经济学家 分析师 工程师 科学家 专家 学者 作家 演员 歌手 运动员 球员 选手 司令员 司令 将军
总监 经理 负责人 外交官 大法官 主播 评论员 医生 通讯员
國家主席 總書記 總理 總統 發言人 會長 院長 董事長 總經理 總裁 主任委員 書記 委員長 省長 市長 縣長 局長 大使 記者 所長 社長 理事長 秘書長 議員 議長 教練
主教練 候選人 分析師 副會長 副總理 副總統 副部長 副院長 創始人 參選人 司令員 司長 國務委員 外長 委員
學者 將軍 專家 導演 工程師 廳長 律師 校長 檢察長 演員 球員 研究員 科學家 統計師 經濟學家 經理
總監 署長 行政長官 行長 評論員 負責人 通訊員 運動員 選手 部長 醫生 隊長 首席執行官 立委
编辑 編輯 编译 編譯 责编 責編 摄影 攝影 科长 科長 处长 處長 组长 組長 博士生 研究生
女儿 女兒 儿子 兒子 妻子 丈夫
镇长 鎮長 区长 區長 副区长 副區長 副局长 副局長 总领事 總領事 副总领事 副總領事 领事 領事
督察 總督察 总督察 警司 總警司 主编 主編 总编辑 總編輯 助理 总裁助理 總裁助理 画师 畫師 裁判
教师 教師 成员 成員 支持者 网友 網友 同事
指挥官 指揮官 参谋长 參謀長 村长 村長 里长 里長
主教 副主教 助理主教 神父 牧師 牧师 修女 神職人員 神职人员 港督 總督 总督 義消 义消 消防員 消防员
产妇 產婦 孕妇 孕婦 患者 死者 伤者 傷者 遇难者 遇難者 嫌犯 嫌疑人 被告人
监事长 監事長 祕书长 祕書長 监事 監事
'''.split(), key=len, reverse=True)
# (the traditional forms of the simplified titles: OpenCC s2tw, once, by hand; then a byline's
# roles, 编译/马晓云, section heads, students and the family a report names; a unit's
# commander, 指揮官何啟鎮; clergy, a governor and firefighters, 副主教章建林神父, 義消顏勝裕;
# the persons a report is about: a woman in labour, a patient, the dead, a suspect, 产妇马茸茸;
# round 33: an association's supervisor and its secretary-general with 祕, the variant of 秘,
# 監事長高健和祕書長張偉強)
# Titles written after the name, after a punctuation mark (，王毅部长表示)
_ZH_TITLES_AFTER = sorted('''
主席 总书记 总理 总统 部长 外长 先生 女士 教授 院士 博士 大使 同志 书记 主任 董事长 总裁 会长
院长 校长 教练 市长 省长 局长 總統 總理 部長 先生 女士 教授 院士 董事長 會長 院長 市長
神父 主教 牧師 牧师
'''.split(), key=len, reverse=True)
# What follows a name: a verb of saying or doing, a particle, a date, punctuation
_ZH_AFTER = sorted('''
表示 说 指出 称 认为 强调 介绍 透露 告诉 坦言 回应 宣布 表态 提出 呼吁 解释 分析 补充 日前
近日 当天 当日 今天 昨天 在 与 和 会见 会晤 出席 主持 签署 发表 接受 致电 访问 率团 一行 等
则 也 对 向 曾 已 还 就 将 于 的 及其 说道 报道 摄 說 稱 認為 強調 介紹 宣佈 會見 與 周一 周二 周三 周四
周五 周六 周日 星期 解读 提醒 建议 评论 谈到 说明 披露 证实 确认 承认 否认 警告 预计 预测 批评
上将 中将 少将
今日 昨日 致辞 致辭 致 公布 公佈 分享 当面 當面 以及 带领 帶領 率领 率領 参加 參加 提到 表明 发布
發布 回答 答 致電 重申 讲话 講話 說明 表達 表达
神父 主教 助理主教 副主教 牧師 牧师
先生 女士
'''.split(), key=len, reverse=True)
# (round 33: 先生 女士, the honorific after a name that a title before it starts, 主編陳維健先生)
# (the text is NFKC-normalised: full-width brackets are ASCII by then, so a byline's
# （记者陆睿） is matched by the ASCII ones)
_ZH_AFTER_PUNCT = '，。、；：“”「」（）《》【】〔〕/,.;:!?！？() \n\\d'
# (the same as plain characters, for the end of a list)
_ZH_AFTER_CHARS = '，。；：“”「」（）《》【】〔〕/,.;:!?！？() \n0123456789'
# Characters of no given name in these places: function words and verbs (部长于周二表示 is no
# 于周二; 校长高兴地说 no 高兴地)
_ZH_NOT_GIVEN = ('的地得了着过们是不也都就还又和与及等这那个之其或被把将从向对于已曾再很更最'
                 '所以而但并即亦此该各每说表称指认在会能要可应日月周时前后上下里内外间摄'
                 '省市县縣区區州镇鎮村局部厅廳委会會院所队隊团團社党黨校馆館场場园園'
                 # (the traditional forms of the function words and verbs: 范雲說 is no name)
                 '著過們還與這個將從對於並該說稱認應時後內間攝裡')
# Surnames that are also adverbs before a verb (教授曾多次表示, 主任常年在) and the characters
# that follow them there
_ZH_ADVERB_SURNAMES = frozenset('曾常余单万')
_ZH_VERBAL = frozenset('多次经任担获参因两一度亲专率年期独位下人'
                       # (and the verbs of saying and proposing: 議員曾建議, 曾表示, 曾指出)
                       '表提指说說称稱向在被为為与與对對經')
#: ... and the two-character verbs whose first character starts given names too (曾建國 is a
#: name, 曾建議 "once proposed" is not)
_ZH_VERBAL_PAIRS = frozenset({'建議', '建议', '呼籲', '呼吁', '批評', '批评', '透露', '談到', '谈到'})
# Last characters of the transliterated names of countries and the names of towns that a
# surname's character starts (孟加拉总理, 江门市长, 黎巴嫩总理; 韩国总统: two characters ending
# in 国), rare at the end of a given name: the gazetteer knows most such places, not all
_ZH_PLACE_ENDS = frozenset('拉门岛亚尔斯他巴堡嫩埔')
# Three-character list items that are no names (places and bodies end in these)
_ZH_NOT_LAST = '省市县縣区區州镇鎮村乡鄉路街站港局部厅委会會院所队隊团團社党黨校馆館场場园園山河湖江岛島湾灣'
# Two- and three-character words that start with a surname character and stand where names do
_ZH_NOT_NAMES = frozenset('''
周一 周二 周三 周四 周五 周六 周日 周末 高度 金融 李子 王国 朴素 黄金 张力 马上 方面 方法 周年
钱包 程序 石油 高兴 高级 文化 文件 史上 任何 任期 任内 常务 范围 林业 陆续 高层 高官 高管
高校 安全 安排 包括 康复 施工 关于 关注 关系 单位 严重 严格 许多 曾经 田径 董事 任务 程度
方向 方案 方式 白天 黎明 武器 季度 凌晨 申请 章程 庞大 焦点 温度 颜色 雷达 龙头 顾问 毛病
江湖 余额 夏季 秦朝 唐朝 宋朝 汤姆 马克 罗马 黄河 长江 金牌 白宫 孔子 易于 乔治
'''.split())


@dataclasses.dataclass(frozen=True)
class CjkNames:
    """The compiled patterns of one set of surname lists (see :func:`load_cjk_names`)."""
    ko_person: re.Pattern
    ko_person_body: re.Pattern
    ko_title_bracket: re.Pattern
    ja_person: re.Pattern
    ja_aged: re.Pattern
    ja_surnames: frozenset[str]
    zh_title_name: re.Pattern
    zh_name_title: re.Pattern
    zh_name_title_at_start: re.Pattern
    zh_item: re.Pattern
    zh_next: re.Pattern
    zh_next_reporter: re.Pattern
    ko_foreign: re.Pattern | None = None
    ja_foreign: re.Pattern | None = None
    ja_foreign_after: re.Pattern | None = None
    ko_foreign_and: re.Pattern | None = None
    # what ko_foreign needs at its start: a listed given name, a space and a Hangul syllable,
    # at the text's start or after a character that is neither (ko_foreign's look-behind);
    # searched first, as a text without one (most) holds no match (see _korean)
    ko_foreign_start: re.Pattern | None = None
    ko_foreign_hint: re.Pattern | None = None
    # a name before the head of a listed local government (구본영 천안시장, 김동연 경기도지사)
    ko_local_head: re.Pattern | None = None
    # a name after a sports position (유격수 문규현이: :data:`_KO_POSITIONS`)
    ko_position_name: re.Pattern | None = None
    # a reporter's name in an agency's byline, after its dateline (:data:`_KO_BYLINE`)
    ko_byline: re.Pattern | None = None
    # a reporter's name in a Taiwanese paper's closing byline, before the city the report is
    # from: （戴祺修／台北報導）
    zh_byline: re.Pattern | None = None
    # a name in brackets after the nickname a report gives the person: 阿萍（許淑萍）
    zh_nickname: re.Pattern | None = None


def _read_list(directory: str, name: str, missing: list | None = None) -> list[str]:
    """One word a line, ``#`` lines are comments (see :func:`names.load_name_lists`); a
    missing file is ``missing`` where given (else an error)."""
    path = (f'{directory.rstrip("/")}/{name}' if '://' in directory
            else os.path.join(directory, name))
    try:
        text = read_bytes(path).decode('utf-8')
    except DataFileError as exc:
        if missing is not None:
            return missing
        raise NamesError(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise NamesError(f'{path}: not UTF-8 text: {exc}') from exc
    return [w for w in (line.strip() for line in text.splitlines()) if w and w[0] != '#']


def _alternation(words) -> str:
    """A regular expression for any of ``words``, longest first, written as a trie (岸(?:田)?):
    Python's engine tries the branches of a plain alternation one by one at every position,
    which for a few hundred surnames is most of the detector's time."""
    tree: dict = {}
    for word in set(words):
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[''] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ''
        if len(branches) == 1 and '' not in node:
            return branches[0]
        group = '(?:' + '|'.join(branches) + ')'
        return group + '?' if '' in node else group
    return emit(tree)


def load_cjk_names(directory: str) -> CjkNames | None:
    """The patterns built from the three surname lists in ``directory`` (a local folder, the
    shipped ``pkg://`` one or a ``gs://``/``s3://``/... prefix); None for a folder without
    them (a user's names folder of the Latin and Cyrillic lists only): no persons are
    detected in these scripts then."""
    ko = _read_list(directory, 'ko_surnames.txt', missing=[])
    if not ko:
        return None
    ja = _read_list(directory, 'ja_surnames.txt')
    zh = _read_list(directory, 'zh_surnames.txt')
    # (optional: a folder without it finds no foreign persons in Hangul)
    ko_foreign = _read_list(directory, 'ko_foreign_given.txt', missing=[])
    # (optional too: the names of Korea's provinces, cities, counties and districts without
    # their unit, 천안 경기 강남, written by scripts/build_gazetteer.py from the gazetteer)
    ko_units = _read_list(directory, 'ko_local_units.txt', missing=[])
    ko_parts = dict(compound=_alternation(w for w in ko if len(w) > 1),
                    single=f'[{"".join(w for w in ko if len(w) == 1)}]',
                    given=_KO_GIVEN, last=_KO_GIVEN_LAST, titles=_alternation(_KO_TITLES))
    ko_person = re.compile(_KO_PERSON.format(**ko_parts))
    ja_titles = _alternation(_JA_TITLES)
    ja_person = re.compile(_JA_PERSON.format(
        kanji=_KANJI, surnames=_alternation(ja), not_given=_JA_NOT_GIVEN, titles=ja_titles))
    single = ''.join(w for w in zh if len(w) == 1)
    compound = _alternation(w for w in zh if len(w) > 1)
    given = f'(?:(?![{_ZH_NOT_GIVEN}])[{_KANJI}])'
    name = f'(?:(?:{compound}){given}{{1,2}}|[{single}]{given}{{1,2}})'
    # (and a news agency's dateline after its reporter: 中央社記者邱俊欽桃園19日電)
    after = (f'(?:{_alternation(_ZH_AFTER)}|[{_ZH_AFTER_PUNCT}]|$'
             f'|[{_KANJI}]{{2,3}}\\d{{1,2}}日[电電])')
    title_after = f'(?:{_alternation(_ZH_TITLES_AFTER)}){after}'
    # a list item: three characters, the last no suffix of a place's or a body's name
    item = f'(?:[{single}]{given}|{compound})(?![{_ZH_NOT_LAST}]){given}'
    # the first syllables of the foreign given names (for ko_foreign_hint)
    firsts = ''.join(re.escape(c) for c in sorted({w[0] for w in ko_foreign}))
    return CjkNames(
        ko_person=ko_person, ja_person=ja_person,
        ko_person_body=re.compile(_KO_PERSON_BODY.format(
            particles=_KO_NAME_PARTICLES, heads=_alternation(_KO_BODY_HEADS),
            university=_alternation(sorted(_KO_UNIVERSITY_TITLES)), **ko_parts)),
        ko_title_bracket=re.compile(_KO_TITLE_BRACKET.format(**ko_parts)),
        ko_position_name=re.compile(_KO_POSITION_NAME.format(
            positions=_alternation(_KO_POSITIONS), **ko_parts)),
        ja_aged=re.compile(_JA_AGED.format(kanji=_KANJI, titles=ja_titles)),
        ja_surnames=frozenset(ja),
        # (NFKC makes the full-width brackets and slash ASCII; 報導, 报道 and 報道 all say
        # "reports")
        zh_byline=re.compile(f'\\(({name})/[{_KANJI}]{{2,6}}(?:報導|报道|報道)\\)'),
        # (a report's nickname for a person, then the full name in brackets: 阿雄（甘聖雄）;
        # three characters, of any surname: the nickname is cue enough, but the last no
        # suffix of a place's or a body's name, 阿里（杭州市）)
        zh_nickname=re.compile(
            f'[阿小老][{_KANJI}]\\(([{_KANJI}]{given}(?![{_ZH_NOT_LAST}]){given})\\)'),
        # (a byline's role may stand apart from the name: 编译/马晓云, 记者 陆睿)
        zh_title_name=re.compile(
            f'(?:{_alternation(_ZH_TITLES_BEFORE)})[/╱ ]?({name})(?={after})'),
        # (the punctuation before the name is matched, not looked behind at: so the engine
        # skips to it; zh_name_title_at_start for a name at the text's start)
        zh_name_title=re.compile(f'[，。、；：“「（,;:(\\n ]({name})(?={title_after})'),
        zh_name_title_at_start=re.compile(f'({name})(?={title_after})'),
        zh_item=re.compile(item),
        zh_next=re.compile(f'、({name})(?={after})'),
        zh_next_reporter=re.compile(f'[、 ]({name})(?=[ 、)）]|$)'),
        ko_foreign=re.compile(_KO_FOREIGN.format(
            given=_alternation(ko_foreign), nations='|'.join(_KO_NATIONS),
            ends=_KO_PARTICLE_ENDS, titles=_alternation(_KO_FOREIGN_TITLES))
            ) if ko_foreign else None,
        # (a name joined by 와/과 to one the cues found: 마이크 호와 맷 프루삭 ... CEO)
        ko_foreign_and=re.compile(
            f'(?<![\uac00-\ud7a30-9])((?:{_alternation(ko_foreign)}) [\uac00-\ud7a3]{{1,5}}?)'
            '[와과] ') if ko_foreign else None,
        ko_foreign_start=re.compile(
            f'(?:{_alternation(ko_foreign)}) [\uac00-\ud7a3]') if ko_foreign else None,
        # (the look-ahead for the names' first syllables lets the engine pass most spaces
        # by: a branch of a few hundred names tried at each of them costs more than ko_foreign)
        ko_foreign_hint=re.compile(
            f'[^\uac00-\ud7a30-9](?=[{firsts}])'
            f'(?:{_alternation(ko_foreign)}) [\uac00-\ud7a3]') if ko_foreign else None,
        ko_byline=re.compile(_KO_BYLINE.format(**ko_parts)),
        ko_local_head=re.compile(_KO_LOCAL_HEAD.format(
            units=_alternation(ko_units), particles=_KO_NAME_PARTICLES, **ko_parts)
            ) if ko_units else None,
        ja_foreign=re.compile(_JA_FOREIGN.format(
            w=_KATAKANA_WORD, titles=_alternation(_JA_FOREIGN_TITLES))),
        ja_foreign_after=re.compile(_JA_FOREIGN_AFTER.format(
            w=_KATAKANA_WORD, titles=_alternation(_JA_FOREIGN_TITLES))))


def cjk_person_spans(text: str, found: list[NameSpan], names: CjkNames) -> list[NameSpan]:
    """``found`` (spans already found in ``text``) with the persons of this module's cues
    that overlap none of them, in text order (see the module doc)."""
    cjk = _CJK.search(text)
    if cjk is None:
        return found
    first = _HANGUL_OR_KANA.search(text, cjk.start())
    if first is None:
        new = _chinese(text, names)
    elif first.group() >= '\uac00' or _HANGUL.search(text, first.end()):
        new = _korean(text, names)
    else:
        new = _japanese(text, names)
    if not new:
        return found
    out = list(found)
    for span in new:
        if not any(span.start < o.stop and o.start < span.stop for o in out):
            out.append(span)
    return sorted(out, key=lambda s: (s.start, s.stop))


def _korean(text: str, names: CjkNames) -> list[NameSpan]:
    out = [NameSpan('person', m.start(1), m.end(1), m.group(1))
           for m in names.ko_person.finditer(text) if m.group(1) not in _KO_NOT_NAMES
           and not (m.group(1)[-1] == '대' and m.group(2) in _KO_UNIVERSITY_TITLES)]
    if ' ' in text:
        more = [m for m in names.ko_person_body.finditer(text)
                if m.group(1) not in _KO_NOT_NAMES]
        if '(' in text:
            more += [m for m in names.ko_title_bracket.finditer(text)
                     if m.group(1) not in _KO_NOT_NAMES]
        if names.ko_position_name is not None and _KO_POSITION_HINT.search(text):
            more += [m for m in names.ko_position_name.finditer(text)
                     if m.group(1) not in _KO_NOT_NAMES]
        if names.ko_byline is not None and ') ' in text:
            more += names.ko_byline.finditer(text)
        if names.ko_local_head is not None and any(head in text for head in _KO_LOCAL_HEADS):
            more += [m for m in names.ko_local_head.finditer(text)
                     if m.group(1) not in _KO_NOT_NAMES]
        if more:
            taken = {(s.start, s.stop) for s in out}
            out += [NameSpan('person', m.start(1), m.end(1), m.group(1)) for m in more
                    if (m.start(1), m.end(1)) not in taken]
            out.sort(key=lambda s: (s.start, s.stop))
    if names.ko_foreign is not None and (
            names.ko_foreign_hint is None or names.ko_foreign_start.match(text)
            or names.ko_foreign_hint.search(text)):
        taken = [(s.start, s.stop) for s in out]
        for m in names.ko_foreign.finditer(text):
            if any(a < m.end(1) and m.start(1) < b for a, b in taken):
                continue
            out.append(NameSpan('person', m.start(1), m.end(1), m.group(1)))
            before = names.ko_foreign_and.search(text, max(0, m.start() - 24), m.start())
            if (before is not None and before.end() == m.start()
                    and not any(a < before.end(1) and before.start(1) < b for a, b in taken)):
                out.append(NameSpan('person', before.start(1), before.end(1), before.group(1)))
        out.sort(key=lambda s: (s.start, s.stop))
    return out


def _inside_word(text: str, start: int) -> bool:
    """Whether a Japanese name starting at ``start`` would continue a word (a kanji before
    it: 同社社長, 自民党総裁岸田), unless that word is an occupation news writes right before a
    name (会社員山田太郎容疑者)."""
    return (start > 0 and _JA_BEFORE_NAME.match(text, start - 1) is not None
            and not text.endswith(_JA_OCCUPATIONS, 0, start))


def _japanese(text: str, names: CjkNames) -> list[NameSpan]:
    out = []
    before = _JA_BEFORE_NAME.match
    for m in names.ja_person.finditer(text):
        whole = m.group(0)
        if _inside_word(text, m.start()):
            continue            # inside a word: 同社社長, 自民党総裁岸田
        if (len(whole) < 3 or whole in names.ja_surnames
                or text.startswith(_JA_TITLES_TUPLE, m.end(1))):
            # 林芳 in 林芳正? too short to tell; 小野寺 is a surname; 林官房長官 is a
            # surname before a title that starts with another one's letters
            continue
        if len(whole) == 3 and text.startswith(_JA_PLACE_TITLES, m.end()):
            continue            # 小田原市長: a town's name is as long as a short full name
        out.append(NameSpan('person', m.start(), m.end(), whole))
    if '(' in text:
        taken = [(s.start, s.stop) for s in out]
        # (searched for only in the few characters before each age in brackets)
        for age in _JA_AGE.finditer(text):
            m = names.ja_aged.search(text, max(0, age.start() - 12), age.end())
            if m is None or _inside_word(text, m.start()):
                continue
            whole, start = m.group(1), m.start()
            kin = next((k for k in _JA_KIN if whole.startswith(k) and len(whole) - len(k) >= 2),
                       None)
            if kin:
                whole, start = whole[len(kin):], start + len(kin)
            if (not any(a < m.end() and start < b for a, b in taken)
                    and not any(c in _JA_NOT_GIVEN for c in whole[2:])):
                taken.append((start, m.end()))
                out.append(NameSpan('person', start, m.end(), whole))
    if '・' in text and '(' in text:
        taken = [(s.start, s.stop) for s in out]
        for m in _JA_READING.finditer(text):
            if ((m.start() and before(text, m.start() - 1))
                    or any(c in _JA_NOT_GIVEN for c in m.group(1)[2:])
                    or any(a < m.end(1) and m.start() < b for a, b in taken)):
                continue
            out.append(NameSpan('person', m.start(1), m.end(1), m.group(1)))
    if ('・' in text or '=' in text) and names.ja_foreign is not None:
        taken = [(s.start, s.stop) for s in out]
        for m in itertools.chain(names.ja_foreign.finditer(text),
                                 names.ja_foreign_after.finditer(text)):
            if not any(a < m.end(1) and m.start(1) < b for a, b in taken):
                taken.append((m.start(1), m.end(1)))
                out.append(NameSpan('person', m.start(1), m.end(1), m.group(1)))
    if '・' in text:
        taken = [(s.start, s.stop) for s in out]
        for m in _JA_AFFILIATED.finditer(text):
            part = m.group(1)
            if (_listed_surname(part, names) and not any(c in _JA_NOT_GIVEN for c in part[2:])
                    and not part.endswith(_JA_TITLES_TUPLE)
                    and not any(a < m.end(1) and m.start(1) < b for a, b in taken)):
                out.append(NameSpan('person', m.start(1), m.end(1), part))
    if '逮捕' in text or '送検' in text or '起訴' in text:
        taken = [(s.start, s.stop) for s in out]
        for m in _JA_ARRESTED.finditer(text):
            part = m.group(1)
            if (_listed_surname(part, names) and not any(c in _JA_NOT_GIVEN for c in part[2:])
                    and not part.endswith(_JA_TITLES_TUPLE)
                    and not any(a < m.end(1) and m.start(1) < b for a, b in taken)):
                out.append(NameSpan('person', m.start(1), m.end(1), part))
    if '【' in text:
        for m in _JA_BYLINE.finditer(text):
            start = m.start(1)
            for part in m.group(1).split('、'):
                p = _JA_BYLINE_PART.fullmatch(part)
                if p is not None:
                    word, first, last = p.group(1), start + p.start(1), start + p.end(1)
                elif _JA_BYLINE_NAME.fullmatch(part) and _listed_surname(part, names):
                    # a reporter's name alone, as a paper signs a story at its end: 【松本紫帆】
                    word, first, last = part, start, start + len(part)
                else:
                    word = ''
                # (a surname is mostly two kanji: the given name's are the rest)
                if (word and not any(c in _JA_NOT_GIVEN for c in word[2:])
                        and not word.endswith(('通信', '新聞'))):
                    out.append(NameSpan('person', first, last, word))
                start += len(part) + 1
    signature = _JA_SIGNATURE.search(text) if text.rstrip().endswith(')') else None
    if signature is not None:
        start = signature.start(1)
        for part in signature.group(1).split('、'):
            if (_JA_BYLINE_NAME.fullmatch(part) and not any(c in _JA_NOT_GIVEN for c in part[2:])
                    and _listed_surname(part, names)):
                out.append(NameSpan('person', start, start + len(part), part))
            start += len(part) + 1
    for m in _JA_DESK_SIGNATURE.finditer(text) if '部' in text or '局' in text else ():
        part = m.group(1)
        if (not any(c in _JA_NOT_GIVEN for c in part[2:]) and _listed_surname(part, names)
                and not any(s.start < m.end(1) and m.start(1) < s.stop for s in out)):
            out.append(NameSpan('person', m.start(1), m.end(1), part))
    dateline = _JA_DATELINE.match(text) if '=' in text[:12] else None
    if (dateline is not None and not any(c in _JA_NOT_GIVEN for c in dateline.group(1)[2:])
            and not dateline.group(1).endswith(('通信', '新聞'))
            and not any(s.start == dateline.start(1) for s in out)):
        out.append(NameSpan('person', dateline.start(1), dateline.end(1), dateline.group(1)))
    first_line = _JA_FIRST_LINE.match(text)
    if first_line is not None:
        # a byline as the text's first line, the name alone or after the desk (山口啓太;
        # 記者解説　経済部・渡辺淳基), as a listed surname and a given name of two kanji or more
        part, start = first_line.group(1), first_line.start(1)
        if (not any(c in _JA_NOT_GIVEN for c in part[2:]) and _listed_surname(part, names)
                and not any(s.start < start + len(part) and start < s.stop for s in out)):
            out.append(NameSpan('person', start, start + len(part), part))
    return sorted(out, key=lambda s: (s.start, s.stop))


def _listed_surname(name: str, names: CjkNames) -> bool:
    """Whether ``name`` (a byline's kanji) starts with a listed surname of one to three
    characters and has at least two left for the given name."""
    return any(name[:k] in names.ja_surnames for k in (1, 2, 3) if len(name) - k >= 2)


_ZH_REPORTER = re.compile('记者|記者')


def _chinese(text: str, names: CjkNames) -> list[NameSpan]:
    out = []
    first = names.zh_name_title_at_start.match(text)
    bylines = (names.zh_byline.finditer(text) if names.zh_byline is not None
               and ('導)' in text or '道)' in text) else ())
    nicknames = (names.zh_nickname.finditer(text) if names.zh_nickname is not None
                 and '(' in text else ())
    for m in itertools.chain(names.zh_title_name.finditer(text), (first,) if first else (),
                             names.zh_name_title.finditer(text), bylines, nicknames):
        name = m.group(1)
        if (name in _ZH_NOT_NAMES or (name[0] in _ZH_ADVERB_SURNAMES
                                      and (name[1] in _ZH_VERBAL or name[1:3] in _ZH_VERBAL_PAIRS))
                or name[-1] in _ZH_PLACE_ENDS or (len(name) == 2 and name[-1] == '国')):
            continue
        out.append(NameSpan('person', m.start(1), m.end(1), name))
        # the title covers the names listed after the first: 议员黄毓民、陈伟业和; a byline's
        # reporters by spaces too: (记者 赵承 李斌 李靖)
        following = (names.zh_next_reporter if _ZH_REPORTER.search(text, m.start(), m.start(1))
                     else names.zh_next)
        n = following.match(text, m.end(1))
        while n is not None and n.group(1) not in _ZH_NOT_NAMES:
            out.append(NameSpan('person', n.start(1), n.end(1), n.group(1)))
            n = following.match(text, n.end(1))
    if '、' in text:
        out.extend(_chinese_list(text, names.zh_item))
    out.sort(key=lambda s: (s.start, s.stop))
    kept: list[NameSpan] = []
    for span in out:
        if not kept or span.start >= kept[-1].stop:
            kept.append(span)
    return kept


# the word before a list's last item, and the count of persons after it (四名被告, 3人)
_ZH_AND = frozenset('及和与與')
_ZH_COUNT = re.compile('[一二两兩三四五六七八九十0-9]{1,2}(?:名|人|位)')


def _chinese_list(text: str, item: re.Pattern) -> list[NameSpan]:
    """Three or more three-character names joined by 、 (庞卫国、吕康明、徐鑫健、邓世豪等): runs
    of 、 four characters apart, whose items all pass ``item``, the last one may come after
    及 or 和; the list ends with 等, with a count of persons after its last item (及林景楠四名),
    or with punctuation when no Han character comes right before its first item."""
    out = []
    commas = [m.start() for m in _COMMA.finditer(text)]
    k = 0
    while k < len(commas):
        j = k
        while j + 1 < len(commas) and commas[j + 1] == commas[j] + 4:
            j += 1
        first, stop = commas[k] - 3, commas[j] + 4
        if j - k >= 1 and first >= 0 and stop <= len(text):
            starts = [first] + [c + 1 for c in commas[k:j + 1]]
            counted = False
            if text[stop:stop + 1] in _ZH_AND and item.fullmatch(text, stop + 1, stop + 4):
                # the last item after 及 / 和 (楊雪盈、劉偉聰、呂智恆及林景楠四名被告)
                starts.append(stop + 1)
                stop += 4
                counted = _ZH_COUNT.match(text, stop) is not None
            after = text[stop:stop + 1]
            ended = after == '等' or counted or (
                (not after or after in _ZH_AFTER_CHARS)
                and not (first and _CJK.match(text, first - 1)))
            if ended and all(item.fullmatch(text, a, a + 3) for a in starts):
                out.extend(NameSpan('person', a, a + 3, text[a:a + 3]) for a in starts)
        k = j + 1
    return out
