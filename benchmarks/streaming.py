"""Streaming mode, local engine: end-to-end latency and memory over a long run.

A feed server on 127.0.0.1 (started here) publishes entries at a steady rate: every
``--every`` seconds one new story enters its feed, which keeps the newest ``--window`` entries
(as a real feed does) and answers conditional requests with 304. About one entry in twenty is a
copy of an earlier story (new guid, tracking parameters on its URL), as syndicated news is.

``newsbeam run --streaming`` (the DirectRunner: the cycles engine) polls it every
``--poll-interval`` seconds for ``--duration`` seconds. Meanwhile this script

- reads every output file the run finalises (``OUT/*.jsonl``; files appear whole, by rename) and
  notes when each entry's line first appears in any family: latency = that moment minus the
  moment the entry was published on the server (so it includes waiting for the next poll);
- samples the summed RSS of the ``newsbeam`` process and its children every ``--sample``
  seconds: the memory curve.

At the end it checks that every published story is in ``items`` once, every copy in
``duplicates``, and nothing twice; and it reports latency percentiles, the memory curve (one
point a minute), and its slope after a warm-up (least squares over the samples after the first
``--warmup`` seconds) with the ratio of the last quarter's median RSS to the first quarter's.

    python -m benchmarks streaming --duration 3600 --poll-interval 10 --every 6
"""
from __future__ import annotations

import argparse
import email.utils
import glob
import hashlib
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import orjson

from .feeds_corpus import _item, _rss

__all__ = ['main', 'FeedPublisher']


