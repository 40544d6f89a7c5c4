"""PollFeeds and WatchFolders: plain functions, then short bounded streaming runs.

The streaming runs use the DirectRunner with ``--streaming`` and a stop time a few seconds
ahead; what the sources emit is appended by a collector DoFn to JSONL files (with the wall time
it arrived), because a ``GroupByKey``-based check (``assert_that``) fires only when such a run
ends and cannot show latency. Servers listen on 127.0.0.1/127.0.0.2, started by the tests.
"""
from __future__ import annotations

import concurrent.futures
import email.utils
import hashlib
import http.server
import os
import socket
import threading
import time

import apache_beam as beam
import orjson
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline.config import StreamingSettings
from transforms.context import RunContext
from transforms.fetch.feeds import FeedResult, feed_key
from transforms.fetch.http import FetchError
from transforms.fetch.schedule import FEEDS_NAMESPACE
from transforms.fetch.settings import FetchSettings
from transforms.model import Reason
from transforms.read import ReadInputs, ReadSettings
from transforms.state import StateConfig, open_state
from transforms.stream import PollFeeds, StreamInputs, WatchFolders
from transforms.stream.source_common import TickBudget, output_timestamp, stream_interval
from transforms.stream.source_feeds import (FetchesInFlight, PolledFetch, feed_table,
                                            poll_once, settle, should_fetch)
from transforms.stream.source_files import (FILES_NAMESPACE, FileVersion, FolderWatcher,
                                            known_files, plan_reads)
from transforms.stream.source_inputs import interval_elapsed

RUN = RunContext(run_id='s1', started_at='2026-01-01T00:00:00Z')


# plain functions -------------------------------------------------------------------------------

def test_feed_table_keys_feeds_by_redacted_url_first_wins():
    table = feed_table(['http://u:secret@a.example/f.xml', 'http://u:other@a.example/f.xml',
                        'http://b.example/g.xml'])
    assert list(table.values()) == ['http://u:secret@a.example/f.xml', 'http://b.example/g.xml']
    assert all('secret' not in key for key in table)
    for bad in ([], 'http://a.example/f.xml', [None], ['']):
        with pytest.raises(ValueError, match='feeds'):
            feed_table(bad)


def test_should_fetch_only_when_due_and_not_in_flight():
    assert should_fetch(None, in_flight=False, now=100.0)
    assert should_fetch({'next_due': 100.0}, in_flight=False, now=100.0)
    assert not should_fetch({'next_due': 101.0}, in_flight=False, now=100.0)
    assert not should_fetch({'next_due': 0.0}, in_flight=True, now=100.0)


def _result(state=None, dead=None, status='ok'):
    return FeedResult('http://a.example/f.xml', [], dead,
                      {'url': 'http://a.example/f.xml', 'status': status, 'http_status': None,
                       'items': 0, 'reason': None, 'final_url': None, 'next_due': None}, state)


def test_settle_stores_a_fetch_state_with_the_run_id():
    polled = PolledFetch(_result(state={'etag': '"x"', 'next_due': 160.0}), 100.0, 100.5)
    record, store_it = settle(polled, {'etag': None}, run_id='s1', settings=FetchSettings())
    assert record == {'etag': '"x"', 'next_due': 160.0, 'run_id': 's1'} and store_it


def test_settle_backs_off_a_policy_refusal_in_beam_state_only():
    settings = FetchSettings(backoff_base=5, backoff_max=60)
    dead = {'error': {'stage': 'fetch', 'reason': 'bad_url', 'message': 'x'},
            'input': {'location': 'ftp://x', 'excerpt': None}}
    polled = PolledFetch(_result(dead=dead, status='error'), 100.0, 100.1)
    record, store_it = settle(polled, None, run_id='s1', settings=settings)
    assert not store_it
    assert record['next_due'] == 105.0 and record['failures'] == 1
    assert record['last_reason'] == 'bad_url'
    assert polled.result.outcome['next_due'] is not None
    again, _ = settle(polled, record, run_id='s1', settings=settings)
    assert again['next_due'] == 110.0   # doubled: a refusal is not repeated every tick


