"""The fast paths of transforms/tag/matcher.py give the same answers as the plain rules:
encoded automata (ASCII, UTF-16, UTF-32 text), the no-overlap shortcut, the shouting test."""
import random

import pytest

from transforms.tag.gazetteer import parse_entity
from transforms.tag.matcher import EntityMatcher, PhraseIndex
from transforms.tag.text import is_shouting as _shouting
from transforms.tag.text import fold_text


def entity(id, name, kind='place', aliases=None, country=None):
    data = {'id': id, 'name': name, 'kind': kind, 'aliases': aliases or {}}
    if country:
        data['country'] = country
    return parse_entity(data)


@pytest.fixture(scope='module')
def matcher():
    return EntityMatcher([
        entity('Q159', 'Russia', aliases={'ja': ['ロシア'], 'ru': ['Россия']}, country='RU'),
        entity('Q30', 'United States', aliases={'en': ['US'], 'zh': ['美国']}, country='US'),
        entity('Q90', 'Paris', country='FR'),
        entity('Q1065', 'United Nations', 'organization', {'en': ['UN']}),
    ])


def found(matcher, text):
    return [(m.entity.name, m.alias, m.rule) for m in matcher.find({'body': text})]


@pytest.mark.parametrize('tail', ['', ' café', ' 北京', ' 🙂', ' 𠀀'])
def test_same_mentions_whatever_the_text_encoding(matcher, tail):
    # ASCII text, other BMP text (UTF-16 units) and text beyond the BMP (UTF-32 units)
    text = 'US and Russia met in Paris; ロシア and 美国 too, UN said' + tail
    assert found(matcher, text) == [
        ('United States', 'US', 'short_alias_exact_case'), ('Russia', 'Russia', 'alias'),
        ('Paris', 'Paris', 'alias'), ('Russia', 'ロシア', 'alias'),
        ('United States', '美国', 'alias'), ('United Nations', 'UN', 'short_alias_exact_case')]


@pytest.mark.parametrize('prefix', ['', 'é', '🙂'])
def test_positions_in_characters_whatever_the_encoding(prefix):
    index = PhraseIndex()
    index.add('paris', 'p')
    index.add('UN', 'un', exact_case=True)
    index.build()
    text = prefix + 'In Paris, the UN met'
    norm, folded, offsets = fold_text(text)
    spans = [(folded[a:b], p) for a, b, p in index.scan(folded, norm=norm, offsets=offsets)]
    assert spans == [('paris', ('p',)), ('un', ('un',))]


def test_a_match_off_a_character_boundary_is_dropped():
    # UTF-16-BE of '一愀戀' is 4E 00 61 00 62 00: the bytes of 'ab' (00 61 00 62) sit inside it
    # one byte off; in UTF-32 the same holds for the bytes of 'a' + 'b' shifted by two
    index = PhraseIndex()
    index.add('ab', 'k')
    index.build()
    assert list(index.scan('一愀戀')) == []
    assert list(index.scan('一愀戀🙂')) == []
    assert [p for _, _, p in index.scan('一 ab 🙂')] == [('k',)]


def test_mentions_in_text_order_when_exact_case_matches_come_last(matcher):
    # 'US' is found by the exact-case automaton after the other matches; order is by position
    assert [m.entity.name for m in matcher.find({'body': 'US envoy in Paris and US troops'})] == [
        'United States', 'Paris', 'United States']


def _shouting_by_definition(text):
    upper = sum(map(str.isupper, text))
    return upper >= 8 and upper >= 4 * sum(map(str.islower, text))


def test_shouting_quick_answer_agrees_with_the_definition():
    rng = random.Random(5)
    alphabet = 'abcXYZ ÉéСШАсшаёЁµ北 ,.🙂'
    texts = ['PLEASE TELL US WHAT HAPPENED', 'TRUMP TELLS US ALLIES TO PAY MORE', 'Us and them',
             'США И РОССИЯ ПОДПИСАЛИ', 'ab' + 'X' * 8, 'a' + 'X' * 8, '']
    texts += [''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
              for _ in range(3000)]
    for text in texts:
        assert _shouting(text) == _shouting_by_definition(text), text


def _longest_first_by_definition(found):
    # rule 4 as first written: longest first (ties: leftmost, then first found), greedily
    taken = bytearray(max((f[1] for f in found), default=0))
    chosen = []
    for f in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if taken.find(1, f[0], f[1]) == -1:
            taken[f[0]:f[1]] = b'\x01' * (f[1] - f[0])
            chosen.append(f)
    return sorted(chosen, key=lambda f: f[0])


def test_overlap_runs_decided_alone_agree_with_the_rule():
    from transforms.tag.matcher import _longest_first
    rng = random.Random(11)
    for n in range(2000):
        found = []
        for k in range(rng.randint(0, 12)):
            start = rng.randint(0, 40)
            found.append((start, start + rng.randint(2, 9), f'm{k}'))
        assert _longest_first(found) == _longest_first_by_definition(found), found


def test_topic_limits_only_cut_what_the_full_answer_has():
    from transforms.tag.topics import parse_topics
    rules = parse_topics({'threshold': 2, 'min_keywords': 1, 'topics': {
        f't{i}': {'name': f'T{i}', 'keywords': {'en': {f'word{i}': 1 + i % 3, 'shared': 1}}}
        for i in range(6)}})
    text = {'title': 'word1 word2 shared', 'body': ' '.join(f'word{i % 6}' for i in range(40))}
    full = rules.score(text)
    assert len(full) > 3 and any(len(hits) > 1 for _, _, hits in full)
    assert rules.score(text, limit=3, limit_hits=1) == [(t, s, h[:1]) for t, s, h in full[:3]]


def test_nfkc_with_wide_punctuation_replaced_first_is_plain_nfkc():
    import unicodedata
    from transforms.tag.text import _PAIRS, nfkc
    rng = random.Random(3)
    alphabet = '中国会谈，：；（）！？％\u3000…ｶﾞＥ\u0301\u0308e,. a北朝鮮ロシア한국ß①㈱'
    for _ in range(3000):
        text = ''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        expected = unicodedata.normalize('NFKC', text)
        for old, new in _PAIRS:
            expected = expected.replace(old, new)
        assert nfkc(text) == expected, text


def test_tags_of_two_items_are_separate_objects():
    # the tagger copies a tag made once per entity: changing one item's must not touch another's
    import os
    from transforms.model import new_item
    from transforms.tag import Tagger, TagSettings, tag_item
    from transforms.tag.settings import REPO_ROOT
    tagger = Tagger.from_settings(TagSettings(
        gazetteer_paths=(os.path.join(REPO_ROOT, 'tests', 'data', 'tagging', 'gazetteer.jsonl'),)))
    items = [tag_item(new_item(id=f'i{n}', title='Korea Utara dan Rusia', body='Rusia.',
                               language='id'), tagger) for n in range(2)]
    places = [item['tags']['places'] for item in items]
    assert places[0] and places[0] == places[1]
    tag = places[0][0]
    tag['name'] = 'changed'
    if 'coordinates' in tag:
        tag['coordinates'].append(0)
    assert places[1][0] != tag and places[1] == tag_item(items[1], tagger)['tags']['places']
