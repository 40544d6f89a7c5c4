"""Running a job: validate everything first, then lock the state, run, commit, summarise.

:func:`run` is what ``newsbeam run`` calls. Usage and configuration problems raise
:class:`UsageError` before any pipeline is built (exit status 2, one line); a pipeline that
fails raises :class:`PipelineFailed` (exit status 1: safe to retry); another run holding the
state's lock raises :class:`StateBusy` (exit status 75: skipped, try later). A run that finished
returns a :class:`RunResult` whose ``status`` is 0, or 3 when its dead letters exceed the
configured threshold. See the README's exit-status table and ``docs/delivery.md``.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import glob
import logging
import math
import os
import secrets
import shutil
import signal
import time
from typing import Callable

import apache_beam as beam
import orjson
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.utils.shared import Shared

from transforms import datafiles
from transforms.context import PIPELINE_VERSION, RunContext
from transforms.fetch import load_feed_list
from transforms.model import safe_text
from transforms.redact import redact_text, redact_url
from transforms.state import StateLocked, StateUnavailable, check_state_reach
from transforms.tag import build_tagger
from transforms.tag.tagger import Tagger

from .assembly import (COUNTS_FILE, OUTCOMES_FILE, RETRY_FILE, SINKS_FILE, TMP_DIR,
                       attach_sinks, build_pipeline)
from .config import Config, ConfigError, describe, load_config, with_overrides
from .delivery import RunLedger, fault, match_files
from .options import NewsbeamOptions, check_beam_options, unknown_flags
from .runners import create_runner, lossless_data_plane
from .outputs import (OutputDirInUse, latest_base, prepare_run_directory, run_directory,
                      update_latest, write_run_json)
from .steps import resolve_sinks, resolve_steps
from . import storage

__all__ = ['run', 'run_config', 'run_streaming', 'execute_pipeline', 'streaming_engine',
           'UsageError', 'PipelineFailed', 'StateBusy', 'RunResult', 'preflight',
           'OUTPUT_FAMILIES', 'EXIT_OK', 'EXIT_FAILED', 'EXIT_USAGE', 'EXIT_DEAD_LETTERS',
           'EXIT_LOCKED']

LOG = logging.getLogger('newsbeam')
OUTPUT_FAMILIES = ('items', 'duplicates', 'dead_letter', 'filtered', 'seen_before')

#: exit statuses a scheduler can act on (the README's table)
EXIT_OK = 0             # finished
EXIT_FAILED = 1         # the pipeline failed or was interrupted: retry
EXIT_USAGE = 2          # usage, configuration or state error: fix first, do not retry as is
EXIT_DEAD_LETTERS = 3   # finished, but dead letters above output.max_dead_letters/_ratio
EXIT_LOCKED = 75        # skipped: another run holds the state's lock (EX_TEMPFAIL)


class UsageError(Exception):
    """A bad command line, config, input reference or state (exit status 2)."""


class PipelineFailed(Exception):
    """The pipeline itself failed (exit status 1)."""


class StateBusy(Exception):
    """Another run holds the state's lock (exit status 75)."""


class Interrupted(BaseException):
    """SIGTERM reached the driver: the run stops and is undone (exit status 1).

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except Exception`` on the way
    (a DoFn's dead-letter handling of user code, the runner's) takes it for a failed record."""


@dataclasses.dataclass
class RunResult:
    output_dir: str
    summary: dict
    status: int = EXIT_OK


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def new_run_context() -> RunContext:
    stamp = dt.datetime.now(dt.timezone.utc)
    run_id = f'{stamp:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}'
    return RunContext(run_id=run_id, started_at=stamp.strftime('%Y-%m-%dT%H:%M:%SZ'))


