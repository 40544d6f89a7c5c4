"""The PostgreSQL state store's own cases, against a real server at 127.0.0.1:5432 (a fresh
schema per test; skipped when no server answers). The shared contract (staged writes, the run
lock) is in test_contract.py."""
import logging
import socket
import threading
import time
import urllib.parse

import pytest

from transforms.state import StagedOp, StateConfig, StateUnavailable, open_state

pytestmark = pytest.mark.service


def _schema(url):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)['schema'][0]


def _admin(url):
    import psycopg
    base = urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(query=''))
    return psycopg.connect(base, autocommit=True)


def test_records_multimaps_and_prune_persist(postgres_state_url):
    config = StateConfig(url=postgres_state_url)
    config.validate()
    assert not config.node_local
    with open_state(config) as store:
        store.put_many('feeds', {'b': {'etag': None}, 'a': {'etag': '"1"', 'n': 1.5}})
        store.add_members('band', [('k1', 'id2'), ('k1', 'id1'), ('k2', 'id3'), ('k1', 'id1')])
        store.delete_many('feeds', ['b', 'never-there'])
    with open_state(config) as store:  # a new connection sees the committed rows
        assert store.get_many('feeds', ['a', 'b']) == {'a': {'etag': '"1"', 'n': 1.5}}
        assert store.members('band', ['k1', 'k2', 'k9']) == {'k1': ['id1', 'id2'],
                                                             'k2': ['id3']}
        cutoff = time.time() + 1
        store.put('keep', 'x', {'v': 1})
        assert store.prune('band', cutoff) == 3
        assert store.prune('feeds', cutoff) == 1
        assert store.prune('keep', time.time() - 3600) == 0
        assert store.get('keep', 'x') == {'v': 1}


def test_keys_sort_by_code_point_as_in_python(postgres_state_url):
    keys = ['b', 'B', 'a', 'É', 'e', '_', '10', '9', 'ß', '日本']
    with open_state(StateConfig(url=postgres_state_url)) as store:
        store.put_many('ns', {k: {'k': k} for k in keys})
        store.add_members('m', [('key', k) for k in keys])
        assert [k for k, _ in store.scan('ns')] == sorted(keys)
        assert store.members('m', ['key']) == {'key': sorted(keys)}
        store.stage('r2', [StagedOp('put', 'x', 'k', {})])
        store.stage('r10', [StagedOp('put', 'x', 'k', {})])
        store.stage('R1', [StagedOp('put', 'x', 'k', {})])
        assert store.staged_runs() == sorted(['r2', 'r10', 'R1'])


def test_many_keys_go_in_chunks(postgres_state_url, monkeypatch):
    from transforms.state import postgres
    monkeypatch.setattr(postgres, '_CHUNK', 7)
    with open_state(StateConfig(url=postgres_state_url)) as store:
        store.put_many('n', {str(i): {'i': i} for i in range(50)})
        assert len(store.get_many('n', [str(i) for i in range(60)])) == 50
        store.add_members('m', [(str(i % 3), str(i)) for i in range(50)])
        assert sum(map(len, store.members('m', ['0', '1', '2']).values())) == 50
        store.stage('r', [StagedOp('put', 'n', str(i), {'i': -i}) for i in range(50)]
                    + [StagedOp('delete', 'n', str(i)) for i in range(40, 50)])
        assert store.apply_staged('r', exclude={'n': [str(i) for i in range(10)]}) == 40
        assert store.get('n', '0') == {'i': 0} and store.get('n', '20') == {'i': -20}
        assert store.get('n', '45') is None
        store.delete_many('n', [str(i) for i in range(50)])
        assert list(store.scan('n')) == []


def test_postgres_scheme_alias_and_tables_in_their_own_schema(postgres_state_url):
    url = postgres_state_url.replace('postgresql://', 'postgres://', 1)
    with open_state(StateConfig(url=url)) as store:
        store.put('idx', 'k', {'v': 1})
    with _admin(postgres_state_url) as admin:
        tables = {row[0] for row in admin.execute(
            'SELECT table_name FROM information_schema.tables WHERE table_schema = %s',
            (_schema(postgres_state_url),))}
        version = admin.execute(f'SELECT value FROM "{_schema(postgres_state_url)}".meta '
                                f"WHERE key = 'schema_version'").fetchone()[0]
    assert tables == {'meta', 'kv', 'multi', 'staged', 'lock_holder'}
    assert version == '1'


def test_apply_is_one_transaction(postgres_state_url):
    """A failure part-way through applying (here: a trigger on the multimap table, the last
    write) leaves the committed state as it was and the stage in place."""
    schema = _schema(postgres_state_url)
    with open_state(StateConfig(url=postgres_state_url)) as store:
        store.put('idx', 'old', {'v': 1})
        store.stage('r1', [StagedOp('put', 'idx', 'new', {'v': 2}),
                           StagedOp('delete', 'idx', 'old'),
                           StagedOp('add', 'band', 'k', None, 'm')])
        with _admin(postgres_state_url) as admin:
            admin.execute(f"""
                CREATE FUNCTION "{schema}".refuse() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$;
                CREATE TRIGGER refuse BEFORE INSERT ON "{schema}".multi
                FOR EACH ROW EXECUTE FUNCTION "{schema}".refuse();""")
        with pytest.raises(StateUnavailable, match='disk full') as info:
            store.apply_staged('r1')
        assert '\n' not in str(info.value)
        assert dict(store.scan('idx')) == {'old': {'v': 1}}
        assert store.members('band', ['k']) == {}
        assert store.staged_runs() == ['r1']

        with _admin(postgres_state_url) as admin:
            admin.execute(f'DROP TRIGGER refuse ON "{schema}".multi')
        assert store.apply_staged('r1') == 3
        assert dict(store.scan('idx')) == {'new': {'v': 2}}
        assert store.members('band', ['k']) == {'k': ['m']}


