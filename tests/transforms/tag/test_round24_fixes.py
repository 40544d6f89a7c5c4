"""Issue 14, twenty-fourth round: what real_dev26 (kept unseen through round 23) showed, fixed by
family where there was one, and measured on a new blind set (real_dev27) kept unseen meanwhile.

- French drops the accent of a capital (Etats-Unis, l'Etat islamique, Egypte): every name with
  an accented capital is matched without it too.
- China's geographic regions (华南, 华北, 西北地区, 黄淮) and mountains (南岭) are places; 中东部
  is "the centre and east", not the Middle East; 西北地区 is no Canadian territory in Chinese
  news about China.
- Two bare surnames joined by "and" name the one pair of listed politicians of one country
  (Biden y Harris, Ortega y Murillo); a surname many share names nobody.
- An age written as an adjective before a name is a title as good as a role (45-летний Гела
  Кардава, the 45-year-old Dalton Ross).
- Japanese: a player after his team and a middle dot (日本代表・香川真司), and a presenter before
  a katakana title (キャスター).
- Spanish and Latin American places: a village after the word for a settlement is no person
  (la comunidad de Magdalena Chichicaspa); a saint's place followed by another name is the start
  of a longer one (San Francisco Chimalpa); Mexico's towns without their hero's name
  (Naucalpan, Ecatepec).
- Names the lists lacked, and the words of TV and entertainment news for the culture topic.
"""
import sys
from pathlib import Path

import pytest

from tests.transforms.tag.shipped import tag_names as _names, tag_topics as _topics

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / 'scripts'))


# --- accents French drops from capitals ---------------------------------------------------------

@pytest.mark.parametrize('body,kind,name', [
    ("Le chef de l'organisation Etat islamique au Sahel a été tué.", 'organizations',
     'Islamic State'),
    ("Les Etats-Unis et l'Egypte ont signé un accord.", 'places', 'United States'),
    ("Les Etats-Unis et l'Egypte ont signé un accord.", 'places', 'Egypt'),
    ("La région Ile-de-France a voté le budget.", 'places', 'Île-de-France'),
    ("Le président Emmanuel Macron a reçu Edouard Philippe à l'Elysée.", 'persons',
     'Édouard Philippe'),
])
def test_names_without_the_accent_of_a_capital(tagger, body, kind, name):
    assert name in _names(tagger, body, 'fr', kind)


def test_the_build_adds_the_unaccented_form_with_its_marks():
    import build_gazetteer as bg
    ent = {'aliases': {'fr': ['État islamique', 'Équateur', 'Daech'], 'en': ['Islamic State'],
                       'de': ['Électricité de France']},
           'ambiguous': ['Équateur'], '_gen': {bg.norm_alias('Daech'), bg.norm_alias('Équateur')}}
    bg.add_unaccented_capitals([ent])
    assert ent['aliases']['fr'] == ['État islamique', 'Équateur', 'Daech', 'Etat islamique',
                                    'Equateur']
    assert ent['aliases']['de'] == ['Électricité de France', 'Electricité de France']
    assert ent['aliases']['en'] == ['Islamic State']
    assert 'Equateur' in ent['ambiguous'] and 'Etat islamique' not in ent['ambiguous']
    assert bg.norm_alias('Equateur') in ent['_gen']
    assert bg.norm_alias('Etat islamique') not in ent['_gen']
    # (an accented capital inside a word is no capital French drops: CÉRN stays as it is)
    other = {'aliases': {'fr': ['CÉRN']}, 'ambiguous': []}
    bg.add_unaccented_capitals([other])
    assert other['aliases']['fr'] == ['CÉRN']


# --- China's regions, 中东部 ----------------------------------------------------------------------

_ZH_COLD_WAVE = ('27日至31日，西北地区东部、青藏高原中东部、黄淮南部及以南大部地区将先后降温6～10℃，'
                 '其中贵州东部、湖南西部和南部、华南中西部等地的部分地区降温12～14℃。'
                 '30日至31日将移至南岭一带地区。')


@pytest.mark.parametrize('place', ['Northwest China', 'South China', 'Huang-Huai',
                                   'Nanling Mountains', 'Tibetan Plateau', 'Guizhou'])
def test_china_s_regions_in_a_weather_report(tagger, place):
    assert place in _names(tagger, _ZH_COLD_WAVE, 'zh', 'places')


