"""``newsbeam run --streaming`` on the local runner (engine ``cycles``), through the real CLI.

A feed server on 127.0.0.1 whose feed gains entries while the run runs; a watched folder that
gets files; signals, kills and restarts. Latency bound asserted: an entry published on the
server is in ``DIR/items-*.jsonl`` within :data:`LATENCY_BOUND` seconds (poll interval 1 s +
the fetch timeout of the test config, 3 s, + two cycles of the local runner on a loaded 2-core
machine; ``docs/streaming.md`` has the measured numbers).
"""
import email.utils
import glob
import hashlib
import http.server
import os
import signal
import subprocess
import sys
import threading
import time

import orjson
import pytest

from pipeline.cli import main
from pipeline.config import REPO_ROOT

LATENCY_BOUND = 30.0
FAMILIES = ('items', 'duplicates', 'dead_letter', 'filtered', 'seen_before')


# a feed that grows, served on 127.0.0.1 -----------------------------------------------------

class GrowingFeed:
    """An RSS feed whose entries are added while a run polls it; answers conditional GETs with
    304 and records every request's time and headers."""

    def __init__(self, delay: float = 0.0, silent: bool = False):
        self.entries: list[dict] = []
        self.requests: list[tuple[float, dict]] = []
        self.requested = threading.Event()
        self.delay = delay
        self.silent = silent
        self._lock = threading.Lock()
        self._modified = time.time()

    def add(self, guid: str, *, link: str | None = None, title: str | None = None,
            body: str | None = None) -> float:
        n = len(self.entries)
        with self._lock:
            self.entries.append({
                'guid': guid, 'link': link or f'https://news.example.com/story/{guid}',
                'title': title or f'Harbour story {guid}: cranes and ships in port number {n}',
                'body': body or ' '.join(
                    f'Sentence {i} of the {guid} story tells of container ships, port cranes '
                    f'and trade volume {n * 13 + i}.' for i in range(8)),
                'added': time.time()})
            self._modified = time.time()
        return self.entries[-1]['added']

    def document(self) -> tuple[bytes, str]:
        with self._lock:
            items = ''.join(
                f'<item><title>{e["title"]}</title><link>{e["link"]}</link>'
                f'<guid isPermaLink="false">{e["guid"]}</guid>'
                f'<pubDate>{email.utils.formatdate(e["added"], usegmt=True)}</pubDate>'
                f'<description>{e["body"]}</description></item>'
                for e in reversed(self.entries))
            modified = email.utils.formatdate(self._modified, usegmt=True)
        return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f'<title>Harbour news</title><link>https://news.example.com/</link>'
                f'<description>test</description>{items}</channel></rss>').encode(), modified


