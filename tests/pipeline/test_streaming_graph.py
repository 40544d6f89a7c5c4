"""The beam streaming engine's graph (TestStream on the DirectRunner's streaming mode) and one
short bounded run of ``run_beam_streaming`` against a feed server on 127.0.0.1."""
import dataclasses
import glob
import http.server
import json
import os
import threading
import time

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.testing.test_stream import TestStream
from apache_beam.transforms import window

from pipeline.config import REPO_ROOT, load_config, with_overrides
from pipeline.streaming_graph import build_streaming, run_beam_streaming
from transforms.context import RunContext
from transforms.model import new_raw_record

T0 = 1767225600          # 2026-01-01T00:00:00Z: event (ingestion) times of the TestStreams
W1, W2, W3 = '20260101T000000Z', '20260101T000100Z', '20260101T000200Z'
BODY = ' '.join(f'Dock workers in sentence {i} said the harbour strike would end on Friday '
                f'after talks number {i}.' for i in range(30))
OTHER = ' '.join(f'A different story about the city budget, paragraph {i}, with its own '
                 f'numbers {i * 7}.' for i in range(30))


def _config(tmp_path, **streaming):
    config = load_config(os.path.join(REPO_ROOT, 'configs', 'local.yaml'))
    config = dataclasses.replace(
        config, state=dataclasses.replace(config.state, dir=str(tmp_path / 'state')))
    changes = {'streaming.window_seconds': 60, 'streaming.allowed_lateness': 120}
    changes.update({f'streaming.{k}': v for k, v in streaming.items()})
    return with_overrides(config, **changes)


def _raw(entry, url, guid, title='Harbour strike to end on Friday', body=BODY):
    return new_raw_record(kind='feed', location='http://news.example.com/feed.xml', fmt='rss20',
                          parser='test', entry=entry, title=title, url=url, guid=guid,
                          body=body, published='2026-01-01T00:00:00Z',
                          source={'name': 'Example News', 'domain': 'example.com'})


def _at(record, seconds):
    return window.TimestampedValue(record, T0 + seconds)


def _run_graph(tmp_path, events, config=None, run_id='run-1'):
    config = config or _config(tmp_path)
    out = str(tmp_path / 'out')
    os.makedirs(out, exist_ok=True)
    options = PipelineOptions()
    options.view_as(StandardOptions).streaming = True
    run = RunContext(run_id=run_id, started_at='2026-01-01T00:00:00Z')
    with beam.Pipeline(options=options) as p:
        build_streaming({'records': p | events}, config, run, out,
                        state=config.state_config())
    return out


def _lines(out, name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f]


def _window(out, label):
    with open(os.path.join(out, 'windows', f'{label}.json'), encoding='utf-8') as f:
        return json.load(f)


@pytest.mark.slow
def test_copy_in_a_later_window_is_a_duplicate_of_the_first_windows_story(tmp_path):
    """Window 1 delivers a story (and another one, out of order); window 2 gets a copy with a
    new guid and a tracking-parameter URL: a duplicate of window 1's story, by URL."""
    events = (TestStream()
              .advance_watermark_to(T0)
              .add_elements([_at(_raw(2, 'https://example.com/budget', 'g2', 'City budget',
                                      OTHER), 40),
                             _at(_raw(1, 'https://example.com/strike', 'g1'), 10)])
              .advance_watermark_to(T0 + 61)
              .advance_processing_time(1)
              .add_elements([_at(_raw(3, 'https://example.com/strike?utm_source=rss&utm_medium'
                                         '=feed', 'g3-new'), 75)])
              .advance_watermark_to_infinity())
    out = _run_graph(tmp_path, events)
    first = _lines(out, f'items-{W1}.jsonl')
    assert sorted(i['title'] for i in first) == ['City budget', 'Harbour strike to end on Friday']
    strike = next(i for i in first if i['guid'] == 'g1')
    assert strike['ingested_at'] == '2026-01-01T00:00:10.000Z'
    assert _lines(out, f'items-{W2}.jsonl') == []
    [dup] = _lines(out, f'duplicates-{W2}.jsonl')
    assert dup['guid'] == 'g3-new' and dup['dedup']['duplicate_of'] == strike['id']
    assert dup['dedup']['method'] == 'url' and dup['ingested_at'] == '2026-01-01T00:01:15.000Z'
    for label, counts in ((W1, (2, 2, 0)), (W2, (1, 0, 1))):
        summary = _window(out, label)
        assert summary['balanced']
        assert (summary['counts']['read'], summary['counts']['items'],
                summary['counts']['duplicates']) == counts
    with open(os.path.join(out, 'streaming.json'), encoding='utf-8') as f:
        total = json.load(f)
    assert total['counts']['read'] == 3 and total['balanced']
    assert total['windows'] == [W1, W2]


