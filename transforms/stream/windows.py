"""Ingestion-time windows for the ``beam`` streaming engine, and the late-data policy.

Goes in: raw records and the sources' dead letters, each element stamped with the time it was
fetched or read (ingestion time). Comes out (:class:`WindowIntoPanes`): the same elements, each
in exactly one *pane window*, plus the elements that came too late, as dead letters. A record's
``hints.ingested_at`` is set to its element timestamp (RFC 3339), so each item's ``ingested_at``
is when it was ingested, not when the run started.

Policy (``W`` = a fixed window of ``window_seconds``, ``L`` = ``allowed_lateness``):

* **On time** (before the watermark passes ``W``'s end): the element stays in ``W``. Its files
  are ``<family>-<WINDOW>.jsonl`` (``WINDOW`` = ``W``'s start, UTC ``%Y%m%dT%H%M%SZ``).
* **Late, within ``L``** (the watermark passed ``W``'s end, not yet ``W.end + L``): the element
  goes to ``W``'s late pane window ``[W.end + L, W.end + L + 1 ms)``. Every late element of
  ``W`` is processed (normalize, dedup, tag) together, once ``W`` closes (the watermark passes
  ``W.end + L``), written to ``<family>-<WINDOW>-late.jsonl`` and counted in ``W``'s summary.
* **Later than that**, up to :data:`TOO_LATE_HORIZON` more: a dead letter (stage ``stream``,
  reason :data:`LATE_REASON`), written to ``dead_letter-<WINDOW>-late-<digest>.jsonl`` and
  counted in ``W``'s summary (read and dead letter both). Nothing vanishes silently.
* Beyond the horizon Beam drops the element (its ``droppedDueToLateness`` metric counts it):
  keeping every window open forever would grow the runner's state without bound.

Why a late pane is a window of its own: the stages after this one (dedup above all) decide once
per window with side inputs, and a second pane of the same window would meet the first pane's
decisions (the DirectRunner's side input of a window holds every pane; Dataflow's, the latest).
A pane window starts at ``W.end + L``, which the watermark has not passed while the late
elements travel (they are emitted with that timestamp and hold it), so it is on time in every
later step and fires exactly once. The cost: late elements wait until ``W`` closes.

How lateness is told apart: one ``GroupByKey`` (``GroupIntoPanes``) fires ``W``'s on-time pane
and a pane per later arrival (:class:`PaneInfo` timing ``LATE``); a second one on the late pane
windows (``SortLateness``) fires on time for what arrived before the watermark passed
``W.end + L`` and late for the rest: those are the too-late ones.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import NamedTuple

import apache_beam as beam
import xxhash
from apache_beam.coders import coders
from apache_beam.transforms import trigger, window
from apache_beam.utils.timestamp import Duration, Timestamp
from apache_beam.utils.windowed_value import PaneInfoTiming, WindowedValue

from transforms.model import dead_letter

__all__ = ['WindowLayout', 'Pane', 'WindowIntoPanes', 'window_label', 'LATE_REASON',
           'TOO_LATE_HORIZON', 'STREAM_STAGE', 'TOO_LATE_TAG']

#: dead-letter stage and reason of an element that came after its window closed
STREAM_STAGE = 'stream'
LATE_REASON = 'late'
#: seconds past ``allowed_lateness`` during which a too-late element is still caught and
#: dead-lettered (Beam keeps a little trigger state per window that long)
TOO_LATE_HORIZON = 86400.0
#: output tag of the too-late dead letters
TOO_LATE_TAG = 'too_late'
#: the length of a late pane window (a fixed window is at least a second long)
LATE_PANE = Duration(micros=1000)
#: keys of the two pane groupings (a pane's timing is per key and window; few keys suffice)
_PANE_SHARDS = 8


def window_label(start: float) -> str:
    """A window's name in file names: its start, UTC, ``%Y%m%dT%H%M%SZ``."""
    return dt.datetime.fromtimestamp(start, dt.timezone.utc).strftime('%Y%m%dT%H%M%SZ')


def rfc3339_micros(ts: Timestamp) -> str:
    """An element timestamp as RFC 3339 UTC with milliseconds and ``Z``."""
    moment = dt.datetime.fromtimestamp(ts.micros / 1e6, dt.timezone.utc)
    return moment.strftime('%Y-%m-%dT%H:%M:%S.') + f'{moment.microsecond // 1000:03d}Z'


