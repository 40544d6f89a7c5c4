"""DeduplicateItems is sharded: no step but the resolutions over edges sees every item's records.

Every keyed step records in a Beam Metrics distribution how many items' records (or candidate
keys) one call received; the two global steps record how many edges they resolved. On a corpus
of a few hundred items these show that the records are spread over the shards -- so the
property cannot silently regress to one step holding every item -- and the decisions (and the
index written) are still the in-memory engine's, across two runs.
"""
import apache_beam as beam
import pytest
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from benchmarks.dedup_corpus import generate
from transforms.context import RunContext
from transforms.dedup import DedupSettings, DeduplicateItems
from transforms.dedup.engine import deduplicate
from transforms.state import SQLiteStateStore, StateConfig

RUN1 = RunContext(run_id='run-1', started_at='2025-03-10T00:00:00Z')
RUN2 = RunContext(run_id='run-2', started_at='2025-03-11T00:00:00Z')
SHARDS = 32


def _summary(item):
    d = item['dedup']
    return (item['id'], d['cluster_id'], d['duplicate_of'], d['method'], d['similarity'],
            d['update'])


@pytest.fixture(scope='module')
def corpus():
    items, _ = generate(250, seed=3)  # 674 items, 12 source domains, every variant kind
    return items


def _run(items, state, run, shards=SHARDS):
    """Run the transform; (kept summaries, duplicate summaries checked by the caller, metrics)."""
    p = TestPipeline()
    out = p | beam.Create(items) | DeduplicateItems(DedupSettings(), state, run, shards=shards)
    both = ((out['items'], out['duplicates']) | beam.Flatten() | beam.Map(_summary))
    return p, both


def _metrics(result):
    query = result.metrics().query(MetricsFilter().with_namespace('dedup'))
    dists = {}
    for d in query['distributions']:
        dists.setdefault(d.key.metric.name, []).append(d.committed)
    counters = {}
    for c in query['counters']:
        counters[c.key.metric.name] = counters.get(c.key.metric.name, 0) + c.committed
    return {name: (sum(r.count for r in rs), max(r.max for r in rs), sum(r.sum for r in rs))
            for name, rs in dists.items()}, counters


def test_no_step_receives_every_item_and_decisions_stay_the_engines(tmp_path, corpus):
    n = len(corpus)
    kept, dups = deduplicate(corpus, DedupSettings())
    expected = sorted(_summary(i) for i in kept + dups)
    p, both = _run(corpus, None, RUN1)
    assert_that(both, equal_to(expected))
    result = p.run()
    result.wait_until_finish()
    dists, counters = _metrics(result)

    # steps sharded by item id, exact key or candidate key: each call holds a small part
    for name in ('exact_shard_items', 'sign_batch_items', 'first_of_pair_shard_items',
                 'verify_shard_items'):
        count, largest, total = dists[name]
        assert count > 1, name
        assert largest <= n / 8, (name, largest, n)
    count, largest, total = dists['pair_shard_keys']
    assert count > 1 and largest <= total / 8, ('pair_shard_keys', largest, total)
    # boilerplate is counted per source domain: one domain's items meet in one call, so the
    # bound is the domains sharing a shard, still far from every item
    count, largest, total = dists['boilerplate_shard_items']
    assert total == n and count > 1 and largest <= n / 4, (largest, n)
    # the two global steps see edges only, once per window
    assert dists['resolve_exact_edges'][0] == 1
    assert dists['resolve_near_edges'][0] == 1
    assert dists['resolve_near_edges'][1] == counters['verified_pairs']
    assert counters['exact_duplicates'] + counters['near_duplicates'] == len(dups)


def test_shard_count_changes_neither_decisions_nor_the_index(tmp_path, corpus):
    """Two runs (the second matches the first's stories through the index), with 3 and with 32
    shards: the engine's decisions, and the engine's exact-key and story records."""
    first, second = corpus[::2], corpus[1::2]
    engine_dir = tmp_path / 'engine'
    store = SQLiteStateStore.in_directory(str(engine_dir))
    try:
        expected = []
        for items, run in ((first, RUN1), (second, RUN2)):
            kept, dups = deduplicate(items, DedupSettings(), store=store, run_id=run.run_id,
                                     started_at=run.started_at)
            expected.append(sorted(_summary(i) for i in kept + dups))
    finally:
        store.close()
    assert any(s[2] and s[2] in {i['id'] for i in first} for s in expected[1])  # across runs

    for shards in (3, SHARDS):
        state_dir = tmp_path / f'shards-{shards}'
        for (items, run), want in zip(((first, RUN1), (second, RUN2)), expected):
            p, both = _run(items, StateConfig(dir=str(state_dir)), run, shards)
            assert_that(both, equal_to(want))
            p.run().wait_until_finish()
        beam_store = SQLiteStateStore.in_directory(str(state_dir))
        store = SQLiteStateStore.in_directory(str(engine_dir))
        try:
            for ns in ('dedup.key', 'dedup.doc'):
                def strip(rows):
                    return {k: {f: v for f, v in r.items() if f != 'at'} for k, r in rows}
                assert strip(beam_store.scan(ns)) == strip(store.scan(ns)), (shards, ns)
        finally:
            store.close()
            beam_store.close()


def test_shards_must_be_a_positive_int():
    with pytest.raises(ValueError, match='shards'):
        DeduplicateItems(DedupSettings(), None, RUN1, shards=0)


def test_bundles_split_into_bounded_batches_decide_the_same(monkeypatch, corpus):
    """A bundle's batch for one shard is sent every ``_MAX_BATCH`` records (here 5)."""
    from transforms.dedup import transform

    monkeypatch.setattr(transform, '_MAX_BATCH', 5)
    items = corpus[:200]
    kept, dups = deduplicate(items, DedupSettings())
    p, both = _run(items, None, RUN1, shards=4)
    assert_that(both, equal_to(sorted(_summary(i) for i in kept + dups)))
    result = p.run()
    result.wait_until_finish()
    dists, _ = _metrics(result)
    assert dists['sign_batch_items'][1] <= 5
