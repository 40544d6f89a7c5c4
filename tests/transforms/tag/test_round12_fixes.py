"""Issue 14, twelfth round: fixes found on real_dev7 (labelled blind, measured, then looked at),
each with the text that showed it and near misses.

- 자민당 / 자유민주당 (and 自由民主党) name both Japan's LDP and Germany's FDP: the country named
  beside it decides.
- Gazetteer build: German oblique forms of a name with a name after its noun ("der Freien
  Universität Berlin") or a hyphenated noun ("der Deutschen Presse-Agentur"), for German names
  only; a German town named after its river in the short forms the news writes
  ("Brandenburg/Havel", "Frankfurt (Main)").
- Chinese persons: the detector reads NFKC-normalised text, where a full-width bracket is
  ASCII, so a byline's "（记者陆睿）" was never matched; a byline's role apart from the name
  (编译/马晓云); titles in traditional script (科長, 立委) and more titles (a section head, a
  student, a family member); traditional function words end no name (范雲說 is 范雲).
- Korean persons before their body and title (조명균 통일부 장관) and after a title in brackets
  (한국기자협회(회장 김동훈)); Japanese persons before the title of a unit's head (富田郁朗副課長).
- Korean 북미 before talks or relations is North Korea and the US, not North America (rule 12);
  Chinese 韩军 read across 军事 ("military") is no force (rule 17); an initial that ends a
  detected name keeps its dot ("Alik K.").
- Rule 8 in German: a city after a word for a league's team ("Drittligist Bielefeld") or
  before "-Trainer", "-Profis" is the club.
- Topics: the word "sport" itself (sport, Sport, deporte, спорт, 스포츠, スポーツ) supports the
  sport topic; it had been a keyword in Chinese (体育) only.
- Data: Japan's regions (中国地方 is the Chūgoku region, not China) and main stations (東京駅),
  Korean, Japanese and Chinese names of persons, media and bodies the lists had in other
  languages only, and bodies of Korea, Japan, Taiwan, Hong Kong, Germany and Latin America.
"""
import sys
from pathlib import Path

import pytest

from tests.transforms.tag.shipped import tag_text

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / 'scripts'))


def _names(tagger, body, lang, kind='organizations'):
    return {t['name'] for t in tag_text(tagger, body, lang)[kind]}


@pytest.mark.parametrize('lang,body,party', [
    ('ko', '독일 자민당 대표는 베를린에서 연정 협상을 중단했다.', 'Free Democratic Party (Germany)'),
    ('ko', '일본 자민당 총재 선거에서 이시바 시게루가 승리했다.', 'Liberal Democratic Party (Japan)'),
    # a Japanese prime minister named is context enough
    ('ko', '자민당 총재 선거에서 이시바 시게루가 승리했다.', 'Liberal Democratic Party (Japan)'),
    ('de', 'Die FDP verlässt die Koalition in Berlin.', 'Free Democratic Party (Germany)'),
    ('ja', '自民党の総裁選で石破茂氏が勝利した。', 'Liberal Democratic Party (Japan)'),
])
def test_the_liberal_democrats_by_their_country(tagger, lang, body, party):
    assert _names(tagger, body, lang) == {party}


def test_the_korean_short_name_alone_names_no_party(tagger):
    assert _names(tagger, '자민당은 내일 회의를 연다.', 'ko') == set()


@pytest.mark.parametrize('alias,german,forms', [
    ('Freie Universität Berlin', True, ['Freien Universität Berlin']),
    ('Technische Universität München', True, ['Technischen Universität München']),
    ('Deutsche Presse-Agentur', True, ['Deutschen Presse-Agentur']),
    ('Freie Demokratische Partei', True, ['Freien Demokratischen Partei']),
    ('Europäische Union', False, ['Europäischen Union']),      # as before
    # a foreign name whose first word ends in -e is no German adjective
    ('Agence France-Presse', False, []),
    ('Lotte World Tower', False, []),
    ('Melbourne Cricket Ground', False, []),
    # a lower-case word after the noun: no name follows it
    ('Evangelische Kirche in Deutschland', True, []),
    # a hyphenated noun takes no plural -n ("Sächsischen Schweiz-Osterzgebirgen")
    ('Sächsische Schweiz-Osterzgebirge', True, ['Sächsischen Schweiz-Osterzgebirge']),
])
def test_german_oblique_forms_of_longer_names(alias, german, forms):
    import build_gazetteer as bg
    assert bg.de_phrase_forms(alias, german) == forms


