"""Issue 14, fifteenth round: fixes found on real_dev12 (labelled blind, measured, then looked
at), each with the text that showed it and near misses.

- A person the detector finds in a Russian text whose name sounds like one listed person's
  English name is that person ("Джеймс Коми" is James Comey): 1,383 of the gazetteer's 1,875
  persons have no Russian alias (:mod:`transforms.tag.sounds`).
- A given name and a word after it, past a particle later in a run, are where the person
  starts ("le maire de la Ville de Genève Sami Kanaan"), and the word for a city before "de"
  starts no person ("la Ville de Genève": Ville is also a Finnish given name).
- A title in the plural starts no person ("Lord Justices Clarke and Rix").
- A German company's name before its legal form holds no connector ("in dem Lager der Ingmar
  Heuer GmbH" names Ingmar Heuer GmbH).

Found on real_dev13 (labelled blind, measured, then looked at):

- A Spanish second surname that is also a word ends no name: the person is named by the first
  ("Daniel Quintero Calle": Daniel Quintero, not the Chilean town Quintero); not after a school
  or street named after a person ("el IES Antonio Menárguez Costa").
- A Korean province's or city's organs written right after it are the organisation, and no
  place (강원도청, the provincial office a swimmer competes for).
- Rule 24: an AP-style state or province abbreviation after a place and a comma names the state
  ("WYNNE, Ark. (AP)", "St. John's, N.L."), and a place of another country right before the
  comma is not meant (Paris, Tex.).
- Quebec, the province, is in the gazetteer (the bare name had gone to the city, which is
  Quebec City).
- Rule 25: a country in a team's place in a sports report names its national team, an unlinked
  organisation named as English Wikipedia titles it (real_dev10, 11 and 13 label 13 such teams).

Found on real_dev14 (labelled blind, measured, then looked at):

- A Japanese or Chinese university named by its town is the organisation, not the town
  (神戸大学), but not after a country (美国大学, "American universities").
- A Chinese byline's reporters separated by spaces are each a person ((记者 赵承 李斌 李靖)).
- Rule 26: a place right after the surname of a person the item names in full is a Spanish
  second surname ("Monte Alejandro Rubido ... señaló Rubido García" is not García, Nuevo León).
- The bare 红十字会 of Chinese news is the Red Cross Society of China, not the ICRC.
"""
import pytest

from tests.transforms.tag.shipped import tag_text
from transforms.tag.sounds import SoundIndex, sound_keys


def _names(tagger, body, lang, kind='organizations', title=''):
    return {t['name'] for t in tag_text(tagger, body, lang, title)[kind]}


@pytest.mark.parametrize('russian,latin', [
    ('Джеймс Коми', 'James Comey'),
    ('Роберт Мюллер', 'Robert Mueller'),
    ('Маркус Зёдер', 'Markus Söder'),
    ('Жан-Люк Меланшон', 'Jean-Luc Mélenchon'),
    ('Чак Шумер', 'Chuck Schumer'),
    ('Митч Макконнелл', 'Mitch McConnell'),
    ('Кеми Баденок', 'Kemi Badenoch'),
    ('Кристиан Линднер', 'Christian Lindner'),
    ('Майкл Видениус', 'Michael Widenius'),
    ('Кондолиза Райс', 'Condoleezza Rice'),
    ('Юрген Клопп', 'Jürgen Klopp'),
    ('Уильям Бёрнс', 'William Burns'),
    ('Олаф Шольц', 'Olaf Scholz'),
])
def test_a_russian_spelling_sounds_like_the_latin_name(russian, latin):
    assert sound_keys(russian) & sound_keys(latin)


@pytest.mark.parametrize('russian,latin', [
    # the surname's vowels differ: another person
    ('Сергей Борин', 'Sergey Brin'),
    ('Борис Эллисон', 'Boris Yeltsin'),
    ('Давид Сулеймани', 'David Solomon'),
    ('Виктор Симоньян', 'Victor Osimhen'),
    # a surname's ch is sounded (Кучма), not silent as in Bach
    ('Леонид Киму', 'Leonid Kuchma'),
])
def test_a_different_name_does_not_sound_alike(russian, latin):
    assert not sound_keys(russian) & sound_keys(latin)