def test_copy_after_the_retention_is_a_new_story(tmp_path):
    """With a retention of 90 s (event time), a copy two windows later (120 s after the first
    window's start) is not matched against the expired story."""
    config = _config(tmp_path)
    config = dataclasses.replace(config, dedup=dataclasses.replace(
        config.dedup, retention_days=90 / 86400))
    events = (TestStream()
              .advance_watermark_to(T0)
              .add_elements([_at(_raw(1, 'https://example.com/strike', 'g1'), 10)])
              .advance_watermark_to(T0 + 61)
              .advance_processing_time(1)
              .advance_watermark_to(T0 + 121)
              .advance_processing_time(1)
              .add_elements([_at(_raw(2, 'https://example.com/strike?utm_source=x', 'g2'), 130)])
              .advance_watermark_to_infinity())
    out = _run_graph(tmp_path, events, config)
    assert [i['guid'] for i in _lines(out, f'items-{W1}.jsonl')] == ['g1']
    assert [i['guid'] for i in _lines(out, f'items-{W3}.jsonl')] == ['g2']
    assert _lines(out, f'duplicates-{W3}.jsonl') == []
    assert _window(out, W3)['balanced']


@pytest.mark.slow
def test_late_items_in_a_late_pane_and_too_late_ones_dead_lettered(tmp_path):
    events = (TestStream()
              .advance_watermark_to(T0)
              .add_elements([_at(_raw(1, 'https://example.com/strike', 'g1'), 10)])
              .advance_watermark_to(T0 + 70)
              # late, within the allowed lateness (120 s): window 1's late pane
              .add_elements([_at(_raw(2, 'https://example.com/budget', 'g2', 'City budget',
                                      OTHER), 30),
                             _at(_raw(3, 'https://example.com/strike?utm_campaign=x', 'g3'),
                                 35)])
              .advance_watermark_to(T0 + 200)
              .advance_processing_time(1)
              # window 1 closed at 180 s: too late
              .add_elements([_at(_raw(4, 'https://example.com/late', 'g4', 'Late news',
                                      OTHER + ' late'), 20)])
              .advance_watermark_to_infinity())
    out = _run_graph(tmp_path, events)
    assert [i['guid'] for i in _lines(out, f'items-{W1}.jsonl')] == ['g1']
    assert [i['guid'] for i in _lines(out, f'items-{W1}-late.jsonl')] == ['g2']
    [dup] = _lines(out, f'duplicates-{W1}-late.jsonl')
    assert dup['guid'] == 'g3' and dup['dedup']['method'] == 'url'
    [late_file] = glob.glob(os.path.join(out, f'dead_letter-{W1}-late-*.jsonl'))
    [dead] = _lines(out, os.path.basename(late_file))
    assert dead['error']['reason'] == 'late' and dead['input']['excerpt'] == 'Late news'
    summary = _window(out, W1)
    assert summary['balanced'] and summary['counts']['read'] == 4
    assert (summary['counts']['items'], summary['counts']['duplicates'],
            summary['counts']['dead_letter']) == (2, 1, 1)
    assert set(summary['panes']) >= {'on_time', 'late'} and len(summary['panes']) == 3


