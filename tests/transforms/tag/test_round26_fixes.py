"""Issue 14, twenty-sixth round: what real_dev28 (kept unseen through round 25) showed, fixed by
family where there was one, and measured on a new blind set (real_dev29) kept unseen meanwhile.

- Russian lists several oblasts or krais before one plural noun (в Псковской, Тверской и
  Тульской областях): each adjective names its region (rule 38).
- A given name's run of capitalised words that holds a title-case headline's small word
  ("Young Boy At New Mexico Compound") is no person; an office before "de" starts no body's
  name (el CEO de McLaren Group).
- Names the lists lacked: foreign ministries in Russian (МИД Турции), North Korea's provinces,
  the self-proclaimed Donbas republics and the militia named after one, Samjiyon and Pocheon,
  TASS and Seoul National University as Korean and Japanese news shorten them, Changan
  Automobile, Bahrain's Spanish press spelling, Zak Brown and Carlos Sainz Jr.
- Chinese words GeoNames holds as places: 安康 (well-being), 老城区 (the old town).
- Topic words short items and reports lacked: mental health, a climber's and a tennis player's
  sport, an autopsy, investigators, connected cars.
"""
import pytest

from tests.transforms.tag.shipped import tag_names as _names, tag_topics as _topics
from transforms.tag.context import russian_region_adjectives


# --- rule 38: Russian regions listed before one noun ---------------------------------------------

@pytest.mark.parametrize('body,want', [
    ('По словам Голиковой, чаще всего онкологические заболевания становились причиной смерти в '
     'Псковской, Тверской, Тульской и Орловской областях, а также в Севастополе.',
     {'Pskov Oblast', 'Tver Oblast', 'Tula Oblast', 'Oryol Oblast', 'Sevastopol'}),
    ('Жители Московской и Ленинградской областей жалуются на пробки.',
     {'Moscow Oblast', 'Leningrad Oblast'}),
    ('Лесные пожары бушуют в Краснодарском и Ставропольском краях.',
     {'Krasnodar Krai', 'Stavropol Krai'}),
    ('Обстрелы продолжаются в Донецкой и Луганской областях.',
     {'Donetsk Oblast', 'Luhansk Oblast'}),
])
def test_russian_regions_listed_before_one_plural_noun(tagger, body, want):
    assert want <= _names(tagger, body, 'ru', 'places')


def test_adjectives_of_no_region_name_none(tagger):
    body = 'Учёные работают в Новой и Старой областях науки, а не в Большой и Малой.'
    assert _names(tagger, body, 'ru', 'places') == set()


def test_the_region_table_leaves_out_an_adjective_two_regions_share():
    class E:
        def __init__(self, aliases):
            self.kind, self.type, self.aliases = 'place', 'region', aliases
    tables = russian_region_adjectives([
        E([('ru', 'Псковская область')]), E([('ru', 'Северная область')]),
        E([('ru', 'Северная область')]), E([('ru', 'Пермский край')]),
        E([('en', 'Tver Oblast')])])
    assert tables['обл'] == {'Псковская': 0, 'Псковской': 0, 'Псковскую': 0}
    assert tables['кра']['Пермском'] == 3 and tables['кра']['Пермского'] == 3


# --- headlines and offices ---------------------------------------------------------------------

def test_a_title_case_headline_is_no_person(tagger):
    title = 'Deputies Find Remains Of Young Boy At New Mexico Compound'
    assert _names(tagger, 'Investigators are trying to identify the remains.', 'en', 'persons',
                  title=title) == set()


def test_a_person_named_in_a_sentence_stays(tagger):
    body = 'Investigators said Maria Kowalski was found at her home in Taos.'
    assert 'Maria Kowalski' in _names(tagger, body, 'en', 'persons')


def test_an_office_before_de_starts_no_body(tagger):
    names = _names(tagger, 'No hay casi nada de diferencia, destaca el CEO de McLaren Group.',
                   'es', 'organizations')
    assert 'McLaren Group' in names and not any(n.startswith('CEO') for n in names)


# --- names the lists lacked ---------------------------------------------------------------------