@pytest.mark.parametrize('alias,forms', [
    ('Brandenburg an der Havel', ['Brandenburg/Havel', 'Brandenburg (Havel)']),
    ('Frankfurt am Main', ['Frankfurt/Main', 'Frankfurt (Main)']),
    ('Neumarkt in der Oberpfalz', ['Neumarkt/Oberpfalz', 'Neumarkt (Oberpfalz)']),
    ('Halle (Saale)', []),
    ('Brandenburg', []),
])
def test_german_towns_on_a_river(alias, forms):
    import build_gazetteer as bg
    assert bg.de_river_town_forms(alias) == forms


def test_the_genitive_of_a_slash_form_is_not_made():
    import build_gazetteer as bg
    assert bg.de_genitive('Brandenburg/Havel') == []


@pytest.mark.parametrize('lang,body,kind,expected', [
    # real_dev7 rd7-de-07: the town, not the state of Brandenburg and the river Havel
    ('de', 'Von den vier kreisfreien Städten ist nur Brandenburg/Havel dabei.', 'places',
     {'Brandenburg an der Havel'}),
    ('de', 'Die Stadt Frankfurt (Oder) liegt an der Grenze.', 'places', {'Frankfurt (Oder)'}),
    # real_dev7 rd7-de-02: the university, not an unlinked "Freien Universität"
    ('de', 'Das sagte der Parteienforscher von der Freien Universität Berlin.',
     'organizations', {'Free University of Berlin'}),
    ('de', 'Die Deutsche Presse-Agentur meldete am Montag den Rücktritt.', 'organizations',
     {'Deutsche Presse-Agentur'}),
    ('de', 'Das meldete ein Sprecher der Deutschen Presse-Agentur.', 'organizations',
     {'Deutsche Presse-Agentur'}),
])
def test_german_forms_found_in_text(tagger, lang, body, kind, expected):
    assert _names(tagger, body, lang, kind) == expected


@pytest.mark.parametrize('lang,body,kind,expected', [
    # real_dev7 rd7-ja-01: the region, not China
    ('ja', '岡山県や広島県など中国地方の被害額が大きかった。', 'places',
     {'Chūgoku region', 'Okayama Prefecture', 'Hiroshima Prefecture'}),
    ('ja', '中国政府は声明を出した。', 'places', {'China'}),
    # real_dev7 rd7-ja-03: the station, not Tokyo
    ('ja', 'ＪＲ東京駅では警備員が巡回している。', 'places', {'Tokyo Station'}),
    ('ja', 'ＪＲ東日本によると、運転を見合わせた。', 'organizations', {'East Japan Railway Company'}),
    # real_dev7 rd7-ko-03, ko-04, ko-06: Japanese ministers and a Seoul mayor in Hangul
    ('ko', '아소 다로 일본 재무상은 29일 말했다.', 'persons', {'Taro Aso'}),
    ('ko', '고노 다로 일본 외무상은 30일 이수훈 주일대사를 초치했다.', 'persons', {'Taro Kono'}),
    ('ko', '고(故) 박원순 서울시장 빈소에서 조문했다.', 'persons', {'Park Won-soon'}),
    # real_dev7 rd7-ko-04, ko-01: media in a credit and quoted
    ('ko', '[아시아경제 국제부 기자] 일본 정부가 반발했다.', 'organizations', {'Asia Business Daily'}),
    ('ko', '앞서 채널A는 정부 관계자의 말을 빌려 보도했다.', 'organizations', {'Channel A'}),
    # real_dev7 rd7-zh-02: the coast guards and the newspaper, not the US and South Korea
    ('zh', '据日本《产经新闻》报道，美国海岸警卫队和韩国海洋警察厅举行联合演练。', 'organizations',
     {'Sankei Shimbun', 'United States Coast Guard', 'Korea Coast Guard'}),
    # real_dev7 rd7-de-03: the town's name since 2007, not two towns
    ('de', 'Dessau-Roßlau (dpa) - In Dessau-Roßlau beginnen die Theatertage.', 'places',
     {'Dessau'}),
    # real_dev7 rd7-es-01, es-03: the police of Guatemala (El Salvador has one of that name),
    # a Dominican party
    ('es', 'La Policía Nacional Civil de Guatemala halló el túnel.', 'organizations',
     {'National Civil Police (Guatemala)'}),
    ('es', 'El senador del Partido Revolucionario Moderno presentó el proyecto.',
     'organizations', {'Modern Revolutionary Party'}),
])
def test_names_the_lists_lacked(tagger, lang, body, kind, expected):
    assert _names(tagger, body, lang, kind) == expected