@pytest.mark.slow
def test_a_story_a_later_stage_refused_is_not_recorded_for_later_windows(tmp_path,
                                                                        monkeypatch):
    """Window 1's story fails a tag step (a retryable dead letter): it is not delivered, so the
    index does not record it, and its copy in window 2 is delivered as a new story."""
    from pipeline.config import StepSpec
    from pipeline.steps import resolve_steps
    monkeypatch.syspath_prepend(os.path.dirname(__file__))  # as a user's own package would be
    config = dataclasses.replace(_config(tmp_path), steps=(StepSpec(
        stage='tag', use='steps_example:flaky_tagger', params={'fail_marker': 'Harbour'}),))
    events = (TestStream()
              .advance_watermark_to(T0)
              .add_elements([_at(_raw(1, 'https://example.com/strike', 'g1'), 10)])
              .advance_watermark_to(T0 + 61)
              .advance_processing_time(1)
              .add_elements([_at(_raw(2, 'https://example.com/strike?utm_source=x', 'g2',
                                      title='Strike at the harbour ends'), 70)])
              .advance_watermark_to_infinity())
    out = str(tmp_path / 'out')
    os.makedirs(out)
    options = PipelineOptions()
    options.view_as(StandardOptions).streaming = True
    run = RunContext(run_id='run-1', started_at='2026-01-01T00:00:00Z')
    with beam.Pipeline(options=options) as p:
        build_streaming({'records': p | events}, config, run, out, state=config.state_config(),
                        steps=resolve_steps(config.steps))
    [dead] = _lines(out, f'dead_letter-{W1}.jsonl')
    assert dead['error']['reason'] == 'step_error' and _lines(out, f'items-{W1}.jsonl') == []
    assert [i['guid'] for i in _lines(out, f'items-{W2}.jsonl')] == ['g2']
    assert _window(out, W1)['balanced'] and _window(out, W2)['balanced']


@pytest.mark.slow
def test_database_sinks_take_every_window(tmp_path):
    """output.sinks (a SQLite database) written window by window, beside the files."""
    import sqlite3
    from pipeline.run import _prepare_sinks
    from pipeline.steps import resolve_sinks
    (tmp_path / 'cfg.yaml').write_text(
        'output:\n  dir: out\n  sinks:\n    - use: sqlite\n      name: db\n'
        '      with: {path: news.sqlite, auto_migrate: true}\nstate:\n  dir: state\n'
        'streaming: {window_seconds: 60, allowed_lateness: 120}\n', encoding='utf-8')
    config = load_config(str(tmp_path / 'cfg.yaml'))
    sinks = resolve_sinks(config.output.sinks)
    _prepare_sinks(sinks, [])
    events = (TestStream()
              .advance_watermark_to(T0)
              .add_elements([_at(_raw(1, 'https://example.com/strike', 'g1'), 10)])
              .advance_watermark_to(T0 + 61)
              .advance_processing_time(1)
              .add_elements([_at(_raw(2, 'https://example.com/budget', 'g2', 'City budget',
                                      OTHER), 70),
                             _at(_raw(3, 'https://example.com/strike?utm_source=x', 'g3'), 75)])
              .advance_watermark_to_infinity())
    out = _run_graph(tmp_path, events, config)
    with sqlite3.connect(str(tmp_path / 'news.sqlite')) as conn:
        items = sorted(r[0] for r in conn.execute('SELECT guid FROM items'))
        dups = sorted(r[0] for r in conn.execute('SELECT guid FROM duplicates'))
    assert items == ['g1', 'g2'] and dups == ['g3']
    w2 = _window(out, W2)
    assert w2['balanced'] and w2['breakdown']['sink.db.items.written'] == 1
    assert w2['breakdown']['sink.db.duplicates.written'] == 1


# --- one short bounded run against a local feed server -------------------------------------
def _rss(entries) -> bytes:
    items = ''.join(
        f'<item><title>{title}</title><link>{link}</link>'
        f'<guid isPermaLink="false">{guid}</guid><pubDate>Thu, 01 Jan 2026 00:{minute:02d}:00'
        f' GMT</pubDate><description>{body}</description></item>'
        for minute, (guid, link, title, body) in enumerate(entries))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
            f'<link>http://127.0.0.1/</link><description>d</description>{items}'
            f'</channel></rss>').encode('utf-8')


class _Feed:
    def __init__(self):
        self.entries, self.added, self.lock = [], {}, threading.Lock()
        self.requests = []

    def add(self, guid, link, title, body):
        with self.lock:
            self.entries.append((guid, link, title, body))
            self.added[guid] = time.time()


