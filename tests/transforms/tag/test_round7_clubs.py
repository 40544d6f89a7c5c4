"""Issue 14, seventh round: rule 8 of transforms/tag/context.py, a city in a match report is its
club ("Bayern München gewinnt Spitzenspiel gegen Dortmund": heldout h-de-03's Dortmund, and
wide_dev's "Sevilla" were places).
"""
import pytest

from tests.transforms.tag.shipped import tag_text
from transforms.tag.context import ClubCities
from transforms.tag.gazetteer import Entity


def _tags(tagger, body, lang):
    tags = tag_text(tagger, body, lang)
    return ({t['name'] for t in tags['organizations']}, {t['name'] for t in tags['places']})


@pytest.mark.parametrize('lang,body,orgs,places', [
    ('en', 'Liverpool beat Chelsea 2-0 at Anfield on Sunday.',
     {'Liverpool F.C.', 'Chelsea F.C.'}, {'Anfield'}),
    ('en', 'Real Madrid thrashed Valencia 4-0 at the Bernabéu.',
     {'Real Madrid', 'Valencia CF'}, {'Santiago Bernabéu Stadium'}),
    ('de', 'Bayern München gewinnt Spitzenspiel gegen Dortmund. Leverkusen verlor in Mainz mit 0:2.',
     {'FC Bayern Munich', 'Borussia Dortmund', 'Bayer 04 Leverkusen'}, {'Mainz'}),
    ('es', 'El Real Madrid venció al Barcelona por 2-1 en el Santiago Bernabéu.',
     {'Real Madrid', 'FC Barcelona'}, {'Santiago Bernabéu Stadium'}),
    # a word two clubs share is no place, and no club either
    ('en', 'Manchester drew 1-1 at home on Saturday.', set(), set()),
])
def test_a_city_in_a_match_report_is_its_club(tagger, lang, body, orgs, places):
    assert _tags(tagger, body, lang) == (orgs, places)


@pytest.mark.parametrize('lang,body,place', [
    ('en', 'The mayor of Liverpool said the new bridge would open in May.', 'Liverpool'),
    ('en', 'Farmers in Spain protested against Valencia, the regional government said.', 'Valencia'),
    ('de', 'Die Demonstration gegen Dortmund-Pläne blieb friedlich, sagte die Polizei in Dortmund.',
     'Dortmund'),
    ('es', 'El alcalde de Barcelona visitó el puerto.', 'Barcelona'),
])
def test_a_city_outside_a_match_stays_a_place(tagger, lang, body, place):
    assert place in _tags(tagger, body, lang)[1]


def test_club_words_come_from_the_gazetteer():
    entities = [
        Entity('p1', 'Springfield', 'place', 'city', aliases=(('en', 'Springfield'),)),
        Entity('p2', 'Shelbyville', 'place', 'city', aliases=(('en', 'Shelbyville'),)),
        Entity('o1', 'Springfield Atoms', 'organization', 'sports',
               aliases=(('en', 'Springfield Atoms'),)),
        Entity('o2', 'Shelbyville Sharks', 'organization', 'sports',
               aliases=(('en', 'Shelbyville Sharks'),)),
        Entity('o3', 'Shelbyville Shelbyvillians', 'organization', 'sports',
               aliases=(('en', 'Shelbyville Shelbyvillians'),)),
    ]
    clubs = ClubCities(entities)
    folded = {'body': ('Springfield beat Shelbyville 3-1.', 'springfield beat shelbyville 3-1.',
                       None)}
    rows = [(0, 'body', 'Springfield', 'alias', None, 0, 11),
            (1, 'body', 'Shelbyville', 'alias', None, 17, 28)]
    # Springfield: its one club; Shelbyville: two clubs hold it, so neither is tagged
    assert clubs.apply(rows, folded, {'body': 'en'}) == [
        (2, 'body', 'Springfield', 'club_city', None, 0, 11)]
    # no match words: the same rows
    calm = {'body': ('Springfield and Shelbyville', 'springfield and shelbyville', None)}
    assert clubs.apply(rows, calm, {'body': 'en'}) is rows
    # a language the rule does not read
    assert clubs.apply(rows, folded, {'body': 'ja'}) is rows