def test_a_name_two_countries_share_needs_its_country(tagger):
    """Guatemala's and El Salvador's police share their name: without either country named,
    neither is tagged."""
    assert _names(tagger, 'La Policía Nacional Civil informó del hallazgo.', 'es') == set()


def test_extra_names_of_no_curated_entity_stop_the_build(monkeypatch):
    """extra_names.yaml applies to curated entities only; a name of a generated town there was
    dropped silently (Dessau-Roßlau), so the build now refuses it."""
    import build_gazetteer as bg
    monkeypatch.setattr(bg, '_load', lambda name: {'Dessau': {'de': ['Dessau-Roßlau']}}
                        if name == 'extra_names.yaml' else None)
    with pytest.raises(SystemExit, match="extra_names.yaml: no curated entity is named"):
        bg.build(use_babel=False)


@pytest.mark.parametrize('body,persons', [
    # real_dev7 rd7-zh-03: a byline in brackets (and real_dev6 rd6-zh-01, real_dev3 rd3-zh-06)
    ('新华社首尔12月15日电（记者陆睿）代行总统职权的韩国国务总理韩德洙15日与美国总统拜登通电话。',
     {'陆睿', 'Han Duck-soo', 'Joe Biden'}),
    # real_dev7 rd7-zh-02: the role apart from the name
    ('以便保护海洋资源和应对非法捕捞问题”等。（编译/马晓云）', {'马晓云'}),
    # real_dev7 rd7-zh-08, zh-07: a section head, in traditional script
    ('元旦連假第二天,交通部高公局交通管理組科長莊國欽今天表示,國道車流量比預期多。', {'莊國欽'}),
    ('衛生局健康管理科科長林夢蕙表示,草案內容皆是比照菸害防制法。', {'林夢蕙'}),
    # real_dev6 rd6-zh-05, zh-06, zh-12; real_dev3 rd3-zh-05; real_dev4 rd4-zh-12: more
    # titles (副区长, 副总领事, 鎮長) and what follows a name (致, 今日, 公布, 在 ... 说)
    ('重庆市渝北区人民政府副区长唐密致欢迎辞，重庆市体育局副局长杨贵山致开幕辞。', {'唐密', '杨贵山'}),
    ('中央流行疫情指揮中心發言人莊人祥今日指出,原則上不開放。', {'莊人祥'}),
    ('衞生防護中心傳染病處主任張竹君公布，本港今日新增個案。', {'張竹君'}),
    ('中国驻圣保罗总领馆副总领事孙仁安在致辞中说，圣保罗很重要。', {'孙仁安'}),
    ('14日是重陽節,金湖鎮長陳文顧與鎮民代表會主席一同出席。', {'陳文顧'}),
    # real_dev6 rd6-zh-04, zh-08, zh-07: a byline in 【】, a news agency's dateline after its
    # reporter, a Taiwanese surname the list lacked
    ('【环球时报特约记者 韩雯】韩联社援引韩国联合参谋本部消息说。', {'韩雯'}),
    ('（中央社記者邱俊欽桃園19日電）桃園市今天發生火警。', {'邱俊欽'}),
    ('參加科技公司面試是谷歌工程師簡嘉良分享的求職心法。', {'簡嘉良'}),
    # real_dev4 rd4-zh-07: traditional titles; 說 ends the name (徐國勇 is listed since round
    # 20, as Hsu Kuo-yung)
    ('內政部長徐國勇今天表示，立委林昶佐也說明了，立委范雲說，法案將再審。',
     {'Hsu Kuo-yung', '林昶佐', '范雲'}),
])
def test_chinese_persons_after_titles_and_in_bylines(tagger, body, persons):
    assert _names(tagger, body, 'zh', 'persons') == persons


@pytest.mark.parametrize('body', [
    '他说（王毅）不会来。',                    # no title: a name in brackets alone is not enough
    '记者从交通部获悉，高速公路车流量增加。',     # 记者 before a place's body, no name
    '女儿出生后，他们搬到了台北。',              # a family word before no name
    '发言人今日指出，原则上不开放。',            # a title and its verb, no name between
])
def test_no_chinese_person_without_one(tagger, body):
    assert _names(tagger, body, 'zh', 'persons') == set()


@pytest.mark.parametrize('lang,body,persons', [
    # real_dev7 rd7-ko-01, ko-06; real_dev5 rd5-ko-04
    ('ko', '스티븐 비건 미국 대북정책 특별대표가 조명균 통일부 장관을 만나 요구했다.',
     {'스티븐 비건', '조명균'}),
    ('ko', '한국기자협회(회장 김동훈)가 사과를 촉구했다.', {'김동훈'}),
    # (a minister the lists name since round 22, Kang Kyung-wha, gave way to one they do not)
    ('ko', '강민지 외교부 장관은 30일 말했다.', {'강민지'}),
    ('ja', '札幌市の山田太郎課長は話した。', {'山田太郎'}),
])
def test_korean_and_japanese_persons_before_a_body_or_a_units_title(tagger, lang, body, persons):
    assert _names(tagger, body, lang, 'persons') == persons