class FeedPublisher:
    """A growing feed served on 127.0.0.1; remembers when each guid was published."""

    def __init__(self, every: float, window: int, copy_ratio: float = 0.05, seed: int = 11):
        self.every, self.window, self.copy_ratio = every, window, copy_ratio
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._entries: list[dict] = []
        self._originals: list[dict] = []
        self.published: dict[str, float] = {}    # guid -> epoch seconds
        self.copies: set[str] = set()            # guids of copies of earlier stories
        self.requests = 0
        self.not_modified = 0
        self._body = b''
        self._etag = ''
        self._modified = ''
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(('127.0.0.1', 0), self._handler())
        self._server.daemon_threads = True
        self.url = f'http://127.0.0.1:{self._server.server_address[1]}/feed.xml'
        self._threads = [threading.Thread(target=self._server.serve_forever, daemon=True),
                         threading.Thread(target=self._publish, daemon=True)]

    def __enter__(self):
        self._add()
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    def _add(self) -> None:
        with self._lock:
            n = len(self.published)
            if self._originals and self._rng.random() < self.copy_ratio:
                entry = dict(self._rng.choice(self._originals))
                entry['link'] += '?utm_source=rss&utm_medium=syndication'
                entry['guid'] = f'copy-{n}'
                self.copies.add(entry['guid'])
            else:
                entry = _item(self._rng, n, 'bench.example.com')
                self._originals.append(entry)
            entry['date'] = email.utils.formatdate(usegmt=True)
            self._entries = ([entry] + self._entries)[:self.window]
            self._body = _rss('bench.example.com', self._entries).encode('utf-8')
            self._etag = '"' + hashlib.sha1(self._body).hexdigest()[:16] + '"'
            self._modified = email.utils.formatdate(usegmt=True)
            self.published[entry['guid']] = time.time()

    def _publish(self) -> None:
        while not self._stop.wait(self.every):
            self._add()

    def _handler(self):
        publisher = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                with publisher._lock:
                    body, etag, modified = publisher._body, publisher._etag, publisher._modified
                    publisher.requests += 1
                if self.headers.get('If-None-Match') == etag:
                    with publisher._lock:
                        publisher.not_modified += 1
                    self.send_response(304)
                    self.send_header('ETag', etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header('Content-Type', 'application/rss+xml; charset=utf-8')
                self.send_header('ETag', etag)
                self.send_header('Last-Modified', modified)
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler


class OutputWatcher:
    """Notes when each guid's line first appears in the run's finalised output files."""

    def __init__(self, out_dir: str, interval: float = 0.5):
        self.out_dir, self.interval = out_dir, interval
        self.first_seen: dict[str, float] = {}
        self.lines: dict[str, list[str]] = {}    # family -> guids, every line
        self._done: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.scan()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.scan()

    def scan(self) -> None:
        now = time.time()
        for path in sorted(glob.glob(os.path.join(glob.escape(self.out_dir), '**', '*.jsonl'),
                                     recursive=True)):
            name = os.path.basename(path)
            if path in self._done or name.startswith('.') or '/.' in path[len(self.out_dir):]:
                continue
            self._done.add(path)
            family = name.split('-')[0].split('.')[0]
            with open(path, 'rb') as handle:
                for line in handle:
                    if not line.strip():
                        continue
                    record = orjson.loads(line)
                    guid = record.get('guid') or (record.get('input') or {}).get('id')
                    self.lines.setdefault(family, []).append(guid)
                    if guid and guid not in self.first_seen:
                        self.first_seen[guid] = now


class MemorySampler:
    """The summed RSS of a process and its children, every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float):
        import psutil
        self._psutil, self._root = psutil, psutil.Process(pid)
        self.interval, self.samples = interval, []   # (seconds since start, bytes)
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            total = 0
            try:
                processes = [self._root, *self._root.children(recursive=True)]
            except self._psutil.Error:
                return
            for process in processes:
                try:
                    total += process.memory_info().rss
                except self._psutil.Error:
                    pass
            self.samples.append((time.monotonic() - self._started, total))
            if self._stop.wait(self.interval):
                return


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def memory_report(samples: list[tuple[float, int]], warmup: float) -> dict:
    """Curve (one point a minute), slope after the warm-up, last/first quarter ratio."""
    mb = [(t, rss / 2 ** 20) for t, rss in samples]
    curve, next_minute = [], 0.0
    for t, value in mb:
        if t >= next_minute:
            curve.append([round(t / 60, 1), round(value, 1)])
            next_minute = (int(t // 60) + 1) * 60
    steady = [(t, v) for t, v in mb if t >= warmup]
    out = {'curve_minutes_mb': curve,
           'peak_mb': round(max((v for _, v in mb), default=0), 1)}
    if len(steady) >= 8:
        ts, vs = [t for t, _ in steady], [v for _, v in steady]
        mean_t, mean_v = statistics.fmean(ts), statistics.fmean(vs)
        var = sum((t - mean_t) ** 2 for t in ts)
        slope = sum((t - mean_t) * (v - mean_v) for t, v in steady) / var if var else 0.0
        quarter = len(vs) // 4
        first, last = statistics.median(vs[:quarter]), statistics.median(vs[-quarter:])
        out.update({'slope_mb_per_hour': round(slope * 3600, 1),
                    'first_quarter_median_mb': round(first, 1),
                    'last_quarter_median_mb': round(last, 1),
                    'last_to_first_ratio': round(last / first, 3) if first else None})
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog='python -m benchmarks streaming')
    parser.add_argument('--duration', type=float, default=180.0,
                        help='seconds the streaming run lasts (--max-duration)')
    parser.add_argument('--poll-interval', type=float, default=10.0)
    parser.add_argument('--every', type=float, default=6.0,
                        help='seconds between two entries published on the feed')
    parser.add_argument('--window', type=int, default=50, help='entries the feed keeps')
    parser.add_argument('--sample', type=float, default=5.0, help='seconds between RSS samples')
    parser.add_argument('--warmup', type=float, default=None,
                        help='seconds left out of the memory slope (default: a tenth, >= 60)')
    parser.add_argument('--work', default=None, help='keep outputs here (default: a temp dir)')
    args = parser.parse_args(argv or [])
    warmup = args.warmup if args.warmup is not None else max(60.0, args.duration / 10)
    work = args.work or tempfile.mkdtemp(prefix='newsbeam-bench-streaming-')
    out_dir, state_dir = os.path.join(work, 'out'), os.path.join(work, 'state')
    os.makedirs(out_dir, exist_ok=True)
    log_path = os.path.join(work, 'run.log')
    with FeedPublisher(args.every, args.window) as feed:
        config = os.path.join(work, 'streaming-bench.yaml')
        with open(config, 'w', encoding='utf-8') as handle:
            handle.write(f'inputs: {{feeds: ["{feed.url}"]}}\n'
                         f'output: {{dir: "{out_dir}", latest: false}}\n'
                         f'state: {{dir: "{state_dir}"}}\n'
                         f'streaming: {{poll_interval: {args.poll_interval}}}\n')
        command = [sys.executable, '-m', 'pipeline', 'run', '--config', config, '--streaming',
                   '--max-duration', str(args.duration), '--poll-interval',
                   str(args.poll_interval), '--allow-private-networks']
        started = time.time()
        with open(log_path, 'wb') as log, OutputWatcher(out_dir) as watcher:
            proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
            with MemorySampler(proc.pid, args.sample) as sampler:
                rc = proc.wait(timeout=args.duration + 600)
            wall = time.time() - started
        published = dict(feed.published)
        copies = set(feed.copies)
        requests, not_modified = feed.requests, feed.not_modified
    # entries published after the last poll that the run could still make are not expected
    last_poll_due = started + args.duration - args.poll_interval
    expected = {g for g, t in published.items() if t <= last_poll_due}
    seen = watcher.first_seen
    latencies = [seen[g] - published[g] for g in expected if g in seen]
    items = watcher.lines.get('items', [])
    dups = watcher.lines.get('duplicates', [])
    originals = expected - copies
    result = {
        'machine': {'cpus': os.cpu_count(), 'python': platform.python_version(),
                    'platform': platform.platform()},
        'command': ' '.join(command[1:]),
        'exit_status': rc,
        'duration_s': args.duration, 'wall_s': round(wall, 1),
        'poll_interval_s': args.poll_interval, 'publish_every_s': args.every,
        'published': len(published), 'expected': len(expected), 'copies_expected':
            len(expected & copies),
        'delivered': sum(1 for g in expected if g in seen),
        'missing': sorted(g for g in expected if g not in seen)[:20],
        'items_lines': len(items), 'items_unique': len(set(items)),
        'stories_in_items_once': sum(1 for g in originals if items.count(g) == 1),
        'copies_in_duplicates': sum(1 for g in expected & copies if g in set(dups)),
        'requests': requests, 'not_modified_304': not_modified,
        'latency_s': {'p50': _round(_percentile(latencies, 0.5)),
                      'p90': _round(_percentile(latencies, 0.9)),
                      'p99': _round(_percentile(latencies, 0.99)),
                      'max': _round(max(latencies, default=None))},
        'memory': memory_report(sampler.samples, warmup),
        'run_json': os.path.exists(os.path.join(out_dir, 'run.json')),
        'work': work,
    }
    print(f'  exit {rc}; published {len(published)} ({len(expected)} expected, '
          f'{result["copies_expected"]} copies); delivered {result["delivered"]}; '
          f'items lines {len(items)} (unique {len(set(items))}); copies caught '
          f'{result["copies_in_duplicates"]}; requests {requests} (304: {not_modified})')
    print(f'  latency p50 {result["latency_s"]["p50"]} s, p90 {result["latency_s"]["p90"]} s, '
          f'max {result["latency_s"]["max"]} s at poll interval {args.poll_interval} s')
    mem = result['memory']
    print(f'  memory: peak {mem["peak_mb"]} MB; after {warmup:.0f} s warm-up slope '
          f'{mem.get("slope_mb_per_hour")} MB/h, last/first quarter '
          f'{mem.get("last_to_first_ratio")}')
    print(f'  curve (minute, MB): {mem["curve_minutes_mb"]}')
    print(f'  outputs and log in {work}')
    return result


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


if __name__ == '__main__':
    main(sys.argv[1:])
