"""``DeduplicateItems``: the Beam wiring of the stages in :mod:`transforms.dedup.engine`.

The DirectRunner's cost is per element and per step (encoding at every stage boundary, one call
per element per step), so the graph is short and everything but the items themselves travels in
batches -- one element per bundle, pickled into bytes:

1. items keyed by id, grouped (the one shuffle of full items); per id the first copy
   (:func:`core.copy_order`) is analysed, the others are duplicates at once; per bundle one batch
   of features (small) and one of token records goes on;
2. one step per window resolves the exact stage and finds boilerplate per source domain
   (:func:`engine.exact_stage`, :func:`engine.boilerplate_stage`): its result (the *plan*) is a
   side input of what follows;
3. stories are signed per batch, in parallel (:func:`engine.sign_stories`);
4. one step per window pairs, verifies and resolves near duplicates (against earlier runs too),
   then writes the whole index in one transaction (:func:`engine.write_index`) -- after every
   decision and every lookup of the run;
5. each item gets its decision from a side input (no second shuffle of full items).

The steps call the same stage functions as the in-memory :func:`engine.deduplicate`, so both
decide with one piece of code. State opens in ``setup()`` and closes in ``teardown()``.
"""
from __future__ import annotations

import pickle

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.utils.windowed_value import WindowedValue

from transforms.context import RunContext
from transforms.state import StateConfig, open_state

from . import core
from . import engine
from . import index as ix
from .minhash import MinHasher
from .settings import DedupSettings

__all__ = ['DeduplicateItems']

STAGE = 'dedup'
#: what the signing step needs of an analysis (the rest is in the features)
_TOKEN_FIELDS = ('id', 'prio', 'domain', 'sq', 'sn', 'tok', 'unspaced', 'tg')


def _counter(name: str):
    return Metrics.counter(STAGE, name)


