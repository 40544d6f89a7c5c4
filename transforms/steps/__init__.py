"""User steps: plain functions (or PTransforms) that join a stage by name in the config.

Goes in: items. Comes out, by stage:

* ``normalize``: ``fn(item, **params) -> item`` -- the changed item;
* ``filter``: ``fn(item, **params) -> bool | (bool, reason)`` -- true keeps the item; false moves
  it to the ``filtered`` output with ``filtered = {"filter": <step>, "reason": <reason>}``;
* ``tag``: ``fn(item, **params) -> {kind: [{"id", "name"}, ...]}`` -- tags to add (merged, no
  duplicates, each recorded in ``provenance.tags`` with the step's name);
* ``sink``: ``fn(item, **params)`` -- called for every accepted item; its return is ignored.

A step that raises, or returns something of the wrong shape, sends that item to the dead-letter
output (stage = the step's name, reason ``step_error``; ``sink_error`` for a sink step) and the
run goes on. Both reasons are retryable: the story is not recorded as delivered, so once the
step is fixed the next run delivers it (see ``docs/delivery.md``). An item a sink step refused
is not written to ``items*.jsonl`` either: it is delivered everywhere or nowhere.

Delivery to a sink step is **at least once**: a story reaches the step once per run until a run
that delivered it completes, and again only if that run dies after the step saw the item (the
run's state is then not committed). Write by ``item["id"]`` (an upsert) to make it exactly once.
Custom data a step adds belongs under the item's ``extra`` key.
"""
from __future__ import annotations

import copy
from typing import Any, Callable, Mapping

import apache_beam as beam
from apache_beam.metrics import Metrics

from ..model import DEAD_LETTER_TAG, TAG_KINDS, Reason, item_dead_letter

__all__ = ['ApplyStep', 'merge_tags', 'STEP_STAGES']

STEP_STAGES = ('normalize', 'filter', 'tag', 'sink')
FILTERED_TAG = 'filtered'


def merge_tags(item: dict, new_tags: Mapping[str, Any], origin: str) -> dict:
    """Add ``new_tags`` (kind -> list of ``{"id", "name"}``) to ``item`` in place.

    Raises ``ValueError`` naming the problem for an unknown kind or a malformed tag.
    """
    if not isinstance(new_tags, Mapping):
        raise ValueError(f'a tag step must return a mapping of kind -> tags, not '
                         f'{type(new_tags).__name__}')
    provenance = item.setdefault('provenance', {}).setdefault('tags', [])
    for kind, tags in new_tags.items():
        if kind not in TAG_KINDS:
            raise ValueError(f'unknown tag kind {kind!r}; allowed: {", ".join(TAG_KINDS)}')
        existing = item['tags'].setdefault(kind, [])
        seen = {t.get('id') for t in existing}
        for tag in tags or []:
            if not isinstance(tag, Mapping) or not tag.get('id') or not tag.get('name'):
                raise ValueError(f'a {kind} tag needs "id" and "name", got {tag!r}')
            if tag['id'] in seen:
                continue
            seen.add(tag['id'])
            existing.append({'id': str(tag['id']), 'name': str(tag['name']),
                             **{k: v for k, v in tag.items() if k not in ('id', 'name')}})
            provenance.append({'kind': kind, 'id': str(tag['id']), 'step': origin})
        existing.sort(key=lambda t: (t['name'], t['id']))
    return item


class _StepFn(beam.DoFn):
    def __init__(self, stage: str, fn: Callable, params: Mapping[str, Any], label: str):
        self.stage = stage
        self.fn = fn
        self.params = dict(params)
        self.label = label

    def setup(self):
        self.seen = Metrics.counter(f'step.{self.label}', 'in')
        self.failed = Metrics.counter(f'step.{self.label}', 'dead_letter')
        self.dropped = Metrics.counter(f'step.{self.label}', 'filtered')

    def _dead(self, item: dict, message: str, reason: str = Reason.STEP_ERROR):
        self.failed.inc()
        return beam.pvalue.TaggedOutput(DEAD_LETTER_TAG, item_dead_letter(
            self.label, reason, message, item))

    def process(self, item: dict):
        self.seen.inc()
        if self.stage == 'sink':
            try:
                self.fn(copy.deepcopy(item), **self.params)
            except Exception as exc:  # a user's sink: this item is not delivered, retried later
                yield self._dead(item, f'{type(exc).__name__}: {exc}', Reason.SINK_ERROR)
                return
            yield item
            return
        work = copy.deepcopy(item)  # a step must not change an element it does not own
        try:
            result = self.fn(work, **self.params)
        except Exception as exc:  # a user's code: any error dead-letters this item only
            yield self._dead(item, f'{type(exc).__name__}: {exc}')
            return
        if self.stage == 'normalize':
            if not isinstance(result, dict):
                yield self._dead(item, f'a normalize step must return the item (a dict), not '
                                       f'{type(result).__name__}')
                return
            yield result
        elif self.stage == 'filter':
            keep, reason = (result if isinstance(result, tuple) and len(result) == 2
                            else (result, None))
            if not isinstance(keep, bool):
                yield self._dead(item, f'a filter step must return a bool or (bool, reason), '
                                       f'not {result!r}')
            elif keep:
                yield item
            else:
                self.dropped.inc()
                yield beam.pvalue.TaggedOutput(FILTERED_TAG, {
                    **item, 'filtered': {'filter': self.label,
                                         'reason': str(reason) if reason else 'rejected'}})
        else:  # tag
            try:
                yield merge_tags(work, result, self.label)
            except ValueError as exc:
                yield self._dead(item, str(exc))


class ApplyStep(beam.PTransform):
    """Apply one user step function to items; returns ``{'items', 'dead_letter', 'filtered'}``."""

    def __init__(self, stage: str, fn: Callable, params: Mapping[str, Any] | None = None,
                 label: str | None = None):
        super().__init__()
        if stage not in STEP_STAGES:
            raise ValueError(f'stage must be one of {STEP_STAGES}, not {stage!r}')
        if not callable(fn):
            raise ValueError(f'fn must be callable, not {fn!r}')
        self.stage = stage
        self.fn = fn
        self.params = dict(params or {})
        # not ``self.label``: that is the PTransform's own label, which ``'X' >> t`` replaces
        self.step_name = label or getattr(fn, '__name__', 'step')

    def expand(self, items):
        out = items | 'RunStep' >> beam.ParDo(
            _StepFn(self.stage, self.fn, self.params, self.step_name)).with_outputs(
                DEAD_LETTER_TAG, FILTERED_TAG, main='items')
        return {'items': out.items, 'dead_letter': out[DEAD_LETTER_TAG],
                'filtered': out[FILTERED_TAG]}