def test_poll_once_turns_any_exception_into_a_dead_letter():
    class Broken:
        def get(self, url, headers=None, *, limiter=None):
            raise RuntimeError(f'library surprise at {url}')
    polled = poll_once(Broken(), 'http://u:pw@a.example/f.xml', None,
                       settings=FetchSettings(backoff_base=7))
    result = polled.result
    assert result.dead_letter['error']['reason'] == Reason.PARSE_ERROR
    assert 'RuntimeError' in result.dead_letter['error']['message']
    assert result.outcome['status'] == 'error'
    assert result.state['next_due'] == pytest.approx(polled.started_at + 7)
    assert 'pw' not in orjson.dumps([result.dead_letter, result.outcome, result.state]).decode()


def test_poll_once_keeps_fetch_errors_as_batch_does():
    class Down:
        def get(self, url, headers=None, *, limiter=None):
            raise FetchError(Reason.TIMEOUT, 'no answer in 3 s')
    result = poll_once(Down(), 'http://a.example/f.xml', None, settings=FetchSettings()).result
    assert result.dead_letter['error'] == {'stage': 'fetch', 'reason': 'timeout',
                                           'message': 'no answer in 3 s'}
    assert result.state['failures'] == 1


def test_fetches_in_flight_are_collected_by_key_without_blocking():
    gate = threading.Event()
    slots = FetchesInFlight(2)
    try:
        slots.start('slow', gate.wait, 5)
        slots.start('fast', lambda: 'done')
        with pytest.raises(RuntimeError):
            slots.start('slow', lambda: None)
        began = time.monotonic()
        assert slots.take('slow', 0.05) is None
        assert time.monotonic() - began < 1
        assert slots.busy('slow')
        assert slots.take('fast', 1) == 'done' and not slots.busy('fast')
        gate.set()
        assert slots.take('slow', 1) is True and len(slots) == 0
        assert slots.take('never', 0) is None
    finally:
        slots.close()


def test_fetches_in_flight_forget_uncollected_results():
    clock = [0.0]
    slots = FetchesInFlight(1, clock=lambda: clock[0])
    try:
        slots.start('moved', lambda: 1)
        concurrent.futures.wait([slots._running['moved'][0]])
        assert slots.forget_stale(10) == []
        clock[0] = 11
        assert slots.forget_stale(10) == ['moved'] and not slots.busy('moved')
    finally:
        slots.close()


def test_tick_budget_is_shared_by_every_call_of_one_tick():
    clock = [0.0]
    budget = TickBudget(4, clock=lambda: clock[0], keep=2)
    assert budget.seconds == 1.0
    assert budget.remaining(10.0) == 1.0
    clock[0] = 0.75
    assert budget.remaining(10.0) == 0.25
    assert budget.remaining(14.0) == 1.0        # a new tick: a new budget
    clock[0] = 5
    assert budget.remaining(10.0) == 0.0
    assert TickBudget(60).seconds == 2.0        # capped
    assert TickBudget(1).seconds == 0.25


def test_output_timestamp_never_before_the_carrying_tick():
    assert output_timestamp(105.0, 100.0) == 105.0
    assert output_timestamp(99.0, 100.0) == 100.0


def test_stream_interval_reads_streaming_settings():
    assert stream_interval(StreamingSettings(poll_interval=5), 'poll_interval') == 5
    assert stream_interval(StreamingSettings(poll_interval=5), 'watch_interval') == 5
    assert stream_interval(StreamingSettings(poll_interval=5, watch_interval=2),
                           'watch_interval') == 2
    with pytest.raises(ValueError, match='poll_interval'):
        stream_interval(StreamingSettings(poll_interval=0.5), 'poll_interval')
    with pytest.raises(ValueError, match='StreamingSettings'):
        stream_interval(object(), 'poll_interval')


