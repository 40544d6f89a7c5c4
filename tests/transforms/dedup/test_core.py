"""The plain functions behind both drivers: exact resolution, boilerplate, pairing, verification."""
import numpy as np

from transforms.dedup import core
from transforms.dedup import text as T
from transforms.dedup.engine import key_records
from transforms.dedup.settings import DedupSettings


def _node(i, published, url=None, guid=None, fp='c:1'):
    return {'id': i, 'old': False, 'prio': (published, -100, i),
            'keys': {'url': url, 'guid': guid, 'content': fp}, 'fp': fp, 'fps': [fp],
            'published': published}


def test_exact_resolution_picks_the_best_root_and_the_strongest_shared_key():
    a = _node('a', '2025-01-01', url='u:1', fp='c:1')
    b = _node('b', '2025-01-02', url='u:1', guid='g:1', fp='c:2')   # update of a (same url)
    c = _node('c', '2025-01-03', guid='g:1', fp='c:2')              # copy of b, via guid only
    d = _node('d', '2025-01-04', fp='c:1')                           # same content as a
    edges = (core.group_edges('url', [b, a]) + core.group_edges('guid', [c, b])
             + core.group_edges('content', [d, a]))
    dec = core.resolve_exact(edges)
    assert set(dec) == {'b', 'c', 'd'}
    assert dec['b'] == {'duplicate_of': 'a', 'root_old': False, 'method': 'url',
                        'similarity': 1.0, 'update': True}
    assert dec['c']['duplicate_of'] == 'a' and dec['c']['method'] == 'guid'
    assert dec['c']['update'] is True      # carries b's changed content
    assert dec['d']['method'] == 'content' and dec['d']['update'] is False


def test_a_story_of_an_earlier_run_is_always_the_root():
    new = _node('n', '2000-01-01', url='u:1', fp='c:9')
    old = core.old_node('k', 'u:1', 'url', {'kept': 'k', 'fp': 'c:9'})
    dec = core.resolve_exact(core.group_edges('url', [new, old]))
    assert dec == {'n': {'duplicate_of': 'k', 'root_old': True, 'method': 'url',
                         'similarity': 1.0, 'update': False}}


def test_key_records_keep_the_latest_fingerprint():
    records = key_records([('u:1', 'a', '2025-01-01', 'c:1'), ('u:1', 'a', '2025-01-03', 'c:3'),
                           ('u:1', 'a', '2025-01-02', 'c:2')])
    assert records == {'u:1': {'kept': 'a', 'fp': 'c:3'}}


def tg(title):
    return T.title_grams(title).tobytes()


def test_boilerplate_needs_distinct_stories_and_counts_stored_ones():
    header, footer = 1, 2
    entries = [('a', [header, 10, 11, footer], tg('Port strike')),
               ('b', [header, 20, 21, footer], tg('Measles drive')),
               ('c', [header, 30, 31, footer], tg('Rail delay'))]
    assert core.boilerplate_segments(entries, None, 3, 0.3) == [header, footer]
    assert core.boilerplate_segments(entries[:2], None, 3, 0.3) == []
    assert core.boilerplate_segments(entries[:2], {header: ['old-1']}, 3, 0.3) == [header]


def test_copies_of_one_story_do_not_make_its_text_boilerplate():
    story = [5, 6, 7, 8, 9]
    entries = [('a', [1] + story + [2], tg('Storm cuts power to 60,000 homes')),
               ('b', [1] + story + [99, 2], tg('Storm cuts power to 60,000 homes - update')),
               ('c', [1] + story + [2], tg('Storm cuts power to 60,000 Danish homes')),
               ('d', [1, 40, 41, 2], tg('Bakery closes')),
               ('e', [1, 50, 51, 2], tg('Chess champion'))]
    assert core.boilerplate_segments(entries, None, 3, 0.3) == [1, 2]
    # the same sentence sets under unrelated titles are different stories
    titles = ('Storm cuts power', 'Measles drive begins', 'Rail line delayed to 2031')
    retitled = [(i, segs, tg(title)) for title, (i, segs, _) in zip(titles, entries[:3])]
    assert 5 in core.boilerplate_segments(retitled, None, 3, 0.3)


