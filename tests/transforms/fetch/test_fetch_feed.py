"""fetch_feed + HttpClient against the local server: one test per kind of bad input."""
from __future__ import annotations

import base64
import orjson
import gzip
import ipaddress
import socket
import time
import tracemalloc
import zlib

import brotli
import pytest

from transforms.fetch.feeds import fetch_feed
from transforms.fetch.http import HttpClient
from transforms.fetch.polite import HostLimiter
from transforms.fetch.settings import FetchSettings

FAST = dict(allow_private_networks=True, connect_timeout=0.5, total_timeout=1.0,
            min_host_delay=0.0, max_bytes=1_000_000)


def fetch(url, record=None, *, now=None, resolver=None, limiter=None, **overrides):
    settings = FetchSettings(**{**FAST, **overrides})
    client = HttpClient(settings, **({'resolver': resolver} if resolver else {}))
    return fetch_feed(client, url, record, now=time.time() if now is None else now,
                      settings=settings, limiter=limiter)


def reason(result):
    assert result.records == []
    assert result.outcome['status'] in ('error', 'parked')
    assert result.dead_letter['error']['stage'] == 'fetch'
    assert result.dead_letter['input']['location'] == result.url
    assert result.outcome['reason'] == result.dead_letter['error']['reason']
    return result.dead_letter['error']['reason']


# the good paths -----------------------------------------------------------------------------

@pytest.mark.parametrize('kind, ctype, fmt', [
    ('rss_feed', 'application/rss+xml; charset=utf-8', 'rss20'),
    ('atom_feed', 'application/atom+xml', 'atom10'),
    ('json_feed', 'application/feed+json', 'jsonfeed'),
])
def test_each_feed_format_gives_one_record_per_entry(server, kit, kind, ctype, fmt):
    url = server.route('/feed', kit.FeedResource(lambda: getattr(kit, kind)(range(5)), ctype))
    result = fetch(url)
    assert result.dead_letter is None
    assert result.outcome['status'] == 'ok' and result.outcome['items'] == 5
    assert len(result.records) == 5
    assert all(r['hints']['base_url'] == url for r in result.records)
    assert all(r['provenance']['format'].startswith(fmt[:4]) for r in result.records)
    hit = server.hits('/feed')[0]
    assert hit.headers['user-agent'].startswith('newsbeam/')
    assert 'gzip' in hit.headers['accept-encoding'] and 'br' in hit.headers['accept-encoding']


def test_conditional_request_then_304_then_only_new_entries(server, kit):
    entries = [range(3)]
    url = server.route('/feed', kit.FeedResource(lambda: kit.rss_feed(entries[0]), 'application/rss+xml'))
    first = fetch(url)
    assert len(first.records) == 3
    second = fetch(url, first.state)
    hdrs = server.hits('/feed')[1].headers
    assert hdrs['if-none-match'] == first.state['etag']
    assert hdrs['if-modified-since'] == first.state['last_modified']
    assert second.outcome['status'] == 'not_modified' and second.records == []
    assert second.outcome['http_status'] == 304
    entries[0] = range(5)
    third = fetch(url, second.state)
    assert sorted(r['guid'] for r in third.records) == [
        'news.example.com-story-3', 'news.example.com-story-4']


def test_entries_already_emitted_are_skipped_without_validators(server, kit):
    # a server without ETag/Last-Modified: the remembered entry keys still stop repeats
    docs = [kit.rss_feed(range(4))]
    url = server.route('/plain', lambda h: kit.send(h, 200, docs[0], {'Content-Type': 'text/xml'}))
    first = fetch(url)
    assert len(first.records) == 4 and 'if-none-match' not in server.hits('/plain')[0].headers
    docs[0] = kit.rss_feed(range(2, 6))
    second = fetch(url, first.state)
    assert [r['guid'] for r in second.records] == ['news.example.com-story-5',
                                                    'news.example.com-story-4']


