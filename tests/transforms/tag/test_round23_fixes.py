"""Issue 14, twenty-third round: what real_dev25 (kept unseen through round 22) showed, fixed by
family where there was one, and measured on a new blind set (real_dev26) kept unseen meanwhile.

- Russian names of a neuter adjective and a noun in -е decline (Каспийского моря, Тибетского
  нагорья, Главного управления): the build's phrase forms knew nouns in -о and consonants only,
  so the seas had their cases by hand, most of them not all four; a compound adjective with a
  hyphen declines too (Южно-Китайского моря), a hyphenated noun (Нью-Йорк) does not.
- India is 印度 and インド without a second name to confirm it (印度洋 and インドネシア are longer
  names the matcher prefers); 인도 ("sidewalk", 인도적 "humanitarian") still needs one.
- A Vietnamese province's Han name that is a Chinese province's or provincial capital's (河南省,
  西宁, 太原) names the Chinese one in Chinese text.
- "die Union" in German politics is the CDU/CSU, with Germany in the item; "CDU/CSU" is the joint
  group, not its two parties apart.
- Names the lists lacked or spelled otherwise (the old name of the ATF, État islamiste, Abu
  Mazén, Ley y Justicia, Crocus City Hall, the World Trade Center, Harry Reid ...), and topics in
  the words the misses used (a bridge's collapse, condoms, chemotherapy, employers' paid leave,
  an order for fuel cells in Korean, dead seals in Russian).
"""
import sys
from pathlib import Path

import pytest

from tests.transforms.tag.shipped import tag_names as _names, tag_topics as _topics

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / 'scripts'))


# --- Russian phrase forms ------------------------------------------------------------------------

@pytest.mark.parametrize('alias,forms', [
    ('Каспийское море', ['Каспийского моря', 'Каспийскому морю', 'Каспийским морем',
                         'Каспийском море']),
    ('Тибетское нагорье', ['Тибетского нагорья', 'Тибетскому нагорью', 'Тибетским нагорьем',
                           'Тибетском нагорье']),
    ('Каховское водохранилище', ['Каховского водохранилища', 'Каховскому водохранилищу',
                                 'Каховским водохранилищем', 'Каховском водохранилище']),
    ('Главное управление', ['Главного управления', 'Главному управлению', 'Главным управлением',
                            'Главном управлении']),
    ('Южно-Китайское море', ['Южно-Китайского моря', 'Южно-Китайскому морю',
                             'Южно-Китайским морем', 'Южно-Китайском море']),
    ('Северо-Западные территории', ['Северо-Западных территорий', 'Северо-Западным территориям',
                                    'Северо-Западными территориями',
                                    'Северо-Западных территориях']),
])
def test_russian_phrase_forms_of_neuter_nouns_in_e(alias, forms):
    import build_gazetteer as bg
    assert bg.ru_phrase_forms(alias) == forms


@pytest.mark.parametrize('alias', [
    'Берлинской стене',        # a feminine name's dative, not a neuter name
    'Нью-Йорк Таймс',          # a hyphenated noun
])
def test_russian_phrase_forms_leave_what_is_no_neuter_name(alias):
    import build_gazetteer as bg
    assert bg.ru_phrase_forms(alias) == []


@pytest.mark.parametrize('body,place', [
    # rd25-ru-01
    ('В Дагестане на побережье Каспийского моря обнаружили около 650-700 мертвых тюленей.',
     'Caspian Sea'),
    ('Учения прошли в акватории Южно-Китайского моря.', 'South China Sea'),
    ('Суда вышли к Японскому морю.', 'Sea of Japan'),
])
def test_russian_seas_in_every_case(tagger, body, place):
    assert place in _names(tagger, body, 'ru', 'places')


# --- CJK names of places -------------------------------------------------------------------------

@pytest.mark.parametrize('body,lang', [
    # rd25-zh-01
    ('中國製造的中間產品則主要出口至南韓和日本，其次為印度和越南。', 'zh'),
    ('印度总理莫迪访问中国。', 'zh'),
    ('インドの経済成長が続いている。', 'ja'),
])
def test_india_in_chinese_and_japanese(tagger, body, lang):
    assert 'India' in _names(tagger, body, lang, 'places')


