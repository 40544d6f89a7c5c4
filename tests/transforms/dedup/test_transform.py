"""The DeduplicateItems transform: same decisions as the in-memory engine, on any runner set-up."""
import random

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from transforms.context import RunContext
from transforms.dedup import DedupSettings, DeduplicateItems
from transforms.dedup.engine import deduplicate
from transforms.state import SQLiteStateStore, StateConfig

RUN1 = RunContext(run_id='run-1', started_at='2025-03-10T00:00:00Z')
RUN2 = RunContext(run_id='run-2', started_at='2025-03-11T00:00:00Z')


def _summary(item):
    d = item['dedup']
    return (item['id'], d['cluster_id'], d['duplicate_of'], d['method'], d['similarity'],
            d['update'])


@pytest.fixture
def mixed(ledger_items, courier_items, texts):
    """Background stories plus one copy of every variant kind and a same-event negative."""
    t = texts
    port, rail, storm = ledger_items[0], ledger_items[2], ledger_items[4]
    lead = t.stories['vaccine'][0] + ' ' + t.stories['vaccine'][1][:60] + '\u2026'
    return ledger_items + courier_items + [
        dict(port, id='port-tracking', url=port['url'] + '?utm_source=x', guid='x1',
             published='2025-03-05T00:00:00Z'),
        t.item('port-wire', t.titles['port'], t.wrap(t.courier, t.stories['port']),
               domain=t.courier['domain'], published='2025-03-01T12:00:00Z'),
        t.item('port-other-outlet', 'Gdansk dockers strike as pay talks break down',
               t.wrap(t.courier, t.port_other_outlet), domain=t.courier['domain']),
        t.item('rail-print', t.titles['rail'], '\n'.join(' '.join(t.stories['rail']).split('. ')),
               domain='epaper.example', published='2025-03-04T00:00:00Z'),
        dict(storm, id='storm-v2', body=storm['body'] + '\nUpdate: power is back.',
             published='2025-03-07T00:00:00Z', url='https://dailyledger.example/storm-v2',
             canonical_url='https://dailyledger.example/storm-v2'),
        dict(rail, id='rail-headline', title=rail['title'] + ' (corrected)', guid='rail-c',
             published='2025-03-08T00:00:00Z'),
        t.item('vaccine-lead', t.titles['vaccine'], lead, domain='digest.example',
               published='2025-03-02T10:00:00Z'),
        dict(ledger_items[3], id='bakery-mirror', url='https://m.example/b',
             canonical_url='https://m.example/b', guid=None,
             body=ledger_items[3]['body'].replace("'", '&#8217;'),
             published='2025-03-09T00:00:00Z'),
    ]


def _expected(items, store=None, run=RUN1):
    kept, dups = deduplicate(items, DedupSettings(), store=store, run_id=run.run_id,
                             started_at=run.started_at)
    return [_summary(i) for i in kept], [_summary(i) for i in dups]


def test_transform_matches_the_engine_and_finds_every_variant(mixed):
    kept, dups = _expected(mixed)
    assert {d[0] for d in dups} == {'port-tracking', 'port-wire', 'rail-print', 'storm-v2',
                                    'rail-headline', 'vaccine-lead', 'bakery-mirror'}
    with TestPipeline() as p:
        out = p | beam.Create(mixed) | DeduplicateItems(DedupSettings(), None, RUN1)
        assert_that(out['items'] | 'SumKept' >> beam.Map(_summary), equal_to(kept),
                    label='CheckItems')
        assert_that(out['duplicates'] | 'SumDups' >> beam.Map(_summary), equal_to(dups),
                    label='CheckDuplicates')


def test_transform_output_does_not_depend_on_input_order(mixed):
    kept, dups = _expected(mixed)
    shuffled = list(mixed)
    random.Random(4).shuffle(shuffled)
    with TestPipeline() as p:
        out = p | beam.Create(shuffled, reshuffle=True) | DeduplicateItems(
            DedupSettings(), None, RUN1)
        assert_that(out['items'] | 'SumKept' >> beam.Map(_summary), equal_to(kept),
                    label='CheckItems')
        assert_that(out['duplicates'] | 'SumDups' >> beam.Map(_summary), equal_to(dups),
                    label='CheckDuplicates')


def test_transform_keeps_everything_else_of_an_item(ledger_items):
    copy = dict(ledger_items[0], id='copy', published='2025-03-09T00:00:00Z',
                extra={'mine': 1})
    with TestPipeline() as p:
        out = p | beam.Create([ledger_items[0], copy]) | DeduplicateItems(
            DedupSettings(), None, RUN1)
        assert_that(out['duplicates'] | beam.Map(lambda i: (i['extra'], i['body'][:20],
                                                             i['dedup']['duplicate_of'])),
                    equal_to([({'mine': 1}, ledger_items[0]['body'][:20], 'ledger-port')]))