@pytest.mark.parametrize('body,lang,kind,name', [
    ('Глава МИД Турции Мевлют Чавушоглу заявил, что Анкара выйдет из соглашения.', 'ru',
     'organizations', 'Ministry of Foreign Affairs (Turkey)'),
    ('Глава МИД Турции Мевлют Чавушоглу заявил, что Анкара выйдет из соглашения.', 'ru',
     'persons', 'Mevlüt Çavuşoğlu'),
    ('Представитель МИД Японии прокомментировал ситуацию.', 'ru', 'organizations',
     'Ministry of Foreign Affairs (Japan)'),
    ('Выборы прошли в ДНР и ЛНР 11 ноября.', 'ru', 'places', "Donetsk People's Republic"),
    ('Выборы прошли в ДНР и ЛНР 11 ноября.', 'ru', 'places', "Luhansk People's Republic"),
    ('Pese a la imagen de Carlos Sainz en el inicio del GP de Bahréin.', 'es', 'places',
     'Bahrain'),
    ('Zak Brown es consciente de que el equipo austriaco irá superando sus problemas.', 'es',
     'persons', 'Zak Brown'),
    ('Carlos Sainz Jr. finished fifth for McLaren.', 'en', 'persons', 'Carlos Sainz Jr.'),
    ('러시아 타스 통신은 26일 평양 특파원발 기사에서 전했다.', 'ko', 'organizations', 'TASS'),
    ('김 위원장이 양강도 삼지연시 건설 노동자에게 감사 인사를 전했다.', 'ko', 'places',
     'Ryanggang Province'),
    ('김 위원장이 양강도 삼지연시 건설 노동자에게 감사 인사를 전했다.', 'ko', 'places',
     'Samjiyon'),
    ('함경북도 청진시에서 홍수가 발생했다.', 'ko', 'places', 'North Hamgyong Province'),
    ('ソウル大卒業後、判事や検事などを経て政界入りした。', 'ja', 'organizations',
     'Seoul National University'),
    ('抱川市で火災が発生した。', 'ja', 'places', 'Pocheon'),
    ('1 月 11 日，长安汽车股份有限公司与中国移动在重庆签署了战略合作协议。', 'zh',
     'organizations', 'Changan Automobile'),
    ('陕西安康市发生地震。', 'zh', 'places', 'Ankang'),
])
def test_names_the_lists_lacked(tagger, body, lang, kind, name):
    assert name in _names(tagger, body, lang, kind)


def test_the_militia_named_after_the_republic_is_no_place(tagger):
    body = 'Вертолет сбили, по информации Народной милиции ДНР.'
    assert "Donetsk People's Militia" in _names(tagger, body, 'ru', 'organizations')
    assert _names(tagger, body, 'ru', 'places') == set()


def test_seoul_inside_the_universitys_short_name_is_no_place(tagger):
    assert 'Seoul' not in _names(tagger, 'ソウル大卒業後、政界入りした。', 'ja', 'places')


def test_turkey_inside_its_ministrys_name_is_no_place(tagger):
    assert 'Turkey' not in _names(tagger, 'Глава МИД Турции заявил об этом.', 'ru', 'places')


@pytest.mark.parametrize('body', [
    '向全国各族人民致以美好的新春祝福，祝各族人民幸福安康。',
    '要把老城区改造提升同保护历史遗迹、保存历史文脉统一起来。',
])
def test_chinese_words_are_no_places(tagger, body):
    assert _names(tagger, body, 'zh', 'places') == set()


# --- topics ---------------------------------------------------------------------------------------

@pytest.mark.parametrize('title,body,lang,topic', [
    ('War in Ukraine Has Left Eastern Europe Sleepless',
     'At night, she lies awake in bed, doom-scrolling through the latest news about the war in '
     'Ukraine. I never had anxiety attacks before, said Dr. Neliubsiene, a family physician. '
     'After the first week of the war, I started thinking that maybe I should take some of the '
     'pills that I am prescribing to my patients.', 'en', 'health'),
    ('Willis Reed, legendary New York Knicks center and Hall of Famer, dies at age 80',
     'The Hall of Fame center led the New York Knicks to championships in 1970 and 1973.', 'en',
     'sport'),
    ('Deputies Find Remains Of Young Boy At New Mexico Compound',
     'Investigators are trying to identify the remains of a young boy found yesterday. His '
     'father is one of five adults charged with the abuse of the eleven children.', 'en',
     'crime_law'),
    ('Mort de la grimpeuse française Luce Douady à 16 ans',
     "Championne du monde cadettes de bloc l'année dernière, la grimpeuse française Luce Douady "
     "est décédée ce dimanche après une chute sur un sentier en Isère.", 'fr', 'sport'),
    ('', "Le corps retrouvé lundi dans la Loire est celui du jeune homme, a indiqué une source "
     "proche du dossier. L'avocate de la famille a confirmé. L'autopsie aura lieu mardi.", 'fr',
     'crime_law'),
    ('长安携三大企业签署车联网战略合作协议',
     '长安汽车与中国移动、华为在重庆签署了战略合作协议，全面开展 LTE-V 及 5G 车联网联合开发研究。',
     'zh', 'technology'),
])
def test_topic_words_the_lists_lacked(tagger, title, body, lang, topic):
    assert topic in _topics(tagger, body, lang, title=title)