class Pane(NamedTuple):
    """Which window an element belongs to for files and summaries: ``label`` (the window's
    start as in file names), ``part`` (``on_time`` or ``late``), ``start`` (epoch seconds)."""
    label: str
    part: str
    start: float

    @property
    def suffix(self) -> str:
        """What follows the window in a file name: nothing on time, ``-late`` for late."""
        return '' if self.part == 'on_time' else f'-{self.part}'


@dataclasses.dataclass(frozen=True)
class WindowLayout:
    """The windows of one streaming job: fixed ``window_seconds`` and ``allowed_lateness``."""
    window_seconds: float
    allowed_lateness: float

    def __post_init__(self):
        if not isinstance(self.window_seconds, (int, float)) or not self.window_seconds >= 1:
            raise ValueError(f'window_seconds must be at least 1 second, not '
                             f'{self.window_seconds!r}')
        if not isinstance(self.allowed_lateness, (int, float)) or not self.allowed_lateness >= 0:
            raise ValueError(f'allowed_lateness must be 0 or more seconds, not '
                             f'{self.allowed_lateness!r}')

    @classmethod
    def of(cls, streaming) -> 'WindowLayout':
        """From ``StreamingSettings`` (``config.streaming``)."""
        return cls(streaming.window_seconds, streaming.allowed_lateness)

    def late_window(self, win: window.IntervalWindow) -> window.IntervalWindow:
        start = win.end + Duration.of(self.allowed_lateness)
        return window.IntervalWindow(start, start + LATE_PANE)

    @staticmethod
    def is_late(win) -> bool:
        return isinstance(win, window.IntervalWindow) and win.end - win.start == LATE_PANE

    def origin(self, win: window.IntervalWindow) -> window.IntervalWindow:
        """The fixed window a pane window belongs to (itself when on time)."""
        if not self.is_late(win):
            return win
        end = win.start - Duration.of(self.allowed_lateness)
        return window.IntervalWindow(end - Duration.of(self.window_seconds), end)

    def pane(self, win) -> Pane:
        if not isinstance(win, window.IntervalWindow):
            raise ValueError(f'not a streaming window: {win!r} (the elements must go through '
                             f'WindowIntoPanes first)')
        origin = self.origin(win)
        start = origin.start.micros / 1e6
        return Pane(window_label(start), 'late' if self.is_late(win) else 'on_time', start)


class _PaneWindows(window.NonMergingWindowFn):
    """Keeps each element in the window it already has (set by :class:`_OpenPanesFn`)."""

    def assign(self, context):
        return [context.window]

    def get_window_coder(self):
        return coders.IntervalWindowCoder()

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self))


def _shard(element) -> int:
    kind, value = element
    where = ((value.get('provenance') or {}).get('input') if kind == 'record'
             else (value.get('input') or {}).get('location')) or ''
    return xxhash.xxh32_intdigest(str(where).encode('utf-8', 'replace')) % _PANE_SHARDS


class _StampFn(beam.DoFn):
    """Records get ``hints.ingested_at`` from their element timestamp (a copy: an element is
    never changed in place)."""

    def process(self, element, timestamp=beam.DoFn.TimestampParam):
        kind, value = element
        if kind == 'record':
            hints = dict(value.get('hints') or {}) if isinstance(value.get('hints'), dict) \
                else {}
            hints['ingested_at'] = rfc3339_micros(timestamp)
            value = {**value, 'hints': hints}
        yield kind, value


class _OpenPanesFn(beam.DoFn):
    """A pane of a fixed window: its elements go on, one by one, in the window itself (on time)
    or in its late pane window (a late firing), stamped so that they are on time there."""

    def __init__(self, layout: WindowLayout):
        self._layout = layout

    def process(self, element, win=beam.DoFn.WindowParam, pane=beam.DoFn.PaneInfoParam):
        _, values = element
        if pane.timing == PaneInfoTiming.LATE:
            target = self._layout.late_window(win)
            beam.metrics.Metrics.counter(STREAM_STAGE, 'late_panes').inc()
        else:
            target = win
        stamp = target.max_timestamp() if target is win else target.start
        for value in values:
            yield WindowedValue(value, stamp, [target])


