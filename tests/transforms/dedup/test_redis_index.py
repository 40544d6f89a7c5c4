"""The dedup index in Redis (a shared store for many workers); skipped when no server runs."""

import pytest

from transforms.state import StateConfig

pytestmark = pytest.mark.service


def test_dedup_across_runs_through_redis(redis_url, ledger_items, courier_items):
    import apache_beam as beam
    from apache_beam.testing.test_pipeline import TestPipeline
    from apache_beam.testing.util import assert_that, equal_to

    from transforms.context import RunContext
    from transforms.dedup import DedupSettings, DeduplicateItems

    state = StateConfig(url=redis_url)
    items = ledger_items + courier_items
    with TestPipeline() as p:
        out = p | beam.Create(items) | DeduplicateItems(
            DedupSettings(), state, RunContext('run-1', '2025-03-10T00:00:00Z'))
        assert_that(out['items'] | beam.Map(lambda i: i['id']),
                    equal_to([i['id'] for i in items]))
    copy = dict(ledger_items[0], id='port-copy', url='https://elsewhere.example/p',
                canonical_url='https://elsewhere.example/p', guid=None,
                published='2025-03-11T01:00:00Z')
    with TestPipeline() as p:
        out = p | beam.Create([copy]) | DeduplicateItems(
            DedupSettings(), state, RunContext('run-2', '2025-03-11T00:00:00Z'))
        assert_that(out['items'], equal_to([]), label='NothingNew')
        assert_that(out['duplicates'] | beam.Map(lambda i: (i['dedup']['duplicate_of'],
                                                             i['dedup']['method'])),
                    equal_to([('ledger-port', 'content')]), label='MatchedStored')
