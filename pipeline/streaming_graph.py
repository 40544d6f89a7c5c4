"""The ``beam`` streaming engine: one unbounded Beam pipeline for streaming runners.

``newsbeam run --streaming`` with ``streaming.engine: beam`` (or ``auto`` on a runner other than
the DirectRunner: Dataflow, Flink) builds::

    PollFeeds / WatchFolders (ingestion-time stamps)
      -> WindowIntoPanes (fixed windows of streaming.window_seconds; late-data policy)
      -> the batch stages (build_stages: normalize -> user steps -> dedup -> tag -> user steps
         -> output.sinks, continuously; the dedup index records each window's delivered
         stories once its sinks accepted them)
      -> per window pane: finalised JSONL files, a summary, the running total

Goes in: a validated :class:`~pipeline.config.Config` (its ``streaming`` section already
carrying ``--max-duration``/``--poll-interval``), Beam's arguments and the command line's
inputs. Comes out, in the run's one directory ``DIR``: ``<family>-<WINDOW>[-late].jsonl``,
``windows/<WINDOW>.json``, ``streaming.json`` (:mod:`transforms.stream`), and on a bounded
run's clean end ``run.json`` with the totals.

Delivery: the sources' records (a file read, a feed's validators and schedule) are staged
under the run and committed with ``run.json``, as in a batch run, so the inputs of a job that
was killed or failed are read again by the next one. The dedup index cannot wait for the end
(later windows must see earlier ones), so the stages write it directly; it stays correct
because each window is an epoch of its own (``transforms.dedup.transform.epoch_of``): a window
ignores what it wrote itself and what later windows wrote, sees what earlier windows recorded,
and records only the stories its sinks accepted (``WriteDedupIndex`` per window, after the
sinks). What a killed job read again is then ``seen_before`` (delivered) or new (not yet
delivered): at least once, never lost. The state's lock is held for the whole job.
"""
from __future__ import annotations

import logging
import os
import time

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import StandardOptions

from transforms.context import PIPELINE_VERSION
from transforms.model import safe_text
from transforms.redact import redact_url
from transforms.stream.summary import FAMILIES, SummarizeWindows, write_running_total
from transforms.stream.windows import WindowIntoPanes, WindowLayout
from transforms.stream.write import WriteTooLate, WriteWindowFiles

from . import storage
from .assembly import (TMP_DIR, _attach_configured_sinks, _family_labels, _read_failure_labels,
                       _read_labels, build_stages)
from .config import Config
from .delivery import RunLedger
from .options import check_beam_options
from .outputs import run_directory, write_run_json
from .run import (EXIT_DEAD_LETTERS, EXIT_OK, PipelineFailed, RunResult, UsageError,
                  _metrics, _now, _open_ledger, _over_threshold, _prepare_sinks, _record_run,
                  _signals_deferred, checked_state, new_run_context, pipeline_failures,
                  prepare_output, preflight, run_pipeline)
from .runners import create_runner
from .steps import ResolvedSink, resolve_sinks, resolve_steps

__all__ = ['run_beam_streaming', 'build_streaming', 'ENGINE']

LOG = logging.getLogger('newsbeam')
ENGINE = 'beam'
#: runners that hold a streaming pipeline in this process (see docs/streaming.md)
_LOCAL_RUNNERS = ('DirectRunner', 'BundleBasedDirectRunner', 'SwitchingDirectRunner')


def _camel(name: str) -> str:
    return ''.join(part.capitalize() for part in name.split('_'))


def _sink_label(element):
    (sink, family, what), rows = element
    return f'sink.{sink}.{family}.{what}', rows