@pytest.mark.parametrize('name', [
    'Джон Карри',           # four consonants: John Curry and John Kerry sound alike
    'Ли Бо',
    '王毅',
    'Иван',                  # one word: still a key, but no listed full name has one word
])
def test_a_short_or_foreign_script_name_gives_no_key_or_no_link(name):
    index = SoundIndex([(0, ['John Kerry']), (1, ['Li Bo']), (2, ['Ivan Petrov'])])
    assert index.get(name) is None


def test_two_listed_persons_of_one_sound_link_neither():
    index = SoundIndex([(0, ['Robert Mueller']), (1, ['Robert Müller']), (2, ['James Comey'])])
    assert index.get('Роберт Мюллер') is None
    assert index.get('Джеймс Коми') == 2
    assert index.get('James Comey') is None          # Latin text is the alias matcher's


@pytest.mark.parametrize('body,persons', [
    ('Бывший директор ФБР Джеймс Коми заявил, что спецпрокурор Роберт Мюллер ничего не '
     'скрывал.', {'James Comey', 'Robert Mueller'}),
    # in an oblique case: the detector's nominative is what sounds alike
    ('Президент встретился с Робертом Мюллером и Чаком Шумером в Вашингтоне.',
     {'Robert Mueller', 'Chuck Schumer'}),
])
def test_a_russian_spelling_is_the_listed_person(tagger, body, persons):
    found = tag_text(tagger, body, 'ru')['persons']
    assert {t['name'] for t in found} == persons
    assert all(t.get('linked', True) for t in found)


@pytest.mark.parametrize('body,person', [
    # (round 18 listed David Davis, this test's first example: a name no list holds now)
    ('Вслед за Дэниелом Харпером в отставку подал и министр.', 'Дэниел Харпер'),
    ('Об этом сообщил Джон Карри, представитель компании.', 'Джон Карри'),
])
def test_an_unlisted_russian_name_stays_unlinked(tagger, body, person):
    found = tag_text(tagger, body, 'ru')['persons']
    assert [(t['name'], t.get('linked')) for t in found] == [(person, False)]


@pytest.mark.parametrize('body,persons,places', [
    ("«Le rapport de confiance a été ébranlé», a admis le maire de la Ville de Genève Sami "
     "Kanaan, dans une interview.", {'Sami Kanaan'}, {'Geneva'}),
    ("Le scandale des notes de frais de la Ville de Genève a provoqué un séisme.", set(),
     {'Geneva'}),
    # near misses: particles inside a person's name stay
    ("Le général Charles de Gaulle a parlé.", {'Charles de Gaulle'}, set()),
    ("Selon Pierre de Villiers, l'armée manque de moyens.", {'Pierre de Villiers'}, set()),
])
def test_the_city_of_a_place_is_no_person(tagger, body, persons, places):
    tags = tag_text(tagger, body, 'fr')
    assert {t['name'] for t in tags['persons']} == persons
    assert places <= {t['name'] for t in tags['places']}


def test_a_title_in_the_plural_starts_no_person(tagger):
    body = ('The police were urging Lord Chief Justice and Lord Justices Clarke and Rix to '
            'overturn the ruling.')
    assert not _names(tagger, body, 'en', 'persons')


@pytest.mark.parametrize('body,org', [
    ('Bunte Kisten mit Obst stapeln sich in dem Lager der Ingmar Heuer GmbH meterhoch.',
     'Ingmar Heuer GmbH'),
    ('Die Kauffrau leitet seit Jahren die Gabi Eutemüller KG in Hamburg.',
     'Gabi Eutemüller KG'),
])
def test_a_german_company_before_its_legal_form_holds_no_article(tagger, body, org):
    assert org in _names(tagger, body, 'de')


