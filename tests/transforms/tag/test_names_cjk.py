"""Persons in Chinese, Japanese and Korean text that no list holds (transforms/tag/names_cjk.py):
the detector's spans on the texts (short excerpts) that showed them, the look-alikes it must
leave alone, and the same names through the Tagger with the shipped gazetteer.

Sources of the excerpts: real_dev rd-zh-02 (翁诗杰), real_dev2 rd2-zh-02 (庞卫国 ...) and
rd2-ja-02 (byline); codelucas/newspaper tests/data/text/chinese.txt (梁振英 ...); flairNLP/fundus
test data jp/TokyoShimbun.json, jp/SankeiShimbun.json, jp/MainichiShimbun.json,
jp/YomiuriShimbun.json; Yonhap texts in public test fixtures (조희대, 나경원 ...).
"""
import pytest

from tests.transforms.tag.shipped import tag_text
from transforms.tag.names import NameDetector, load_name_lists
from transforms.tag.names_cjk import load_cjk_names
from transforms.tag.settings import REPO_ROOT
from transforms.tag.text import nfkc

NAMES = f'{REPO_ROOT}/configs/gazetteer/names'


@pytest.fixture(scope='module')
def detector():
    return NameDetector(load_name_lists(NAMES))


def _persons(detector, text):
    norm = nfkc(text)
    return [s.text for s in detector.spans(norm) if s.kind == 'person']


@pytest.mark.parametrize('text, expected', [
    # Korean: name, a space, a title or honorific (and a particle), or the age in brackets
    ('이재명 대표는 이날 말했다. 장동혁 대표가 반박했다.', ['이재명', '장동혁']),
    ('윤미향 전 의원의 사건과 당사자인 김인섭 씨의 항소심을 심리했다.', ['윤미향', '김인섭']),
    ('조희대 대법원장은 퇴임하는 김상환 대법관의 후임으로 마용주(55·사법연수원 23기) 서울고법 부장판사를',
     ['조희대', '김상환', '마용주']),
    ('(서울=연합뉴스) 김병규 기자 = 정부가 맞벌이 부모에 대한', ['김병규']),
    ('더불어민주당 홍영표·자유한국당 나경원·바른미래당 김관영 원내대표는 국회에서', ['김관영']),
    ('남궁민수 감독이 말했다', ['남궁민수']),
    ('한동훈 전 대표와 김건희 여사, 최상목 대통령 권한대행, 류현진 투수', ['한동훈', '김건희', '최상목', '류현진']),
    # Japanese: surname + given name + title (a surname alone is no span)
    ('岸田文雄首相は15日、記者団に語った。岸田首相は', ['岸田文雄']),
    ('トヨタ自動車の豊田章男会長、安倍晋三元首相の', ['豊田章男', '安倍晋三']),
    ('逮捕を受けて同医大は13日、記者会見を開いた。清水治理事長が謝罪した。', ['清水治']),
    ('元理事長の岩本絹子容疑者（78）＝東京都江戸川区＝を逮捕した。', ['岩本絹子']),
    ('勤務しているのは、荻田卓警部補（41）と小沢俊介巡査部長（41）。', ['荻田卓', '小沢俊介']),
    ('【カイロ=久門武史、ワシントン=中村亮】イスラエルの', ['久門武史', '中村亮']),
    ('プロ野球ロッテの2年目、佐々木朗希投手が16日', ['佐々木朗希']),
    ('巨人ドラフト1位の平内龍太投手（22）がプロ初黒星を喫した。', ['平内龍太']),
    ('プロデューサーの澤田隆治（さわだ・たかはる）さんが16日', ['澤田隆治']),
    ('拘束されている。【エルサレム松岡大地、カイロ金子淳】', ['松岡大地', '金子淳']),
    # Chinese: title + name + verb or punctuation; name + title after punctuation; lists
    ('亚太“一带一路”共策会会长翁诗杰表示，国际社会高度关注', ['翁诗杰']),
    ('香港行政长官梁振英在各方压力下', ['梁振英']),
    ('直选议员黄毓民、陈伟业和社会民主连线的梁国雄先后', ['黄毓民', '陈伟业']),
    ('外交部发言人汪文斌3日表示，中国外交部长王毅周二表示', ['汪文斌', '王毅']),
    ('会谈中，王毅部长表示', ['王毅']),
    ('还委派庞卫国、吕康明、徐鑫健、邓世豪等专业讲师现场教学。',
     ['庞卫国', '吕康明', '徐鑫健', '邓世豪']),
])
def test_persons(detector, text, expected):
    assert _persons(detector, text) == expected


