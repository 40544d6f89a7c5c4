"""The ``newsbeam`` command: ``run``, ``report DIR``, ``validate FILE``, ``init DIR``, ``db``.

Exit status (the README's table): 0 finished (even with dead letters); 1 the pipeline failed or
was interrupted (retry); 2 usage, configuration or state error (one line naming the bad key or
file; fix first); 3 finished with dead letters above the configured threshold; 75 skipped:
another run holds the state's lock (try later).
"""
from __future__ import annotations

import logging
import os
import signal
import sys

import orjson

__all__ = ['main']

USAGE = """usage: newsbeam run [--config FILE] [--input GLOB]... [--feed URL]... [--output DIR]
                    [--state DIR] [--reread] [--allow-private-networks]
                    [--streaming [--max-duration SECONDS] [--poll-interval SECONDS]]
                    [--log-level LEVEL] [-v] [BEAM PIPELINE OPTIONS...]
       newsbeam report DIR       (a run's directory, or where a template keeps LATEST)
       newsbeam validate FILE
       newsbeam init DIR         (writes DIR/newsbeam.yaml and its folders inputs/ out/ state/)
       newsbeam db upgrade|status [--config FILE] [--sink NAME]   (database sinks' schemas)"""


def _log_flags(argv: list[str]) -> tuple[str | None, bool]:
    """``--log-level`` and ``-v``/``--verbose`` of a run's arguments (their values are checked
    again, with every other option, by ``run``)."""
    level, verbose = None, False
    for i, arg in enumerate(argv):
        name, eq, value = arg.partition('=')
        if arg in ('-v', '--verbose'):
            verbose = True
        elif name in ('--log-level', '--log_level'):
            level = value if eq else (argv[i + 1] if i + 1 < len(argv) else None)
    return level, verbose


def _setup_logging(level_name: str | None = None, verbose: bool = False) -> None:
    """newsbeam's messages from ``level_name`` (else ``NEWSBEAM_LOG_LEVEL``, else INFO) on.

    Beam's, the runner's and the workers' messages are shown from WARNING on, without the
    notices every worker prints at start-up; ``verbose`` shows them from INFO on. Workers learn
    their level from ``NEWSBEAM_RUNNER_LOG_LEVEL``, which they inherit (``pipeline.worker``)."""
    from .worker import LOG_LEVELS, RUNNER_LOG_LEVEL_ENV   # no Beam import before this set-up
    level = (level_name or os.environ.get('NEWSBEAM_LOG_LEVEL') or 'INFO').upper()
    level = level if level in LOG_LEVELS else 'INFO'
    if verbose:
        os.environ[RUNNER_LOG_LEVEL_ENV] = 'DEBUG' if level == 'DEBUG' else 'INFO'
    else:
        os.environ.setdefault(RUNNER_LOG_LEVEL_ENV, 'WARNING')
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format='%(asctime)s %(levelname)s %(name)s: %(message)s',
                        datefmt='%H:%M:%S')
    for name in ('newsbeam', 'transforms', 'pipeline'):
        logging.getLogger(name).setLevel(level)
    if verbose:
        logging.getLogger().setLevel(os.environ[RUNNER_LOG_LEVEL_ENV])
        return
    # Beam is chatty at INFO, and warns on the root logger about optional GCP clients we do
    # not use; neither helps a person reading a run.
    logging.getLogger('apache_beam').setLevel(logging.ERROR)
    for handler in logging.getLogger().handlers:
        handler.addFilter(lambda record: not record.getMessage().startswith('apitools not found'))


def _fail(status: int, message: str) -> int:
    print(f'newsbeam: {message}', file=sys.stderr)
    return status


def _interrupt(signum, frame):
    from .run import Interrupted
    raise Interrupted(signal.Signals(signum).name)


def _cmd_run(argv: list[str]) -> int:
    from .config import ConfigError
    from .run import (EXIT_FAILED, EXIT_LOCKED, EXIT_USAGE, Interrupted, PipelineFailed,
                      StateBusy, UsageError, run, summary_lines)
    try:  # SIGTERM (systemd, Kubernetes, timeout) stops the run like Ctrl-C: undone, exit 1
        previous = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread (embedded use): leave signals alone
        previous = None
    try:
        result = run(argv)
    except (UsageError, ConfigError) as exc:
        return _fail(EXIT_USAGE, str(exc))
    except StateBusy as exc:
        return _fail(EXIT_LOCKED, f'skipped: {exc}')
    except PipelineFailed as exc:
        return _fail(EXIT_FAILED, f'the pipeline failed: {exc}')
    except (Interrupted, KeyboardInterrupt) as exc:
        return _fail(EXIT_FAILED, f'interrupted ({exc or "SIGINT"}); the run was undone and '
                                  f'can be started again')
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print('\n'.join(summary_lines(result.summary, result.output_dir)))
    return result.status


