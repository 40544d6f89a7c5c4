"""FetchFeeds in a TestPipeline: incremental runs against the local server, politeness."""
from __future__ import annotations

import base64
import logging
import time

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import BeamAssertException, assert_that, equal_to

from transforms.context import RunContext
from transforms.fetch import FetchFeeds, FetchSettings
from transforms.model import to_json_line
from transforms.redact import redact_url
from transforms.state import StateConfig, open_state


def run_fetch(urls, settings, state, run_id='r1', expect_guids=None, expect_outcomes=None,
              expect_dead=None):
    run = RunContext(run_id=run_id, started_at='2026-01-01T00:00:00Z')
    with TestPipeline() as p:
        out = p | 'Feeds' >> beam.Create(urls) | 'Fetch' >> FetchFeeds(settings, state, run)
        assert_that(out['records'] | 'Guids' >> beam.Map(lambda r: r['guid'] or r['url']),
                    equal_to(expect_guids), label='CheckRecords')
        assert_that(out['outcomes'] | 'Statuses' >> beam.Map(
            lambda o: (o['url'], o['status'], o['items'], o['reason'])),
            equal_to(expect_outcomes), label='CheckOutcomes')
        assert_that(out['dead_letter'] | 'Reasons' >> beam.Map(
            lambda d: (d['input']['location'], d['error']['stage'], d['error']['reason'])),
            equal_to(expect_dead), label='CheckDeadLetters')


def test_first_run_all_second_run_304_third_run_only_new(server, kit, accept_counter, tmp_path):
    rss_entries = [range(4)]
    rss = server.route('/world/rss.xml', kit.FeedResource(lambda: kit.rss_feed(rss_entries[0]),
                                                          'application/rss+xml'))
    atom = server.route('/blog.atom', kit.FeedResource(lambda: kit.atom_feed(range(2)),
                                                       'application/atom+xml'))
    jsonf = server.route('/feed.json', kit.FeedResource(lambda: kit.json_feed(range(3)),
                                                        'application/feed+json'))
    gone = server.url('/gone.xml')  # 404
    blocked_host = accept_counter('127.0.0.2')
    blocked = f'http://127.0.0.2:{blocked_host.port}/feed.xml'
    settings = FetchSettings(allow_private_networks=False, allowed_networks=('127.0.0.1/32',),
                             min_host_delay=0.0, connect_timeout=1, total_timeout=2)
    state = StateConfig(dir=str(tmp_path / 'state'))
    bad = 'ftp://files.example.com/feed.xml'
    urls = [rss, atom, jsonf, gone, blocked, bad, rss]  # a duplicate is fetched once

    first_guids = ([f'news.example.com-story-{i}' for i in range(4)]
                   + [f'tag:blog.example.org,2024:entry-{i}' for i in range(2)]
                   + [f'json-{i}' for i in range(3)])
    run_fetch(urls, settings, state, 'r1', first_guids,
              [(rss, 'ok', 4, None), (atom, 'ok', 2, None), (jsonf, 'ok', 3, None),
               (gone, 'error', 0, 'http_error'), (blocked, 'error', 0, 'blocked_address'),
               (bad, 'error', 0, 'bad_url')],
              [(gone, 'fetch', 'http_error'), (blocked, 'fetch', 'blocked_address'),
               (bad, 'fetch', 'bad_url')])
    assert len(server.hits('/world/rss.xml')) == 1
    assert blocked_host.accepted == 0

    # immediately again: conditional requests, 304s, nothing emitted; failed feeds back off,
    # while our own refusals (blocked address, bad URL) are refused again without backoff
    refusals = [(blocked, 'fetch', 'blocked_address'), (bad, 'fetch', 'bad_url')]
    run_fetch(urls, settings, state, 'r2', [],
              [(rss, 'not_modified', 0, None), (atom, 'not_modified', 0, None),
               (jsonf, 'not_modified', 0, None), (gone, 'not_due', 0, None),
               (blocked, 'error', 0, 'blocked_address'), (bad, 'error', 0, 'bad_url')],
              refusals)
    for path in ('/world/rss.xml', '/blog.atom', '/feed.json'):
        second = server.hits(path)[1].headers
        assert second.get('if-none-match') and second.get('if-modified-since')
    assert len(server.hits('/gone.xml')) == 1

    # the server publishes two more entries: exactly those come out
    rss_entries[0] = range(6)
    run_fetch(urls, settings, state, 'r3',
              ['news.example.com-story-4', 'news.example.com-story-5'],
              [(rss, 'ok', 2, None), (atom, 'not_modified', 0, None),
               (jsonf, 'not_modified', 0, None), (gone, 'not_due', 0, None),
               (blocked, 'error', 0, 'blocked_address'), (bad, 'error', 0, 'bad_url')],
              refusals)
    assert blocked_host.accepted == 0
    with open_state(state) as store:
        record = store.get('fetch.feeds', rss)
    assert record['run_id'] == 'r3' and record['etag'] and len(record['seen']) == 6