@pytest.mark.parametrize('text', [
    # Korean: two-syllable words, transliterations, parties, universities, places, bodies
    '신임 대표, 전직 대통령, 이 대표, 김모씨',
    '마크롱 대통령과 기시다 총리, 이시바 총리, 오바마 대통령, 이라크 대통령',
    '민주당 의원, 서울대 교수, 고려대 교수, 경기도 지사, 현대차 회장, 방통위 위원장',
    '한국인 선수, 부동산 시장, 신흥국 시장, 오리온(271560)은 주가가',
    '조선일보 기자, 한겨레 기자, 연합뉴스 기자, 신세계 회장, 전경련 회장, 노동부 장관',
    '원내 대표, 남자 선수, 유명 배우, 이번 주 회장, 한국 대표 선수, 하마스 대변인',
    '홍길동 씨름 선수가 우승했다',
    # Japanese: a surname alone, companies and towns before a title, non-name brackets
    '石破首相は林官房長官と会談した。',
    '三井物産社長と小田原市長、東京電力社長、本田技研社長、大阪府知事',
    '【北京=共同】【写真特集】【ソウル=時事通信】【独自】',
    '東京都（1951人）を上回って全国最多となった。',
    '住所不定、無職の男（２３）（死体遺棄容疑で逮捕）を再逮捕した。菅内閣の支持率は33%',
    '宮崎県の日向灘（ひゅうがなだ）で地震があった。',
    # Chinese: place + title, common words that start with a surname, adverbs, weekdays
    '北京市长表示，高原反应。金融部长说。王国部长说。',
    '部长高度重视。校长高兴地说。部长于周二表示。主任周三表示。教授曾多次表示。',
    '总统拜登说，教授表示，主席团成员，院长和副院长，部长级会议。',
    '张家口、石家庄、唐山市等',
    '据报道，韩国总统表示，黎巴嫩总理表示，孟加拉总理说，江门市长说，温州市长说。',
])
def test_no_persons(detector, text):
    assert _persons(detector, text) == []


@pytest.mark.parametrize('text, expected', [
    # foreign persons in Hangul (real_dev2 rd2-ko-01): a listed foreign given name, the
    # surname, then a title, 씨, a country or a company's title in Latin letters
    ('회장인 마이크 호와 맷 프루삭 아메리칸 비트코인 CEO도 세션에 함께 참여했다.',
     ['마이크 호', '맷 프루삭']),
    ('데이비드 삭스 미국 백악관 인공지능(AI)·크립토 차르는', ['데이비드 삭스']),
    ('법안을 발의했던 신시아 루미스 미국 상원의원은', ['신시아 루미스']),
    ('마이크 폼페이오 국무장관은 존 스미스 씨와 만났다. 마이크 호 회장은',
     ['마이크 폼페이오', '존 스미스', '마이크 호']),
    ('도널드 트럼프 주니어 씨가', ['도널드 트럼프 주니어']),
    # Japanese: katakana joined by ・ or ＝ before a title, or after a country and a title
    ('ジョン・スミス氏は、マイク・ポンペオ前国務長官と会談した。', ['ジョン・スミス', 'マイク・ポンペオ']),
    ('米国務長官のマイク・ポンペオが語った。', ['マイク・ポンペオ']),
    ('ジャン＝リュック・メランション議員が', ['ジャン=リュック・メランション']),
])
def test_foreign_persons(detector, text, expected):
    assert _persons(detector, text) == expected


@pytest.mark.parametrize('text', [
    # a particle after the word (no cue left), a microphone, a country after the given name
    '에릭 트럼프는 말했다. 마이크 앞에 선 대표는. 마이크 미국 대표. 3조 달러 규모 대표',
    # papers and companies in katakana before a company's title or no title
    'ワシントン・ポスト紙記者、ニューヨーク・タイムズ社長、フォード・モーター社長',
    'スマート・フォンの普及、レアル・マドリード監督',
])
def test_no_foreign_persons(detector, text):
    assert _persons(detector, text) == []


