"""Topics: a side topic is said in words (``side_topic_min_keywords``), and German compound
heads (``*brand``: Wohnungsbrand) find the keywords a compound hides."""
import pytest

from tests.transforms.tag.shipped import tag_text
from transforms.tag.topics import TopicsError, parse_topics

SIDE = {
    'threshold': 4.0, 'min_keywords': 2,
    'topics': {
        'sport': {'name': 'Sport', 'keywords': {'en': {'league': 2.5, 'match': 1.5}}},
        'economy': {'name': 'Economy', 'entity_types': {'company': 1},
                    'keywords': {'en': {'finances': 1.5, 'bank': 1}}},
        'conflict': {'name': 'Conflict', 'entity_types': {'armed_group': 2.5},
                     'keywords': {'en': {'ceasefire': 2.5, 'rockets': 2}}},
        'politics': {'name': 'Politics', 'entity_types': {'politician': 1},
                     'keywords': {'en': {'talks': 1.5, 'minister': 1}}},
    },
}


def _topics(rules, title, body, entities=(), lang='en'):
    scored = rules.score({'title': title, 'body': body}, {'title': lang, 'body': lang},
                         entities=entities)
    return [topic.id for topic, _score, _hits in scored]


def test_a_side_topic_needs_two_words_not_a_company_named():
    """rd2-ru-05 of the real-news dev set, in English: a league match report whose headline
    names the club's finances and whose text names its sponsor bank. One word and a company
    named are not an economy story beside the sport."""
    title = 'Spartak finances in question after league match'
    body = 'Spartak lost the league match; Tinkoff sponsors the club.'
    bank = [('company', 'Q1', 'Tinkoff Bank', 'body')]
    assert _topics(parse_topics(SIDE), title, body, bank) == ['sport', 'economy']
    rules = parse_topics(dict(SIDE, side_topic_min_keywords=2))
    assert _topics(rules, title, body, bank) == ['sport']
    # two words of its own make it a side topic again
    assert _topics(rules, title, body + ' The bank cut its payments.', bank) == [
        'sport', 'economy']
    # the best topic is not held to it: a company named still supports the main topic
    assert _topics(rules, 'Tinkoff Bank finances', 'No comment.', bank) == ['economy']


def test_a_strong_entity_type_counts_for_a_side_topic():
    """v-en-03 of wide_dev, shortened: a ceasefire headline over talks; Hamas (an armed group,
    weight 2.5) named in the text is conflict evidence, unlike a politician named."""
    rules = parse_topics(dict(SIDE, side_topic_min_keywords=2))
    hamas = [('armed_group', 'Q2', 'Hamas', 'body'), ('politician', 'Q3', 'Netanyahu', 'body')]
    title = 'Ceasefire talks resume'
    body = ('Talks resumed as Hamas and the minister met; the talks will go on and the '
            'minister stays.')
    assert _topics(rules, title, body, hamas) == ['politics', 'conflict']


def test_side_topic_min_keywords_is_checked():
    for bad in (-1, 1.5, True, 'two'):
        with pytest.raises(TopicsError, match='side_topic_min_keywords'):
            parse_topics(dict(SIDE, side_topic_min_keywords=bad))


HEADS = {
    'threshold': 4.0, 'min_keywords': 2,
    'topics': {
        'disasters': {'name': 'Disasters', 'keywords': {'de': {
            'feuerwehr': 1.5, 'brände': 2, '*brand': 2, 'großbrand': 2.5}, 'en': {'fire': 2}}},
        'migration': {'name': 'Migration', 'keywords': {'de': {
            'flüchtling*': 2.5, '*flüchtling*': 2.5, 'grenze': 1.5}}},
        'politics': {'name': 'Politics', 'keywords': {'de': {
            'ministerpräsident*': 1.5, '*präsident': 1, 'landtag': 2}}},
    },
}


def test_a_compound_head_matches_the_end_of_a_german_compound():
    rules = parse_topics(HEADS)
    # Wohnungsbrand: a Brand; with the Feuerwehr, two keywords
    assert _topics(rules, 'Wohnungsbrand in Köln', 'Die Feuerwehr war im Einsatz.',
                   lang='de') == ['disasters']
    # "Brand" alone is not the head's (it would be a plain keyword's): one keyword
    assert _topics(rules, 'Brand in Köln', 'Die Feuerwehr war im Einsatz.', lang='de') == []
    # a head with * at both ends: inside the word (Kriegsflüchtlinge)
    assert _topics(rules, 'Kriegsflüchtlinge an der Grenze', 'An der Grenze warten viele.',
                   lang='de') == ['migration']
    # a head only applies to its language's fields
    assert _topics(rules, 'Wohnungsbrand in Köln', 'Die Feuerwehr war im Einsatz.',
                   lang='en') == []


