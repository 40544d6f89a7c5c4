"""What the unbounded sources share: the tick that drives them, output timestamps, wait budgets.

Both sources (:mod:`.source_feeds`, :mod:`.source_files`) are driven by Beam's
``PeriodicImpulse``: one element per interval, fanned out to keys, into a keyed stateful DoFn.
On the DirectRunner a DoFn that blocks longer than the fire interval stalls the whole pipeline
(``../shared/FIELD-NOTES.md``), so every wait a source does inside ``process`` is bounded by a
:class:`TickBudget`: a share of the fire interval per tick, whatever the bundling.

Goes in: the settings' intervals and the caller's start/stop times. Comes out: the tick
transform, and helpers that are plain functions (tested without Beam).
"""
from __future__ import annotations

import time
from typing import Any, Callable

import apache_beam as beam
from apache_beam.transforms.periodicsequence import PeriodicImpulse, RebaseMode
from apache_beam.utils.timestamp import MAX_TIMESTAMP, Timestamp

__all__ = ['ticks', 'output_timestamp', 'TickBudget', 'check_interval', 'check_times',
           'stream_interval']

#: the share of a fire interval one tick may spend waiting, and the most it ever waits
_BUDGET_SHARE = 0.25
_BUDGET_CAP = 2.0


def check_interval(name: str, value: Any) -> float:
    """``value`` as seconds (at least 1), else ``ValueError`` naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 1:
        raise ValueError(f'{name} must be a number of seconds, at least 1, got {value!r}')
    return float(value)


def stream_interval(streaming: Any, field: str) -> float:
    """The interval ``field`` of a ``StreamingSettings`` (``pipeline.config``; duck-typed so
    that this library never imports ``pipeline``). ``watch_interval`` falls back to
    ``poll_interval`` when unset."""
    if not hasattr(streaming, 'poll_interval'):
        raise ValueError(f'streaming must be a StreamingSettings (with poll_interval), not '
                         f'{type(streaming).__name__}')
    validate = getattr(streaming, 'validate', None)
    if callable(validate):
        validate()
    value = getattr(streaming, field, None)
    if value is None and field == 'watch_interval':
        return check_interval('streaming.poll_interval', streaming.poll_interval)
    return check_interval(f'streaming.{field}', value)


def check_times(start: float | None, stop: float | None) -> None:
    for name, value in (('start', start), ('stop', stop)):
        if value is not None and (isinstance(value, bool)
                                  or not isinstance(value, (int, float))):
            raise ValueError(f'{name} must be epoch seconds or None, got {value!r}')
    if start is not None and stop is not None and not stop > start:
        raise ValueError(f'stop ({stop}) must be after start ({start})')


def ticks(start: float | None, stop: float | None, interval: float) -> beam.PTransform:
    """``PeriodicImpulse`` firing every ``interval`` seconds from ``start`` (default: when the
    pipeline starts running, not when it is built) until ``stop`` (default: never).

    Each tick is the fire time as epoch seconds, with that time as its timestamp.
    """
    if start is None:
        return PeriodicImpulse(start_timestamp=Timestamp.now(),
                               stop_timestamp=MAX_TIMESTAMP if stop is None else stop,
                               fire_interval=interval, rebase=RebaseMode.REBASE_START)
    return PeriodicImpulse(start_timestamp=start,
                           stop_timestamp=MAX_TIMESTAMP if stop is None else stop,
                           fire_interval=interval)


def output_timestamp(happened_at: float, element_timestamp: float) -> float:
    """The timestamp of an output made at ``happened_at`` (a fetch or read finishing), carried
    out by an element stamped ``element_timestamp``: never earlier than that element, so an
    output collected on a later tick is not behind the watermark (late)."""
    return max(float(happened_at), float(element_timestamp))


class TickBudget:
    """How long ``process`` calls for one tick may still wait, in total, on this DoFn instance.

    The first call for a tick starts its budget (``min(share * interval, cap)`` seconds);
    later calls for the same tick get what is left, so a tick spread over many bundles waits no
    longer than one that arrives in one. Budgets of old ticks are forgotten.
    """

    def __init__(self, interval: float, *, share: float = _BUDGET_SHARE,
                 cap: float = _BUDGET_CAP, clock: Callable[[], float] = time.monotonic,
                 keep: int = 8):
        self.seconds = max(0.0, min(share * interval, cap))
        self._clock = clock
        self._keep = keep
        self._deadlines: dict[float, float] = {}

    def remaining(self, tick: float) -> float:
        now = self._clock()
        deadline = self._deadlines.get(tick)
        if deadline is None:
            deadline = self._deadlines[tick] = now + self.seconds
            if len(self._deadlines) > self._keep:
                for old in sorted(self._deadlines)[:-self._keep]:
                    del self._deadlines[old]
        return max(0.0, deadline - now)