@pytest.mark.parametrize('lang,body', [
    ('ko', '한국의 외교부 장관은 말했다.'),       # a particle ends no name
    ('ko', '신임 외교부 장관은 말했다.'),
    ('ko', '정부의 통일부 장관 인선이 늦어진다.'),
    ('ja', '総務課長は話した。'),                 # no surname before the title
])
def test_no_korean_or_japanese_person_without_one(tagger, lang, body):
    assert _names(tagger, body, lang, 'persons') == set()


@pytest.mark.parametrize('lang,body,kind,expected', [
    # real_dev7 rd7-ko-01
    ('ko', '비건 대표가 다음 달 북미 고위급 회담 때까지 미뤄달라 요청했다.', 'places', set()),
    ('ko', '이어 북미 대화에 소극적인 북한을 향해 카드를 쓰겠다는 의도다.', 'places', {'North Korea'}),
    ('ko', '삼성전자는 북미 시장에서 점유율을 높였다.', 'places', {'North America'}),
    # real_dev7 rd7-zh-01
    ('zh', '朝鲜谴责美韩军事挑衅导致地区局势恶化。', 'organizations', set()),
    ('zh', '韩军当天在西海举行演习。', 'organizations', {'Republic of Korea Armed Forces'}),
])
def test_pairs_and_words_read_across(tagger, lang, body, kind, expected):
    assert _names(tagger, body, lang, kind) == expected


def test_an_initial_keeps_its_dot(tagger):
    """real_dev7 rd7-de-04: a police report's anonymised name."""
    out = tag_text(tagger, 'Die Feuerwehr fand den 55-jährigen Alik K. tot in seiner Wohnung.',
                   'de')
    assert [(t['name'], t['id']) for t in out['persons']] == [('Alik K.', 'nb:person:x-alik-k')]


@pytest.mark.parametrize('lang,title,body', [
    # real_dev7 rd7-ko-05: a forum on sports diplomacy (short: headline and one sentence)
    ('ko', "경기대서 31일 '스포츠외교 비전' 포럼",
     '국제스포츠전략위원회(ISF)는 31일 경기대학교에서 대한민국 스포츠외교의 현주소와 비전을 주제로 '
     '국제포럼을 연다고 30일 밝혔다.'),
    ('en', 'Sports ministers meet', 'Sports ministers met athletes before the tournament.'),
])
def test_the_word_sport_supports_the_topic(tagger, lang, title, body):
    topics = {t['id'] for t in tag_text(tagger, body, lang, title=title)['topics']}
    assert 'sport' in topics


def test_the_word_sport_alone_is_not_the_topic(tagger):
    """One supporting word is no topic: a car maker's sports car stays an economy story."""
    topics = {t['id'] for t in tag_text(
        tagger, 'The carmaker said sales of its new sports car rose, lifting quarterly profit.',
        'en', title='Carmaker profit rises')['topics']}
    assert 'sport' not in topics


@pytest.mark.parametrize('title,body,orgs,places', [
    # real_dev7 rd7-de-06
    ('Drittligist Bielefeld: Arminia trennt sich von Trainer Markus von Ahlen',
     'Die Bilanz von Bielefeld-Trainer Markus von Ahlen ist schwach.',
     {'Arminia Bielefeld'}, set()),
    ('', 'Tabellenführer Leverkusen siegt erneut.', {'Bayer 04 Leverkusen'}, set()),
    # the town: no team's word beside it
    ('', 'In Bielefeld wurde ein neues Rathaus eröffnet.', set(), {'Bielefeld'}),
    ('', 'Der Berlin-Chef der Partei trat zurück.', set(), {'Berlin'}),
])
def test_a_german_city_named_as_its_club(tagger, title, body, orgs, places):
    out = tag_text(tagger, body, 'de', title=title)
    assert {t['name'] for t in out['organizations']} == orgs
    assert {t['name'] for t in out['places']} == places