def test_a_compound_head_inside_a_plain_keyword_counts_once():
    """"Ministerpräsident" is the keyword ``ministerpräsident*``, not that and ``*präsident``
    as a second supporting keyword; "Großbrand" is ``großbrand``, not ``*brand`` too."""
    rules = parse_topics(HEADS)
    assert _topics(rules, 'Ministerpräsident in Mainz', 'Der Ministerpräsident sprach lange.',
                   lang='de') == []
    assert _topics(rules, 'Großbrand in Mainz', 'Eine Halle ist zerstört.', lang='de') == []
    # a Staatspräsident beside him is a second word
    assert _topics(rules, 'Ministerpräsident trifft den Staatspräsident', 'Im Landtag.',
                   lang='de') == ['politics']


@pytest.mark.parametrize('word', ['*b', '*bau*stelle', '*zwei worte', 'a*b'])
def test_a_bad_compound_head_is_refused(word):
    with pytest.raises(TopicsError):
        parse_topics({'topics': {'t': {'name': 'T', 'keywords': {'de': {word: 2}}}}})


def test_shipped_heads_find_german_main_topics(tagger):
    """rd2-de-03 of the real-news dev set (a bridge collapsed, a worker died) and German
    compounds that hide the keyword (Bundestagswahl, Kriegsflüchtlinge)."""
    def topics(title, body):
        return [t['id'] for t in tag_text(tagger, body, 'de', title).get('topics', [])]
    assert topics('Hannover/Niedersachsen: Brücke eingestürzt - Ein Mensch tot',
                  'In Seelze bei Hannover ist eine Brücke eingestürzt. Ersten Informationen '
                  'zufolge ist dabei ein Bauarbeiter ums Leben gekommen.') == ['disasters']
    assert topics('Union gewinnt die Bundestagswahl',
                  'Nach der Bundestagswahl beginnen die Gespräche über eine Koalition.') == [
        'politics']
    assert 'migration' in topics('Mehr Kriegsflüchtlinge erwartet',
                                 'Die Länder rechnen mit weiteren Kriegsflüchtlingen.')


def test_shipped_heads_leave_out_compounds_of_another_subject(tagger):
    """Auswahl (a selection, a national side) is no election, Geschäftsklima (the business
    climate) no environment story, Kostenexplosion no disaster."""
    def topics(title, body):
        return [t['id'] for t in tag_text(tagger, body, 'de', title).get('topics', [])]
    got = topics('Nationalauswahl gewinnt das Turnier',
                 'Die Auswahl gewann das Finale im Stadion mit zwei Toren.')
    assert 'politics' not in got and 'sport' in got
    got = topics('Geschäftsklima hellt sich auf',
                 'Das Geschäftsklima der Unternehmen stieg; die Kostenexplosion bei Energie '
                 'ist vorbei, sagen Ökonomen. Die Inflation sinkt.')
    assert got == ['economy']


def test_max_topics_per_item_keeps_the_best():
    """Labellers give one topic, sometimes two, never three: a report of talks on a ceasefire
    and on a company's finances reaches three topics, and keeps the best two."""
    title = 'Ceasefire talks; rockets; league match; bank finances'
    body = ('Ceasefire talks went on, rockets fell, the minister spoke; the league match was '
            'played; the bank finances were questioned.')
    assert len(_topics(parse_topics(SIDE), title, body)) == 4
    rules = parse_topics(dict(SIDE, max_topics_per_item=2))
    assert _topics(rules, title, body) == _topics(parse_topics(SIDE), title, body)[:2]
    for bad in (0, 1.5, True):
        with pytest.raises(TopicsError, match='max_topics_per_item'):
            parse_topics(dict(SIDE, max_topics_per_item=bad))


def test_a_keyword_inside_a_longer_keyword_of_another_topic_is_the_longer_ones():
    """"heart attack" (health) is no attack (conflict): the longer keyword decides the reading
    of the words it covers, as ``air strike`` does for ``strike`` and ``ракет*`` (missiles) for
    ``рак*`` (cancer)."""
    rules = parse_topics({'threshold': 4.0, 'min_keywords': 2, 'topics': {
        'health': {'name': 'Health', 'keywords': {'en': {'heart attack': 2.5, 'hospital': 2}}},
        'conflict': {'name': 'Conflict', 'keywords': {'en': {'attack*': 1.5, 'troops': 2}}}}})
    title = 'Commander dies of heart attack'
    body = 'The commander died in hospital after a heart attack, his troops said.'
    assert _topics(rules, title, body) == ['health']
    # an attack of its own still counts
    assert _topics(rules, title, body + ' Rebels attack the base; more troops came.') == [
        'health', 'conflict']


def test_shipped_missiles_are_no_cancer_story(tagger):
    """``ракет*`` (missiles) covers ``рак*`` (cancer): with the wounded taken to hospital,
    the cancer prefix made this a health story too."""
    body = ('Российские военные сбили три ракеты над Белгородской областью. Обломки ракет '
            'упали на окраине, двух раненых доставили в больницу.')
    got = [t['id'] for t in tag_text(tagger, body, 'ru', 'ПВО сбила ракеты над Белгородом')
           .get('topics', [])]
    assert got == ['conflict_defence']
