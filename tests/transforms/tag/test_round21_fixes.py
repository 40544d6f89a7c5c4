"""Issue 14, twenty-first round: families of misses that real_dev23 (kept unseen through round 20)
showed, fixed by kind, and measured on a new blind set (real_dev24) kept unseen meanwhile.

- National news agencies a dateline or "agency X reports" names: MTI, PAP, ČTK, BTA, ANP, Lusa,
  Keystone-SDA, Notimex, KNA, epd ... (an acronym that is a word or another body's needs its
  country in the item).
- Museums, galleries, opera houses, theatres, orchestras and festivals that culture news names,
  in every language (the British Museum, die Tate Modern, в Эрмитаже, le musée d'Orsay, el Museo
  del Prado); a town inside such a name (Orsay) is no place.
- An indefinite article or a demonstrative at a sentence's start begins no name: "Eine Partei
  allerdings, die ..." (a party) is no organisation.
- Crime and law in the words news uses for it beyond arrests and courts: abuse, kidnapping,
  laundering, riots, assault, illegal acts, in every language; culture in religion and heritage
  (the Pope, a church, an abbot, a temple's bell, a statue).
- The United States Capitol and its police, not the United States; the PDS and the WASG;
  Mexico's Guardia Nacional; Alphabet apart from Google.
- Historical figures news names in anniversaries and statue stories (Marx, Lenin, Balzac, Van
  Gogh, Sun Yat-sen), and not where a street, square or school is named after one (rule 30:
  улица Ленина, rue Victor Hugo, Martin Luther King Jr. Boulevard).
- "Parliament" in English news is the parliament of the country the item names (the United
  Kingdom, India, South Africa and the other Westminster-style parliaments).
- Rule 31: an acronym that only other languages write for an entity names nothing (CPI, the
  ICC's French and Spanish acronym, in an English report on prices; RN, PCC).
"""
import pytest

from tests.transforms.tag.shipped import tag_text, tag_names as _names, tag_topics as _topics
from transforms.model import new_item
from transforms.tag import tag_item


# --- news agencies -------------------------------------------------------------------------------

@pytest.mark.parametrize('body,lang,org', [
    # rd23-ru-02
    ('В Венгрии демонтировали последнюю в стране статую Карла Маркса, сообщает агентство MTI.',
     'ru', 'Magyar Távirati Iroda'),
    ('Warschau (PAP) - Die polnische Regierung hat am Montag in Polen neue Regeln beschlossen.',
     'de', 'Polish Press Agency'),
    ('Prague police said on Monday, the Czech News Agency ČTK reported.', 'en',
     'Czech News Agency'),
    ('Le gouvernement tunisien a annoncé lundi de nouvelles mesures, selon l\'agence TAP, '
     'à Tunis.', 'fr', 'Tunis Afrique Presse'),
    ('El gobierno de México anunció el lunes nuevas medidas, informó la agencia Notimex.', 'es',
     'Notimex'),
    ('Der Papst äußerte sich am Sonntag in Rom, wie die Katholische Nachrichten-Agentur '
     'berichtete.', 'de', 'Katholische Nachrichten-Agentur'),
    ('Lisboa, 3 mar (Lusa) - El primer ministro de Portugal presentó su dimisión.', 'es',
     'Lusa News Agency'),
    ('Бывший премьер заявил об этом ИТАР-ТАСС в понедельник.', 'ru', 'TASS'),
])
def test_national_news_agencies(tagger, body, lang, org):
    assert org in _names(tagger, body, lang, 'organizations')


@pytest.mark.parametrize('body,lang,org', [
    # an acronym that is another thing's needs its country: AGI is artificial general
    # intelligence, TAP a bank's tap, MAP a map
    ('OpenAI says AGI could arrive within the decade, its chief executive said.', 'en',
     'Agenzia Giornalistica Italia'),
    ('The MAP shows where the storm will land on Friday.', 'en', 'Maghreb Arabe Presse'),
])
def test_a_news_agencys_acronym_needs_its_country(tagger, body, lang, org):
    assert org not in _names(tagger, body, lang, 'organizations')


# --- cultural institutions -----------------------------------------------------------------------