V1, V2 = FileVersion(10, 1000.0), FileVersion(20, 1003.0)


def test_plan_reads_quiet_files_at_once_fresh_ones_after_a_quiet_interval():
    plan = plan_reads({'/in/old.xml': V1, '/in/new.xml': V2}, {}, {}, now=1004.0, quiet=2)
    assert plan.read == ['/in/old.xml']
    assert plan.pending == {'/in/new.xml': (V2, 1004.0)} and plan.seen == {'/in/old.xml': V1}
    plan = plan_reads({'/in/old.xml': V1, '/in/new.xml': V2}, plan.seen, plan.pending,
                      now=1004.5, quiet=2)
    assert plan.read == [] and plan.pending == {'/in/new.xml': (V2, 1004.0)}
    plan = plan_reads({'/in/old.xml': V1, '/in/new.xml': V2}, plan.seen, plan.pending,
                      now=1005.0, quiet=2)
    assert plan.read == ['/in/new.xml'] and plan.pending == {}
    again = plan_reads({'/in/old.xml': V1, '/in/new.xml': V2}, plan.seen, plan.pending,
                       now=1100, quiet=2)
    assert again.read == [] and again.seen == plan.seen


def test_plan_reads_waits_while_a_file_grows_even_in_a_burst_of_looks():
    growing = [FileVersion(5, 1000.0), FileVersion(5, 1000.0), FileVersion(9, 1001.0),
               FileVersion(9, 1001.0), FileVersion(9, 1001.0)]
    seen, pending, reads = {}, {}, []
    for now, version in zip((1000.5, 1000.51, 1001.5, 1001.9, 1002.0), growing):
        plan = plan_reads({'/in/a.jsonl': version}, seen, pending, now=now, quiet=1)
        seen, pending = plan.seen, plan.pending
        reads.append(plan.read)
    assert reads == [[], [], [], [], ['/in/a.jsonl']]
    changed = plan_reads({'/in/a.jsonl': FileVersion(12, 990.0)}, seen, pending, now=1003,
                         quiet=5)
    assert changed.read == ['/in/a.jsonl']


def test_plan_reads_trusts_an_unchanged_version_when_the_mtime_is_in_the_future():
    future = FileVersion(7, 5000.0)
    first = plan_reads({'/in/f.xml': future}, {}, {}, now=1000.0, quiet=2)
    assert first.read == []
    assert plan_reads({'/in/f.xml': future}, {}, first.pending, now=1001.0, quiet=2).read == []
    assert plan_reads({'/in/f.xml': future}, {}, first.pending, now=1002.0,
                      quiet=2).read == ['/in/f.xml']


def test_plan_reads_forgets_vanished_files_unless_the_listing_failed():
    seen = {'/in/a.xml': V1, '/in/b.xml': V1}
    assert plan_reads({'/in/a.xml': V1}, seen, {}, now=2000, quiet=1).seen == {'/in/a.xml': V1}
    kept = plan_reads({'/in/a.xml': V1}, seen, {'/in/c.xml': (V2, 1999.0)}, now=2000, quiet=1,
                      complete=False)
    assert kept.seen == seen and kept.pending == {'/in/c.xml': (V2, 1999.0)}
    assert kept.read == []


def test_known_files_match_the_ledgers_records_exactly():
    listing = {'/in/a.xml': V1, '/in/b.xml': V1, '/in/c.xml': V1}
    stored = {'/in/a.xml': {'size': 10, 'mtime': 1000.0, 'run': 'r0'},
              '/in/b.xml': {'size': 11, 'mtime': 1000.0, 'run': 'r0'}}
    assert known_files(listing, stored) == {'/in/a.xml': V1}


class FakeState:
    """Stands in for a Beam ReadModifyWriteState in tests of the plain machinery."""

    def __init__(self):
        self.value = None

    def read(self):
        return self.value

    def write(self, value):
        self.value = value


