"""Wiring the stages: read/fetch -> normalize -> [user normalize, filter] -> dedup -> tag ->
[user tag] -> [user sink steps] -> [batch sinks of output.sinks] -> files, with one dead-letter
branch that every stage feeds.

:func:`build_pipeline` returns the named PCollections (for tests and for the sinks);
:func:`attach_sinks` writes them. :func:`build_stages` is everything from raw records on, which
the streaming engine (``pipeline/streaming_graph.py``) applies to windowed records. Nothing here
does work on elements: the stages do.

Delivery: with a state, the dedup stage defers its index writes until the stages after it
(tag, user tag and sink steps) have decided; the ids of the stories they dead-lettered for a
retryable reason, and those any sink refused (stage ``sink``), are left out of the index
(``RecordDelivered``): a story enters the index only if every sink accepted it.
Those writes are staged under the run and committed by the driver once the outputs are complete
(see ``pipeline/delivery.py``).
"""
from __future__ import annotations

import logging
import os

import apache_beam as beam

from transforms.context import RunContext
from transforms.dedup import DeduplicateItems, WriteDedupIndex
from transforms.fetch import FetchFeeds
from transforms.model import RETRYABLE_REASONS
from transforms.normalize import NormalizeItems
from transforms.read import ReadInputs
from transforms.sink import CountLabels, WriteJsonl, WriteToSink
from transforms.sink.write import SINK_STAGE
from transforms.steps import ApplyStep
from transforms.tag import TagItems

from .config import Config
from .steps import ResolvedSink, ResolvedStep, resolve_sinks

__all__ = ['build_pipeline', 'build_stages', 'attach_sinks', 'TMP_DIR', 'COUNTS_FILE',
           'OUTCOMES_FILE', 'RETRY_FILE', 'SINKS_FILE']

TMP_DIR = '.newsbeam-run'
COUNTS_FILE = 'counts.json'
OUTCOMES_FILE = 'feeds.jsonl'
RETRY_FILE = 'retry_inputs.jsonl'
LOG = logging.getLogger(__name__)
SINKS_FILE = 'sinks'           # DIR/.newsbeam-run/sinks.jsonl: rows per sink and family


def _retryable(dead: dict) -> bool:
    return (dead.get('error') or {}).get('reason') in RETRYABLE_REASONS


def _undelivered(dead: dict) -> bool:
    """A story not to record as delivered: a retryable failure, or any sink refused it."""
    return _retryable(dead) or (dead.get('error') or {}).get('stage') == SINK_STAGE


def _camel(name: str) -> str:
    return ''.join(part[:1].upper() + part[1:] for part in name.replace('-', '_').split('_'))


def _write_batch_sinks(records, family: str, sinks: list[ResolvedSink], dead: list,
                       counts: list):
    """``records`` through every batch sink that takes ``family``, in config order; returns
    what all of them accepted (a record one refused is not offered to the next)."""
    for resolved in sinks:
        if resolved.is_file or family not in resolved.families:
            continue
        out = records | f'WriteSink[{resolved.name}]{_camel(family)}' >> WriteToSink(
            resolved.sink, family, batch_size=resolved.spec.batch_size,
            max_attempts=resolved.spec.max_attempts)
        dead.append(out['dead_letter'])
        counts.append(out['counts'])
        records = out['items']
    return records


def _undelivered_id(dead: dict):
    item_id = (dead.get('input') or {}).get('id')
    return [item_id] if item_id else []


def _retry_origin(dead: dict):
    origin = (dead.get('input') or {}).get('origin')
    return [origin] if origin else []


def _flatten(parts: list, label: str, pipeline):
    parts = [p for p in parts if p is not None]
    if not parts:
        return pipeline | label >> beam.Create([])
    return tuple(parts) | label >> beam.Flatten()