@pytest.mark.parametrize('body,lang,org', [
    ('Visitors queued at the British Museum and the Metropolitan Museum of Art.', 'en',
     'British Museum'),
    ('Visitors queued at the British Museum and the Metropolitan Museum of Art.', 'en',
     'Metropolitan Museum of Art'),
    # rd23-de-03
    ('Die Ausstellung in der Tate Modern wurde am Mittwoch eröffnet.', 'de', 'Tate Modern'),
    ('Die Wiener Staatsoper und die Berliner Philharmoniker gastieren im Herbst.', 'de',
     'Vienna State Opera'),
    ('Die Wiener Staatsoper und die Berliner Philharmoniker gastieren im Herbst.', 'de',
     'Berlin Philharmonic'),
    ('Выставка открылась в Эрмитаже и в Третьяковской галерее.', 'ru', 'Hermitage Museum'),
    ('Выставка открылась в Эрмитаже и в Третьяковской галерее.', 'ru', 'Tretyakov Gallery'),
    # rd5-ru-03
    ('«Но я не прощаюсь с Большим театром», — сказал хореограф.', 'ru', 'Bolshoi Theatre'),
    ("Le musée d'Orsay et le Centre Pompidou rouvrent mardi.", 'fr', "Musée d'Orsay"),
    ("Le musée d'Orsay et le Centre Pompidou rouvrent mardi.", 'fr', 'Centre Pompidou'),
    ('El Museo del Prado recibió tres millones de visitantes.', 'es', 'Museo del Prado'),
    ('The film won the Golden Bear at the Berlinale on Saturday.', 'en',
     'Berlin International Film Festival'),
    ('大英博物館で特別展が開幕した。', 'ja', 'British Museum'),
])
def test_cultural_institutions(tagger, body, lang, org):
    assert org in _names(tagger, body, lang, 'organizations')


def test_a_town_inside_a_museums_name_is_no_place(tagger):
    # Orsay is a town near Paris; the musée d'Orsay is in Paris and named after a station
    body = "Le musée d'Orsay expose Manet à partir de mardi."
    assert 'Orsay' not in _names(tagger, body, 'fr', 'places')


# --- a sentence's first article -----------------------------------------------------------------

@pytest.mark.parametrize('body,lang', [
    # rd23-de-01
    ('Aus PDS und WASG wurde eine Partei. Eine Partei allerdings, die zerrissen ist.', 'de'),
    ('Une Assemblée plus divisée que jamais. Cette Assemblée ne votera rien.', 'fr'),
])
def test_an_indefinite_article_starts_no_name(tagger, body, lang):
    orgs = _names(tagger, body, lang, 'organizations')
    assert not any(o.split()[0] in ('Eine', 'Une', 'Cette') for o in orgs), orgs


# --- crime and law ------------------------------------------------------------------------------

@pytest.mark.parametrize('title,body,lang', [
    # rd23-es-03: a disappearance the Guardia Civil investigates, reported to it
    ('Localizados sin vida los cuerpos de un padre y su hijo en la zona de Urbasa (Navarra)',
     'El dispositivo de búsqueda, cuya desaparición se denunció este lunes, ha localizado los '
     'cuerpos, según ha informado la Guardia Civil, que se encarga de la investigación.', 'es'),
    # rd23-fr-02: an assault on a mayor, an illegal camp
    ("Le maire de L'Houmeau agressé par des gens du voyage",
     "Le maire a été violemment frappé par un individu alors qu'il tentait d'empêcher "
     "l'installation illégale d'une vingtaine de caravanes sur le stade municipal.", 'fr'),
    ('Businessman kidnapped in Lagos',
     'The kidnappers demanded a ransom of two million dollars in an extortion plot, his family '
     'said.', 'en'),
    ('Geldwäsche und Veruntreuung: Ex-Bankchef unter Verdacht',
     'Dem früheren Bankchef werden Geldwäsche und Veruntreuung in Millionenhöhe vorgeworfen.',
     'de'),
    ('Массовая драка у торгового центра',
     'Хулиганы устроили массовую драку у торгового центра, пострадали трое.', 'ru'),
    ('회삿돈 횡령 대표 검거', '회삿돈 30억원을 횡령한 대표가 검거됐다.', 'ko'),
])
def test_crime_and_law_in_more_words(tagger, title, body, lang):
    assert 'crime_law' in _topics(tagger, body, lang, title)