@pytest.mark.parametrize('body,persons', [
    # (round 19: the text that showed it names Daniel Quintero Calle, since listed; the
    # detector's case is an unlisted person's)
    ('El exconcejal Mauricio Herrera Calle hizo una polémica propuesta en una entrevista '
     'reciente en la revista, que se publicó por la tarde.', {'Mauricio Herrera'}),
    ('El exalcalde Daniel Quintero Calle hizo una polémica propuesta en una entrevista reciente '
     'en la revista, que se publicó por la tarde.', {'Daniel Quintero Calle'}),
    # near misses: a school named after a person; two surnames of which neither is a word
    ('Servicios administrativos, en el IES Antonio Menárguez Costa, en Los Alcázares, y el de '
     'Agro-jardinería, que se imparte por la tarde.', set()),
    ('El presidente Gustavo Petro Urrego dijo que el país no funciona por la crisis.',
     {'Gustavo Petro'}),
])
def test_a_spanish_second_surname_that_is_a_word(tagger, body, persons):
    tags = tag_text(tagger, body, 'es')
    assert {t['name'] for t in tags['persons']} == persons
    assert 'Quintero' not in {t['name'] for t in tags['places']}


def test_a_korean_provinces_office_is_an_organisation_not_the_place(tagger):
    body = ('한국 최초로 세계수영선수권 자유형 200m 챔피언에 오른 황선우(20·강원도청)가 '
            '자유형 100m에서도 도전한다.')
    tags = tag_text(tagger, body, 'ko')
    assert '강원도청' in {t['name'] for t in tags['organizations']}
    assert 'Gangwon Province' not in {t['name'] for t in tags['places']}
    # near miss: the province itself
    tags = tag_text(tagger, '강원도 춘천시에서 열린 대회에 많은 관중이 모였다.', 'ko')
    assert 'Gangwon Province' in {t['name'] for t in tags['places']}


@pytest.mark.parametrize('body,wanted,unwanted', [
    ('WYNNE, Ark. (AP) - Residents across a wide swath of the U.S. raced Sunday to assess the '
     'destruction.', {'Arkansas'}, set()),
    ("He owns a brewery in St. John's, N.L. \"It's like death by a thousand cuts.\"",
     {'Newfoundland and Labrador'}, {"St. John's"}),
    ('Prices rose in Halifax, N.S., and in Victoria, B.C., last year.',
     {'Nova Scotia', 'British Columbia'}, set()),
    ('She moved to Paris, Tex., last year.', {'Texas'}, {'Paris'}),
    # near misses: no place before the comma, or no abbreviation
    ("It was Noah's Ark. It was big, La. he said.", set(), {'Arkansas', 'Louisiana'}),
    ('They met in Paris, France, last year.', {'Paris', 'France'}, {'Texas'}),
])
def test_an_ap_state_abbreviation_names_the_state(tagger, body, wanted, unwanted):
    places = {t['name'] for t in tag_text(tagger, body, 'en')['places']}
    assert wanted <= places
    assert not unwanted & places


@pytest.mark.parametrize('lang,body,place', [
    ('en', 'Quebec Premier François Legault said the province will sue Ottawa.', 'Quebec'),
    ('fr', 'Le gouvernement du Québec a annoncé de nouvelles mesures.', 'Quebec'),
    ('en', 'The summit opened in Quebec City on Friday.', 'Quebec City'),
])
def test_quebec_the_province_and_quebec_city(tagger, lang, body, place):
    assert place in {t['name'] for t in tag_text(tagger, body, lang)['places']}


