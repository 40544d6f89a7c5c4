import multiprocessing
import time

from transforms.state import StateConfig, open_state


def test_records_roundtrip_and_persist(tmp_path):
    config = StateConfig(dir=str(tmp_path))
    with open_state(config) as store:
        store.put_many('feeds', {'a': {'etag': '"1"'}, 'b': {'etag': None}})
        store.put('feeds', 'c', {'n': 3})
        assert store.get('feeds', 'a') == {'etag': '"1"'}
        assert store.get('other', 'a') is None
        store.delete_many('feeds', ['b'])
    with open_state(config) as store:  # a later run sees it
        assert store.get_many('feeds', ['a', 'b', 'c']) == {'a': {'etag': '"1"'}, 'c': {'n': 3}}
        assert [k for k, _ in store.scan('feeds')] == ['a', 'c']


def test_multimap_members_and_prune(tmp_path):
    with open_state(StateConfig(dir=str(tmp_path))) as store:
        store.add_members('band', [('k1', 'id2'), ('k1', 'id1'), ('k2', 'id3')])
        store.add_members('band', [('k1', 'id1')])
        assert store.members('band', ['k1', 'k2', 'k9']) == {'k1': ['id1', 'id2'], 'k2': ['id3']}
        cutoff = time.time() + 1
        store.put('keep', 'x', {'v': 1})
        assert store.prune('band', cutoff) == 3
        assert store.members('band', ['k1']) == {}
        assert store.get('keep', 'x') == {'v': 1}


def test_many_keys_are_chunked(tmp_path):
    with open_state(StateConfig(dir=str(tmp_path))) as store:
        store.put_many('n', {str(i): {'i': i} for i in range(2500)})
        assert len(store.get_many('n', [str(i) for i in range(2500)])) == 2500


def _writer(directory, worker):
    with open_state(StateConfig(dir=directory)) as store:
        for i in range(50):
            store.put('w', f'{worker}-{i}', {'i': i})
            store.add_members('m', [(str(i), str(worker))])


def test_two_processes_write_at_once(tmp_path):
    procs = [multiprocessing.Process(target=_writer, args=(str(tmp_path), w)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with open_state(StateConfig(dir=str(tmp_path))) as store:
        assert len(list(store.scan('w'))) == 100
        assert store.members('m', ['7'])['7'] == ['0', '1']


def test_sqlite_url(tmp_path):
    path = tmp_path / 'x' / 's.sqlite'
    with open_state(StateConfig(url=f'sqlite:///{path}')) as store:
        store.put('n', 'k', {'v': 1})
    assert path.exists()


def _opener(directory, barrier):
    barrier.wait()
    with open_state(StateConfig(dir=directory)) as store:
        store.put('x', str(multiprocessing.current_process().pid), {'ok': True})


def test_processes_creating_a_new_store_at_once(tmp_path):
    for attempt in range(3):
        directory = str(tmp_path / f'fresh{attempt}')
        barrier = multiprocessing.Barrier(4)
        procs = [multiprocessing.Process(target=_opener, args=(directory, barrier))
                 for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
            assert p.exitcode == 0
        with open_state(StateConfig(dir=directory)) as store:
            assert len(list(store.scan('x'))) == 4
