"""The persistent dedup index in a :class:`~transforms.state.StateStore` (plain functions).

Namespaces:

* ``dedup.key`` -- exact key (``u:<canonical url>``, ``g:<domain>\\x1f<guid>``, ``c:<fingerprint>``)
  -> ``{"kept": id, "fp": latest fingerprint seen under the key, "run": run id, "at": epoch}``.
  Every item's keys are written (duplicates' too, pointing at their kept item), so a later resend
  of any copy is an exact duplicate of the story that was emitted.
* ``dedup.doc`` -- kept story id -> ``{"sh": residual shingles, "fx": the full text's other
  shingles (its boilerplate's), "tg": title grams, "run", "at"}`` (base64 of uint32 arrays): what
  a later run verifies a candidate against.
* ``dedup.lsh`` (multimap) -- band or anchor key -> kept story ids.
* ``dedup.boiler`` (multimap) -- ``<domain>\\x1f<sentence hash>`` -> ids of stories whose
  first/last sentences (or boilerplate) had it, so boilerplate is recognised in a run with few
  items of a source; a sentence already held for enough stories is not added again.

Records written by the current run (same ``run`` id) are ignored by lookups, and records older
than the retention window are ignored before :func:`prune` removes them, so decisions depend on
the index as it was when the run started: retries and re-executions give the same answer.
Writes are idempotent (same key, same value).
"""
from __future__ import annotations

import base64
import datetime as _dt
import time
from typing import Iterable

from transforms.state import StateStore

__all__ = [
    'NS_KEY', 'NS_DOC', 'NS_LSH', 'NS_BOILER', 'NAMESPACES', 'cutoff_of', 'run_epoch',
    'lookup_keys', 'lookup_docs', 'lookup_candidates', 'lookup_members', 'lookup_boilerplate', 'write_keys',
    'write_docs', 'write_boilerplate', 'prune', 'boiler_key',
]

NS_KEY = 'dedup.key'
NS_DOC = 'dedup.doc'
NS_LSH = 'dedup.lsh'
NS_BOILER = 'dedup.boiler'
NAMESPACES = (NS_KEY, NS_DOC, NS_LSH, NS_BOILER)


def run_epoch(started_at: str | None) -> float:
    """Epoch seconds of a run's RFC 3339 start (now when unknown)."""
    if not started_at:
        return time.time()
    return _dt.datetime.fromisoformat(started_at.replace('Z', '+00:00')).timestamp()


def cutoff_of(started_at: str | None, retention_days: float) -> float:
    return run_epoch(started_at) - retention_days * 86400.0


def _live(record: dict | None, run_id: str | None, cutoff: float) -> bool:
    return bool(record) and record.get('run') != run_id and record.get('at', 0.0) >= cutoff


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
    for members in store.members(NS_LSH, ckeys).values():
        ids.update(members[:limit])
    return sorted(ids)


def lookup_members(store: StateStore, ckeys: Iterable[str]) -> dict[str, list[str]]:
    """Every candidate key's earlier stories (sorted ids), for many stories in one call."""
    return store.members(NS_LSH, ckeys)


def lookup_boilerplate(store: StateStore, domain: str,
                       segs: Iterable[int]) -> dict[int, list[str]]:
    keys = {boiler_key(domain, s): s for s in segs}
    found = store.members(NS_BOILER, keys)
    return {keys[k]: v for k, v in found.items()}


def write_keys(store: StateStore, records: dict[str, dict], run_id: str | None,
               at: float) -> None:
    store.put_many(NS_KEY, {k: {**v, 'run': run_id, 'at': at} for k, v in records.items()})


def write_docs(store: StateStore, docs: Iterable[dict], run_id: str | None, at: float) -> None:
    """Index kept stories: their verification record and their candidate keys."""
    records, pairs = {}, []
    for doc in docs:
        records[doc['id']] = {'sh': _b64(doc['sh']), 'tg': _b64(doc['tg']),
                              'fx': _b64(doc['fx']), 'run': run_id, 'at': at}
        pairs.extend((key, doc['id']) for key in doc['ckeys'])
    store.put_many(NS_DOC, records)
    store.add_members(NS_LSH, pairs)


def write_boilerplate(store: StateStore, entries: Iterable[tuple[str, str, list[int]]]) -> None:
    """(domain, story id, sentence hashes) of kept stories."""
    store.add_members(NS_BOILER, [(boiler_key(domain, seg), story)
                                  for domain, story, segs in entries for seg in segs])


def prune(store: StateStore, older_than: float) -> int:
    """Remove entries written before ``older_than`` (epoch seconds) from every namespace."""
    return sum(store.prune(ns, older_than) for ns in NAMESPACES)