def test_folder_watcher_takes_the_ledgers_records_as_seen_and_survives_a_failed_listing(
        tmp_path, monkeypatch):
    inbox = tmp_path / 'in'
    inbox.mkdir()
    old = time.time() - 600
    for name in ('a.xml', 'b.xml'):
        _write(inbox / name, rss(range(1)), mtime=old)
    state = StateConfig(dir=str(tmp_path / 'state'))
    st = os.stat(inbox / 'a.xml')
    with open_state(state) as store:
        store.put(FILES_NAMESPACE, str(inbox / 'a.xml'),
                  {'size': st.st_size, 'mtime': st.st_mtime, 'run': 'r0'})
    watcher = FolderWatcher([str(inbox / '*.xml')], state, 1.0)
    watcher.setup()
    try:
        seen = FakeState()
        assert [found[0] for found in watcher.look(seen)] == [str(inbox / 'b.xml').encode()]
        assert watcher.look(seen) == []
        from transforms.stream import source_files

        def broken(patterns):
            raise OSError('file system away')
        monkeypatch.setattr(source_files.FileSystems, 'match', broken)
        assert watcher.look(seen) == []          # nothing forgotten, nothing read
        monkeypatch.undo()
        assert watcher.look(seen) == []
        assert set(seen.value['seen']) == {str(inbox / 'a.xml'), str(inbox / 'b.xml')}
    finally:
        watcher.teardown()


def test_files_namespace_is_the_ledgers():
    from pipeline.delivery import FILES_NAMESPACE as LEDGER_FILES
    assert FILES_NAMESPACE == LEDGER_FILES


def test_constructors_validate_their_arguments(tmp_path):
    streaming = StreamingSettings(poll_interval=1)
    with pytest.raises(ValueError, match='fetch'):
        PollFeeds(['http://a.example/f.xml'], None, streaming, None, RUN)
    with pytest.raises(ValueError, match='run'):
        PollFeeds(['http://a.example/f.xml'], FetchSettings(), streaming, None, 'r1')
    with pytest.raises(ValueError, match='stop'):
        PollFeeds(['http://a.example/f.xml'], FetchSettings(), streaming, None, RUN,
                  start=10.0, stop=5.0)
    with pytest.raises(ValueError, match='patterns'):
        WatchFolders([], ReadSettings(), streaming, None, RUN)
    with pytest.raises(ValueError, match='no Beam file system'):
        WatchFolders(['nosuchscheme://bucket/*.xml'], ReadSettings(), streaming, None, RUN)
    with pytest.raises(ValueError, match='state'):
        WatchFolders([str(tmp_path / '*')], ReadSettings(), streaming, 'dir', RUN)


# a feed server ---------------------------------------------------------------------------------

def rss(entries) -> bytes:
    items = ''.join(f"""
    <item><title>Story {i}: talks resume in Seoul</title>
      <link>https://news.example.com/world/story-{i}?utm_source=rss</link>
      <guid isPermaLink="false">story-{i}</guid>
      <pubDate>{email.utils.formatdate(1733400000 + i * 60, usegmt=True)}</pubDate>
      <description>Lead paragraph of story {i}.</description></item>""" for i in entries)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example News</title>
