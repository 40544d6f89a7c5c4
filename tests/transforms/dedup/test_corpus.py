"""The labeled evaluation corpus of the benchmark: seeded, complete, and labeled consistently."""
import importlib.util
import pathlib

import pytest

_PATH = pathlib.Path(__file__).resolve().parents[3] / 'benchmarks' / 'dedup_corpus.py'


@pytest.fixture(scope='module')
def corpus_module():
    spec = importlib.util.spec_from_file_location('dedup_corpus_under_test', _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_is_seeded_and_has_every_variant_and_negative_kind(corpus_module):
    items, labels = corpus_module.generate(150, seed=3)
    again, labels_again = corpus_module.generate(150, seed=3)
    assert items == again and labels == labels_again
    other, _ = corpus_module.generate(150, seed=4)
    assert other != items
    kinds = {item['extra']['corpus_variant'] for item in items}
    assert set(corpus_module.VARIANT_KINDS) <= kinds
    assert {'original', 'same_event'} <= kinds
    assert set(labels) == {item['id'] for item in items}
    assert {item['language'] for item in items} >= {'en', 'ja', 'zh'}
    # same-event coverage is labeled as a different story
    for item in items:
        if item['extra']['corpus_variant'] == 'same_event':
            assert labels[item['id']].endswith('-other')


def test_true_pairs_are_every_pair_within_a_story(corpus_module):
    pairs = corpus_module.true_pairs({'a': 's1', 'b': 's1', 'c': 's1', 'd': 's2'})
    assert pairs == {('a', 'b'), ('a', 'c'), ('b', 'c')}