@pytest.mark.parametrize('title,body,lang', [
    # rd23-en-05, rd22-de-01, rd19-es-04, rd4-ja-05: religion and heritage are culture
    ('Pope Francis compares child sex abuse to human sacrifice',
     'Pope Francis condemns child sex abuse in strong terms, as he closes a Church summit.', 'en'),
    ('Jerusalem: Deutscher wird zum Abt geweiht',
     'Der deutsche Benediktiner wurde an Pfingsten in Jerusalem zum Abt geweiht, einem '
     'Pilgerort für viele.', 'de'),
    ('Restauración de la fachada de la iglesia de San Francisco costaría $1.000 millones',
     'El Ministerio de Cultura definió los recursos para atender la restauración de la iglesia '
     'San Francisco, tras sufrir daños en su fachada.', 'es'),
    ('ことしもあとわずか 京都で除夜の鐘の「試しづき」',
     '大みそかを前に、京都の知恩院では重さがおよそ70トンもある釣り鐘で除夜の鐘の「試しづき」が'
     '行われました。', 'ja'),
])
def test_religion_and_heritage_are_culture(tagger, title, body, lang):
    assert 'culture' in _topics(tagger, body, lang, title)

# --- real_dev23's names -------------------------------------------------------------------------

def test_the_capitol_and_its_police_are_not_the_country(tagger):
    # rd23-en-02
    tags = tag_text(tagger, 'A man shot himself near the US Capitol Building early Sunday '
                            'morning, US Capitol Police said.', 'en',
                    'Man fatally shoots self near US Capitol Building')
    assert {t['name'] for t in tags['places']} == {'United States Capitol'}
    assert {t['name'] for t in tags['organizations']} == {'United States Capitol Police'}


def test_pds_and_wasg(tagger):
    # rd23-de-01
    body = ('Oskar Lafontaine hatte die Linke zusammengehalten. Ihm war es gelungen, aus der '
            'ostdeutschen PDS und der westdeutschen WASG in Deutschland eine Partei zu formen.')
    orgs = _names(tagger, body, 'de', 'organizations')
    assert {'Party of Democratic Socialism (Germany)',
            'Labour and Social Justice – The Electoral Alternative'} <= orgs


def test_mexicos_guardia_nacional_with_its_country(tagger):
    # rd23-es-01: Tepic, Nayarit confirm Mexico
    body = 'Un grupo armado atacó a elementos de la Guardia Nacional en Tepic, Nayarit.'
    assert 'National Guard (Mexico)' in _names(tagger, body, 'es', 'organizations')
    # no Mexican place, no Mexican body
    assert 'National Guard (Mexico)' not in _names(
        tagger, 'La Guardia Nacional fue desplegada en Caracas.', 'es', 'organizations')


def test_alphabet_is_not_google(tagger):
    # rd23-en-03
    body = ('(Reuters) - Google parent Alphabet missed analysts\' estimates for quarterly '
            'profit on Monday.')
    assert {'Google', 'Alphabet Inc.'} <= _names(tagger, body, 'en', 'organizations')
    assert 'Alphabet Inc.' not in _names(tagger, 'Google said on Monday it would hire.', 'en',
                                         'organizations')


# --- historical figures, and the streets named after them --------------------------------------

@pytest.mark.parametrize('body,lang,person', [
    # rd23-ru-02, rd5-ru-03, rd19-ru-02
    ('В Венгрии демонтировали последнюю в стране статую Карла Маркса.', 'ru', 'Karl Marx'),
    ('Спектакль по роману Оноре де Бальзака поставили в Москве.', 'ru', 'Honoré de Balzac'),
    ('Памятник Ленину снесли в центре города.', 'ru', 'Vladimir Lenin'),
    ('Le tableau de Van Gogh a été vendu 80 millions de dollars.', 'fr', 'Vincent van Gogh'),
    ('Die Ausstellung zeigt Briefe von Goethe und Schiller.', 'de',
     'Johann Wolfgang von Goethe'),
    ('El dictador Franco murió en 1975.', 'es', 'Francisco Franco'),
    ('孫中山先生誕辰紀念活動今日舉行。', 'zh', 'Sun Yat-sen'),
])
def test_historical_figures(tagger, body, lang, person):
    assert person in _names(tagger, body, lang, 'persons')


@pytest.mark.parametrize('body,lang,person', [
    ('ДТП произошло на улице Ленина в центре города.', 'ru', 'Vladimir Lenin'),
    ('Пробка образовалась на проспекте Ленина.', 'ru', 'Vladimir Lenin'),
    ('Les manifestants ont défilé rue Victor Hugo jusqu\'à la mairie.', 'fr', 'Victor Hugo'),
    ('El choque fue en la avenida Simón Bolívar de Caracas.', 'es', 'Simón Bolívar'),
    ('They marched along Martin Luther King Jr. Boulevard on Monday.', 'en',
     'Martin Luther King Jr.'),
    ('They marched along Martin Luther King Jr. Boulevard on Monday.', 'en', 'Martin Luther'),
])
def test_a_street_named_after_a_person_is_no_mention_of_him(tagger, body, lang, person):
    assert person not in _names(tagger, body, lang, 'persons')