def test_a_tennis_report_about_vaccination_is_sport_too(tagger):
    title = 'Novak Djokovic prêt à rater des tournois comme Roland-Garros'
    body = ("Novak Djokovic a clarifié sa position sur la vaccination contre le Covid-19 dans un "
            "entretien. Questionné sur la possibilité qu'il sacrifie sa participation à des "
            "tournois comme Wimbledon ou Roland-Garros, il répond : « Oui ». Le n°1 mondial "
            "serait-il prêt à devenir le plus grand joueur à avoir jamais touché une raquette ? "
            "Il n'est pas vacciné contre le Covid et ne veut pas l'être.")
    assert 'sport' in _topics(tagger, body, 'fr', title=title)


# --- the second pass over real_dev28 ----------------------------------------------------------

@pytest.mark.parametrize('body,lang,kind,name', [
    ('Die Maschine war auf dem Weg von Berlin zum Flughafen Essen/Mülheim.', 'de', 'places',
     'Essen/Mülheim Airport'),
    ('Der Flughafen Köln/Bonn meldet einen neuen Passagierrekord.', 'de', 'places',
     'Cologne Bonn Airport'),
    ('No hay casi nada de diferencia, destaca el CEO de McLaren Group.', 'es', 'organizations',
     'McLaren Group'),
    ('中共中央政治局常委、国务院副总理韩正陪同考察。', 'zh', 'organizations',
     'Politburo Standing Committee'),
    ('给基层干部群众送去党中央的关心和慰问。', 'zh', 'organizations',
     'Central Committee of the Chinese Communist Party'),
    ('习近平在北京市委书记蔡奇陪同下来到北京市公安局。', 'zh', 'organizations',
     'Beijing Municipal Committee of the Chinese Communist Party'),
    ('习近平在北京市委书记蔡奇陪同下来到北京市公安局。', 'zh', 'organizations',
     'Beijing Municipal Public Security Bureau'),
    ('Пасечник с движением «Мир Луганщине» победил в ЛНР.', 'ru', 'organizations',
     'Мир Луганщине'),
])
def test_names_of_the_second_pass(tagger, body, lang, kind, name):
    assert name in _names(tagger, body, lang, kind)


@pytest.mark.parametrize('body,lang,place', [
    ('Die Maschine war auf dem Weg von Berlin zum Flughafen Essen/Mülheim.', 'de', 'Mülheim'),
    ("Questionné sur sa participation à des tournois comme Wimbledon ou Roland-Garros.", 'fr',
     'Wimbledon'),
    ('아스몰로프 러시아 사회과학원 한반도연구센터 수석연구위원도 지적했다.', 'ko',
     'Korean Peninsula'),
])
def test_a_place_inside_a_name_or_an_event_is_none(tagger, body, lang, place):
    assert place not in _names(tagger, body, lang, 'places')


def test_the_kmts_party_centre_is_not_the_ccps(tagger):
    body = '國民黨中常委游顥11月就要求黨中央積極協助。'
    assert 'Central Committee of the Chinese Communist Party' not in _names(
        tagger, body, 'zh', 'organizations')


def test_a_headlines_short_form_of_a_named_body_is_that_body(tagger):
    orgs = _names(tagger, 'El consejero dijo que el Gobierno "se esconde detrás" del Consejo de '
                  'Seguridad Nuclear (CSN).', 'es', 'organizations',
                  title='Perales: Gobierno se esconde tras Consejo Seguridad Nuclear')
    assert orgs == {'Nuclear Safety Council'}


def test_a_detected_body_not_named_in_full_stays(tagger):
    orgs = _names(tagger, 'El Consejo Regional de Seguridad Alimentaria se reunió ayer.', 'es',
                  'organizations')
    assert any('Seguridad Alimentaria' in name for name in orgs)


def test_a_german_genome_report_is_science(tagger):
    assert 'science' in _topics(
        tagger, 'Das bizarre Genom der größten Blütenpflanze der Welt offenbart, zu was '
        'Parasiten alles fähig sind: Sie stehlen, löschen und duplizieren DNA und manipulieren '
        'vielleicht sogar die Gene ihres Wirts.', 'de',
        title='Das Geheimnis der parasitischen Riesenblumen')


def test_the_benchmark_reads_yo_written_as_ye():
    from benchmarks.tag import _latin_key
    assert _latin_key('Владимир Бидевка') == _latin_key('Vladimir Bidyovka')
    assert _latin_key('Йоэль Лион') == _latin_key('Joel Lion')
    assert _latin_key('Пётр Петров') == _latin_key('Pyotr Petrov')


