"""Issue 14, thirteenth round: fixes found on real_dev8 (labelled blind, measured, then looked
at), each with the text that showed it and near misses.

- Gazetteer build: an organisation named with its country in brackets, as Wikipedia
  disambiguates it ("National Action Party (Mexico)"), is written without them in English
  text; that bare name counts with its country named only ("Federal Police" is not Germany's in
  "Australian Federal Police").
- Chinese and Japanese organisations after a place: an association (中國香港網球總會, found
  once: 香港 starts the same name inside it), a police precinct and its station
  (高雄楠梓警分局, 加昌派出所), a Japanese court by its seat (高知地裁).
- Spanish compound surnames: one more word after a particle (Diana Marlen Montes de Oca Ramos).
- "FC" with a name after it heads that name (German "Beim Topclub FC Chelsea" is FC Chelsea,
  not "Beim Topclub FC").
- Chinese persons: a unit's commander (指揮官何啟鎮 is no longer missed for want of the title;
  the name itself ends in 鎮, which the detector still reads as a town's suffix) and a byline in
  〔〕 with a slash after the name (〔記者涂鉅旻／台北報導〕).
- Data: Funabashi (GeoNames names the city of 640,000 "Honchō", so 船橋 was a neighbourhood
  called Honchō); German "Corona" is the pandemic, not Corona, California; 比例中国ブロック
  is the Chūgoku block, not China; Switzerland's Federal Council and parties, which share
  their German names with Germany's (so the German FDP now needs Germany named too); clubs
  as German news writes them (FC Chelsea, Inter Mailand); bodies, media and persons the
  lists lacked.
- "Cruz Roja" (the Red Cross) is no person named Cruz; "Mexico governor" is a governor in
  Mexico, not the State of Mexico's (rule 6 leaves a country's name alone); a Japanese place's
  bare name right before 町 or 村 is another town's name (大和町 is not Yamato, rule 18).
- German "das Bild" is a picture, "die Bild" the paper (rule 9 reads a neuter article before
  a paper named by a neuter noun); a person's name that starts a prize's is not the person
  (李光耀水源荣誉大奖, rule 19).
- Korean persons before a listed local government's head in one word (구본영 천안시장, 김동연
  경기도지사): the build writes the units' names (names/ko_local_units.txt); 주식시장
  ("stock market") names no one.
- A listed person's surname alone names the person the item names in full with it (María
  Guardiola's "equipo de Guardiola" is not Pep Guardiola) - found on real_dev9, the round's
  second blind set, after its first run.
- Japanese reporters signing at a story's end in brackets (（古畑航希、鈴木優香）) and in a
  dateline without 【】 at its start (ワシントン=清宮涼); Chinese village heads (村長胡天國說) and a
  photographer's credit with ╱ (攝影╱王大明).
- A body two places share and name together (Devon and Cornwall Police, Kent and Essex Serious
  Crime Directorate): the detector's run had stopped at "and", leaving a place and half a name.
- Rule 3's ``repeated``: a one-word alias that is also a given name or a frequent word is not
  confirmed by repetition alone ("Lawrence" three times is Renae Lawrence, "Central" the
  Central Hinds and Central Districts, not a US town and Hong Kong's Central).
- Topics: crime and technology words short items lacked; German "Brand" (fire), "Feuer",
  "überflutet", French "rafales" for disasters (Massenmörder, tueur, fusillade,
  golpeado; LTE, 이동통신, Open Source, Entwickler, Server).
"""
import sys
from pathlib import Path

import pytest

from tests.transforms.tag.shipped import tag_text

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / 'scripts'))


def _names(tagger, body, lang, kind='organizations'):
    return {t['name'] for t in tag_text(tagger, body, lang)[kind]}


def test_bare_names_of_bodies_named_with_their_country():
    import build_gazetteer as bg
    ents = [{'kind': 'place', 'type': 'country', 'country': 'MX', 'name': 'Mexico',
             'aliases': {'en': ['Mexico']}, 'ambiguous': []},
            {'kind': 'organization', 'type': 'political_party', 'country': 'MX',
             'name': 'National Action Party (Mexico)',
             'aliases': {'en': ['National Action Party (Mexico)']}, 'ambiguous': []},
            # a qualifier that is no country of the entity's: kept as it is
            {'kind': 'organization', 'type': 'company', 'country': 'RU', 'name': 'VK (company)',
             'aliases': {'en': ['VK (company)']}, 'ambiguous': []}]
    bg.add_bare_names(ents)
    assert ents[1]['aliases']['en'] == ['National Action Party (Mexico)', 'National Action Party']
    assert ents[1]['ambiguous'] == ['National Action Party']
    assert ents[2]['aliases']['en'] == ['VK (company)'] and ents[2]['ambiguous'] == []