@pytest.fixture
def feed_server():
    feed = _Feed()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            with feed.lock:
                body = _rss(feed.entries)
                feed.requests.append(dict(self.headers.items()))
            etag = f'"{len(feed.entries)}"'
            if self.headers.get('If-None-Match') == etag:
                self.send_response(304)
                self.send_header('ETag', etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header('Content-Type', 'application/rss+xml')
            self.send_header('ETag', etag)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield feed, f'http://127.0.0.1:{server.server_address[1]}/feed.xml'
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_bounded_run_against_a_local_feed(tmp_path, feed_server):
    """The feed gains an entry, then a copy of the first (new guid, tracking parameter) while
    the job runs. On the DirectRunner every window fires when the run ends (see
    docs/streaming.md), so the windows are an hour long and the run avoids an hour's edge:
    the copy is caught within its window here; across windows the TestStream tests above
    check it."""
    feed, url = feed_server
    if time.time() % 3600 > 3600 - 40:
        time.sleep(3600 - time.time() % 3600 + 1)
    feed.add('g1', 'https://example.com/strike', 'Harbour strike to end on Friday', BODY)
    config = _config(tmp_path, engine='beam', window_seconds=3600, allowed_lateness=60,
                     poll_interval=1, max_duration=14)
    config = with_overrides(config, **{'output.dir': str(tmp_path / 'out'),
                                       'fetch.allow_private_networks': True})

    inbox = tmp_path / 'inbox'
    inbox.mkdir()

    def later():
        time.sleep(4)
        feed.add('g2', 'https://example.com/budget', 'City budget', OTHER)
        time.sleep(2)   # a file dropped into the watched folder (written aside, renamed in)
        (tmp_path / 'drop.tmp').write_text(json.dumps(
            {'id': 'f1', 'headline': 'Rail timetable changes', 'link': 'https://example.org/r',
             'text': OTHER.replace('city budget', 'rail timetable'), 'source': 'Example Rail'})
            + '\n', encoding='utf-8')
        os.rename(tmp_path / 'drop.tmp', inbox / 'drop.jsonl')
        added['f1'] = time.time()
        time.sleep(1)   # a copy of g1: new guid, tracking parameters
        feed.add('g3', 'https://example.com/strike?utm_source=rss', 'Harbour strike to end on '
                 'Friday', BODY)
    added = {}
    threading.Thread(target=later, daemon=True).start()
    result = run_beam_streaming(config, beam_argv=['--runner=DirectRunner'],
                                cli_inputs=[str(inbox / '*.jsonl')], cli_feeds=[url])
    out = result.output_dir
    summary = result.summary
    assert result.status == 0 and summary['balanced'] and summary['engine'] == 'beam'
    assert summary['counts']['read'] == 4, summary['counts']
    assert summary['counts']['items'] == 3 and summary['counts']['duplicates'] == 1
    items = [i for path in sorted(glob.glob(os.path.join(out, 'items-*.jsonl')))
             for i in _lines(out, os.path.basename(path))]
    assert sorted(i['guid'] for i in items) == ['f1', 'g1', 'g2']  # each entry, file once
    [dup] = [d for path in glob.glob(os.path.join(out, 'duplicates-*.jsonl'))
             for d in _lines(out, os.path.basename(path))]
    assert dup['guid'] == 'g3' and dup['dedup']['method'] == 'url'
    assert os.path.exists(os.path.join(out, 'run.json'))
    from pipeline.run import summary_lines
    assert summary_lines(summary, out)[-1] == f'results in {out}'
    # the sources' records are committed with run.json: the next run skips the file
    import sqlite3
    with sqlite3.connect(str(tmp_path / 'state' / 'state.sqlite')) as conn:
        read = [r[0] for r in conn.execute("SELECT key FROM kv WHERE ns = 'inputs.files'")]
    assert read == [str(inbox / 'drop.jsonl')]
    assert any('If-None-Match' in h for h in feed.requests), 'repeat polls are not conditional'
    # latency: entry added on the server -> its line in a file
    latencies = {}
    for path in glob.glob(os.path.join(out, '*-2*.jsonl')):
        for record in _lines(out, os.path.basename(path)):
            added.update(feed.added)
            if record.get('guid') in added:
                latencies[record['guid']] = os.path.getmtime(path) - added[record['guid']]
    print('latency (s) per entry:', {k: round(v, 1) for k, v in sorted(latencies.items())})
    assert set(latencies) == {'f1', 'g1', 'g2', 'g3'}


def test_file_sinks_are_refused_before_anything_runs(tmp_path):
    from pipeline.run import UsageError
    config = load_config(os.path.join(REPO_ROOT, 'configs', 'parquet.yaml'))
    config = with_overrides(config, **{'output.dir': str(tmp_path / 'out'),
                                       'state.dir': str(tmp_path / 'state'),
                                       'streaming.engine': 'beam'})
    with pytest.raises(UsageError, match='output.sinks: parquet writes files'):
        run_beam_streaming(config, beam_argv=[], cli_inputs=[str(tmp_path / '*.jsonl')],
                           cli_feeds=None)
    assert not os.path.exists(tmp_path / 'out')
