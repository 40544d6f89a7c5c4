"""``DeduplicateItems``: the Beam wiring of the plain functions in :mod:`transforms.dedup.core`.

Every step shuffles small records (features, signatures, ids) keyed by item id, by a shard of the
exact or candidate keys, or by source domain; full items are shuffled twice (grouped by id first,
joined with their decision last). The two
resolution steps (exact components, greedy near-duplicate clusters) each see the small set of
edges only. DoFns are thin; state opens in ``setup()`` and closes in ``teardown()``.
"""
from __future__ import annotations

import types

import apache_beam as beam
import xxhash
from apache_beam.metrics import Metrics

from transforms.context import RunContext
from transforms.state import StateConfig, open_state

from . import core
from . import index as ix
from .engine import key_records, same_id_decision
from .minhash import MinHasher
from .settings import DedupSettings

__all__ = ['DeduplicateItems']

STAGE = 'dedup'
_BATCH = types.MappingProxyType({'min_batch_size': 64, 'max_batch_size': 512})
#: exact and candidate keys are shuffled in this many shards: one element per (item, shard)
#: instead of one per key, since the runner's per-element cost dominates; also the parallelism
#: of the steps that pair items sharing a key
_SHARDS = 16


def _counter(name: str):
    return Metrics.counter(STAGE, name)


# --- DoFns: thin adapters ---------------------------------------------------------------------
class _StateFn(beam.DoFn):
    """Base of the DoFns that read or write the persistent index."""

    def __init__(self, state: StateConfig, settings: DedupSettings, run: RunContext):
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


class _PruneIndexFn(_StateFn):
    """Drop index entries older than the retention window (before any lookup runs)."""

    def process(self, _):
        removed = ix.prune(self._store, self.cutoff)
        _counter('index_entries_pruned').inc(removed)
        yield removed


class _GroupCopiesFn(beam.DoFn):
    """Items sharing an id: the first in :func:`core.copy_order` goes on, others are copies."""

    def __init__(self, settings: DedupSettings):
        self._settings = settings
        self._cache = None

    def setup(self):
        self._cache = {}  # token -> hash, per worker: saves re-hashing frequent words

    def process(self, element):
        item_id, items = element
        items = sorted(items, key=core.copy_order)
        _counter('items_in').inc(len(items))
        for extra in items[1:]:
            _counter('same_id_copies').inc()
            yield beam.pvalue.TaggedOutput('copies', (item_id, extra))
        yield item_id, core.analyze_item(items[0], self._settings, self._cache)


class _LinkExactCopiesFn(_StateFn):
    """Per shard of exact keys: edges from each key group (plus the story an earlier run kept
    under the key, when there is an index) to the group's best node."""

    def process(self, element, pruned):
        _, entries = element
        groups: dict[str, list] = {}
        kinds: dict[str, str] = {}
        for key, kind, node in entries:
            groups.setdefault(key, []).append(node)
            kinds[key] = kind
        if self._store is not None:
            found = ix.lookup_keys(self._store, groups, self._run.run_id, self.cutoff)
            _counter('stored_key_matches').inc(len(found))
            for key, record in found.items():
                groups[key].append(core.old_node(record['kept'], key, kinds[key], record))
        for key in sorted(groups):
            if len(groups[key]) > 1:
                yield from core.group_edges(kinds[key], groups[key])


class _FindBoilerplateFn(_StateFn):
    """One source domain's boilerplate sentences (this run's stories plus the index)."""

    def process(self, element, pruned):
        domain, entries = element
        entries = sorted(entries)
        stored = None
        if self._store is not None:
            stored = ix.lookup_boilerplate(self._store, domain,
                                           {s for _, segs, _, _ in entries for s in segs})
        boiler = core.boilerplate_segments(
            [(i, segs, tg) for i, segs, _, tg in entries], stored,
            self._settings.boilerplate_min_items, self._settings.title_threshold)
        _counter('boilerplate_sentences').inc(len(boiler))
        yield domain, boiler
        for entry in core.boilerplate_index_entries(
                domain, entries, boiler, stored, 2 * self._settings.boilerplate_min_items):
            yield beam.pvalue.TaggedOutput('index', entry)


