"""The labeled tagging sets: their shape, and a precision floor for the shipped configs."""
import collections
import importlib.util
import os
import re

import pytest

from transforms.tag import Tagger, TagSettings
from transforms.tag.settings import REPO_ROOT

DATA = os.path.join(REPO_ROOT, 'tests', 'data', 'tagging')


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        'tag_benchmark', os.path.join(REPO_ROOT, 'benchmarks', 'tag.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _OneTag:
    """A tagger answering one tag of ``kind`` (the benchmark calls its ``tags_for``)."""

    def __init__(self, kind: str, tag: dict):
        self.kind, self.tag = kind, tag

    def tags_for(self, item):
        return {self.kind: [self.tag]}


def _unlinked(kind: str, name: str) -> _OneTag:
    """A tagger answering one unlinked tag named ``name``."""
    return _OneTag(kind, {'id': f'nb:{kind[:-1]}:x', 'name': name, 'linked': False})


@pytest.mark.parametrize('name, minimum', [('labeled.jsonl', 50), ('heldout.jsonl', 30),
                                           ('fresh.jsonl', 30), ('wide_dev.jsonl', 40),
                                           ('wide_test.jsonl', 24), ('short_test.jsonl', 23)])
def test_set_shape(name, minimum):
    rows = _benchmark().load_labeled(os.path.join(DATA, name))
    assert len(rows) >= minimum
    assert len({r['id'] for r in rows}) == len(rows)
    languages = collections.Counter(r['language'] for r in rows)
    assert len(languages) >= 8
    for row in rows:
        assert row['title'] and row['body']
        assert set(row['expected']) == {'persons', 'organizations', 'places', 'topics'}
    notes = [r for r in rows if 'hard negative' in r.get('note', '')]
    assert notes, 'hard negatives are part of the set'


REAL_SETS = ('real_dev.jsonl', 'real_test.jsonl', 'real_dev2.jsonl', 'real_test2.jsonl',
             'real_dev3.jsonl', 'real_dev4.jsonl', 'real_dev5.jsonl', 'real_dev6.jsonl',
             'real_dev7.jsonl', 'real_dev8.jsonl', 'real_dev9.jsonl', 'real_dev10.jsonl',
             'real_dev11.jsonl', 'real_dev12.jsonl', 'real_dev13.jsonl',
             'real_dev14.jsonl', 'real_dev15.jsonl', 'real_dev16.jsonl', 'real_dev17.jsonl',
             'real_dev18.jsonl', 'real_dev19.jsonl', 'real_dev20.jsonl', 'real_dev21.jsonl',
             'real_dev22.jsonl', 'real_dev23.jsonl', 'real_dev24.jsonl',
             'real_dev25.jsonl', 'real_dev26.jsonl', 'real_dev27.jsonl', 'real_dev28.jsonl',
             'real_dev29.jsonl', 'real_dev30.jsonl', 'real_dev31.jsonl', 'real_dev32.jsonl',
             'real_dev33.jsonl', 'real_dev34.jsonl', 'real_dev35.jsonl',
             'real_dev36.jsonl', 'real_dev37.jsonl', 'real_dev38.jsonl', 'real_dev39.jsonl',
             'real_dev40.jsonl', 'real_dev41.jsonl', 'real_dev42.jsonl')
#: sets with fewer languages than the seven the others hold: the collectors found no Chinese or
#: Japanese text in a repository that no set uses
_SIX_LANGUAGES = frozenset({'real_dev23.jsonl'})


@pytest.mark.parametrize('name', REAL_SETS)
def test_real_news_sets(name):
    """The real-news sets: verbatim texts, each with the repository file it was copied from,
    articles of up to 2,500 characters or a headline and one sentence, several languages,
    and no text (nor id) shared between any two of the dev and held-out sets."""
    bench = _benchmark()
    rows = bench.load_labeled(os.path.join(DATA, name))
    assert len(rows) >= 20 and len({r['id'] for r in rows}) == len(rows)
    assert len({r['language'] for r in rows}) >= (6 if name in _SIX_LANGUAGES else 7)
    assert sum(bench.is_short(r) for r in rows) >= 5
    for row in rows:
        assert ':' in row['source'] and len(row['body']) <= 2500, row['id']
        assert set(row['expected']) == {'persons', 'organizations', 'places', 'topics'}
    for other in REAL_SETS:
        if other != name:
            theirs = bench.load_labeled(os.path.join(DATA, other))
            assert not {r['body'][:200] for r in rows} & {r['body'][:200] for r in theirs}, other
            # (the same article cleaned another way: its start, or its headline)
            assert not {r['body'][:50] for r in rows} & {r['body'][:50] for r in theirs}, other
            # (titles that are there: an article kept without its headline has none)
            assert not ({r['title'] for r in rows if r['title']}
                        & {r['title'] for r in theirs}), other
            assert not {r['id'] for r in rows} & {r['id'] for r in theirs}, other


def _shingles(row: dict, n: int = 12) -> set:
    text = re.sub(r'\s+', '', (row.get('title') or '') + row['body'])
    return {text[i:i + n] for i in range(max(1, len(text) - n + 1))}


def test_no_text_is_in_two_real_news_sets():
    """No real-news text is in two sets however it was split or cleaned: a fifth of a text's
    12-character runs (spaces dropped) found in another set's text makes it the same article
    (real_dev14 first held two: a headline taken as the first sentence, another file's copy)."""
    bench = _benchmark()
    owner: dict[str, str] = {}
    rows = [(name, row) for name in REAL_SETS
            for row in bench.load_labeled(os.path.join(DATA, name))]
    for name, row in rows:
        for piece in _shingles(row):
            owner.setdefault(piece, name)
    for name, row in rows:
        pieces = _shingles(row)
        elsewhere = [owner[p] for p in pieces if owner[p] != name]
        assert len(elsewhere) < len(pieces) / 5, (row['id'], set(elsewhere))


@pytest.fixture(scope='module')
def shipped():
    bench = _benchmark()
    return bench, Tagger.from_settings(TagSettings())


def test_precision_floor_with_shipped_configs(shipped):
    """Guards against a regression of the engine or the shipped data: the benchmark's own
    evaluation must keep every kind's precision at 0.9 or above (the target is 0.95; the
    benchmark reports the exact figures)."""
    bench, tagger = shipped
    result = bench.evaluate(tagger, bench.load_labeled())
    for kind, quality in result['kinds'].items():
        assert quality['precision'] is None or quality['precision'] >= 0.9, (kind, quality)


@pytest.mark.parametrize('name', ['heldout.jsonl', 'fresh.jsonl', 'wide_dev.jsonl',
                                  'wide_test.jsonl'])
def test_entities_on_sets_not_tuned_on(shipped, name):
    """Issue 14's floors on the sets the rules were not tuned on: all entities micro-averaged
    keep precision >= 0.93 and recall >= 0.85 (measured: see docs/tagging.md)."""
    bench, tagger = shipped
    quality = bench.evaluate(tagger, bench.load_labeled(os.path.join(DATA, name)))['kinds']
    entities = quality['all entities']
    assert entities['precision'] >= 0.93, entities
    assert entities['recall'] >= 0.85, entities


def test_benchmark_matches_an_unlinked_russian_name_to_its_latin_label():
    """The tagger names an unlinked Russian person in Cyrillic; a label may give the English
    spelling (real_dev2 rd2-ru-03: Николай Шульгинов, labelled Nikolai Shulginov). The
    benchmark counts them as one, in any transliteration, and nothing else."""
    bench = _benchmark()

    row = {'id': 'r', 'language': 'ru', 'title': 't', 'body': 'b',
           'expected': {'persons': ['Nikolai Shulginov', 'Yevgeny Ponasenkov'],
                        'organizations': [], 'places': [], 'topics': []}}
    for name in ('Николай Шульгинов', 'Евгений Понасенков'):
        counts = bench.evaluate(_unlinked('persons', name), [row])['kinds']['persons']
        assert (counts['tp'], counts['fp'], counts['fn']) == (1, 0, 1), name
    counts = bench.evaluate(_unlinked('persons', 'Николай Шульга'), [row])['kinds']['persons']
    assert (counts['tp'], counts['fp'], counts['fn']) == (0, 1, 2)


def test_benchmark_matches_an_unlinked_korean_name_to_its_latin_label():
    """The tagger names an unlinked Korean person in Hangul; a label gives the English spelling
    (rd18-ko-04: 김경수, labelled Kim Kyoung-soo). The benchmark counts them as one in any common
    romanisation, and nothing else: not another given name, nor another surname."""
    bench = _benchmark()

    row = {'id': 'r', 'language': 'ko', 'title': 't', 'body': 'b',
           'expected': {'persons': ['Kim Kyoung-soo', 'Park Yong-jin'],
                        'organizations': [], 'places': [], 'topics': []}}
    for name in ('김경수', '박용진'):
        counts = bench.evaluate(_unlinked('persons', name), [row])['kinds']['persons']
        assert (counts['tp'], counts['fp'], counts['fn']) == (1, 0, 1), name
    for name in ('김경훈', '이경수'):
        counts = bench.evaluate(_unlinked('persons', name), [row])['kinds']['persons']
        assert (counts['tp'], counts['fp'], counts['fn']) == (0, 1, 2), name


def test_benchmark_reads_a_place_labels_disambiguator():
    """A label may name a place by its Wikipedia title, with a disambiguator the tagger has no
    way to write ("Fargo, North Dakota", "Kano (city)"): the tag counts when the disambiguator
    holds for its entity (a region or the country of its country, its type), and not when it
    does not ("Stoke, Quebec" is no Stoke in New Zealand; "Saitama (city)" is no prefecture)."""
    bench = _benchmark()

    places = bench.Places(
        country={'fargo': 'US', 'stoke': 'NZ', 'kano': 'NG', 'saitama': 'JP'},
        type={'fargo': 'city', 'stoke': 'city', 'kano': 'city', 'saitama': 'region'},
        areas={'north dakota': frozenset({'US'}), 'quebec': frozenset({'CA'})})

    def counts(ident, name, label):
        row = {'id': 'r', 'language': 'en', 'title': 't', 'body': 'b',
               'expected': {'persons': [], 'organizations': [], 'places': [label],
                            'topics': []}}
        tagger = _OneTag('places', {'id': ident, 'name': name})
        c = bench.evaluate(tagger, [row], places=places)['kinds']['places']
        return c['tp'], c['fp'], c['fn']

    assert counts('fargo', 'Fargo', 'Fargo, North Dakota') == (1, 0, 0)
    assert counts('kano', 'Kano', 'Kano (city)') == (1, 0, 0)
    assert counts('stoke', 'Stoke', 'Stoke, Quebec') == (0, 1, 1)
    assert counts('saitama', 'Saitama', 'Saitama (city)') == (0, 1, 1)
    assert counts('fargo', 'Fargo', 'Fargo, Quebec') == (0, 1, 1)
    # without the gazetteer's places, as before
    row = {'id': 'r', 'language': 'en', 'title': 't', 'body': 'b',
           'expected': {'persons': [], 'organizations': [], 'places': ['Fargo, North Dakota'],
                        'topics': []}}
    tagger = _OneTag('places', {'id': 'fargo', 'name': 'Fargo'})
    c = bench.evaluate(tagger, [row])['kinds']['places']
    assert (c['tp'], c['fp'], c['fn']) == (0, 1, 1)


def test_benchmark_reads_an_organisation_labels_disambiguator():
    """The same for an organisation: "Amazon (company)" is the company Amazon, "Civil Guard
    (Spain)" Spain's Guardia Civil (one of its names is Civil Guard); not a party, not another
    country's body."""
    bench = _benchmark()

    places = bench.Places(
        country={'amazon': 'US', 'guardia': 'ES', 'party': 'DE'},
        type={'amazon': 'company', 'guardia': 'government_body', 'party': 'political_party'},
        areas={'spain': frozenset({'ES'}), 'mexico': frozenset({'MX'})})
    names = {'guardia': frozenset({'guardia civil', 'civil guard'})}

    def counts(ident, name, label):
        row = {'id': 'r', 'language': 'en', 'title': 't', 'body': 'b',
               'expected': {'persons': [], 'organizations': [label], 'places': [],
                            'topics': []}}
        tagger = _OneTag('organizations', {'id': ident, 'name': name})
        c = bench.evaluate(tagger, [row], names, places)['kinds']['organizations']
        return c['tp'], c['fp'], c['fn']

    assert counts('amazon', 'Amazon', 'Amazon (company)') == (1, 0, 0)
    assert counts('guardia', 'Guardia Civil', 'Civil Guard (Spain)') == (1, 0, 0)
    assert counts('guardia', 'Guardia Civil', 'Civil Guard (Mexico)') == (0, 1, 1)
    assert counts('party', 'Amazon', 'Amazon (company)') == (0, 1, 1)


def test_benchmark_gives_a_tag_the_label_of_its_own_name():
    """A tag whose names hold two labels (an entity that lists its parent's name, "Google" and
    "Alphabet Inc.") is the label its own name says: one right tag and one miss, whatever the
    order of the labels."""
    bench = _benchmark()
    names = {'google': frozenset({'google', 'alphabet inc.'})}
    for labels in (['Alphabet Inc.', 'Google'], ['Google', 'Alphabet Inc.']):
        row = {'id': 'r', 'language': 'en', 'title': 't', 'body': 'b',
               'expected': {'persons': [], 'organizations': labels, 'places': [], 'topics': []}}
        out = bench.evaluate(_OneTag('organizations', {'id': 'google', 'name': 'Google'}), [row],
                             names)
        assert [(e['error'], e['name']) for e in out['errors']] == [('missed', 'Alphabet Inc.')]


def test_benchmark_compares_an_unlinked_company_without_its_legal_form():
    """A detected company's name as written (ZF Friedrichshafen AG) against a label that
    leaves the legal form out, or the other way round, is one company; another name is not."""
    bench = _benchmark()

    row = {'id': 'r', 'language': 'en', 'title': 't', 'body': 'b',
           'expected': {'persons': [], 'places': [], 'topics': [],
                        'organizations': ['ZF Friedrichshafen', 'Mezzion Pharma Co.']}}
    for name in ('ZF Friedrichshafen AG', 'Mezzion Pharma'):
        c = bench.evaluate(_unlinked('organizations', name), [row])['kinds']['organizations']
        assert (c['tp'], c['fp'], c['fn']) == (1, 0, 1), name
    c = bench.evaluate(_unlinked('organizations', 'ZF Group AG'), [row])['kinds']['organizations']
    assert (c['tp'], c['fp'], c['fn']) == (0, 1, 2)


def test_benchmark_counts_entity_tags_by_the_rule_that_made_them():
    """The benchmark's precision per rule: each tag counted once, under its first rule other
    than a plain alias match (the one a false alarm points at), a correct tag as tp."""
    bench = _benchmark()

    class Fixed:            # a tagger answering two places and their provenance
        def annotate(self, item):
            from transforms.tag.tagger import TagResult
            tags = {'places': [{'id': 'a', 'name': 'Paris'}, {'id': 'b', 'name': 'Lyon'}]}
            provenance = [
                {'kind': 'places', 'id': 'a', 'rule': 'alias'},
                {'kind': 'places', 'id': 'b', 'rule': 'alias'},
                {'kind': 'places', 'id': 'b', 'rule': 'in_context'}]
            return TagResult(tags, provenance, {})

    row = {'id': 'r', 'language': 'fr', 'title': 't', 'body': 'b',
           'expected': {'persons': [], 'organizations': [], 'places': ['Paris'], 'topics': []}}
    rules = bench.evaluate(Fixed(), [row])['rules']
    assert rules == {'places alias': {'tp': 1, 'fp': 0, 'precision': 1.0},
                     'places in_context': {'tp': 0, 'fp': 1, 'precision': 0.0}}


def test_benchmark_command_measures_quality_alone_and_refuses_a_negative_count(tmp_path,
                                                                              capsys):
    """``--items 0`` measures quality only (it divided by zero before); a negative count is a
    usage error naming the value, before anything is built."""
    bench = _benchmark()
    small = os.path.join(REPO_ROOT, 'tests', 'data', 'tagging', 'gazetteer.jsonl')
    report = bench.main(['--gazetteer', small, '--heldout', '', '--items', '0'])
    assert report['throughput'] is None and report['quality']['all entities']['tp'] > 0
    assert 'throughput:' not in capsys.readouterr().out
    for bad in ('-1', 'many'):
        with pytest.raises(SystemExit) as exc:
            bench.main(['--gazetteer', small, '--items', bad])
        assert exc.value.code == 2
        assert bad in capsys.readouterr().err
