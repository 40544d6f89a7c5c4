"""The persistent dedup index in a :class:`~transforms.state.StateStore` (plain functions).

Namespaces:

* ``dedup.key`` -- exact key (``u:<canonical url>``, ``g:<domain>\\x1f<guid>``, ``c:<fingerprint>``)
  -> ``{"kept": id, "fp": latest fingerprint seen under the key, "run": run id, "at": epoch}``.
  Every item's keys are written (duplicates' too, pointing at their kept item), so a later resend
  of any copy is an exact duplicate of the story that was emitted.
* ``dedup.doc`` -- kept story id -> ``{"sh": residual shingles, "fx": the full text's other
  shingles (its boilerplate's), "tg": title grams, "run", "at"}`` (base64 of uint32 arrays): what
  a later run verifies a candidate against.
* ``dedup.lsh`` -- the band and anchor keys of the stories one write indexed, in one record:
  ``{"docs": [ids], "codes": key codes, "owner": index into docs per code, "run", "at"}`` (base64
  of uint64/uint32 arrays; a key ``b<i>:<hex32>`` is coded ``i << 32 | hex32``, ``a:<hex48>``
  is ``1 << 63 | hex48``). One record per write (the Beam transform writes one per shard of
  story ids) instead of ~35 multimap rows per story: those rows (and their time index) cost
  about as much as the rest of the stage. A lookup reads every record of the namespace once
  per call (a few bytes per key of every story within the retention window) and answers all of
  its keys from it; the transform calls it once per shard of candidate keys.
* ``dedup.boiler`` -- per source domain, sentence hash -> ids of stories whose first/last
  sentences (or boilerplate) had it, so boilerplate is recognised in a run with few items of a
  source; a sentence already held for enough stories is not added again. One record per write
  (like ``dedup.lsh``): ``{"domains": [...], "bounds": [[start, end], ...] per domain,
  "stories": [ids], "seg": sentence hashes, "story": index into stories per hash, "run",
  "at"}`` (base64 of uint64/uint32 arrays), instead of one multimap row per (sentence, story).

* ``dedup.seen`` -- ``<item id>\x1f<content digest>`` -> ``{"run", "at"}`` for every item and
  duplicate a run delivered: the same item (same id, same content) read again by a later run is
  "seen before", not a new duplicate. Keyed by both, so two inputs that carry one id with
  different texts are each recognised.

Visibility is keyed by an *epoch* (:class:`Epoch`): a batch run is one epoch (its run id, at its
start); in a streaming job each window is one (the run id and the window's bounds, at the
window's end in event time; it sees only records of epochs at or before that). A record's
``run`` field names the epoch that wrote it and ``at`` its epoch's time. Records written by the
current epoch are ignored by lookups, and records older than the retention window before the
epoch's time are ignored before :func:`prune` removes them, so decisions depend on the index as
it was when the epoch began: retries and re-executions give the same answer, while a later
window of the same streaming job sees what earlier windows delivered. Writes are idempotent
(same key, same value).
"""
from __future__ import annotations

import base64
import datetime as _dt
import time
from typing import Iterable, NamedTuple

import numpy as np
import xxhash

from transforms.state import StateStore

from .minhash import ANCHOR_BIT

__all__ = [
    'NS_KEY', 'NS_DOC', 'NS_LSH', 'NS_BOILER', 'NAMESPACES', 'cutoff_of', 'run_epoch',
    'lookup_keys', 'lookup_docs', 'lookup_candidates', 'lookup_members', 'ckey_code',
    'lookup_code_members', 'lookup_boilerplate', 'lookup_boilerplate_many', 'write_keys',
    'write_docs', 'write_boilerplate', 'prune', 'boiler_key', 'NS_SEEN', 'lookup_seen',
    'write_seen', 'Epoch',
]

NS_KEY = 'dedup.key'
NS_DOC = 'dedup.doc'
NS_LSH = 'dedup.lsh'
NS_BOILER = 'dedup.boiler'
NS_SEEN = 'dedup.seen'
NAMESPACES = (NS_KEY, NS_DOC, NS_LSH, NS_BOILER, NS_SEEN)


class Epoch(NamedTuple):
    """Who wrote index records and when, for visibility and expiry: ``id`` is stored as the
    records' ``run`` (a run id, or a run id with a window's bounds), ``at`` (epoch seconds) as
    their ``at`` and the time the retention is counted back from. An ``ordered`` epoch (a
    streaming window) sees only records written at or before its ``at``. Every lookup takes an
    Epoch or a plain run id where it takes ``run_id``."""
    id: str
    at: float
    ordered: bool = False


def run_epoch(started_at: str | None) -> float:
    """Epoch seconds of a run's RFC 3339 start (now when unknown)."""
    if not started_at:
        return time.time()
    return _dt.datetime.fromisoformat(started_at.replace('Z', '+00:00')).timestamp()


def cutoff_of(started_at: str | None, retention_days: float) -> float:
    return run_epoch(started_at) - retention_days * 86400.0