def test_transform_across_runs_with_a_state_directory(tmp_path, mixed):
    state = StateConfig(dir=str(tmp_path))
    with TestPipeline() as p:
        out = p | beam.Create(mixed) | DeduplicateItems(DedupSettings(), state, RUN1)
        assert_that(out['items'] | beam.Map(lambda i: i['id']),
                    equal_to([s[0] for s in _expected(mixed)[0]]))
    # the index the transform wrote equals the one the engine writes
    engine_dir = tmp_path / 'engine'
    store = SQLiteStateStore.in_directory(str(engine_dir))
    try:
        _expected(mixed, store)
    finally:
        store.close()
    beam_store = SQLiteStateStore.in_directory(str(tmp_path))
    store = SQLiteStateStore.in_directory(str(engine_dir))
    try:
        for ns in ('dedup.key', 'dedup.doc'):
            strip = lambda rows: {k: {f: v for f, v in r.items() if f != 'at'}  # noqa: E731
                                  for k, r in rows}
            assert strip(beam_store.scan(ns)) == strip(store.scan(ns))
    finally:
        store.close()
        beam_store.close()

    second = [dict(mixed[0], id='port-again', published='2025-03-11T01:00:00Z'),
              dict(mixed[1], id='vaccine-again', url='https://elsewhere.example/v',
                   canonical_url='https://elsewhere.example/v', guid=None,
                   published='2025-03-11T02:00:00Z')]
    with TestPipeline() as p:
        out = p | beam.Create(second) | DeduplicateItems(DedupSettings(), state, RUN2)
        assert_that(out['items'], equal_to([]), label='NothingNew')
        assert_that(out['duplicates'] | beam.Map(lambda i: (i['id'], i['dedup']['duplicate_of'],
                                                             i['dedup']['method'])),
                    equal_to([('port-again', 'ledger-port', 'url'),
                              ('vaccine-again', 'ledger-vaccine', 'content')]),
                    label='MatchedOldStories')


def test_transform_refuses_bad_arguments():
    with pytest.raises(ValueError, match='settings'):
        DeduplicateItems({'near': True}, None, RUN1)
    with pytest.raises(ValueError, match='state'):
        DeduplicateItems(DedupSettings(), '/tmp/state', RUN1)
    with pytest.raises(ValueError, match='run'):
        DeduplicateItems(DedupSettings(), None, None)
    with pytest.raises(ValueError, match='dir'):
        DeduplicateItems(DedupSettings(), StateConfig(), RUN1)


@pytest.mark.slow
def test_transform_decisions_identical_with_two_worker_processes(tmp_path, mixed):
    kept, dups = _expected(mixed)
    shuffled = list(mixed)
    random.Random(9).shuffle(shuffled)
    opts = PipelineOptions(['--direct_num_workers=2', '--direct_running_mode=multi_processing'])
    out_dir = tmp_path / 'out'
    with beam.Pipeline(options=opts) as p:
        out = p | beam.Create(shuffled) | DeduplicateItems(
            DedupSettings(), StateConfig(dir=str(tmp_path / 'state')), RUN1)
        for name in ('items', 'duplicates'):
            _ = (out[name] | f'Sum{name}' >> beam.Map(lambda i: repr(_summary(i)))
                 | f'Write{name}' >> beam.io.WriteToText(str(out_dir / name)))
    got = {}
    for name in ('items', 'duplicates'):
        got[name] = sorted(line.strip() for f in out_dir.glob(f'{name}*')
                           for line in f.read_text().splitlines())
    assert got['items'] == sorted(repr(s) for s in kept)
    assert got['duplicates'] == sorted(repr(s) for s in dups)


def test_transform_counts_every_step_in_beam_metrics(mixed):
    from apache_beam.metrics.metric import MetricsFilter

    p = TestPipeline()
    out = p | beam.Create(mixed) | DeduplicateItems(DedupSettings(), None, RUN1)
    _ = out['items'] | 'CountKept' >> beam.combiners.Count.Globally()
    result = p.run()
    result.wait_until_finish()
    query = result.metrics().query(MetricsFilter().with_namespace('dedup'))
    counters = {c.key.metric.name: c.committed for c in query['counters']}
    kept, dups = _expected(mixed)
    assert counters['items_in'] == len(mixed)
    assert counters['items_out'] == len(kept)
    assert counters['duplicates_out'] == len(dups)
    assert counters['exact_duplicates'] == sum(1 for d in dups if d[3] != 'near')
    assert counters['near_duplicates'] == sum(1 for d in dups if d[3] == 'near')
    assert counters['verified_pairs'] >= counters['near_duplicates']
    assert counters['candidate_pairs'] >= counters['verified_pairs']
    assert counters['boilerplate_sentences'] > 0
