"""The whole deduplication in one process: the reference the Beam transform must agree with.

:func:`deduplicate` runs the same plain functions as :class:`~transforms.dedup.DeduplicateItems`
in the same order, in memory. It is what the benchmark times and what tests compare the Beam
transform's decisions with.
"""
from __future__ import annotations

from typing import Iterable

from transforms.state import StateStore

from . import core
from . import index as ix
from .minhash import MinHasher
from .settings import DedupSettings

__all__ = ['deduplicate', 'key_records', 'same_id_decision']


def same_id_decision(item_id: str) -> dict:
    """A second item carrying an id already seen in the run: a copy of that very item."""
    return {'cluster_id': item_id, 'duplicate_of': item_id, 'method': 'content',
            'similarity': 1.0, 'update': False}


def key_records(entries: Iterable[tuple[str, str, str, str]]) -> dict[str, dict]:
    """Index records for exact keys from (key, kept id, published, fingerprint) of every item.

    The fingerprint stored is the one of the latest published item under the key (ties: the
    larger fingerprint), so an update's content becomes the story's known version.
    """
    best: dict[str, tuple] = {}
    for key, kept, published, fp in entries:
        cand = (published or '', fp, kept)
        if key not in best or cand > best[key]:
            best[key] = cand
    return {key: {'kept': kept, 'fp': fp} for key, (_, fp, kept) in best.items()}


def deduplicate(items: Iterable[dict], settings: DedupSettings | None = None,
                store: StateStore | None = None, run_id: str | None = None,
                started_at: str | None = None,
                stats: dict | None = None) -> tuple[list[dict], list[dict]]:
    """Split ``items`` into (unique items, duplicates), each with ``dedup`` fields set.

    With ``store`` the persistent index is read (as of before this run) and then updated.
    ``stats``, when given, receives counts of each step (candidate pairs, verified edges, ...).
    """
    stats = {} if stats is None else stats
    settings = settings or DedupSettings()
    hasher = MinHasher(settings.num_perm, settings.bands, settings.rows, settings.seed)
    cutoff = ix.cutoff_of(started_at, settings.retention_days)
    if store is not None:
        ix.prune(store, cutoff)

    by_id: dict[str, dict] = {}
    extra: list[dict] = []
    for item in sorted(items, key=core.copy_order):
        if core.item_id(item) in by_id:
            extra.append(item)
        else:
            by_id[core.item_id(item)] = item
    cache: dict = {}
    analyses = {i: core.analyze_item(it, settings, cache) for i, it in by_id.items()}
    feats = {i: core.features_of(a) for i, a in analyses.items()}

    # exact stage
    groups: dict[str, list[dict]] = {}
    kinds: dict[str, str] = {}
    for f in feats.values():
        node = core.node_of(f)
        for key, kind in core.exact_keys(f):
            groups.setdefault(key, []).append(node)
            kinds[key] = kind
    if store is not None:
        for key, rec in ix.lookup_keys(store, groups, run_id, cutoff).items():
            groups[key].append(core.old_node(rec['kept'], key, kinds[key], rec))
    edges = [e for key, nodes in groups.items() if len(nodes) > 1
             for e in core.group_edges(kinds[key], nodes)]
    exact = core.resolve_exact(edges)
    survivors = [f for i, f in feats.items() if i not in exact]
    for item_id in exact:  # token hashes are only needed for the near stage's stories
        analyses[item_id].pop('tok', None)

    # boilerplate per source domain
    per_domain: dict[str, list] = {}
    for f in survivors:
        per_domain.setdefault(f['domain'], []).append((f['id'], f['segs'], f['tg']))
    boiler: dict[str, set] = {}
    boiler_entries: list = []
    for domain, entries in sorted(per_domain.items()):
        stored = None
        if store is not None:
            stored = ix.lookup_boilerplate(store, domain,
                                           {s for _, segs, _ in entries for s in segs})
        boiler[domain] = set(core.boilerplate_segments(
            entries, stored, settings.boilerplate_min_items, settings.title_threshold))
        boiler_entries.extend(core.boilerplate_index_entries(
            domain, [(f['id'], f['segs'], f['edge_segs']) for f in survivors
                     if f['domain'] == domain],
            boiler[domain], stored, 2 * settings.boilerplate_min_items))

    # near stage
    docs: dict[str, dict] = {}
    edges_near: list[tuple[str, str, float]] = []
    old_ids: set[str] = set()
    if settings.near:
        for f in survivors:
            doc = core.make_doc(analyses[f['id']], boiler[f['domain']], hasher, settings)
            analyses[f['id']].pop('tok', None)
            if doc is not None:
                docs[f['id']] = doc
        buckets: dict[str, list] = {}
        for doc in docs.values():
            for key in doc['ckeys']:
                buckets.setdefault(key, []).append((doc['prio'], doc['id']))
        pairs = set()
        for key, members in buckets.items():
            if len(members) > 1:
                pairs.update(core.bucket_pairs(members, settings.max_bucket_pairs, key,
                                               settings.max_anchor_bucket))
        for a, b in sorted(pairs):
            sim = core.verify(docs[a], docs[b], settings)
            if sim is not None:
                edges_near.append((a, b, sim))
        if store is not None:
            for doc_id in sorted(docs):
                doc = docs[doc_id]
                cands = ix.lookup_candidates(store, doc['ckeys'], settings.max_bucket_pairs)
                for old_id, old in sorted(ix.lookup_docs(store, cands, run_id, cutoff).items()):
                    sim = core.verify(doc, old, settings)
                    if sim is not None:
                        edges_near.append((doc_id, f'old:{old_id}', sim))
                        old_ids.add(f'old:{old_id}')
    stats.update(items=len(by_id) + len(extra), exact_duplicates=len(exact),
                 boilerplate_sentences=sum(len(b) for b in boiler.values()), docs=len(docs),
                 candidate_pairs=len(pairs) if settings.near else 0,
                 verified_edges=len(edges_near), old_matches=len(old_ids))
    near = core.resolve_near({f['id']: f['prio'] for f in survivors}, old_ids, edges_near)
    decisions = core.final_decisions(exact, near)
    stats['indexed'] = sum(1 for i in docs if i not in decisions)

    kept_items, duplicates = [], []
    for item_id, item in by_id.items():
        decision = decisions.get(item_id) or core.kept_decision(item_id)
        out = core.apply_decision(item, decision)
        (duplicates if decision['duplicate_of'] else kept_items).append(out)
    for item in extra:
        duplicates.append(core.apply_decision(item, same_id_decision(core.item_id(item))))

    if store is not None:
        at = ix.run_epoch(started_at)
        entries = []
        for item_id, f in feats.items():
            kept = (decisions.get(item_id) or core.kept_decision(item_id))['cluster_id']
            entries.extend((key, kept, f['published'], f['fp'])
                           for key, _ in core.exact_keys(f))
        ix.write_keys(store, key_records(entries), run_id, at)
        ix.write_docs(store, [docs[i] for i in sorted(docs) if i not in decisions], run_id, at)
        ix.write_boilerplate(store, boiler_entries)
    return kept_items, duplicates