def test_gzip_deflate_and_brotli_bodies_are_decoded(server, kit):
    body = kit.rss_feed(range(3))
    encoded = {'gzip': gzip.compress(body), 'deflate': zlib.compress(body),
               'br': brotli.compress(body)}
    raw_deflate = zlib.compressobj(wbits=-15)
    encoded_raw = raw_deflate.compress(body) + raw_deflate.flush()
    for name, data in [*encoded.items(), ('deflate-raw', encoded_raw)]:
        coding = name.split('-')[0]
        url = server.route(f'/{name}', lambda h, d=data, c=coding: kit.send(
            h, 200, d, {'Content-Encoding': c, 'Content-Type': 'application/rss+xml'}))
        result = fetch(url)
        assert result.outcome['status'] == 'ok', (name, result.dead_letter)
        assert len(result.records) == 3


# timeouts ---------------------------------------------------------------------------------

def test_slow_headers_time_out(server, kit):
    def slow(h):
        time.sleep(1.5)
        kit.send(h, 200, kit.rss_feed(range(1)))
    url = server.route('/slow', slow)
    start = time.monotonic()
    assert reason(fetch(url, total_timeout=0.5, connect_timeout=0.5)) == 'timeout'
    assert time.monotonic() - start < 1.2


def test_dripping_body_hits_the_total_timeout(server):
    def drip(h):
        h.send_response(200)
        h.send_header('Content-Length', '100000')
        h.end_headers()
        for _ in range(30):  # 3 s of one byte every 0.1 s: each read succeeds quickly
            h.wfile.write(b'<')
            h.wfile.flush()
            time.sleep(0.1)
    url = server.route('/drip', drip)
    start = time.monotonic()
    assert reason(fetch(url, total_timeout=0.5, connect_timeout=0.5)) == 'timeout'
    assert time.monotonic() - start < 1.5


# size limits and bombs --------------------------------------------------------------------

def test_oversize_body_with_content_length_is_refused(server, kit):
    big = b'<rss>' + b'x' * 2_000_000
    url = server.route('/big', lambda h: kit.send(h, 200, big, {'Content-Type': 'text/xml'}))
    result = fetch(url)
    assert reason(result) == 'too_large'
    assert 'Content-Length' in result.dead_letter['error']['message']


def test_oversize_chunked_body_is_cut_while_streaming(server):
    def chunked(h):
        h.send_response(200)
        h.send_header('Transfer-Encoding', 'chunked')
        h.end_headers()
        chunk = b'x' * 65536
        for _ in range(40):  # 2.6 MB, more than the 1 MB cap
            h.wfile.write(b'%x\r\n%s\r\n' % (len(chunk), chunk))
        h.wfile.write(b'0\r\n\r\n')
    url = server.route('/chunked', chunked)
    assert reason(fetch(url)) == 'too_large'


@pytest.mark.parametrize('coding', ['gzip', 'deflate', 'br'])
def test_compression_bombs_stop_at_the_cap_without_inflating(server, kit, coding):
    zeros = b'\0' * (64 * 1024 * 1024)
    bomb = {'gzip': lambda: gzip.compress(zeros, 9), 'deflate': lambda: zlib.compress(zeros, 9),
            'br': lambda: brotli.compress(zeros, quality=5)}[coding]()
    del zeros
    assert len(bomb) < 300_000
    url = server.route('/bomb', lambda h: kit.send(h, 200, bomb, {'Content-Encoding': coding,
                                                              'Content-Type': 'text/xml'}))
    tracemalloc.start()
    try:
        result = fetch(url, max_bytes=2_000_000, total_timeout=5.0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reason(result) == 'too_large'
    assert peak < 8_000_000, f'{coding} bomb peaked at {peak} bytes'


def test_entity_bomb_is_refused_before_parsing(server, kit):
    lol = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b'a' * 1000 + b'">'
           + b''.join(b'<!ENTITY a%d "&a%s;&a%s;&a%s;&a%s;">' % (i, b'' if i == 1 else b'%d' % (i - 1),
                      b'' if i == 1 else b'%d' % (i - 1), b'' if i == 1 else b'%d' % (i - 1),
                      b'' if i == 1 else b'%d' % (i - 1)) for i in range(1, 10))
           + b']><rss version="2.0"><channel><title>&a9;</title></channel></rss>')
    url = server.route('/lol', lambda h: kit.send(h, 200, lol, {'Content-Type': 'application/xml'}))
    assert reason(fetch(url)) == 'unsafe_xml'


def test_external_entity_is_refused(server, kit):
    xxe = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<rss version="2.0"><channel><title>&x;</title><item><title>t</title></item>'
           b'</channel></rss>')
    url = server.route('/xxe', lambda h: kit.send(h, 200, xxe, {'Content-Type': 'application/xml'}))
    assert reason(fetch(url)) == 'unsafe_xml'