def test_boilerplate_index_entries_are_capped_per_sentence():
    entries = [(f's{i}', [1, 100 + i], [1, 100 + i]) for i in range(10)]
    out = core.boilerplate_index_entries('d.example', entries, [1], {1: ['old']}, cap=3)
    holders_of_1 = [story for _, story, segs in out if 1 in segs]
    assert holders_of_1 == ['s0', 's1']  # the index held 1 already; 3 in all
    assert all(100 + int(story[1:]) in segs for _, story, segs in out)


def test_bucket_pairs_pair_with_higher_priority_members_only_up_to_the_limit():
    members = [((f'2025-01-0{i}', 0, f'id{i}'), f'id{i}') for i in range(1, 6)]
    assert sorted(core.bucket_pairs(members, 2)) == [
        ('id1', 'id2'), ('id1', 'id3'), ('id1', 'id4'), ('id1', 'id5'),
        ('id2', 'id3'), ('id2', 'id4'), ('id2', 'id5')]


def _doc(doc_id, shingles, title, extra=()):
    return {'id': doc_id, 'sh': np.unique(np.array(shingles, dtype=np.uint32)).tobytes(),
            'fx': np.unique(np.array(extra, dtype=np.uint32)).tobytes(),
            'tg': T.title_grams(title).tobytes()}


def test_verify_accepts_by_jaccard_or_by_containment_with_titles():
    s = DedupSettings()
    full = _doc('full', range(100), 'Storm Caroline cuts power to 60,000 homes')
    lead = _doc('lead', range(20), 'Storm Caroline cuts power to 60,000 homes')
    lead_other_title = _doc('lead2', range(20), 'Chennai girl wins chess title')
    close = _doc('close', range(10, 100), 'Something else entirely')
    medium = _doc('medium', range(30, 100), 'Storm Caroline cuts power to 60,000 homes')
    assert core.verify(full, lead, s) == 1.0                 # containment, titles agree
    assert core.verify(full, lead_other_title, s) is None    # containment alone never decides
    assert core.verify(full, close, s) == 0.9                # Jaccard >= 0.8, any title
    assert core.verify(full, medium, s) == 0.7               # Jaccard >= 0.6, titles agree
    assert core.verify(close, _doc('x', range(40, 130), 'Other title'), s) is None  # J 0.5


def test_containment_counts_the_larger_ones_boilerplate_shingles():
    s = DedupSettings()
    # the larger item's residual lost two of the lead's sentences to its publisher's boilerplate
    large = _doc('large', range(10, 200), 'Port strike in Gdansk', extra=range(0, 10))
    lead = _doc('lead', range(0, 40), 'Port strike in Gdansk')
    assert core.verify(large, lead, s) == 1.0


def test_a_stock_phrase_anchor_shared_by_many_items_gives_no_pairs():
    members = [((f'2025-01-01T00:00:{i:02d}Z', 0, f'id{i}'), f'id{i}') for i in range(6)]
    assert core.bucket_pairs(members, 32, 'a:0123', max_anchor_bucket=5) == []
    assert len(core.bucket_pairs(members, 32, 'b3:0123', max_anchor_bucket=5)) == 15


def test_signature_of_a_very_long_text_is_computed_in_chunks():
    from transforms.dedup.minhash import MinHasher
    hasher = MinHasher(128, 32, 4, 1)
    shingles = np.arange(20_000, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over='ignore'):
        expected = ((shingles[None, :] ^ hasher._mask) * hasher._mult).min(axis=1)
    assert np.array_equal(hasher.signature(shingles), (expected >> np.uint64(32)).astype(np.uint32))