@pytest.mark.parametrize('place', ['Middle East', 'Northwest Territories'])
def test_no_middle_east_nor_canadian_territory_in_it(tagger, place):
    assert place not in _names(tagger, _ZH_COLD_WAVE, 'zh', 'places')


def test_another_country_s_northeast_is_no_northeast_china(tagger):
    places = _names(tagger, '暴风雪袭击美国东北地区，纽约航班大面积取消。', 'zh', 'places')
    assert 'Northeast China' not in places and 'United States' in places


@pytest.mark.parametrize('body,found', [
    ('中东部地区明显降温。', False),
    ('中東部地區明顯降溫。', False),
    ('中东部分国家的局势紧张。', True),      # 部分 "some": the Middle East's countries
    ('中东部长级会议在多哈举行。', True),    # 部长级 "ministerial"
    ('中东局势紧张。', True),
])
def test_zhongdongbu_is_the_centre_and_east(tagger, body, found):
    assert ('Middle East' in _names(tagger, body, 'zh', 'places')) is found


# --- rule 34: two bare surnames joined by "and" --------------------------------------------------

@pytest.mark.parametrize('body,lang,persons', [
    ('La Administración de Biden y Harris informa de que ha logrado la liberación de los '
     'perseguidos por el régimen de Ortega y Murillo.', 'es',
     {'Joe Biden', 'Kamala Harris', 'Daniel Ortega', 'Rosario Murillo'}),
    ('The talks between Trump and Vance went on late into the night.', 'en',
     {'Donald Trump', 'JD Vance'}),
])
def test_two_bare_surnames_of_one_country_s_pair(tagger, body, lang, persons):
    assert persons <= _names(tagger, body, lang, 'persons')


@pytest.mark.parametrize('body,lang', [
    ('Smith and Jones met at the club on Friday.', 'en'),      # many share each surname
    ('Kim and Moon met at the border.', 'en'),                 # not one country's pair
])
def test_surnames_many_share_name_nobody(tagger, body, lang):
    assert not _names(tagger, body, lang, 'persons')


def test_the_matcher_s_person_chooses_among_namesakes(tagger):
    # "Biden" alone is Joe Biden to the matcher: the pair is his, not Jill's or Hunter's
    persons = _names(tagger, 'El gobierno de Biden y Harris anunció nuevas sanciones.', 'es',
                     'persons')
    assert persons == {'Joe Biden', 'Kamala Harris'}


# --- an age before a name -------------------------------------------------------------------------

@pytest.mark.parametrize('body,lang,person', [
    ('Лидер мингрельского воровского клана, 45-летний Гела Кардава, вошел в число '
     'освобожденных по амнистии.', 'ru', 'Гела Кардава'),
    ('Police said the 45-year-old Dalton Ross was arrested at his home.', 'en', 'Dalton Ross'),
    ('Сообщается, что 32-летняя Ойгуль Турдыева задержана.', 'ru', 'Ойгуль Турдыева'),
])
def test_an_age_before_rare_words_is_a_title(tagger, body, lang, person):
    assert person in _names(tagger, body, lang, 'persons')


@pytest.mark.parametrize('body,lang', [
    ('A 45-year-old Seattle man was held by police on Friday.', 'en'),
    ('Полиция задержала 45-летнего Гелу Кардаву в Минске.', 'ru'),   # no nominative
])
def test_an_age_before_other_words_names_nobody(tagger, body, lang):
    persons = _names(tagger, body, lang, 'persons')
    assert not persons, persons


# --- Japanese: a team and a middle dot, katakana titles ------------------------------------------

@pytest.mark.parametrize('body,person', [
    ('20日放送では、日本代表・香川真司に行ったインタビューの模様を放送した。', 'Shinji Kagawa'),
    ('試合後、アルビレックス・田中一郎が取材に応じた。', '田中一郎'),
    ('佐藤花子キャスターが番組の最後に伝えた。', '佐藤花子'),
])
def test_japanese_players_and_presenters(tagger, body, person):
    assert person in _names(tagger, body, 'ja', 'persons')


@pytest.mark.parametrize('body', [
    '経済・安全保障に関する会議が開かれた。',
    'コロナ・経済対策が決まった。',
    'サッカー・日本代表が勝った。',
])
def test_no_person_after_a_dot_between_words(tagger, body):
    assert not _names(tagger, body, 'ja', 'persons')


def test_the_player_s_surname_is_no_prefecture(tagger):
    assert not ({'Kagawa', 'Kagawa Prefecture'}
                & _names(tagger, '日本代表・香川真司に話を聞いた。', 'ja', 'places'))


