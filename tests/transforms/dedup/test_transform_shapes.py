"""DeduplicateItems on inputs of other shapes: no near stage, no items, several windows."""
import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to
from apache_beam.transforms import window

import pytest

from transforms.context import RunContext
from transforms.dedup import DedupSettings, DeduplicateItems
from transforms.dedup.engine import deduplicate

RUN = RunContext(run_id='run-1', started_at='2025-03-10T00:00:00Z')


def _summary(item):
    d = item['dedup']
    return (item['id'], d['cluster_id'], d['duplicate_of'], d['method'], d['similarity'],
            d['update'])


@pytest.fixture
def items(ledger_items, courier_items):
    """Stories of two publishers plus a copy of each under another URL (exact and near
    duplicates)."""
    copies = [dict(it, id=f'{it["id"]}-copy', url=f'https://copy.example/{it["id"]}',
                   canonical_url=f'https://copy.example/{it["id"]}', guid=None,
                   published='2025-03-09T00:00:00Z')
              for it in ledger_items + courier_items]
    return ledger_items + courier_items + copies


def _expected(items, settings):
    kept, dups = deduplicate(items, settings)
    return [_summary(i) for i in kept], [_summary(i) for i in dups]


def test_without_the_near_stage_the_transform_matches_the_engine(items):
    settings = DedupSettings(near=False)
    kept, dups = _expected(items, settings)
    with TestPipeline() as p:
        out = p | beam.Create(items) | DeduplicateItems(settings, None, RUN)
        assert_that(out['items'] | 'SumKept' >> beam.Map(_summary), equal_to(kept),
                    label='CheckItems')
        assert_that(out['duplicates'] | 'SumDups' >> beam.Map(_summary), equal_to(dups),
                    label='CheckDuplicates')


def test_no_items_give_no_output():
    with TestPipeline() as p:
        out = p | beam.Create([]) | DeduplicateItems(DedupSettings(), None, RUN)
        assert_that(out['items'], equal_to([]), label='NoItems')
        assert_that(out['duplicates'], equal_to([]), label='NoDuplicates')


def test_each_window_is_deduplicated_alone(items):
    half = len(items) // 2
    expected = []
    for part in (items[:half], items[half:]):
        kept, dups = _expected(part, DedupSettings())
        expected += kept + dups
    stamped = [window.TimestampedValue(it, 10 if i < half else 100)
               for i, it in enumerate(items)]
    with TestPipeline() as p:
        out = (p | beam.Create(stamped) | beam.WindowInto(window.FixedWindows(50))
               | DeduplicateItems(DedupSettings(), None, RUN))
        both = (out['items'], out['duplicates']) | beam.Flatten()
        assert_that(both | beam.Map(_summary), equal_to(expected))
