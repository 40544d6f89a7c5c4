"""Running a job: validate everything first, then build, run, and summarise.

:func:`run` is what ``newsbeam run`` calls. Usage and configuration problems raise
:class:`UsageError` before any pipeline is built (the CLI turns them into exit status 2 with a
one-line message); a pipeline that fails raises :class:`PipelineFailed` (exit status 1).
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import glob
import logging
import os
import secrets
import shutil
import time

import apache_beam as beam
import orjson
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from transforms.context import PIPELINE_VERSION, RunContext
from transforms.fetch import load_feed_list
from transforms.state import open_state
from transforms.tag import build_tagger

from .assembly import COUNTS_FILE, OUTCOMES_FILE, TMP_DIR, attach_sinks, build_pipeline
from .config import Config, ConfigError, describe, load_config, with_overrides
from .options import NewsbeamOptions, unknown_flags
from .steps import resolve_steps

__all__ = ['run', 'run_config', 'UsageError', 'PipelineFailed', 'RunResult', 'preflight',
           'OUTPUT_FAMILIES']

LOG = logging.getLogger('newsbeam')
OUTPUT_FAMILIES = ('items', 'duplicates', 'dead_letter', 'filtered')


class UsageError(Exception):
    """A bad command line, config or input reference (exit status 2)."""


class PipelineFailed(Exception):
    """The pipeline itself failed (exit status 1)."""


@dataclasses.dataclass
class RunResult:
    output_dir: str
    summary: dict


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def new_run_context() -> RunContext:
    stamp = dt.datetime.now(dt.timezone.utc)
    run_id = f'{stamp:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}'
    return RunContext(run_id=run_id, started_at=stamp.strftime('%Y-%m-%dT%H:%M:%SZ'))


def _check_paths(config: Config) -> None:
    """Every file a stage's settings name must exist, and the tag data must load, before a run.

    A gazetteer or topics file with a bad line would otherwise fail the job inside a worker's
    ``setup()``; loading it once here turns that into a one-line usage error naming the file.
    """
    for section in ('read', 'fetch', 'normalize', 'dedup', 'tag'):
        settings = getattr(config, section)
        for name in getattr(type(settings), 'PATH_FIELDS', ()):
            value = getattr(settings, name)
            for path in (value if isinstance(value, (list, tuple)) else [value]):
                if path and not os.path.exists(path):
                    raise UsageError(f'{section}.{name}: file not found: {path}')
    try:
        build_tagger(config.tag)
    except ValueError as exc:  # GazetteerError, TopicsError, CategoriesError name the file/line
        raise UsageError(f'tag: {str(exc).splitlines()[0]}') from None


def _expand_files(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            matched = FileSystems.match([pattern])[0].metadata_list
        except Exception as exc:  # Beam raises BeamIOError and others for bad patterns
            raise UsageError(f'input glob {pattern!r} cannot be matched: {exc}') from None
        if not matched:
            raise UsageError(f'input glob {pattern!r} matches nothing')
    return patterns


def _check_feed_url(url: str, where: str) -> str:
    from urllib.parse import urlsplit
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ('http', 'https') or not parts.hostname:
        raise UsageError(f'{where}: {url!r} is not an http(s) feed URL')
    return url


def preflight(config: Config, cli_inputs: list[str] | None,
              cli_feeds: list[str] | None) -> tuple[list[str], list[str]]:
    """Check the config's references; return the file patterns and feed URLs to read."""
    _check_paths(config)
    if cli_inputs or cli_feeds:
        # local globs from the command line are relative to the working directory; made
        # absolute, item locations do not depend on where the next run starts from
        files = [p if '://' in p else os.path.abspath(p) for p in cli_inputs or []]
        feeds, feed_lists = list(cli_feeds or []), []
        where = '--feed'
    else:
        files, feeds = list(config.inputs.files), list(config.inputs.feeds)
        feed_lists = list(config.inputs.feed_lists)
        where = 'inputs.feeds'
    for path in feed_lists:
        if not os.path.isfile(path):
            raise UsageError(f'inputs.feed_lists: file not found: {path}')
        try:
            feeds += load_feed_list(path)
        except ValueError as exc:
            raise UsageError(f'inputs.feed_lists: {path}: {exc}') from None
    feeds = [_check_feed_url(url, where) for url in feeds]
    if not files and not feeds:
        raise UsageError('no inputs: give --input GLOB or --feed URL, or list them under '
                         'inputs in the config')
    return _expand_files(files), feeds


def _clear_previous_outputs(output_dir: str) -> None:
    """Remove a previous run's families so stale shards cannot mix with this run's."""
    for family in OUTPUT_FAMILIES:
        for path in glob.glob(os.path.join(output_dir, f'{family}*.jsonl')):
            os.remove(path)
    for name in ('run.json',):
        path = os.path.join(output_dir, name)
        if os.path.exists(path):
            os.remove(path)
    shutil.rmtree(os.path.join(output_dir, TMP_DIR), ignore_errors=True)


@contextlib.contextmanager
def _state_guard(state):
    """Undo a failed run's state writes, so its stories are not skipped by the next run."""
    if state is None:
        yield
        return
    store = open_state(state)
    try:
        token = store.checkpoint()
        if token is None:
            LOG.warning('this state store cannot checkpoint: a failed run may leave state '
                        'that makes the next run skip stories')
        try:
            yield
        except BaseException:
            if token is not None:
                LOG.warning('the run failed: state rolled back to before the run')
                store.rollback(token)
            raise
        if token is not None:
            store.release(token)
    finally:
        store.close()


