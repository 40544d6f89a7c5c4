"""Issue 14, twentieth round: families of misses that every earlier dev set shows, fixed by
kind rather than by name, and measured on a new blind set (real_dev22) kept unseen meanwhile.

- A country's armed forces named by its adjective and a word for army, in every language
  (curated/armed_forces.yaml, expanded by scripts/build_gazetteer.armed_forces_forms): "the
  Israeli military", "das israelische Militär", "l'armée israélienne", "el ejército israelí",
  "израильская армия"; the Chinese short forms (台军, 俄军) not across a word (对台军售 arms
  sales to Taiwan, 中俄军演 Chinese-Russian drills).
- A country's name and a word for its forces written solid in Chinese or Japanese (以色列军队,
  台湾海军, 香港警方) name the country too, as 俄军 did; a proper name holding a country
  (日本海上保安厅, 中国国际航空) still does not.
- A Russian organisation's name in every case, its head and adjectives declined and the words
  after the head kept (Верховным судом России, Федеральную службу безопасности): from
  pymorphy3's dictionary at build time (scripts/build_gazetteer.ru_head_forms).
- Hong Kong's police by 香港警方, 香港警察, 港警 and 警務處.
- A German article before a name in capitals needs the capitals (Die PARTEI, not "Die Partei
  hat ...", the party).
- A wide-list entry that repeats a curated one gives it the names it lacks (tests/configs).
"""
import pytest

from scripts.build_gazetteer import armed_forces_forms
from tests.transforms.tag.shipped import tag_text, tag_names as _names


# --- armed forces by the country's adjective ---------------------------------------------------

@pytest.mark.parametrize('body,lang,org', [
    # rd20-en-06, rd21-de-05: the labels name the IDF
    ('The Israeli military spokesperson said troops had entered central Gaza.', 'en',
     'Israel Defense Forces'),
    ('Eine Geisel wurde übergeben. Das israelische Militär nahm sie in Empfang.', 'de',
     'Israel Defense Forces'),
    # rd4-de-04: the genitive
    ('Das Regionalkommando des amerikanischen Militärs teilte mit, es habe angegriffen.', 'de',
     'United States Armed Forces'),
    ("L'armée israélienne a frappé le sud de Gaza dans la nuit.", 'fr', 'Israel Defense Forces'),
    ('Las Fuerzas Armadas rusas avanzan en el este de Ucrania.', 'es', 'Russian Armed Forces'),
    ('El ejército israelí atacó el sur de Gaza.', 'es', 'Israel Defense Forces'),
    ('Украинская армия отступила от Авдеевки, сообщает агентство.', 'ru',
     'Armed Forces of Ukraine'),
    ('По данным израильской армии, удар был нанесён ночью.', 'ru', 'Israel Defense Forces'),
    ('The Chinese military held drills near the island on Monday.', 'en',
     "People's Liberation Army"),
    ('Die türkische Armee griff Stellungen im Norden Syriens an.', 'de', 'Turkish Armed Forces'),
    # rd19-zh-06, rd15-ko-01: navies the lists lacked
    ('针对台湾海军近期接连曝出的枪械丢失事件，台军表示将彻查。', 'zh', 'Republic of China Navy'),
    ('针对台湾海军近期接连曝出的枪械丢失事件，台军表示将彻查。', 'zh',
     'Republic of China Armed Forces'),
    ('이번 계약은 필리핀 해군 현대화 계획의 일환이다.', 'ko', 'Philippine Navy'),
])
def test_armed_forces_by_the_countrys_adjective(tagger, body, lang, org):
    assert org in _names(tagger, body, lang, 'organizations')


@pytest.mark.parametrize('body,lang,org', [
    # 军 before 售, 演 ... starts a word: arms sales to Taiwan, Chinese-Russian drills
    ('外交部发言人表示，中方坚决反对美国对台军售。', 'zh', 'Republic of China Armed Forces'),
    ('中俄军演将于下月在日本海举行。', 'zh', 'Russian Armed Forces'),
    ('美韩军事演习引发朝鲜强烈反应。', 'zh', 'Republic of Korea Armed Forces'),
    # the German dative would start a compound: "des russischen militär-industriellen Komplexes"
    ('Er soll Informationen über ein Unternehmen des russischen militär-industriellen '
     'Komplexes gesammelt haben.', 'de', 'Russian Armed Forces'),
    # Russian военные are servicemen, not a body
    ('Украинские военные попали на видео во время разминирования.', 'ru',
     'Armed Forces of Ukraine'),
    # an old war's army is left out: 德军 in a history piece is the Wehrmacht
    ('1944年德军在诺曼底遭遇盟军登陆。', 'zh', 'Bundeswehr'),
])
def test_no_armed_forces_across_a_word(tagger, body, lang, org):
    assert org not in _names(tagger, body, lang, 'organizations')


def test_a_separate_branch_keeps_its_name(tagger):
    # "US army" is the United States Army, not the armed forces as a whole
    orgs = _names(tagger, 'A US Army spokesman said the base would reopen.', 'en',
                  'organizations')
    assert 'United States Army' in orgs and 'United States Armed Forces' not in orgs


def test_armed_forces_forms_expand_stems_and_keep_the_rest():
    forms = armed_forces_forms({'X Forces': {
        'en': ['Xish~'], 'de': ['xisch~'], 'fr': ['xienne~'], 'es': ['xio/xias~'],
        'ru': ['иксск~'], 'zh': ['X军队'], 'except': ['Xish army']}})['X Forces']
    assert forms['en'] == ['Xish military', 'Xish armed forces']
    assert 'xische Armee' in forms['de'] and 'xischen Militärs' in forms['de']
    assert forms['fr'] == ['armée xienne', 'forces armées xiennes']
    assert forms['es'] == ['ejército xio', 'Fuerzas Armadas xias']
    assert 'иксской армии' in forms['ru'] and forms['zh'] == ['X军队']
    with pytest.raises(SystemExit):
        armed_forces_forms({'X': {'es': ['xio~']}})          # no plural
    with pytest.raises(SystemExit):
        armed_forces_forms({'X': {'zh': ['X~']}})            # no expansion for zh


