"""``TagItems``: the tag stage as a Beam transform.

In: a PCollection of items. Out: ``{'items': tagged items, 'dead_letter': dead-letter records}``.

Guarantees: each input item comes out exactly once, either tagged on ``items`` or as one record
with reason ``tag_error`` on ``dead_letter`` (an item whose fields have the wrong types, or a
user tagger that raised or answered badly). The gazetteer, topics and category files are read
and compiled once per worker, in ``DoFn.setup()``; a file that cannot be read or parsed fails the
job there, naming the file (a configuration error, not a data error). Order is not preserved.
"""
from __future__ import annotations

from typing import Any, Sequence

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms.model import DEAD_LETTER_TAG, TAG_KINDS, Reason, item_dead_letter
from transforms.tag.settings import TagSettings
from transforms.tag.tagger import Tagger, tag_item

__all__ = ['TagItems']

STAGE = 'tag'


class _TagFn(beam.DoFn):
    def __init__(self, settings: TagSettings, taggers: Sequence[Any], shared: Any = None):
        self._settings = settings
        self._taggers = tuple(taggers)
        self._shared = shared
        self._tagger = None
        self._in = Metrics.counter(STAGE, 'items_in')
        self._out = Metrics.counter(STAGE, 'items_out')
        self._dead = Metrics.counter(STAGE, 'dead_letter')
        self._tagged = {kind: Metrics.counter(STAGE, f'tags_{kind}') for kind in TAG_KINDS}

    def setup(self):
        if self._shared is None:
            self._tagger = Tagger.from_settings(self._settings)
        else:  # built once per process for every pipeline given this handle (same settings)
            self._tagger = self._shared.acquire(
                lambda: Tagger.from_settings(self._settings), tag=self._settings)

    def process(self, item):
        self._in.inc()
        try:
            tagged = tag_item(item, self._tagger, *self._taggers)
        except Exception as exc:  # noqa: BLE001 - any failure on one item goes to dead letter
            self._dead.inc()
            yield beam.pvalue.TaggedOutput(DEAD_LETTER_TAG, item_dead_letter(
                STAGE, Reason.TAG_ERROR, f'{type(exc).__name__}: {exc}', item))
        else:
            self._out.inc()
            for kind in TAG_KINDS:
                self._tagged[kind].inc(len(tagged['tags'][kind]))
            yield tagged


class TagItems(beam.PTransform):
    """Tags items with persons, organisations, places, topics and mapped source categories.

    ``settings`` (:class:`TagSettings`, default: the shipped configs) says which gazetteer,
    topics and category files to use; ``taggers`` are extra taggers applied after the built-in
    one, each a plain function ``item -> {kind: [{"id", "name"}]}`` or an object with
    ``tags_for(item)`` (they must be picklable). See :func:`transforms.tag.tag_item`.
    ``shared``: an ``apache_beam.utils.shared.Shared`` handle; pipelines built in one process
    with the same handle (the streaming driver's cycles) then build the tagger once, not once
    per pipeline, as long as the caller keeps a reference to it (``handle.acquire(lambda:
    Tagger.from_settings(settings), tag=settings)``): each pipeline run acquires the runner's
    own ``Shared`` object, which ends Beam's keep-alive of ours.
    """

    def __init__(self, settings: TagSettings | None = None, taggers: Sequence[Any] = (),
                 label: str | None = None, shared: Any = None):
        super().__init__(label)
        if settings is None:
            settings = TagSettings()
        if not isinstance(settings, TagSettings):
            raise ValueError(f'settings must be a TagSettings, got {type(settings).__name__}')
        for tagger in taggers:
            if not (hasattr(tagger, 'annotate') or hasattr(tagger, 'tags_for')
                    or callable(tagger)):
                raise ValueError(f'taggers: {tagger!r} is neither callable nor has tags_for()')
        if shared is not None and not hasattr(shared, 'acquire'):
            raise ValueError(f'shared must be an apache_beam.utils.shared.Shared, got '
                             f'{type(shared).__name__}')
        self._settings = settings
        self._taggers = tuple(taggers)
        self._shared = shared

    def expand(self, items):
        results = items | 'TagItems' >> beam.ParDo(
            _TagFn(self._settings, self._taggers, self._shared)).with_outputs(
                DEAD_LETTER_TAG, main='items')
        return {'items': results.items, 'dead_letter': results[DEAD_LETTER_TAG]}