def _read_json_lines(path: str) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path, 'rb') as handle:
        return [orjson.loads(line) for line in handle if line.strip()]


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
             metrics: dict, finished_at: str, files: list[str], feeds: list[str],
             steps: list, has_filters: bool, runner: str) -> dict:
    def group(prefix: str) -> dict:
        return {k[len(prefix):]: v for k, v in sorted(label_counts.items())
                if k.startswith(prefix)}
    counts = {name: label_counts.get(name, 0)
              for name in ('read', 'items', 'duplicates', 'dead_letter')}
    if has_filters:
        counts['filtered'] = label_counts.get('filtered', 0)
    balanced = counts['read'] == sum(v for k, v in counts.items() if k != 'read')
    return {
        'run_id': run.run_id,
        'started_at': run.started_at,
        'finished_at': finished_at,
        'pipeline_version': PIPELINE_VERSION,
        'runner': runner,
        'config': config.path,
        'inputs': {'files': files, 'feeds': feeds},
        'counts': counts,
        'balanced': balanced,
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


def run_config(config: Config, *, beam_argv: list[str], cli_inputs: list[str] | None = None,
               cli_feeds: list[str] | None = None) -> RunResult:
    """Validate, build and run one batch job for ``config``; write and return its summary."""
    files, feeds = preflight(config, cli_inputs, cli_feeds)
    steps = resolve_steps(config.steps)
    output_dir = os.path.abspath(config.output.dir)
    os.makedirs(output_dir, exist_ok=True)
    state = config.state_config()
    if state is not None and state.dir:
        os.makedirs(state.dir, exist_ok=True)
    _clear_previous_outputs(output_dir)
    run = new_run_context()
    LOG.info('run %s: %d input pattern(s), %d feed(s) -> %s', run.run_id, len(files), len(feeds),
             output_dir)
    LOG.info('stages: read/fetch -> normalize -> %sdedup -> tag%s -> write',
             ''.join(f'{s.spec.label} ({s.spec.stage}) -> ' for s in steps
                     if s.spec.stage in ('normalize', 'filter')),
             ''.join(f' -> {s.spec.label} ({s.spec.stage})' for s in steps
                     if s.spec.stage in ('tag', 'sink')))
    options = PipelineOptions(beam_argv)
    runner = options.view_as(StandardOptions).runner or 'DirectRunner'
    started = time.monotonic()
    with _state_guard(state):
        try:
            pipeline = beam.Pipeline(options=options)
            outputs = build_pipeline(pipeline, config, run, files=files, feeds=feeds, steps=steps)
            attach_sinks(outputs, config, output_dir)
            result = pipeline.run()
            result.wait_until_finish()
        except (UsageError, ConfigError):
            raise
        except Exception as exc:
            raise PipelineFailed(f'{type(exc).__name__}: {exc}') from exc
    tmp = os.path.join(output_dir, TMP_DIR)
    counts_rows = _read_json_lines(os.path.join(tmp, COUNTS_FILE))
    label_counts = counts_rows[0] if counts_rows else {}
    outcomes = _read_json_lines(os.path.join(tmp, f'{OUTCOMES_FILE}'))
    summary = _summary(run, config, label_counts, outcomes, _metrics(result), _now(), files,
                       feeds, steps, outputs.get('filtered') is not None, runner)
    summary['seconds'] = round(time.monotonic() - started, 3)
    with open(os.path.join(output_dir, 'run.json'), 'wb') as handle:
        handle.write(orjson.dumps(summary, option=orjson.OPT_INDENT_2))
    shutil.rmtree(tmp, ignore_errors=True)
    if not summary['balanced']:
        raise PipelineFailed(f'counts do not balance: {summary["counts"]} (a stage lost or '
                             f'invented records; see run.json)')
    return RunResult(output_dir=output_dir, summary=summary)


def run(argv: list[str]) -> RunResult:
    """``newsbeam run``: parse flags, load the config, apply overrides, run the batch job."""
    bad = unknown_flags(argv)
    if bad:
        what = 'option' if bad[0].startswith('-') else 'argument'
        raise UsageError(f'unknown {what} {bad[0]} (neither a newsbeam nor a Beam option)')
    options = NewsbeamOptions(argv)
    flags = options.view_as(NewsbeamOptions)
    if options.view_as(StandardOptions).streaming:
        raise UsageError('--streaming: streaming mode is not available in this version; run '
                         'in batch mode (without --streaming)')
    if flags.max_duration is not None or flags.poll_interval is not None:
        raise UsageError('--max-duration and --poll-interval only apply with --streaming')
    config = load_config(flags.config)
    config = with_overrides(config, **{
        'output.dir': os.path.abspath(flags.output) if flags.output else None,
        'state.dir': os.path.abspath(flags.state) if flags.state else None,
        'fetch.allow_private_networks': True if flags.allow_private_networks else None,
    })
    if config.output.dir and not os.path.isabs(config.output.dir):
        config = with_overrides(config, **{'output.dir': os.path.abspath(config.output.dir)})
    LOG.debug('config: %s', describe(config))
    return run_config(config, beam_argv=argv, cli_inputs=flags.inputs, cli_feeds=flags.feeds)


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
    lines.append(f'results in {output_dir}')
    return lines
