"""The contract every state backend keeps: staged writes and the run lock (see transforms.state.base).

Each test runs against the SQLite store, against PostgreSQL at 127.0.0.1:5432 (a fresh schema per
test) and against Redis at 127.0.0.1:6379 (each skipped when its server does not answer);
backend-specific cases (a corrupt SQLite file, a Redis server that is down) follow; the
PostgreSQL store's own cases are in test_postgres.py.
"""
import dataclasses
import multiprocessing
import os
import signal
import socket
import time

import pytest

from transforms.state import (StagedOp, StagedStore, StateConfig, StateLocked, StateUnavailable,
                              open_state)


@pytest.fixture(params=['sqlite', pytest.param('postgres', marks=pytest.mark.service),
                        pytest.param('redis', marks=pytest.mark.service)])
def config(request, tmp_path):
    if request.param == 'sqlite':
        return StateConfig(dir=str(tmp_path / 'state'))
    if request.param == 'postgres':
        return StateConfig(url=request.getfixturevalue('postgres_state_url'))
    return StateConfig(url=request.getfixturevalue('redis_url'))


@pytest.fixture
def store(config):
    with open_state(config) as opened:
        yield opened


@pytest.fixture
def short_lease(monkeypatch):
    """A Redis lock lease of ``seconds`` (renewed every third of it); SQLite and PostgreSQL
    (whose locks end with the holder's file handle or connection) ignore it."""
    def shorten(seconds):
        try:
            from transforms.state.redis import RedisStateStore
        except ImportError:  # pragma: no cover -- only the SQLite store is tested then
            return
        monkeypatch.setattr(RedisStateStore, 'lock_ttl', seconds)
    return shorten


def _put(ns, key, value):
    return StagedOp('put', ns, key, value)


def _delete(ns, key):
    return StagedOp('delete', ns, key)


def _add(ns, key, member):
    return StagedOp('add', ns, key, None, member)


# staged writes -------------------------------------------------------------------------------
def test_staged_writes_are_invisible_until_applied(store):
    store.put_many('idx', {'old': {'v': 1}, 'gone': {'v': 0}})
    store.add_members('band', [('b', 'x')])
    store.stage('r1', [_put('idx', 'new', {'v': 2}), _put('idx', 'old', {'v': 3}),
                       _delete('idx', 'gone'), _add('band', 'b', 'y'), _add('band', 'c', 'z')])

    assert store.get_many('idx', ['old', 'gone', 'new']) == {'old': {'v': 1}, 'gone': {'v': 0}}
    assert [k for k, _ in store.scan('idx')] == ['gone', 'old']
    assert store.members('band', ['b', 'c']) == {'b': ['x']}
    assert store.staged_runs() == ['r1']

    assert store.apply_staged('r1') == 5
    assert store.get_many('idx', ['old', 'gone', 'new']) == {'old': {'v': 3}, 'new': {'v': 2}}
    assert store.members('band', ['b', 'c']) == {'b': ['x', 'y'], 'c': ['z']}
    assert store.staged_runs() == []


def test_applied_writes_are_stamped_for_prune(store):
    store.stage('r1', [_put('idx', 'k', {'v': 1}), _add('band', 'b', 'm')])
    before = time.time() - 1
    store.apply_staged('r1')
    assert store.prune('idx', before) == 0 and store.prune('band', before) == 0
    assert store.prune('idx', time.time() + 1) == 1
    assert store.prune('band', time.time() + 1) == 1


def test_apply_skips_exactly_the_excluded_keys(store):
    store.put('idx', 'a', {'v': 'committed'})
    store.stage('r1', [_put('idx', 'a', {'v': 'staged'}), _put('idx', 'b', {'v': 'staged'}),
                       _put('other', 'a', {'v': 'staged'}), _delete('idx', 'c'),
                       _add('band', 'k1', 'm'), _add('band', 'k2', 'm')])
    store.put('idx', 'c', {'v': 'committed'})

    applied = store.apply_staged('r1', exclude={'idx': ['a', 'c'], 'band': {'k1'},
                                                'unused': ['b']})
    assert applied == 3
    assert store.get_many('idx', ['a', 'b', 'c']) == {'a': {'v': 'committed'},
                                                      'b': {'v': 'staged'},
                                                      'c': {'v': 'committed'}}
    assert store.get('other', 'a') == {'v': 'staged'}
    assert store.members('band', ['k1', 'k2']) == {'k2': ['m']}
    assert store.staged_runs() == []  # the excluded ops are forgotten with the rest


def test_apply_is_idempotent(store):
    ops = [_put('idx', 'a', {'v': 1}), _delete('idx', 'b'), _add('band', 'k', 'm')]
    store.put('idx', 'b', {'v': 0})
    store.stage('r1', ops)
    assert store.apply_staged('r1') == 3
    state = (list(store.scan('idx')), store.members('band', ['k']))

    assert store.apply_staged('r1') == 0  # nothing left: a no-op
    assert (list(store.scan('idx')), store.members('band', ['k'])) == state

    store.stage('r1', ops)  # a retried run stages the same ops again
    store.apply_staged('r1')
    assert (list(store.scan('idx')), store.members('band', ['k'])) == state
    assert store.apply_staged('never-staged') == 0


