"""Finalised per-window JSONL files for the ``beam`` streaming engine.

Goes in: records of one family (``items``, ``duplicates``, ...) in the pane windows of
:class:`~transforms.stream.windows.WindowIntoPanes`. Comes out: one file per window pane,
``DIR/<family>-<WINDOW>.jsonl`` (on time) or ``DIR/<family>-<WINDOW>-late.jsonl`` (the late
pane), and per pane a ``(family, lines)`` count in that pane's window (for the summary).

Guarantees: a file appears whole or not at all (written under a temporary name in ``DIR``, then
renamed); each pane is one ``GroupByKey`` firing (the default trigger fires a pane window once),
so each window has each file once; lines are sorted, so a retried bundle writes the same bytes
under the same name. An empty pane writes no file. :class:`WriteTooLate` writes the too-late
dead letters as they come (no grouping: their window has closed), one file per bundle and
window named by its content, and adds them to the window's summary.

Paths go through Beam's ``FileSystems`` (local, ``gs://``, ...).
"""
from __future__ import annotations

import apache_beam as beam
import xxhash
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from transforms.model import to_json_line

from .files import write_atomically
from .summary import record_pane
from .windows import LATE_REASON, STREAM_STAGE, WindowLayout

__all__ = ['WriteWindowFiles', 'WriteTooLate', 'window_file']


def window_file(directory: str, family: str, label: str, suffix: str = '') -> str:
    return FileSystems.join(directory, f'{family}-{label}{suffix}.jsonl')


class _WritePaneFn(beam.DoFn):
    """One pane's records (grouped under one key) to one file; out: ``(family, lines)``."""

    def __init__(self, directory: str, family: str, layout: WindowLayout):
        self._directory, self._family, self._layout = directory, family, layout

    def process(self, element, win=beam.DoFn.WindowParam):
        _, records = element
        lines = sorted(to_json_line(r) for r in records)
        pane = self._layout.pane(win)
        if lines:
            write_atomically(window_file(self._directory, self._family, pane.label, pane.suffix),
                             ('\n'.join(lines) + '\n').encode('utf-8'))
            Metrics.counter(STREAM_STAGE, f'{self._family}_written').inc(len(lines))
        yield self._family, len(lines)


class WriteWindowFiles(beam.PTransform):
    """Write ``family`` records, one finalised file per window pane (see the module
    docstring). Returns the ``(family, lines)`` count of each pane, in its window."""

    def __init__(self, directory: str, family: str, layout: WindowLayout):
        super().__init__()
        if not directory:
            raise ValueError('directory must be given')
        if not family or '/' in family or '\\' in family:
            raise ValueError(f'family must be a plain file name stem, not {family!r}')
        if not isinstance(layout, WindowLayout):
            raise ValueError(f'layout must be a WindowLayout, not {type(layout).__name__}')
        self._directory, self._family, self._layout = directory, family, layout

    def expand(self, records):
        return (records
                | 'KeyPane' >> beam.Map(lambda r: (None, r))
                | 'GroupPane' >> beam.GroupByKey()
                | 'WritePane' >> beam.ParDo(_WritePaneFn(self._directory, self._family,
                                                         self._layout)))


class _WriteTooLateFn(beam.DoFn):
    """Per bundle and window, the too-late dead letters to a file named by their content, and
    their counts into the window's summary (a pane ``too_late-<digest>``: idempotent)."""

    def __init__(self, directory: str, layout: WindowLayout, run_id: str):
        self._directory, self._layout, self._run_id = directory, layout, run_id
        self._open = None

    def start_bundle(self):
        self._open = {}

    def process(self, dead, win=beam.DoFn.WindowParam):
        self._open.setdefault(win, []).append(dead)

    def finish_bundle(self):
        for win, records in self._open.items():
            pane = self._layout.pane(win)
            lines = sorted(to_json_line(r) for r in records)
            data = ('\n'.join(lines) + '\n').encode('utf-8')
            digest = xxhash.xxh3_64_hexdigest(data)[:12]
            write_atomically(window_file(self._directory, 'dead_letter', pane.label,
                                         f'-late-{digest}'), data)
            reason = f'dead_letter.{STREAM_STAGE}.{LATE_REASON}'
            record_pane(self._directory, pane, f'too_late-{digest}',
                        {'read': len(lines), 'dead_letter': len(lines), reason: len(lines),
                         'output.dead_letter': len(lines)},
                        self._run_id, self._layout.window_seconds)
        self._open = None


class WriteTooLate(beam.PTransform):
    """Write the too-late dead letters of :class:`WindowIntoPanes` at once (their window has
    closed: no grouping would fire) and count them in their window's summary."""

    def __init__(self, directory: str, layout: WindowLayout, run_id: str):
        super().__init__()
        if not directory:
            raise ValueError('directory must be given')
        if not isinstance(layout, WindowLayout):
            raise ValueError(f'layout must be a WindowLayout, not {type(layout).__name__}')
        self._directory, self._layout, self._run_id = directory, layout, run_id

    def expand(self, dead_letters):
        return dead_letters | 'WriteTooLateFiles' >> beam.ParDo(
            _WriteTooLateFn(self._directory, self._layout, self._run_id))
