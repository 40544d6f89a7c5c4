"""Across runs: the persistent index in a state directory, updates and the retention window."""
import pytest

from transforms.dedup import index as ix
from transforms.dedup.engine import deduplicate
from transforms.dedup.settings import DedupSettings
from transforms.state import SQLiteStateStore

DAY1 = '2025-03-10T00:00:00Z'
DAY2 = '2025-03-11T00:00:00Z'


def _run(items, state_dir, run_id, started_at, settings=None):
    store = SQLiteStateStore.in_directory(str(state_dir))
    try:
        kept, dups = deduplicate(items, settings or DedupSettings(), store=store, run_id=run_id,
                                 started_at=started_at)
    finally:
        store.close()
    return {it['id']: it for it in kept}, {it['id']: it for it in dups}


@pytest.fixture
def first_run(tmp_path, ledger_items, courier_items):
    kept, dups = _run(ledger_items + courier_items, tmp_path, 'run-1', DAY1)
    assert len(kept) == 8 and not dups
    return tmp_path


def test_a_later_run_never_re_emits_a_story(first_run, ledger_items, courier_items):
    kept, dups = _run(ledger_items + courier_items, first_run, 'run-2', DAY2)
    assert not kept
    assert len(dups) == 8
    for item_id, item in dups.items():
        assert item['dedup']['duplicate_of'] == item_id  # the very story emitted before
        assert item['dedup']['method'] == 'url'
        assert item['dedup']['update'] is False


def test_new_copies_match_stories_of_earlier_runs(first_run, texts):
    t = texts
    syndicated = t.item('wire-port', t.titles['port'], t.wrap(t.courier, t.stories['port']),
                        domain=t.courier['domain'], published='2025-03-11T08:00:00Z')
    # published earlier than the stored story: still the duplicate, the stored one was emitted
    tracking = t.item('rail-tw', t.titles['rail'], t.wrap(t.ledger, t.stories['rail']),
                      domain=t.ledger['domain'],
                      url='https://dailyledger.example/news/ledger-rail?utm_source=tw',
                      canonical='https://dailyledger.example/news/ledger-rail',
                      published='2025-02-01T00:00:00Z')
    fresh = t.item('new-story', 'A new story', t.wrap(t.ledger, t.port_other_outlet),
                   domain=t.ledger['domain'])
    kept, dups = _run([syndicated, tracking, fresh], first_run, 'run-2', DAY2)
    assert set(kept) == {'new-story'}
    assert dups['wire-port']['dedup']['duplicate_of'] == 'ledger-port'
    assert dups['wire-port']['dedup']['method'] == 'near'
    assert dups['wire-port']['dedup']['cluster_id'] == 'ledger-port'
    assert dups['rail-tw']['dedup']['duplicate_of'] == 'ledger-rail'
    assert dups['rail-tw']['dedup']['method'] == 'url'


def test_boilerplate_is_recognised_with_the_help_of_earlier_runs(first_run, texts):
    # run 2 holds a single Courier item: its wrapper is known from run 1's Courier stories, so
    # a different story in it is not matched to anything and a copy of a Ledger story is
    t = texts
    other = t.item('courier-port-other', 'Gdansk dockers strike as pay talks break down',
                   t.wrap(t.courier, t.port_other_outlet), domain=t.courier['domain'])
    kept, dups = _run([other], first_run, 'run-2', DAY2)
    assert set(kept) == {'courier-port-other'}


def test_update_of_a_stored_story_is_recorded_once_then_known(first_run, ledger_items, texts):
    orig = next(it for it in ledger_items if it['id'] == 'ledger-storm')
    paras = texts.stories['storm'] + ['Update: power is back for all but 4,000 homes.']
    update = dict(orig, id='ledger-storm-v2', body=texts.wrap(texts.ledger, paras),
                  published='2025-03-11T07:00:00Z')
    kept, dups = _run([update], first_run, 'run-2', DAY2)
    assert not kept
    dec = dups['ledger-storm-v2']['dedup']
    assert dec['duplicate_of'] == 'ledger-storm' and dec['update'] is True
    assert dec['method'] == 'url'
    # the new fingerprint was stored: the same update sent again is a plain duplicate
    resend = dict(update, id='ledger-storm-v2-again', published='2025-03-12T07:00:00Z')
    kept, dups = _run([resend], first_run, 'run-3', '2025-03-12T00:00:00Z')
    dec = dups['ledger-storm-v2-again']['dedup']
    assert dec['duplicate_of'] == 'ledger-storm' and dec['update'] is False


def test_rerunning_the_same_run_gives_the_same_answer(first_run, ledger_items, courier_items):
    # the index ignores records written by the current run id, so a retried run is idempotent
    kept, dups = _run(ledger_items + courier_items, first_run, 'run-1', DAY1)
    assert len(kept) == 8 and not dups


def test_retention_window_forgets_old_stories(first_run, ledger_items, courier_items):
    later = '2025-04-20T00:00:00Z'  # 41 days later, beyond the 30-day default
    kept, dups = _run(ledger_items + courier_items, first_run, 'run-2', later)
    assert len(kept) == 8 and not dups
    within = _run(ledger_items[:1], first_run, 'run-3', '2025-04-25T00:00:00Z',
                  DedupSettings(retention_days=10))[1]
    assert within['ledger-port']['dedup']['duplicate_of'] == 'ledger-port'


def test_prune_removes_entries_written_before_the_cutoff(first_run):
    store = SQLiteStateStore.in_directory(str(first_run))
    try:
        assert store.get(ix.NS_DOC, 'ledger-port') is not None
        assert ix.prune(store, older_than=store.now() - 3600) == 0
        removed = ix.prune(store, older_than=store.now() + 1)
        assert removed > 0
        for ns in ix.NAMESPACES:
            assert list(store.scan(ns)) == []
        assert store.members(ix.NS_LSH, ['anything']) == {}
    finally:
        store.close()


def test_index_holds_keys_docs_bands_and_boilerplate(first_run):
    store = SQLiteStateStore.in_directory(str(first_run))
    try:
        key = store.get(ix.NS_KEY, 'u:https://dailyledger.example/news/ledger-port')
        assert key['kept'] == 'ledger-port' and key['run'] == 'run-1'
        assert key['fp']
        doc = store.get(ix.NS_DOC, 'ledger-port')
        assert set(doc) >= {'sh', 'fx', 'tg', 'run', 'at'}
        assert len(dict(store.scan(ix.NS_DOC))) == 8
    finally:
        store.close()
