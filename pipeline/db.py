"""``newsbeam db upgrade|status [--config FILE] [--sink NAME]``: the database sinks' schemas.

Goes in: a config whose ``output.sinks`` (or sink steps) name database sinks (``sqlite``,
``postgres``). Comes out: each sink's schema created or migrated to the version this newsbeam
writes (``upgrade``), or the version found (``status``), one line per sink on stdout.

``upgrade`` is idempotent: a second call finds nothing to do. Concurrent upgrades wait for each
other (the migration lock). A database whose schema is newer than this code is refused.
Exit status: 0 done; 2 a usage or configuration error, a schema that cannot be used as it is,
or a statement the database refused (no rights): one line; 1 a database that does not answer
(after a few attempts; try again later).
"""
from __future__ import annotations

import sys

__all__ = ['main', 'USAGE']

USAGE = 'usage: newsbeam db {upgrade|status} [--config FILE] [--sink NAME]'
_EXIT_UNAVAILABLE = 1
_EXIT_USAGE = 2


class _Usage(Exception):
    """A usage or configuration error: one line, exit status 2."""


def _parse(argv: list[str]) -> tuple[str, str | None, str | None]:
    """``(action, config path or None, sink name or None)`` from the arguments after ``db``."""
    if not argv or argv[0] not in ('upgrade', 'status'):
        raise _Usage(f'db takes upgrade or status, not {argv[0]!r}' if argv
                     else 'db takes upgrade or status')
    action, rest = argv[0], argv[1:]
    values: dict[str, str] = {}
    i = 0
    while i < len(rest):
        arg = rest[i]
        name, eq, value = arg.partition('=')
        if name not in ('--config', '--sink'):
            raise _Usage(f'db {action}: unknown argument {arg!r}; allowed: --config FILE, '
                         f'--sink NAME')
        if not eq:
            if i + 1 >= len(rest):
                raise _Usage(f'db {action}: {name} needs a value')
            value = rest[i + 1]
            i += 1
        if name in values:
            raise _Usage(f'db {action}: {name} given twice')
        values[name] = value
        i += 1
    return action, values.get('--config'), values.get('--sink')


def database_sinks(config_path: str | None, only: str | None) -> list:
    """The database sinks (``transforms.sink.sql.SqlSink``) the config names, built and checked;
    only the one named ``only`` when given. Raises :class:`_Usage` when there is none."""
    from transforms.sink.sql import SqlSink

    from .config import ConfigError, load_config
    from .steps import resolve_sinks, resolve_steps
    try:
        config = load_config(config_path)
        candidates = [s.sink for s in resolve_sinks(config.output.sinks)]
        candidates += [s.target for s in resolve_steps(config.steps)
                       if getattr(s, 'is_sink', False)]
    except ConfigError as exc:
        raise _Usage(str(exc).splitlines()[0]) from None
    sinks = [s for s in candidates if isinstance(s, SqlSink)]
    if not sinks:
        raise _Usage(f'{config.path}: no database sink (an output.sinks entry with use: sqlite '
                     f'or use: postgres)')
    if only is not None:
        chosen = [s for s in sinks if s.name == only]
        if not chosen:
            raise _Usage(f'--sink {only}: no database sink of that name in {config.path}; '
                         f'there are: {", ".join(s.name for s in sinks)}')
        sinks = chosen
    return sinks


def _status_line(sink, found: int, latest: int) -> str:
    if found == latest:
        state = 'up to date'
    elif found > latest:
        state = f'NEWER than this newsbeam ({latest}): refused; upgrade newsbeam'
    elif found == 0:
        state = 'no schema yet: run `newsbeam db upgrade` (or a run with auto_migrate)'
    else:
        state = f'behind ({latest} is current): run `newsbeam db upgrade`'
    return f'{sink.name}: {sink.where()}: schema version {found}, {state}'


def main(argv: list[str]) -> int:
    """Run ``newsbeam db ...``; returns the exit status."""
    from transforms.sink.base import SinkConfigError, SinkUnavailable
    from transforms.sink.migrations import latest_version
    if argv and argv[0] in ('-h', '--help'):
        print(USAGE)
        return 0
    try:
        action, config_path, only = _parse(argv)
        sinks = database_sinks(config_path, only)
    except _Usage as exc:
        print(f'newsbeam: {exc}', file=sys.stderr)
        return _EXIT_USAGE
    for sink in sinks:
        try:
            if action == 'status':
                found = sink.schema_version()
                print(_status_line(sink, found, latest_version()))
                continue
            report = sink.upgrade()
        except SinkConfigError as exc:   # a schema newer than this code, a file that is no db
            print(f'newsbeam: {str(exc).splitlines()[0]}', file=sys.stderr)
            return _EXIT_USAGE
        except SinkUnavailable as exc:
            print(f'newsbeam: sink {sink.name} unavailable: {str(exc).splitlines()[0]}',
                  file=sys.stderr)
            return _EXIT_UNAVAILABLE
        except RuntimeError as exc:   # the database refused a statement (no rights, say)
            print(f'newsbeam: {str(exc).splitlines()[0]}', file=sys.stderr)
            return _EXIT_USAGE
        if report.applied:
            print(f'{sink.name}: {report.where}: schema upgraded from version {report.before} '
                  f'to {report.after} ({"; ".join(report.applied)})')
        else:
            print(f'{sink.name}: {report.where}: schema at version {report.after}, up to date')
    return 0