class _SignFn(beam.DoFn):
    """Residual shingles, MinHash band keys and anchor keys of one story."""

    def __init__(self, settings: DedupSettings):
        self._settings = settings
        self._hasher = None

    def setup(self):
        s = self._settings
        self._hasher = MinHasher(s.num_perm, s.bands, s.rows, s.seed)

    def process(self, analysis, boilerplate):
        doc = core.make_doc(analysis, boilerplate.get(analysis['domain'], ()), self._hasher,
                            self._settings)
        if doc is None:
            _counter('too_short_for_near').inc()
            return
        _counter('signed').inc()
        yield doc


class _MatchStoredFn(_StateFn):
    """Verified edges between this run's stories and stories kept by earlier runs."""

    def process(self, batch, pruned):
        limit = self._settings.max_bucket_pairs
        for doc in sorted(batch, key=lambda d: d['id']):
            cands = ix.lookup_candidates(self._store, doc['ckeys'], limit)
            old = ix.lookup_docs(self._store, cands, self._run.run_id, self.cutoff)
            for old_id in sorted(old):
                sim = core.verify(doc, old[old_id], self._settings)
                if sim is not None:
                    _counter('stored_near_matches').inc()
                    yield (doc['id'], tuple(doc['prio'])), (f'old:{old_id}', None), sim


class _WriteFn(_StateFn):
    """Idempotent index writes, after every decision of the run was made."""

    def __init__(self, state, settings, run, what: str):
        super().__init__(state, settings, run)
        self._what = what

    def process(self, batch, decided):
        at = ix.run_epoch(self._run.started_at)
        if self._what == 'keys':
            ix.write_keys(self._store, dict(batch), self._run.run_id, at)
        elif self._what == 'docs':
            ix.write_docs(self._store, batch, self._run.run_id, at)
        else:
            ix.write_boilerplate(self._store, batch)
        _counter(f'index_{self._what}_written').inc(len(batch))
        return []


# --- small plain steps used by the wiring -------------------------------------------------------
def _shard_of(key: str) -> int:
    return xxhash.xxh32_intdigest(key.encode('utf-8')) % _SHARDS


def _key_nodes(element):
    _, analysis = element
    features = core.features_of(analysis)
    node = core.node_of(features)
    for key, kind in core.exact_keys(features):
        yield _shard_of(key), (key, kind, node)


def _resolve_exact(element):
    _, edges = element
    # sort so that union-find sees the edges in one order whatever the runner did
    edges = sorted(edges, key=lambda e: (core.node_order(e[0]), core.node_order(e[1]), e[2]))
    decisions = core.resolve_exact(edges)
    _counter('exact_duplicates').inc(len(decisions))
    yield from sorted(decisions.items())


def _survivor(element):
    _, joined = element
    if not joined['exact'] and joined['analysis']:
        yield joined['analysis'][0]


def _candidate_keys(doc):
    # one element per (doc, shard) rather than per key: the runner's per-element cost dominates
    by_shard: dict[int, list[str]] = {}
    for key in doc['ckeys']:
        by_shard.setdefault(_shard_of(key), []).append(key)
    member = (tuple(doc['prio']), doc['id'])
    for shard, keys in by_shard.items():
        yield shard, (member, keys)


def _shard_pairs(element, settings):
    _, entries = element
    buckets: dict[str, list] = {}
    for member, keys in entries:
        for key in keys:
            buckets.setdefault(key, []).append(member)
    pairs = set()
    for key, members in buckets.items():
        if len(members) > 1:
            pairs.update(core.bucket_pairs(members, settings.max_bucket_pairs, key,
                                           settings.max_anchor_bucket))
    _counter('candidate_buckets').inc(len(buckets))
    yield from sorted(pairs)


def _slim(doc):
    return doc['id'], {k: v for k, v in doc.items() if k != 'ckeys'}


def _first_half(element):
    a_id, joined = element
    if not joined['doc']:
        return
    doc_a = joined['doc'][0]
    for b_id in sorted(set(joined['pair'])):
        yield b_id, doc_a