def _report_directory(directory: str) -> str:
    """The run directory ``report DIR`` means: DIR itself, or the run its ``LATEST`` names (a
    template's runs: the newest one). Local or any file system Beam serves."""
    from . import storage
    latest = storage.join(directory, 'LATEST')
    if storage.exists(storage.join(directory, 'run.json')) or not storage.exists(latest):
        return directory
    if storage.is_local(latest) and not os.path.isfile(latest):
        return directory
    try:
        target = storage.read_bytes(latest).decode('utf-8').strip()
    except UnicodeDecodeError:
        raise ValueError(f'{latest}: not UTF-8 text') from None
    return target if not storage.is_local(target) else storage.join(directory, target)


def _cmd_report(argv: list[str]) -> int:
    from . import storage
    from .run import summary_lines
    if len(argv) != 1:
        return _fail(2, 'report takes one argument: the output directory of a run')
    try:
        storage.check_path(argv[0], 'report')
        directory = _report_directory(argv[0])
        path = storage.join(directory, 'run.json')
        summary = orjson.loads(storage.read_bytes(path))
        if not isinstance(summary, dict):
            return _fail(2, f'{path}: not a run summary (a JSON object)')
    except orjson.JSONDecodeError as exc:
        return _fail(2, f'{path}: cannot be read: {exc}')
    except ValueError as exc:   # an unusable scheme, a LATEST that is not UTF-8
        return _fail(2, str(exc).splitlines()[0])
    except FileNotFoundError:
        return _fail(2, f'no run.json in {argv[0]} (is it the --output DIR of a run?)')
    except OSError as exc:
        return _fail(2, f'{argv[0]}: cannot be read: {str(exc).splitlines()[0]}')
    print('\n'.join(summary_lines(summary, storage.absolute(directory))))
    for outcome in summary.get('feeds') or []:
        if outcome.get('status') not in ('ok', 'not_modified', 'not_due'):
            print(f'  feed {outcome.get("url")}: {outcome.get("status")} '
                  f'{outcome.get("reason") or ""}'.rstrip())
    return 0


def _cmd_validate(argv: list[str]) -> int:
    from .config import ConfigError, load_config
    from .run import UsageError, _check_paths
    from .steps import resolve_sinks, resolve_steps
    if len(argv) != 1:
        return _fail(2, 'validate takes one argument: a config file')
    try:
        config = load_config(argv[0])
        _check_paths(config)
        steps = resolve_steps(config.steps)
        resolve_sinks(config.output.sinks)   # every sink's parameters (no connection made)
    except (ConfigError, UsageError) as exc:
        return _fail(2, str(exc))
    print(f'{argv[0]}: valid ({len(config.inputs.files)} file pattern(s), '
          f'{len(config.inputs.feeds)} feed(s), {len(config.inputs.feed_lists)} feed list(s), '
          f'{len(steps)} custom step(s))')
    return 0


def _cmd_init(argv: list[str]) -> int:
    from .init import InitError, init_project
    if len(argv) != 1 or argv[0].startswith('-'):
        return _fail(2, 'init takes one argument: the folder to set up (created if missing)')
    try:
        path, folders = init_project(argv[0])
    except InitError as exc:
        return _fail(2, str(exc))
    print(f'wrote {path} (every section; defaults shown commented)')
    print(f'folders: {", ".join(os.path.basename(f) + "/" for f in folders)} in '
          f'{os.path.dirname(path)}')
    print(f'next: put input files in {folders[0]}, then: newsbeam run --config {path}')
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ('-h', '--help', 'help'):
        print(USAGE)
        return 0 if argv else 2
    _setup_logging(*_log_flags(argv[1:] if argv[0] == 'run' else []))
    command, rest = argv[0], argv[1:]
    if command == 'run':
        if rest and rest[0] in ('-h', '--help'):
            print(USAGE)
            return 0
        return _cmd_run(rest)
    if command == 'report':
        return _cmd_report(rest)
    if command == 'validate':
        return _cmd_validate(rest)
    if command == 'init':
        return _cmd_init(rest)
    if command == 'db':
        from .db import main as db_main
        return db_main(rest)
    return _fail(2, f'unknown command {command!r}; use run, report, validate, init or db')


if __name__ == '__main__':
    sys.exit(main())
