"""``WriteToSink``: give records to a :class:`~transforms.sink.base.Sink` in batches.

Goes in: records of one family. Comes out: ``{'items': accepted records, 'dead_letter': dead
letters of the refused ones, 'counts': ((sink name, family, 'written' or 'rejected'), rows)
pairs}`` (one pair per batch; sum them per key).

Guarantees:

* the sink is set up once per DoFn instance (``setup``) and torn down with it (``teardown``);
  records are batched per bundle, flushed at ``batch_size`` and at the end of every bundle;
* a record the sink refused (a :class:`Rejection`) is not passed on: it becomes a dead letter
  with stage ``sink``, the rejection's reason (``sink_rejected`` by default; not retryable, it
  would be refused again) and ``input.id``/``input.origin`` set as
  ``transforms.model.item_dead_letter`` sets them; every other record of the batch is passed on
  and counted as written;
* :class:`SinkUnavailable` makes the framework write the same batch again after a bounded
  exponential backoff (``max_attempts`` in all); when the attempts are used up it raises
  :class:`SinkFailed`, which fails the run (nothing is committed; the next run delivers the
  stories again). Any other exception from the sink fails the run as it is.
* Beam may retry a bundle: the sink then sees its records again. That is why ``write_batch``
  must be idempotent (an upsert by id).
"""
from __future__ import annotations

import inspect
import logging
import time
from typing import Any, Callable

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.utils.windowed_value import WindowedValue

from ..model import DEAD_LETTER_TAG, item_dead_letter
from .base import REJECTED_REASON, SINK_FAMILIES, Rejection, Sink, SinkUnavailable

__all__ = ['WriteToSink', 'SinkFailed', 'ComponentSink', 'as_sink', 'write_with_retries',
           'DEFAULT_BATCH_SIZE', 'SINK_STAGE']

LOG = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500
SINK_STAGE = 'sink'
COUNTS_TAG = 'counts'


class SinkFailed(RuntimeError):
    """A sink stayed unavailable after every attempt, or broke its contract: the run fails."""


