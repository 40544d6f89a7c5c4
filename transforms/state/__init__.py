"""State that outlives a run, behind one interface.

Everything a later run needs (the dedup index, feed validators such as ETag/Last-Modified,
backoff counters) goes through :class:`StateStore`. The local default is one SQLite file in the
``--state`` directory; the shared stores, PostgreSQL (:mod:`.postgres`, ``postgresql://``) and
Redis (:mod:`.redis`, ``redis://``), implement the same interface so that workers on many
machines see one index. :attr:`StateConfig.node_local` tells which kind a config names.

Two kinds of data are kept, both grouped in named namespaces:

* key/value records (``get``/``put``): a JSON-serialisable mapping per key;
* multimaps (``add_members``/``members``): a key with a set of string members, used for inverted
  indexes such as LSH band -> item ids.

Writes of a run are staged (``StateConfig.staging_run``) and applied by the driver only once the
run's outputs are complete, so a failed or killed run leaves the committed state as it was; one
run at a time holds a state's lock (see :mod:`.base`).

Every entry carries the time it was last written, so :meth:`StateStore.prune` can enforce a
retention window. Stores are opened inside ``DoFn.setup()`` from a picklable
:class:`StateConfig`; never at pipeline construction time.
"""
from __future__ import annotations

from .base import (URL_SCHEMES, StagedOp, StagedStore, StateConfig, StateLock, StateLocked,
                   StateStore, StateUnavailable, open_state, url_password)
from .runners import check_state_reach
from .sqlite import SQLiteStateStore

__all__ = ['StateConfig', 'StateStore', 'StagedStore', 'StagedOp', 'StateLock', 'StateLocked',
           'StateUnavailable', 'SQLiteStateStore', 'open_state', 'URL_SCHEMES', 'url_password',
           'check_state_reach']