# Data the dev sets lacked (real_dev12, real_dev13), each in the text that showed it
@pytest.mark.parametrize('lang,body,kind,name', [
    ('ru', 'Армения подала жалобу на Турцию в Европейский суд по правам человека.',
     'organizations', 'European Court of Human Rights'),
    ('ru', 'Он также является старшим исследователем в Колумбийском университете.',
     'organizations', 'Columbia University'),
    ('de', 'Die USA stünden vor einer Bedrohung durch eine immer extremistischer werdende '
           'Demokratische Partei, sagte die Sprecherin des US-Präsidenten Donald Trump.',
     'organizations', 'Democratic Party (United States)'),
    ('en', 'They had appealed against a High Court decision in London. Three Appeal Court '
           'judges dismissed both appeals, Gloucestershire Police said.',
     'organizations', 'Court of Appeal (England and Wales)'),
    ('zh', '外相在上月27日，致函前港督彭定康指，事件引起關注。', 'persons', 'Chris Patten'),
    ('zh', '總商會理事、經民聯商界立法會議員林健鋒形容會面坦誠。', 'organizations',
     'Business and Professionals Alliance for Hong Kong'),
    ('zh', '電視台:疑亞洲航空物體在爪哇海漂流', 'organizations', 'AirAsia'),
    ('zh', '山東、湖北及內蒙亦傳出教堂建築及十字架被拆消息。', 'places', 'Inner Mongolia'),
    ('ja', '元横綱稀勢の里、笑顔でハイタッチ　「地元に恩返しを」', 'persons', 'Kisenosato Yutaka'),
    ('ko', '황선우는 15일 카타르 도하에서 열린 2024 국제수영연맹 세계선수권대회 준결승에서 3위에 올랐다.',
     'organizations', 'World Aquatics'),
])
def test_data_the_dev_sets_lacked(tagger, lang, body, kind, name):
    assert name in _names(tagger, body, lang, kind)


def test_a_us_party_in_german_needs_the_us_named(tagger):
    body = 'Die Demokratische Partei Japans hat die Wahl verloren.'
    assert 'Democratic Party (United States)' not in _names(tagger, body, 'de')


@pytest.mark.parametrize('body,persons', [
    ('當地已有兩名天主教神職人員崔泰助理主教和副主教章建林神父，3月底被當局帶走拘留。',
     {'崔泰', '章建林'}),
])
def test_chinese_clergy_titles_name_a_person(tagger, body, persons):
    assert persons <= _names(tagger, body, 'zh', 'persons')


def test_oakland_in_japanese_is_not_auckland_without_new_zealand(tagger):
    body = ('大リーグ・アスレチックスの藤浪晋太郎選手が1日、本拠地のオークランドで行われた'
            'エンゼルス戦に先発した。')
    assert 'Auckland' not in _names(tagger, body, 'ja', 'places')
    body = 'ニュージーランド最大の都市オークランドで1日、大規模な停電が起きた。'
    assert 'Auckland' in _names(tagger, body, 'ja', 'places')


@pytest.mark.parametrize('lang,title,body,topic', [
    ('zh', '電視台:疑亞洲航空物體在爪哇海漂流',
     '印尼電視台畫面顯示,爪哇海海面今天出現物體漂流,1名官員表示,可能是失聯的亞洲航空客機殘骸。',
     'disasters'),
    ('ru', 'В Липецке стартовал месячник борьбы со СПИДом',
     'В городе проходят мероприятия, посвящённые профилактике ВИЧ-инфекции и СПИДа.', 'health'),
    ('ja', '東証、午前終値は続伸', '東証株価指数は続伸し、日経平均株価も上昇した。', 'economy'),
    ('ko', '유엔 사무총장 "라파 전면적 공세 파괴적 결과 초래할 것"',
     '팔레스타인 가자지구 남부 라파에 대한 이스라엘 군의 공세는 파괴적 결과를 초래할 것이라고 '
     '유엔 사무총장이 경고했다. 공습도 이어졌다.', 'conflict_defence'),
])
def test_short_items_reach_their_topic(tagger, lang, title, body, topic):
    assert topic in {t['id'] for t in tag_text(tagger, body, lang, title)['topics']}


def _teams(tagger, body, lang, title=''):
    return {t['name'] for t in tag_text(tagger, body, lang, title)['organizations']
            if 'national' in t['name']}