@pytest.mark.parametrize('lang,body,persons', [
    # real_dev5 rd5-zh-05: a list whose last item follows 及, and its count
    ('zh', '法官今午撤銷覆核楊雪盈、劉偉聰、呂智恆及林景楠四名被告的保釋決定。',
     {'楊雪盈', '劉偉聰', '呂智恆', '林景楠'}),
    # real_dev6 rd6-ja-01: an age at the time of an event; a family word before the name
    ('ja', '近畿財務局職員、赤木俊夫さん（当時54歳）の妻雅子さん（50）が開いた。', {'赤木俊夫', '雅子'}),
    ('ja', '会社員山田太郎容疑者（45）を逮捕した。', {'山田太郎'}),
])
def test_listed_and_aged_persons(tagger, lang, body, persons):
    assert _names(tagger, body, lang, 'persons') == persons


def test_a_list_without_count_after_a_han_word_is_no_list(tagger):
    """The counted ending is what lets a list follow another Han word: without it, 覆核 right
    before the first item keeps the old rule (the items may be a longer word's end)."""
    assert _names(tagger, '撤銷覆核楊雪盈、劉偉聰、呂智恆及林景楠的決定。', 'zh', 'persons') == set()


@pytest.mark.parametrize('body,orgs', [
    # real_dev4 rd4-zh-02, real_dev3 rd3-zh-05, real_dev5 rd5-zh-08: a country's mission
    ('新疆與中國駐澳洲大使館舉辦宣傳會。', {'中國駐澳洲大使館'}),
    ('中国驻圣保罗总领馆副总领事孙仁安在致辞中说。', {'中国驻圣保罗总领馆'}),
    # real_dev6 rd6-zh-05, real_dev4 rd4-zh-02: a city's bureau, a region's government
    ('重庆市体育局主办了这次比赛。', {'重庆市体育局'}),
    ('新疆自治區政府副主席重申立場。', {'新疆自治區政府'}),
    # an ambassador is no embassy
    ('中国驻美大使表示。', set()),
])
def test_chinese_missions_and_local_bureaus(tagger, body, orgs):
    assert _names(tagger, body, 'zh') == orgs


def test_german_parties_and_papers_in_korean(tagger):
    """real_dev6 rd6-ko-02: Germany's parties and papers as Yonhap writes them."""
    body = ('(베를린=연합뉴스) 크리스티안 린트너 자유민주당 대표는 추방을 주장했다고 일간 '
            '프랑크푸르터알게마이네차이퉁이 보도했다. 녹색당과의 협상이 결렬됐다. 일간 '
            '쥐트도이체차이퉁은 "통합 정책이 필요하다"고 말했다. 독일 사회민주당도 반대했다.')
    out = tag_text(tagger, body, 'ko')
    assert {t['name'] for t in out['organizations']} >= {
        'Free Democratic Party (Germany)', 'Frankfurter Allgemeine Zeitung',
        'Alliance 90/The Greens', 'Süddeutsche Zeitung', 'Social Democratic Party of Germany'}
    assert 'Christian Lindner' in {t['name'] for t in out['persons']}


def test_a_korean_green_party_needs_germany(tagger):
    assert _names(tagger, '녹색당은 내일 기자회견을 연다.', 'ko') == set()


@pytest.mark.parametrize('body,persons,places', [
    # real_dev6 rd6-zh-05: 罗勇 after a title is a person, not Rayong (Thailand); 北区 ends
    # 渝北区, a district of Chongqing, and is not Tokyo's Kita ward (since round 16 the
    # gazetteer has the district itself)
    ('重庆市渝北区委常委、宣传部长罗勇出席开幕式。', {'罗勇'}, {'Chongqing', 'Yubei District'}),
    ('泰国罗勇府发生洪灾。', set(), {'Rayong', 'Thailand'}),
    ('记者武汉报道。', set(), {'Wuhan'}),               # a place at home stays the place
    ('东京都北区发生火灾。', set(), {'Tokyo', 'Kita'}),   # the ward after its parent's level
])
def test_a_chinese_name_like_a_foreign_place_and_a_district_inside_another(tagger, body,
                                                                            persons, places):
    out = tag_text(tagger, body, 'zh')
    assert {t['name'] for t in out['persons']} == persons
    assert {t['name'] for t in out['places']} == places


@pytest.mark.parametrize('body,persons,places', [
    # real_dev6 rd6-ja-01: a reporter signs at the end; not the town of Matsumoto
    ('財務局は不開示決定を出している。【松本紫帆】', {'松本紫帆'}, set()),
    ('【速報】地震が発生した。', set(), set()),        # no surname: a label, not a name
    ('【東京】雨が降った。', set(), {'Tokyo'}),
])
def test_a_japanese_reporter_signing_alone(tagger, body, persons, places):
    out = tag_text(tagger, body, 'ja')
    assert {t['name'] for t in out['persons']} == persons
    assert {t['name'] for t in out['places']} == places