@pytest.mark.parametrize('body', [
    '그는 인도를 걸어가다 넘어졌다.',              # 인도 "sidewalk"
    '정부는 인도적 지원을 약속했다.',                # 인도적 "humanitarian"
])
def test_korean_indo_still_needs_a_second_name(tagger, body):
    assert 'India' not in _names(tagger, body, 'ko', 'places')


def test_india_ocean_and_indonesia_stay_themselves(tagger):
    places = _names(tagger, '印度尼西亚和印度洋沿岸国家', 'zh', 'places')
    assert 'India' not in places and {'Indonesia', 'Indian Ocean'} <= places


def test_a_chinese_province_in_chinese_text_with_vietnam_named(tagger):
    # rd25-zh-01
    body = ('相鄰的河南省正是蘋果最大的iPhone代工和組裝商富士康的主要生產基地。其中以越南對中國依賴度最高。')
    places = _names(tagger, body, 'zh', 'places')
    assert 'Henan' in places and 'Hà Nam' not in places


# --- names ---------------------------------------------------------------------------------------

@pytest.mark.parametrize('title,body,lang,kind,name', [
    # rd14-de-02
    ('', 'Der Bundestag hat das von der Union eingebrachte Gesetz abgelehnt.', 'de',
     'organizations', 'CDU/CSU'),
    ('', 'Am Donnerstag hat der Bundestag einen Antrag von SPD, CDU/CSU, Grünen und FDP '
     'angenommen.', 'de', 'organizations', 'CDU/CSU'),
    # rd25-en-03
    ('', 'Among the offices was one quartering local agents of the Bureau of Alcohol, Tobacco and '
     'Firearms, the agency that Branch Davidians blamed.', 'en', 'organizations',
     'Bureau of Alcohol, Tobacco, Firearms and Explosives'),
    ('', 'Some experts focused on Islamic militants, like those who bombed the World Trade Center '
     'in February 1993.', 'en', 'places', 'World Trade Center (1973–2001)'),
    # rd25-fr-02
    ('', 'Un attentat sanglant revendiqué par l’organisation terroriste État islamiste.', 'fr',
     'organizations', 'Islamic State'),
    ('', 'Au moins 139 personnes ont péri lors de cette attaque visant une salle de concert '
     'moscovite, le Crocus City Hall.', 'fr', 'places', 'Crocus City Hall'),
    # rd25-es-02
    ('', 'El presidente palestino, Abu Mazén, tiene previsto designar a un primer ministro.', 'es',
     'persons', 'Mahmoud Abbas'),
    ('', 'Mohamed Shubair, ex presidente de la Universidad Islámica de Gaza, será primer '
     'ministro.', 'es', 'organizations', 'Islamic University of Gaza'),
    # rd25-es-01
    ('', 'El partido Ley y Justicia de los hermanos Kaczynski se perfila como el perdedor.', 'es',
     'organizations', 'Law and Justice'),
    # rd25-en-02
    ('', 'Otago University associate professor Paula O\'Kane said so.', 'en', 'organizations',
     'University of Otago'),
    ('', 'Kiwibank tops up employees\' leave to 100 percent of their normal salary.', 'en',
     'organizations', 'Kiwibank'),
    # rd25-ru-01
    ('', 'В Росрыболовстве добавили, что число обнаруженных животных может вырасти.', 'ru',
     'organizations', 'Federal Agency for Fishery'),
    # rd25-ko-02
    ('', '오라클은 블룸에너지로부터 최대 2.8GW 규모의 연료전지 시스템을 조달한다.', 'ko',
     'organizations', 'Bloom Energy'),
    # rd25-zh-02
    ('', '悲痛获悉美国参议院前多数党领袖哈里·瑞德（Harry Reid）去世。', 'zh', 'persons', 'Harry Reid'),
])
def test_names_the_lists_lacked(tagger, title, body, lang, kind, name):
    assert name in _names(tagger, body, lang, kind, title)