def test_wimbledon_in_a_sports_report_is_the_championships(tagger):
    body = ('Nun verkündete der Spanier, dass er weitere Turniere auslassen wird: Wimbledon und '
            'die Olympischen Spiele.')
    assert 'Wimbledon' not in _names(tagger, body, 'de', 'places',
                                     title='Rafael Nadal verzichtet auf Wimbledon')


def test_wimbledon_in_other_news_is_the_district(tagger):
    body = 'The council approved new flats in Wimbledon, south-west London, on Tuesday.'
    assert 'Wimbledon' in _names(tagger, body, 'en', 'places')


def test_wimbledon_beside_an_athlete_is_the_championships(tagger):
    body = ('Earlier in the day, Andy Murray won his 200th grand slam match. The two-time '
            'Wimbledon champion overcame Corentin Moutet 6-2, 7-5, 6-3.')
    assert 'Wimbledon' not in _names(tagger, body, 'en', 'places')


# --- rule 24 with postal codes ---------------------------------------------------------------

@pytest.mark.parametrize('body,state', [
    ('Officials in Boise, ID said the fire was contained.', 'Idaho'),
    ('Police in Cincinnati, OH arrested two men on Monday.', 'Ohio'),
    ('The company moved to Austin, TX last year.', 'Texas'),
])
def test_a_postal_code_after_a_us_place_names_its_state(tagger, body, state):
    assert state in _names(tagger, body, 'en', 'places')


@pytest.mark.parametrize('body', [
    'Mary said it was OK, IN the end, and left.',
    'Shares of Apple Inc, CA fell after the report.',
    'She lives in Paris, OR so they say.',
])
def test_a_postal_code_after_no_us_place_names_nothing(tagger, body):
    assert not {'Indiana', 'California', 'Oregon'} & _names(tagger, body, 'en', 'places')


# --- Taiwan's counties -----------------------------------------------------------------------

@pytest.mark.parametrize('body,place', [
    ('苗栗縣今天發生規模5.1地震，暫無災情傳出。', 'Miaoli County'),
    ('屏東縣長周春米今天視察災區。', 'Pingtung County'),
    ('澎湖今年夏天觀光人數創新高。', 'Penghu'),
    ('雲林縣麥寮鄉今天發生火災。', 'Yunlin County'),
])
def test_taiwans_counties(tagger, body, place):
    assert place in _names(tagger, body, 'zh', 'places')


def test_chiayi_alone_is_not_the_county(tagger):
    assert 'Chiayi County' not in _names(tagger, '嘉義師生同車2死。嘉義市34歲男教師昏迷。', 'zh',
                                         'places')


def test_a_countys_fire_bureau_is_an_organisation(tagger):
    assert '嘉義縣消防局' in _names(tagger, '嘉義縣消防局今天表示，火勢已經控制。', 'zh',
                                   'organizations')


# --- Chinese companies by their registered names ----------------------------------------------

@pytest.mark.parametrize('body,company', [
    ('长安汽车与中国移动、中移物联网有限公司在重庆签署了战略合作协议。', '中移物联网有限公司'),
    ('記者向山景邨管理處「置佳物業服務有限公司」查詢事件，未獲回覆。', '置佳物業服務有限公司'),
])
def test_a_chinese_company_by_its_registered_name(tagger, body, company):
    assert company in _names(tagger, body, 'zh', 'organizations')


@pytest.mark.parametrize('body', ['据北京某科技有限公司透露，新产品将于明年上市。',
                                  '屋苑由置佳物業服務有限公司管理，業主不滿加價。'])
def test_a_registered_name_holds_no_preposition(tagger, body):
    orgs = _names(tagger, body, 'zh', 'organizations')
    assert not any(word in name for name in orgs for word in '据由')


def test_a_listed_companys_registered_name_is_the_listed_company(tagger):
    orgs = _names(tagger, '1 月 11 日，长安汽车股份有限公司与中国移动签署了协议。', 'zh',
                  'organizations')
    assert orgs == {'Changan Automobile', 'China Mobile'}


# --- rule 41: an organisation's abbreviation in brackets --------------------------------------

def test_an_abbreviation_in_brackets_after_a_body_is_the_bodys(tagger):
    body = ('Ранее глава МЧС Донецкой народной республики (ДНР) Алексей Кострубицкий заявил, что '
            'разминирование Донбасса может занять десятки лет.')
    assert "Donetsk People's Republic" not in _names(tagger, body, 'ru', 'places')


@pytest.mark.parametrize('body', [
    'Ранее глава МЧС Донецкой народной республики (ДНР) заявил об этом. Выборы прошли в ДНР.',
    'Лидер ДНР (Донецкая народная республика) заявил об этом.',
])
def test_the_same_letters_elsewhere_name_the_place(tagger, body):
    assert "Donetsk People's Republic" in _names(tagger, body, 'ru', 'places')