def _apply_user_steps(items, steps: list[ResolvedStep], stage: str, dead: list, filtered: list,
                      counts: list | None = None):
    for step in steps:
        if step.spec.stage != stage:
            continue
        label = f'{stage.capitalize()}Step[{step.spec.label}]'
        if step.is_sink:   # a sink component: batched, set up once per worker
            out = items | label >> WriteToSink(step.target, 'items')
            dead.append(out['dead_letter'])
            if counts is not None:
                counts.append(out['counts'])
            items = out['items']
        elif step.is_transform:
            result = items | label >> step.target
            if isinstance(result, dict):
                dead.append(result.get('dead_letter'))
                filtered.append(result.get('filtered'))
                result = result.get('items')
            elif stage == 'sink':
                # a sink transform that returns no dict accepted every item (or failed the
                # run); what it returns (written rows, PDone) is not an item
                result = None
            if result is not None:
                items = result
        else:
            out = items | label >> ApplyStep(stage, step.target, step.spec.params,
                                             step.spec.label)
            dead.append(out['dead_letter'])
            if stage == 'filter':
                filtered.append(out['filtered'])
            items = out['items']
    return items


def build_pipeline(pipeline: beam.Pipeline, config: Config, run: RunContext, *,
                   files: list[str], feeds: list[str],
                   steps: list[ResolvedStep] | None = None, state=None,
                   paths_matched: bool = False, refused: list[dict] | None = None,
                   sinks: list[ResolvedSink] | None = None, tag_shared=None) -> dict:
    """Add every stage to ``pipeline``; return the named outputs.

    Returns a dict with ``records`` (raw records from all inputs), ``read_dead_letter`` (inputs
    that could not be read or fetched), ``items`` (accepted by every sink step), ``duplicates``,
    ``seen_before`` (items an earlier run delivered), ``dead_letter`` (all stages), ``filtered``
    (or ``None`` when no filter step is configured), ``outcomes`` (per-feed fetch outcomes, or
    ``None`` without feeds), ``retry_inputs`` (inputs with a retryable dead letter: read
    again by the next run) and ``sink_counts`` (``((sink, family, what), rows)`` pairs).

    ``sinks`` (default: ``config.output.sinks`` resolved): the batch sinks among them are
    written here, in config order after the user sink steps, for every family but the dead
    letters (``attach_sinks`` writes those, and the file sinks); what a sink refuses becomes a
    dead letter and is neither offered to later sinks nor written to the files.

    ``config.state_config()`` (or ``state``, which overrides it: the driver passes the staged
    one) is where the dedup index and the feed state are read and written. ``refused``: dead
    letters of what the input globs matched but the driver does not read (directories, FIFOs,
    links out of the input tree): each counts as one input read. ``tag_shared``: a
    ``Shared`` handle for the tag stage (see ``TagItems``), so that many pipelines built in
    one process (the streaming driver's cycles) build the tagger once.
    """
    steps = steps or []
    sinks = resolve_sinks(config.output.sinks) if sinks is None else sinks
    state = state if state is not None else config.state_config()
    records, read_dead = [], []
    outcomes = None
    if files:
        read = pipeline | 'ReadFiles' >> ReadInputs(files, config.read, matched=paths_matched)
        records.append(read['records'])
        read_dead.append(read['dead_letter'])
    if refused:
        read_dead.append(pipeline | 'ListRefusedInputs' >> beam.Create(refused))
    if feeds:
        fetched = (pipeline
                   | 'ListFeeds' >> beam.Create(sorted(set(feeds)))
                   | 'FetchFeeds' >> FetchFeeds(config.fetch, state, run))
        records.append(fetched['records'])
        read_dead.append(fetched['dead_letter'])
        outcomes = fetched['outcomes']
    raw = _flatten(records, 'MergeRecords', pipeline)
    read_dead_letter = _flatten(read_dead, 'MergeReadFailures', pipeline)
    outputs = build_stages(raw, read_dead_letter, config, run, steps=steps, state=state,
                           sinks=sinks, tag_shared=tag_shared)
    return {'records': raw, 'read_dead_letter': read_dead_letter, 'outcomes': outcomes,
            **outputs}


