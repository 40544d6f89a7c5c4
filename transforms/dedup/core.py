"""The deduplication logic as plain functions over small, picklable records.

The Beam transform and the in-memory :func:`transforms.dedup.engine.deduplicate` both call these;
neither holds logic of its own. Records are plain dicts/tuples/bytes so Beam can shuffle them.

* **analysis** (:func:`analyze_item`): per item, its priority, exact keys, sentence hashes and
  token hashes -- the text is read once; :func:`features_of` is the small part (no tokens) the
  exact stage and boilerplate counting shuffle.
* **exact stage**: :func:`exact_keys` -> groups of items sharing a key -> :func:`group_edges`
  (a star to the group's best item) -> :func:`resolve_exact` (union-find; the best node of a
  component is its root).
* **boilerplate** (:func:`boilerplate_segments`): sentences seen in ``boilerplate_min_items``
  distinct stories of one source domain.
* **near stage**: :func:`make_doc` (residual shingles, MinHash, band and anchor keys) ->
  :func:`bucket_pairs` -> :func:`verify` -> :func:`resolve_near` (greedy in priority order).
* **decisions** (:func:`final_decisions`, :func:`apply_decision`): the ``dedup`` fields.

Keep rule: in each cluster the kept item is the one with the smallest priority
``(published or "~", -len(body or summary), id)``: earliest published, then richest, then
smallest id -- except that an item emitted by an earlier run (in the persistent index) is always
kept, so a later run never re-emits a story.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np
import xxhash

from transforms.model import item_to_json

from . import text as T
from .minhash import ANCHOR_BIT, MinHasher, anchor_code
from .settings import DedupSettings

__all__ = [
    'METHODS', 'item_id', 'priority', 'copy_order', 'content_digest', 'analyze_item', 'features_of', 'exact_keys',
    'group_edges', 'resolve_exact', 'title_similarity', 'boilerplate_segments',
    'boilerplate_index_entries', 'make_doc', 'doc_parts', 'finish_doc', 'candidate_keys',
    'candidate_pairs', 'code_pairs', 'bucket_pairs', 'verify', 'resolve_near', 'near_decision',
    'member_decision', 'final_decisions',
    'apply_decision', 'kept_decision',
    'node_of', 'old_node', 'node_order',
]

#: dedup.method values in order of strength
METHODS = ('url', 'guid', 'content', 'near')
_EXACT_KINDS = ('url', 'guid', 'content')
_NO_DATE = '~'  # sorts after every RFC 3339 date


# --- small helpers ---------------------------------------------------------------------------
def item_id(item: dict) -> str:
    """The item's id; an item without one (normalisation should never emit it) is named by a
    hash of its JSON form, so two different id-less items are never taken for one."""
    value = item.get('id')
    if value is None or value == '':
        return 'noid:' + xxhash.xxh3_64_hexdigest(item_to_json(item))
    return str(value)


def _domain(item: dict) -> str:
    source = item.get('source') or {}
    return (source.get('domain') if isinstance(source, dict) else None) or ''


def _text_of(item: dict) -> str:
    body = item.get('body') or ''
    return body if body.strip() else (item.get('summary') or '')


def priority(item: dict) -> tuple:
    """Smaller is kept first: earliest published, then longest text, then smallest id."""
    return (item.get('published') or _NO_DATE, -len(_text_of(item)), item_id(item))


def content_digest(item: dict) -> str:
    """What makes a delivered item "the same item" when a later run reads it again: its title,
    summary, body and publication date (a changed text or date is an update, not a re-read)."""
    parts = [item.get(k) or '' for k in ('title', 'summary', 'body', 'published')]
    return xxhash.xxh3_128_hexdigest('\x1f'.join(map(str, parts)).encode('utf-8', 'replace'))


def copy_order(item: dict) -> tuple:
    """A total order of items: by id, then priority, then JSON form (which copy of an id counts)."""
    return (item_id(item), priority(item), item_to_json(item))


def _analyze(text: str) -> list[tuple[int, list[str]]]:
    """(sentence hash, tokens) for each non-empty sentence/line of ``text``."""
    hash64 = T.hash64
    return [(hash64(' '.join(toks)), toks) for toks in T.sentence_tokens(text)]


#: the key of the sentence cache inside the cache dict analyze_item is given (no token is None)
_SENTENCES = None
_SENTENCE_CACHE_LIMIT = 100_000


def _sentence(toks: list[str], cache: dict | None) -> tuple:
    """What an item's analysis needs of one sentence: (hash, token count, token hashes, text,
    characters, unspaced characters)."""
    text = ' '.join(toks)
    unspaced = 0 if text.isascii() else len(T._UNSPACED_RE.findall(text))
    # token hashes as bytes: a cache entry of atomic values only is not tracked by the GC
    tok = T.token_hashes(toks).tobytes() if cache is None else T.token_hash_bytes(toks, cache)
    return (T.hash64(text), len(toks), tok, text, len(text) - len(toks) + 1, unspaced)


def _sentences(text: str, cache: dict | None) -> list[tuple]:
    """:func:`_sentence` of each non-empty sentence of ``text``. A sentence seen before (the
    same normalised part: boilerplate, copies of one story) comes from ``cache``."""
    parts = T.sentence_parts(text)
    if parts is None or cache is None:
        return [_sentence(toks, cache) for toks in T.sentence_tokens(text)]
    known = cache.get(_SENTENCES)
    if known is None or len(known) >= _SENTENCE_CACHE_LIMIT:
        known = cache[_SENTENCES] = {}
    out = []
    for part in parts:
        entry = known.get(part)
        if entry is None:
            toks = T.part_tokens(part)
            entry = known[part] = _sentence(toks, cache) if toks else ()
        if entry:
            out.append(entry)
    return out


# --- analysis, features and the exact stage --------------------------------------------------
def analyze_item(item: dict, settings: DedupSettings, cache: dict | None = None) -> dict:
    """Everything later steps need from one item's text, computed once.

    ``sq`` and ``sn`` hold, per sentence, its hash and token count, ``tok`` all token hashes
    (uint64 bytes), so the near stage can drop boilerplate sentences and shingle without the
    text. The rest (:func:`features_of`) is the small record the exact stage and boilerplate
    counting shuffle. ``cache`` is an optional dict the caller keeps between items (tokens' and
    sentences' hashes; it only saves time). A text shorter than ``content_key_min_tokens`` gets
    no content key: a bare headline such as "Live updates" is no evidence that two items are
    one story.
    """
    text = _text_of(item)
    domain = _domain(item)
    url = item.get('canonical_url') or item.get('url')
    guid = item.get('guid')
    sentences = _sentences(text, cache)
    # per sentence: hash, token count, token hashes, text, characters, unspaced characters
    hashes, counts, tok, texts, chars, unspaced = zip(*sentences) if sentences else ((),) * 6
    segs = list(dict.fromkeys(hashes))
    edge = settings.boilerplate_edge_segments
    n_tokens = sum(counts)
    title = T.normalize(item.get('title'))
    # as T.fingerprint_normalized(title, all tokens): the sentences' texts are their tokens
    # joined by spaces
    fp = xxhash.xxh3_128_hexdigest((title + '\x1f' + ' '.join(texts)).encode('utf-8'))
    chars = sum(chars)
    return {
        'id': item_id(item),
        'prio': priority(item),
        'domain': domain,
        'published': item.get('published') or '',
        'keys': {
            'url': f'u:{url}' if url else None,
            'guid': f'g:{domain}\x1f{guid}' if guid else None,
            'content': f'c:{fp}' if n_tokens >= settings.content_key_min_tokens else None,
        },
        'fp': fp,
        'segs': segs,
        'edge_segs': segs if len(segs) <= 2 * edge else segs[:edge] + segs[-edge:],
        # per sentence its hash (uint64) and token count (uint32); all token hashes in one
        'sq': np.array(hashes, dtype=np.uint64).tobytes(),
        'sn': np.array(counts, dtype=np.uint32).tobytes(),
        'tok': b''.join(tok),
        # as T.is_unspaced_text(all tokens): unspaced characters' share of the tokens' characters
        'unspaced': bool(chars) and sum(unspaced) / chars >= settings.unspaced_ratio,
        'tg': T.title_grams_normalized(title).tobytes(),
    }


def features_of(analysis: dict) -> dict:
    """The analysis without the token hashes (``sq``, ``sn``, ``tok``)."""
    return {k: v for k, v in analysis.items() if k not in ('sq', 'sn', 'tok', 'unspaced')}


def exact_keys(features: dict) -> list[tuple[str, str]]:
    """(key, kind) for each exact key of an item."""
    return [(key, kind) for kind, key in features['keys'].items() if key]


def node_of(features: dict) -> dict:
    """What the exact resolution needs to know of one new item."""
    keys = features['keys']
    return {'id': features['id'], 'old': False, 'prio': tuple(features['prio']), 'keys': keys,
            'fp': features['fp'], 'fps': [features['fp']], 'published': features['published']}


def old_node(kept: str, key: str, kind: str, record: dict) -> dict:
    """A node for a story kept by an earlier run, known through one index record."""
    return {'id': kept, 'old': True, 'prio': ('', 0, kept), 'keys': {kind: key},
            'fps': [record['fp']] if record.get('fp') else [], 'published': ''}


def group_edges(kind: str, nodes: Iterable[dict]) -> list[tuple[dict, dict, str]]:
    """Edges from every node of a key group to its best node (a star, not all pairs)."""
    nodes = sorted(nodes, key=node_order)
    best = nodes[0]
    return [(node, best, kind) for node in nodes[1:] if _node_ref(node) != _node_ref(best)]


def _node_ref(node: dict) -> tuple[bool, str]:
    return (not node['old'], node['id'])


def node_order(node: dict) -> tuple:
    """Which node of an exact component is its root: earlier runs' stories, then priority."""
    # stories of earlier runs first (by id), then this run's items by priority
    return (0, node['id']) if node['old'] else (1, tuple(node['prio']))


def resolve_exact(edges: Iterable[tuple[dict, dict, str]]) -> dict[str, dict]:
    """Union-find over exact edges; for each new non-root item, its decision.

    Returns ``{id: {'duplicate_of', 'root_old', 'method', 'similarity', 'update'}}``. The method
    is the strongest key the item shares with the root (``url`` > ``guid`` > ``content``); when
    it shares none directly it is the strongest key of its own edges. ``update`` is true when
    the item's fingerprint is none of the root's known ones: same story, changed content.
    """
    parent: dict[tuple, tuple] = {}
    info: dict[tuple, dict] = {}
    own_kinds: dict[tuple, set] = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, kind in edges:
        for node in (a, b):
            ref = _node_ref(node)
            if ref not in info:
                info[ref] = {**node, 'keys': dict(node['keys']), 'fps': list(node['fps'])}
                parent[ref] = ref
            elif node['old']:  # an old story seen through several index records
                info[ref]['keys'].update(node['keys'])
                info[ref]['fps'] = sorted(set(info[ref]['fps']) | set(node['fps']))
        own_kinds.setdefault(_node_ref(a), set()).add(kind)
        own_kinds.setdefault(_node_ref(b), set()).add(kind)
        ra, rb = find(_node_ref(a)), find(_node_ref(b))
        if ra != rb:
            if node_order(info[ra]) <= node_order(info[rb]):
                parent[rb] = ra
            else:
                parent[ra] = rb

    decisions = {}
    for ref, node in info.items():
        if node['old']:
            continue
        root = find(ref)
        if root == ref:
            continue
        rnode = info[root]
        shared = [k for k in _EXACT_KINDS
                  if node['keys'].get(k) and node['keys'][k] == rnode['keys'].get(k)]
        if shared:
            method = shared[0]
        else:
            method = next(k for k in _EXACT_KINDS if k in own_kinds[ref])
        decisions[node['id']] = {
            'duplicate_of': rnode['id'], 'root_old': rnode['old'], 'method': method,
            'similarity': 1.0, 'update': node['fp'] not in rnode['fps'],
        }
    return decisions


# --- boilerplate -----------------------------------------------------------------------------
def title_similarity(tg_a: bytes, tg_b: bytes) -> float:
    """Jaccard of two titles' character n-gram hash sets (:func:`text.title_grams` bytes)."""
    a = np.frombuffer(tg_a, dtype=np.uint32)
    b = np.frombuffer(tg_b, dtype=np.uint32)
    inter = _overlap(a, b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


def boilerplate_segments(entries: Iterable[tuple[str, list[int], bytes]],
                         stored: dict[int, Iterable[str]] | None,
                         min_items: int, title_threshold: float, same_story: float = 0.5,
                         small_group: int = 10) -> list[int]:
    """Sentence hashes occurring in ``min_items`` distinct stories of one source domain.

    ``entries`` are (story id, sentence hashes, title grams) of this run's items of the domain,
    exact duplicates already removed; ``stored`` maps a sentence hash to the ids of earlier
    runs' stories that had it. Copies of one story (a republication at a new URL with a
    corrected headline or an appended paragraph) share all their sentences and would make the
    story's own text look like boilerplate; so items that share a rare sentence (held by at
    most ``small_group`` items), whose sentence sets have Jaccard >= ``same_story`` and whose
    titles agree (>= ``title_threshold``) count as one story. (Two different short stories in a
    heavy wrapper can share half their sentences; their titles tell them apart.)
    """
    holders: dict[int, list[str]] = {}  # may name a story twice; made sets where it matters
    segsets: dict[str, set[int]] = {}
    titles: dict[str, bytes] = {}
    for story, segs, tg in entries:
        segsets.setdefault(story, set()).update(segs)
        titles[story] = tg
        for seg in segs:
            held = holders.get(seg)
            if held is None:
                holders[seg] = [story]
            else:
                held.append(story)
    parent = {story: story for story in segsets}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs = set()
    for held in holders.values():
        if len(held) > 1 and 2 <= len(ids := set(held)) <= small_group:
            ordered = sorted(ids)
            pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    for a, b in sorted(pairs):
        sa, sb = segsets[a], segsets[b]
        inter = len(sa & sb)
        if (inter / (len(sa) + len(sb) - inter) >= same_story
                and title_similarity(titles[a], titles[b]) >= title_threshold):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    out = []
    stored = stored or {}
    for seg, held in holders.items():
        others = stored.get(seg, ())
        if len(held) + len(others) < min_items:  # cannot reach min_items: skip the counting
            continue
        ids = set(held)
        groups = {find(i) for i in ids} if len(ids) > 1 else ids
        count = len(groups) + (len(set(others) - ids) if others else 0)
        if count >= min_items:
            out.append(seg)
    return sorted(out)


def boilerplate_index_entries(domain: str, entries: Iterable[tuple], boiler: Iterable[int],
                              stored: dict[int, Iterable[str]] | None,
                              cap: int) -> list[tuple[str, str, list[int]]]:
    """What the index remembers of this run's stories for later boilerplate counting.

    ``entries`` are (story id, sentence hashes, edge sentence hashes, ...). Per story: its first
    and last sentences and its boilerplate sentences, except sentences already held for ``cap``
    stories (by the index or by stories before it in id order): enough to recognise them, and
    the index does not grow with every story a publisher wraps in the same header.
    """
    boiler = set(boiler)
    held = {seg: len(set(ids)) for seg, ids in (stored or {}).items()}
    out = []
    for story, segs, edge, *_ in sorted(entries, key=lambda e: e[0]):
        keep = []
        for seg in sorted(set(edge) | (set(segs) & boiler)):
            if held.get(seg, 0) < cap:
                held[seg] = held.get(seg, 0) + 1
                keep.append(seg)
        if keep:
            out.append((domain, story, keep))
    return out


# --- the near stage --------------------------------------------------------------------------
def make_doc(analysis: dict, boiler: Iterable[int], hasher: MinHasher,
             settings: DedupSettings) -> dict | None:
    """The near-duplicate record of an analysed item: shingles, candidate keys, title grams.

    Boilerplate sentences are removed first (``sh``: the residual shingles, used for Jaccard and
    banding); ``fx`` holds the full text's shingles that the residual lacks (the boilerplate's),
    so containment can be measured against the full text. Returns None when the
    residual is too short to be compared safely (such items are matched by exact keys only).
    """
    parts = doc_parts(analysis, boiler, settings)
    if parts is None:
        return None
    return finish_doc(parts, hasher.signature(parts['shingles']), hasher)


def doc_parts(analysis: dict, boiler: Iterable[int], settings: DedupSettings) -> dict | None:
    """:func:`make_doc` up to the MinHash signature of ``shingles`` (so that many stories'
    signatures can be computed at once: :meth:`MinHasher.signatures`, :func:`finish_doc`)."""
    hashes = np.frombuffer(analysis['sq'], dtype=np.uint64)
    counts = np.frombuffer(analysis['sn'], dtype=np.uint32)
    all_toks = np.frombuffer(analysis['tok'], dtype=np.uint64)
    boiler = boiler if isinstance(boiler, (set, frozenset)) else set(boiler)
    # which sentences are content (not boilerplate); None: all of them
    content = None
    if boiler:
        keep = [h not in boiler for h in hashes.tolist()]
        if not all(keep):
            content = np.array(keep, dtype=bool)
    unspaced = analysis['unspaced']
    n = settings.char_shingle if unspaced else settings.word_shingle
    res_toks = all_toks if content is None else all_toks[np.repeat(content, counts)]
    shingles = T.shingle_hashes(res_toks, n)
    if len(shingles) < settings.min_shingles:
        return None
    # shingles are sorted, so their top halves are too: distinct without another sort
    residual_32 = T.distinct_sorted((shingles >> np.uint64(32)).astype(np.uint32))
    if content is None:
        extra_32 = b''  # nothing removed: the full set is the residual set
    else:
        full = T.shingle_hashes(all_toks, n)
        full_32 = T.distinct_sorted((full >> np.uint64(32)).astype(np.uint32))
        extra_32 = _missing(full_32, residual_32).tobytes()
    min_tokens = settings.anchor_min_tokens * (2 if unspaced else 1)
    long_enough = counts >= min_tokens
    if content is not None:
        long_enough &= content
    anchors = hashes[long_enough][:settings.anchor_sentences].tolist()
    return {'id': analysis['id'], 'prio': analysis['prio'], 'sh': residual_32.tobytes(),
            'fx': extra_32, 'tg': analysis['tg'], 'shingles': shingles, 'anchors': anchors}


def _missing(values: np.ndarray, known: np.ndarray) -> np.ndarray:
    """``np.setdiff1d(values, known, assume_unique=True)`` for sorted arrays of distinct values."""
    if len(known) == 0:
        return values
    at = np.searchsorted(known, values)
    at[at == len(known)] = 0
    return values[known[at] != values]


def finish_doc(parts: dict, signature: np.ndarray, hasher: MinHasher) -> dict:
    """The record :func:`make_doc` returns, from :func:`doc_parts` and the signature."""
    codes = hasher.band_codes(signature)
    codes.extend(anchor_code(h) for h in parts['anchors'])
    return {
        'id': parts['id'],
        'prio': parts['prio'],
        'sh': parts['sh'],
        'fx': parts['fx'],
        'tg': parts['tg'],
        # candidate keys (band and anchor keys) as uint64 codes, see :mod:`.minhash`
        'ck': np.array(codes, dtype=np.uint64).tobytes(),
    }


def candidate_keys(doc: dict) -> list[str]:
    """A record's candidate keys as strings (``b<i>:<hex>``, ``a:<hex>``), as :func:`bucket_pairs`
    takes them."""
    out = []
    for code in np.frombuffer(doc['ck'], dtype=np.uint64).tolist():
        if code & ANCHOR_BIT:
            out.append(f'a:{code & ~ANCHOR_BIT:012x}')
        else:
            out.append(f'b{code >> 32}:{code & 0xFFFFFFFF:08x}')
    return out


def candidate_pairs(docs: dict[str, dict], limit: int,
                    max_anchor_bucket: int | None = None) -> tuple[set[tuple[str, str]], int]:
    """:func:`bucket_pairs` of every bucket of the records' candidate keys, vectorised: the same
    pairs (smaller id first) as pairing each bucket alone, and the number of buckets.

    Members of a bucket are ranked by (priority, id); each pairs with the first ``min(position,
    limit)`` members of its bucket; anchor buckets over ``max_anchor_bucket`` pair nothing.
    """
    ids = list(docs)
    arrays = [np.frombuffer(docs[i]['ck'], dtype=np.uint64) for i in ids]
    codes = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.uint64)
    owner = np.repeat(np.arange(len(ids), dtype=np.int64), [len(a) for a in arrays])
    return code_pairs([(tuple(docs[i]['prio']), i) for i in ids], codes, owner, limit,
                      max_anchor_bucket)


def code_pairs(members: list[tuple[tuple, str]], codes: np.ndarray, owner: np.ndarray,
               limit: int, max_anchor_bucket: int | None = None
               ) -> tuple[set[tuple[str, str]], int]:
    """:func:`candidate_pairs` of candidate key codes given as arrays: ``members`` are (priority,
    id) of the stories, ``codes[k]`` a key of story ``members[owner[k]]``. Any subset of the
    buckets (all codes of each bucket it holds, e.g. one shard of the codes) gives exactly the
    pairs of those buckets."""
    if not members or not len(codes):
        return set(), 0
    by_rank = sorted(range(len(members)), key=members.__getitem__)
    ids = [members[k][1] for k in by_rank]
    rank_of = np.empty(len(members), dtype=np.int64)
    rank_of[by_rank] = np.arange(len(members), dtype=np.int64)
    ranks = rank_of[np.asarray(owner, dtype=np.int64)]
    codes = np.asarray(codes, dtype=np.uint64)
    order = np.lexsort((ranks, codes))
    codes, ranks = codes[order], ranks[order]
    # a member counts once per bucket
    keep = np.ones(len(codes), dtype=bool)
    keep[1:] = (codes[1:] != codes[:-1]) | (ranks[1:] != ranks[:-1])
    codes, ranks = codes[keep], ranks[keep]
    first = np.ones(len(codes), dtype=bool)
    first[1:] = codes[1:] != codes[:-1]
    starts = np.flatnonzero(first)
    bucket = np.cumsum(first) - 1
    sizes = np.diff(np.append(starts, len(codes)))
    size = sizes[bucket]
    pos = np.arange(len(codes)) - starts[bucket]
    live = size > 1
    if max_anchor_bucket is not None:
        live &= ~(((codes & np.uint64(ANCHOR_BIT)) != 0) & (size > max_anchor_bucket))
    members_at = np.flatnonzero(live & (pos > 0))
    lo_parts, hi_parts = [], []
    for d in range(limit):
        members_at = members_at[pos[members_at] > d]
        if not len(members_at):
            break
        a = ranks[starts[bucket[members_at]] + d]
        b = ranks[members_at]
        lo_parts.append(np.minimum(a, b))
        hi_parts.append(np.maximum(a, b))
    pairs: set[tuple[str, str]] = set()
    if lo_parts:
        joined = np.unique(np.concatenate(lo_parts) * len(ids) + np.concatenate(hi_parts))
        for lo, hi in zip((joined // len(ids)).tolist(), (joined % len(ids)).tolist()):
            a, b = ids[lo], ids[hi]
            if a != b:
                pairs.add((a, b) if a < b else (b, a))
    return pairs, len(starts)


def bucket_pairs(members: Iterable[tuple[tuple, str]], limit: int, key: str = '',
                 max_anchor_bucket: int | None = None) -> list[tuple[str, str]]:
    """Candidate pairs of the bucket of ``key``: each member with up to ``limit``
    higher-priority members.

    Pairs are (smaller id, larger id) so that the same pair from two buckets is one pair. An
    anchor bucket (``a:`` key) with more than ``max_anchor_bucket`` members gives none: a sentence
    that many items open with is a stock phrase (copies of one story also share bands).
    """
    ordered = sorted(set((tuple(p), i) for p, i in members))
    if key.startswith('a:') and max_anchor_bucket is not None and len(ordered) > max_anchor_bucket:
        return []
    pairs = []
    for pos in range(1, len(ordered)):
        b = ordered[pos][1]
        for _, a in ordered[:min(pos, limit)]:
            if a != b:
                pairs.append((a, b) if a < b else (b, a))
    return pairs


def _overlap(a: np.ndarray, b: np.ndarray) -> int:
    """How many values two arrays of distinct values share (``b`` sorted: every shingle and
    title-gram array of a record is)."""
    if len(a) == 0 or len(b) == 0:
        return 0
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    return int(np.count_nonzero(b[at] == a))


def verify(doc_a: dict, doc_b: dict, settings: DedupSettings) -> float | None:
    """The similarity of a verified near-duplicate pair, or None if it is not one.

    Titles agree when their character n-gram Jaccard is >= ``title_threshold``. Accepted when
    the residual shingle sets have Jaccard >= ``jaccard_threshold`` (>=
    ``jaccard_threshold_other_title`` when the titles disagree; similarity: the Jaccard), or when
    the smaller residual set is contained in the larger one's full text (boilerplate included)
    at >= ``containment_threshold`` and either the
    titles agree or Jaccard is at least ``containment_min_jaccard`` (similarity: the
    containment).
    """
    a = np.frombuffer(doc_a['sh'], dtype=np.uint32)
    b = np.frombuffer(doc_b['sh'], dtype=np.uint32)
    inter = _overlap(a, b)
    if inter == 0:
        return None
    jaccard = inter / (len(a) + len(b) - inter)
    # containment of the shorter residual in the longer one's *full* text: a sentence that
    # counts as boilerplate at one publisher (a stock phrase) still belongs to the story
    if (len(a), doc_a['id']) <= (len(b), doc_b['id']):
        small, large = doc_a, doc_b
    else:
        small, large = doc_b, doc_a
    small_set = a if small is doc_a else b
    large_extra = np.frombuffer(large.get('fx') or b'', dtype=np.uint32)
    # the small set's overlap with the large residual is ``inter``; with the large one's other
    # shingles (disjoint from its residual) at most what is left of the small set, so a pair
    # whose containment cannot reach the threshold is rejected without counting
    if jaccard < settings.jaccard_threshold and (
            inter + min(len(small_set) - inter, len(large_extra))) / len(small_set) \
            < settings.containment_threshold:
        return None
    containment = (inter + _overlap(small_set, large_extra)) / len(small_set)
    if jaccard < settings.jaccard_threshold and containment < settings.containment_threshold:
        return None
    title = title_similarity(doc_a['tg'], doc_b['tg'])
    titles_agree = title >= settings.title_threshold
    if jaccard >= (settings.jaccard_threshold if titles_agree
                   else settings.jaccard_threshold_other_title):
        return round(jaccard, 4)
    if containment >= settings.containment_threshold and (
            titles_agree or jaccard >= settings.containment_min_jaccard):
        return round(containment, 4)
    return None


def resolve_near(nodes: dict[str, tuple], old: Iterable[str],
                 edges: Iterable[tuple[str, str, float]]) -> dict[str, dict]:
    """Greedy, chain-free cluster resolution over verified near-duplicate edges.

    ``nodes`` maps this run's story ids to priorities, ``old`` lists stories of earlier runs
    (node ids ``"old:" + id``). Nodes are visited old first, then by priority; a node is a
    duplicate of the most similar node already *kept* that it has a verified edge with (ties:
    the earlier kept), else it is kept. So every duplicate was verified against its kept item
    itself: A~B, B~C with A!~C never puts C under A.
    """
    adj: dict[str, dict[str, float]] = {}
    for a, b, sim in edges:
        adj.setdefault(a, {})[b] = max(sim, adj.get(a, {}).get(b, 0.0))
        adj.setdefault(b, {})[a] = max(sim, adj.get(b, {}).get(a, 0.0))
    order = sorted(set(old)) + sorted(nodes, key=lambda n: tuple(nodes[n]))
    rank = {n: i for i, n in enumerate(order)}
    kept: set[str] = set(old)
    decisions = {}
    for node in order:
        if node in kept:
            continue
        best = None
        for other, sim in adj.get(node, {}).items():
            if other in kept and (best is None or (-sim, rank[other]) < (-best[1], rank[best[0]])):
                best = (other, sim)
        if best is None:
            kept.add(node)
        else:
            decisions[node] = {'duplicate_of': best[0], 'similarity': best[1]}
    return decisions


# --- decisions -------------------------------------------------------------------------------
def near_decision(dec: dict) -> dict:
    """The ``dedup`` fields of a story :func:`resolve_near` made a duplicate."""
    kept = dec['duplicate_of']
    kept_id = kept[4:] if kept.startswith('old:') else kept
    return {'cluster_id': kept_id, 'duplicate_of': kept_id, 'method': 'near',
            'similarity': dec['similarity'], 'update': False}


def member_decision(dec: dict, root_near: dict | None) -> dict:
    """The ``dedup`` fields of an exact copy; ``root_near`` is its root's near decision, if any.

    An exact copy of a story that is itself a near duplicate points at that story's kept item
    with method ``near`` and the story's similarity: it was verified against the kept item only
    through its root, which it equals on a strong key.
    """
    if root_near is not None:
        return {**root_near, 'update': dec['update']}
    root = dec['duplicate_of']
    return {'cluster_id': root, 'duplicate_of': root, 'method': dec['method'],
            'similarity': dec['similarity'], 'update': dec['update']}


def final_decisions(exact: dict[str, dict], near: dict[str, dict]) -> dict[str, dict]:
    """Combine both stages into the ``dedup`` fields of every duplicate."""
    out = {node: near_decision(dec) for node, dec in near.items()}
    for item, dec in exact.items():
        root_near = None if dec['root_old'] else out.get(dec['duplicate_of'])
        out[item] = member_decision(dec, root_near)
    return out


def kept_decision(item_id_: str) -> dict:
    return {'cluster_id': item_id_, 'duplicate_of': None, 'method': None, 'similarity': None,
            'update': False}


def apply_decision(item: dict, decision: dict) -> dict:
    """A copy of ``item`` with its ``dedup`` fields set."""
    out = dict(item)
    out['dedup'] = {**(item.get('dedup') or {}), **decision}
    return out