def _check_paths(config: Config, tagger_factory: Callable = build_tagger):
    """Every file a stage's settings name must exist, and the tag data must load, before a run.

    A gazetteer or topics file with a bad line would otherwise fail the job inside a worker's
    ``setup()``; loading it once here turns that into a one-line usage error naming the file.
    Returns the tagger ``tagger_factory(config.tag)`` built (the streaming driver keeps it).
    """
    for section in ('read', 'fetch', 'normalize', 'dedup', 'tag'):
        settings = getattr(config, section)
        for name in getattr(type(settings), 'PATH_FIELDS', ()):
            value = getattr(settings, name)
            for path in (value if isinstance(value, (list, tuple)) else [value]):
                try:  # pkg:// references, local paths, and gs:// etc. through Beam
                    found = not path or datafiles.exists(path)
                except datafiles.DataFileError as exc:
                    raise UsageError(f'{section}.{name}: {exc}') from None
                if not found:
                    raise UsageError(f'{section}.{name}: file not found: {path}')
    try:
        return tagger_factory(config.tag)
    except ValueError as exc:  # GazetteerError, TopicsError, CategoriesError name the file/line
        raise UsageError(f'tag: {str(exc).splitlines()[0]}') from None


def shared_tagger(handle: Shared) -> Callable[[object], Tagger]:
    """A tagger factory for ``preflight``: the tagger comes from ``handle``, so the tag stage of
    every pipeline given the same handle (``TagItems(shared=...)``) that runs in this process
    uses that one (a worker in another process builds its own)."""
    def build(settings) -> Tagger:
        return handle.acquire(lambda: Tagger.from_settings(settings), tag=settings)
    return build


def _keeping(factory: Callable, kept: list) -> Callable:
    """``factory`` whose results are also appended to ``kept``."""
    def build(settings):
        kept.append(factory(settings))
        return kept[-1]
    return build


def _check_feed_url(url: str, where: str) -> str:
    from urllib.parse import urlsplit
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if (parts is None or parts.scheme not in ('http', 'https') or not parts.hostname
            or safe_text(url) != url):
        raise UsageError(f'{where}: {redact_url(safe_text(url))!r} is not an http(s) feed URL')
    return url


def _check_location(path: str, key: str) -> None:
    """A path of a file system Beam cannot serve here is a usage error, before anything runs."""
    try:
        storage.check_path(path, key)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _check_state_dir(path: str | None, key: str) -> None:
    if path and not storage.is_local(path):
        raise UsageError(f'{key}: {path!r} is not a local directory: the state lives in a local '
                         f'directory or in a store named by state.url_env')


def _load_feed_list(path: str) -> list[str]:
    """The feeds a feed list names (``load_feed_list`` reads other file systems through Beam)."""
    if storage.is_local(path) and not os.path.isfile(path):
        raise UsageError(f'inputs.feed_lists: file not found: {path}')
    _check_location(path, 'inputs.feed_lists')
    return load_feed_list(path)


def preflight(config: Config, cli_inputs: list[str] | None, cli_feeds: list[str] | None, *,
              tagger_factory: Callable = build_tagger) -> tuple[list[str], list[str]]:
    """Check the config's references; return the file patterns and feed URLs to read.

    ``tagger_factory`` builds the tagger that proves the tag data loads (see
    :func:`_check_paths`)."""
    _check_paths(config, tagger_factory)
    _check_location(config.output.dir, 'output.dir')
    _check_state_dir(config.state.dir if config.state.enabled else None, 'state.dir')
    if cli_inputs or cli_feeds:
        # local globs from the command line are relative to the working directory; made
        # absolute, item locations do not depend on where the next run starts from
        files = [storage.absolute(p) for p in cli_inputs or []]
        feeds, feed_lists = list(cli_feeds or []), []
        where = '--feed'
    else:
        files, feeds = list(config.inputs.files), list(config.inputs.feeds)
        feed_lists = list(config.inputs.feed_lists)
        where = 'inputs.feeds'
    for pattern in files:
        _check_location(pattern, '--input' if cli_inputs else 'inputs.files')
    feeds = [_check_feed_url(url, where) for url in feeds]
    for path in feed_lists:
        try:
            # a bad URL in a list is the list's data, not the command's: the fetch stage
            # dead-letters it (bad_url) and the other feeds are fetched
            feeds += _load_feed_list(path)
        except ValueError as exc:
            raise UsageError(f'inputs.feed_lists: {path}: {exc}') from None
    if not files and not feeds:
        raise UsageError('no inputs: give --input GLOB or --feed URL, or list them under '
                         'inputs in the config (newsbeam init DIR writes a starter config)')
    return files, feeds