# redirects --------------------------------------------------------------------------------

def test_redirects_are_followed_and_final_url_is_the_base(server, kit):
    server.route('/old', lambda h: kit.send(h, 301, b'', {'Location': '/mid'}))
    server.route('/mid', lambda h: kit.send(h, 302, b'', {'Location': server.url('/new')}))
    server.route('/new', kit.FeedResource(lambda: kit.atom_feed(range(2)), 'application/atom+xml'))
    result = fetch(server.url('/old'))
    assert result.outcome['status'] == 'ok'
    assert result.outcome['final_url'] == server.url('/new')
    assert all(r['hints']['base_url'] == server.url('/new') for r in result.records)


def test_redirect_loop_stops_after_max_redirects(server, kit):
    url = server.route('/loop', lambda h: kit.send(h, 302, b'', {'Location': '/loop'}))
    assert reason(fetch(url)) == 'too_many_redirects'
    assert len(server.hits('/loop')) == 6  # the request and 5 redirects


def test_redirect_to_another_scheme_is_refused(server, kit):
    url = server.route('/to-file', lambda h: kit.send(h, 302, b'', {'Location': 'file:///etc/passwd'}))
    assert reason(fetch(url)) == 'bad_url'


def test_credentials_are_not_forwarded_to_another_host(server, kit):
    server.route('/auth-redirect', lambda h: kit.send(
        h, 302, b'', {'Location': server.url('/same')}))
    server.route('/same', lambda h: kit.send(h, 302, b'', {'Location': server.url('/feed', 'other.test')}))
    server.route('/feed', kit.FeedResource(lambda: kit.rss_feed(range(1)), 'application/rss+xml'))

    def resolver(host, port):
        return ['127.0.0.1']  # every name is this server; "other.test" is another origin
    url = server.url('/auth-redirect').replace('http://', 'http://alice:s3cret@')
    result = fetch(url, resolver=resolver)
    assert result.outcome['status'] == 'ok'
    expected = 'Basic ' + base64.b64encode(b'alice:s3cret').decode()
    assert server.hits('/auth-redirect')[0].headers.get('authorization') == expected
    assert server.hits('/same')[0].headers.get('authorization') == expected
    feed_hit = server.hits('/feed')[0]
    assert feed_hit.headers['host'] == f'other.test:{server.port}'
    assert 'authorization' not in feed_hit.headers and 'cookie' not in feed_hit.headers


# blocked addresses: no connection at all --------------------------------------------------

def test_blocked_address_gets_zero_connections(accept_counter):
    target = accept_counter('127.0.0.2')
    result = fetch(f'http://127.0.0.2:{target.port}/feed.xml', allow_private_networks=False)
    assert reason(result) == 'blocked_address'
    time.sleep(0.1)
    assert target.accepted == 0


def test_blocked_name_after_resolution_gets_zero_connections(accept_counter):
    target = accept_counter('127.0.0.2')
    calls = []

    def resolver(host, port):
        calls.append(host)
        return ['127.0.0.2']
    result = fetch(f'http://feeds.innocent.test:{target.port}/rss', resolver=resolver,
                   allow_private_networks=False)
    assert reason(result) == 'blocked_address' and calls == ['feeds.innocent.test']
    time.sleep(0.1)
    assert target.accepted == 0


def test_a_refused_address_is_not_backed_off(server, kit):
    """Forgetting --allow-private-networks must not delay the corrected run by a backoff."""
    server.route('/feed', kit.FeedResource(lambda: kit.rss_feed(range(2)), 'application/rss+xml'))
    refused = fetch(server.url('/feed'), allow_private_networks=False)
    assert reason(refused) == 'blocked_address'
    assert refused.state is None and server.hits('/feed') == []
    allowed = fetch(server.url('/feed'), record=refused.state, allow_private_networks=True)
    assert allowed.outcome['status'] == 'ok' and len(allowed.records) == 2