@pytest.mark.parametrize('body,orgs', [
    ('Rafael Moreno Valle, of the conservative National Action Party, had governed Puebla, '
     'Mexico.', {'National Action Party (Mexico)'}),
    # no country named: no party (the bare name is ambiguous)
    ('The National Action Party called a meeting for Monday.', set()),
    ('Australian Federal Police Commissioner Andrew Colvin met editors in Sydney.', set()),
])
def test_a_bare_name_needs_its_country(tagger, body, orgs):
    assert _names(tagger, body, 'en') & {'National Action Party (Mexico)',
                                         'Federal Police (Germany)'} == orgs


@pytest.mark.parametrize('lang,body,orgs', [
    ('zh', '中國香港網球總會宣布，網球賽事今年10月在啟德舉行。', {'中國香港網球總會'}),
    ('zh', '高雄楠梓警分局加昌派出所員警，今天晚上在右昌街緝毒。', {'高雄楠梓警分局'}),
    ('ja', '近澤製紙所は高知地裁に自己破産を申請した。', {'高知地裁'}),
    ('ja', '長野地方裁判所は判決を言い渡した。', {'長野地方裁判所'}),
])
def test_cjk_bodies_after_a_place(tagger, lang, body, orgs):
    found = tag_text(tagger, body, lang)
    assert {t['name'] for t in found['organizations']} == orgs
    # the place that starts the name is no place of the item
    assert not {t['name'] for t in found['places']} & {'Hong Kong', 'China', 'Kaohsiung'}


def test_a_place_alone_before_such_a_word_stays_a_place(tagger):
    # 分局 needs a place right before it (up to three characters between); a place followed by
    # other words keeps its tag
    assert _names(tagger, '他今天抵達高雄，參觀港口。', 'zh', 'places') == {'Kaohsiung'}


@pytest.mark.parametrize('body,person', [
    ('Una de ellas respondía al nombre de Diana Marlen Montes de Oca Ramos, quien era juez.',
     'Diana Marlen Montes de Oca Ramos'),
    # (since round 22 the lists name María Dolores de Cospedal: a person they do not)
    ('La ministra María Teresa de Castro García habló ayer.',
     'María Teresa de Castro García'),
    # no particle: three words after the given name at most, as before
    ('Ayer Juan Carlos Pérez Gómez Ruiz Torres firmó.', 'Juan Carlos Pérez Gómez'),
])
def test_spanish_compound_surnames(tagger, body, person):
    assert person in _names(tagger, body, 'es', 'persons')


def test_fc_before_a_name_heads_it(tagger):
    orgs = _names(tagger, 'Beim Topclub FC Chelsea wollte die Eintracht ihre Serie fortsetzen.',
                  'de')
    assert orgs == {'Chelsea F.C.'}
    assert _names(tagger, 'Liverpool FC won again on Sunday.', 'en') == {'Liverpool F.C.'}


@pytest.mark.parametrize('lang,title,body,topic', [
    ('de', 'Massenmörder Breivik scheitert mit Gesuch', 'Der Mörder bleibt in Haft.',
     'crime_law'),
    ('fr', 'Le tueur de Las Vegas', 'La fusillade a fait 59 morts, le tireur est mort.',
     'crime_law'),
    ('es', 'Atacaron a un joven', 'Fue golpeado por sus agresores en un local.', 'crime_law'),
    ('ko', 'SK텔레콤 통화 장애', 'SK텔레콤의 LTE 음성통화가 이동통신 장애를 겪고 있다.',
     'technology'),
    ('de', 'Facebook schließt Parse', 'Entwickler können den Open Source Server nutzen.',
     'technology'),
])
def test_topic_words_short_items_lacked(tagger, lang, title, body, topic):
    found = tag_text(tagger, body, lang, title=title)
    assert topic in {t['id'] for t in found['topics']}