class ComponentSink(Sink):
    """A user's sink class that does not subclass :class:`Sink` (duck-typed: ``setup``,
    ``write_batch``, ``teardown``), adapted to the interface.

    Its ``write_batch`` may take ``(records)`` or ``(family, records)`` and may return ``None``
    (everything accepted) or a list of :class:`Rejection` or ``(record, reason, message)``.
    """

    def __init__(self, component: Any):
        self.component = component
        self.name = getattr(component, 'name', '') or type(component).__name__
        self.families = tuple(getattr(component, 'families', ('items',)))
        try:
            params = [p for p in inspect.signature(component.write_batch).parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        except (TypeError, ValueError):
            params = []
        self._takes_family = len(params) >= 2

    def describe(self) -> str:
        kind = type(self.component)
        return f'{self.name} ({kind.__module__}.{kind.__qualname__})'

    def _call(self, method: str, *args) -> Any:
        fn = getattr(self.component, method, None)
        return fn(*args) if callable(fn) else None

    def prepare(self) -> None:
        self._call('prepare')

    def setup(self) -> None:
        self._call('setup')

    def teardown(self) -> None:
        self._call('teardown')

    def record_run(self, summary: dict) -> None:
        self._call('record_run', summary)

    def write_batch(self, family: str, records: list[dict]) -> list[Rejection]:
        if self._takes_family:
            result = self.component.write_batch(family, records)
        else:
            result = self.component.write_batch(records)
        if result is None:
            return []
        out = []
        for entry in result:
            if isinstance(entry, Rejection):
                out.append(entry)
            elif isinstance(entry, tuple) and len(entry) == 3:
                out.append(Rejection(*entry))
            else:
                raise SinkFailed(f'sink {self.name}: write_batch must return None or a list of '
                                 f'Rejection(record, reason, message), got {entry!r:.200}')
        return out


def as_sink(obj: Any) -> Sink:
    """``obj`` as a :class:`Sink`: itself, or a duck-typed component wrapped."""
    return obj if isinstance(obj, Sink) else ComponentSink(obj)


def write_with_retries(sink: Sink, family: str, records: list[dict], *, max_attempts: int,
                       backoff_seconds: float, max_backoff_seconds: float,
                       sleep: Callable[[float], None] = time.sleep) -> list[Rejection]:
    """``sink.write_batch(family, records)``, again after a backoff while it raises
    :class:`SinkUnavailable`; :class:`SinkFailed` (one line) when the attempts are used up."""
    delay = backoff_seconds
    for attempt in range(1, max_attempts + 1):
        try:
            rejected = sink.write_batch(family, records)
        except SinkUnavailable as exc:
            if attempt == max_attempts:
                raise SinkFailed(f'sink {sink.name} unavailable after {max_attempts} attempts: '
                                 f'{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}'
                                 ) from None
            LOG.warning('sink %s unavailable (attempt %d of %d), retrying in %.1f s: %s',
                        sink.name, attempt, max_attempts, delay, exc)
            sleep(delay)
            delay = min(delay * 2, max_backoff_seconds)
            continue
        if rejected is None:
            return []
        if not isinstance(rejected, (list, tuple)):
            raise SinkFailed(f'sink {sink.name}: write_batch must return a list of Rejection, '
                             f'not {type(rejected).__name__}')
        return list(rejected)
    return []  # max_attempts >= 1: not reached


class _WriteBatchFn(beam.DoFn):
    def __init__(self, sink: Sink, family: str, batch_size: int, max_attempts: int,
                 backoff_seconds: float, max_backoff_seconds: float):
        self.sink = sink
        self.family = family
        self.batch_size = batch_size
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.max_backoff_seconds = max_backoff_seconds

    def setup(self):
        self.written = Metrics.counter(f'sink.{self.sink.name}', f'{self.family}_written')
        self.refused = Metrics.counter(f'sink.{self.sink.name}', f'{self.family}_rejected')
        self.batches = Metrics.counter(f'sink.{self.sink.name}', f'{self.family}_batches')
        self.sink.setup()

    def start_bundle(self):
        self.buffer: list[WindowedValue] = []

    def process(self, record, timestamp=beam.DoFn.TimestampParam,
                window=beam.DoFn.WindowParam):
        self.buffer.append(WindowedValue(record, timestamp, (window,)))
        if len(self.buffer) >= self.batch_size:
            yield from self._flush()

    def finish_bundle(self):
        yield from self._flush()

    def _flush(self):
        if not self.buffer:
            return
        batch, self.buffer = self.buffer, []
        records = [wv.value for wv in batch]
        rejected = write_with_retries(
            self.sink, self.family, records, max_attempts=self.max_attempts,
            backoff_seconds=self.backoff_seconds, max_backoff_seconds=self.max_backoff_seconds)
        self.batches.inc()
        refused = self._match(records, rejected)
        accepted = 0
        for index, wv in enumerate(batch):
            rejection = refused.get(index)
            if rejection is None:
                accepted += 1
                yield wv
                continue
            reason = rejection.reason or REJECTED_REASON
            yield beam.pvalue.TaggedOutput(DEAD_LETTER_TAG, wv.with_value(item_dead_letter(
                SINK_STAGE, reason, f'{self.sink.name}: {rejection.message}', wv.value)))
        self.written.inc(accepted)
        self.refused.inc(len(refused))
        yield beam.pvalue.TaggedOutput(COUNTS_TAG, batch[-1].with_value(
            ((self.sink.name, self.family, 'written'), accepted)))
        if refused:
            yield beam.pvalue.TaggedOutput(COUNTS_TAG, batch[-1].with_value(
                ((self.sink.name, self.family, 'rejected'), len(refused))))

    def _match(self, records: list[dict], rejected: list[Rejection]) -> dict[int, Rejection]:
        """Which records of the batch the rejections name: the same objects, else the same
        ``id`` (a sink may return a copy)."""
        if not rejected:
            return {}
        by_object = {id(r): i for i, r in enumerate(records)}
        by_id: dict[Any, list[int]] = {}
        for i, r in enumerate(records):
            if isinstance(r, dict) and r.get('id') is not None:
                by_id.setdefault(r['id'], []).append(i)
        out: dict[int, Rejection] = {}
        for rejection in rejected:
            if not isinstance(rejection, Rejection):
                if isinstance(rejection, tuple) and len(rejection) == 3:
                    rejection = Rejection(*rejection)
                else:
                    raise SinkFailed(f'sink {self.sink.name}: write_batch returned '
                                     f'{rejection!r:.200}, not a Rejection')
            index = by_object.get(id(rejection.record))
            if index is None:
                record_id = rejection.record.get('id') if isinstance(rejection.record,
                                                                     dict) else None
                index = next((i for i in by_id.get(record_id, []) if i not in out), None)
            if index is None:
                raise SinkFailed(f'sink {self.sink.name}: write_batch refused a record that '
                                 f'is not in the batch')
            out[index] = rejection
        return out

    def teardown(self):
        self.sink.teardown()


class WriteToSink(beam.PTransform):
    """Write records of ``family`` to ``sink`` in batches; returns ``{'items', 'dead_letter',
    'counts'}`` (accepted records, dead letters of refused ones, ``((name, family, what), rows)``
    pairs with ``what`` 'written' or 'rejected')."""

    def __init__(self, sink: Any, family: str = 'items', batch_size: int = DEFAULT_BATCH_SIZE,
                 max_attempts: int = 5, backoff_seconds: float = 1.0,
                 max_backoff_seconds: float = 30.0):
        super().__init__()
        sink = as_sink(sink)
        if not getattr(sink, 'name', ''):
            raise ValueError('sink must have a name')
        if family not in SINK_FAMILIES:
            raise ValueError(f'family must be one of {", ".join(SINK_FAMILIES)}, not {family!r}')
        if batch_size < 1:
            raise ValueError(f'batch_size must be at least 1, not {batch_size}')
        if max_attempts < 1:
            raise ValueError(f'max_attempts must be at least 1, not {max_attempts}')
        if backoff_seconds < 0 or max_backoff_seconds < backoff_seconds:
            raise ValueError('backoff_seconds must be 0 or more and at most max_backoff_seconds')
        self.sink = sink
        self.family = family
        self.batch_size = batch_size
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.max_backoff_seconds = max_backoff_seconds

    def expand(self, records):
        out = records | 'WriteBatches' >> beam.ParDo(_WriteBatchFn(
            self.sink, self.family, self.batch_size, self.max_attempts, self.backoff_seconds,
            self.max_backoff_seconds)).with_outputs(DEAD_LETTER_TAG, COUNTS_TAG, main='items')
        return {'items': out.items, 'dead_letter': out[DEAD_LETTER_TAG],
                'counts': out[COUNTS_TAG]}