# --- Spanish and Latin American places -------------------------------------------------------------

_ES_LYNCHING = ('Habitantes del barrio Madho, perteneciente a la comunidad de Magdalena '
                'Chichicaspa, intentaron tomar venganza; en el poblado de San Francisco Chimalpa, '
                'municipio de Naucalpan, los pasajeros sometieron al asaltante.')


def test_a_village_after_the_word_for_a_settlement_is_no_person(tagger):
    assert not _names(tagger, _ES_LYNCHING, 'es', 'persons')


def test_a_saint_s_name_before_another_name_is_no_city(tagger):
    places = _names(tagger, _ES_LYNCHING, 'es', 'places')
    assert 'San Francisco' not in places and 'Naucalpan de Juárez' in places


@pytest.mark.parametrize('body,lang,place', [
    ('El alcalde de San Francisco, London Breed, visitó San Francisco.', 'es', 'San Francisco'),
    ('Viajó a San Pedro Sula y luego a San Francisco.', 'es', 'San Pedro Sula'),
    ('O prefeito de São Paulo visitou São Bernardo do Campo.', 'pt', 'São Paulo'),
    # (English writes an office after the city: the rule reads Spanish and Portuguese only)
    ('San Francisco Mayor London Breed said the city would appeal.', 'en', 'San Francisco'),
])
def test_a_saint_s_city_stays_itself(tagger, body, lang, place):
    assert place in _names(tagger, body, lang, 'places')


@pytest.mark.parametrize('name,iso,forms', [
    ('Naucalpan de Juárez', 'MX', ['Naucalpan']),
    ('Ecatepec de Morelos', 'MX', ['Ecatepec']),
    ('Xalapa de Enríquez', 'MX', ['Xalapa']),
    ('Ciudad de Hidalgo', 'MX', []),          # a frequent word
    ('Zamora de Hidalgo', 'MX', []),          # another town's name
    ('León de los Aldama', 'MX', []),         # shorter than five letters
    ('Naucalpan de Juárez', 'ES', []),        # Mexico's custom only
])
def test_mexican_towns_without_their_hero_s_name(name, iso, forms):
    import gazetteer_sources as gs
    assert gs.honorific_forms(name, iso, frozenset({'Zamora'})) == forms


@pytest.mark.parametrize('body,place', [
    ('NAUCALPAN, Estado de México. Habitantes de Naucalpan trataron de linchar a un ladrón.',
     'Naucalpan de Juárez'),
    ('La policía de Ecatepec detuvo a tres hombres.', 'Ecatepec de Morelos'),
])
def test_mexican_towns_as_news_writes_them(tagger, body, place):
    assert place in _names(tagger, body, 'es', 'places')


# --- names the lists lacked -----------------------------------------------------------------------

@pytest.mark.parametrize('title,body,lang,kind,name', [
    ('', "'NSW Police Commissioner Karen Webb said officers were at the scene.", 'en',
     'organizations', 'New South Wales Police Force'),
    ('', 'Residents of Western Sydney were told to stay home.', 'en', 'places',
     'Greater Western Sydney'),
    ('Easyjet-Erstflug ab Tegel', 'Mit ihrem Erstflug von Berlin-Tegel nach München hat '
     'Easyjet die Maschinen der insolventen Air Berlin übernommen.', 'de', 'organizations',
     'Air Berlin'),
    ('', 'Mit ihrem Erstflug von Berlin-Tegel nach München hat Easyjet begonnen.', 'de',
     'places', 'Berlin Tegel Airport'),
    ('', '中央气象台27日6时继续发布寒潮蓝色预警。', 'zh', 'organizations',
     'National Meteorological Center (China)'),
    ('', '중앙재난안전대책본부는 이날 회의를 열었다.', 'ko', 'organizations',
     'Central Disaster and Safety Countermeasures Headquarters'),
    ('', '360集团创始人周鸿祎在世界互联网大会上发言。', 'zh', 'organizations', 'Qihoo 360'),
    ('', '360集团创始人周鸿祎在世界互联网大会上发言。', 'zh', 'organizations',
     'World Internet Conference'),
    ('', '360集团创始人周鸿祎在世界互联网大会上发言。', 'zh', 'persons', 'Zhou Hongyi'),
    ('', 'The Tower Commission report says President Reagan was ignorant of the deal.', 'en',
     'organizations', 'Tower Commission'),
    ('', 'Von Frank Elstner über Die Fantastischen Vier bis zu Wincent Weiss.', 'de',
     'organizations', 'Die Fantastischen Vier'),
])
def test_names_the_lists_lacked(tagger, title, body, lang, kind, name):
    assert name in _names(tagger, body, lang, kind, title)


