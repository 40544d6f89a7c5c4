"""``DeduplicateItems``: the Beam wiring of the stages in :mod:`transforms.dedup.engine`.

Everything proportional to the number of items is sharded by key; only the resolution over
*edges* (pairs of items found to be copies: few, compared with the items) is global. Records
travel as one pickled batch per (bundle, shard) -- few, large elements, since the DirectRunner's
cost is per element and per step -- keyed by a shard number in ``range(shards)``:

1. ``GroupItemsById``: items keyed by id, grouped (the one shuffle of full items). Per id the
   first copy (:func:`core.copy_order`) is analysed, the others are duplicates at once. Each
   analysis leaves in three batches: its exact keys (sharded by a hash of the key), its
   boilerplate record (by a hash of the source domain) and its token record (by a hash of the
   id).
2. ``GroupExactKeys`` -> ``ExactKeyShards``: per shard of exact keys, the items sharing a key
   (plus the story an earlier run kept under it: one index lookup per shard) give edges to the
   key's best node (:func:`core.group_edges`).
3. ``GatherExactEdges`` -> ``ResolveExact`` (global, edges only): union-find over the exact
   edges (:func:`core.resolve_exact`), in the order the in-memory engine meets them. It first
   prunes the index of expired entries: key lookups ignore those themselves, and every other
   lookup depends on this step's result. The exact duplicates are a side input.
4. ``GroupDomains`` -> ``BoilerplateShards``: per shard of source domains, each domain's
   boilerplate among its stories that are no exact duplicate (:func:`engine.boilerplate_stage`,
   one index lookup per shard); the sentence sets (per domain, not per item) are a side input.
5. ``SignStories``: per batch of one id shard, residual shingles, MinHash and candidate keys
   (:func:`engine.sign_stories`); the records go on keyed by their id shard, the candidate key
   codes split by code shard.
6. ``GroupCandidateKeys`` -> ``PairCandidates``: per shard of candidate key codes, candidate
   pairs (:func:`core.code_pairs`: the same pairs as pairing every bucket alone), and the
   earlier runs' stories sharing a key with each story (one index lookup per shard).
7. ``JoinFirstOfPair`` / ``JoinSecondOfPair``: joins on id shards (each input tags its own
   values; Flatten + GroupByKey). The first meets the records with the pairs on the shard of the
   first id (a pair found in several buckets meets itself there: each is verified once) and
   sends the first story's record to the shard of the second id; there ``VerifyPairs``
   verifies the pairs and this run's stories against the earlier runs' candidates (one lookup
   of their records per shard) (:func:`core.verify`).
8. ``GatherEdges`` -> ``ResolveNear`` (global, edges only, plus the exact decisions): greedy
   resolution over the verified near edges and the ``dedup`` fields of every duplicate
   (:func:`engine.decide`). Only duplicates have a decision; they are a side input.
9. ``ApplyDecisions``: each item gets its decision (no second shuffle of full items).
10. ``WriteKeyIndex`` / ``WriteDocIndex`` / ``WriteBoilerplateIndex``: index writes per shard
    of exact keys, story ids and domains, each its own transaction, all after every decision
    (the decisions are their side input, and the decisions need every lookup's result). Writes
    are idempotent: records are named by key or by their content.

``shards`` (default :data:`SHARDS` = 16) is the parallelism of the keyed steps. On the
in-process DirectRunner a step costs a little per element and a bundle emits up to ``shards``
elements per step, so 16 keeps that cost small (4 to 32 measured the same on 5,000 items) while
a call holds about 1/16 of the run's item records (about 3/16 for exact keys: an item has up to
three) or candidate keys. Boilerplate is counted per domain, so one domain's items meet in one
call. Decisions do not depend on ``shards``, nor do the index's exact-key and story records.

The steps call the same stage functions as the in-memory :func:`engine.deduplicate`, so both
decide with one piece of code. State opens in ``setup()`` and closes in ``teardown()``. Every
keyed step records how many items' records (``PairCandidates``: candidate keys) one call
received in a Beam Metrics distribution (``dedup/<step>_items``, ``dedup/pair_shard_keys``), the
two global steps how many edges (``dedup/resolve_exact_edges``, ``dedup/resolve_near_edges``).
"""
from __future__ import annotations

import pickle

import apache_beam as beam
import numpy as np
import xxhash
from apache_beam.metrics import Metrics
from apache_beam.transforms.window import GlobalWindows, IntervalWindow
from apache_beam.utils.timestamp import MIN_TIMESTAMP, Duration
from apache_beam.utils.windowed_value import WindowedValue

from transforms.context import RunContext
from transforms.state import StateConfig, open_state

from . import core
from . import engine
from . import index as ix
from .minhash import MinHasher
from .settings import DedupSettings

__all__ = ['DeduplicateItems', 'WriteDedupIndex', 'SHARDS', 'epoch_of']