def _match_inputs(config: Config, patterns: list[str]):
    try:
        files, refused, empty = match_files(patterns, config.inputs.follow_links)
    except Exception as exc:  # Beam raises BeamIOError and others for bad patterns
        raise UsageError(f'input glob cannot be matched: {str(exc).splitlines()[0]}') from None
    for pattern in empty:
        if config.inputs.on_empty_glob == 'error':
            raise UsageError(f'input glob {pattern!r} matches nothing')
        LOG.warning('input glob %r matches nothing (inputs.on_empty_glob: warn)', pattern)
    for path in refused:
        LOG.warning('not read: %s: %s', path.dead_letter()['input']['location'], path.message)
    return files, refused


def _remove_beam_temp(output_dir: str) -> None:
    if storage.is_local(output_dir):
        if os.path.isdir(output_dir):
            for path in glob.glob(os.path.join(glob.escape(output_dir), 'beam-temp-*')):
                shutil.rmtree(path, ignore_errors=True)
        return
    try:
        temp = {name.split('/')[0] for name in storage.list_tree(output_dir)
                if name.startswith('beam-temp-')}
        for name in sorted(temp):
            storage.delete_tree(storage.join(output_dir, name))
    except OSError as exc:  # clean-up after a failure must not hide the failure
        LOG.warning('could not remove Beam\'s temporary files in %s: %s', output_dir,
                    str(exc).splitlines()[0])


def _finish_run_json(output_dir: str, summary: dict) -> None:
    """The completion marker: ``run.json``, written last; the run's working folder goes.

    A streaming cycle's commit (``summary['mode']``) is finished differently: its files are
    renamed into the streaming run's directory as a window (``pipeline.streaming``). The
    ledger's recovery calls this for whichever kind of run it finds half-committed."""
    from .streaming import CYCLE_MODE, finish_cycle
    if summary.get('mode') == CYCLE_MODE:
        finish_cycle(output_dir, summary)
        return
    if storage.is_local(output_dir):
        os.makedirs(output_dir, exist_ok=True)
    write_run_json(output_dir, summary)
    try:
        storage.delete_tree(storage.join(output_dir, TMP_DIR))
    except OSError as exc:  # the run is complete; a leftover working folder is only untidy
        LOG.warning('could not remove the working folder %s: %s',
                    storage.join(output_dir, TMP_DIR), str(exc).splitlines()[0])


@contextlib.contextmanager
def _signals_deferred():
    """SIGTERM/SIGINT wait while the run commits: a commit is finished, never cut in half."""
    signals = {signal.SIGTERM, signal.SIGINT}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    except (ValueError, OSError):  # not the main thread: nothing to defer
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _read_json_lines(path: str) -> list[dict]:
    if not storage.exists(path):
        return []
    return [orjson.loads(line) for line in storage.read_bytes(path).splitlines()
            if line.strip()]


def _metrics(result) -> dict:
    out: dict[str, int] = {}
    try:
        counters = result.metrics().query()['counters']
    except Exception:  # some runners do not report metrics; the counts do not depend on them
        return out
    for counter in counters:
        key = f'{counter.key.metric.namespace}.{counter.key.metric.name}'
        out[key] = out.get(key, 0) + int(counter.committed or counter.attempted or 0)
    return dict(sorted(out.items()))


def _summary(run: RunContext, config: Config, label_counts: dict, outcomes: list[dict],
             metrics: dict, finished_at: str, patterns: list[str], feeds: list[str],
             steps: list, has_filters: bool, runner: str, output_dir: str,
             skipped: list, retry_inputs: list[str]) -> dict:
    def group(prefix: str) -> dict:
        return {k[len(prefix):]: v for k, v in sorted(label_counts.items())
                if k.startswith(prefix)}
    counts = {name: label_counts.get(name, 0)
              for name in ('read', 'items', 'duplicates', 'dead_letter')}
    if has_filters:
        counts['filtered'] = label_counts.get('filtered', 0)
    if label_counts.get('seen_before'):
        counts['seen_before'] = label_counts['seen_before']
    balanced = counts['read'] == sum(v for k, v in counts.items() if k != 'read')
    return {
        'run_id': run.run_id,
        'started_at': run.started_at,
        'finished_at': finished_at,
        'pipeline_version': PIPELINE_VERSION,
        'runner': runner,
        'config': config.path,
        'output_dir': output_dir,
        'inputs': {'files': [safe_text(p) for p in patterns],
                   'feeds': [redact_url(f) for f in feeds]},
        'counts': counts,
        'balanced': balanced,
        # input files an earlier run read as they are now: not read, not in counts.read
        'skipped': {'files': len(skipped), 'paths': [f.key for f in skipped[:1000]]},
        # inputs with a retryable dead letter: the next run reads them again
        'retry_inputs': sorted(retry_inputs),
        'read_by_kind': {k: v for k, v in group('read.').items() if '.' not in k},
        'read_by_format': group('read.format.'),
        'duplicates_by_method': group('duplicates.'),
        'dead_letter_by_reason': group('dead_letter.'),
        'filtered_by_step': group('filtered.'),
        'feeds': sorted(outcomes, key=lambda o: o.get('url') or ''),
        'steps': [{'stage': s.spec.stage, 'use': s.spec.use, 'name': s.spec.label}
                  for s in steps],
        'metrics': metrics,
    }