def test_foreign_given_names_are_optional(tmp_path):
    # a names folder without ko_foreign_given.txt: the Korean foreign-name rule is off (and
    # without ko_local_units.txt, the local-head rule)
    for name in ('given_names.txt', 'common_words.txt', 'ko_surnames.txt', 'ja_surnames.txt',
                 'zh_surnames.txt'):
        (tmp_path / name).write_text((open(f'{NAMES}/{name}', encoding='utf-8').read()),
                                     encoding='utf-8')
    own = NameDetector(load_name_lists(str(tmp_path)))
    assert own.spans(nfkc('마이크 폼페이오 국무장관은')) == []
    assert [s.text for s in own.spans(nfkc('이재명 대표는'))] == ['이재명']
    # ... nor ko_local_units.txt: no Korean person before a local government's head, no error
    assert own.spans(nfkc('구본영 천안시장이 석방됐다.')) == []


def test_spans_do_not_overlap_transliterated_names(detector):
    text = nfkc('美国宇航局发言人丹尼尔·霍特(Daniel Huot)表示，会长翁诗杰表示')
    spans = detector.spans(text)
    assert [s.text for s in spans] == ['丹尼尔·霍特', '翁诗杰']


def test_surname_lists_come_with_the_names_folder(tmp_path):
    names = load_cjk_names(NAMES)
    assert '김' not in names.ja_surnames and '佐藤' in names.ja_surnames
    assert load_name_lists(NAMES).cjk is not None
    # a names folder of the user's own without the surname lists: no Han/Hangul persons,
    # the other shapes as before
    for name in ('given_names.txt', 'common_words.txt'):
        (tmp_path / name).write_text((open(f'{NAMES}/{name}', encoding='utf-8').read()),
                                     encoding='utf-8')
    own = NameDetector(load_name_lists(str(tmp_path)))
    assert load_name_lists(str(tmp_path)).cjk is None
    assert own.spans(nfkc('亚太“一带一路”共策会会长翁诗杰表示，')) == []
    assert [s.text for s in own.spans('Foreign Minister Wang Yi said')] == ['Wang Yi']


def _tagged_persons(tagger, text, lang):
    return {t['name']: t for t in tag_text(tagger, text, lang)['persons']}


@pytest.mark.parametrize('text, lang, name', [
    # (翁诗杰 of this excerpt is listed since round 15: Ong Tee Keat)
    ('美中合作基金会执行主席约翰·米勒-怀特认为，共同繁荣还是互相毁灭，这是两国面临的抉择。', 'zh',
     '约翰·米勒-怀特'),
    ('(서울=연합뉴스) 김병규 기자 = 정부가 맞벌이 부모에 대한 보육 지원 대책을', 'ko', '김병규'),
    ('トヨタ自動車の佐藤恒治社長は15日、記者団に語った。', 'ja', '佐藤恒治'),
    ('맷 프루삭 아메리칸 비트코인 CEO도 세션에 함께 참여했다.', 'ko', '맷 프루삭'),
])
def test_unlinked_person_tags(tagger, text, lang, name):
    persons = _tagged_persons(tagger, text, lang)
    assert name in persons
    assert persons[name]['linked'] is False


@pytest.mark.parametrize('text, name', [
    ('佐藤恒治社長は語った。佐藤社長は', '佐藤恒治'),
    # the gazetteer links the full name and has no alias for the surname alone
    ('岸田文雄首相は語った。岸田首相は', 'Fumio Kishida'),
])
def test_japanese_surname_mention_adds_no_person(tagger, text, name):
    assert list(_tagged_persons(tagger, text, 'ja')) == [name]


def test_listed_person_wins(tagger):
    # the gazetteer knows 王毅: the detected span gives way to the linked entity
    persons = _tagged_persons(tagger, '国务院总理李强表示，中方愿同各方合作。', 'zh')
    assert list(persons) == ['Li Qiang'] and persons['Li Qiang'].get('linked', True)
