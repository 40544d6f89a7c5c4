"""Per-window summaries and the running total of the ``beam`` streaming engine.

Goes in: label strings (``read``, ``items``, ``dead_letter.<stage>.<reason>``, ... -- one or
more per record, as the batch run counts them) or ``(label, count)`` pairs, in the pane windows of
:class:`~transforms.stream.windows.WindowIntoPanes`. Comes out, beside the outputs:

* ``DIR/windows/panes/<WINDOW>-<pane>.json``: one pane's counts (``on_time``, ``late``,
  ``too_late-<digest>``), written once per pane;
* ``DIR/windows/<WINDOW>.json``: the window -- every pane's counts summed, ``balanced`` (the
  nothing-lost equation ``read == items + duplicates + dead_letter + filtered + seen_before``),
  and the panes;
* ``DIR/streaming.json``: the running total of every pane written so far (``counts``,
  ``balanced``, ``breakdown``, ``windows``: their labels, ``panes``: how many).

Each pane writes only its own file; the window file and the running total are recomputed from
the pane files by whoever writes a pane (each written whole, under a temporary name), so a
retried or concurrent writer never loses another's counts, and the last writer's view is
complete. With ``heartbeat`` each pane logs one line (what was read, delivered, refused, and
the lag from the window's end to now).
"""
from __future__ import annotations

import datetime as dt
import logging
import time

import apache_beam as beam
import orjson
from apache_beam.io.filesystems import FileSystems

from .files import list_files, read_json, write_atomically
from .windows import Pane, WindowLayout

__all__ = ['SummarizeWindows', 'record_pane', 'base_counts', 'total_of', 'window_summary',
           'WINDOWS_DIR', 'PANES_DIR', 'RUNNING_TOTAL', 'FAMILIES']

LOG = logging.getLogger('newsbeam')
WINDOWS_DIR = 'windows'
PANES_DIR = 'panes'
RUNNING_TOTAL = 'streaming.json'
#: the families of the nothing-lost equation (``read`` on the other side)
FAMILIES = ('items', 'duplicates', 'dead_letter', 'filtered', 'seen_before')


def base_counts(labels: dict[str, int]) -> dict[str, int]:
    """``read`` and the families of the equation, from label counts (missing ones are 0)."""
    return {name: int(labels.get(name, 0)) for name in ('read',) + FAMILIES}


def balanced(counts: dict[str, int]) -> bool:
    return counts.get('read', 0) == sum(counts.get(f, 0) for f in FAMILIES)


def total_of(parts) -> dict[str, int]:
    """Label counts summed over ``parts`` (dicts of label counts)."""
    out: dict[str, int] = {}
    for part in parts:
        for label, n in part.items():
            out[label] = out.get(label, 0) + int(n)
    return dict(sorted(out.items()))