def test_a_title_case_headline_is_no_street(tagger):
    # "At Airport": a headline's small word, not a name's continuation
    item = new_item(id='x', title='Xi Meets Putin At Airport In Beijing',
                    body='Xi Jinping welcomed Vladimir Putin on Monday.', language='en',
                    languages={'title': 'en', 'body': 'en'})
    mentions = {(p['field'], p['alias']) for p in tag_item(item, tagger)['provenance']['tags']
                if p['kind'] == 'persons'}
    assert ('title', 'Putin') in mentions


def test_the_person_is_still_named_beside_his_street(tagger):
    body = 'El choque fue en la avenida Simón Bolívar. Simón Bolívar nació en Caracas.'
    assert _names(tagger, body, 'es', 'persons') == {'Simón Bolívar'}
    assert 'Lincoln Memorial' in _names(tagger, 'Crowds gathered at the Lincoln Memorial.', 'en',
                                        'places')


# --- "Parliament" in English news ---------------------------------------------------------------

@pytest.mark.parametrize('title,body,org', [
    # rd23-en-04
    ("Ramaphosa's Future as South Africa's Leader in Doubt After Damning Report",
     'An independent panel reported to Parliament that the South African president might have '
     'broken the law.', 'Parliament of South Africa'),
    # rd15-en-02
    ('', 'MPs in Parliament will vote on the deal, Theresa May said in London.',
     'Parliament of the United Kingdom'),
    ('', 'Prime Minister Narendra Modi told Parliament on Monday that India would respond.',
     'Parliament of India'),
])
def test_parliament_is_the_parliament_of_the_country_named(tagger, title, body, org):
    assert _names(tagger, body, 'en', 'organizations', title) == {org}


def test_parliament_without_its_country_is_none(tagger):
    body = 'Parliament debated the bill in Berlin on Monday while Germany waited.'
    assert _names(tagger, body, 'en', 'organizations') == set()


@pytest.mark.parametrize('body,org', [
    # rd20-en-04
    ('SC asks Maharashtra poll panel | The Supreme Court on Monday asked the Maharashtra '
     'election commission to notify local body polls in two weeks, in India.',
     'Supreme Court of India'),
    ('The Supreme Court ruled on Friday that the law stands across the United States.',
     'Supreme Court of the United States'),
])
def test_the_supreme_court_is_the_one_of_the_country_named(tagger, body, org):
    assert _names(tagger, body, 'en', 'organizations') == {org}


# --- rule 31: an acronym in its language ---------------------------------------------------------

@pytest.mark.parametrize('body,lang,org', [
    # rd20-zh-06: CPI, the French and Spanish acronym of the ICC, in a report on prices
    ("China's CPI rose 0.5 percent in March, the statistics bureau said in Beijing.", 'en',
     'International Criminal Court'),
    # rd21-es-04: RN is the French acronym
    ('El RN ganó en Francia, dijo Marine Le Pen.', 'es', 'National Rally'),
    # rd15-en-12: PCC is the French acronym of the Chinese Communist Party
    ('The PCC met in Abuja on Monday, China\'s ambassador said.', 'en',
     'Chinese Communist Party'),
])
def test_an_acronym_only_other_languages_write_names_nothing(tagger, body, lang, org):
    assert org not in _names(tagger, body, lang, 'organizations')


@pytest.mark.parametrize('body,lang,org', [
    ('Le RN a remporté 30 % des voix, selon Marine Le Pen.', 'fr', 'National Rally'),
    # a language the gazetteer does not write (Portuguese writes ONU too)
    ('A ONU pediu um cessar-fogo em Gaza nesta segunda-feira.', 'pt', 'United Nations'),
])
def test_an_acronym_in_its_own_language_still_names_it(tagger, body, lang, org):
    assert org in _names(tagger, body, lang, 'organizations')


def test_the_acronym_table_leaves_english_and_indonesian_ones():
    from transforms.tag.context import foreign_acronyms
    from transforms.tag.gazetteer import Entity
    entities = [Entity('a', 'A', 'organization', aliases=(('fr', 'CPI'), ('es', 'CPI'))),
                Entity('b', 'B', 'organization', aliases=(('fr', 'OMS'), ('en', 'OMS'))),
                Entity('c', 'C', 'organization', aliases=(('id', 'BI'), ('ja', 'BI'))),
                Entity('d', 'D', 'organization', aliases=(('de', 'Dpa'),))]
    assert foreign_acronyms(entities) == {0: {'CPI': frozenset({'fr', 'es'})}}