def _verify_pairs(element, settings):
    b_id, joined = element
    if not joined['doc']:
        return
    doc_b = joined['doc'][0]
    for doc_a in sorted(joined['half'], key=lambda d: d['id']):
        _counter('candidate_pairs').inc()
        sim = core.verify(doc_a, doc_b, settings)
        if sim is not None:
            _counter('verified_pairs').inc()
            yield (doc_a['id'], tuple(doc_a['prio'])), (b_id, tuple(doc_b['prio'])), sim


def _resolve_near(element):
    _, edges = element
    nodes, old, plain = {}, set(), []
    for (a, pa), (b, pb), sim in edges:
        for node, prio in ((a, pa), (b, pb)):
            if node.startswith('old:'):
                old.add(node)
            else:
                nodes[node] = prio
        plain.append((a, b, sim))
    decisions = core.resolve_near(nodes, old, sorted(plain))
    _counter('near_duplicates').inc(len(decisions))
    yield from sorted(decisions.items())


def _final_for_root(element):
    """Decisions of a story and of its exact copies, once the story's near fate is known."""
    root, joined = element
    near = core.near_decision(joined['near'][0]) if joined['near'] else None
    if near is not None:
        yield root, near
    for member, dec in joined['members']:
        yield member, core.member_decision(dec, None if dec['root_old'] else near)


def _emit_final(element):
    item_id, joined = element
    if not joined['item']:
        return
    item = joined['item'][0]
    decision = joined['decision'][0] if joined['decision'] else core.kept_decision(item_id)
    out = core.apply_decision(item, decision)
    if decision['duplicate_of']:
        _counter('duplicates_out').inc()
        yield beam.pvalue.TaggedOutput('duplicates', out)
    else:
        _counter('items_out').inc()
        yield out
    for copy in sorted(joined['copies'], key=core.copy_order):
        _counter('duplicates_out').inc()
        yield beam.pvalue.TaggedOutput(
            'duplicates', core.apply_decision(copy, same_id_decision(item_id)))
    if joined['analysis']:
        features = joined['analysis'][0]
        kept = decision['cluster_id']
        for key, _ in core.exact_keys(features):
            yield beam.pvalue.TaggedOutput(
                'keys', (key, (kept, features['published'], features['fp'])))
        if not decision['duplicate_of'] and joined['doc']:
            yield beam.pvalue.TaggedOutput('docs', joined['doc'][0])