def _foreign(record: dict, run_id) -> bool:
    """Not written by the epoch ``run_id`` (a run id, or an :class:`Epoch`); for an ordered
    epoch (a streaming window), also not written by a later one: windows decided out of order
    then miss each other rather than both claim a story."""
    if isinstance(run_id, Epoch):
        return record.get('run') != run_id.id and (
            not run_id.ordered or record.get('at', 0.0) <= run_id.at)
    return record.get('run') != run_id


def _live(record: dict | None, run_id, cutoff: float) -> bool:
    return bool(record) and _foreign(record, run_id) and record.get('at', 0.0) >= cutoff


def _visible(record: dict, run_id: str | None, cutoff: float | None) -> bool:
    """Whether a whole-write record (``dedup.lsh``, ``dedup.boiler``) is part of the index as it
    was before the epoch ``run_id``: not written by it, not expired (``cutoff`` None: no age
    limit).

    Without this the candidate and boilerplate lookups (unlike the key, doc and seen lookups)
    would see what the current run has written so far -- in a windowed or retried run that
    depends on timing -- and the candidate cap would count stories verification then ignores.
    """
    if run_id is not None and not _foreign(record, run_id):
        return False
    return cutoff is None or record.get('at', 0.0) >= cutoff


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode('ascii')


def boiler_key(domain: str, seg: int) -> str:
    return f'{domain}\x1f{seg:016x}'


def lookup_keys(store: StateStore, keys: Iterable[str], run_id: str | None,
                cutoff: float) -> dict[str, dict]:
    found = store.get_many(NS_KEY, keys)
    return {k: v for k, v in found.items() if _live(v, run_id, cutoff)}


def lookup_docs(store: StateStore, ids: Iterable[str], run_id: str | None,
                cutoff: float) -> dict[str, dict]:
    """Verification records of earlier stories, shaped like :func:`core.make_doc` output."""
    found = store.get_many(NS_DOC, ids)
    return {k: {'id': k, 'sh': base64.b64decode(v['sh']), 'tg': base64.b64decode(v['tg']),
                'fx': base64.b64decode(v.get('fx', ''))}
            for k, v in found.items() if _live(v, run_id, cutoff)}


def lookup_candidates(store: StateStore, ckeys: Iterable[str], limit: int) -> list[str]:
    """Ids of earlier stories sharing a candidate key; at most ``limit`` per key (smallest ids)."""
    ids: set[str] = set()
    for members in lookup_members(store, ckeys).values():
        ids.update(members[:limit])
    return sorted(ids)


def ckey_code(key: str) -> int:
    """The 64-bit code (see :mod:`.minhash`) of a band key ``b<i>:<8 hex>`` or anchor key
    ``a:<12 hex>``."""
    kind, _, value = key.partition(':')
    if kind == 'a':
        return ANCHOR_BIT | int(value, 16)
    return (int(kind[1:]) << 32) | int(value, 16)


def lookup_members(store: StateStore, ckeys: Iterable[str], run_id: str | None = None,
                   cutoff: float | None = None) -> dict[str, list[str]]:
    """Every candidate key's indexed stories (sorted ids), for many stories in one call."""
    wanted = {ckey_code(k): k for k in ckeys}
    return {wanted[code]: ids
            for code, ids in lookup_code_members(store, wanted, run_id, cutoff).items()}


def lookup_code_members(store: StateStore, codes: Iterable[int], run_id: str | None = None,
                        cutoff: float | None = None) -> dict[int, list[str]]:
    """:func:`lookup_members` by key code: every code's indexed stories (sorted ids), from the
    records of earlier runs (not ``run_id``'s) written at or after ``cutoff``."""
    codes = set(codes)
    if not codes:
        return {}
    query = np.fromiter(codes, dtype=np.uint64, count=len(codes))
    found: dict[int, set[str]] = {}
    for _, record in store.scan(NS_LSH):
        if not _visible(record, run_id, cutoff):
            continue
        stored = np.frombuffer(base64.b64decode(record['codes']), dtype=np.uint64)
        hit = np.isin(stored, query)
        if not hit.any():
            continue
        owner = np.frombuffer(base64.b64decode(record['owner']), dtype=np.uint32)[hit]
        docs = record['docs']
        for code, i in zip(stored[hit].tolist(), owner.tolist()):
            if code in found:
                found[code].add(docs[i])
            else:
                found[code] = {docs[i]}
    return {code: sorted(ids) for code, ids in found.items()}


def lookup_boilerplate(store: StateStore, domain: str, segs: Iterable[int],
                       run_id: str | None = None,
                       cutoff: float | None = None) -> dict[int, list[str]]:
    """For each sentence hash of ``domain`` the index holds, the stories (sorted ids), from the
    records of earlier runs (not ``run_id``'s) written at or after ``cutoff``."""
    return lookup_boilerplate_many(store, {domain: segs}, run_id, cutoff).get(domain, {})


