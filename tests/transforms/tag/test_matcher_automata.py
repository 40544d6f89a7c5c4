"""The automaton of transforms/tag/matcher.py (``ahocorasick_rs``) finds every occurrence of
every key, overlapping ones included, at character positions in any script, in the order the
boundary rules read them; and a text it cannot encode does not stop it."""
import random

from transforms.tag import matcher as matcher_module
from transforms.tag.gazetteer import parse_entity
from transforms.tag.matcher import EntityMatcher, _Automata
from transforms.tag.text import fold_text

KEYS = ['us', 'usa', 'russia', 'россия', 'ロシア', '러시아', '美国', '美国人', 'paris', 'un',
        'vereinte nationen', 'strasse des 17. juni', 'korea', 'korea selatan', '한국', 'ß',
        '🙂', '𠀀', 'café', 'an', 'and', 'a']
WORDS = KEYS + ['US', 'Россия', 'ロシアの', '러시아는', 'İstanbul', '—', ',', '.', 'in', 'the',
                'sand', 'aa', 'caféé']


def _table(keys):
    return {key: (len(key), None, None, 0, [key], []) for key in keys}


def _naive(keys, text):
    return {(number, start, start + len(key)) for number, key in enumerate(keys)
            for start in range(len(text)) if text.startswith(key, start)}


def test_every_occurrence_of_every_key_at_character_positions():
    automata = _Automata(_table(KEYS))
    keys = sorted(KEYS)                 # the automaton numbers its keys in sorted order
    rng = random.Random(7)
    for _ in range(400):
        text = rng.choice(['', ' ']).join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))
        found = automata.matches(text)
        assert set(found) == _naive(keys, text), text
        assert len(found) == len(set(found))
        # by end, and the longer first where two end together (what the boundary rules expect)
        assert found == sorted(found, key=lambda m: (m[2], m[1])), text
        for number, start, stop in found:
            assert text[start:stop] == keys[number]
            assert automata.values[number][0] == stop - start


def test_no_keys_no_matches():
    assert _Automata({}).matches('anything') == []


ENTITIES = [
    {'id': 'Q159', 'name': 'Russia', 'kind': 'place', 'country': 'RU',
     'aliases': {'ja': ['ロシア'], 'ru': ['Россия'], 'ko': ['러시아']}},
    {'id': 'Q30', 'name': 'United States', 'kind': 'place', 'country': 'US',
     'aliases': {'en': ['US', 'USA'], 'zh': ['美国']}},
    {'id': 'Q90', 'name': 'Paris', 'kind': 'place', 'country': 'FR'},
]


def test_a_lone_surrogate_does_not_stop_the_automaton():
    # no UTF-8 for it: the text is scanned with a '?' in its place, positions unchanged
    matcher = EntityMatcher([parse_entity(e) for e in ENTITIES])
    text = 'Paris \ud800 and US in Россия\udc00'
    assert [m.entity.name for m in matcher.find({'body': text})] == [
        'Paris', 'United States', 'Russia']
    hits = list(matcher._index.hits(*fold_text(text))[0])
    assert sorted((start, stop) for start, stop, _group in hits) == [(0, 5), (12, 14), (18, 24)]


def test_the_module_has_one_automaton_library():
    assert not hasattr(matcher_module, 'ahocorasick')
