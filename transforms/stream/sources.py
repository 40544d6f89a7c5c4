"""The unbounded sources of the ``beam`` streaming engine, in one place.

:class:`PollFeeds` (:mod:`.source_feeds`) polls feed URLs on their schedules and emits each new
entry once; :class:`WatchFolders` (:mod:`.source_files`) watches input globs and reads each new
or changed file once; :class:`StreamInputs` (:mod:`.source_inputs`) does both in one step, for
runners where a ``Flatten`` of the two would hold output back (the DirectRunner). All are applied to a pipeline (``PBegin``), driven by
``PeriodicImpulse``, keep what they know in Beam keyed state seeded from (and written back to)
the state store, stamp every output with the time it was fetched or read, and return dicts of
PCollections shaped as the batch ``FetchFeeds`` / ``ReadInputs`` return them, so the same
normalize, dedup and tag transforms take their records.
"""
from __future__ import annotations

from .source_feeds import PollFeeds
from .source_files import FILES_NAMESPACE, WatchFolders
from .source_inputs import StreamInputs

__all__ = ['PollFeeds', 'WatchFolders', 'StreamInputs', 'FILES_NAMESPACE']