STAGE = 'dedup'
#: default number of shards of the keyed steps (see the module docstring)
SHARDS = 16
#: a bundle's batch for one shard is sent once it holds this many records (bounds an element)
_MAX_BATCH = 2048
#: items looked up in ``dedup.seen`` at once
_SEEN_BATCH = 512
#: what the signing step needs of an analysis (the rest is in the features)
_TOKEN_FIELDS = ('id', 'prio', 'domain', 'sq', 'sn', 'tok', 'unspaced', 'tg')
_KIND_ORDER = {'url': 0, 'guid': 1, 'content': 2}


def _counter(name: str):
    return Metrics.counter(STAGE, name)


def _dist(name: str):
    return Metrics.distribution(STAGE, name)


def _dumps(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _records(batches):
    """The records of batches made by :class:`_Batches` (each a pickled list of pickles)."""
    loads = pickle.loads
    for raw in batches:
        yield from map(loads, loads(raw))


def _items(batches):
    """The values of batches that are one pickled list each."""
    for raw in batches:
        yield from pickle.loads(raw)


def shard_of(key: str, shards: int) -> int:
    """The shard of a string key (an id, an exact key, a source domain)."""
    return xxhash.xxh32_intdigest(key.encode('utf-8')) % shards


def code_shards(codes: np.ndarray, shards: int) -> np.ndarray:
    """The shard of each candidate key code (uint64; both halves mixed: band codes carry the
    band index in the high half, anchor codes a flag bit)."""
    return ((codes ^ (codes >> np.uint64(32))) % np.uint64(shards)).astype(np.int64)


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


class _Merged:
    """A side input of pickled dicts (one per shard), merged once per DoFn instance."""

    def __init__(self):
        self._raw, self._value = None, {}

    def get(self, raws) -> dict:
        raws = sorted(raws or ())
        if raws != self._raw:
            with engine.gc_paused():
                merged: dict = {}
                for raw in raws:
                    merged.update(pickle.loads(raw))
                self._raw, self._value = raws, merged
        return self._value


class _Batches:
    """Per (output, window, shard) a list of records, sent as one pickled element per bundle
    (or every ``_MAX_BATCH`` records)."""

    def __init__(self):
        self._open: dict = {}

    def add(self, tag: str, window, shard: int, record: bytes):
        batch = self._open.setdefault((tag, window, shard), [])
        batch.append(record)
        if len(batch) >= _MAX_BATCH:
            del self._open[(tag, window, shard)]
            yield self._out(tag, window, shard, batch)

    def flush(self, always: str, windows):
        """Every open batch; and an empty ``always`` batch (shard 0) for each of ``windows``
        that had none in this bundle, so that every window reaches the steps after it."""
        sent = {window for tag, window, _ in self._open if tag == always}
        for (tag, window, shard), batch in self._open.items():
            yield self._out(tag, window, shard, batch)
        for window in windows:
            if window not in sent:
                yield self._out(always, window, 0, [])
        self._open = {}

    @staticmethod
    def _out(tag, window, shard, batch):
        return beam.pvalue.TaggedOutput(
            tag, WindowedValue((shard, _dumps(batch)), window.max_timestamp(), [window]))


#: where an empty bundle's (absent) window maps onto a side input: the earliest window, so the
#: step does not wait for the side input to process nothing
_NO_WINDOW = IntervalWindow(MIN_TIMESTAMP, MIN_TIMESTAMP + Duration(micros=1))


def _side(view):
    """``view`` (a side input), made safe for windowed input on the DirectRunner.

    Its streaming mode hands a step the empty bundles of another step's unused outputs and maps
    their window -- ``None`` -- onto the side input's windows, which fails for any windowing
    but the global one. An empty bundle has nothing to process, so it maps to the earliest
    window instead; every other window maps as Beam maps it.
    """
    if isinstance(view.pvalue.windowing.windowfn, GlobalWindows):
        return view   # the global mapping ignores the window: nothing to make safe
    mapping = view._window_mapping_fn

    def tolerant(win):
        return _NO_WINDOW if win is None else mapping(win)
    view._window_mapping_fn = tolerant
    return view


def epoch_of(run: RunContext, window) -> ix.Epoch:
    """The index epoch of the elements in ``window``: the run itself in the global window (a
    batch run is one epoch), else the run and the window's bounds, at the window's end (event
    time). Lookups ignore what their own epoch wrote, what a later window wrote, and what is
    older than the retention before the epoch's time; so in a long streaming job each window
    sees the delivered stories of the windows before it, and expiry follows event time."""
    if isinstance(window, IntervalWindow):
        return ix.Epoch(f'{run.run_id}@{window.start.micros}-{window.end.micros}',
                        window.end.micros / 1e6, ordered=True)
    return ix.Epoch(run.run_id, ix.run_epoch(run.started_at))


# --- DoFns -------------------------------------------------------------------------------------
class _StateFn(beam.DoFn):
    """Base of the DoFns that read or write the persistent index; each call sets the epoch of
    its element's window (:func:`epoch_of`) before it touches the index."""

    def __init__(self, state: StateConfig | None, settings: DedupSettings, run: RunContext):
        self._state, self._settings, self._run = state, settings, run
        self._store = None
        self._epoch = None

    def _enter(self, window) -> None:
        self._epoch = epoch_of(self._run, window)

    @property
    def epoch(self) -> ix.Epoch:
        """What lookups get as ``run_id``: the epoch (its id, and for a window its order)."""
        return self._epoch

    @property
    def epoch_id(self) -> str:
        """What writes record as ``run``."""
        return self._epoch.id

    @property
    def cutoff(self) -> float:
        return self._epoch.at - self._settings.retention_days * 86400.0

    @property
    def at(self) -> float:
        return self._epoch.at

    def setup(self):
        if self._state is not None:  # without an index only this run's items are compared
            self._store = open_state(self._state)

    def teardown(self):
        if self._store is not None:
            self._store.close()
            self._store = None


class _AnalyzeFn(beam.DoFn):
    """Items sharing an id: the first in :func:`core.copy_order` goes on (keyed by id) and is
    analysed, others are duplicates of it. Analyses leave in batches per bundle, window and
    shard: exact keys (by key), boilerplate records (by domain), token records (by id)."""

    def __init__(self, settings: DedupSettings, shards: int):
        self._settings, self._shards = settings, shards
        self._cache = None
        self._batches = None

    def setup(self):
        self._cache = {}  # token -> hash, per worker: saves re-hashing frequent words

    def start_bundle(self):
        self._batches = _Batches()
        self._windows = set()
        self._items = self._copies = 0

    def process(self, element, window=beam.DoFn.WindowParam):
        item_id, items = element
        items = list(items)
        if len(items) > 1:
            items.sort(key=core.copy_order)
        self._items += len(items)
        self._windows.add(window)
        for extra in items[1:]:
            self._copies += 1
            yield beam.pvalue.TaggedOutput(
                'duplicates', core.apply_decision(extra, engine.same_id_decision(item_id)))
        with engine.gc_paused():
            out = list(self._emit(core.analyze_item(items[0], self._settings, self._cache),
                                  window))
        yield from out
        yield item_id, items[0]

    def _emit(self, analysis, window):
        # pickled one by one as they come: a bundle's buffer is then a list of bytes, not
        # thousands of dicts and lists the GC would traverse again and again while it grows
        shards, add = self._shards, self._batches.add
        feats = core.features_of(analysis)
        # a flat tuple (cheap to pickle); a node (core.node_of) is made only for keys held by
        # more than one story
        keys = feats['keys']
        part = (feats['id'], feats['prio'], (keys['url'], keys['guid'], keys['content']),
                feats['fp'], feats['published'])
        for key, kind in core.exact_keys(feats):
            yield from add('keys', window, shard_of(key, shards), _dumps((key, kind, *part)))
        yield from add('boiler', window, shard_of(feats['domain'], shards), _dumps(
            {k: feats[k] for k in ('id', 'domain', 'segs', 'edge_segs', 'tg')}))
        yield from add('tokens', window, shard_of(feats['id'], shards),
                       _dumps({k: analysis[k] for k in _TOKEN_FIELDS}))

    def finish_bundle(self):
        _counter('items_in').inc(self._items)
        _counter('same_id_copies').inc(self._copies)
        _counter('duplicates_out').inc(self._copies)
        # every window gets an exact-key batch: the exact resolution (which prunes the index
        # before the later lookups) then runs for every window
        yield from self._batches.flush('keys', self._windows)
        self._batches = self._windows = None


def _key_node(record) -> dict:
    """:func:`core.node_of` of an exact key record made by :class:`_AnalyzeFn`."""
    _, _, item, prio, (url, guid, content), fp, published = record
    return core.node_of({'id': item, 'prio': prio, 'fp': fp, 'published': published,
                         'keys': {'url': url, 'guid': guid, 'content': content}})


class _ExactShardFn(_StateFn):
    """One shard of exact keys: edges from each key's items (and the story an earlier run kept
    under the key) to the key's best node, each group tagged with where the in-memory engine
    meets it (the smallest id holding the key, then the key's kind), so that the global
    resolution sees the edges in the engine's order. Key lookups ignore expired entries
    themselves, so they need not wait for the pruning."""

    def process(self, element, window=beam.DoFn.WindowParam):
        self._enter(window)
        with engine.gc_paused():
            out = self._edges(element)
        yield None, out

    def _edges(self, element) -> bytes:
        _, batches = element
        groups: dict[str, list[tuple]] = {}
        ids = set()
        for record in _records(batches):
            groups.setdefault(record[0], []).append(record)
            ids.add(record[2])
        _dist('exact_shard_items').update(len(ids))
        found = {}
        if self._store is not None and groups:
            found = ix.lookup_keys(self._store, groups, self.epoch, self.cutoff)
            _counter('stored_key_matches').inc(len(found))
        out = []
        for key, records in groups.items():
            if len(records) == 1 and key not in found:
                continue
            kind = records[0][1]
            nodes = [_key_node(r) for r in records]
            if key in found:
                nodes.append(core.old_node(found[key]['kept'], key, kind, found[key]))
            out.append(((min(r[2] for r in records), _KIND_ORDER[kind]),
                        core.group_edges(kind, nodes)))
        return _dumps(out)


class _ResolveExactFn(_StateFn):
    """Global, over exact edges only: the exact decisions of the window's items. First it
    prunes the index of entries older than the retention window: it runs after every key
    lookup and before every other lookup (they all depend on its result)."""

    def process(self, element, window=beam.DoFn.WindowParam):
        self._enter(window)
        _, batches = element
        if self._store is not None:
            _counter('index_entries_pruned').inc(ix.prune(self._store, self.cutoff))
        with engine.gc_paused():
            groups = sorted(_items(batches), key=lambda g: g[0])
            edges = [e for _, group in groups for e in group]
            _dist('resolve_exact_edges').update(len(edges))
            exact = core.resolve_exact(edges)
            _counter('exact_duplicates').inc(len(exact))
            out = _dumps(exact)
        yield None, ('exact', out)


def _exact_raw(side) -> bytes | None:
    """The pickled exact decisions in the side input of :class:`_ResolveExactFn`'s output."""
    return None if side is None else side[1][1]


class _BoilerplateShardFn(_StateFn):
    """One shard of source domains: each domain's boilerplate sentences among its stories that
    are no exact duplicate (this run's plus the index's), and what the index keeps of them."""

    def __init__(self, state, settings, run):
        super().__init__(state, settings, run)
        self._exact = _Unpickled()

    def process(self, element, exact_side, window=beam.DoFn.WindowParam):
        self._enter(window)
        with engine.gc_paused():
            shard, batches = element
            exact = self._exact.get(_exact_raw(exact_side), {})
            feats = sorted(_records(batches), key=lambda f: f['id'])
            _dist('boilerplate_shard_items').update(len(feats))
            survivors = [f for f in feats if f['id'] not in exact]
            boiler, entries = engine.boilerplate_stage(survivors, self._store, self._settings,
                                                       self.epoch, self.cutoff)
            _counter('boilerplate_sentences').inc(sum(len(b) for b in boiler.values()))
            out = _dumps(boiler)
            pending = _dumps(entries)
        yield out
        if entries:
            yield beam.pvalue.TaggedOutput('index', (shard, pending))


class _SignFn(beam.DoFn):
    """Near-duplicate records of one batch's surviving stories (keyed by their id shard) and
    their candidate key codes, split by code shard."""

    def __init__(self, settings: DedupSettings, shards: int):
        self._settings, self._shards = settings, shards
        self._hasher = None
        self._exact = _Unpickled()
        self._boiler = _Merged()

    def setup(self):
        s = self._settings
        self._hasher = MinHasher(s.num_perm, s.bands, s.rows, s.seed)

    def process(self, element, exact_side, boiler_raws):
        with engine.gc_paused():
            shard, raw = element
            exact = self._exact.get(_exact_raw(exact_side), {})
            analyses = list(_records([raw]))
            _dist('sign_batch_items').update(len(analyses))
            stories = [a for a in analyses if a['id'] not in exact]
            docs = engine.sign_stories(stories, self._boiler.get(boiler_raws), self._hasher,
                                       self._settings)
            _counter('signed').inc(len(docs))
            _counter('too_short_for_near').inc(len(stories) - len(docs))
            out = _dumps(docs)
            keys = self._split_codes(docs)
        if docs:
            # to both joins by id shard (the first one pairs, the second one verifies)
            tagged = (shard, ('docs', out))
            yield tagged
            yield beam.pvalue.TaggedOutput('docs_first', tagged)
            for key_shard, batch in keys:
                yield beam.pvalue.TaggedOutput('codes', (key_shard, batch))

    def _split_codes(self, docs):
        """Per code shard: the members (priority, id), their codes there and whose each is."""
        arrays = [np.frombuffer(d['ck'], dtype=np.uint64) for d in docs]
        if not arrays:
            return []
        codes = np.concatenate(arrays)
        owner = np.repeat(np.arange(len(docs), dtype=np.uint32), [len(a) for a in arrays])
        where = code_shards(codes, self._shards)
        order = np.argsort(where, kind='stable')
        codes, owner, where = codes[order], owner[order], where[order]
        bounds = np.flatnonzero(np.diff(where)) + 1
        # priorities as three flat lists (published, -length, id): cheap to pickle
        columns = [[d['prio'][k] for d in docs] for k in range(3)]
        out = []
        for start, end in zip(np.r_[0, bounds], np.r_[bounds, len(where)]):
            idx = owner[start:end]
            used = np.unique(idx)
            local = np.searchsorted(used, idx).astype(np.uint32)
            pick = used.tolist()
            members = [[col[i] for i in pick] for col in columns]
            out.append((int(where[start]), _dumps(
                (members, codes[start:end].tobytes(), local.tobytes()))))
        return out


class _PairFn(_StateFn):
    """One shard of candidate key codes: candidate pairs of this run's stories (each sent to the
    shard of its first id) and the earlier runs' stories sharing a key with each story (sent to
    the shard of the story)."""

    def __init__(self, state, settings, run, shards: int):
        super().__init__(state, settings, run)
        self._shards = shards

    def process(self, element, window=beam.DoFn.WindowParam):
        self._enter(window)
        with engine.gc_paused():
            out = self._pairs(element)
        yield from out

    def _pairs(self, element):
        _, batches = element
        members, codes, owner = [], [], []
        for (pub, neg, ids), batch_codes, batch_owner in map(pickle.loads, batches):
            codes.append(np.frombuffer(batch_codes, dtype=np.uint64))
            owner.append(np.frombuffer(batch_owner, dtype=np.uint32).astype(np.int64)
                         + len(members))
            members.extend(((p, n, i), i) for p, n, i in zip(pub, neg, ids))
        codes = np.concatenate(codes) if codes else np.zeros(0, dtype=np.uint64)
        # a shard holds its part of the candidate keys (of nearly every story: each has ~35)
        _dist('pair_shard_keys').update(len(codes))
        owner = np.concatenate(owner) if owner else np.zeros(0, dtype=np.int64)
        s, shards = self._settings, self._shards
        pairs, buckets = core.code_pairs(members, codes, owner, s.max_bucket_pairs,
                                         s.max_anchor_bucket)
        _counter('candidate_buckets').inc(buckets)
        out: dict[tuple, list] = {}
        for a, b in sorted(pairs):
            out.setdefault(('pairs', shard_of(a, shards)), []).append((a, b))
        if self._store is not None:
            for doc_id, ids in sorted(self._stored(members, codes, owner).items()):
                out.setdefault(('old', shard_of(doc_id, shards)), []).append((doc_id, ids))
        return [beam.pvalue.TaggedOutput(tag, (shard, (tag, _dumps(batch))))
                for (tag, shard), batch in out.items()]

    def _stored(self, members, codes, owner) -> dict[str, list[str]]:
        """Per story, the earlier runs' stories it shares a key with (at most
        ``max_bucket_pairs`` per key, as :func:`engine.stored_edges` takes them)."""
        found = ix.lookup_code_members(self._store, set(codes.tolist()), self.epoch,
                                       self.cutoff)
        if not found:
            return {}
        limit = self._settings.max_bucket_pairs
        hit = np.flatnonzero(np.isin(codes, np.fromiter(found, dtype=np.uint64,
                                                         count=len(found))))
        cands: dict[str, set[str]] = {}
        for code, who in zip(codes[hit].tolist(), owner[hit].tolist()):
            cands.setdefault(members[who][1], set()).update(found[code][:limit])
        return {doc_id: sorted(ids) for doc_id, ids in cands.items()}


def _joined(element) -> dict[str, list[bytes]]:
    """A shard's grouped (tag, batch) values, as lists per tag (a CoGroupByKey whose inputs
    tag their own values: no extra step per input)."""
    _, values = element
    out: dict[str, list[bytes]] = {'docs': [], 'pairs': [], 'halves': [], 'old': []}
    for tag, raw in values:
        out[tag].append(raw)
    return out


def _slim(doc: dict) -> dict:
    """What verification needs of a record (no candidate keys)."""
    return {k: doc[k] for k in ('id', 'prio', 'sh', 'fx', 'tg')}


class _FirstOfPairFn(beam.DoFn):
    """One id shard: each distinct pair whose first story is here sends that story's record to
    the shard of the second story."""

    def __init__(self, shards: int):
        self._shards = shards

    def process(self, element):
        with engine.gc_paused():
            out = self._halves(element)
        yield from out

    def _halves(self, element):
        joined = _joined(element)
        pairs = sorted(set(_items(joined['pairs'])))
        if not pairs:
            return []
        docs = {d['id']: d for d in _items(joined['docs'])}
        _dist('first_of_pair_shard_items').update(len(docs))
        _counter('candidate_pairs').inc(len(pairs))
        out: dict[int, dict[str, list[str]]] = {}
        for a, b in pairs:
            out.setdefault(shard_of(b, self._shards), {}).setdefault(a, []).append(b)
        return [(shard, ('halves', _dumps([(_slim(docs[a]), bs) for a, bs in halves.items()])))
                for shard, halves in out.items()]


class _VerifyFn(_StateFn):
    """One id shard: verified edges of the pairs whose second story is here, and of the stories
    here against the earlier runs' candidates."""

    def process(self, element, window=beam.DoFn.WindowParam):
        self._enter(window)
        with engine.gc_paused():
            out = self._verify(element)
        if out is not None:
            yield None, ('near', out)

    def _verify(self, element) -> bytes | None:
        joined = _joined(element)
        if not joined['halves'] and not joined['old']:
            return None
        s = self._settings
        docs = {d['id']: d for d in _items(joined['docs'])}
        _dist('verify_shard_items').update(len(docs))
        edges = []
        for doc_a, bs in _items(joined['halves']):
            for b in bs:
                sim = core.verify(doc_a, docs[b], s)
                if sim is not None:
                    edges.append((doc_a['id'], doc_a['prio'], b, docs[b]['prio'], sim))
        _counter('verified_pairs').inc(len(edges))
        if self._store is not None and joined['old']:
            cands: dict[str, set[str]] = {}
            for doc_id, ids in _items(joined['old']):
                cands.setdefault(doc_id, set()).update(ids)
            wanted = sorted({i for ids in cands.values() for i in ids})
            old = ix.lookup_docs(self._store, wanted, self.epoch, self.cutoff)
            found = 0
            for doc_id in sorted(cands):
                doc = docs[doc_id]
                for old_id in sorted(cands[doc_id]):
                    if old_id in old:
                        sim = core.verify(doc, old[old_id], s)
                        if sim is not None:
                            found += 1
                            edges.append((doc_id, doc['prio'], f'old:{old_id}', None, sim))
            _counter('stored_near_matches').inc(found)
        return _dumps(edges) if edges else None


def _decide(element):
    """Global, over near edges only (plus the exact decisions): every duplicate's decision."""
    _, parts = element
    with engine.gc_paused():
        exact: dict = {}
        edges, prios, old_ids = [], {}, set()
        for kind, raw in parts:
            if kind == 'exact':
                exact = pickle.loads(raw)
                continue
            for a, pa, b, pb, sim in pickle.loads(raw):
                prios[a] = pa
                if pb is None:
                    old_ids.add(b)
                else:
                    prios[b] = pb
                edges.append((a, b, sim))
        _dist('resolve_near_edges').update(len(edges))
        # nodes without an edge are kept whatever the others: resolving over the edges'
        # endpoints decides as resolving over every story
        near, decisions = engine.decide(exact, prios, sorted(edges), old_ids)
        _counter('near_duplicates').inc(len(near))
        out = _dumps(decisions)
    yield out


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


class _SeenFn(_StateFn):
    """Items (kept or duplicates) whose very content an earlier run delivered under the same id
    go to ``seen_before``; the others go on, and leave their ``(id, digest, cluster)`` for the
    ``dedup.seen`` index. Lookups are batched per bundle (one ``get_many`` per
    ``_SEEN_BATCH`` items)."""

    def start_bundle(self):
        self._pending = []

    def process(self, item, window=beam.DoFn.WindowParam, timestamp=beam.DoFn.TimestampParam):
        self._pending.append((item, window, timestamp))
        if len(self._pending) >= _SEEN_BATCH:
            yield from self._flush()

    def finish_bundle(self):
        yield from self._flush()

    def _flush(self):
        pending, self._pending = self._pending, []
        if not pending:
            return
        pairs = [(core.item_id(item), core.content_digest(item)) for item, _, _ in pending]
        seen: dict = {}
        if self._store is not None:   # one lookup per window (epoch) of the batch
            by_window: dict = {}
            for (_, window, _), pair in zip(pending, pairs):
                by_window.setdefault(window, []).append(pair)
            for window, wanted in by_window.items():
                self._enter(window)
                for pair, record in ix.lookup_seen(self._store, wanted, self.epoch,
                                                   self.cutoff).items():
                    seen[(window, pair)] = record
        again = 0
        for (item, window, timestamp), (item_id, digest) in zip(pending, pairs):
            record = seen.get((window, (item_id, digest)))
            if record is not None:
                again += 1
                out = {**item, 'dedup': {**(item.get('dedup') or {}), 'seen_before': True,
                                         'first_run': record.get('run')}}
                yield beam.pvalue.TaggedOutput('seen_before',
                                               WindowedValue(out, timestamp, [window]))
                continue
            cluster = (item.get('dedup') or {}).get('cluster_id') or item_id
            yield beam.pvalue.TaggedOutput('seen', WindowedValue(
                (item_id, digest, cluster), timestamp, [window]))
            yield WindowedValue(item, timestamp, [window])
        _counter('seen_before').inc(again)


class _WriteFn(_StateFn):
    """Index writes of one shard, after every decision of the run (its side input) and, when
    the transform defers its index, after every later stage (the ids of the stories they did
    not deliver are a side input: those are left out, so the next run delivers them). Each call
    is its own transaction per namespace, and writing again writes the same records."""

    def __init__(self, state, settings, run, what: str):
        super().__init__(state, settings, run)
        self._what = what
        self._decisions = _Unpickled()

    def process(self, element, decisions_raw, *extra, window=beam.DoFn.WindowParam):
        # extra: the undelivered ids, when the caller gave them (one side input)
        self._enter(window)
        undelivered = extra[0] if extra else ()
        with engine.gc_paused():
            decisions = self._decisions.get(decisions_raw, {})
            getattr(self, '_' + self._what)(element[1], decisions, frozenset(undelivered))
        return []

    def _keys(self, batches, decisions, undelivered):
        entries, left = [], 0
        for key, _, item, _, _, fp, published in _records(batches):
            dec = decisions.get(item)
            kept = dec['cluster_id'] if dec else item
            if item in undelivered or kept in undelivered:
                left += 1
                continue
            entries.append((key, kept, published, fp))
        records = engine.key_records(entries)
        ix.write_keys(self._store, records, self.epoch_id, self.at)
        _counter('index_keys_written').inc(len(records))
        _counter('index_keys_undelivered').inc(left)

    def _docs(self, values, decisions, undelivered):
        docs = {d['id']: d for tag, raw in values if tag == 'docs' for d in pickle.loads(raw)}
        kept = [docs[i] for i in sorted(docs) if i not in decisions and i not in undelivered]
        ix.write_docs(self._store, kept, self.epoch_id, self.at)
        _counter('index_docs_written').inc(len(kept))

    def _boilerplate(self, raw, decisions, undelivered):
        entries = [e for e in pickle.loads(raw) if e[1] not in undelivered]
        ix.write_boilerplate(self._store, entries, self.epoch_id, self.at)
        _counter('index_boilerplate_written').inc(len(entries))

    def _seen(self, entries, decisions, undelivered):
        rows = [(item, digest) for item, digest, cluster in entries
                if item not in undelivered and cluster not in undelivered]
        _counter('index_seen_written').inc(ix.write_seen(self._store, rows, self.epoch_id,
                                                         self.at))


class WriteDedupIndex(beam.PTransform):
    """Record a run's delivered stories in the cross-run index.

    Input: the ``index`` dict that :class:`DeduplicateItems` returns with ``defer_index=True``.
    ``undelivered``: optional PCollection of item ids that a later stage or step dead-lettered
    for a reason a fix can cure; their stories (and the duplicates judged against them) are
    left out of the index, so the next run delivers them. The writes wait for every decision and
    for ``undelivered`` to be complete (both are side inputs). Through a staged
    :class:`~transforms.state.StateConfig` the writes stay invisible until the driver commits
    the run.
    """

    def __init__(self, settings: DedupSettings, state: StateConfig, run: RunContext,
                 undelivered=None):
        super().__init__()
        if not isinstance(state, StateConfig):
            raise ValueError(f'state must be a StateConfig, not {type(state).__name__}')
        self._settings, self._state, self._run = settings, state, run
        self._undelivered = undelivered

    def expand(self, pending):
        s, state, run = self._settings, self._state, self._run
        decisions = _side(beam.pvalue.AsSingleton(pending['decisions'], default_value=None))
        extra = ([_side(beam.pvalue.AsList(self._undelivered))]
                 if self._undelivered is not None else [])
        _ = pending['keys'] | 'WriteKeyIndex' >> beam.ParDo(
            _WriteFn(state, s, run, 'keys'), decisions, *extra)
        _ = pending['boiler'] | 'WriteBoilerplateIndex' >> beam.ParDo(
            _WriteFn(state, s, run, 'boilerplate'), decisions, *extra)
        if pending.get('docs') is not None:
            _ = pending['docs'] | 'WriteDocIndex' >> beam.ParDo(
                _WriteFn(state, s, run, 'docs'), decisions, *extra)
        if isinstance(pending['seen'].windowing.windowfn, GlobalWindows):
            seen = (pending['seen']
                    | 'BatchSeen' >> beam.BatchElements(min_batch_size=1, max_batch_size=2048)
                    | 'KeySeenBatches' >> beam.Map(lambda batch: (None, batch)))
        else:
            # windowed (streaming): a batch per window and shard of ids. BatchElements keeps
            # state and timers there, and the empty bundles its timers leave make the
            # DirectRunner fail to map them onto this step's side inputs' windows
            seen = (pending['seen']
                    | 'KeySeenByShard' >> beam.Map(lambda e: (shard_of(e[0], SHARDS), e))
                    | 'GroupSeen' >> beam.GroupByKey()
                    | 'ListSeenBatches' >> beam.Map(lambda kv: (None, list(kv[1]))))
        _ = seen | 'WriteSeenIndex' >> beam.ParDo(_WriteFn(state, s, run, 'seen'), decisions,
                                                  *extra)
        return beam.pvalue.PDone(pending['keys'].pipeline)


# --- the transform -----------------------------------------------------------------------------
class DeduplicateItems(beam.PTransform):
    """Split items into unique ones and duplicates: exact, then near, within and across runs.

    Input: normalized items (dicts with the contract keys). Output: ``{'items': unique items,
    'duplicates': items judged duplicates}``, each with ``dedup`` = ``{cluster_id, duplicate_of,
    method, similarity, update}`` (see :mod:`transforms.dedup`). Decisions do not depend on the
    runner, the number of workers, the input order or ``shards`` (the parallelism of the keyed
    steps). With ``state`` (a :class:`~transforms.state.StateConfig`) stories of earlier runs
    (within ``settings.retention_days``) are matched and always kept; without it only this
    run's items are compared. Windowed input is deduplicated window by window (and against the
    index): each window is an index epoch (:func:`epoch_of`), so with a state a window sees the
    stories the windows before it recorded (not its own, not later windows'), and
    ``retention_days`` counts back from the window's end in event time. Does not preserve
    order.

    With ``state``, an item whose id and content an earlier run delivered goes to a third output,
    ``seen_before`` (with ``dedup.seen_before`` and ``dedup.first_run``), instead of being judged
    a duplicate again. ``defer_index=True`` leaves the index writes to the caller: the output
    then has an ``index`` entry for :class:`WriteDedupIndex`, applied once the later stages have
    decided which stories were delivered.
    """

    def __init__(self, settings: DedupSettings, state: StateConfig | None, run: RunContext,
                 shards: int = SHARDS, defer_index: bool = False):
        super().__init__()
        if not isinstance(settings, DedupSettings):
            raise ValueError(f'settings must be DedupSettings, not {type(settings).__name__}')
        if state is not None and not isinstance(state, StateConfig):
            raise ValueError(f'state must be a StateConfig or None, not {type(state).__name__}')
        if not isinstance(run, RunContext):
            raise ValueError(f'run must be a RunContext, not {type(run).__name__}')
        if not isinstance(shards, int) or shards < 1:
            raise ValueError(f'shards must be a positive int, not {shards!r}')
        if state is not None:
            state.validate()
        if defer_index and state is None:
            raise ValueError('defer_index needs a state to write the index to')
        self._settings, self._state, self._run, self._shards = settings, state, run, shards
        self._defer_index = bool(defer_index)

    def expand(self, items):
        s, state, run, shards = self._settings, self._state, self._run, self._shards
        analysed = (items
                    | 'KeyItemsById' >> beam.Map(lambda it: (core.item_id(it), it))
                    | 'GroupItemsById' >> beam.GroupByKey()
                    | 'AnalyzeItems' >> beam.ParDo(_AnalyzeFn(s, shards)).with_outputs(
                        'keys', 'boiler', 'tokens', 'duplicates', main='items'))

        # exact stage: per shard of keys, then the global union-find over edges
        key_shards = analysed.keys | 'GroupExactKeys' >> beam.GroupByKey()
        exact_out = (key_shards
                     | 'ExactKeyShards' >> beam.ParDo(_ExactShardFn(state, s, run))
                     | 'GatherExactEdges' >> beam.GroupByKey()
                     | 'ResolveExact' >> beam.ParDo(_ResolveExactFn(state, s, run)))
        exact = _side(beam.pvalue.AsSingleton(exact_out, default_value=None))

        # boilerplate per shard of source domains
        boiler_out = (analysed.boiler
                      | 'GroupDomains' >> beam.GroupByKey()
                      | 'BoilerplateShards' >> beam.ParDo(_BoilerplateShardFn(state, s, run),
                                                          exact)
                      .with_outputs('index', main='boilerplate'))

        boilerplate = boiler_out.boilerplate
        if not isinstance(items.windowing.windowfn, GlobalWindows):
            # the DirectRunner's streaming mode adds every output of a multi-output step to
            # the view of its main output: the 'index' batches would join the side input
            boilerplate = boilerplate | 'KeepBoilerplate' >> beam.Map(lambda raw: raw)
        edges = [exact_out]
        if s.near:
            signed = (analysed.tokens
                      | 'SignStories' >> beam.ParDo(
                          _SignFn(s, shards), exact, _side(beam.pvalue.AsList(boilerplate)))
                      .with_outputs('codes', 'docs_first', main='docs'))
            candidates = (signed.codes
                          | 'GroupCandidateKeys' >> beam.GroupByKey()
                          | 'PairCandidates' >> beam.ParDo(_PairFn(state, s, run, shards))
                          .with_outputs('pairs', 'old'))
            # two joins on id shards (each input tags its own values: Flatten + GroupByKey)
            halves = ((signed.docs_first, candidates.pairs)
                      | 'FlattenFirstOfPair' >> beam.Flatten()
                      | 'JoinFirstOfPair' >> beam.GroupByKey()
                      | 'SendFirstToSecond' >> beam.ParDo(_FirstOfPairFn(shards)))
            second = ((signed.docs, halves, candidates.old)
                      | 'FlattenSecondOfPair' >> beam.Flatten()
                      | 'JoinSecondOfPair' >> beam.GroupByKey())
            edges.append(second | 'VerifyPairs' >> beam.ParDo(_VerifyFn(state, s, run)))
        decisions = _side(beam.pvalue.AsSingleton(
            edges | 'AllEdges' >> beam.Flatten()
            | 'GatherEdges' >> beam.GroupByKey()
            | 'ResolveNear' >> beam.FlatMap(_decide),
            default_value=None))

        applied = (analysed.items
                   | 'ApplyDecisions' >> beam.ParDo(_ApplyFn(), decisions)
                   .with_outputs('duplicates', main='items'))
        duplicates = ((applied.duplicates, analysed.duplicates)
                      | 'AllDuplicates' >> beam.Flatten())
        if state is None:
            return {'items': applied.items, 'duplicates': duplicates,
                    'seen_before': items.pipeline | 'NothingSeenBefore' >> beam.Create([])}

        # an item an earlier run delivered with this very content is "seen before"
        kept = applied.items | 'FindSeenItems' >> beam.ParDo(
            _SeenFn(state, s, run)).with_outputs('seen_before', 'seen', main='items')
        dups = duplicates | 'FindSeenDuplicates' >> beam.ParDo(
            _SeenFn(state, s, run)).with_outputs('seen_before', 'seen', main='items')
        pending = {
            'keys': key_shards, 'boiler': boiler_out.index, 'decisions': decisions.pvalue,
            'seen': (kept.seen, dups.seen) | 'AllDelivered' >> beam.Flatten(),
        }
        if s.near:
            pending['docs'] = second
        out = {'items': kept.items, 'duplicates': dups.items,
               'seen_before': ((kept.seen_before, dups.seen_before)
                               | 'AllSeenBefore' >> beam.Flatten())}
        if self._defer_index:
            out['index'] = pending
        else:  # index writes after every decision, for every item that left this stage
            _ = pending | 'WriteIndex' >> WriteDedupIndex(s, state, run)
        return out