def test_redirect_hop_to_blocked_address_is_checked(server, kit, accept_counter):
    target = accept_counter('127.0.0.2')
    url = server.route('/hop', lambda h: kit.send(
        h, 302, b'', {'Location': f'http://127.0.0.2:{target.port}/internal'}))
    # the first host is an operator-approved exception; the hop is not
    result = fetch(url, allow_private_networks=False, allowed_networks=('127.0.0.1/32',))
    assert reason(result) == 'blocked_address'
    assert len(server.hits('/hop')) == 1
    time.sleep(0.1)
    assert target.accepted == 0


def test_connection_goes_to_the_checked_address_not_a_second_lookup(server, kit):
    answers = iter([['127.0.0.1'], ['10.0.0.1']])  # a rebinding DNS server
    calls = []

    def resolver(host, port):
        calls.append(host)
        return next(answers)
    server.route('/feed', kit.FeedResource(lambda: kit.rss_feed(range(2)), 'application/rss+xml'))
    result = fetch(server.url('/feed', 'rebind.test'), resolver=resolver,
                   allow_private_networks=False, allowed_networks=('127.0.0.1/32',))
    assert result.outcome['status'] == 'ok' and calls == ['rebind.test']
    assert server.hits('/feed')[0].headers['host'] == f'rebind.test:{server.port}'


@pytest.fixture
def connects(monkeypatch):
    """Every address a socket of this process tries to connect to. Only loopback connects go
    through: anything else fails at once, so no packet leaves the machine even if a check
    were missing -- and the test sees the attempt."""
    attempts = []
    real = socket.socket.connect

    def spy(sock, address):
        attempts.append(address[0])
        if not ipaddress.ip_address(address[0].split('%')[0]).is_loopback:
            raise OSError(f'the test refuses to connect to {address[0]}')
        return real(sock, address)
    monkeypatch.setattr(socket.socket, 'connect', spy)
    return attempts


def _names(mapping):
    calls = []

    def resolver(host, port):
        calls.append(host)
        return mapping[host]
    return resolver, calls


def test_private_networks_allowed_still_refuse_cloud_metadata(server, kit, connects):
    server.route('/feed', kit.FeedResource(lambda: kit.rss_feed(range(1)), 'application/rss+xml'))
    resolver, calls = _names({'metadata.google.internal': ['169.254.169.254'],
                              'creds.test': ['169.254.170.2'], 'ali.test': ['100.100.100.200'],
                              'imds6.test': ['fd00:ec2::254'], 'll.test': ['169.254.7.7'],
                              'mapped.test': ['::ffff:169.254.169.254']})
    assert fetch(server.url('/feed'), resolver=resolver).outcome['status'] == 'ok'
    assert connects == ['127.0.0.1']
    for url in ('http://metadata.google.internal/computeMetadata/v1/instance/',
                'http://creds.test/v2/credentials/x', 'http://ali.test/latest/meta-data/',
                'http://imds6.test/latest/meta-data/', 'http://ll.test/feed',
                'http://mapped.test/feed', 'http://169.254.169.254/latest/meta-data/',
                'http://[fd00:ec2::254]/latest/meta-data/'):
        result = fetch(url, resolver=resolver)
        assert reason(result) == 'blocked_address', url
        assert result.state is None
    assert calls == ['metadata.google.internal', 'creds.test', 'ali.test', 'imds6.test',
                     'll.test', 'mapped.test']
    assert connects == ['127.0.0.1']   # the refusals came before any connection