@pytest.mark.parametrize('body,org,place', [
    # a country and a word for its forces, written solid, name the country too (f-zh-03)
    ('香港警方拘捕多名男子。', 'Hong Kong Police Force', 'Hong Kong'),
    ('以色列军队袭击了加沙。', 'Israel Defense Forces', 'Israel'),
    ('台湾海军近期接连曝出枪械丢失事件。', 'Republic of China Navy', 'Taiwan'),
])
def test_a_country_and_its_forces_name_both(tagger, body, org, place):
    tags = tag_text(tagger, body, 'zh', '')
    assert org in {t['name'] for t in tags['organizations']}
    assert place in {t['name'] for t in tags['places']}


@pytest.mark.parametrize('body,org,place', [
    ('日本海上保安厅发表声明。', 'Japan Coast Guard', 'Japan'),
    ('中国国际航空公布了上半年业绩。', 'Air China', 'China'),
])
def test_a_proper_name_holding_a_country_still_does_not(tagger, body, org, place):
    tags = tag_text(tagger, body, 'zh', '')
    assert org in {t['name'] for t in tags['organizations']}
    assert place not in {t['name'] for t in tags['places']}


# --- Russian organisations in every case ----------------------------------------------------

@pytest.mark.parametrize('body,org', [
    # rd11-ru-01: the instrumental
    ('Приговор был отменён Верховным судом России.', 'Supreme Court of Russia'),
    ('Представитель Министерства иностранных дел России заявил журналистам.',
     'Ministry of Foreign Affairs (Russia)'),
    ('В Министерстве обороны России сообщили об ударе.', 'Ministry of Defence (Russia)'),
    ('Пресс-служба Федеральной службы безопасности сообщила о задержании.',
     'Federal Security Service'),
    ('Сотрудники ФСБ передали дело в Федеральную службу безопасности.', 'Federal Security Service'),
    ('Глава Международного олимпийского комитета прибыл в Москву.',
     'International Olympic Committee'),
])
def test_russian_organisations_in_every_case(tagger, body, org):
    assert org in _names(tagger, body, 'ru', 'organizations')


def test_russian_head_forms():
    from scripts.build_gazetteer import ru_head_forms
    assert ru_head_forms('Верховный суд России') == [
        'Верховного суда России', 'Верховному суду России', 'Верховным судом России',
        'Верховном суде России']
    # a feminine head has its own accusative; the words after the head stay as written
    assert 'Федеральную службу безопасности' in ru_head_forms('Федеральная служба безопасности')
    assert 'Министерством обороны РФ' in ru_head_forms('Министерство обороны РФ')
    # "Красный" is the adjective here, not a noun
    assert 'Красного Креста' in ru_head_forms('Красный Крест')
    # an animate plural's accusative is its genitive
    assert ru_head_forms('Новые люди')[0] == 'Новых людей'
    # one word, an abbreviation, or a head it cannot find: nothing
    assert ru_head_forms('Роскомнадзор') == [] and ru_head_forms('МИД России') == []


# --- a German article before a name in capitals ------------------------------------------------

def test_die_partei_is_written_in_capitals(tagger):
    # rd22-de-04: "die Partei" (the party) at a sentence's start is no Die PARTEI
    assert 'Die PARTEI' not in _names(tagger, 'Die Partei hat ihr Programm vorgestellt.', 'de',
                                      'organizations')
    assert 'Die PARTEI' in _names(tagger, 'Die PARTEI tritt zur Wahl an.', 'de', 'organizations')


# --- Russian given names on -эль and Hebrew ones ------------------------------------------------

@pytest.mark.parametrize('body,person', [
    # rd22-ru-01: the Israeli ambassador's surname was read as Lyon
    ('Посол Израиля на Украине Йоэль Лион признался, что пришел в шок.', 'Йоэль Лион'),
    ('Посол Джоэль Лион выразил возмущение решением совета.', 'Джоэль Лион'),
])
def test_russian_given_names_on_el_and_hebrew_ones(tagger, body, person):
    tags = tag_text(tagger, body, 'ru', '')
    assert person in {t['name'] for t in tags['persons']}
    assert 'Lyon' not in {t['name'] for t in tags['places']}


# --- former states ---------------------------------------------------------------------------

@pytest.mark.parametrize('body,lang,place', [
    # rd6-ru-02, rd22-ru-04, rd15-ko-11, rd4-de-07: the lists had no former state
    ('Продолжительность жизни сократилась после распада СССР в 1991 году.', 'ru', 'Soviet Union'),
    ('1979년 소련의 침공 이후부터 많은 난민이 발생했다.', 'ko', 'Soviet Union'),
    ('Er wuchs in der DDR auf und floh 1988 in den Westen.', 'de', 'East Germany'),
    ('Yugoslavia broke apart in the early 1990s.', 'en', 'Yugoslavia'),
    ("La Tchécoslovaquie s'est séparée en 1993.", 'fr', 'Czechoslovakia'),
    ('Статус России рухнул вместе с Берлинской стеной.', 'ru', 'Berlin Wall'),
])
def test_former_states_and_landmarks(tagger, body, lang, place):
    assert place in _names(tagger, body, lang, 'places')