def test_per_host_delay_inside_the_pipeline_and_hosts_in_parallel(server, kit):
    for i in range(3):
        server.route(f'/a{i}', kit.FeedResource(lambda: kit.rss_feed(range(1)),
                                                'application/rss+xml'))
        server.route(f'/b{i}', kit.FeedResource(lambda: kit.atom_feed(range(1)),
                                                'application/atom+xml'))
    host_a = [server.url(f'/a{i}') for i in range(3)]
    host_b = [server.url(f'/b{i}', 'localhost') for i in range(3)]
    settings = FetchSettings(allow_private_networks=True, min_host_delay=0.3, shards=1,
                             max_parallel_hosts=4)
    run_fetch(host_a + host_b, settings, None, 'r1',
              ['news.example.com-story-0'] * 3 + ['tag:blog.example.org,2024:entry-0'] * 3,
              [(u, 'ok', 1, None) for u in host_a + host_b], [])
    a_times = sorted(r.at for r in server.requests if r.headers['host'].startswith('127.'))
    b_times = sorted(r.at for r in server.requests if r.headers['host'].startswith('localhost'))
    assert len(a_times) == len(b_times) == 3
    for times in (a_times, b_times):
        assert min(b - a for a, b in zip(times, times[1:])) >= 0.29
    # the two hosts were fetched at the same time, not one after the other
    assert b_times[0] < a_times[-1] and a_times[0] < b_times[-1]


def test_per_host_concurrency_limit(server, kit):
    active, peak = [0], [0]

    def slow_feed(h):
        with server.lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.15)
        with server.lock:
            active[0] -= 1
        kit.send(h, 200, kit.rss_feed(range(1)), {'Content-Type': 'application/rss+xml'})
    urls = [server.route(f'/c{i}', slow_feed) for i in range(6)]
    settings = FetchSettings(allow_private_networks=True, min_host_delay=0.0,
                             per_host_concurrency=2, max_parallel_hosts=4, shards=1)
    run_fetch(urls, settings, None, 'r1', ['news.example.com-story-0'] * 6,
              [(u, 'ok', 1, None) for u in urls], [])
    assert peak[0] == 2


def test_constructor_validates():
    run = RunContext(run_id='r', started_at='2026-01-01T00:00:00Z')
    with pytest.raises(ValueError, match='settings'):
        FetchFeeds({'user_agent': 'x'}, None, run)
    with pytest.raises(ValueError, match='state'):
        FetchFeeds(FetchSettings(), '/tmp/state', run)
    with pytest.raises(ValueError, match='run'):
        FetchFeeds(FetchSettings(), None, None)


def test_retried_bundle_emits_again_because_state_is_written_only_when_the_bundle_ends(
        server, kit, tmp_path):
    # The bundle runner retries a failed bundle; an attempt that dies before finish_bundle must
    # not leave entries marked as emitted, or the retry would drop them.
    from transforms.fetch.transform import _FetchShardFn
    url = server.route('/feed', kit.FeedResource(lambda: kit.rss_feed(range(3)),
                                                 'application/rss+xml'))
    settings = FetchSettings(allow_private_networks=True, min_host_delay=0.0)
    run = RunContext(run_id='r1', started_at='2026-01-01T00:00:00Z')
    state = StateConfig(dir=str(tmp_path))

    def attempt(finish: bool) -> list:
        fn = _FetchShardFn(settings, state, run)
        fn.setup()
        fn.start_bundle()
        out = list(fn.process((0, [url])))
        if finish:
            fn.finish_bundle()
        fn.teardown()
        return [o for o in out if isinstance(o, dict)]

    assert len(attempt(finish=False)) == 3     # the attempt that failed
    assert len(attempt(finish=True)) == 3      # its retry emits the same entries
    assert attempt(finish=True) == []          # a later run: 304, nothing
    assert [h.headers.get('if-none-match') is not None
            for h in server.hits('/feed')] == [False, False, True]


