"""The ``beam`` streaming engine's transforms: unbounded sources, windows, windowed writes.

Public API: :class:`PollFeeds`, :class:`WatchFolders` and :class:`StreamInputs` (both in one
step: no Flatten needed) (:mod:`.sources`);
:class:`WindowIntoPanes` and :class:`WindowLayout` (:mod:`.windows`: ingestion-time windows and
the late-data policy); :class:`WriteWindowFiles` and :class:`WriteTooLate` (:mod:`.write`:
finalised per-window files); :class:`SummarizeWindows` (:mod:`.summary`: per-window summaries
and the running total).
"""
from __future__ import annotations

from .sources import PollFeeds, StreamInputs, WatchFolders
from .summary import SummarizeWindows
from .windows import WindowIntoPanes, WindowLayout
from .write import WriteTooLate, WriteWindowFiles

__all__ = ['PollFeeds', 'WatchFolders', 'StreamInputs', 'WindowIntoPanes', 'WindowLayout',
           'WriteWindowFiles', 'WriteTooLate', 'SummarizeWindows']