def _over_threshold(config: Config, counts: dict) -> str | None:
    dead, read = counts.get('dead_letter', 0), counts.get('read', 0)
    limit, ratio = config.output.max_dead_letters, config.output.max_dead_letter_ratio
    if limit is not None and dead > limit:
        return f'{dead} dead letters, more than output.max_dead_letters ({limit})'
    if ratio is not None and read and dead / read > ratio:
        return (f'{dead} dead letters of {read} inputs ({dead / read:.1%}), more than '
                f'output.max_dead_letter_ratio ({ratio:.1%})')
    return None


def _open_ledger(ledger: RunLedger, output_dir: str) -> None:
    try:
        ledger.open(output_dir, _finish_run_json)
    except StateLocked as exc:
        raise StateBusy(str(exc)) from None
    except StateUnavailable as exc:
        if exc.retryable:
            raise PipelineFailed(f'state: {exc}') from None
        raise UsageError(f'state: {exc}') from None


def _all_sinks(sinks: list, steps: list) -> list:
    """Every sink object of the run: ``output.sinks`` and sink-class steps."""
    return [s.sink for s in sinks] + [s.target for s in steps if getattr(s, 'is_sink', False)]


def _prepare_sinks(sinks: list, steps: list) -> None:
    """Each sink's ``prepare()`` on the driver (schema, reachability), before anything runs."""
    from transforms.sink import SinkConfigError, SinkUnavailable
    names = [s.name for s in _all_sinks(sinks, steps)]
    twice = sorted({n for n in names if names.count(n) > 1 or n == 'output'})
    if twice:
        raise UsageError(f'two sinks are named {twice[0]!r} (output.sinks and sink steps need '
                         f'names of their own; "output" is the JSONL output): rename one')
    for sink in _all_sinks(sinks, steps):
        LOG.info('sink: %s', sink.describe())
        prepare = getattr(sink, 'prepare', None)
        if prepare is None:
            continue
        try:
            prepare()
        except SinkConfigError as exc:
            raise UsageError(str(exc).splitlines()[0]) from None
        except SinkUnavailable as exc:
            raise PipelineFailed(f'sink {sink.name} unavailable: '
                                 f'{str(exc).splitlines()[0] if str(exc) else "no answer"}'
                                 ) from None


def _sink_summary(config: Config, sinks: list, steps: list, label_counts: dict,
                  rows: list[dict], has_filters: bool) -> tuple[dict, dict]:
    """``run.json`` ``sinks`` ({name: {family: rows written}}, the JSONL output as ``output``)
    and ``sinks_rejected`` ({name: {family: rows refused}}, only where any were)."""
    families = ['items', 'duplicates', 'dead_letter'] + (['filtered'] if has_filters else []) \
        + (['seen_before'] if config.output.write_seen_before else [])
    written: dict[str, dict] = {'output': {f: label_counts.get(f, 0) for f in families}}
    for sink in _all_sinks(sinks, steps):
        written[sink.name] = {f: 0 for f in sink.families if f != 'filtered' or has_filters}
    rejected: dict[str, dict] = {}
    for row in rows:
        target = written if row['what'] == 'written' else rejected
        target.setdefault(row['sink'], {})[row['family']] = row['rows']
    return written, rejected