# hostile input never ends a run ---------------------------------------------------------------

def _none_contains(needles: tuple[str, ...], count: int):
    """An assert_that matcher: ``count`` elements, none of whose JSON form holds a needle."""
    def check(actual):
        lines = [to_json_line(x) for x in actual]
        leaks = [line for line in lines if any(n in line for n in needles)]
        if leaks or len(lines) != count:
            raise BeamAssertException(f'{len(lines)} elements (expected {count}); leaks: {leaks}')
    return check


def test_credentials_are_used_for_the_request_and_written_nowhere(server, kit, caplog,
                                                                   tmp_path):
    secret = 's3cret'
    expected_auth = 'Basic ' + base64.b64encode(f'user:{secret}'.encode()).decode()
    needles = (secret, expected_auth.split()[1])

    def private_feed(h):
        if h.headers.get('Authorization') != expected_auth:
            kit.send(h, 401, b'who are you?', {'WWW-Authenticate': 'Basic realm="feeds"'})
            return
        kit.send(h, 200, kit.rss_feed(range(3)), {'Content-Type': 'application/rss+xml'})

    def echo(h):  # a server that quotes the request back in an error page
        page = f'<html><body>{h.path} {h.headers.get("Authorization")}</body></html>'
        kit.send(h, 200, page.encode(), {'Content-Type': 'text/html'})
    server.route('/feed.rss', private_feed)
    server.route('/echo', echo)
    server.route('/moved.rss', lambda h: kit.send(
        h, 301, b'', {'Location': f'/feed.rss?sig={secret}'}))
    base = f'http://user:{secret}@127.0.0.1:{server.port}'
    feed, missing, moved = f'{base}/feed.rss', f'{base}/missing.rss', f'{base}/moved.rss'
    echoed = f'{base}/echo?token={secret}'
    unusable = f'http://user:{secret}@[::1'
    settings = FetchSettings(allow_private_networks=True, min_host_delay=0.0, shards=2)
    state = StateConfig(dir=str(tmp_path / 'state'))
    run = RunContext(run_id='r1', started_at='2026-01-01T00:00:00Z')
    shown = f'http://***@127.0.0.1:{server.port}'
    with caplog.at_level(logging.DEBUG):
        with TestPipeline() as p:
            out = (p | 'Feeds' >> beam.Create([feed, missing, moved, echoed, unusable])
                   | 'Fetch' >> FetchFeeds(settings, state, run))
            # ... written nowhere: not in any output
            assert_that(out['records'], _none_contains(needles, 6), label='NoSecretInRecords')
            assert_that(out['dead_letter'], _none_contains(needles, 3), label='NoSecretInDead')
            assert_that(out['outcomes'], _none_contains(needles, 5),
                        label='NoSecretInOutcomes')
            # ... named by the redacted URL everywhere
            assert_that(out['records'] | 'Where' >> beam.Map(
                lambda r: (r['source']['location'], r['provenance']['input'],
                           r['hints']['base_url'])),
                equal_to([(f'{shown}/feed.rss', f'{shown}/feed.rss',
                           f'http://127.0.0.1:{server.port}/feed.rss')] * 3
                         + [(f'{shown}/moved.rss', f'{shown}/moved.rss',
                             f'http://127.0.0.1:{server.port}/feed.rss?sig=***')] * 3),
                label='CheckLocations')
            assert_that(out['outcomes'] | 'Outcome' >> beam.Map(
                lambda o: (o['url'], o['status'], o['reason'], o['final_url'])),
                equal_to([
                    (f'{shown}/feed.rss', 'ok', None, f'http://127.0.0.1:{server.port}/feed.rss'),
                    (f'{shown}/missing.rss', 'error', 'http_error',
                     f'http://127.0.0.1:{server.port}/missing.rss'),
                    (f'{shown}/moved.rss', 'ok', None,
                     f'http://127.0.0.1:{server.port}/feed.rss?sig=***'),
                    (f'{shown}/echo?token=***', 'error', 'not_a_feed',
                     f'http://127.0.0.1:{server.port}/echo?token=***'),
                    ('http://***@[::1', 'error', 'bad_url', 'http://***@[::1')]),
                label='CheckOutcomes')
            assert_that(out['dead_letter'] | 'Dead' >> beam.Map(
                lambda d: (d['input']['location'], d['error']['reason'],
                           '/echo?token=*** Basic ***' in d['input']['excerpt'])),
                equal_to([(f'{shown}/missing.rss', 'http_error', False),
                          (f'{shown}/echo?token=***', 'not_a_feed', True),
                          ('http://***@[::1', 'bad_url', False)]),
                label='CheckDeadLetters')

    # the credentials did their job: every request for the feed carried them
    hits = server.hits('/feed.rss')
    assert len(hits) == 2 and {h.headers.get('authorization') for h in hits} == {expected_auth}
    # ... and neither the state nor a log line holds them
    with open_state(state) as store:
        stored = dict(store.scan('fetch.feeds'))
    assert set(stored) == {f'{shown}/feed.rss', f'{shown}/missing.rss', f'{shown}/moved.rss',
                           f'{shown}/echo?token=***'}
    assert not any(n in to_json_line(stored) for n in needles)
    assert not any(n in caplog.text for n in needles)
    # urllib3 logged the requests (so the check above saw them), with the token redacted
    assert 'GET /echo?token=*** HTTP/1.1' in caplog.text