@pytest.mark.parametrize('lang,title,body,teams', [
    ('de', 'WM-Qualifikationsspiel in Frankreich beginnt mit Schweigeminute',
     'Vor den Toren des Stade de France hatte die Terrornacht begonnen, während Frankreich ein '
     'Länderspiel gegen Deutschland absolvierte. Frankreich gewann gegen Schweden dank der Tore '
     'von Paul Pogba (58.) und Dimitry Payet (65.) 2:1 (0:0).',
     {'France national football team', 'Sweden national football team',
      'Germany national football team'}),
    ('ja', '日本代表の快勝にセルジオ氏',
     '南アフリカW杯で第3戦を迎えた日本代表は、強豪デンマーク代表を相手に3-1と快勝した。'
     '次戦のパラグアイ戦については気を引き締めた。',
     {'Japan national football team', 'Denmark national football team',
      'Paraguay national football team'}),
    ('ru', 'Евротур. Россия - Финляндия',
     'Трансляция матча этапа Евротура между сборными России и Финляндии состоится сегодня в '
     'Хельсинки.',
     {"Russia men's national ice hockey team", "Finland men's national ice hockey team"}),
    ('ko', '한일 축구 평가전', '한국 축구 대표팀이 일본 도쿄에서 열린 평가전에서 일본을 1-0으로 이겼다.',
     {'South Korea national football team'}),
    ('zh', '中国女排3比1战胜巴西', '在巴黎奥运会女排小组赛中，中国女排以3比1战胜巴西队，取得两连胜。',
     {"Brazil women's national volleyball team"}),
    ('en', 'Germany start World Cup with win over Curacao',
     'Germany comprehensively beat Curacao 7-1 in their World Cup opener. Curacao were cheered '
     'on by rousing fans.', {'Curaçao national football team'}),
])
def test_a_country_in_a_teams_place_names_its_national_team(tagger, lang, title, body, teams):
    assert teams <= _teams(tagger, body, lang, title)


@pytest.mark.parametrize('lang,body', [
    # no sports report: a war, a delegation, troops
    ('en', 'Ukraine beat back a Russian assault near Kharkiv, the general staff said.'),
    ('ja', '日本代表団は国連の会議で演説した。'),
    ('zh', '中国军队和俄罗斯军队举行联合演习。'),
    ('de', 'Deutschland gewann an Einfluss gegenüber Frankreich, sagte der Minister.'),
])
def test_no_team_outside_a_sports_report(tagger, lang, body):
    assert not _teams(tagger, body, lang)


def test_the_team_is_unlinked_and_the_country_stays_a_place(tagger):
    tags = tag_text(tagger, 'Frankreich gewann gegen Schweden 2:1 in der WM-Qualifikation.', 'de')
    team = [t for t in tags['organizations'] if t['name'] == 'Sweden national football team']
    assert team and team[0]['linked'] is False
    assert team[0]['id'] == 'nb:organization:x-sweden-national-football-team'
    assert {'France', 'Sweden'} <= {t['name'] for t in tags['places']}



@pytest.mark.parametrize('lang,body,org,place', [
    ('ja', '神戸大学の臼井文彦特命助教などのグループは分析した。', '神戸大学', None),
    ('zh', '他毕业于武汉大学，后来在北京工作。', None, 'Wuhan'),
])
def test_a_university_named_by_its_town_is_no_mention_of_the_town(tagger, lang, body, org,
                                                                   place):
    tags = tag_text(tagger, body, lang)
    orgs = {t['name'] for t in tags['organizations']}
    places = {t['name'] for t in tags['places']}
    assert 'Kobe' not in places and 'Wuhan' not in places
    assert org is None or org in orgs or 'Kobe University' in orgs
    # near miss: a country before 大学 is "universities of" it, and stays a place
    assert 'United States' in _names(tagger, '北京大学和美国大学的学生交流。', 'zh', 'places')


def test_a_chinese_bylines_reporters_by_spaces(tagger):
    body = '新华网天津10月25日电(记者 赵承 李斌 李靖)10月24日至25日，温家宝在天津考察。'
    assert {'赵承', '李斌', '李靖', 'Wen Jiabao'} <= _names(tagger, body, 'zh', 'persons')
    # near miss: a space after a spokesperson's name is no list
    assert _names(tagger, '外交部发言人毛宁 表示，中方反对。', 'zh', 'persons') == {'Mao Ning'}