def test_concurrent_first_opens_create_the_schema_once(postgres_state_url):
    errors, stores = [], []
    start = threading.Barrier(4)

    def open_one():
        start.wait()
        try:
            stores.append(open_state(StateConfig(url=postgres_state_url)))
        except Exception as exc:  # noqa: BLE001 -- collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert errors == [] and len(stores) == 4
        stores[0].put('idx', 'k', {'v': 1})
        assert all(s.get('idx', 'k') == {'v': 1} for s in stores)
    finally:
        for store in stores:
            store.close()


def test_a_newer_schema_version_is_refused(postgres_state_url):
    with open_state(StateConfig(url=postgres_state_url)):
        pass
    with _admin(postgres_state_url) as admin:
        admin.execute(f'UPDATE "{_schema(postgres_state_url)}".meta SET value = %s '
                      f"WHERE key = 'schema_version'", ('7',))
    with pytest.raises(StateUnavailable, match='schema version 7, newer') as info:
        open_state(StateConfig(url=postgres_state_url))
    assert not info.value.retryable and '\n' not in str(info.value)


def test_a_schema_holding_other_tables_is_refused(postgres_state_url):
    schema = _schema(postgres_state_url)
    with _admin(postgres_state_url) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        admin.execute(f'CREATE TABLE "{schema}".orders (id int)')
    with pytest.raises(StateUnavailable, match='not a newsbeam state store') as info:
        open_state(StateConfig(url=postgres_state_url))
    assert not info.value.retryable
    with _admin(postgres_state_url) as admin:  # nothing was added to it
        count = admin.execute('SELECT count(*) FROM information_schema.tables '
                              'WHERE table_schema = %s', (schema,)).fetchone()[0]
    assert count == 1


def test_an_empty_schema_made_by_a_dba_is_used(postgres_state_url):
    with _admin(postgres_state_url) as admin:
        admin.execute(f'CREATE SCHEMA "{_schema(postgres_state_url)}"')
    with open_state(StateConfig(url=postgres_state_url)) as store:
        store.put('idx', 'k', {'v': 1})
        assert store.get('idx', 'k') == {'v': 1}


@pytest.mark.parametrize('schema', ['Upper', '1abc', 'a-b', 'x" ; drop table kv; --', 'a' * 64])
def test_bad_schema_names_are_refused(postgres_state_url, schema):
    url = postgres_state_url.split('?')[0] + '?' + urllib.parse.urlencode({'schema': schema})
    with pytest.raises(StateUnavailable, match='is not allowed') as info:
        open_state(StateConfig(url=url))
    assert not info.value.retryable and '\n' not in str(info.value)


def test_a_server_that_is_down_is_retryable_and_hides_the_password():
    pytest.importorskip('psycopg', reason='the psycopg package is not installed')
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    url = f'postgresql://someone:s3cret-pw@127.0.0.1:{port}/db?schema=x&connect_timeout=2'
    with pytest.raises(StateUnavailable) as info:
        open_state(StateConfig(url=url))
    message = str(info.value)
    assert info.value.retryable
    assert f'127.0.0.1:{port}/db schema x' in message
    assert '\n' not in message and 's3cret-pw' not in message


def test_a_missing_database_is_not_retryable(postgres_state_url):
    url = postgres_state_url.replace('/test?', '/newsbeam_no_such_database?')
    with pytest.raises(StateUnavailable, match='newsbeam_no_such_database') as info:
        open_state(StateConfig(url=url))
    assert not info.value.retryable and '\n' not in str(info.value)


def test_a_lost_connection_is_unavailable_then_reconnects(postgres_state_url):
    with open_state(StateConfig(url=postgres_state_url)) as store:
        store.put('idx', 'k', {'v': 1})
        pid = store._db.info.backend_pid
        with _admin(postgres_state_url) as admin:
            admin.execute('SELECT pg_terminate_backend(%s)', (pid,))
        with pytest.raises(StateUnavailable) as info:
            store.get('idx', 'k')
        assert info.value.retryable and '\n' not in str(info.value)
        assert 'schema' in str(info.value)
        assert store.get('idx', 'k') == {'v': 1}  # the next call connects again


def test_a_lost_lock_connection_frees_the_lock_and_is_reported(postgres_state_url,
                                                                monkeypatch, caplog):
    from transforms.state.postgres import PostgresStateStore
    monkeypatch.setattr(PostgresStateStore, 'lock_heartbeat', 0.05)
    with open_state(StateConfig(url=postgres_state_url)) as store:
        lock = store.lock({'run_id': 'cut-off'})
        with _admin(postgres_state_url) as admin:
            admin.execute('SELECT pg_terminate_backend(%s)', (lock._db.info.backend_pid,))
        deadline = time.monotonic() + 5
        with caplog.at_level(logging.WARNING):
            while not lock.lost and time.monotonic() < deadline:
                time.sleep(0.02)
        assert lock.lost
        assert any('lost' in r.getMessage() for r in caplog.records)
        with store.lock({'run_id': 'next'}) as second:  # the server dropped the first lock
            assert second.previous['run_id'] == 'cut-off'
        lock.release()  # harmless after the loss


def test_nul_in_a_key_is_a_value_error(postgres_state_url):
    with open_state(StateConfig(url=postgres_state_url)) as store:
        with pytest.raises(ValueError):
            store.put('idx', 'bad\x00key', {'v': 1})
        store.put('idx', 'good', {'v': 1})  # the connection is still usable
        assert store.get('idx', 'good') == {'v': 1}