def lookup_boilerplate_many(store: StateStore, wanted: dict[str, Iterable[int]],
                            run_id: str | None = None, cutoff: float | None = None
                            ) -> dict[str, dict[int, list[str]]]:
    """:func:`lookup_boilerplate` of many domains, reading the index once."""
    query = {d: np.fromiter(set(segs), dtype=np.uint64) for d, segs in wanted.items()}
    found: dict[str, dict[int, set[str]]] = {}
    for _, record in store.scan(NS_BOILER):
        if not _visible(record, run_id, cutoff):
            continue
        seg = story = None
        stories = record['stories']
        for domain, (start, end) in zip(record['domains'], record['bounds']):
            asked = query.get(domain)
            if asked is None or not len(asked):
                continue
            if seg is None:
                seg = np.frombuffer(base64.b64decode(record['seg']), dtype=np.uint64)
                story = np.frombuffer(base64.b64decode(record['story']), dtype=np.uint32)
            hit = np.flatnonzero(np.isin(seg[start:end], asked)) + start
            held = found.setdefault(domain, {})
            for s_, i in zip(seg[hit].tolist(), story[hit].tolist()):
                if s_ in held:
                    held[s_].add(stories[i])
                else:
                    held[s_] = {stories[i]}
    return {d: {s_: sorted(ids) for s_, ids in held.items()} for d, held in found.items()}


def write_keys(store: StateStore, records: dict[str, dict], run_id: str | None,
               at: float) -> None:
    store.put_many(NS_KEY, {k: {**v, 'run': run_id, 'at': at} for k, v in records.items()})


def write_docs(store: StateStore, docs: Iterable[dict], run_id: str | None, at: float) -> None:
    """Index kept stories: their verification record and their candidate keys."""
    records, codes, counts = {}, [], []
    for doc in docs:
        records[doc['id']] = {'sh': _b64(doc['sh']), 'tg': _b64(doc['tg']),
                              'fx': _b64(doc['fx']), 'run': run_id, 'at': at}
        codes.append(doc['ck'])
        counts.append(len(doc['ck']) // 8)
    if not records:
        return
    ids = list(records)
    owner = np.repeat(np.arange(len(ids), dtype=np.uint32), counts)
    store.put_many(NS_DOC, records)
    # named by its content, so writing the same stories again replaces the record
    name = f'{run_id}\x1f{xxhash.xxh3_64_hexdigest(chr(31).join(ids).encode("utf-8"))}'
    store.put(NS_LSH, name, {'docs': ids, 'codes': _b64(b''.join(codes)),
                             'owner': _b64(owner.tobytes()), 'run': run_id, 'at': at})


def write_boilerplate(store: StateStore, entries: Iterable[tuple[str, str, list[int]]],
                      run_id: str | None = None, at: float | None = None) -> None:
    """(domain, story id, sentence hashes) of kept stories, as one record."""
    by_domain: dict[str, list[tuple[str, list[int]]]] = {}
    for domain, story, segs in entries:
        if segs:
            by_domain.setdefault(domain, []).append((story, segs))
    if not by_domain:
        return
    domains, bounds, stories, segs_out, owner = [], [], [], [], []
    index: dict[str, int] = {}
    for domain in sorted(by_domain):
        start = len(segs_out)
        for story, segs in by_domain[domain]:
            if story not in index:
                index[story] = len(stories)
                stories.append(story)
            segs_out.extend(segs)
            owner.extend([index[story]] * len(segs))
        domains.append(domain)
        bounds.append([start, len(segs_out)])
    seg = np.array(segs_out, dtype=np.uint64).tobytes()
    story = np.array(owner, dtype=np.uint32).tobytes()
    # named by its content, so writing the same entries again replaces the record
    digest = xxhash.xxh3_64()
    for part in (seg, story, '\x1f'.join(domains).encode('utf-8'),
                 '\x1f'.join(stories).encode('utf-8')):
        digest.update(part)
    store.put(NS_BOILER, f'{run_id}\x1f{digest.hexdigest()}', {
        'domains': domains, 'bounds': bounds, 'stories': stories, 'seg': _b64(seg),
        'story': _b64(story), 'run': run_id, 'at': at if at is not None else time.time()})


def seen_key(item_id: str, digest: str) -> str:
    return f'{item_id}\x1f{digest}'


def lookup_seen(store: StateStore, pairs: Iterable[tuple[str, str]], run_id: str | None,
                cutoff: float) -> dict[tuple[str, str], dict]:
    """Earlier runs' ``dedup.seen`` records of (id, content digest) pairs (live ones only)."""
    pairs = list(pairs)
    found = store.get_many(NS_SEEN, [seen_key(*p) for p in pairs])
    out = {}
    for pair in pairs:
        record = found.get(seen_key(*pair))
        if _live(record, run_id, cutoff):
            out[pair] = record
    return out


def write_seen(store: StateStore, entries: Iterable[tuple[str, str]], run_id: str | None,
               at: float) -> int:
    """Record delivered items as (id, content digest)."""
    records = {seen_key(item, digest): {'run': run_id, 'at': at} for item, digest in entries}
    if records:
        store.put_many(NS_SEEN, records)
    return len(records)


def prune(store: StateStore, older_than: float) -> int:
    """Remove entries written before ``older_than`` (epoch seconds) from every namespace."""
    return sum(store.prune(ns, older_than) for ns in NAMESPACES)