def build_stages(raw, read_dead_letter, config: Config, run: RunContext, *,
                 steps: list[ResolvedStep] | None = None, state=None,
                 sinks: list[ResolvedSink] | None = None, tag_shared=None) -> dict:
    """The stages from raw records on: normalize -> [user normalize, filter] -> dedup -> tag ->
    [user tag, sink steps] -> [batch sinks of ``output.sinks``], and the dedup index writes.

    ``raw``: raw records; ``read_dead_letter``: the inputs that could not be read or fetched
    (they join the dead letters). Both may be windowed (the streaming engine's windows): every
    stage then decides window by window. Returns what :func:`build_pipeline` documents but
    ``records``, ``read_dead_letter`` and ``outcomes``. ``state``, ``sinks``, ``tag_shared``:
    as for :func:`build_pipeline` (``state`` None: no dedup index, nothing recorded).
    """
    pipeline = raw.pipeline
    steps = steps or []
    sinks = resolve_sinks(config.output.sinks) if sinks is None else sinks
    dead, filtered, counts = [read_dead_letter], [], []
    normalized = raw | 'Normalize' >> NormalizeItems(config.normalize, run)
    dead.append(normalized['dead_letter'])
    items = _apply_user_steps(normalized['items'], steps, 'normalize', dead, filtered)
    items = _apply_user_steps(items, steps, 'filter', dead, filtered)

    deduped = items | 'Deduplicate' >> DeduplicateItems(config.dedup, state, run,
                                                        defer_index=state is not None)
    late_dead: list = []   # dead letters of the stages after dedup: stories not delivered
    tagged = deduped['items'] | 'Tag' >> TagItems(config.tag, shared=tag_shared)
    late_dead.append(tagged['dead_letter'])
    items = _apply_user_steps(tagged['items'], steps, 'tag', late_dead, filtered)
    items = _apply_user_steps(items, steps, 'sink', late_dead, filtered, counts)
    items = _write_batch_sinks(items, 'items', sinks, late_dead, counts)
    duplicates = _write_batch_sinks(deduped['duplicates'], 'duplicates', sinks, late_dead,
                                    counts)
    seen_before = _write_batch_sinks(deduped['seen_before'], 'seen_before', sinks, late_dead,
                                     counts)
    has_filters = any(s.spec.stage == 'filter' for s in steps)
    filtered_out = None
    if has_filters:
        filtered_out = _write_batch_sinks(_flatten(filtered, 'MergeFiltered', pipeline),
                                          'filtered', sinks, late_dead, counts)
    dead.extend(late_dead)
    dead_letter = _flatten(dead, 'MergeDeadLetters', pipeline)

    if state is not None:
        undelivered = (_flatten(late_dead, 'MergeLateDeadLetters', pipeline)
                       | 'KeepUndelivered' >> beam.Filter(_undelivered)
                       | 'UndeliveredIds' >> beam.FlatMap(_undelivered_id))
        _ = deduped['index'] | 'RecordDelivered' >> WriteDedupIndex(
            config.dedup, state, run, undelivered=undelivered)
    retry_inputs = (dead_letter
                    | 'FindRetryable' >> beam.Filter(_retryable)
                    | 'RetryOrigins' >> beam.FlatMap(_retry_origin)
                    | 'DistinctRetryOrigins' >> beam.Distinct())

    return {
        'items': items,
        'duplicates': duplicates,
        'seen_before': seen_before,
        'dead_letter': dead_letter,
        'filtered': filtered_out,
        'retry_inputs': retry_inputs,
        'sink_counts': _flatten(counts, 'MergeSinkCounts', pipeline),
    }


def _read_labels(record: dict) -> list[str]:
    kind = (record.get('source') or {}).get('kind') or 'file'
    fmt = (record.get('provenance') or {}).get('format') or 'unknown'
    return ['read', f'read.{kind}', f'read.format.{fmt}']


def _read_failure_labels(dead: dict) -> list[str]:
    kind = 'feed' if dead['error']['stage'] == 'fetch' else 'file'
    return ['read', f'read.{kind}', 'read.format.unreadable']


def _family_labels(family: str):
    def labels(record: dict) -> list[str]:
        if family == 'dead_letter':
            err = record['error']
            return [family, f'{family}.{err["stage"]}.{err["reason"]}']
        if family == 'duplicates':
            return [family, f'{family}.{(record.get("dedup") or {}).get("method")}']
        if family == 'filtered':
            return [family, f'{family}.{(record.get("filtered") or {}).get("filter")}']
        return [family]
    return labels


def _sink_count_row(element) -> dict:
    (sink, family, what), rows = element
    return {'sink': sink, 'family': family, 'what': what, 'rows': rows}


