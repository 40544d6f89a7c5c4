"""The ``newsbeam`` command: ``run``, ``report DIR``, ``validate FILE``.

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
                    [BEAM PIPELINE OPTIONS...]
       newsbeam report DIR       (a run's directory, or where a template keeps LATEST)
       newsbeam validate FILE"""


def _setup_logging() -> None:
    level = os.environ.get('NEWSBEAM_LOG_LEVEL', 'INFO').upper()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format='%(asctime)s %(levelname)s %(name)s: %(message)s',
                        datefmt='%H:%M:%S')
    for name in ('newsbeam', 'transforms', 'pipeline'):
        logging.getLogger(name).setLevel(level)
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


def _cmd_report(argv: list[str]) -> int:
    from .run import summary_lines
    if len(argv) != 1:
        return _fail(2, 'report takes one argument: the output directory of a run')
    directory = argv[0]
    latest = os.path.join(directory, 'LATEST')
    if not os.path.exists(os.path.join(directory, 'run.json')) and os.path.isfile(latest):
        with open(latest, encoding='utf-8') as handle:   # a template's runs: the newest one
            directory = os.path.join(directory, handle.read().strip())
    path = os.path.join(directory, 'run.json')
    try:
        with open(path, 'rb') as handle:
            summary = orjson.loads(handle.read())
    except FileNotFoundError:
        return _fail(2, f'no run.json in {argv[0]} (is it the --output DIR of a run?)')
    except (OSError, orjson.JSONDecodeError) as exc:
        return _fail(2, f'{path}: cannot be read: {exc}')
    print('\n'.join(summary_lines(summary, os.path.abspath(directory))))
    for outcome in summary.get('feeds') or []:
        if outcome.get('status') not in ('ok', 'not_modified', 'not_due'):
            print(f'  feed {outcome.get("url")}: {outcome.get("status")} '
                  f'{outcome.get("reason") or ""}'.rstrip())
    return 0


def _cmd_validate(argv: list[str]) -> int:
    from .config import ConfigError, load_config
    from .run import UsageError, _check_paths
    from .steps import resolve_steps
    if len(argv) != 1:
        return _fail(2, 'validate takes one argument: a config file')
    try:
        config = load_config(argv[0])
        _check_paths(config)
        steps = resolve_steps(config.steps)
    except (ConfigError, UsageError) as exc:
        return _fail(2, str(exc))
    print(f'{argv[0]}: valid ({len(config.inputs.files)} file pattern(s), '
          f'{len(config.inputs.feeds)} feed(s), {len(config.inputs.feed_lists)} feed list(s), '
          f'{len(steps)} custom step(s))')
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ('-h', '--help', 'help'):
        print(USAGE)
        return 0 if argv else 2
    _setup_logging()
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
    return _fail(2, f'unknown command {command!r}; use run, report or validate')


if __name__ == '__main__':
    sys.exit(main())