def _record_run(sinks: list, steps: list, summary: dict) -> None:
    """Each sink's ``record_run(summary)``: after the outputs are complete, before the commit."""
    for sink in _all_sinks(sinks, steps):
        try:
            sink.record_run(summary)
        except Exception as exc:  # any failure here leaves the run uncommitted: retry-safe
            first = str(exc).splitlines()[0] if str(exc) else ''
            raise PipelineFailed(f'sink {sink.name}: record_run failed: '
                                 f'{type(exc).__name__}: {first}') from exc


def _sink_failure(exc: BaseException) -> str | None:
    """The one line of a sink that stayed unavailable, out of the runner's wrapped error."""
    from transforms.sink import SinkFailed
    seen = exc
    while seen is not None:
        if isinstance(seen, SinkFailed):
            return str(seen).splitlines()[0].split(' [while running')[0].strip()
        seen = seen.__cause__ or seen.__context__
    for line in str(exc).splitlines():   # a runner that re-raises under another type
        if 'SinkFailed: ' in line:
            return line[line.index('SinkFailed: ') + len('SinkFailed: '):].split(
                ' [while running')[0].strip()
    return None


def checked_state(config: Config, runner: str, options: PipelineOptions):
    """The run's state config, refused (exit 2) where the runner's workers cannot reach it:
    node-local state on workers that do not share this disk."""
    state = config.state_config()
    try:
        check_state_reach(state, runner, options.get_all_options(),
                          shared_filesystem=config.state.shared_filesystem)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return state


def prepare_output(output_dir: str, run_id: str) -> None:
    """The run's output directory and working folder; a directory in use is a usage error."""
    try:
        prepare_run_directory(output_dir, run_id, TMP_DIR)
    except OutputDirInUse as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f'output directory {output_dir}: {exc.strerror or exc}') from None


@contextlib.contextmanager
def pipeline_failures():
    """Any failure while building or running a pipeline becomes :class:`PipelineFailed` (exit 1)
    with one line (a sink that stayed unavailable named as such); usage errors and interrupts
    pass through."""
    try:
        yield
    except (UsageError, ConfigError, Interrupted):
        raise
    except Exception as exc:
        sink_failed = _sink_failure(exc)
        if sink_failed:
            raise PipelineFailed(sink_failed) from exc
        raise PipelineFailed(f'{type(exc).__name__}: {str(exc).strip()[:2000]}') from exc


def run_pipeline(pipeline: beam.Pipeline):
    """``pipeline.run()`` to the end, through :func:`lossless_data_plane`; the result."""
    with lossless_data_plane():
        result = pipeline.run()
        result.wait_until_finish()
    return result


def execute_pipeline(config: Config, run: RunContext, output_dir: str, *,
                     options: PipelineOptions, runner: str, files: list, refused: list,
                     feeds: list[str], patterns: list[str], skipped: list, steps: list,
                     sinks: list, ledger: RunLedger | None, started: float,
                     tag_shared=None) -> tuple[dict, list[str]]:
    """Build and run one bounded pipeline over ``files`` (matched) and ``feeds`` into
    ``output_dir``; return its summary (not yet committed) and the inputs to read again.

    A batch run is one call; a streaming run (``pipeline.streaming``) makes one call per cycle.
    Raises :class:`PipelineFailed` when the pipeline fails or its counts do not balance.
    ``tag_shared``: an ``apache_beam.utils.shared.Shared`` handle that lets the tag stage's
    gazetteer be built once per process for many pipelines (the streaming driver's) and
    shared with the check before the run (``preflight``).
    """
    with pipeline_failures():
        pipeline = beam.Pipeline(runner=create_runner(options), options=options)
        outputs = build_pipeline(
            pipeline, config, run, files=[f.path for f in files], feeds=feeds, steps=steps,
            state=ledger.staged_config() if ledger is not None else None,
            paths_matched=True, refused=[r.dead_letter() for r in refused], sinks=sinks,
            tag_shared=tag_shared)
        attach_sinks(outputs, config, output_dir, sinks)
        result = run_pipeline(pipeline)
        fault('outputs_written')
    tmp = storage.join(output_dir, TMP_DIR)
    counts_rows = _read_json_lines(storage.join(tmp, COUNTS_FILE))
    outcomes = _read_json_lines(storage.join(tmp, OUTCOMES_FILE))
    retry = [row['origin'] for row in _read_json_lines(storage.join(tmp, RETRY_FILE))]
    summary = _summary(run, config, counts_rows[0] if counts_rows else {}, outcomes,
                       _metrics(result), _now(), patterns, feeds, steps,
                       outputs.get('filtered') is not None, runner, output_dir, skipped,
                       retry)
    summary['seconds'] = round(time.monotonic() - started, 3)
    summary['sinks'], sinks_rejected = _sink_summary(
        config, sinks, steps, counts_rows[0] if counts_rows else {},
        _read_json_lines(storage.join(tmp, SINKS_FILE + '.jsonl')),
        outputs.get('filtered') is not None)
    if sinks_rejected:
        summary['sinks_rejected'] = sinks_rejected
    if not summary['balanced']:
        raise PipelineFailed(f'counts do not balance: {summary["counts"]} (a stage lost or '
                             f'invented records); the run is not committed')
    return summary, retry


