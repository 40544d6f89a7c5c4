"""The sink component interface: what a sink (ours or a user's) implements.

A :class:`Sink` is set up once per worker, given batches of records per bundle, and torn down;
``WriteToSink`` (``transforms/sink/write.py``) does the batching, the retries and the counting.
The built-in database sinks and a user's own class (a ``steps:`` entry with ``stage: sink``, or
an ``output.sinks`` entry naming it by dotted path) implement the same interface, so a user's
sink is a peer of ours.

Lifecycle, and where each call runs:

* ``from_params(params, name=..., families=...)`` -- on the driver, while the config is read:
  build the sink from its config mapping and check every parameter; a bad one raises
  :class:`SinkConfigError` with a one-line message naming the key (exit status 2). No I/O.
* ``prepare()`` -- once, on the driver, before the pipeline is built: create or migrate a schema,
  check that a service answers. Raise :class:`SinkUnavailable` when it does not (the run fails
  with that one line, exit 1, nothing written).
* the sink object is then pickled and shipped to the workers: keep connections out of
  ``__init__``; open them in ``setup()``.
* ``setup()`` -- once per DoFn instance on a worker; ``write_batch(family, records)`` -- once per
  batch (flushed at the batch size and at the end of every bundle); ``teardown()`` -- when the
  worker lets the DoFn go (best effort: a killed worker does not call it).
* ``record_run(summary)`` -- once, on the driver, after the run's outputs are complete and
  before the state commit (e.g. a row in a ``runs`` table). ``summary`` is what ``run.json``
  will hold. An exception here fails the run before its commit point (retry-safe).

The contract of ``write_batch``:

* **atomic**: the batch is one transaction; on any exception nothing of it stays written;
* **idempotent**: writing the same records again (a retried bundle, a re-run) leaves the same
  rows, e.g. an upsert by ``record["id"]``;
* it **returns the rows it refused** as :class:`Rejection` (a NUL byte, an oversize value): they
  become dead letters (stage ``sink``, the rejection's reason) and the run goes on. A rejection
  is for good: the row is not offered again by this run, and the story is not recorded as
  delivered. Every record not returned counts as written;
* it raises :class:`SinkUnavailable` for a transient whole-batch failure (connection lost, lock
  timeout): the framework calls ``write_batch`` again with the same records after a bounded
  backoff, and when the attempts are used up the run fails with one clear line (exit 1), nothing
  committed, and the next run delivers those stories. Any other exception fails the run too.

Families a sink may take (``families``): ``items``, ``duplicates``, ``dead_letter``,
``filtered``, ``seen_before``. Records are plain dicts shaped as in ``transforms.model``; a sink
must not change them (they are shared with the other sinks).

Built-in sink types by name (``output.sinks[].use``): :data:`BUILTIN_SINKS`. The file sinks
(``jsonl``, ``parquet``) are written with Beam's file finalisation instead of ``write_batch``
(see ``transforms/sink/files.py``); the database sinks are :class:`Sink` subclasses.
"""
from __future__ import annotations

import inspect
import types
from typing import Any, ClassVar, Mapping, NamedTuple, Sequence

__all__ = [
    'Rejection', 'Sink', 'SinkUnavailable', 'SinkConfigError', 'SINK_FAMILIES',
    'BUILTIN_SINKS', 'REJECTED_REASON', 'is_sink_class', 'check_params', 'check_families',
]

#: The record families a sink can be given.
SINK_FAMILIES = ('items', 'duplicates', 'dead_letter', 'filtered', 'seen_before')

#: The default reason of a row a sink refused.
REJECTED_REASON = 'sink_rejected'

#: Built-in sink types: the name used in ``output.sinks[].use`` -> ``module:Class``. The file
#: sinks are handled by ``transforms/sink/files.py``; the others are :class:`Sink` subclasses.
BUILTIN_SINKS: Mapping[str, str] = types.MappingProxyType({
    'jsonl': 'transforms.sink.files:JsonlFileSink',
    'parquet': 'transforms.sink.files:ParquetFileSink',
    'sqlite': 'transforms.sink.sqlite:SQLiteSink',
    'postgres': 'transforms.sink.postgres:PostgresSink',
})


class Rejection(NamedTuple):
    """A row a sink refused; becomes a dead letter (stage ``sink``) and the run goes on."""
    record: dict
    reason: str       # stable snake_case, e.g. 'sink_rejected', 'value_too_large'
    message: str      # one line for a human; never a password or a connection string


class SinkUnavailable(Exception):
    """The sink cannot take this batch now (service down, connection lost): retry the batch."""


class SinkConfigError(ValueError):
    """A bad sink parameter; the one-line message names the key (``with.table``)."""