@pytest.mark.parametrize('lang,body,kind,expected', [
    ('ja', '千葉県船橋市の公園で放射線量が検出された。', 'places', {'Chiba Prefecture', 'Funabashi'}),
    ('de', 'Jeder darf fünf Corona-Selbsttests in der Apotheke abholen. Corona-Tests kosten.',
     'places', set()),
    ('ja', '小島氏は比例代表中国ブロックに重複立候補しない考えを示した。', 'places', {'Chūgoku region'}),
    ('de', 'Die Schweiz wählt den Bundesrat: Ignazio Cassis (FDP) und Alain Berset (SP).',
     # (the Swiss FDP's bare "FDP", which both parties mark ambiguous, is the one of the
     # country named: round 21; before, it gave way to the German party's, which needs Germany)
     'organizations', {'Federal Council (Switzerland)', 'Social Democratic Party of Switzerland',
                       'FDP.The Liberals'}),
    ('de', 'Der Bundesrat in Berlin stimmte zu, die FDP im Bundestag dagegen.', 'organizations',
     {'Bundesrat', 'Free Democratic Party (Germany)', 'Bundestag'}),
    ('es', 'Los paramédicos de la Cruz Roja Mexicana la trasladaron a Tijuana.', 'organizations',
     {'Mexican Red Cross'}),
    ('ru', 'Легендарный Мэнни Пакьяо проиграл кубинцу Йорденису Угасу.', 'persons',
     {'Manny Pacquiao', 'Yordenis Ugás'}),
    ('ja', '帝国データバンクによると、負債は約33億円。', 'organizations', {'Teikoku Databank'}),
])
def test_names_the_lists_lacked(tagger, lang, body, kind, expected):
    assert _names(tagger, body, lang, kind) == expected


def test_the_chinese_commander_and_the_slash_byline(tagger):
    assert _names(tagger, '〔記者涂鉅旻／台北報導〕我國向美國採購的直升機。', 'zh', 'persons') == {'涂鉅旻'}


def test_the_red_cross_is_no_person(tagger):
    assert _names(tagger, 'Los paramédicos de la Cruz Roja la trasladaron a un hospital.', 'es',
                  'persons') == set()
    assert _names(tagger, 'Penélope Cruz llegó ayer a Madrid.', 'es', 'persons') == {'Penélope Cruz'}


@pytest.mark.parametrize('body,places', [
    ('Malfunction caused copter crash that killed Mexico governor', {'Mexico'}),
    ('The New York attorney general sued the company.', {'New York (state)'}),
])
def test_a_state_office_after_a_country_is_no_state(tagger, body, places):
    assert _names(tagger, body, 'en', 'places') == places


@pytest.mark.parametrize('body,places', [
    ('旧広島6区は三原市本郷町や大和町、尾道市瀬戸田町を加えた。', {'Hiroshima', 'Mihara', 'Onomichi'}),
    ('大和市の市長が会見した。', {'Yamato'}),
    # a town's houses and its own unit's name stay
    ('京都町家の保存が課題だ。', {'Kyoto'}),
    ('広島市の町内会が集まった。', {'Hiroshima'}),
])
def test_a_japanese_place_before_another_towns_suffix(tagger, body, places):
    assert _names(tagger, body, 'ja', 'places') == places


@pytest.mark.parametrize('body,found', [
    ('Doch eine Attacke gegen zwei Journalisten trübte das Bild, sagte er in Berlin.', False),
    ('Man muss sich ein Bild machen, sagte er in Berlin.', False),
    ('Wie die Bild berichtet, ist er in Berlin.', True),
    ('Laut Bild ist er in Berlin.', True),
])
def test_the_paper_and_the_picture(tagger, body, found):
    assert ('Bild (newspaper)' in _names(tagger, body, 'de')) is found


@pytest.mark.parametrize('body,found', [
    ('荷兰微生物学家荣获今年李光耀水源荣誉大奖', False),
    ('李光耀获奖后表示感谢。', True),
    ('李光耀曾说，新加坡必须团结。', True),
])
def test_a_prize_named_after_a_person(tagger, body, found):
    assert ('Lee Kuan Yew' in _names(tagger, body, 'zh', 'persons')) is found


@pytest.mark.parametrize('body,persons', [
    ('구본영 천안시장이 구속적부심으로 3일 만에 석방됐다.', {'구본영'}),
    # (Kim Dong-yeon, listed since round 22, gave way to a governor the lists do not name)
    ('김민호 경기도지사가 기자회견을 열었다.', {'김민호'}),
    ('정동균 양평군수는 주민들과 만났다.', {'정동균'}),
    # 시장 is also "market": no listed unit before it, no person
    ('국내 주식시장이 크게 하락했다.', set()),
    ('정부 금융시장 안정 대책을 발표했다.', set()),
])
def test_korean_persons_before_a_local_head(tagger, body, persons):
    assert _names(tagger, body, 'ko', 'persons') == persons