def test_redirect_to_cloud_metadata_is_refused_with_private_networks_allowed(server, kit,
                                                                            connects):
    server.route('/to-imds', lambda h: kit.send(h, 302, b'', {
        'Location': 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'}))
    server.route('/to-name', lambda h: kit.send(h, 302, b'', {
        'Location': 'http://metadata.google.internal/computeMetadata/v1/'}))
    resolver, calls = _names({'metadata.google.internal': ['169.254.169.254']})
    for path in ('/to-imds', '/to-name'):
        result = fetch(server.url(path), resolver=resolver)
        assert reason(result) == 'blocked_address'
        assert '169.254.169.254 (cloud metadata)' in result.dead_letter['error']['message']
        assert len(server.hits(path)) == 1
    assert calls == ['metadata.google.internal']
    assert connects == ['127.0.0.1', '127.0.0.1']   # the two first hops, nothing after


def test_allowed_networks_without_private_networks(server, kit, connects):
    server.route('/feed', kit.FeedResource(lambda: kit.rss_feed(range(2)), 'application/rss+xml'))
    resolver, calls = _names({'intranet.test': ['10.0.0.5']})
    narrow = dict(allow_private_networks=False, allowed_networks=('127.0.0.0/8',))
    assert fetch(server.url('/feed'), resolver=resolver, **narrow).outcome['status'] == 'ok'
    result = fetch('http://intranet.test/feed', resolver=resolver, **narrow)
    assert reason(result) == 'blocked_address'
    assert '10.0.0.5 (private)' in result.dead_letter['error']['message']
    assert calls == ['intranet.test'] and connects == ['127.0.0.1']


def test_hostile_redirect_location_is_a_bad_url_not_an_exception(server, kit):
    resolver, calls = _names({})
    for i, location in enumerate(['http://[::1', '//[x', 'http://u:p@h:port/',
                                  'http://[v1.x]:80/', 'http://[127.0.0.1]/']):
        url = server.route(f'/r{i}', lambda h, loc=location: kit.send(h, 302, b'',
                                                                        {'Location': loc}))
        assert reason(fetch(url, resolver=resolver)) == 'bad_url', location
    assert calls == []


def test_credentials_stay_out_of_what_fetch_feed_returns(server, kit):
    page = b'<html>401: token s3cret-token-1 is not valid for user:pa55word</html>'
    server.route('/secret', lambda h: kit.send(h, 200, page, {'Content-Type': 'text/html'}))
    server.route('/hop', lambda h: kit.send(h, 302, b'', {'Location': '/slow?sig=s1gnature'}))

    def slow(h):
        time.sleep(1.2)
    server.route('/slow', slow)
    base = f'http://user:pa55word@127.0.0.1:{server.port}'
    shown = f'http://***@127.0.0.1:{server.port}'
    result = fetch(f'{base}/secret?access_token=s3cret-token-1')
    assert reason(result) == 'not_a_feed'
    assert result.url == f'{shown}/secret?access_token=***'
    assert result.dead_letter['input']['excerpt'] == (
        '<html>401: token *** is not valid for ***</html>')
    timed_out = fetch(f'{base}/hop', total_timeout=0.5, connect_timeout=0.5)
    assert reason(timed_out) == 'timeout'
    assert timed_out.outcome['final_url'] == f'http://127.0.0.1:{server.port}/slow?sig=***'
    assert timed_out.state['final_url'] == timed_out.outcome['final_url']
    for text in (repr(result), repr(timed_out)):
        assert 'pa55word' not in text and 's3cret-token-1' not in text
        assert 's1gnature' not in text


def test_bad_url_input():
    result = fetch('file:///etc/passwd')
    assert reason(result) == 'bad_url'


def test_connection_refused(accept_counter):
    counter = accept_counter('127.0.0.1')
    port = counter.port
    counter.close()  # nothing listens there any more
    assert reason(fetch(f'http://127.0.0.1:{port}/feed')) == 'connection_error'


# HTTP errors and bodies that are not feeds ------------------------------------------------

@pytest.mark.parametrize('status', [403, 404, 410, 500, 502])
def test_http_errors(server, kit, status):
    url = server.route('/err', lambda h: kit.send(h, status, b'<html>error</html>',
                                              {'Content-Type': 'text/html'}))
    result = fetch(url)
    assert reason(result) == 'http_error'
    assert result.outcome['http_status'] == status
    assert f'HTTP {status}' in result.dead_letter['error']['message']


def test_html_challenge_page_served_as_200(server, kit):
    page = (b'<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>'
            b'<div id="challenge-form">Checking your browser before accessing</div>'
            b'<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script>'
            b'</body></html>')
    url = server.route('/challenge', lambda h: kit.send(h, 200, page, {'Content-Type': 'text/html'}))
    result = fetch(url)
    assert reason(result) == 'not_a_feed'
    assert 'Just a moment' in result.dead_letter['input']['excerpt']


@pytest.mark.parametrize('body', [b'', b'   \r\n\t  '])
def test_empty_body(server, kit, body):
    url = server.route('/empty', lambda h: kit.send(h, 200, body, {'Content-Type': 'text/xml'}))
    assert reason(fetch(url)) == 'empty'


def test_truncated_xml(server, kit):
    whole = kit.rss_feed(range(5))
    url = server.route('/cut', lambda h: kit.send(h, 200, whole[: len(whole) // 2],
                                              {'Content-Type': 'application/rss+xml'}))
    assert reason(fetch(url)) == 'parse_error'


def test_body_shorter_than_content_length_is_a_connection_error(server, kit):
    def short(h):
        h.send_response(200)
        h.send_header('Content-Length', '5000')
        h.end_headers()
        h.wfile.write(kit.rss_feed(range(1))[:300])
        h.close_connection = True
    url = server.route('/short', short)
    assert reason(fetch(url)) == 'connection_error'


def test_wrong_charset_header_does_not_garble_utf8(server, kit):
    body = kit.rss_feed(range(2))
    url = server.route('/charset', lambda h: kit.send(
        h, 200, body, {'Content-Type': 'application/rss+xml; charset=iso-8859-1'}))
    result = fetch(url)
    assert result.outcome['status'] == 'ok'
    assert any('—' in (r['body'] or '') for r in result.records)
    assert not any('â€' in (r['body'] or '') + (r['title'] or '') for r in result.records)


def test_body_that_makes_feedparser_raise(server, kit):
    body = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
            b'<item><title>bad &#xD800; char</title><link>https://e.example/1</link></item>'
            b'</channel></rss>')
    url = server.route('/raise', lambda h: kit.send(h, 200, body, {'Content-Type': 'text/xml'}))
    result = fetch(url)
    assert reason(result) == 'parse_error'


def test_corrupt_gzip_body(server, kit):
    url = server.route('/corrupt', lambda h: kit.send(h, 200, b'\x1f\x8b\x08\x00garbage-not-gzip',
                                                  {'Content-Encoding': 'gzip'}))
    assert reason(fetch(url)) == 'bad_encoding'


# Retry-After, backoff, parking, due times -------------------------------------------------

def test_retry_after_seconds_and_date_decide_next_due(server, kit):
    url = server.route('/busy', lambda h: kit.send(h, 429, b'slow down', {'Retry-After': '120'}))
    now = 1_800_000_000.0
    first = fetch(url, now=now, backoff_base=10, backoff_max=1000)
    assert reason(first) == 'http_error' and first.state['next_due'] == now + 120
    assert first.outcome['next_due'] == '2027-01-15T08:02:00Z'
    # not due yet: no request at all
    skipped = fetch(url, first.state, now=now + 60)
    assert skipped.outcome['status'] == 'not_due' and skipped.state is None
    assert len(server.hits('/busy')) == 1
    # an HTTP-date Retry-After beyond the cap is capped
    server.route('/busy', lambda h: kit.send(h, 503, b'', {'Retry-After': 'Fri, 31 Dec 2100 23:59:59 GMT'}))
    second = fetch(url, first.state, now=now + 121, max_retry_after=3600, backoff_base=10,
                   backoff_max=1000)
    assert second.state['next_due'] == now + 121 + 3600 and second.state['failures'] == 2


def test_backoff_doubles_then_caps_and_repeated_failure_parks(server, kit):
    url = server.route('/down', lambda h: kit.send(h, 500, b''))
    opts = dict(backoff_base=10, backoff_max=50, park_after_failures=4, park_interval=86400)
    now, record, delays = 1_800_000_000.0, None, []
    for _ in range(4):
        result = fetch(url, record, now=now, **opts)
        delays.append(result.state['next_due'] - now)
        now, record = result.state['next_due'], result.state
    assert delays == [10, 20, 40, 86400]
    assert result.outcome['status'] == 'parked' and result.state['parked']
    assert 'parked after 4 failures' in result.dead_letter['error']['message']
    # while parked: reported, not fetched, no dead letter
    hits = len(server.hits('/down'))
    parked = fetch(url, record, now=now - 1, **opts)
    assert parked.outcome['status'] == 'parked' and parked.dead_letter is None
    assert parked.outcome['reason'] == 'http_error' and len(server.hits('/down')) == hits
    # after park_interval it is probed once; a success un-parks it
    server.route('/down', kit.FeedResource(lambda: kit.rss_feed(range(2)), 'application/rss+xml'))
    back = fetch(url, record, now=now, **opts)
    assert back.outcome['status'] == 'ok' and not back.state['parked']
    assert back.state['failures'] == 0


@pytest.mark.parametrize('headers, ttl, expected', [
    ({'Cache-Control': 'public, max-age=900'}, None, 900),
    # measured against the server's Date, so a server clock years off does not matter
    ({'Expires': 'Thu, 01 Jan 2026 00:30:00 GMT', 'Date': 'Thu, 01 Jan 2026 00:00:00 GMT'},
     None, 1800),
    ({}, 45, 2700),
    ({'Cache-Control': 'max-age=999999999'}, None, 6 * 3600),
    ({'Cache-Control': 'no-cache'}, None, 0),
])
def test_cache_headers_and_ttl_decide_when_the_feed_is_due(server, kit, headers, ttl, expected):
    url = server.route('/cached', kit.FeedResource(lambda: kit.rss_feed(range(1), ttl=ttl),
                                               'application/rss+xml', headers))
    now = time.time()
    result = fetch(url, now=now)
    assert result.outcome['status'] == 'ok'
    assert result.state['next_due'] - now == pytest.approx(expected, abs=2)
    later = fetch(url, result.state, now=now + expected - 3 if expected else now)
    assert later.outcome['status'] == ('not_due' if expected > 1 else 'not_modified')


def test_min_host_delay_spaces_requests_to_one_host(server, kit):
    for i in range(4):
        server.route(f'/f{i}', kit.FeedResource(lambda: kit.rss_feed(range(1)), 'application/rss+xml'))
    # the limiter's own clock, advanced only by its sleeps: the spacing it enforces is checked
    # exactly, without timing a loaded machine (server arrival times jitter under load)
    now = [100.0]
    limiter = HostLimiter(1, 0.15, clock=lambda: now[0],
                          sleep=lambda seconds: now.__setitem__(0, now[0] + seconds))
    starts = []
    for i in range(4):
        fetch(server.url(f'/f{i}'), limiter=limiter)
        starts.append(now[0])   # no time passes but the limiter's waits: this is the start
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert len(server.requests) == 4
    assert len(gaps) == 3 and min(gaps) >= 0.15 - 1e-9


def test_hanging_resolver_is_bounded_by_the_timeouts():
    def resolver(host, port):
        time.sleep(1.5)
        return ['127.0.0.1']
    start = time.monotonic()
    assert reason(fetch('http://slow-dns.test/feed', resolver=resolver, connect_timeout=0.3)) \
        == 'timeout'
    assert time.monotonic() - start < 1.2


def test_unresolvable_name_is_a_connection_error():
    def resolver(host, port):
        raise OSError('Name or service not known')
    assert reason(fetch('http://nowhere.test/feed', resolver=resolver)) == 'connection_error'


def test_unusable_validators_are_not_stored(server, kit):
    body = kit.rss_feed(range(1))
    url = server.route('/weird', lambda h: kit.send(h, 200, body, {
        'Content-Type': 'application/rss+xml', 'ETag': '"caf\u00e9"', 'Last-Modified': 'x' * 2000}))
    first = fetch(url)
    assert first.outcome['status'] == 'ok'
    assert first.state['etag'] is None and first.state['last_modified'] is None
    second = fetch(url, first.state)
    assert second.outcome['status'] == 'ok' and second.records == []


def test_next_checked_address_is_tried_when_one_refuses(server, kit):
    server.route('/multi', kit.FeedResource(lambda: kit.rss_feed(range(1)),
                                            'application/rss+xml'))
    client = HttpClient(FetchSettings(**FAST), resolver=lambda h, p: ['127.0.0.3', '127.0.0.1'])
    # 127.0.0.3 has nothing listening on the server's port: refused, then 127.0.0.1 answers
    response = client.get(server.url('/multi', 'two-addresses.test'))
    assert response.status == 200 and response.connected_to == '127.0.0.1'


def test_one_bad_entry_of_a_fetched_feed_is_one_dead_letter(server, kit):
    body = orjson.loads(kit.json_feed(range(3)))
    body['items'].insert(1, 5)                      # not an item object
    server.route('/mixed.json', kit.FeedResource(lambda: orjson.dumps(body),
                                                 'application/feed+json'))
    result = fetch(server.url('/mixed.json'))
    assert len(result.records) == 3 and result.dead_letter is None
    [dead] = result.entry_dead_letters
    assert dead['error']['stage'] == 'fetch' and dead['error']['reason'] == 'bad_json'
    assert dead['input']['location'] == f'{result.url}#entry-1'
    assert result.outcome['status'] == 'ok'
