"""``NormalizeItems``: the normalize stage as a Beam transform.

Takes a PCollection of raw records; returns ``{'items': ..., 'dead_letter': ...}``. Every input
element comes out exactly once, as an item or as a dead-letter record (stage ``normalize``,
reasons from :class:`transforms.model.Reason`); no record can fail the job: whatever a record
makes the normalizer raise, ``RecursionError`` included, dead-letters that record
(``normalize_error``). The one exception is ``MemoryError``, which fails the bundle so that the
runner retries it: the normalizer bounds what one record can cost (``max_input_chars`` and the
caps in :mod:`.record`), so running out of memory says the worker is short of it, and a dead
letter would reject a good story for good. Order is not kept.
Counters (namespace ``normalize``): ``in``, ``out``, ``dead_lettered``.
"""
from __future__ import annotations

import reprlib

import apache_beam as beam

from transforms.context import RunContext
from transforms.model import DEAD_LETTER_TAG, Reason, dead_letter
from transforms.normalize.record import NormalizeError, Normalizer
from transforms.normalize.settings import NormalizeSettings

__all__ = ['NormalizeItems']

_NAMESPACE = 'normalize'
_EXCERPT_INPUT_CHARS = 1000   # of each field: the excerpt keeps far fewer
_REPR = reprlib.Repr()        # bounded in depth and length, whatever the element is
_REPR.maxlevel = 3
_REPR.maxstring = _REPR.maxother = 200


class NormalizeItems(beam.PTransform):
    """Raw records -> normalised items, with a dead-letter output for records that cannot be."""

    def __init__(self, settings: NormalizeSettings, run: RunContext, label: str | None = None):
        super().__init__(label)
        if not isinstance(settings, NormalizeSettings):
            raise ValueError(f'settings must be NormalizeSettings, got {type(settings).__name__}')
        if not isinstance(run, RunContext):
            raise ValueError(f'run must be a RunContext, got {type(run).__name__}')
        settings.validate()
        self._settings = settings
        self._run = run

    def expand(self, records):
        outputs = records | 'NormalizeRecords' >> beam.ParDo(
            _NormalizeFn(self._settings, self._run)).with_outputs(DEAD_LETTER_TAG, main='items')
        return {'items': outputs.items, 'dead_letter': outputs[DEAD_LETTER_TAG]}


class _NormalizeFn(beam.DoFn):
    def __init__(self, settings: NormalizeSettings, run: RunContext):
        self._settings = settings
        self._run = run
        self._normalizer = None
        self._in = beam.metrics.Metrics.counter(_NAMESPACE, 'in')
        self._out = beam.metrics.Metrics.counter(_NAMESPACE, 'out')
        self._dead = beam.metrics.Metrics.counter(_NAMESPACE, 'dead_lettered')

    def setup(self):
        self._normalizer = Normalizer(self._settings, self._run)
        self._normalizer.warm_up()

    def process(self, raw):
        self._in.inc()
        try:
            item = self._normalizer(raw)
        except NormalizeError as exc:
            yield self._dead_letter(raw, exc.reason, exc.message)
            return
        except MemoryError:
            raise       # the worker's state, not the record's: retried, not rejected (see above)
        except Exception as exc:  # one bad record must not fail the job: it is dead-lettered
            yield self._dead_letter(raw, Reason.NORMALIZE_ERROR, f'{type(exc).__name__}: {exc}')
            return
        self._out.inc()
        yield item

    def _dead_letter(self, raw, reason: str, message: str):
        self._dead.inc()
        location = None
        if isinstance(raw, dict):
            provenance = raw.get('provenance')
            location = provenance.get('input') if isinstance(provenance, dict) else None
            location = location if isinstance(location, str) else None
            parts = [raw.get(k) for k in ('title', 'summary', 'body', 'url')]
            excerpt = ' | '.join(p[:_EXCERPT_INPUT_CHARS] for p in parts
                                 if isinstance(p, str) and p)
        else:
            excerpt = _safe_repr(raw)
        return beam.pvalue.TaggedOutput(
            DEAD_LETTER_TAG, dead_letter(_NAMESPACE, reason, message, location, excerpt))


def _safe_repr(value) -> str:
    try:
        return _REPR.repr(value)
    except Exception:  # a repr that raises: the type is all the excerpt can say
        return f'<{type(value).__name__}>'