def build_streaming(sources: dict, config: Config, run, output_dir: str, *, steps=None,
                    sinks: list[ResolvedSink] | None = None, state=None) -> dict:
    """Everything after the sources, for ``sources`` = ``{'records', 'dead_letter'}`` (raw
    records and the sources' dead letters, stamped with their ingestion time).

    Returns the named outputs of :func:`pipeline.assembly.build_stages` (in pane windows) plus
    ``panes`` (``(window, pane, counts)`` per summarised pane) and ``too_late`` (dead letters
    of what came after its window closed). ``state``: the state the dedup index lives in, not
    staged (see the module docstring); ``None``: no index.
    """
    layout = WindowLayout.of(config.streaming)
    sinks = resolve_sinks(config.output.sinks) if sinks is None else sinks
    panes = sources | 'WindowByIngestionTime' >> WindowIntoPanes(layout)
    outputs = build_stages(panes['records'], panes['dead_letter'], config, run, steps=steps,
                           state=state, sinks=sinks)
    labels = [panes['records'] | 'LabelReads' >> beam.FlatMap(_read_labels),
              panes['dead_letter'] | 'LabelReadFailures' >> beam.FlatMap(_read_failure_labels)]
    families = ['items', 'duplicates', 'dead_letter'] + (
        ['filtered'] if outputs.get('filtered') is not None else [])
    if state is not None:
        families.append('seen_before')
    for family in families:
        pcoll = outputs[family]
        name = _camel(family)
        labels.append(pcoll | f'Label{name}' >> beam.FlatMap(_family_labels(family)))
        if family != 'seen_before' or config.output.write_seen_before:
            written = pcoll | f'Write{name}' >> WriteWindowFiles(output_dir, family, layout)
            labels.append(written | f'LabelWritten{name}' >> beam.Map(
                lambda row: (f'output.{row[0]}', row[1])))
    db_sinks = [s for s in sinks if not s.is_file]
    if db_sinks or any(getattr(step, 'is_sink', False) for step in steps or ()):
        # (without any, sink_counts is an empty global-window Create: left out)
        counts = [outputs['sink_counts']]
        _attach_configured_sinks(outputs, db_sinks, output_dir, counts)
        labels.append(tuple(counts) | 'MergeSinkCountRows' >> beam.Flatten()
                      | 'LabelSinkCounts' >> beam.Map(_sink_label))
    summaries = (tuple(labels) | 'MergeLabels' >> beam.Flatten()
                 | 'SummarizeWindows' >> SummarizeWindows(output_dir, layout, run.run_id,
                                                          config.streaming.heartbeat))
    _ = panes['too_late'] | 'WriteTooLate' >> WriteTooLate(output_dir, layout, run.run_id)
    return {**outputs, 'panes': summaries, 'too_late': panes['too_late']}


def _sources(pipeline, config: Config, patterns: list[str], feeds: list[str], state, run,
             start: float, stop: float | None) -> dict:
    from transforms.stream import PollFeeds, WatchFolders
    records, dead = [], []
    if patterns:
        watched = pipeline | 'WatchFolders' >> WatchFolders(
            patterns, config.read, config.streaming, state, run, start=start, stop=stop)
        records.append(watched['records'])
        dead.append(watched['dead_letter'])
    if feeds:
        polled = pipeline | 'PollFeeds' >> PollFeeds(
            sorted(set(feeds)), config.fetch, config.streaming, state, run, start=start,
            stop=stop)
        records.append(polled['records'])
        dead.append(polled['dead_letter'])
    merge = (lambda parts, label: parts[0] if len(parts) == 1
             else tuple(parts) | label >> beam.Flatten())
    return {'records': merge(records, 'MergeSourceRecords'),
            'dead_letter': merge(dead, 'MergeSourceDeadLetters')}


def _finish(output_dir: str, summary: dict) -> None:
    """The completion marker: ``run.json`` written last; the working folder removed."""
    if storage.is_local(output_dir):
        os.makedirs(output_dir, exist_ok=True)
    write_run_json(output_dir, summary)
    try:
        storage.delete_tree(storage.join(output_dir, TMP_DIR))
    except OSError as exc:
        LOG.warning('could not remove the working folder %s: %s',
                    storage.join(output_dir, TMP_DIR), str(exc).splitlines()[0])


def _group(breakdown: dict, prefix: str) -> dict:
    return {k[len(prefix):]: v for k, v in sorted(breakdown.items()) if k.startswith(prefix)}


def _summary(run, config: Config, total: dict, runner: str, output_dir: str,
             patterns: list[str], feeds: list[str], steps: list, metrics: dict,
             seconds: float) -> dict:
    breakdown = total['breakdown']
    counts = dict(total['counts'])
    if not any(s.spec.stage == 'filter' for s in steps) and not counts.get('filtered'):
        counts.pop('filtered')
    if not counts.get('seen_before'):
        counts.pop('seen_before')
    sinks: dict[str, dict] = {'output': _group(breakdown, 'output.')}
    rejected: dict[str, dict] = {}
    for label, rows in sorted(breakdown.items()):
        if label.startswith('sink.'):
            _, sink, family, what = label.split('.', 3)
            (sinks if what == 'written' else rejected).setdefault(sink, {})[family] = rows
    summary = {
        'run_id': run.run_id, 'started_at': run.started_at, 'finished_at': _now(),
        'pipeline_version': PIPELINE_VERSION, 'runner': runner, 'mode': 'streaming',
        'engine': ENGINE, 'config': config.path, 'output_dir': output_dir,
        'inputs': {'files': [safe_text(p) for p in patterns],
                   'feeds': [redact_url(f) for f in feeds]},
        'counts': counts, 'balanced': total['balanced'],
        'windows': total['windows'], 'panes': total['panes'], 'ended': 'max_duration',
        'window_seconds': config.streaming.window_seconds,
        'allowed_lateness': config.streaming.allowed_lateness,
        'skipped': {'files': 0, 'paths': []}, 'retry_inputs': [],
        'read_by_kind': {k: v for k, v in _group(breakdown, 'read.').items() if '.' not in k},
        'read_by_format': _group(breakdown, 'read.format.'),
        'duplicates_by_method': _group(breakdown, 'duplicates.'),
        'dead_letter_by_reason': _group(breakdown, 'dead_letter.'),
        'filtered_by_step': _group(breakdown, 'filtered.'),
        'feeds': [], 'sinks': sinks,
        'steps': [{'stage': s.spec.stage, 'use': s.spec.use, 'name': s.spec.label}
                  for s in steps],
        'metrics': metrics, 'seconds': round(seconds, 3),
    }
    if rejected:
        summary['sinks_rejected'] = rejected
    return summary