def _too_late(element, layout: WindowLayout) -> dict:
    kind, value = element
    if kind != 'record':
        return value    # a source's dead letter stays what it is; it is counted as read
    provenance = value.get('provenance') if isinstance(value.get('provenance'), dict) else {}
    source = value.get('source') if isinstance(value.get('source'), dict) else {}
    ingested = (value.get('hints') or {}).get('ingested_at')
    title = value.get('title')
    return dead_letter(
        STREAM_STAGE, LATE_REASON,
        f'ingested at {ingested}, after its window closed (streaming.allowed_lateness: '
        f'{layout.allowed_lateness:g} s)',
        provenance.get('input') or source.get('location'),
        title if isinstance(title, str) else None)


class _SplitLatenessFn(beam.DoFn):
    """Second grouping: on-time windows and the on-time firing of a late pane window go on;
    a late firing of a late pane window is too late (dead letters, ``too_late`` output)."""

    def __init__(self, layout: WindowLayout):
        self._layout = layout

    def process(self, element, win=beam.DoFn.WindowParam, pane=beam.DoFn.PaneInfoParam):
        _, values = element
        too_late = self._layout.is_late(win) and pane.timing == PaneInfoTiming.LATE
        if too_late:
            late = [_too_late(v, self._layout) for v in values]
            beam.metrics.Metrics.counter(STREAM_STAGE, 'too_late').inc(len(late))
            for dead in late:
                yield beam.pvalue.TaggedOutput(TOO_LATE_TAG, dead)
            return
        for kind, value in values:
            yield beam.pvalue.TaggedOutput(kind, WindowedValue(value, win.max_timestamp(),
                                                               [win]))


class WindowIntoPanes(beam.PTransform):
    """Window raw records and the sources' dead letters by ingestion time, with the late-data
    policy of the module docstring.

    Apply to ``{'records': raw records, 'dead_letter': the sources' dead letters}`` (element
    timestamps: ingestion time). Returns ``{'records', 'dead_letter', 'too_late'}``: the first
    two in pane windows (:meth:`WindowLayout.pane` names them), with a plain windowing strategy
    (default trigger, no lateness) for the stages after; ``too_late``: dead letters of what
    came after its window closed (in the late pane window of that window).
    """

    def __init__(self, layout: WindowLayout):
        super().__init__()
        if not isinstance(layout, WindowLayout):
            raise ValueError(f'layout must be a WindowLayout, not {type(layout).__name__}')
        self._layout = layout

    def expand(self, inputs):
        layout = self._layout
        horizon = Duration.of(layout.allowed_lateness + TOO_LATE_HORIZON)
        tagged = [inputs[name] | f'Tag{name.title().replace("_", "")}' >> beam.Map(
            lambda value, kind=kind: (kind, value))
                  for name, kind in (('records', 'record'), ('dead_letter', 'dead'))
                  if inputs.get(name) is not None]
        late_firings = dict(trigger=trigger.AfterWatermark(late=trigger.AfterCount(1)),
                            allowed_lateness=horizon,
                            accumulation_mode=trigger.AccumulationMode.DISCARDING)
        split = (tuple(tagged) | 'MergeInputs' >> beam.Flatten()
                 | 'StampIngestionTime' >> beam.ParDo(_StampFn())
                 | 'WindowByIngestionTime' >> beam.WindowInto(
                     window.FixedWindows(layout.window_seconds), **late_firings)
                 | 'KeyForPanes' >> beam.Map(lambda e: (_shard(e), e))
                 | 'GroupIntoPanes' >> beam.GroupByKey()
                 | 'OpenPanes' >> beam.ParDo(_OpenPanesFn(layout))
                 | 'KeepPaneWindows' >> beam.WindowInto(_PaneWindows(), **late_firings)
                 | 'KeyForLateness' >> beam.Map(lambda e: (_shard(e), e))
                 | 'SortLateness' >> beam.GroupByKey()
                 | 'SplitTooLate' >> beam.ParDo(_SplitLatenessFn(layout)).with_outputs(
                     'record', 'dead', TOO_LATE_TAG))
        plain = dict(trigger=trigger.DefaultTrigger(), allowed_lateness=Duration(0),
                     accumulation_mode=trigger.AccumulationMode.DISCARDING)
        return {
            'records': split.record | 'RecordsInPanes' >> beam.WindowInto(_PaneWindows(),
                                                                          **plain),
            'dead_letter': split.dead | 'DeadLettersInPanes' >> beam.WindowInto(
                _PaneWindows(), **plain),
            'too_late': split[TOO_LATE_TAG],
        }