def _log_refused_dead_letter(sink_name: str):
    def log(dead: dict):
        # a dead letter a sink refused cannot become a dead letter again: it stays in the
        # dead-letter files, and run.json counts it under sinks_rejected (WriteToSink's counts)
        error = dead.get('error') or {}
        LOG.warning('sink %s refused a dead letter (%s): %s', sink_name, error.get('reason'),
                    error.get('message'))
    return log


def _attach_configured_sinks(outputs: dict, sinks: list[ResolvedSink], output_dir: str,
                             counts: list) -> None:
    """The dead letters to the batch sinks that take them; every family to the file sinks."""
    for resolved in sinks:
        name = resolved.name
        for family in resolved.families:
            pcoll = outputs.get(family)
            if pcoll is None:
                continue   # filtered without a filter step
            step = f'{_camel(family)}To[{name}]'
            if resolved.is_file:
                counts.append(
                    pcoll | f'WriteFiles{step}' >> resolved.sink.write(output_dir, family)
                    | f'CountFiles{step}' >> beam.Map(
                        lambda c, n=name, f=family: ((n, f, 'written'), c[1])))
            elif family == 'dead_letter':
                out = pcoll | f'WriteSink{step}' >> WriteToSink(
                    resolved.sink, family, batch_size=resolved.spec.batch_size,
                    max_attempts=resolved.spec.max_attempts)
                counts.append(out['counts'])
                _ = out['dead_letter'] | f'LogRefused{step}' >> beam.Map(
                    _log_refused_dead_letter(name))


def attach_sinks(outputs: dict, config: Config, output_dir: str,
                 sinks: list[ResolvedSink] | None = None) -> None:
    """Write every output family as JSONL, the configured file sinks, the dead letters to the
    batch sinks that take them, and the counts the driver turns into ``run.json``.

    ``seen_before`` records are counted always and written only with
    ``output.write_seen_before``; the run's working files go to ``DIR/.newsbeam-run/``
    (``counts.json``; ``sinks.jsonl``: rows per sink, family and what: written/rejected).
    """
    shards = config.output.shards
    families = ['items', 'duplicates', 'dead_letter'] + (
        ['filtered'] if outputs.get('filtered') is not None else [])
    labels = [
        outputs['records'] | 'LabelReads' >> beam.FlatMap(_read_labels),
        outputs['read_dead_letter'] | 'LabelReadFailures' >> beam.FlatMap(_read_failure_labels),
    ]
    for family in families:
        pcoll = outputs[family]
        name = ''.join(part.capitalize() for part in family.split('_'))
        pcoll | f'Write{name}' >> WriteJsonl(output_dir, family, shards)
        labels.append(pcoll | f'Label{name}' >> beam.FlatMap(_family_labels(family)))
    seen = outputs.get('seen_before')
    if seen is not None:
        labels.append(seen | 'LabelSeenBefore' >> beam.Map(lambda _: 'seen_before'))
        if config.output.write_seen_before:
            seen | 'WriteSeenBefore' >> WriteJsonl(output_dir, 'seen_before', shards)
    tmp = os.path.join(output_dir, TMP_DIR)
    (tuple(labels) | 'MergeLabels' >> beam.Flatten()
     | 'CountOutputs' >> CountLabels(os.path.join(tmp, COUNTS_FILE)))
    if outputs.get('outcomes') is not None:
        outputs['outcomes'] | 'WriteFeedOutcomes' >> WriteJsonl(tmp, 'feeds', 1)
    if outputs.get('retry_inputs') is not None:
        (outputs['retry_inputs'] | 'EncodeRetryInputs' >> beam.Map(lambda o: {'origin': o})
         | 'WriteRetryInputs' >> WriteJsonl(tmp, 'retry_inputs', 1))
    sinks = resolve_sinks(config.output.sinks) if sinks is None else sinks
    counts = [outputs['sink_counts']] if outputs.get('sink_counts') is not None else []
    _attach_configured_sinks(outputs, sinks, output_dir, counts)
    (_flatten(counts, 'MergeAllSinkCounts', outputs['items'].pipeline)
     | 'SumSinkCounts' >> beam.CombinePerKey(sum)
     | 'EncodeSinkCounts' >> beam.Map(_sink_count_row)
     | 'WriteSinkCounts' >> WriteJsonl(tmp, SINKS_FILE, 1))