def _serve(feed: GrowingFeed, host: str = '127.0.0.1'):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            feed.requests.append((time.time(), dict(self.headers)))
            feed.requested.set()
            if feed.silent:          # accepts, never answers
                time.sleep(120)
                return
            if feed.delay:
                time.sleep(feed.delay)
            body, modified = feed.document()
            etag = '"' + hashlib.sha1(body).hexdigest() + '"'
            if self.headers.get('If-None-Match') == etag:
                self.send_response(304)
                self.send_header('ETag', etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header('Content-Type', 'application/rss+xml')
            self.send_header('ETag', etag)
            self.send_header('Last-Modified', modified)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def feed_server():
    """``serve(feed) -> url`` for :class:`GrowingFeed` objects; servers stopped afterwards."""
    servers = []

    def serve(feed: GrowingFeed, host: str = '127.0.0.1') -> str:
        server = _serve(feed, host)
        servers.append(server)
        return f'http://{host}:{server.server_port}/feed.xml'
    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


# helpers ------------------------------------------------------------------------------------

def _config(tmp_path, **fetch) -> str:
    """A config whose fetches give up fast, so a silent server costs a cycle 3 s at most."""
    settings = {'total_timeout': 3, 'connect_timeout': 2, 'min_host_delay': 0,
                'backoff_base': 2, 'backoff_max': 4, **fetch}
    path = tmp_path / 'streaming-test.yaml'
    path.write_text('fetch:\n' + ''.join(f'  {k}: {v}\n' for k, v in settings.items()))
    return str(path)


def _start(args: list[str], cwd, env_extra: dict | None = None) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop('NEWSBEAM_FAULT', None)
    env.update(env_extra or {})
    return subprocess.Popen([sys.executable, '-m', 'pipeline', 'run', '--streaming', *args],
                            cwd=str(cwd), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def _stop_after_first_cycle(proc: subprocess.Popen, out_dir) -> tuple[int, str]:
    """SIGTERM once the run's first cycle with work is committed (``streaming.json``)."""
    _wait_for(lambda: (out_dir / 'streaming.json').exists(), 90, 'the first cycle', proc)
    proc.send_signal(signal.SIGTERM)
    status, _, err = _finish(proc)
    return status, err


def _rows(pattern) -> list[dict]:
    rows = []
    for path in sorted(glob.glob(str(pattern))):
        with open(path, 'rb') as handle:
            rows += [orjson.loads(line) for line in handle if line.strip()]
    return rows


def _wait_for(predicate, timeout: float, what: str, proc=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f'the run ended (status {proc.returncode}) before {what}: '
                                 f'{proc.stderr.read()[-3000:]}')
        time.sleep(0.1)
    raise AssertionError(f'timed out after {timeout} s waiting for {what}')


def _arrivals(out_dir) -> dict[str, float]:
    """guid -> when the window file holding it appeared (its mtime)."""
    seen = {}
    for path in glob.glob(os.path.join(str(out_dir), 'items-*.jsonl')):
        mtime = os.path.getmtime(path)
        with open(path, 'rb') as handle:
            for line in handle:
                seen.setdefault(orjson.loads(line)['guid'], mtime)
    return seen


def _check_complete(out_dir, *, ended: str | None = None) -> dict:
    """run.json, every window and the files agree and balance; nothing partial is left."""
    summary = orjson.loads((out_dir / 'run.json').read_bytes())
    assert summary['mode'] == 'streaming' and summary['engine'] == 'cycles'
    assert {'run_id', 'started_at', 'finished_at', 'counts'} <= set(summary)
    counts = summary['counts']
    assert counts['read'] == sum(v for k, v in counts.items() if k != 'read'), counts
    assert summary['balanced'] is True
    if ended:
        assert summary['ended'] == ended
    totals: dict = {}
    for path in sorted(glob.glob(str(out_dir / 'windows' / '*.json'))):
        window = orjson.loads(open(path, 'rb').read())
        c = window['counts']
        assert c['read'] == sum(v for k, v in c.items() if k != 'read'), (path, c)
        assert window['balanced'] is True
        assert window['window'] == os.path.basename(path)[:-5]
        for family in ('items', 'duplicates', 'dead_letter'):
            lines = len(_rows(out_dir / f'{family}-{window["window"]}*.jsonl'))
            assert lines == c[family], (path, family, lines, c)
        for key, value in c.items():
            totals[key] = totals.get(key, 0) + value
    assert sorted(summary['windows']) == sorted(
        os.path.basename(p)[:-5] for p in glob.glob(str(out_dir / 'windows' / '*.json')))
    for key in ('read', 'items', 'duplicates', 'dead_letter'):
        assert totals.get(key, 0) == counts[key], (key, totals, counts)
        if key != 'read':
            assert len(_rows(out_dir / f'{key}*.jsonl')) == counts[key]
    leftovers = [p for p in glob.glob(str(out_dir / '**' / '*'), recursive=True)
                 if p.endswith('.tmp') or 'beam-temp' in p]
    leftovers += glob.glob(str(out_dir / '.*'))
    assert not leftovers, leftovers
    return summary


# usage errors and the lock: fast, in-process --------------------------------------------------

@pytest.mark.parametrize('argv, message', [
    (['--max-duration', '5'], 'only apply with --streaming'),
    (['--poll-interval', '5'], 'only apply with --streaming'),
    (['--streaming', '--poll-interval', '0'], '--poll-interval: poll_interval must be at least 1'),
    (['--streaming', '--max-duration', '-3'], '--max-duration: max_duration must be more than 0'),
    (['--streaming', '--max-duration', 'soon'], 'bad option value'),
    (['--streaming', '--poll-interval', 'inf'], '--poll-interval: expected a finite number'),
    (['--streaming', '--max-duration', 'nan'], '--max-duration: expected a finite number'),
])
def test_streaming_usage_errors_exit_2_with_one_line(argv, message, tmp_path, capsys):
    seed = os.path.join(REPO_ROOT, 'samples', '000_f2941d14c663b832.txt')
    status = main(['run', '--input', seed, '--output', str(tmp_path / 'out'),
                   '--state', str(tmp_path / 'state'), *argv])
    err = capsys.readouterr().err
    assert status == 2, err
    assert message in err, err
    assert err.count('\n') == 1, err


def test_streaming_without_a_state_is_refused(tmp_path, capsys):
    config = tmp_path / 'nostate.yaml'
    config.write_text('state:\n  enabled: false\n')
    status = main(['run', '--config', str(config), '--streaming', '--input',
                   str(tmp_path / '*.jsonl'), '--output', str(tmp_path / 'out')])
    err = capsys.readouterr().err
    assert status == 2 and '--streaming needs a state' in err and err.count('\n') == 1


def test_lock_held_exits_75(tmp_path, capsys):
    from transforms.state import StateConfig, open_state
    state = tmp_path / 'state'
    store = open_state(StateConfig(dir=str(state)))
    lock = store.lock({'run_id': 'someone-else'})
    try:
        status = main(['run', '--streaming', '--max-duration', '5', '--input',
                       str(tmp_path / 'inbox' / '*.jsonl'), '--output', str(tmp_path / 'out'),
                       '--state', str(state)])
    finally:
        lock.release()
        store.close()
    err = capsys.readouterr().err
    assert status == 75, err
    assert 'someone-else' in err
    assert not (tmp_path / 'out' / 'run.json').exists()


def test_cycles_share_one_tagger_through_a_shared_handle(tagger_builds):
    """Many pipelines in one process (the driver's cycles) with one ``Shared`` handle whose
    object the driver holds build the tagger once; without a handle each builds its own."""
    import apache_beam as beam
    from apache_beam.testing.test_pipeline import TestPipeline
    from apache_beam.testing.util import assert_that, equal_to
    from apache_beam.utils.shared import Shared

    from transforms.model import new_item
    from transforms.tag import TagItems, TagSettings, Tagger
    small = TagSettings(gazetteer_paths=(os.path.join(REPO_ROOT, 'tests', 'data', 'tagging',
                                                      'gazetteer.jsonl'),))
    built = tagger_builds

    def one_pipeline(shared):
        with TestPipeline() as p:
            out = (p | beam.Create([new_item(title='Putin in Moscow', body='Moscow.')])
                   | TagItems(small, shared=shared))
            assert_that(out['items'] | beam.Map(lambda i: i['title']),
                        equal_to(['Putin in Moscow']))
    handle = Shared()
    # as the driver does: it builds the tagger through the handle and keeps a reference (each
    # pipeline run acquires the runner's own Shared object, which displaces Beam's keep-alive)
    kept = handle.acquire(lambda: Tagger.from_settings(small), tag=small)
    for _ in range(3):
        one_pipeline(handle)
    assert len(built) == 1 and kept is not None
    one_pipeline(None)
    assert len(built) == 2
    with pytest.raises(ValueError, match='shared must be'):
        TagItems(small, shared='not a handle')


@pytest.mark.parametrize('engine, runner, expected', [
    ('auto', 'DirectRunner', 'cycles'), ('auto', 'direct', 'cycles'),
    ('auto', 'apache_beam.runners.direct.direct_runner.BundleBasedDirectRunner', 'cycles'),
    ('auto', 'DataflowRunner', 'beam'), ('auto', 'FlinkRunner', 'beam'),
    ('cycles', 'FlinkRunner', 'cycles'), ('beam', 'DirectRunner', 'beam'),
])
def test_engine_auto_is_cycles_on_the_direct_runner_and_beam_elsewhere(engine, runner, expected):
    import dataclasses
    from pipeline.config import load_config
    from pipeline.run import streaming_engine
    config = load_config(os.path.join(REPO_ROOT, 'configs', 'streaming.yaml'))
    config = dataclasses.replace(config, streaming=dataclasses.replace(config.streaming,
                                                                       engine=engine))
    assert streaming_engine(config, runner) == expected


def test_a_cycles_files_are_renamed_into_the_run_directory_idempotently(tmp_path):
    from pipeline.streaming import finish_cycle
    stream, work = tmp_path / 'out', tmp_path / 'out' / '.newsbeam-run' / 'cycles' / 'W'
    (work / 'items' / 'published_date=2024-12-06').mkdir(parents=True)
    (work / '.newsbeam-run').mkdir()
    (work / 'items-00000-of-00002.jsonl').write_text('{"id": "a"}\n')
    (work / 'items-00001-of-00002.jsonl').write_text('{"id": "b"}\n')
    (work / 'duplicates-00000-of-00001.jsonl').write_text('')        # empty: dropped
    (work / 'dead_letter.jsonl').write_text('{"error": {}}\n')
    (work / 'items' / 'published_date=2024-12-06' / 'items-00000-of-00001.parquet').write_text('p')
    (work / '.newsbeam-run' / 'counts.json').write_text('{}')
    window = '20241206T063000Z'
    summary = {'mode': 'streaming-cycle', 'window': window, 'output_dir': str(stream),
               'counts': {'read': 3, 'items': 2, 'duplicates': 0, 'dead_letter': 1}}
    for _ in range(2):   # the commit, then a recovery finishing it again
        finish_cycle(str(work), summary)
        names = sorted(str(p.relative_to(stream)) for p in stream.rglob('*') if p.is_file())
        assert names == [
            f'dead_letter-{window}.jsonl',
            f'items-{window}-00000-of-00002.jsonl', f'items-{window}-00001-of-00002.jsonl',
            f'items/published_date=2024-12-06/items-{window}-00000-of-00001.parquet',
            f'windows/{window}.json'], names
    assert orjson.loads((stream / 'windows' / f'{window}.json').read_bytes()) == summary


# end to end through the real CLI ----------------------------------------------------------------

@pytest.mark.slow
def test_feed_entries_arrive_once_within_the_bound_and_polls_are_conditional(
        tmp_path, feed_server):
    live, silent = GrowingFeed(), GrowingFeed(silent=True)
    for guid in ('a1', 'a2', 'a3'):
        live.add(guid)
    live_url = feed_server(live)
    silent_url = feed_server(silent, '127.0.0.2')   # another host: its own politeness lane
    out, state = tmp_path / 'out', tmp_path / 'state'
    proc = _start(['--max-duration', '120', '--poll-interval', '1', '--allow-private-networks',
                   '--config', _config(tmp_path), '--feed', live_url, '--feed', silent_url,
                   '--output', str(out), '--state', str(state)], tmp_path)
    published = {'a1': live.entries[0]['added'], 'a2': live.entries[1]['added'],
                 'a3': live.entries[2]['added']}
    _wait_for(lambda: {'a1', 'a2', 'a3'} <= set(_arrivals(out)), 60, 'the first entries',
              proc)
    for n in range(4, 8):
        published[f'a{n}'] = live.add(f'a{n}')
        time.sleep(1.5)
    # a batch run on the same state while the streaming run holds it: skipped (75)
    batch = subprocess.run([sys.executable, '-m', 'pipeline', 'run', '--input',
                            str(tmp_path / 'none' / '*.jsonl'), '--output',
                            str(tmp_path / 'batch'), '--state', str(state)],
                           cwd=str(tmp_path), capture_output=True, text=True, timeout=120)
    assert batch.returncode == 75, batch.stderr
    _wait_for(lambda: set(published) <= set(_arrivals(out)), 60, 'entries a4..a7', proc)
    # a copy of a1 an hour later: a new guid, a tracking-parameter URL, the same story
    first = live.entries[0]
    published['copy'] = live.add('a1-syndicated',
                                 link=first['link'] + '?utm_source=rss&utm_medium=x',
                                 title=first['title'], body=first['body'])
    _wait_for(lambda: any(d['guid'] == 'a1-syndicated'
                          for d in _rows(out / 'duplicates*.jsonl')), 60, 'the copy', proc)
    polls = len(live.requests)
    _wait_for(lambda: len(live.requests) >= polls + 2, 30, 'two more polls', proc)
    proc.send_signal(signal.SIGTERM)
    status, _, err = _finish(proc)
    assert status == 0, err
    summary = _check_complete(out, ended='SIGTERM')

    items = _rows(out / 'items*.jsonl')
    guids = [item['guid'] for item in items]
    assert sorted(guids) == sorted(g for g in published if g != 'copy'), guids   # once each
    [copy] = [d for d in _rows(out / 'duplicates*.jsonl') if d['guid'] == 'a1-syndicated']
    assert copy['dedup']['duplicate_of'] == next(i['id'] for i in items if i['guid'] == 'a1')
    arrivals = _arrivals(out)   # entries published while the run ran (a1..a3 came before it)
    latency = {g: round(arrivals[g] - published[g], 1) for g in ('a4', 'a5', 'a6', 'a7')}
    assert max(latency.values()) <= LATENCY_BOUND, latency
    # ingested_at is the cycle's start: later entries were ingested later
    ingested = {item['guid']: item['ingested_at'] for item in items}
    assert ingested['a1'] < ingested['a7']
    assert len({item['provenance']['run_id'] for item in items}) >= 2
    # repeat polls are conditional, and some were answered 304
    conditional = [h for _, h in live.requests[1:]]
    assert conditional and all('If-None-Match' in h and 'If-Modified-Since' in h
                               for h in conditional)
    live_outcome = next(f for f in summary['feeds'] if f['url'] == live_url)
    assert live_outcome['status'] == 'not_modified' and live_outcome['polls'] >= 4
    assert 'heartbeat' in err and 'lag' in err
    # the silent feed was tried, timed out, and did not hold the live entries back
    assert silent.requests
    silent_outcome = next(f for f in summary['feeds'] if f['url'] == silent_url)
    assert silent_outcome['status'] in ('error', 'parked')
    assert summary['dead_letter_by_reason'].get('fetch.timeout', 0) >= 1
    # report reads it back
    report = subprocess.run([sys.executable, '-m', 'pipeline', 'report', str(out)],
                            capture_output=True, text=True, timeout=60)
    assert report.returncode == 0, report.stderr
    assert f'items         {len(items):>7}' in report.stdout, report.stdout


@pytest.mark.slow
def test_watched_folder_files_are_read_once_each(tmp_path):
    inbox = tmp_path / 'inbox'
    inbox.mkdir()

    def drop(name: str, lines: list[dict]) -> None:   # as a writer should: temp + rename
        tmp = tmp_path / f'.{name}.part'
        tmp.write_bytes(b''.join(orjson.dumps(line) + b'\n' for line in lines))
        os.replace(tmp, inbox / name)

    def story(n: int) -> dict:
        return {'id': f'f{n}', 'url': f'https://files.example.org/{n}',
                'title': f'File story {n} about river barges in Duisburg',
                'body': ' '.join(f'Barge line {i} of file story {n} moves coal and grain '
                                 f'{n * 17 + i}.' for i in range(8)),
                'published': '2024-12-06T06:34:00Z', 'source': 'files.example.org'}

    drop('a.jsonl', [story(1), story(2)])
    drop('keep.jsonl', [story(3)])
    (inbox / 'bad.jsonl').write_bytes(b'{"id": "broken", "title": \n')   # one dead letter
    config = tmp_path / 'strict.yaml'
    config.write_text('output:\n  max_dead_letters: 0\n')
    out, state = tmp_path / 'out', tmp_path / 'state'
    proc = _start(['--config', str(config), '--max-duration', '30', '--poll-interval', '1',
                   '--input', str(inbox / '*.jsonl'), '--output', str(out), '--state',
                   str(state)], tmp_path)
    _wait_for(lambda: len(_rows(out / 'items*.jsonl')) >= 3, 60, 'the first files', proc)
    drop('b.jsonl', [story(4)])
    _wait_for(lambda: len(_rows(out / 'items*.jsonl')) >= 4, 40, 'b.jsonl', proc)
    drop('a.jsonl', [story(1), story(2), story(5)])     # rewritten with a new line
    _wait_for(lambda: len(_rows(out / 'items*.jsonl')) >= 5, 40, 'the rewritten a.jsonl',
              proc)
    status, _, err = _finish(proc)
    assert status == 3, err   # complete, but more dead letters than output.max_dead_letters
    summary = _check_complete(out, ended='max_duration')
    ids = sorted(item['guid'] for item in _rows(out / 'items*.jsonl'))
    assert ids == ['f1', 'f2', 'f3', 'f4', 'f5'], ids
    # a.jsonl read twice (its old lines seen before); keep, bad and b.jsonl once each
    assert summary['files_read'] == 5
    assert summary['counts'].get('seen_before') == 2
    assert summary['counts']['dead_letter'] == 1
    assert summary['counts']['read'] == 8


def _start_with_feed(tmp_path, feed_server, feed, out, state, *extra, env=None):
    url = feed_server(feed)
    return url, _start(['--max-duration', '60', '--poll-interval', '1',
                        '--allow-private-networks', '--config', _config(tmp_path), '--feed', url,
                        '--output', str(out), '--state', str(state), *extra], tmp_path, env)


@pytest.mark.slow
@pytest.mark.parametrize('signum', [signal.SIGTERM, signal.SIGINT])
def test_signal_mid_cycle_ends_cleanly_and_a_restart_emits_nothing_old(
        signum, tmp_path, feed_server):
    feed = GrowingFeed()
    for guid in ('s1', 's2'):
        feed.add(guid)
    out, state = tmp_path / 'out', tmp_path / 'state'
    url, proc = _start_with_feed(tmp_path, feed_server, feed, out, state)
    _wait_for(lambda: {'s1', 's2'} <= set(_arrivals(out)), 60, 'the first window', proc)
    # the next cycle is mid-fetch when the signal comes: the server holds its answer
    feed.delay = 2.0
    feed.add('s3')
    feed.requested.clear()
    _wait_for(feed.requested.is_set, 30, 'the next poll', proc)
    proc.send_signal(signum)
    status, _, err = _finish(proc)
    assert status == 0, err
    summary = _check_complete(out, ended=signal.Signals(signum).name)
    assert sorted(i['guid'] for i in _rows(out / 'items*.jsonl')) == ['s1', 's2']
    assert not list(out.glob('.newsbeam-run'))
    # state saved: a second streaming run delivers the abandoned cycle's entry, nothing old
    feed.delay = 0.0
    out2 = tmp_path / 'out2'
    _, proc2 = _start_with_feed(tmp_path, feed_server, feed, out2, state)
    status, err = _stop_after_first_cycle(proc2, out2)
    assert status == 0, err
    _check_complete(out2, ended='SIGTERM')
    assert [i['guid'] for i in _rows(out2 / 'items*.jsonl')] == ['s3']
    assert summary['counts']['items'] == 2


@pytest.mark.slow
@pytest.mark.parametrize('fault', ['outputs_written', 'state_committed'])
def test_kill_9_mid_cycle_then_restart_loses_nothing_and_repeats_nothing(
        fault, tmp_path, feed_server):
    """SIGKILL before the commit point (the cycle is redone) and after it (the next start
    finishes it): across both runs every entry is in exactly one items file."""
    feed = GrowingFeed()
    for guid in ('k1', 'k2', 'k3'):
        feed.add(guid)
    out1, out2, state = tmp_path / 'out1', tmp_path / 'out2', tmp_path / 'state'
    _, proc = _start_with_feed(tmp_path, feed_server, feed, out1, state,
                               env={'NEWSBEAM_FAULT': fault})
    status, _, err = _finish(proc)
    assert status == -signal.SIGKILL, err
    assert not (out1 / 'run.json').exists()
    feed.add('k4')
    _, proc2 = _start_with_feed(tmp_path, feed_server, feed, out2, state)
    status, err = _stop_after_first_cycle(proc2, out2)
    assert status == 0, err
    _check_complete(out2, ended='SIGTERM')
    first = [i['guid'] for i in _rows(out1 / 'items*.jsonl')]
    second = [i['guid'] for i in _rows(out2 / 'items*.jsonl')]
    assert sorted(first + second) == ['k1', 'k2', 'k3', 'k4'], (first, second)
    if fault == 'state_committed':   # finished by the restart's recovery, in its own window
        assert sorted(first) == ['k1', 'k2', 'k3']
        [window] = glob.glob(str(out1 / 'windows' / '*.json'))
        assert orjson.loads(open(window, 'rb').read())['counts']['items'] == 3
        assert not list(out1.glob('.newsbeam-run/cycles/*'))
        # its delivered windows are not moved aside by a start that names the same directory
        status = main(['run', '--streaming', '--input', str(tmp_path / 'none' / '*'),
                       '--output', str(out1), '--state', str(state)])
        assert status == 2
        assert [i['guid'] for i in _rows(out1 / 'items*.jsonl')] == first
    else:                            # redone by the restart
        assert first == [] and not glob.glob(str(out1 / 'windows' / '*.json'))


@pytest.mark.slow
def test_shipped_streaming_config_validates_and_runs(tmp_path, capsys):
    config = os.path.join(REPO_ROOT, 'configs', 'streaming.yaml')
    assert main(['validate', config]) == 0
    template = str(tmp_path / 'runs' / '{run_id}')
    status = main(['run', '--config', config, '--streaming', '--max-duration', '3',
                   '--input', str(tmp_path / 'inbox' / '*.*'), '--output', template,
                   '--state', str(tmp_path / 'state')])
    err = capsys.readouterr().err
    assert status == 0, err
    [run_dir] = [p for p in (tmp_path / 'runs').iterdir() if p.name not in ('latest', 'LATEST')]
    summary = _check_complete(run_dir, ended='max_duration')
    assert summary['counts'] == {'read': 0, 'items': 0, 'duplicates': 0, 'dead_letter': 0}
    assert summary['cycles']['with_work'] == 0 and summary['cycles']['idle'] >= 1
    assert (tmp_path / 'runs' / 'latest').resolve() == run_dir.resolve()
    assert 'idle' in err     # the heartbeat of an idle cycle


FLAKY_STEPS = '''
import os

import apache_beam as beam


def _deliver(item, flag):
    if os.path.exists(flag):
        open(flag + '.hit', 'w').close()
        raise RuntimeError('the warehouse is down')
    return item


class FlakySink(beam.PTransform):
    """A sink step whose failure fails the pipeline while the file ``flag`` exists."""

    def __init__(self, flag):
        super().__init__()
        self.flag = flag

    def expand(self, items):
        return items | 'Deliver' >> beam.Map(_deliver, self.flag)
'''


@pytest.mark.slow
def test_a_failed_cycle_is_undone_and_retried_and_the_run_goes_on(tmp_path):
    (tmp_path / 'flaky_steps.py').write_text(FLAKY_STEPS)
    flag = tmp_path / 'down'
    flag.write_text('')
    config = tmp_path / 'flaky.yaml'
    config.write_text('steps:\n  - stage: sink\n    use: flaky_steps:FlakySink\n'
                      f'    with: {{flag: "{flag}"}}\n')
    inbox = tmp_path / 'inbox'
    inbox.mkdir()
    (inbox / 'one.jsonl').write_bytes(orjson.dumps({
        'id': 'w1', 'url': 'https://files.example.org/w1', 'title': 'Warehouse story',
        'body': 'The warehouse reopened after the storm and shipped its backlog.',
        'source': 'files.example.org'}) + b'\n')
    os.utime(inbox / 'one.jsonl', (time.time() - 5, time.time() - 5))
    out, state = tmp_path / 'out', tmp_path / 'state'
    proc = _start(['--config', str(config), '--max-duration', '120', '--poll-interval', '1',
                   '--input', str(inbox / '*.jsonl'), '--output', str(out), '--state',
                   str(state)], tmp_path,
                  {'PYTHONPATH': os.pathsep.join([str(tmp_path), REPO_ROOT])})
    _wait_for(lambda: (tmp_path / 'down.hit').exists(), 90, 'the failing cycle', proc)
    flag.unlink()    # the warehouse is back: the next try delivers
    _wait_for(lambda: _rows(out / 'items*.jsonl'), 60, 'the retried cycle', proc)
    proc.send_signal(signal.SIGINT)
    status, _, err = _finish(proc)
    assert status == 0, err
    summary = _check_complete(out, ended='SIGINT')
    assert [i['guid'] for i in _rows(out / 'items*.jsonl')] == ['w1']
    assert summary['cycles']['failed'] >= 1
    assert 'failed cycle(s)' in err and 'the warehouse is down' in err