def run_config(config: Config, *, beam_argv: list[str], cli_inputs: list[str] | None = None,
               cli_feeds: list[str] | None = None) -> RunResult:
    """Validate, lock the state, build and run one batch job for ``config``, commit it; write
    and return its summary."""
    # the tagger the check builds is the one the tag stage uses when it runs in this process
    # (the DirectRunner's in-process engines): one build of the gazetteer per run, not two;
    # ``kept`` holds it until the pipeline has run (the handle keeps only a weak reference)
    tag_shared, kept = Shared(), []
    patterns, feeds = preflight(config, cli_inputs, cli_feeds,
                                tagger_factory=_keeping(shared_tagger(tag_shared), kept))
    steps = resolve_steps(config.steps)
    sinks = resolve_sinks(config.output.sinks)
    try:
        options = check_beam_options(beam_argv)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    runner = options.view_as(StandardOptions).runner or 'DirectRunner'
    # the driver's own reads and writes (matching, run.json) may need the file systems' options
    FileSystems.set_options(options)
    run = new_run_context()
    output_dir = storage.absolute(run_directory(config.output.dir, run.run_id, run.started_at))
    state = checked_state(config, runner, options)
    ledger = RunLedger(state, run.run_id, run.started_at) if state is not None else None
    started = time.monotonic()
    committed = False
    try:
        if ledger is not None:
            _open_ledger(ledger, output_dir)
        files, refused = _match_inputs(config, patterns)
        skipped = []
        if ledger is not None and not config.inputs.reread:
            files, skipped = ledger.unchanged_files(files)
            if skipped:
                LOG.info('%d input file(s) skipped: read unchanged by an earlier run '
                         '(--reread reads them again)', len(skipped))
        prepare_output(output_dir, run.run_id)
        LOG.info('run %s: %d file(s) to read (%d skipped), %d feed(s) -> %s', run.run_id,
                 len(files), len(skipped), len(feeds), output_dir)
        LOG.info('stages: read/fetch -> normalize -> %sdedup -> tag%s -> write',
                 ''.join(f'{s.spec.label} ({s.spec.stage}) -> ' for s in steps
                         if s.spec.stage in ('normalize', 'filter')),
                 ''.join(f' -> {s.spec.label} ({s.spec.stage})' for s in steps
                         if s.spec.stage in ('tag', 'sink')))
        _prepare_sinks(sinks, steps)
        summary, retry = execute_pipeline(
            config, run, output_dir, options=options, runner=runner, files=files,
            refused=refused, feeds=feeds, patterns=patterns, skipped=skipped, steps=steps,
            sinks=sinks, ledger=ledger, started=started, tag_shared=tag_shared)
        kept.clear()
        _record_run(sinks, steps, summary)
        with _signals_deferred():
            if ledger is not None:
                ledger.commit(output_dir, summary, files, retry, _finish_run_json)
            else:
                _finish_run_json(output_dir, summary)
            committed = True
            base = latest_base(config.output.dir) if config.output.latest else None
            if base is not None:
                update_latest(storage.absolute(base), output_dir)
    except BaseException:
        if ledger is not None and not committed:
            ledger.abort()
        if not committed:
            _remove_beam_temp(output_dir)
        raise
    finally:
        if ledger is not None:
            ledger.close()
    reason = _over_threshold(config, summary['counts'])
    if reason:
        LOG.warning('run %s finished with %s', run.run_id, reason)
    return RunResult(output_dir=output_dir, summary=summary,
                     status=EXIT_DEAD_LETTERS if reason else EXIT_OK)