def test_union_alone_needs_germany(tagger):
    body = 'The trade union and the Union of Concerned Scientists met the Union leaders.'
    assert 'CDU/CSU' not in _names(tagger, body, 'en', 'organizations')


def test_the_atf_s_old_name_is_no_truncated_body(tagger):
    body = 'Local agents of the Bureau of Alcohol, Tobacco and Firearms were in the building.'
    assert 'Bureau of Alcohol' not in _names(tagger, body, 'en', 'organizations')


# --- topics --------------------------------------------------------------------------------------

@pytest.mark.parametrize('title,body,lang,topic', [
    # rd25-fr-01
    ('Pont effondré à Baltimore: Les corps de deux des six ouvriers retrouvés',
     'Les corps sans vie de deux des six ouvriers recherchés ont été repêchés mercredi des eaux '
     'glacées du port de Baltimore, au lendemain de l\'effondrement spectaculaire d\'un pont '
     'percuté par un porte-conteneurs.', 'fr', 'disasters'),
    # rd25-fr-03
    ('30 ans du Sidaction: pourquoi le préservatif est encore largement délaissé chez les jeunes',
     'Malgré la gratuité de certains préservatifs pour les jeunes de moins de 26 ans depuis 2023, '
     'la mesure est méconnue.', 'fr', 'health'),
    # rd25-ru-02
    ('Стало известно об ухудшении состояния Пеле',
     'По информации Reuters, экс-футболисту, страдающему от рака толстой кишки, больше не помогает '
     'химиотерапия. Бразильцу оказывают паллиативную помощь.', 'ru', 'health'),
    # rd25-ru-01
    ('В Дагестане обнаружили сотни мертвых тюленей',
     'В Дагестане на побережье Каспийского моря обнаружили около 650-700 мертвых тюленей.', 'ru',
     'environment'),
    # rd25-ko-02
    ('오라클, 블룸에너지 연료전지 2.8GW 발주',
     '오라클은 블룸에너지로부터 최대 2.8GW 규모의 연료전지 시스템을 조달하기 위한 기본 서비스 계약을 '
     '체결했다.', 'ko', 'economy'),
    # rd25-en-02
    ('Who\'s offering more generous paid parental leave?',
     'About half of all New Zealand employers are already offering more than the statutory '
     'minimum. Some employers are already offering significantly more generous leave policies. '
     'Law firm AJ Park offers 18 weeks paid at 100 percent of salary. Employees would value a '
     'top-up to 100 percent of their salaries because the parental leave rate was a significant '
     'pay cut for many people.', 'en', 'economy'),
])
def test_topics_in_the_words_of_the_misses(tagger, title, body, lang, topic):
    assert topic in _topics(tagger, body, lang, title)


# --- memory ---------------------------------------------------------------------------------------

def test_alias_pairs_read_as_the_tuple_of_pairs():
    """An entity's aliases are one flat tuple (about 20 MB less for the built tagger) that
    iterates, indexes, compares, hashes and pickles as the tuple of ``(language, alias)`` pairs
    it replaced."""
    import pickle
    from transforms.tag.gazetteer import AliasPairs, Entity, parse_entity
    pairs = (('en', 'North Korea'), ('en', 'DPRK'), ('ja', '北朝鮮'))
    aliases = AliasPairs(pairs)
    assert tuple(aliases) == pairs and aliases == pairs and len(aliases) == 3
    assert aliases[1] == ('en', 'DPRK') and aliases[-1] == ('ja', '北朝鮮')
    assert aliases[:2] == pairs[:2] and ('ja', '北朝鮮') in aliases and ('ko', 'DPRK') not in aliases
    with pytest.raises(IndexError):
        aliases[3]
    assert hash(aliases) == hash(pairs)
    entity = parse_entity({'id': 'Q423', 'name': 'North Korea', 'kind': 'place',
                           'aliases': {'en': ['DPRK'], 'ja': ['北朝鮮']}}, 'test')
    assert isinstance(entity.aliases, AliasPairs) and entity.aliases == pairs
    copy = pickle.loads(pickle.dumps(entity))
    assert copy == entity and hash(copy) == hash(entity)
    assert Entity(id='x', name='X', kind='place', aliases=pairs).aliases == aliases