def test_a_spanish_second_surname_is_no_place(tagger):
    body = ('Monte Alejandro Rubido, secretario ejecutivo del Sistema Nacional de Seguridad '
            'Pública, habló en México. Los detenidos fueron trasladados a la capital, señaló '
            'Rubido García.')
    assert 'García' not in _names(tagger, body, 'es', 'places')


def test_the_red_cross_of_chinese_news_is_chinas(tagger):
    body = '提起郭美美，很多人把她和红十字会联系起来。'
    orgs = _names(tagger, body, 'zh')
    assert 'Red Cross Society of China' in orgs
    assert 'International Committee of the Red Cross' not in orgs


@pytest.mark.parametrize('lang,body,kind,name', [
    ('fr', 'Le Grand prix du Festival de Cannes a été décerné à Spike Lee pour «BlacKkKlansman».',
     'persons', 'Spike Lee'),
    ('de', 'Die Demokraten werfen der Trump-Regierung vor, eine Agenda der Öl- und Gasindustrie '
           'zu verfolgen, sagte ein Sprecher in Washington.', 'organizations',
     'Democratic Party (United States)'),
    ('es', 'Las Fuerzas Armadas, encabezadas por Husein Tantaui, asumieron el poder en Egipto.',
     'persons', 'Mohamed Hussein Tantawi'),
    ('ru', 'Роман Протасевич и Степан Путило создали канал в Белоруссии.', 'persons',
     'Stsiapan Putsila'),
])
def test_data_real_dev14_lacked(tagger, lang, body, kind, name):
    assert name in _names(tagger, body, lang, kind)


def test_a_state_prosecutor_is_not_spains_without_spain(tagger):
    body = ('La Fiscalía General del Estado de Baja California detuvo a dos hombres en Tijuana, '
            'México.')
    assert "Attorney General's Office (Spain)" not in _names(tagger, body, 'es')


def test_indonesian_news_of_korea_names_koreas_bodies(tagger):
    """The shipped sample samples/articles/002_*: Indonesian news of Korea's martial law
    (Antara) had tagged Indonesia's Democratic Party and finance ministry."""
    body = ('Ribuan warga berkumpul di depan gedung Majelis Nasional di Seoul, Korea Selatan. '
            'Partai Demokrat, partai oposisi utama, menyatakan akan mengajukan mosi pemakzulan '
            'terhadap presiden Yoon Suk Yeol, sementara Kementerian Keuangan menyatakan siap '
            'menyediakan likuiditas. © Antara 2024')
    orgs = _names(tagger, body, 'id')
    assert {'Democratic Party of Korea', 'National Assembly (South Korea)',
            'Ministry of Economy and Finance (South Korea)'} <= orgs
    assert not {'Democratic Party (Indonesia)', 'Ministry of Finance (Indonesia)'} & orgs
    # near miss: Indonesia's own party in Indonesian news of Indonesia
    body = 'Partai Demokrat menang dalam pemilu di Jakarta, kata Susilo Bambang Yudhoyono.'
    assert 'Democratic Party (Indonesia)' in _names(tagger, body, 'id')


@pytest.mark.parametrize('lang,body,kind,unwanted', [
    # shipped samples: a title whose first word is also a given name (Vice, Croatian) ...
    ('en', 'Samsung named a new chip chief, Vice Chairman Jun said on Monday in Seoul.',
     'persons', 'Vice Chairman Jun'),
    # ... and Christmas in Indonesian, which is a Brazilian city's name
    ('id', 'BMKG memperingatkan potensi cuaca ekstrem selama libur Natal dan Tahun Baru di '
           'Jakarta dan Bali.', 'places', 'Natal'),
])
def test_shipped_samples_false_alarms(tagger, lang, body, kind, unwanted):
    assert unwanted not in _names(tagger, body, lang, kind)


def test_a_surname_that_is_a_title_word_elsewhere_stays(tagger):
    assert 'Stephen King' in _names(tagger, 'Stephen King wrote the book in Maine.', 'en',
                                    'persons')
