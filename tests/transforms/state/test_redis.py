"""The Redis state store against a real server at 127.0.0.1:6379 (skipped when none runs)."""
import time

import pytest

from transforms.state import StateConfig, open_state

pytestmark = pytest.mark.service


def test_records_roundtrip_and_persist(redis_url):
    config = StateConfig(url=redis_url)
    config.validate()
    with open_state(config) as store:
        store.put_many('feeds', {'a': {'etag': '"1"'}, 'b': {'etag': None}})
        store.put('feeds', 'c', {'n': 3})
        assert store.get('feeds', 'a') == {'etag': '"1"'}
        assert store.get('other', 'a') is None
        store.delete_many('feeds', ['b'])
    with open_state(config) as store:
        assert store.get_many('feeds', ['a', 'b', 'c']) == {'a': {'etag': '"1"'}, 'c': {'n': 3}}
        assert [k for k, _ in store.scan('feeds')] == ['a', 'c']


def test_multimap_members_and_prune(redis_url):
    with open_state(StateConfig(url=redis_url)) as store:
        store.add_members('band', [('k1', 'id2'), ('k1', 'id1'), ('k2', 'id3')])
        store.add_members('band', [('k1', 'id1')])
        assert store.members('band', ['k1', 'k2', 'k9']) == {'k1': ['id1', 'id2'], 'k2': ['id3']}
        store.put('band', 'record', {'v': 1})
        cutoff = time.time() + 1
        store.put('keep', 'x', {'v': 1})
        assert store.prune('band', cutoff) == 4
        assert store.members('band', ['k1']) == {}
        assert store.get('band', 'record') is None
        assert store.get('keep', 'x') == {'v': 1}
        assert store.prune('keep', time.time() - 3600) == 0


def test_many_keys_are_chunked(redis_url):
    with open_state(StateConfig(url=redis_url)) as store:
        store.put_many('n', {str(i): {'i': i} for i in range(2500)})
        assert len(store.get_many('n', [str(i) for i in range(2500)])) == 2500
        store.add_members('m', [(str(i % 7), str(i)) for i in range(2500)])
        assert sum(len(v) for v in store.members('m', [str(i) for i in range(7)]).values()) == 2500


def test_unknown_state_url_is_refused():
    with pytest.raises(ValueError, match='redis://'):
        StateConfig(url='memcached://x').validate()
