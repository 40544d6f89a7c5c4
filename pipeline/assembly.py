"""Wiring the stages: read/fetch -> normalize -> [user normalize, filter] -> dedup -> tag ->
[user tag] -> [user sink steps] -> sinks, with one dead-letter branch that every stage feeds.

:func:`build_pipeline` returns the named PCollections (for tests and for the sinks);
:func:`attach_sinks` writes them. Nothing here does work on elements: the stages do.

Delivery: with a state, the dedup stage defers its index writes until the stages after it
(tag, user tag and sink steps) have decided; the ids of the stories they dead-lettered for a
retryable reason are left out of the index (``RecordDelivered``), so the next run delivers them.
Those writes are staged under the run and committed by the driver once the outputs are complete
(see ``pipeline/delivery.py``).
"""
from __future__ import annotations

import os

import apache_beam as beam

from transforms.context import RunContext
from transforms.dedup import DeduplicateItems, WriteDedupIndex
from transforms.fetch import FetchFeeds
from transforms.model import RETRYABLE_REASONS
from transforms.normalize import NormalizeItems
from transforms.read import ReadInputs
from transforms.sink import CountLabels, WriteJsonl
from transforms.steps import ApplyStep
from transforms.tag import TagItems

from .config import Config
from .steps import ResolvedStep

__all__ = ['build_pipeline', 'attach_sinks', 'TMP_DIR', 'COUNTS_FILE', 'OUTCOMES_FILE',
           'RETRY_FILE']

TMP_DIR = '.newsbeam-run'
COUNTS_FILE = 'counts.json'
OUTCOMES_FILE = 'feeds.jsonl'
RETRY_FILE = 'retry_inputs.jsonl'


def _retryable(dead: dict) -> bool:
    return (dead.get('error') or {}).get('reason') in RETRYABLE_REASONS


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


def _apply_user_steps(items, steps: list[ResolvedStep], stage: str, dead: list, filtered: list):
    for step in steps:
        if step.spec.stage != stage:
            continue
        label = f'{stage.capitalize()}Step[{step.spec.label}]'
        if step.is_transform:
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
                   paths_matched: bool = False, refused: list[dict] | None = None) -> dict:
    """Add every stage to ``pipeline``; return the named outputs.

    Returns a dict with ``records`` (raw records from all inputs), ``read_dead_letter`` (inputs
    that could not be read or fetched), ``items`` (accepted by every sink step), ``duplicates``,
    ``seen_before`` (items an earlier run delivered), ``dead_letter`` (all stages), ``filtered``
    (or ``None`` when no filter step is configured), ``outcomes`` (per-feed fetch outcomes, or
    ``None`` without feeds) and ``retry_inputs`` (inputs with a retryable dead letter: read
    again by the next run).

    ``config.state_config()`` (or ``state``, which overrides it: the driver passes the staged
    one) is where the dedup index and the feed state are read and written. ``refused``: dead
    letters of what the input globs matched but the driver does not read (directories, FIFOs,
    links out of the input tree): each counts as one input read.
    """
    steps = steps or []
    state = state if state is not None else config.state_config()
    records, dead, read_dead, filtered = [], [], [], []
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
    dead.append(read_dead_letter)

    normalized = raw | 'Normalize' >> NormalizeItems(config.normalize, run)
    dead.append(normalized['dead_letter'])
    items = _apply_user_steps(normalized['items'], steps, 'normalize', dead, filtered)
    items = _apply_user_steps(items, steps, 'filter', dead, filtered)

    deduped = items | 'Deduplicate' >> DeduplicateItems(config.dedup, state, run,
                                                        defer_index=state is not None)
    late_dead: list = []   # dead letters of the stages after dedup: stories not delivered
    tagged = deduped['items'] | 'Tag' >> TagItems(config.tag)
    late_dead.append(tagged['dead_letter'])
    items = _apply_user_steps(tagged['items'], steps, 'tag', late_dead, filtered)
    items = _apply_user_steps(items, steps, 'sink', late_dead, filtered)
    dead.extend(late_dead)
    dead_letter = _flatten(dead, 'MergeDeadLetters', pipeline)

    if state is not None:
        undelivered = (_flatten(late_dead, 'MergeLateDeadLetters', pipeline)
                       | 'KeepRetryable' >> beam.Filter(_retryable)
                       | 'UndeliveredIds' >> beam.FlatMap(_undelivered_id))
        _ = deduped['index'] | 'RecordDelivered' >> WriteDedupIndex(
            config.dedup, state, run, undelivered=undelivered)
    retry_inputs = (dead_letter
                    | 'FindRetryable' >> beam.Filter(_retryable)
                    | 'RetryOrigins' >> beam.FlatMap(_retry_origin)
                    | 'DistinctRetryOrigins' >> beam.Distinct())

    has_filters = any(s.spec.stage == 'filter' for s in steps)
    return {
        'records': raw,
        'read_dead_letter': read_dead_letter,
        'items': items,
        'duplicates': deduped['duplicates'],
        'seen_before': deduped['seen_before'],
        'dead_letter': dead_letter,
        'filtered': _flatten(filtered, 'MergeFiltered', pipeline) if has_filters else None,
        'outcomes': outcomes,
        'retry_inputs': retry_inputs,
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


def attach_sinks(outputs: dict, config: Config, output_dir: str) -> None:
    """Write every output family as JSONL and the counts the driver turns into ``run.json``.

    ``seen_before`` records are counted always and written only with
    ``output.write_seen_before``; the run's working files go to ``DIR/.newsbeam-run/``.
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