def test_discard_drops_every_staged_write(store):
    store.put('idx', 'a', {'v': 1})
    store.stage('r1', [_put('idx', 'a', {'v': 2}), _put('idx', 'b', {'v': 2}),
                       _delete('idx', 'a'), _add('band', 'k', 'm')])
    store.discard_staged('r1')
    assert store.staged_runs() == []
    assert store.apply_staged('r1') == 0
    assert list(store.scan('idx')) == [('a', {'v': 1})]
    assert store.members('band', ['k']) == {}
    store.discard_staged('r1')  # discarding again (or an unknown run) is harmless


def test_staged_runs_lists_runs_with_pending_writes(store):
    assert store.staged_runs() == []
    store.stage('r2', [_put('idx', 'a', {'v': 1})])
    store.stage('r1', [_add('band', 'k', 'm')])
    store.stage('r3', [])  # nothing staged: not listed
    assert store.staged_runs() == ['r1', 'r2']
    store.apply_staged('r2')
    assert store.staged_runs() == ['r1']
    store.discard_staged('r1')
    assert store.staged_runs() == []


def test_the_last_staged_op_per_key_wins(store):
    store.put('idx', 'revived', {'v': 0})
    store.stage('r1', [_put('idx', 'k', {'v': 1}), _put('idx', 'k', {'v': 2})])
    store.stage('r1', [_put('idx', 'k', {'v': 3}), _put('idx', 'dropped', {'v': 1})])
    store.stage('r1', [_delete('idx', 'dropped'), _delete('idx', 'revived')])
    store.stage('r1', [_put('idx', 'revived', {'v': 4})])
    store.stage('r1', [_add('band', 'b', 'm'), _add('band', 'b', 'm'), _add('band', 'b', 'n')])
    store.stage('r1', [_add('band', 'b', 'm')])  # a retried bundle stages the same rows

    assert store.apply_staged('r1') == 4  # k, revived, b/m, b/n; deleting an absent key: none
    assert store.get_many('idx', ['k', 'dropped', 'revived']) == {'k': {'v': 3},
                                                                 'revived': {'v': 4}}
    assert store.members('band', ['b']) == {'b': ['m', 'n']}


def test_unknown_op_kinds_are_refused(store):
    with pytest.raises(ValueError, match='upsert'):
        store.stage('r1', [StagedOp('upsert', 'idx', 'k', {'v': 1})])
    assert store.staged_runs() == []


def test_a_staging_config_reads_committed_state_and_stages_writes(config, store):
    store.put_many('idx', {'a': {'v': 1}, 'b': {'v': 1}})
    store.add_members('band', [('k', 'x')])

    with open_state(dataclasses.replace(config, staging_run='r1')) as view:
        assert isinstance(view, StagedStore) and view.run_id == 'r1'
        view.put('idx', 'c', {'v': 2})
        view.put_many('idx', {'a': {'v': 2}})
        view.delete_many('idx', ['b'])
        view.add_members('band', [('k', 'y')])
        for reader in (view, store):  # the run does not see its own writes either
            assert dict(reader.scan('idx')) == {'a': {'v': 1}, 'b': {'v': 1}}
            assert reader.get('idx', 'c') is None
            assert reader.members('band', ['k']) == {'k': ['x']}
        assert view.staged_runs() == ['r1']

    assert store.staged_runs() == ['r1']  # the stage outlives the view
    store.apply_staged('r1')
    assert dict(store.scan('idx')) == {'a': {'v': 2}, 'c': {'v': 2}}
    assert store.members('band', ['k']) == {'k': ['x', 'y']}


def test_two_runs_stage_independently(store):
    store.stage('r1', [_put('idx', 'shared', {'run': 1}), _put('idx', 'one', {'run': 1}),
                       _add('band', 'k', 'r1')])
    store.stage('r2', [_put('idx', 'shared', {'run': 2}), _put('idx', 'two', {'run': 2}),
                       _delete('idx', 'one'), _add('band', 'k', 'r2')])
    assert store.staged_runs() == ['r1', 'r2']

    store.discard_staged('r2')
    assert store.staged_runs() == ['r1']
    assert store.apply_staged('r1') == 3
    assert dict(store.scan('idx')) == {'shared': {'run': 1}, 'one': {'run': 1}}
    assert store.members('band', ['k']) == {'k': ['r1']}

    store.stage('r3', [_put('idx', 'shared', {'run': 3})])
    store.stage('r4', [_put('idx', 'shared', {'run': 4})])
    store.apply_staged('r4')
    store.apply_staged('r3')  # applied last: its value stands
    assert store.get('idx', 'shared') == {'run': 3}


