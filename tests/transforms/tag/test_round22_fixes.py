"""Issue 14, twenty-second round: families of misses that real_dev24 (kept unseen through round 21)
showed, fixed by kind, and measured on a new blind set (real_dev25) kept unseen meanwhile.

- A level of local government before a generic head makes no name: "The City Council voted"
  (which city's?), like "the Supreme Court" before it.
- Topics in the words the misses used: a council's vote, "la course au pouvoir", the White
  House in Russian, a hedge fund and a billionaire in German, a regulator and an app store in
  Russian, a variety show and its ratings in Korean.
- Wider lists: heads of state and government of every country since 1990, regional leaders and
  mayors, national media and large companies, public-health agencies, historical and informal
  regions; a surname or a short CJK name that is a word is no alias of them (Justice, Little,
  다음, 迪奥 in 迪奥里); titles and frequent words are no given names the build learns.
"""
import pytest

from tests.transforms.tag.shipped import tag_names as _names, tag_topics as _topics


# --- generic local bodies ------------------------------------------------------------------------

@pytest.mark.parametrize('body', [
    # rd24-en-03
    'The City Council voted on Wednesday to cap Uber vehicles and other ride-hail services.',
    'The County Court heard the case on Monday.',
    'The State Senate passed the bill late on Thursday.',
])
def test_a_local_level_before_a_generic_head_makes_no_name(tagger, body):
    assert not _names(tagger, body, 'en', 'organizations') - {'Uber'}


def test_a_named_city_before_its_council_still_does(tagger):
    orgs = _names(tagger, 'The Oakland City Council voted on Tuesday to ban the devices.', 'en',
                  'organizations')
    assert 'Oakland City Council' in orgs


# --- topics --------------------------------------------------------------------------------------

@pytest.mark.parametrize('title,body,lang,topic', [
    # rd24-fr-04
    ('Bouteflika évoque la « course au pouvoir » en Algérie',
     'Les Algériens n’ont pas entendu la voix de leur président depuis qu’il a subi un AVC en 2013.',
     'fr', 'politics'),
    # rd24-de-03
    ('Wall-Street-Mogul Steve Cohen: Armer, reicher Hedgefonds-König',
     'Er lebt weiter in Saus und Braus, als hätte es die Wirtschaftskrise nie gegeben: Steve Cohen '
     'ist einer der legendärsten Hedgefondsmanager der Wall Street. Jetzt offenbart der '
     'Milliardär in einem Interview erstmals sein Privatleben.', 'de', 'economy'),
    # rd24-ru-03
    ('СМИ: Белый дом отредактировал стенограмму с упоминанием Украины и НАТО',
     'МОСКВА, 7 мая — РИА Новости. Белый дом внес изменения в официальную стенограмму заявления о '
     'поддержке Украины в вопросе вступления в НАТО, сообщает Fox News. Накануне представитель '
     'Белого дома Карин Жан-Пьер, комментируя возможность присоединения Киева к альянсу, '
     'заявила, что двери организации открыты.', 'ru', 'politics'),
    # rd24-ru-01
    ('Роскомнадзор потребовал от Google снять ограничения с "Улицы героев"',
     'Роскомнадзор потребовал от компании Google вернуть мобильное приложение "Улица героев" в '
     'Google Play, сообщило ведомство в Telegram-канале.', 'ru', 'technology'),
    # rd24-ko-02
    ('절연 7년 만에 父 집 찾은 백일섭 딸',
     '부친과 7년간 절연했다는 배우 백일섭의 딸이 아버지 집에 방문하는 모습이 그려졌다. 14일 '
     'TV조선 예능 \'아빠하고 나하고\'에는 백일섭이 딸과 처음으로 설 명절을 함께 보내는 모습이 '
     '전파를 탔다.', 'ko', 'culture'),
])
def test_topics_in_the_words_of_the_misses(tagger, title, body, lang, topic):
    assert topic in _topics(tagger, body, lang, title)


def test_a_union_vote_is_no_politics(tagger):
    # (short_test s-en-01: "voted" was tried as a politics keyword and dropped for this)
    assert 'politics' not in _topics(tagger, 'Members of the EIS union in Scotland have voted for '
                                     'strike action over pay, the union said on Monday.', 'en',
                                     'Teachers in Scotland vote to strike')


# --- former leaders, regional leaders, media, companies, health agencies ---------------------------