def _check_lines(total: dict) -> str | None:
    """The line counts of the written files against the counts (families written)."""
    breakdown, counts = total['breakdown'], total['counts']
    for family in FAMILIES:
        written = breakdown.get(f'output.{family}')
        if written is not None and written != counts.get(family, 0):
            return f'{family}: {written} lines written, {counts.get(family, 0)} counted'
    return None


def run_beam_streaming(config: Config, *, beam_argv: list[str],
                       cli_inputs: list[str] | None = None,
                       cli_feeds: list[str] | None = None) -> RunResult:
    """Validate, lock the state, build and run the streaming pipeline until
    ``streaming.max_duration`` (or until the runner stops it); then write ``run.json``."""
    patterns, feeds = preflight(config, cli_inputs, cli_feeds)
    steps = resolve_steps(config.steps)
    sinks = resolve_sinks(config.output.sinks)
    file_sinks = [s.name for s in sinks if s.is_file]
    if file_sinks:
        raise UsageError(f'output.sinks: {file_sinks[0]} writes files, which the beam streaming '
                         f'engine does not window; use the JSONL output (per-window files) or '
                         f'a database sink, or streaming.engine: cycles')
    try:
        options = check_beam_options(beam_argv)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    options.view_as(StandardOptions).streaming = True
    runner = options.view_as(StandardOptions).runner or 'DirectRunner'
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
        prepare_output(output_dir, run.run_id)
        _prepare_sinks(sinks, steps)
        if runner.rsplit('.', 1)[-1] in _LOCAL_RUNNERS:
            LOG.warning('engine beam on the %s: every window is written when the run ends and '
                        'memory grows steadily (docs/streaming.md); use it for short bounded '
                        'runs (--max-duration), and streaming.engine: cycles for a local '
                        'continuous run', runner)
        start = time.time()
        stop = (start + config.streaming.max_duration
                if config.streaming.max_duration is not None else None)
        LOG.info('run %s (streaming, engine beam, %s): %d input pattern(s), %d feed(s), '
                 'windows of %g s, allowed lateness %g s%s -> %s', run.run_id, runner,
                 len(patterns), len(feeds), config.streaming.window_seconds,
                 config.streaming.allowed_lateness,
                 f', for {config.streaming.max_duration:g} s'
                 if stop is not None else '', output_dir)
        with pipeline_failures():
            pipeline = beam.Pipeline(runner=create_runner(options), options=options)
            # the sources' records (file read, feed validators) are staged: committed with
            # run.json, so a killed job's inputs are read again (its index writes are not)
            sources = _sources(pipeline, config, patterns, feeds,
                               ledger.staged_config() if ledger is not None else None, run,
                               start, stop)
            build_streaming(sources, config, run, output_dir, steps=steps, sinks=sinks,
                            state=state)
            result = run_pipeline(pipeline)
        total = write_running_total(output_dir, run.run_id)
        summary = _summary(run, config, total, runner, output_dir, patterns, feeds, steps,
                           _metrics(result), time.monotonic() - started)
        if not total['balanced']:
            raise PipelineFailed(f'counts do not balance: {total["counts"]} (a stage lost or '
                                 f'invented records); run.json is not written')
        mismatch = _check_lines(total)
        if mismatch:
            raise PipelineFailed(f'outputs do not match the counts: {mismatch}')
        _record_run(sinks, steps, summary)
        with _signals_deferred():
            if ledger is not None:
                ledger.commit(output_dir, summary, [], [], _finish)
            else:
                _finish(output_dir, summary)
            committed = True
    except BaseException:
        if ledger is not None and not committed:
            ledger.abort()
        raise
    finally:
        if ledger is not None:
            ledger.close()
    reason = _over_threshold(config, summary['counts'])
    if reason:
        LOG.warning('run %s finished with %s', run.run_id, reason)
    return RunResult(output_dir=output_dir, summary=summary,
                     status=EXIT_DEAD_LETTERS if reason else EXIT_OK)