# the run lock ---------------------------------------------------------------------------------
def test_a_second_lock_names_the_holder_until_released(config, store):
    with open_state(config) as other:
        held = store.lock({'run_id': 'run-a'})
        try:
            with pytest.raises(StateLocked, match='run-a') as info:
                other.lock({'run_id': 'run-b'})
            assert info.value.holder['run_id'] == 'run-a'
            assert info.value.holder['pid'] == os.getpid()
            assert 'token' not in info.value.holder
            with pytest.raises(StateLocked):
                store.lock({'run_id': 'run-a-again'})  # not re-entrant, even in one process
        finally:
            held.release()
        held.release()  # releasing twice is harmless

        with other.lock({'run_id': 'run-b'}) as second:
            assert second.previous is None  # released cleanly: nothing to report
        with store.lock({'run_id': 'run-c'}) as third:
            assert third.previous is None


def test_a_held_lock_outlives_its_lease(config, store, short_lease):
    short_lease(0.3)  # Redis renews the lease every 0.1 s while the holder lives
    with store.lock({'run_id': 'long-run'}):
        time.sleep(1.0 if config.url else 0)
        with pytest.raises(StateLocked, match='long-run'):
            store.lock({'run_id': 'late-run'})


def _hold_and_die(config, ready):
    store = open_state(config)
    store.lock({'run_id': 'killed-run'})
    ready.set()
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_killed_holders_lock_can_be_taken(config, store, short_lease):
    short_lease(0.5)  # before the fork: the child's lease lives 0.5 s after its death
    ctx = multiprocessing.get_context('fork')
    ready = ctx.Event()
    child = ctx.Process(target=_hold_and_die, args=(config, ready))
    child.start()
    child.join(10)
    assert ready.is_set() and child.exitcode == -signal.SIGKILL

    deadline = time.monotonic() + 5
    while True:
        try:
            lock = store.lock({'run_id': 'next-run'})
            break
        except StateLocked as exc:  # a Redis lease outlives its holder by up to its ttl
            assert exc.holder['run_id'] == 'killed-run'
            assert time.monotonic() < deadline, 'the killed holder kept the lock'
            time.sleep(0.05)
    try:
        assert lock.previous and lock.previous['run_id'] == 'killed-run'
        assert lock.previous['pid'] == child.pid
    finally:
        lock.release()
    with store.lock({'run_id': 'after'}) as after:
        assert after.previous is None


# backend specifics ----------------------------------------------------------------------------
@pytest.mark.service
def test_redis_apply_resumes_after_a_crash_part_way(redis_url, monkeypatch):
    from transforms.state import redis as redis_backend

    with open_state(StateConfig(url=redis_url)) as store:
        n = redis_backend._CHUNK * 3
        store.stage('r1', [_put('idx', str(i), {'i': i}) for i in range(n)])
        real = redis_backend.RedisStateStore._apply_batch
        calls = []

        def crash_after_one_batch(self, *args):
            if calls:
                raise ConnectionError('killed mid-apply')
            calls.append(1)
            return real(self, *args)

        monkeypatch.setattr(redis_backend.RedisStateStore, '_apply_batch', crash_after_one_batch)
        with pytest.raises(ConnectionError):
            store.apply_staged('r1')
        assert store.staged_runs() == ['r1']  # kept until every op is applied
        assert 0 < len(list(store.scan('idx'))) < n

        monkeypatch.setattr(redis_backend.RedisStateStore, '_apply_batch', real)
        assert store.apply_staged('r1') == n
        assert dict(store.scan('idx')) == {str(i): {'i': i} for i in range(n)}
        assert store.staged_runs() == []


def test_redis_server_down_is_retryable_and_hides_the_password():
    pytest.importorskip('redis', reason='the redis client package is not installed')
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    url = f'redis://someone:s3cret-pw@127.0.0.1:{port}/0?prefix=x'
    with pytest.raises(StateUnavailable) as info:
        open_state(StateConfig(url=url))
    message = str(info.value)
    assert info.value.retryable
    assert f'127.0.0.1:{port}' in message
    assert '\n' not in message and 's3cret-pw' not in message and 'someone' not in message


def test_a_corrupt_sqlite_file_is_unavailable(tmp_path):
    (tmp_path / 'state.sqlite').write_bytes(b'this is not a database\x00\xff' * 400)
    with pytest.raises(StateUnavailable) as info:
        open_state(StateConfig(dir=str(tmp_path)))
    message = str(info.value)
    assert '\n' not in message and 'state.sqlite' in message
    assert not info.value.retryable


def test_a_read_only_sqlite_directory_is_unavailable(tmp_path):
    if os.geteuid() == 0:
        pytest.skip('running as root: file permissions do not bind, so nothing is read-only')
    directory = tmp_path / 'state'
    with open_state(StateConfig(dir=str(directory))) as store:
        store.put('idx', 'k', {'v': 1})
    os.chmod(directory, 0o500)
    try:
        with pytest.raises(StateUnavailable) as info:
            with open_state(StateConfig(dir=str(directory))) as store:
                store.put('idx', 'k', {'v': 2})
        assert '\n' not in str(info.value) and not info.value.retryable
    finally:
        os.chmod(directory, 0o700)