def _rfc3339(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def window_summary(label: str, start: float, window_seconds: float | None, run_id: str,
                   panes: dict[str, dict]) -> dict:
    """A window's summary from its panes' label counts."""
    labels = total_of(panes.values())
    counts = base_counts(labels)
    out = {'run_id': run_id, 'window': label, 'start': _rfc3339(start),
           'counts': counts, 'balanced': balanced(counts),
           'breakdown': {k: v for k, v in labels.items() if '.' in k},
           'panes': {name: {'counts': base_counts(p), 'balanced': balanced(base_counts(p))}
                     for name, p in sorted(panes.items())}}
    if window_seconds is not None:
        out['end'] = _rfc3339(start + window_seconds)
    return out


def _pane_path(directory: str, label: str, name: str) -> str:
    return FileSystems.join(directory, WINDOWS_DIR, PANES_DIR, f'{label}-{name}.json')


def record_pane(directory: str, pane: Pane, name: str, labels: dict[str, int], run_id: str,
                window_seconds: float | None = None) -> dict:
    """Write one pane's label counts, then its window's summary and the running total, both
    recomputed from the pane files. Returns the window's summary."""
    windows = FileSystems.join(directory, WINDOWS_DIR)
    write_atomically(_pane_path(directory, pane.label, name), orjson.dumps(
        {'window': pane.label, 'start': pane.start, 'pane': name, 'labels': labels},
        option=orjson.OPT_SORT_KEYS))
    panes = {}
    for path in list_files(FileSystems.join(windows, PANES_DIR, f'{pane.label}-*.json')):
        record = read_json(path)
        if record and record.get('window') == pane.label:
            panes[record['pane']] = record['labels']
    summary = window_summary(pane.label, pane.start, window_seconds, run_id, panes)
    write_atomically(FileSystems.join(windows, f'{pane.label}.json'),
                     orjson.dumps(summary, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    write_running_total(directory, run_id)
    return summary


def running_total(directory: str, run_id: str) -> dict:
    """Every pane file's counts summed (what ``streaming.json`` holds)."""
    parts, windows = [], set()
    for path in list_files(FileSystems.join(directory, WINDOWS_DIR, PANES_DIR, '*.json')):
        record = read_json(path)
        if record:
            parts.append(record['labels'])
            windows.add(record['window'])
    labels = total_of(parts)
    counts = base_counts(labels)
    return {'run_id': run_id, 'windows': sorted(windows), 'panes': len(parts),
            'counts': counts, 'balanced': balanced(counts),
            'breakdown': {k: v for k, v in labels.items() if '.' in k},
            'updated_at': _rfc3339(time.time())}


def write_running_total(directory: str, run_id: str) -> dict:
    total = running_total(directory, run_id)
    write_atomically(FileSystems.join(directory, RUNNING_TOTAL),
                     orjson.dumps(total, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    return total


class _SummarizePaneFn(beam.DoFn):
    def __init__(self, directory: str, layout: WindowLayout, run_id: str, heartbeat: bool):
        self._directory, self._layout = directory, layout
        self._run_id, self._heartbeat = run_id, heartbeat

    def process(self, element, win=beam.DoFn.WindowParam):
        _, labels = element
        counted: dict[str, int] = {}
        for label in labels:   # a label, or a (label, count) pair
            label, n = (label, 1) if isinstance(label, str) else label
            counted[label] = counted.get(label, 0) + n
        pane = self._layout.pane(win)
        summary = record_pane(self._directory, pane, pane.part, dict(sorted(counted.items())),
                              self._run_id, self._layout.window_seconds)
        if self._heartbeat:
            c = base_counts(counted)
            lag = time.time() - (pane.start + self._layout.window_seconds)
            LOG.info('window %s%s: read %d, items %d, duplicates %d, dead letters %d%s%s; %s',
                     pane.label, pane.suffix, c['read'], c['items'], c['duplicates'],
                     c['dead_letter'], f', filtered {c["filtered"]}' if c['filtered'] else '',
                     f', seen before {c["seen_before"]}' if c['seen_before'] else '',
                     f'lag {lag:.1f} s after the window\'s end' if lag >= 0
                     else 'closed before its end (the sources stopped)')
        if not summary['balanced']:
            LOG.error('window %s does not balance: %s', pane.label, summary['counts'])
        yield pane.label, pane.part, base_counts(counted)


class SummarizeWindows(beam.PTransform):
    """Count the labels of each window pane and write the summaries of the module docstring.

    Returns ``(window label, pane, counts)`` per pane, in its window (for tests and logs).
    """

    def __init__(self, directory: str, layout: WindowLayout, run_id: str,
                 heartbeat: bool = True):
        super().__init__()
        if not directory:
            raise ValueError('directory must be given')
        if not isinstance(layout, WindowLayout):
            raise ValueError(f'layout must be a WindowLayout, not {type(layout).__name__}')
        self._directory, self._layout = directory, layout
        self._run_id, self._heartbeat = run_id, bool(heartbeat)

    def expand(self, labels):
        return (labels
                | 'KeyPaneLabels' >> beam.Map(lambda label: (None, label))
                | 'GroupPaneLabels' >> beam.GroupByKey()
                | 'WritePaneSummary' >> beam.ParDo(_SummarizePaneFn(
                    self._directory, self._layout, self._run_id, self._heartbeat)))