def run(argv: list[str]) -> RunResult:
    """``newsbeam run``: parse flags, load the config, apply overrides, run the batch job."""
    try:
        bad = unknown_flags(argv)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if bad:
        what = 'option' if bad[0].startswith('-') else 'argument'
        raise UsageError(f'unknown {what} {bad[0]} (neither a newsbeam nor a Beam option)')
    # values are checked by unknown_flags; the runner by run_config
    options = NewsbeamOptions(argv)
    flags = options.view_as(NewsbeamOptions)
    streaming = options.view_as(StandardOptions).streaming
    if not streaming and (flags.max_duration is not None or flags.poll_interval is not None):
        raise UsageError('--max-duration and --poll-interval only apply with --streaming')
    config = load_config(flags.config)
    if flags.output:
        _check_location(flags.output, '--output')
    _check_state_dir(flags.state, '--state')
    config = with_overrides(config, **{
        'output.dir': storage.absolute(flags.output) if flags.output else None,
        'state.dir': os.path.abspath(flags.state) if flags.state else None,
        'fetch.allow_private_networks': True if flags.allow_private_networks else None,
        'inputs.reread': True if flags.reread else None,
    })
    if flags.output:
        try:
            config.output.validate()
        except ValueError as exc:
            raise UsageError(f'--output: {exc}') from None
    if (config.output.dir and storage.is_local(config.output.dir)
            and not os.path.isabs(config.output.dir)):
        config = with_overrides(config, **{'output.dir': os.path.abspath(config.output.dir)})
    LOG.debug('config: %s', redact_text(str(describe(config))))
    if streaming:
        config = _streaming_overrides(config, flags)
        return run_streaming(config, beam_argv=argv, cli_inputs=flags.inputs,
                             cli_feeds=flags.feeds)
    return run_config(config, beam_argv=argv, cli_inputs=flags.inputs, cli_feeds=flags.feeds)


def _streaming_overrides(config: Config, flags) -> Config:
    """``--max-duration``/``--poll-interval`` over the config's ``streaming`` section, checked."""
    for flag, value in (('--max-duration', flags.max_duration),
                        ('--poll-interval', flags.poll_interval)):
        if value is not None and not math.isfinite(value):
            raise UsageError(f'{flag}: expected a finite number of seconds, not {value}')
    config = with_overrides(config, **{'streaming.max_duration': flags.max_duration,
                                       'streaming.poll_interval': flags.poll_interval})
    try:
        config.streaming.validate()
    except ValueError as exc:
        flag = ('--max-duration' if flags.max_duration is not None and 'max_duration' in str(exc)
                else '--poll-interval' if flags.poll_interval is not None
                and 'poll_interval' in str(exc) else 'streaming')
        raise UsageError(f'{flag}: {exc}') from None
    return config


def streaming_engine(config: Config, runner: str) -> str:
    """``cycles`` or ``beam``: ``streaming.engine``, with ``auto`` meaning cycles on the local
    DirectRunner (which cannot hold an unbounded pipeline for long) and beam elsewhere."""
    engine = config.streaming.engine
    if engine != 'auto':
        return engine
    name = runner.rsplit('.', 1)[-1].lower()
    name = name[:-len('runner')] if name.endswith('runner') else name
    return 'cycles' if name in ('direct', 'bundlebaseddirect', 'switchingdirect') else 'beam'