@pytest.mark.parametrize('title,body,lang,kind,name', [
    # rd24-fr-04: a former head of state by his surname alone in a headline
    ('Bouteflika évoque la « course au pouvoir » en Algérie',
     'Les Algériens n’ont pas entendu la voix de leur président depuis 2013.', 'fr', 'persons',
     'Abdelaziz Bouteflika'),
    ('', 'Former Brazilian president Fernando Henrique Cardoso said on Monday the vote was fair.',
     'en', 'persons', 'Fernando Henrique Cardoso'),
    # rd24-ja-01: a prefectural governor by name
    ('群馬県知事「法的措置検討」', '群馬県が下位の４４位に沈んだことが判明し、山本一太知事は１２日の臨時会見で'
     '「法的措置を含めた検討を始めた」と明らかにした。', 'ja', 'persons', 'Ichita Yamamoto'),
    ('', 'Rheinland-Pfalz: Ministerpräsidentin Malu Dreyer kündigte am Montag in Mainz an, ...',
     'de', 'persons', 'Malu Dreyer'),
    # rd24-ko-01, rd24-ko-02: Korean media and companies
    ('', '14일 TV조선 예능 프로그램에는 배우 백일섭이 출연했다.', 'ko', 'organizations', 'TV Chosun'),
    ('', '머니투데이에 따르면 이번 조사는 서울에서 진행됐다.', 'ko', 'organizations', 'Money Today'),
    # rd24-en-02
    ('', 'Mondelez International, the company which makes the product, said the change was made '
     'due to price rises.', 'en', 'organizations', 'Mondelez International'),
    # rd24-fr-03: a historical province
    ('', 'Les vignerons du Languedoc ont manifesté mardi à Montpellier.', 'fr', 'places',
     'Languedoc'),
    # rd24-ja-01
    ('', '近隣の自治体では、茨城県が最下位で、北関東３県の低迷が続いている。', 'ja', 'places',
     'Northern Kantō'),
    # rd24-es-03: the United States written without dots
    ('', 'De Netanyahu al líder de Pakistán, crecen las propuestas para premiar al presidente de '
     'EE UU y así ganarse su simpatía.', 'es', 'places', 'United States'),
])
def test_the_wider_lists(tagger, title, body, lang, kind, name):
    assert name in _names(tagger, body, lang, kind, title)


def test_china_cdc_in_chinese(tagger):
    assert 'Chinese Center for Disease Control and Prevention' in _names(
        tagger, '中国疾控中心首席流行病学专家吴尊友表示，北京疫情总体可控。', 'zh', 'organizations')


@pytest.mark.parametrize('body,lang,kind,name', [
    # a surname that is a word of several languages is no alias of a governor
    ('The Justice Department said on Monday it would appeal the ruling in West Virginia.', 'en',
     'persons', 'Jim Justice'),
    ('A little later the governor of Idaho signed the bill in Boise.', 'en', 'persons',
     'Brad Little'),
    ('Die Kraft der Sonne reicht in Nordrhein-Westfalen nicht aus, sagte der Minister.', 'de',
     'persons', 'Hannelore Kraft'),
    # a company whose Korean name is a word ("next"), a paper whose Spanish one is ("public")
    ('다음 달 서울에서 열리는 회의에는 한국 정부 대표단이 참석한다.', 'ko', 'organizations', 'Daum'),
    ('El Ministerio Público de Chile abrió una investigación en Santiago.', 'es', 'organizations',
     'Público'),
    # a transliteration inside another (迪奥 in 迪奥里·哈马尼), a Japanese word (連戦)
    ('装载疫苗的运输机降落在尼日尔首都尼亚美迪奥里·哈马尼国际机场。', 'zh', 'organizations', 'Dior'),
    ('中日ドラゴンズは本拠地最後の3連戦を前に監督の辞任を発表した。', 'ja', 'persons', 'Lien Chan'),
])
def test_words_that_are_no_names(tagger, body, lang, kind, name):
    assert name not in _names(tagger, body, lang, kind)


@pytest.mark.parametrize('body,lang,place', [
    # h-fr-02: the south of a country is the country, as the labels have it
    ('Des orages violents ont frappé le sud de la France dimanche.', 'fr', 'France'),
    ('ウクライナ東部で激しい戦闘が続いている。', 'ja', 'Ukraine'),
])
def test_a_country_s_halves_are_the_country(tagger, body, lang, place):
    assert place in _names(tagger, body, lang, 'places')
    assert len(_names(tagger, body, lang, 'places')) == 1


def test_titles_and_frequent_words_are_no_given_names():
    """The build learns given names from the gazetteer's persons (round 22's lists hold Lord
    Tuʻivakanō and a Win Myint): a title or a frequent word is none ("Lord Justices Clarke")."""
    import os
    from transforms.tag.settings import REPO_ROOT
    path = os.path.join(REPO_ROOT, 'configs', 'gazetteer', 'names', 'given_names.txt')
    with open(path, encoding='utf-8') as fh:
        given = {line.strip() for line in fh}
    assert not {'Lord', 'London', 'Win', 'Sheikh', 'King', 'Mullah', 'Pope'} & given
    assert {'Ichita', 'Luiz', 'Dilma', 'Abdelaziz'} <= given