<link>https://news.example.com/</link><description>World</description>{items}
</channel></rss>""".encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def do_GET(self):
        server = self.server.owner
        with server.lock:
            server.requests.append((time.time(), self.path, self.headers.get('If-None-Match')))
            route = server.routes.get(self.path)
        try:
            if route is None:
                self._send(404, b'not here', {})
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, status, body, headers):
        self.send_response_only(status)
        self.send_header('Content-Length', str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(body)


class FeedServer:
    def __init__(self, host='127.0.0.1'):
        self.routes, self.requests, self.lock = {}, [], threading.Lock()
        self.httpd = http.server.ThreadingHTTPServer((host, 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self
        self.base = f'http://{host}:{self.httpd.server_address[1]}'
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={'poll_interval': 0.05}, daemon=True)
        self.thread.start()

    def hits(self, path):
        with self.lock:
            return [r for r in self.requests if r[1] == path]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class GrowingFeed:
    """An RSS feed with ETag/Last-Modified that answers If-None-Match with 304; ``add()`` adds
    entries and records when each became visible."""

    def __init__(self, count):
        self.count = count
        self.added = {f'story-{i}': 0.0 for i in range(count)}
        self.answers = []

    def add(self, n=1):
        for i in range(self.count, self.count + n):
            self.added[f'story-{i}'] = time.time()
        self.count += n

    def __call__(self, handler):
        body = rss(range(self.count))
        etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
        headers = {'ETag': etag, 'Last-Modified': 'Thu, 05 Dec 2024 12:00:00 GMT'}
        if handler.headers.get('If-None-Match') == etag:
            self.answers.append(304)
            handler._send(304, b'', headers)
        else:
            self.answers.append(200)
            handler._send(200, body, {'Content-Type': 'application/rss+xml', **headers})


class FailsFirst:
    """500 on the first request, then a feed of two entries."""

    def __init__(self):
        self.calls = 0

    def __call__(self, handler):
        self.calls += 1
        if self.calls == 1:
            handler._send(500, b'oops', {'Content-Type': 'text/plain'})
        else:
            handler._send(200, rss(range(100, 102)), {'Content-Type': 'application/rss+xml'})


class SilentServer:
    """Accepts connections and never answers."""

    def __init__(self, host='127.0.0.2'):
        self.sock = socket.socket()
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.url = f'http://{host}:{self.sock.getsockname()[1]}/silent.xml'
        self.conns, self.stop = [], threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop.is_set():
            try:
                self.conns.append(self.sock.accept()[0])
            except OSError:
                continue

    def close(self):
        self.stop.set()
        self.thread.join(timeout=5)
        for conn in self.conns:
            conn.close()
        self.sock.close()


@pytest.fixture
def feeds():
    server, silent = FeedServer(), SilentServer()
    yield server, silent
    server.close()
    silent.close()


# streaming runs ---------------------------------------------------------------------------------

class _Collect(beam.DoFn):
    """Appends each element with its arrival time and timestamp to a JSONL file."""

    def __init__(self, path):
        self.path = path

    def process(self, element, timestamp=beam.DoFn.TimestampParam):
        with open(self.path, 'ab') as handle:
            handle.write(orjson.dumps({'at': time.time(), 'ts': float(timestamp),
                                       'value': element}) + b'\n')


def collected(path):
    if not os.path.exists(path):
        return []
    with open(path, 'rb') as handle:
        return [orjson.loads(line) for line in handle]


def run_streaming(build, tmp_path, seconds, window=None):
    """Build a pipeline with ``build(p, start, stop)`` -> {name: pcoll}; run it streaming for
    ``seconds``; return {name: collected rows}. ``window``, a dict, is given the run's start
    and stop: a record that arrives well before the stop was not held back to the end.

    The tests bound latency by the stop, not by a fixed number of seconds: the 2 shared cores
    may be busy with other work, and a delay of a few seconds proves nothing wrong."""
    start = time.time() + 0.5
    stop = start + seconds
    if window is not None:
        window.update(start=start, stop=stop)
    options = PipelineOptions(['--streaming', '--runner=DirectRunner'])
    with beam.Pipeline(options=options) as p:
        outputs = build(p, start, stop)
        for name, pcoll in outputs.items():
            _ = pcoll | f'Collect{name}' >> beam.ParDo(_Collect(str(tmp_path / f'{name}.jsonl')))
    return {name: collected(tmp_path / f'{name}.jsonl') for name in outputs}


def _poll(feed_urls, state, settings, streaming):
    def build(p, start, stop):
        return p | PollFeeds(feed_urls, settings, streaming, state, RUN, start=start, stop=stop)
    return build


@pytest.mark.slow
def test_poll_feeds_streams_new_entries_once_conditionally_and_never_stalls(feeds, tmp_path):
    server, silent = feeds
    growing, flaky = GrowingFeed(3), FailsFirst()
    server.routes.update({'/news.xml': growing, '/flaky.xml': flaky})
    live, shaky = server.base + '/news.xml', server.base + '/flaky.xml'
    state = StateConfig(dir=str(tmp_path / 'state'))
    settings = FetchSettings(allow_private_networks=True, min_host_delay=0.0,
                             per_host_concurrency=2, connect_timeout=1, total_timeout=3,
                             backoff_base=1.0, backoff_max=4.0)

    def publish():
        time.sleep(3.0)
        growing.add(2)
        time.sleep(2.0)
        growing.add(1)
    publisher = threading.Thread(target=publish, daemon=True)
    began = time.time()
    publisher.start()
    window = {}
    # the silent feed first: each tick meets it before the others
    out = run_streaming(_poll([silent.url, live, shaky], state, settings,
                              StreamingSettings(poll_interval=1)), tmp_path, 11, window)
    publisher.join()

    guids = [row['value']['guid'] for row in out['records']]
    assert sorted(guids) == sorted([f'story-{i}' for i in range(6)] + ['story-100', 'story-101'])
    # the silent server never stalled the live feed: entries published during the run arrived
    # while it went on (the last is published 6 s before the stop)
    by_guid = {row['value']['guid']: row for row in out['records']}
    for guid, added in growing.added.items():
        if added:
            assert by_guid[guid]['at'] < window['stop'] - 1.5, (guid, by_guid[guid]['at'] - added)
        # timestamped with the fetch time, which is when it was published or later
        assert by_guid[guid]['ts'] >= max(added, began)
    # and the live feed kept being polled about once a second throughout
    assert len(server.hits('/news.xml')) >= 5
    # records as batch makes them: raw entry records of the feed
    assert by_guid['story-0']['value']['source']['location'] == live
    # repeat polls are conditional and answered 304; a 200 only for the first poll and for
    # new entries (both publications in one, if a busy machine delayed the poll between them)
    assert 304 in growing.answers and growing.answers.count(200) in (2, 3)
    assert all(inm for _, _, inm in server.hits('/news.xml')[1:])
    # the 500 is a dead letter and an outcome, then a backoff of about 1 s, then the entries
    reasons = [(r['value']['input']['location'], r['value']['error']['reason'])
               for r in out['dead_letter']]
    assert (shaky, 'http_error') in reasons
    assert (silent.url, 'timeout') in reasons
    flaky_hits = [at for at, path, _ in server.hits('/flaky.xml')]
    assert len(flaky_hits) >= 2 and flaky_hits[1] - flaky_hits[0] >= 0.9
    statuses = [(o['value']['url'], o['value']['status']) for o in out['outcomes']]
    assert (shaky, 'error') in statuses and (shaky, 'ok') in statuses
    assert (silent.url, 'error') in statuses
    assert statuses.count((live, 'ok')) == 3 and (live, 'not_modified') in statuses
    # the state store holds the feed's validators and seen keys for the next run
    with open_state(state) as store:
        record = store.get(FEEDS_NAMESPACE, feed_key(live))
    assert record['etag'] and record['run_id'] == RUN.run_id and len(record['seen']) == 6

    # a restart: the first poll is conditional (state from the store) and re-emits nothing
    server.requests.clear()
    growing.answers.clear()
    (tmp_path / 'again').mkdir()
    again = run_streaming(_poll([live], state, settings, StreamingSettings(poll_interval=1)),
                          tmp_path / 'again', 2.5)
    assert again['records'] == []
    assert growing.answers and set(growing.answers) == {304}
    assert server.hits('/news.xml')[0][2] == record['etag']


def _write(path, data: bytes, mtime=None):
    tmp = f'{path}.part'
    with open(tmp, 'wb') as handle:
        handle.write(data)
    os.replace(tmp, path)   # dropped in whole, as a well-behaved producer does
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def _jsonl(n, prefix):
    return b''.join(orjson.dumps({'id': f'{prefix}-{i}', 'title': f'Item {prefix} {i}',
                                  'url': f'https://files.example.org/{prefix}/{i}',
                                  'body': f'Body of {prefix} {i}.'}) + b'\n' for i in range(n))


@pytest.mark.slow
def test_watch_folders_reads_each_new_file_once_and_skips_known_files(tmp_path):
    inbox = tmp_path / 'inbox'
    inbox.mkdir()
    old = time.time() - 3600
    _write(inbox / 'before.jsonl', _jsonl(2, 'before'), mtime=old)
    _write(inbox / 'known.jsonl', _jsonl(3, 'known'), mtime=old)
    state = StateConfig(dir=str(tmp_path / 'state'))
    known = str(inbox / 'known.jsonl')
    with open_state(state) as store:   # an earlier run's ledger recorded known.jsonl as read
        st = os.stat(known)
        store.put(FILES_NAMESPACE, known, {'size': st.st_size, 'mtime': st.st_mtime,
                                           'run': 'r0'})
    pattern = str(inbox / '*.jsonl')
    dropped = {}

    def producer():
        time.sleep(1.5)
        _write(inbox / 'drop1.jsonl', _jsonl(2, 'drop1'))
        dropped['drop1.jsonl'] = time.time()
        time.sleep(1.0)
        _write(inbox / 'bad.jsonl', b'{"title": "fine", "url": "https://x.example/1"}\n'
                                    b'{not json\n')
        dropped['bad.jsonl'] = time.time()
        with open(inbox / 'slow.jsonl', 'wb') as handle:   # written over several looks
            for chunk in range(3):
                handle.write(_jsonl(1, f'slow{chunk}'))
                handle.flush()
                time.sleep(0.6)
        dropped['slow.jsonl'] = time.time()
    thread = threading.Thread(target=producer, daemon=True)
    thread.start()

    def build(p, start, stop):
        return p | WatchFolders([pattern, str(inbox / 'drop*.jsonl')], ReadSettings(),
                            StreamingSettings(poll_interval=1), state, RUN,
                            start=start, stop=stop)
    window = {}
    out = run_streaming(build, tmp_path, 8, window)
    thread.join()

    files = [os.path.basename(r['value']['source']['location']) for r in out['records']]
    # each file once (drop1 matched by both patterns), the known one not at all, the slowly
    # written one only once it was complete
    assert sorted(files) == sorted(['before.jsonl'] * 2 + ['drop1.jsonl'] * 2
                                   + ['bad.jsonl'] + ['slow.jsonl'] * 3)
    rows = {os.path.basename(r['value']['source']['location']): r for r in out['records']}
    assert rows['drop1.jsonl']['at'] < window['stop'] - 1.5   # dropped 6.5 s before the stop
    assert rows['slow.jsonl']['ts'] >= dropped['slow.jsonl'] - 1.0
    # the bad line is the batch reader's dead letter, identical
    dead = [r['value'] for r in out['dead_letter']]
    assert [(d['input']['location'], d['error']['reason']) for d in dead] == [
        (str(inbox / 'bad.jsonl') + ':2', 'bad_json')]
    with TestPipeline() as p:
        batch = p | ReadInputs([str(inbox / 'bad.jsonl')], ReadSettings())
        assert_that(batch['dead_letter'], equal_to(dead), label='SameDeadLetter')
        assert_that(batch['records'] | beam.Map(lambda r: r['title']),
                    equal_to([r['value']['title'] for r in out['records']
                              if r['value']['source']['location'].endswith('bad.jsonl')]),
                    label='SameRecords')
    # every file read is recorded for a restart
    with open_state(state) as store:
        recorded = store.get_many(FILES_NAMESPACE, [str(p) for p in inbox.iterdir()])
    assert set(map(os.path.basename, recorded)) == {
        'before.jsonl', 'known.jsonl', 'drop1.jsonl', 'bad.jsonl', 'slow.jsonl'}
    assert recorded[str(inbox / 'slow.jsonl')]['size'] == os.path.getsize(inbox / 'slow.jsonl')
    assert recorded[str(inbox / 'drop1.jsonl')]['run'] == RUN.run_id


def test_interval_elapsed_allows_half_a_tick_of_jitter():
    assert interval_elapsed(None, 100.0, 5, 1)
    assert not interval_elapsed(100.0, 104.0, 5, 1)
    assert interval_elapsed(100.0, 104.5, 5, 1)
    # ticks of 1 s, a poll interval of 2 s: a burst of ticks does not shorten it
    assert not interval_elapsed(100.0, 100.05, 2, 1) and not interval_elapsed(100.0, 101.2, 2, 1)
    assert interval_elapsed(100.0, 101.6, 2, 1)
    # the poll interval equal to the tick: every tick
    assert interval_elapsed(100.0, 100.9, 1, 1)


def test_stream_inputs_validates_its_arguments(tmp_path):
    streaming = StreamingSettings(poll_interval=1)
    with pytest.raises(ValueError, match='both empty'):
        StreamInputs([], [], FetchSettings(), None, streaming, None, RUN)
    with pytest.raises(ValueError, match='read'):
        StreamInputs([], [str(tmp_path / '*')], FetchSettings(), 'x', streaming, None, RUN)
    with pytest.raises(ValueError, match='feeds'):
        StreamInputs([7], [], FetchSettings(), None, streaming, None, RUN)


@pytest.mark.slow
def test_stream_inputs_gives_feed_and_file_records_in_one_output_during_the_run(tmp_path):
    server = FeedServer()
    try:
        growing = GrowingFeed(2)
        server.routes['/news.xml'] = growing
        live = server.base + '/news.xml'
        inbox = tmp_path / 'inbox'
        inbox.mkdir()
        _write(inbox / 'first.jsonl', _jsonl(1, 'first'), mtime=time.time() - 600)
        state = StateConfig(dir=str(tmp_path / 'state'))
        settings = FetchSettings(allow_private_networks=True, min_host_delay=0.0)
        events = {}

        def produce():
            time.sleep(2.0)
            _write(inbox / 'later.jsonl', _jsonl(2, 'later'))
            events['later'] = time.time()
            growing.add(1)
            events['story-2'] = time.time()
        thread = threading.Thread(target=produce, daemon=True)
        thread.start()

        def build(p, start, stop):
            return p | StreamInputs([live], [str(inbox / '*.jsonl')], settings, ReadSettings(),
                                    StreamingSettings(poll_interval=2, watch_interval=1),
                                    state, RUN, start=start, stop=stop)
        window = {}
        out = run_streaming(build, tmp_path, 10, window)
        thread.join()
    finally:
        server.close()
    got = {r['value']['guid']: r for r in out['records']}
    assert sorted(got) == ['first-0', 'later-0', 'later-1', 'story-0', 'story-1', 'story-2']
    assert len(out['records']) == 6
    # each arrived while the run went on (no Flatten holds them back to the end; both were
    # written 8.5 s before the stop) ...
    assert got['later-0']['at'] < window['stop'] - 1.5
    assert got['story-2']['at'] < window['stop'] - 1.5
    # ... and the feed was fetched every poll interval (2 s), not every tick (1 s)
    hits = [at for at, _, _ in server.hits('/news.xml')]
    assert 3 <= len(hits) <= 6
    assert all(b - a >= 1.4 for a, b in zip(hits, hits[1:]))
    assert [o['value']['status'] for o in out['outcomes']][0] == 'ok'
    with open_state(state) as store:
        assert store.get(FEEDS_NAMESPACE, live)['etag']
        assert store.get(FILES_NAMESPACE, str(inbox / 'later.jsonl'))['run'] == RUN.run_id