@pytest.mark.parametrize('body,lang,name', [
    # rd25-ko-02
    ('( Reuters ) 오라클은 블룸에너지로부터 연료전지 시스템을 조달하기 위한 계약을 체결했다.', 'ko',
     'Oracle Corporation'),
    # rd16-ja-03
    ('マクドナルドやタコベル、デルタ航空などのシステムが正常に作動しない。', 'ja', 'Delta Air Lines'),
    # rd2-ko-01
    ('나스닥 상장사인 이 회사의 주가가 올랐다.', 'ko', 'Nasdaq'),
])
def test_companies_in_the_scripts_news_writes_them(tagger, body, lang, name):
    assert name in _names(tagger, body, lang, 'organizations')


@pytest.mark.parametrize('body,lang,name', [
    ('这片甲骨文残片出土于殷墟。', 'zh', 'Oracle Corporation'),     # oracle-bone script
    ('그는 포드 공장 앞을 지나갔다.', 'ko', 'Ford Motor Company'),  # two syllables: left out
])
def test_company_names_that_are_words_are_left_out(tagger, body, lang, name):
    assert name not in _names(tagger, body, lang, 'organizations')


# --- a surname's ending after a given name no list holds -----------------------------------------

@pytest.mark.parametrize('body,lang,person', [
    # rd25-fr-02
    ('Muhammadsobir Fayzov est arrivé en chaise roulante et les yeux fermés.', 'fr',
     'Muhammadsobir Fayzov'),
    ('Saidakrami Rachabalizoda a comparu avec un énorme bandage couvrant son oreille.', 'fr',
     'Saidakrami Rachabalizoda'),
    ('Un troisième, Dalerjon Mirzoyev, s’est présenté devant les juges.', 'fr',
     'Dalerjon Mirzoyev'),
    ('The court heard Zhanibek Suleimenov on Monday.', 'en', 'Zhanibek Suleimenov'),
])
def test_a_surname_s_ending_after_an_unknown_given_name(tagger, body, lang, person):
    assert person in _names(tagger, body, lang, 'persons')


@pytest.mark.parametrize('body,lang', [
    # rd5-en-01: "Gov." ends in -ov
    ('Two laws signed by Republican Gov. Spencer Cox Thursday prohibit it.', 'en'),
    # a listed town ends the span: a club, not a person
    ('Metalist Kharkov a perdu dimanche.', 'fr'),
    ('Le club Lokomotiv Rostov a gagné.', 'fr'),
    # a third capitalised word: a longer name of something else
    ('They played at the Dynamo Petrovsky Arena.', 'en'),
])
def test_no_person_from_a_surname_s_ending_alone(tagger, body, lang):
    persons = _names(tagger, body, lang, 'persons')
    assert not {p for p in persons if p.endswith(('Gov', 'Kharkov', 'Rostov', 'Petrovsky'))}


# --- rule 32: a listed politician by title and surname --------------------------------------------

@pytest.mark.parametrize('body,lang,person', [
    # rd25-de-01
    ('Die Pläne von Justizminister Maas, im Kampf gegen Kinderpornografie das Strafrecht '
     'nachzubessern, finden bei Union und Kriminalbeamten ein positives Echo.', 'de', 'Heiko Maas'),
    # rd18-de-01
    ('Bundestagspräsidentin Bas rief die Abgeordneten zur Ordnung.', 'de', 'Bärbel Bas'),
])
def test_an_office_before_a_bare_surname(tagger, body, lang, person):
    assert person in _names(tagger, body, lang, 'persons')


@pytest.mark.parametrize('body,lang,person', [
    # w-en-07: "Secretary John" is no John Lee Ka-chiu (a Hong Kong name's family name is its
    # second word after an English given name)
    ('The UK will double its troops in Estonia, Defence Secretary John Healey said.', 'en',
     'John Lee Ka-chiu'),
    # a river, not the minister, where no office comes before it
    ('Das Hochwasser an der Maas stieg weiter.', 'de', 'Heiko Maas'),
])
def test_no_politician_from_a_surname_without_a_fitting_office(tagger, body, lang, person):
    assert person not in _names(tagger, body, lang, 'persons')