def check_params(target: Any, params: Mapping[str, Any], where: str,
                 skip: Sequence[str] = ('self',)) -> None:
    """Check ``params`` against the signature of ``target`` (a function or ``__init__``).

    Raises :class:`SinkConfigError` naming the first unknown or missing parameter, with the
    allowed ones. A signature with ``**kwargs`` accepts any key.
    """
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return
    accepted = [p for p in signature.parameters.values()
                if p.name not in skip and p.kind not in (p.VAR_POSITIONAL,)]
    if any(p.kind is p.VAR_KEYWORD for p in accepted):
        return
    names = [p.name for p in accepted if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    unknown = sorted(set(params) - set(names))
    if unknown:
        raise SinkConfigError(f'{where}: unknown parameter with.{unknown[0]}; allowed: '
                              f'{", ".join(sorted(names)) or "none"}')
    missing = [p.name for p in accepted if p.default is p.empty and p.name not in params
               and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    if missing:
        raise SinkConfigError(f'{where}: missing parameter with.{missing[0]}')


class Sink:
    """A sink component: set up once per worker, given batches per bundle, torn down.

    Subclass it and implement :meth:`write_batch` (and :meth:`setup`/:meth:`teardown` when the
    sink holds a connection). Parameters come from the config's ``with:`` mapping as keyword
    arguments of ``__init__``; :meth:`from_params` checks them against its signature, calls it,
    then :meth:`validate`. ``name`` and ``families`` are set by the framework from the config
    (defaults: the ``kind`` or class name, and :attr:`families`).

    Example::

        class PrintSink(Sink):
            def __init__(self, prefix: str = ''):
                self.prefix = prefix
            def write_batch(self, family, records):
                for r in records:
                    print(self.prefix, r['id'])
                return []
    """

    #: Label in ``run.json`` ``sinks.<name>``; unique per run. Set per instance by the config.
    name: str = ''
    #: The families this sink takes unless the config says otherwise.
    families: tuple[str, ...] = ('items',)
    #: The built-in type name (``sqlite``); user sinks may leave it empty.
    kind: ClassVar[str] = ''
    #: Parameters that are local file paths: for a built-in sink, a relative one in a config
    #: file is made absolute against the config file's directory (``pipeline/config.py``).
    PATH_PARAMS: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_params(cls, params: Mapping[str, Any] | None = None, *, name: str | None = None,
                    families: Sequence[str] | None = None) -> 'Sink':
        """Build the sink from its config parameters; raise :class:`SinkConfigError` (one line
        naming the key) for a bad one. No I/O here: this runs while the config is checked."""
        params = dict(params or {})
        where = f'sink {name or cls.kind or cls.__name__}'
        check_params(cls.__init__, params, where)
        try:
            sink = cls(**params)
        except SinkConfigError:
            raise
        except (TypeError, ValueError) as exc:
            raise SinkConfigError(f'{where}: {exc}') from None
        sink.name = name or sink.name or cls.kind or cls.__name__
        if families is not None:
            sink.families = check_families(families, where)
        else:
            sink.families = check_families(sink.families, where)
        sink.validate()
        return sink

    def validate(self) -> None:
        """Check the parameters as a whole (raise :class:`SinkConfigError`); default: nothing."""

    def describe(self) -> str:
        """One line for the start-up log; must not contain secrets. Default: name and class."""
        return f'{self.name} ({type(self).__module__}.{type(self).__qualname__})'

    def prepare(self) -> None:
        """Once on the driver before the pipeline is built (create/migrate a schema, check the
        service answers; raise :class:`SinkUnavailable` if not). Default: nothing."""

    def setup(self) -> None:
        """Open connections; called once per DoFn instance on the worker. Default: nothing."""

    def write_batch(self, family: str, records: list[dict]) -> list[Rejection]:
        """Write ``records`` of ``family`` atomically and idempotently; return the refused rows.

        Raise :class:`SinkUnavailable` for a transient whole-batch failure (the batch is retried
        with bounded backoff, then the run fails); any other exception fails the run.
        """
        raise NotImplementedError(f'{type(self).__name__} must implement write_batch')

    def teardown(self) -> None:
        """Close connections; called when the worker lets the DoFn go. Default: nothing."""

    def record_run(self, summary: dict) -> None:
        """Once on the driver after the outputs are complete, before the state commit; ``summary``
        is what ``run.json`` will hold (including ``sinks``). Default: nothing."""


def check_families(families: Sequence[str], where: str) -> tuple[str, ...]:
    """``families`` as a tuple without repeats; :class:`SinkConfigError` for an unknown one."""
    if isinstance(families, str) or not isinstance(families, (list, tuple)) or not families:
        raise SinkConfigError(f'{where}: families must be a non-empty list of '
                              f'{", ".join(SINK_FAMILIES)}')
    for family in families:
        if family not in SINK_FAMILIES:
            raise SinkConfigError(f'{where}: unknown family {family!r} in families; allowed: '
                                  f'{", ".join(SINK_FAMILIES)}')
    return tuple(dict.fromkeys(families))


def is_sink_class(obj: Any) -> bool:
    """True for a :class:`Sink` subclass, or any class with ``setup``, ``write_batch`` and
    ``teardown`` methods (a user's component need not import this module)."""
    if not inspect.isclass(obj):
        return False
    if issubclass(obj, Sink):
        return obj is not Sink
    return all(callable(getattr(obj, m, None)) for m in ('setup', 'write_batch', 'teardown'))