def test_state_under_a_key_with_credentials_is_moved_to_the_redacted_key(server, kit, tmp_path):
    """State written before keys were redacted is read once and then lives under the new key."""
    entries = [range(2)]
    server.route('/f.rss', kit.FeedResource(lambda: kit.rss_feed(entries[0]),
                                            'application/rss+xml'))
    url = f'http://user:pw123@127.0.0.1:{server.port}/f.rss'
    settings = FetchSettings(allow_private_networks=True, min_host_delay=0.0)
    state = StateConfig(dir=str(tmp_path / 'state'))
    run = RunContext(run_id='r0', started_at='2026-01-01T00:00:00Z')
    # what an older version left behind: the feed's state keyed by the URL as given
    from transforms.fetch.feeds import fetch_feed
    from transforms.fetch.http import HttpClient
    old = fetch_feed(HttpClient(settings), url, None, now=time.time(), settings=settings)
    with open_state(state) as store:
        store.put('fetch.feeds', url, {**old.state, 'run_id': run.run_id})
    entries[0] = range(3)
    key = f'http://***@127.0.0.1:{server.port}/f.rss'
    run_fetch([url], settings, state, 'r1', ['news.example.com-story-2'],
              [(key, 'ok', 1, None)], [])
    with open_state(state) as store:
        assert set(dict(store.scan('fetch.feeds'))) == {key}


BAD_URLS = ['ftp://files.example.com/feed.xml', 'http:///nohost', 'http://[::1',
            'http://exa mple.com/feed', 'http://example.com/\x00feed', 'not a url', '',
            'http://example.com:99999/', 'javascript:alert(1)', 'http://user:pw9@[::1',
            'http://example.com/\u2028feed', ' \t ', 'http://ex\uff03ample.com/',
            'https://' + 'a' * 300 + '.example/feed']


def test_malformed_urls_are_dead_letters_and_outcomes_never_exceptions(server, kit, tmp_path):
    good = server.route('/ok.rss', kit.FeedResource(lambda: kit.rss_feed(range(2)),
                                                    'application/rss+xml'))
    settings = FetchSettings(allow_private_networks=True, min_host_delay=0.0, shards=3)
    state = StateConfig(dir=str(tmp_path / 'state'))
    shown = [redact_url(u) for u in BAD_URLS]
    run_fetch(BAD_URLS + [good], settings, state, 'r1',
              ['news.example.com-story-0', 'news.example.com-story-1'],
              [(u, 'error', 0, 'bad_url') for u in shown] + [(good, 'ok', 2, None)],
              [(u, 'fetch', 'bad_url') for u in shown])
    with open_state(state) as store:   # a refusal leaves no state behind
        assert set(dict(store.scan('fetch.feeds'))) == {good}