def _key_record(element):
    key, entries = element
    yield from key_records((key, *entry) for entry in sorted(entries)).items()


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
        p = items.pipeline
        if state is not None:
            pruned = beam.pvalue.AsSingleton(
                p | 'StartIndex' >> beam.Create([None])
                | 'PruneIndex' >> beam.ParDo(_PruneIndexFn(state, s, run)))
        else:
            pruned = beam.pvalue.AsSingleton(p | 'NoIndex' >> beam.Create([0]))

        keyed = items | 'KeyItemsById' >> beam.Map(lambda it: (core.item_id(it), it))
        grouped = keyed | 'GroupItemsById' >> beam.GroupByKey()
        analysed = (grouped | 'AnalyzeItems' >> beam.ParDo(_GroupCopiesFn(s))
                    .with_outputs('copies', main='analyses'))
        analyses, copies = analysed.analyses, analysed.copies
        features = analyses | 'KeepFeatures' >> beam.MapTuple(
            lambda i, a: (i, core.features_of(a)))

        # exact stage
        exact = (features | 'EmitExactKeys' >> beam.FlatMap(_key_nodes)
                 | 'GroupByKeyShard' >> beam.GroupByKey()
                 | 'LinkExactCopies' >> beam.ParDo(_LinkExactCopiesFn(state, s, run), pruned)
                 | 'GatherExactEdges' >> beam.Map(lambda e: (None, e))
                 | 'GroupExactEdges' >> beam.GroupByKey()
                 | 'ResolveExactClusters' >> beam.FlatMap(_resolve_exact))

        survivors = ({'analysis': analyses, 'exact': exact}
                     | 'JoinExactDecisions' >> beam.CoGroupByKey()
                     | 'KeepExactSurvivors' >> beam.FlatMap(_survivor))

        # boilerplate per source domain
        boiler_out = (survivors
                      | 'KeyByDomain' >> beam.Map(
                          lambda a: (a['domain'], (a['id'], a['segs'], a['edge_segs'], a['tg'])))
                      | 'GroupByDomain' >> beam.GroupByKey()
                      | 'FindBoilerplate' >> beam.ParDo(
                          _FindBoilerplateFn(state, s, run), pruned)
                      .with_outputs('index', main='boilerplate'))
        boilerplate = beam.pvalue.AsDict(boiler_out.boilerplate)

        # near stage
        if s.near:
            docs = survivors | 'SignStories' >> beam.ParDo(_SignFn(s), boilerplate)
            slim_docs = docs | 'KeyDocsById' >> beam.Map(_slim)
            pairs = (docs | 'EmitCandidateKeys' >> beam.FlatMap(_candidate_keys)
                     | 'GroupByCandidateShard' >> beam.GroupByKey()
                     | 'PairBucketMembers' >> beam.FlatMap(_shard_pairs, s)
                     | 'DistinctPairs' >> beam.Distinct())
            halves = ({'doc': slim_docs, 'pair': pairs}
                      | 'JoinFirstOfPair' >> beam.CoGroupByKey()
                      | 'SendFirstToSecond' >> beam.FlatMap(_first_half))
            edges = ({'doc': slim_docs, 'half': halves}
                     | 'JoinSecondOfPair' >> beam.CoGroupByKey()
                     | 'VerifyCandidates' >> beam.FlatMap(_verify_pairs, s))
            if state is not None:
                old_edges = (docs | 'BatchDocs' >> beam.BatchElements(**_BATCH)
                             | 'MatchStoredStories' >> beam.ParDo(
                                 _MatchStoredFn(state, s, run), pruned))
                edges = (edges, old_edges) | 'AllNearEdges' >> beam.Flatten()
            near = (edges | 'GatherNearEdges' >> beam.Map(lambda e: (None, e))
                    | 'GroupNearEdges' >> beam.GroupByKey()
                    | 'ResolveNearClusters' >> beam.FlatMap(_resolve_near))
        else:
            docs = p | 'NoDocs' >> beam.Create([])
            near = p | 'NoNearDecisions' >> beam.Create([])

        members = exact | 'KeyByRoot' >> beam.MapTuple(lambda i, d: (d['duplicate_of'], (i, d)))
        decisions = ({'near': near, 'members': members}
                     | 'JoinNearAndExact' >> beam.CoGroupByKey()
                     | 'DecideEveryCopy' >> beam.FlatMap(_final_for_root))

        final = ({'item': grouped | 'FirstOfId' >> beam.MapTuple(
                      lambda i, its: (i, sorted(its, key=core.copy_order)[0])),
                  'copies': copies, 'decision': decisions, 'analysis': features,
                  'doc': docs | 'KeyFullDocsById' >> beam.Map(lambda d: (d['id'], d))}
                 | 'JoinDecisions' >> beam.CoGroupByKey()
                 | 'ApplyDecisions' >> beam.FlatMap(_emit_final)
                 .with_outputs('duplicates', 'keys', 'docs', main='items'))

        if state is not None:
            # every write waits for every decision: lookups never see this run's writes
            decided = beam.pvalue.AsList(
                decisions | 'CountDecisions' >> beam.combiners.Count.Globally().without_defaults())
            _ = (final.keys | 'GroupKeyRecords' >> beam.GroupByKey()
                 | 'MakeKeyRecords' >> beam.FlatMap(_key_record)
                 | 'BatchKeyRecords' >> beam.BatchElements(**_BATCH)
                 | 'WriteKeyIndex' >> beam.ParDo(_WriteFn(state, s, run, 'keys'), decided))
            _ = (final.docs | 'BatchKeptDocs' >> beam.BatchElements(**_BATCH)
                 | 'WriteDocIndex' >> beam.ParDo(_WriteFn(state, s, run, 'docs'), decided))
            _ = (boiler_out.index | 'BatchBoilerEntries' >> beam.BatchElements(**_BATCH)
                 | 'WriteBoilerplateIndex' >> beam.ParDo(
                     _WriteFn(state, s, run, 'boilerplate'), decided))
        return {'items': final.items, 'duplicates': final.duplicates}