def _dumps(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _records(batches):
    """The records of batches made by :class:`_AnalyzeFn` (each a pickled list of pickles)."""
    loads = pickle.loads
    for raw in batches:
        yield from map(loads, loads(raw))


class _Unpickled:
    """A pickled side input, unpickled once per DoFn instance (not once per bundle)."""

    def __init__(self):
        self._raw, self._value = None, None

    def get(self, raw: bytes | None, default):
        if raw is None:
            return default
        if raw is not self._raw and raw != self._raw:
            with engine.gc_paused():
                self._raw, self._value = raw, pickle.loads(raw)
        return self._value


# --- DoFns -------------------------------------------------------------------------------------
class _StateFn(beam.DoFn):
    """Base of the DoFns that read or write the persistent index."""

    def __init__(self, state: StateConfig | None, settings: DedupSettings, run: RunContext):
        self._state, self._settings, self._run = state, settings, run
        self._store = None

    @property
    def cutoff(self) -> float:
        return ix.cutoff_of(self._run.started_at, self._settings.retention_days)

    def setup(self):
        if self._state is not None:  # without an index only this run's items are compared
            self._store = open_state(self._state)

    def teardown(self):
        if self._store is not None:
            self._store.close()
            self._store = None


class _AnalyzeFn(beam.DoFn):
    """Items sharing an id: the first in :func:`core.copy_order` goes on (keyed by id) and is
    analysed, others are duplicates of it. Analyses leave once per bundle and window, as two
    pickled batches: features (to the exact stage) and token records (to signing)."""

    def __init__(self, settings: DedupSettings):
        self._settings = settings
        self._cache = None
        self._batches = None

    def setup(self):
        self._cache = {}  # token -> hash, per worker: saves re-hashing frequent words

    def start_bundle(self):
        self._batches = {}
        self._items = self._copies = 0

    def process(self, element, window=beam.DoFn.WindowParam):
        item_id, items = element
        items = list(items)
        if len(items) > 1:
            items.sort(key=core.copy_order)
        self._items += len(items)
        for extra in items[1:]:
            self._copies += 1
            yield beam.pvalue.TaggedOutput(
                'duplicates', core.apply_decision(extra, engine.same_id_decision(item_id)))
        analysis = core.analyze_item(items[0], self._settings, self._cache)
        feats, toks = self._batches.setdefault(window, ([], []))
        # pickled one by one as they come: a bundle's buffer is then a list of bytes, not
        # thousands of dicts and lists the GC would traverse again and again while it grows
        feats.append(_dumps(core.features_of(analysis)))
        toks.append(_dumps({k: analysis[k] for k in _TOKEN_FIELDS}))
        yield item_id, items[0]

    def finish_bundle(self):
        _counter('items_in').inc(self._items)
        _counter('same_id_copies').inc(self._copies)
        _counter('duplicates_out').inc(self._copies)
        for window, (feats, toks) in self._batches.items():
            at = window.max_timestamp()
            yield beam.pvalue.TaggedOutput(
                'features', WindowedValue((None, _dumps(feats)), at, [window]))
            yield beam.pvalue.TaggedOutput('tokens', WindowedValue(_dumps(toks), at, [window]))
        self._batches = None


class _ExactFn(_StateFn):
    """The exact stage and boilerplate of a window's items: the plan the near stage follows."""

    def process(self, element):
        with engine.gc_paused():
            out = self._plan(element)
        yield out

    def _plan(self, element) -> dict[str, bytes]:
        _, batches = element
        feats = sorted(_records(batches), key=lambda f: f['id'])
        if self._store is not None:  # the index forgets old entries before any lookup
            _counter('index_entries_pruned').inc(ix.prune(self._store, self.cutoff))
        stats: dict = {}
        exact = engine.exact_stage(feats, self._store, self._run.run_id, self.cutoff, stats)
        _counter('stored_key_matches').inc(stats.get('stored_key_matches', 0))
        _counter('exact_duplicates').inc(len(exact))
        survivors = [f for f in feats if f['id'] not in exact]
        boiler, entries = engine.boilerplate_stage(survivors, self._store, self._settings)
        _counter('boilerplate_sentences').inc(sum(len(b) for b in boiler.values()))
        # two parts: signing needs only which items are exact duplicates and the boilerplate
        return {
            'sign': _dumps({'exact': set(exact), 'boiler': boiler}),
            'near': _dumps({
                'exact': exact, 'boiler_entries': entries,
                'prios': {f['id']: f['prio'] for f in survivors},
                'feats': [{k: f[k] for k in ('id', 'keys', 'published', 'fp')} for f in feats],
            }),
        }


class _SignFn(beam.DoFn):
    """Near-duplicate records of one batch's surviving stories."""

    def __init__(self, settings: DedupSettings):
        self._settings = settings
        self._hasher = None
        self._plan = _Unpickled()

    def setup(self):
        s = self._settings
        self._hasher = MinHasher(s.num_perm, s.bands, s.rows, s.seed)

    def process(self, raw, plan_raw):
        with engine.gc_paused():
            plan = self._plan.get(plan_raw and plan_raw['sign'], None)
            docs = []
            if self._settings.near and plan is not None:
                exact = plan['exact']
                stories = [a for a in _records([raw]) if a['id'] not in exact]
                docs = engine.sign_stories(stories, plan['boiler'], self._hasher, self._settings)
                _counter('signed').inc(len(docs))
                _counter('too_short_for_near').inc(len(stories) - len(docs))
            out = _dumps(docs)
        yield None, out


class _NearFn(_StateFn):
    """Near duplicates of a window's stories (within the run and against the index), every
    decision, then every index write of the run."""

    def __init__(self, state, settings, run):
        super().__init__(state, settings, run)
        self._plan = _Unpickled()

    def process(self, element, plan_raw):
        with engine.gc_paused():
            out = self._decide(element, plan_raw)
        if out is not None:
            yield out

    def _decide(self, element, plan_raw) -> bytes | None:
        _, batches = element
        plan = self._plan.get(plan_raw and plan_raw['near'], None)
        if plan is None:
            return None
        docs = {d['id']: d for raw in batches for d in pickle.loads(raw)}
        stats: dict = {}
        edges = engine.near_edges(docs, self._settings, stats) if docs else []
        _counter('candidate_pairs').inc(stats.get('candidate_pairs', 0))
        _counter('candidate_buckets').inc(stats.get('candidate_buckets', 0))
        _counter('verified_pairs').inc(len(edges))
        old_ids: set[str] = set()
        if self._store is not None and docs:
            old_edges = engine.stored_edges(docs, self._store, self._settings,
                                            self._run.run_id, self.cutoff)
            _counter('stored_near_matches').inc(len(old_edges))
            edges.extend(old_edges)
            old_ids = {b for _, b, _ in old_edges}
        near, decisions = engine.decide(plan['exact'], plan['prios'], edges, old_ids)
        _counter('near_duplicates').inc(len(near))
        if self._store is not None:
            keys, kept = engine.write_index(self._store, plan['feats'], decisions, docs,
                                            plan['boiler_entries'], self._run.run_id,
                                            ix.run_epoch(self._run.started_at))
            _counter('index_keys_written').inc(keys)
            _counter('index_docs_written').inc(kept)
            _counter('index_boilerplate_written').inc(len(plan['boiler_entries']))
        return _dumps(decisions)


class _ApplyFn(beam.DoFn):
    """Each item with its ``dedup`` fields, to ``items`` or ``duplicates``."""

    def __init__(self):
        self._decisions = _Unpickled()

    def start_bundle(self):
        self._kept = self._dups = 0

    def process(self, element, decisions_raw):
        item_id, item = element
        decision = self._decisions.get(decisions_raw, {}).get(item_id)
        if decision is None:
            self._kept += 1
            yield core.apply_decision(item, core.kept_decision(item_id))
        else:
            self._dups += 1
            yield beam.pvalue.TaggedOutput('duplicates', core.apply_decision(item, decision))

    def finish_bundle(self):
        _counter('items_out').inc(self._kept)
        _counter('duplicates_out').inc(self._dups)


# --- the transform -----------------------------------------------------------------------------
class DeduplicateItems(beam.PTransform):
    """Split items into unique ones and duplicates: exact, then near, within and across runs.

    Input: normalized items (dicts with the contract keys). Output: ``{'items': unique items,
    'duplicates': items judged duplicates}``, each with ``dedup`` = ``{cluster_id, duplicate_of,
    method, similarity, update}`` (see :mod:`transforms.dedup`). Decisions do not depend on the
    runner, the number of workers or the input order. With ``state`` (a
    :class:`~transforms.state.StateConfig`) stories of earlier runs (within
    ``settings.retention_days``) are matched and always kept; without it only this run's items
    are compared. Windowed input is deduplicated window by window (and against the index). Does
    not preserve order.
    """

    def __init__(self, settings: DedupSettings, state: StateConfig | None, run: RunContext):
        super().__init__()
        if not isinstance(settings, DedupSettings):
            raise ValueError(f'settings must be DedupSettings, not {type(settings).__name__}')
        if state is not None and not isinstance(state, StateConfig):
            raise ValueError(f'state must be a StateConfig or None, not {type(state).__name__}')
        if not isinstance(run, RunContext):
            raise ValueError(f'run must be a RunContext, not {type(run).__name__}')
        if state is not None:
            state.validate()
        self._settings, self._state, self._run = settings, state, run

    def expand(self, items):
        s, state, run = self._settings, self._state, self._run
        analysed = (items
                    | 'KeyItemsById' >> beam.Map(lambda it: (core.item_id(it), it))
                    | 'GroupItemsById' >> beam.GroupByKey()
                    | 'AnalyzeItems' >> beam.ParDo(_AnalyzeFn(s)).with_outputs(
                        'features', 'tokens', 'duplicates', main='items'))
        plan = beam.pvalue.AsSingleton(
            analysed.features
            | 'GatherFeatures' >> beam.GroupByKey()
            | 'ExactAndBoilerplate' >> beam.ParDo(_ExactFn(state, s, run)),
            default_value=None)
        decisions = beam.pvalue.AsSingleton(
            analysed.tokens
            | 'SignStories' >> beam.ParDo(_SignFn(s), plan)
            | 'GatherDocs' >> beam.GroupByKey()
            | 'NearDecideAndIndex' >> beam.ParDo(_NearFn(state, s, run), plan),
            default_value=None)
        applied = (analysed.items
                   | 'ApplyDecisions' >> beam.ParDo(_ApplyFn(), decisions)
                   .with_outputs('duplicates', main='items'))
        duplicates = ((applied.duplicates, analysed.duplicates)
                      | 'AllDuplicates' >> beam.Flatten())
        return {'items': applied.items, 'duplicates': duplicates}