def test_the_state_s_police_officer_keeps_the_state(tagger):
    # "New South Wales police officer" names the state; the force is "NSW Police" as a name
    places = _names(tagger, 'A former New South Wales police officer was charged.', 'en',
                    'places')
    assert 'New South Wales' in places


# --- the culture topic in TV and entertainment news -----------------------------------------------

def test_a_tv_award_show_is_culture(tagger):
    body = ('Von Fernsehgrößen wie Frank Elstner bis zu Internetgrößen: In Berlin wurde der '
            'Digital Award verliehen. Die Show wurde von Linda Zervakis und dem Comedian '
            'Daniele Rizzo moderiert. Preisträger waren Wincent Weiss und ein Youtuber.')
    topics = _topics(tagger, body, 'de', 'Youtube-Szene feiert in Berlin')
    assert 'culture' in topics and 'economy' not in topics


# --- the benchmark reads a department as a region -------------------------------------------------

def test_a_department_qualifier_names_the_region():
    from benchmarks.tag import Places, _qualified_hit
    places = Places({'nb:place:lot-fr-46': 'FR'}, {'nb:place:lot-fr-46': 'region'}, {})
    tag = {'id': 'nb:place:lot-fr-46', 'name': 'Lot'}
    assert _qualified_hit(tag, frozenset({'lot'}), {'lot (department)': 'Lot (department)'},
                          places) == 'lot (department)'
    assert _qualified_hit(tag, frozenset({'lot'}), {'lot (company)': 'Lot (company)'},
                          places) is None


@pytest.mark.parametrize('name,label,same', [
    ('周鸿祎', 'Zhou Hongyi', True),             # pinyin written together
    ('尹蔚民', 'Yin Weimin', True),
    ('陳致中', 'Chen Chih-chung', True),         # Wade-Giles, syllable by syllable
    ('童振源', 'Tung Chen-yuan', True),
    ('謝長廷', 'Hsieh Chang-ting', True),
    ('黃捷', 'Huang Jie (politician)', True),    # the label's disambiguator left out
    ('江啟臣', 'Chen Chih-chung', False),        # initials alike, vowels not
    ('王毅', 'Wang Yu', False),
    ('江啟臣', 'Johnny Chiang', False),          # an English given name: not read
    ('陳致中', '陈致中', False),                  # no Latin letters
])
def test_the_benchmark_reads_an_unlinked_chinese_name_against_its_romanisation(name, label,
                                                                                 same):
    pytest.importorskip('pypinyin')
    from benchmarks.tag import _han_matches
    assert _han_matches(name, label) is same


# --- Japanese surnames beyond the ranking's first three hundred --------------------------------

@pytest.mark.parametrize('body,person', [
    ('警視庁の富田郁朗副課長は「捜査を続ける」と話した。', '富田郁朗'),
    ('山岸舞彩キャスターが番組の最後に伝えた。', '山岸舞彩'),
    ('福岡市の石丸修平議員は質問に立った。', '石丸修平'),
])
def test_japanese_persons_with_less_frequent_surnames(tagger, body, person):
    assert person in _names(tagger, body, 'ja', 'persons')


@pytest.mark.parametrize('body', [
    '町田市長が会見した。',          # a town the gazetteer holds: no surname here
    '小倉駅長が対応した。',          # as frequent as a word: left out of the list
])
def test_places_are_no_surnames(tagger, body):
    assert not _names(tagger, body, 'ja', 'persons')


@pytest.mark.parametrize('name,forms', [
    ('ukrainische Parlament', ['ukrainischen Parlament', 'ukrainischen Parlaments',
                               'ukrainischen Parlamentes']),
    ('Oberste Gerichtshof Japans', ['Obersten Gerichtshof Japans']),
    ('chinesische Einwanderungsbehörde', ['chinesischen Einwanderungsbehörde']),
    ('britische Unterhaus', ['britischen Unterhaus']),
    ('Föderationsrat', []),
])
def test_the_build_declines_german_names_merged_by_id(name, forms):
    import build_gazetteer as bg
    assert bg.de_article_forms(name) == forms
