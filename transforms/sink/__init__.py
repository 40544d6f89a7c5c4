"""Sinks: JSONL files of records, and the run's counts.

Goes in: PCollections of plain-dict records (items, duplicates, dead letters, filtered items).
Comes out: files under the output directory.

* :class:`WriteJsonl` writes one record per line, serialised once with orjson
  (``transforms.model.to_json_line``), to ``DIR/<family>.jsonl`` (or sharded
  ``DIR/<family>-SSSSS-of-NNNNN.jsonl`` when more than one shard is asked for). An empty
  PCollection still writes its (empty) file, so the line count always equals the count.
* :class:`WriteToSink` gives records in batches to a :class:`Sink` component (ours or a
  user's: ``base.py`` defines the interface); refused rows become dead letters.
* :class:`WriteFiles` writes JSONL (gzip/zstd) or Parquet files, sharded and partitioned, with
  finalisation (``files.py``); :class:`JsonlFileSink` and :class:`ParquetFileSink` are the
  ``output.sinks`` entries that use it.
* :class:`CountLabels` counts label strings (``"items"``, ``"dead_letter.read.bad_json"``, ...)
  and writes them as one JSON object; the driver turns that into ``run.json``.

Line order is not guaranteed (the runner decides it).
"""
from __future__ import annotations

import logging
import os
import time

import apache_beam as beam
import orjson
from apache_beam.metrics import Metrics

from ..model import to_json_line
from .base import (BUILTIN_SINKS, SINK_FAMILIES, Rejection, Sink, SinkConfigError,
                   SinkUnavailable, is_sink_class)
from .files import FileOutput, JsonlFileSink, ParquetFileSink, WriteFiles
from .write import SinkFailed, WriteToSink, as_sink

__all__ = ['WriteJsonl', 'CountLabels', 'jsonl_path_prefix', 'Sink', 'Rejection',
           'SinkUnavailable', 'SinkConfigError', 'SinkFailed', 'SINK_FAMILIES', 'BUILTIN_SINKS',
           'is_sink_class', 'as_sink', 'WriteToSink', 'WriteFiles', 'FileOutput',
           'JsonlFileSink', 'ParquetFileSink']

LOG = logging.getLogger(__name__)


def jsonl_path_prefix(directory: str, family: str) -> str:
    return os.path.join(directory, family)


class _SerializeFn(beam.DoFn):
    """Serialise records; now and then log how many this worker wrote (a long run shows life)."""

    PROGRESS_SECONDS = 15.0

    def __init__(self, family: str):
        self.family = family

    def setup(self):
        self.written = Metrics.counter('sink', f'{self.family}_written')
        self.count = 0
        self.last_log = time.monotonic()

    def process(self, record):
        self.written.inc()
        self.count += 1
        if self.count % 1000 == 0 and time.monotonic() - self.last_log >= self.PROGRESS_SECONDS:
            self.last_log = time.monotonic()
            LOG.info('progress: %s: %d records serialised so far (this worker)', self.family,
                     self.count)
        yield to_json_line(record)


class WriteJsonl(beam.PTransform):
    """Write records as JSON lines to ``directory/family*.jsonl``."""

    def __init__(self, directory: str, family: str, num_shards: int = 1):
        super().__init__()
        if not directory:
            raise ValueError('directory must be given')
        if not family or os.sep in family:
            raise ValueError(f'family must be a plain file name stem, not {family!r}')
        if num_shards < 1:
            raise ValueError(f'num_shards must be at least 1, not {num_shards}')
        self.directory = directory
        self.family = family
        self.num_shards = num_shards

    def expand(self, records):
        template = '' if self.num_shards == 1 else '-SSSSS-of-NNNNN'
        return (
            records
            | 'SerializeRecords' >> beam.ParDo(_SerializeFn(self.family))
            | 'WriteLines' >> beam.io.WriteToText(
                jsonl_path_prefix(self.directory, self.family), file_name_suffix='.jsonl',
                num_shards=self.num_shards, shard_name_template=template))


class CountLabels(beam.PTransform):
    """Count each distinct label string and write ``{label: count}`` as JSON to ``path``."""

    def __init__(self, path: str):
        super().__init__()
        if not path:
            raise ValueError('path must be given')
        self.path = path

    def expand(self, labels):
        return (
            labels
            | 'CountEachLabel' >> beam.combiners.Count.PerElement()
            | 'GatherCounts' >> beam.combiners.ToDict()
            | 'EncodeCounts' >> beam.Map(
                lambda counts: orjson.dumps(dict(sorted(counts.items()))).decode())
            | 'WriteCounts' >> beam.io.WriteToText(self.path, num_shards=1,
                                                   shard_name_template=''))