def run_streaming(config: Config, *, beam_argv: list[str], cli_inputs: list[str] | None = None,
                  cli_feeds: list[str] | None = None) -> RunResult:
    """``newsbeam run --streaming``: check everything as a batch run does, then hand over to the
    engine ``streaming.engine`` names -- the local cycles (``pipeline.streaming``) or one
    unbounded Beam pipeline (``pipeline.streaming_graph``)."""
    try:
        options = check_beam_options(beam_argv)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    runner = options.view_as(StandardOptions).runner or 'DirectRunner'
    if streaming_engine(config, runner) == 'beam':
        try:
            from .streaming_graph import run_beam_streaming
        except ModuleNotFoundError as exc:
            if exc.name != f'{__package__}.streaming_graph':
                raise
            raise UsageError(f'streaming engine beam (runner {runner}): not available in this '
                             f'installation; use the DirectRunner or streaming.engine: '
                             f'cycles') from None
        return run_beam_streaming(config, beam_argv=beam_argv, cli_inputs=cli_inputs,
                                  cli_feeds=cli_feeds)
    from .streaming import NO_STATE, run_cycles
    if not config.state.enabled:
        raise UsageError(NO_STATE)
    tag_shared = Shared()
    # the tagger the check builds is the one every cycle's pipeline uses (built once)
    patterns, feeds = preflight(config, cli_inputs, cli_feeds,
                                tagger_factory=shared_tagger(tag_shared))
    resolve_steps(config.steps)   # a step that cannot be imported: exit 2 before any cycle
    FileSystems.set_options(options)
    checked_state(config, runner, options)
    return run_cycles(config, options=options, runner=runner, patterns=patterns, feeds=feeds,
                      tag_shared=tag_shared)


def summary_lines(summary: dict, output_dir: str) -> list[str]:
    """A person's view of a run summary (used by ``run`` and ``report``)."""
    c = summary['counts']
    by_kind = ', '.join(f'{k} {v}' for k, v in summary.get('read_by_kind', {}).items())
    lines = [
        f'run {summary["run_id"]} ({summary.get("seconds", "?")} s, {summary.get("runner")})',
        f'  read          {c["read"]:>7}   ({by_kind or "nothing"})',
        f'  items         {c["items"]:>7}',
        f'  duplicates    {c["duplicates"]:>7}   '
        + ', '.join(f'{k} {v}' for k, v in summary.get('duplicates_by_method', {}).items()),
        f'  dead letters  {c["dead_letter"]:>7}   '
        + ', '.join(f'{k} {v}' for k, v in summary.get('dead_letter_by_reason', {}).items()),
    ]
    if c.get('seen_before'):
        lines.append(f'  seen before   {c["seen_before"]:>7}   (delivered by an earlier run)')
    skipped = (summary.get('skipped') or {}).get('files')
    if skipped:
        lines.append(f'  files skipped {skipped:>7}   (read unchanged by an earlier run)')
    if 'filtered' in c:
        lines.append(f'  filtered      {c["filtered"]:>7}   ' + ', '.join(
            f'{k} {v}' for k, v in summary.get('filtered_by_step', {}).items()))
    feeds = summary.get('feeds') or []
    if feeds:
        status: dict[str, int] = {}
        for outcome in feeds:
            status[outcome.get('status', '?')] = status.get(outcome.get('status', '?'), 0) + 1
        lines.append(f'  feeds         {len(feeds):>7}   '
                     + ', '.join(f'{k} {v}' for k, v in sorted(status.items())))
    if summary.get('mode') == 'streaming':
        cycles = summary.get('cycles') or {}
        lag = summary.get('lag_seconds') or {}
        windows = summary.get('windows')
        windows = len(windows) if isinstance(windows, (list, dict)) else (windows or 0)
        if summary.get('engine') == 'beam':
            detail = (f'beam engine, {summary.get("panes", 0)} panes; '
                      f'ended: {summary.get("ended")}')
        else:
            detail = (f'{summary.get("engine")} engine, {cycles.get("total", 0)} cycles '
                      f'({cycles.get("with_work", 0)} with a pipeline, '
                      f'{cycles.get("failed", 0)} failed), lag max {lag.get("max")} s; '
                      f'ended: {summary.get("ended")}')
        lines.append(f'  streaming     {windows:>7}   windows; {detail}')
    rejected = summary.get('sinks_rejected') or {}
    for name, families in (summary.get('sinks') or {}).items():
        if name == 'output':
            continue
        refused = rejected.get(name) or {}
        lines.append(f'  sink {name:<8} ' + ', '.join(
            f'{family} {rows}' + (f' ({refused[family]} refused)' if refused.get(family) else '')
            for family, rows in families.items()))
    lines.append(f'results in {output_dir}')
    return lines
