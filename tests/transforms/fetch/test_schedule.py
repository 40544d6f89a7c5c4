import pytest

from transforms.fetch.schedule import (after_failure, after_success, backoff_delay,
                                       cache_lifetime, conditional_headers, due_status,
                                       entry_key, parse_retry_after, remember_keys,
                                       split_new_entries)
from transforms.fetch.settings import FetchSettings

NOW = 1_800_000_000.0


def test_retry_after_forms():
    assert parse_retry_after('120', NOW) == 120
    assert parse_retry_after(' 0 ', NOW) == 0
    assert parse_retry_after('Fri, 15 Jan 2027 08:02:00 GMT', NOW) == 120
    assert parse_retry_after('Fri, 15 Jan 2027 07:00:00 GMT', NOW) == 0  # in the past
    assert parse_retry_after('soon', NOW) is None
    assert parse_retry_after('-5', NOW) is None
    assert parse_retry_after(None, NOW) is None
    assert parse_retry_after('9' * 40, NOW) == 10 ** 9


def test_cache_lifetime():
    assert cache_lifetime({'cache-control': 'public, max-age=300, s-maxage=900'}, NOW) == 300
    assert cache_lifetime({'cache-control': 'no-store, max-age=300'}, NOW) == 0
    assert cache_lifetime({'expires': '0'}, NOW) == 0
    assert cache_lifetime({'expires': 'Fri, 15 Jan 2027 08:02:00 GMT'}, NOW) == 120
    assert cache_lifetime({}, NOW) is None


def test_backoff_is_exponential_and_capped():
    s = FetchSettings(backoff_base=30, backoff_max=600)
    assert [backoff_delay(n, s) for n in range(0, 7)] == [0, 30, 60, 120, 240, 480, 600]
    assert backoff_delay(10_000, s) == 600


def test_due_status():
    assert due_status(None, NOW) == 'due'
    assert due_status({'next_due': NOW + 1}, NOW) == 'not_due'
    assert due_status({'next_due': NOW + 1, 'parked': True}, NOW) == 'parked'
    assert due_status({'next_due': NOW, 'parked': True}, NOW) == 'due'


def test_conditional_headers_only_from_stored_validators():
    assert conditional_headers(None) == {}
    assert conditional_headers({'etag': 'W/"x"', 'last_modified': None}) == {
        'If-None-Match': 'W/"x"'}


def test_entry_keys_and_new_entries():
    a = {'guid': 'g1', 'url': 'https://e/1'}
    b = {'guid': None, 'url': 'https://e/2'}
    c = {'guid': None, 'url': None, 'title': 'T', 'published': 'P'}
    assert len({entry_key(a), entry_key(b), entry_key(c)}) == 3
    assert entry_key(a) == entry_key({'guid': 'g1', 'url': 'https://other/'})
    fresh, keys = split_new_entries([a, b, dict(b), c], [entry_key(a)])
    assert fresh == [b, c] and keys == [entry_key(a), entry_key(b), entry_key(c)]


def test_remembered_keys_are_bounded_but_keep_the_current_document():
    assert remember_keys(['n1', 'n2'], ['o1', 'o2', 'o3'], 3) == ['n1', 'n2', 'o1']
    assert remember_keys(['n1', 'n2', 'n3', 'n4'], ['o1'], 3) == ['n1', 'n2', 'n3', 'n4']


def test_failure_of_a_bad_document_clears_validators_and_success_resets_failures():
    s = FetchSettings()
    ok = after_success(None, now=NOW, headers={'etag': '"e"'}, ttl_minutes=None,
                       final_url='u', keys=['k'], settings=s)
    bad = after_failure(ok, now=NOW, reason='not_a_feed', http_status=200, headers={},
                        final_url='u', settings=s)
    assert bad['etag'] is None and bad['failures'] == 1 and bad['seen'] == ['k']
    again = after_success(bad, now=NOW, headers={}, ttl_minutes=None, final_url='u',
                          keys=['k2'], settings=s)
    assert again['failures'] == 0 and again['seen'] == ['k2', 'k']


def test_retry_after_ignored_on_non_retryable_status():
    s = FetchSettings(backoff_base=10, backoff_max=100)
    rec = after_failure(None, now=NOW, reason='http_error', http_status=404,
                        headers={'retry-after': '5000'}, final_url=None, settings=s)
    assert rec['next_due'] == NOW + 10


@pytest.mark.parametrize('kwargs', [
    {'user_agent': 'curl'}, {'user_agent': 'bot\r\nX: y (+https://e)'},
    {'connect_timeout': 0}, {'connect_timeout': 5, 'total_timeout': 1}, {'max_bytes': 0},
    {'max_redirects': 50}, {'allowed_networks': ('not-a-net',)},
    {'backoff_base': 100, 'backoff_max': 10}, {'min_host_delay': -1},
])
def test_settings_refuse_bad_values(kwargs):
    with pytest.raises(ValueError):
        FetchSettings(**kwargs)


def test_settings_from_mapping():
    from transforms.settings import SettingsError, from_mapping
    s = from_mapping(FetchSettings, {'user_agent': 'acme-news/1 (+https://acme.example/bot)',
                                     'allowed_networks': ['10.0.0.0/8'], 'min_host_delay': 2},
                     'fetch')
    assert s.allowed_networks == ('10.0.0.0/8',) and s.min_host_delay == 2.0
    with pytest.raises(SettingsError, match='fetch.timeout'):
        from_mapping(FetchSettings, {'timeout': 3}, 'fetch')
