"""Beam 2.77's FnApiRunner loses elements between stages when its data plane flushes on a
timer (see ``pipeline.runners.lossless_data_plane``); every run goes through that guard.

The pipeline here holds none of our code: 40,000 records of 5 KB from 40 generator calls,
grouped and counted on the ``multi_threading`` DirectRunner. Without the guard a run of this
shape lost 100-400 records on this 2-core machine (the unguarded line in run.py made the
pipeline's dedup decisions depend on timing); with it every record arrives.
"""
from __future__ import annotations

import time

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

from pipeline.runners import lossless_data_plane

CALLS, RECORDS, PAYLOAD = 40, 40_000, 5_000


def _emit(call: int):
    for i in range(call, RECORDS, CALLS):
        deadline = time.perf_counter() + 0.00002   # a little work per record, as a stage does
        while time.perf_counter() < deadline:
            pass
        yield str(i), b'x' * PAYLOAD


@pytest.mark.slow
@pytest.mark.parametrize('workers', [1, 2])
def test_every_record_crosses_the_data_plane(workers):
    options = PipelineOptions(['--direct_running_mode=multi_threading',
                               f'--direct_num_workers={workers}'])
    with lossless_data_plane():
        with beam.Pipeline(options=options) as pipeline:
            counted = (pipeline
                       | beam.Create(list(range(CALLS)))
                       | beam.FlatMap(_emit)
                       | beam.GroupByKey()
                       | beam.combiners.Count.Globally())
            assert_that(counted, equal_to([RECORDS]))


def test_the_guard_restores_beams_setting():
    from apache_beam.runners.portability.fn_api_runner import worker_handlers
    before = worker_handlers.DATA_BUFFER_TIME_LIMIT_MS
    with pytest.raises(RuntimeError):
        with lossless_data_plane():
            assert worker_handlers.DATA_BUFFER_TIME_LIMIT_MS == 0
            raise RuntimeError('the run failed')
    assert worker_handlers.DATA_BUFFER_TIME_LIMIT_MS == before