def test_the_korean_local_units_list():
    import build_gazetteer as bg
    ents = [{'kind': 'place', 'country': 'KR', 'aliases': {'ko': ['천안시', '천안', '경기도']}},
            {'kind': 'place', 'country': 'KR', 'aliases': {'ko': ['서울특별시', '서울']}},
            {'kind': 'place', 'country': 'JP', 'aliases': {'ko': ['오사카시']}}]
    assert bg.ko_local_units(ents) == ['경기', '서울', '천안']


@pytest.mark.parametrize('body,persons', [
    ('La candidata del PP, María Guardiola, hizo campaña. Hay nervios en el equipo de Guardiola.',
     {'María Guardiola'}),
    ('Guardiola dijo que el Manchester City jugará bien.', {'Pep Guardiola'}),
    ('Pep Guardiola dijo que Guardiola no se va.', {'Pep Guardiola'}),
])
def test_a_surname_names_the_person_named_in_full(tagger, body, persons):
    assert _names(tagger, body, 'es', 'persons') == persons


@pytest.mark.parametrize('lang,title,body', [
    ('de', 'Brand in Karlsruher Autohaus', 'Ein E-Roller geriet in Brand, das Feuer griff über.'),
    ('de', 'Extreme Gewitter über Bayern', 'Vollgelaufene Keller und überflutete Straßen.'),
    ('fr', 'Tempête Ciaran', 'Des rafales à 150 km/h, la tempête s’abat sur la France.'),
])
def test_disaster_words(tagger, lang, title, body):
    assert 'disasters' in {t['id'] for t in tag_text(tagger, body, lang, title=title)['topics']}


@pytest.mark.parametrize('body,places', [
    ('Bali Nine drug smuggler Renae Lawrence was released. Lawrence spent 13 years in jail. '
     'Officials said Lawrence would be deported.', {'Bali'}),
    ('Central Hinds beat Central Districts; Central won the toss and Central batted first.', set()),
])
def test_a_repeated_word_or_given_name_is_no_place(tagger, body, places):
    assert _names(tagger, body, 'en', 'places') == places


@pytest.mark.parametrize('lang,body,persons', [
    ('ja', '県警は、現場に来た人物はいなかったとみている。（田中一郎、鈴木優香）', {'田中一郎', '鈴木優香'}),
    ('ja', 'ワシントン=清宮涼  英紙フィナンシャル・タイムズは2日報じた。', {'清宮涼'}),
    # a bracket at the end that is no signature
    ('ja', '首相は会見した。今後も続ける（東京都）', set()),
    ('zh', '當地村長胡天國說，胡家本就生活情況不好。', {'胡天國'}),
    ('zh', '報導 攝影╱王大明  胡英花說，媽媽原本就有老毛病。', {'王大明'}),
])
def test_signatures_datelines_and_village_heads(tagger, lang, body, persons):
    assert _names(tagger, body, lang, 'persons') == persons


@pytest.mark.parametrize('body,orgs', [
    ('El expresidente de la Junta de Extremadura, Juan Carlos Rodríguez Ibarra, habló ayer.',
     {'Regional Government of Extremadura'}),
    ('La Junta de Castilla y León aprobó el plan.', {'Junta of Castile and León'}),
])
def test_spanish_regional_governments(tagger, body, orgs):
    assert _names(tagger, body, 'es') == orgs


@pytest.mark.parametrize('body,orgs,places', [
    ('Officers from Devon and Cornwall Police arrested a man in Exeter.',
     {'Devon and Cornwall Police'}, {'Exeter'}),
    ('Detective Sergeant Jon Saxby of the Kent and Essex Serious Crime Directorate said it.',
     {'Kent and Essex Serious Crime Directorate'}, set()),
    # two bodies, not one: a school is no body two places share
    ('She studied at Princeton and Yale Law School.', {'Princeton University', 'Yale Law School'},
     set()),
])
def test_a_body_two_places_share(tagger, body, orgs, places):
    assert _names(tagger, body, 'en') == orgs
    assert _names(tagger, body, 'en', 'places') == places