def test_rule_32_s_table():
    from transforms.tag.context import titled_surnames
    from transforms.tag.gazetteer import Entity
    people = [Entity('a', 'George W. Bush', 'person', 'head_of_state', 'US'),
              Entity('b', 'George H. W. Bush', 'person', 'head_of_state', 'US'),
              Entity('c', 'Moon Jae-in', 'person', 'head_of_state', 'KR'),
              Entity('d', 'John Lee Ka-chiu', 'person', 'politician', 'HK'),
              Entity('e', 'Taylor Swift', 'person', 'artist', 'US')]
    table = titled_surnames(people)
    assert table['Bush'] == ((0, 'head_of_state'), (1, 'head_of_state'))
    assert table['Moon'] == ((2, 'head_of_state'),) and table['Lee'] == ((3, 'politician'),)
    assert 'John' not in table and 'Swift' not in table


def test_two_who_fit_name_nobody(tagger):
    from transforms.tag.context import titled_surname_rows
    from transforms.tag.text import fold_text
    table = {'Bush': ((0, 'head_of_state'), (1, 'head_of_state')), 'Maas': ((2, 'politician'),),
             'Rutte': ((3, 'head_of_government'),)}
    text = ('President Bush met Minister Maas and President Maas. Prime Minister Rutte and '
            'Chancellor Rutte came, Senator Rutte did not.')
    rows = titled_surname_rows([], table, {'body': fold_text(text)}, {'body': 'en'})
    # Bush twice a president: nobody; Maas a politician: the minister, not the president; a
    # head of government by his two titles and a minister's (any office-holder)
    assert [(r[0], r[2]) for r in rows] == [(2, 'Maas'), (3, 'Rutte'), (3, 'Rutte'), (3, 'Rutte')]
    assert {r[3] for r in rows} == {'surname_title'}
    assert titled_surname_rows([], table, {'body': fold_text(text)}, {'body': 'ru'}) == []


# --- rule 33: a district named after a town in Russian --------------------------------------------

@pytest.mark.parametrize('body,town', [
    # rd25-ru-01
    ('По данным ведомства, сотни туш животных обнаружили в Кировском районе города Махачкала.',
     'Kirovsk'),
    ('Пожар произошел в Советском районе Волгограда.', 'Sovetsk'),
    ('ДТП случилось в Ленинском районе Екатеринбурга.', 'Leninsk'),
])
def test_a_district_s_adjective_is_no_town(tagger, body, town):
    assert town not in _names(tagger, body, 'ru', 'places')


def test_the_town_s_own_instrumental_still_names_it(tagger):
    assert 'Sovetsk' in _names(tagger, 'Бои шли под Советском.', 'ru', 'places')


# --- an English noun for what a company is, right before its name ---------------------------------

@pytest.mark.parametrize('body,org', [
    # rd25-en-02
    ('Law firm AJ Park offers 18 weeks paid at 100 percent of salary plus another eight weeks '
     'topping up the government payment.', 'AJ Park'),
    ('Another law firm, Mayne Wetherell, offers up to 26 weeks at 100 percent pay with '
     'significant flexibility around the timing of the leave.', 'Mayne Wetherell'),
    # rd12-en-05
    ('Engineering firm Balfour Beatty and five railway managers are to go on trial for '
     'manslaughter over the Hatfield rail crash in 2000.', 'Balfour Beatty'),
])
def test_a_company_after_the_noun_for_what_it_is(tagger, body, org):
    assert org in _names(tagger, body, 'en', 'organizations')


@pytest.mark.parametrize('body', [
    'The company CEO Tim Cook said the results of the quarter were strong.',
    'Shares of the lender rose, the company said Tuesday.',
    'The bank It is a word of the sentence.',
])
def test_no_company_from_a_title_a_date_or_a_pronoun(tagger, body):
    orgs = _names(tagger, body, 'en', 'organizations')
    assert not {o for o in orgs if o.startswith(('CEO', 'Tuesday', 'It'))}
