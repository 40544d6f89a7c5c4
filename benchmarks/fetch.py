"""Fetch benchmark: memory under hostile feeds, and fetch throughput, against a local server.

``python -m benchmarks fetch [--feeds N] [--entries N] [--bomb-mib N]``

* Peak memory: each case is fetched in a fresh subprocess (``fetch_feed`` with default
  settings: 10 MiB body cap) that reports how much its peak RSS grew during the fetch
  (``resource.getrusage``) and the peak of Python allocations (``tracemalloc``). Cases: a normal
  25-entry feed, a gzip bomb (``--bomb-mib`` MiB of zeros, gzip), the same as brotli, and a
  billion-laughs entity bomb.
* Throughput: ``--feeds`` realistic feeds (``feeds_corpus``) served with ETag; fetched by a pool
  of 8 threads (one host name each, so politeness does not serialise them), first with 200s
  (download + parse) then again with 304s; and once through ``FetchFeeds`` in a TestPipeline.

Only 127.0.0.1 is ever contacted.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import zlib

__all__ = ['main']

CHILD_FLAG = '--child'


def _gzip_bomb(mib: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = b'\0' * (1024 * 1024)
    return b''.join(comp.compress(zeros) for _ in range(mib)) + comp.flush()


def _brotli_bomb(mib: int) -> bytes:
    import brotli
    comp = brotli.Compressor(quality=5)
    zeros = b'\0' * (1024 * 1024)
    return b''.join(comp.process(zeros) for _ in range(mib)) + comp.finish()


def _entity_bomb() -> bytes:
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{"".join(f"&lol{i - 1};" for _ in range(10))}">' for i in range(1, 10)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [{"".join(decls)}]>\n'
            '<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
            '</item></channel></rss>').encode()


class _Listener(http.server.ThreadingHTTPServer):
    request_queue_size = 128  # the default 5 drops SYNs under 8 parallel clients (1 s stalls)


class _Server:
    """Serves ``routes`` (path -> (body, headers)) on 127.0.0.1 with ETag/304 support."""

    def __init__(self, routes: dict[str, tuple[bytes, dict]]):
        self.routes = routes

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def log_message(self, *args):
                pass

            def do_GET(handler):
                body, headers = routes.get(handler.path, (b'not found', {'X-Status': '404'}))
                etag = '"' + hashlib.sha1(body[:65536]).hexdigest()[:16] + '"'
                status = int(headers.get('X-Status', 200))
                if status == 200 and handler.headers.get('If-None-Match') == etag:
                    status, body = 304, b''
                try:
                    handler.send_response(status)
                    for name, value in headers.items():
                        if name != 'X-Status':
                            handler.send_header(name, value)
                    handler.send_header('ETag', etag)
                    handler.send_header('Content-Length', str(len(body)))
                    handler.end_headers()
                    handler.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading at its size cap

        self.httpd = _Listener(('127.0.0.1', 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = '127.0.0.1') -> str:
        return f'http://{host}:{self.port}{path}'

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def _child(url: str) -> None:
    """Runs in a fresh interpreter: fetch one URL, report memory growth as JSON."""
    import resource
    import tracemalloc

    from transforms.fetch.feeds import fetch_feed
    from transforms.fetch.http import HttpClient
    from transforms.fetch.settings import FetchSettings

    settings = FetchSettings(allow_private_networks=True, min_host_delay=0.0)
    client = HttpClient(settings)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    result = fetch_feed(client, url, None, now=time.time(), settings=settings)
    seconds = time.perf_counter() - started
    _, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        'status': result.outcome['status'], 'reason': result.outcome['reason'],
        'items': result.outcome['items'], 'seconds': round(seconds, 3),
        'rss_growth_mib': round((after - before) / 1024, 1),
        'peak_rss_mib': round(after / 1024, 1),
        'python_alloc_peak_mib': round(py_peak / 2 ** 20, 2),
    }))


def _measure(url: str) -> dict:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.run([sys.executable, '-m', 'benchmarks.fetch', CHILD_FLAG, url],
                          capture_output=True, text=True, timeout=300, cwd=root)
    if proc.returncode != 0:
        raise RuntimeError(f'memory probe failed for {url}: {proc.stderr[-2000:]}')
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _throughput(server: _Server, paths: list[str], threads: int = 8) -> dict:
    from transforms.fetch.feeds import fetch_feed
    from transforms.fetch.http import HttpClient
    from transforms.fetch.settings import FetchSettings

    settings = FetchSettings(allowed_networks=('127.0.0.1/32',), min_host_delay=0.0)
    client = HttpClient(settings, resolver=lambda host, port: ['127.0.0.1'])
    urls = [server.url(p, f'feed{i}.bench.test') for i, p in enumerate(paths)]
    states: dict[str, dict] = {}
    figures = {}
    for phase in ('first_fetch_200', 'second_fetch_304'):
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            results = list(pool.map(lambda u: fetch_feed(client, u, states.get(u),
                                                         now=time.time(), settings=settings),
                                    urls))
        seconds = time.perf_counter() - started
        for result in results:
            states[result.url] = result.state
        statuses = sorted({r.outcome['status'] for r in results})
        entries = sum(len(r.records) for r in results)
        figures[phase] = {'feeds': len(urls), 'seconds': round(seconds, 3),
                          'feeds_per_s': round(len(urls) / seconds, 1),
                          'entries': entries, 'entries_per_s': round(entries / seconds, 1),
                          'statuses': statuses}
    return figures


def _pipeline_throughput(server: _Server, paths: list[str], state_dir: str) -> dict:
    import apache_beam as beam
    from apache_beam.testing.test_pipeline import TestPipeline

    from transforms.context import RunContext
    from transforms.fetch import FetchFeeds, FetchSettings
    from transforms.state import StateConfig

    settings = FetchSettings(allow_private_networks=True, min_host_delay=0.0,
                             per_host_concurrency=8, shards=1)
    run = RunContext(run_id='bench', started_at='2026-01-01T00:00:00Z')
    urls = [server.url(p) for p in paths]
    started = time.perf_counter()
    with TestPipeline() as p:
        out = p | beam.Create(urls) | FetchFeeds(settings, StateConfig(dir=state_dir), run)
        _ = out['records'] | beam.combiners.Count.Globally()
    seconds = time.perf_counter() - started
    return {'feeds': len(urls), 'seconds': round(seconds, 3),
            'feeds_per_s': round(len(urls) / seconds, 1),
            'note': 'one host, per_host_concurrency=8, includes pipeline start-up'}


def main(argv: list[str] | None = None) -> dict:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == [CHILD_FLAG]:
        _child(argv[1])
        return {}
    parser = argparse.ArgumentParser(prog='benchmarks fetch')
    parser.add_argument('--feeds', type=int, default=100)
    parser.add_argument('--entries', type=int, default=25)
    parser.add_argument('--bomb-mib', type=int, default=1024)
    args = parser.parse_args(argv)

    from benchmarks.feeds_corpus import write_corpus

    with tempfile.TemporaryDirectory(prefix='newsbeam-bench-fetch-') as tmp:
        paths = write_corpus(os.path.join(tmp, 'feeds'), files=args.feeds,
                             entries=args.entries)
        routes: dict[str, tuple[bytes, dict]] = {}
        feed_paths = []
        for path in paths:
            with open(path, 'rb') as handle:
                route = '/feeds/' + os.path.basename(path)
                routes[route] = (handle.read(), {'Content-Type': 'application/rss+xml'})
                feed_paths.append(route)
        gz, br = _gzip_bomb(args.bomb_mib), _brotli_bomb(args.bomb_mib)
        routes['/bomb.gz'] = (gz, {'Content-Encoding': 'gzip', 'Content-Type': 'text/xml'})
        routes['/bomb.br'] = (br, {'Content-Encoding': 'br', 'Content-Type': 'text/xml'})
        routes['/lol.xml'] = (_entity_bomb(), {'Content-Type': 'application/rss+xml'})
        server = _Server(routes)
        try:
            memory = {
                'normal_feed': _measure(server.url(feed_paths[0])),
                f'gzip_bomb_{args.bomb_mib}MiB_as_{len(gz) // 1024}KiB':
                    _measure(server.url('/bomb.gz')),
                f'brotli_bomb_{args.bomb_mib}MiB_as_{len(br) // 1024}KiB':
                    _measure(server.url('/bomb.br')),
                'entity_bomb_billion_laughs': _measure(server.url('/lol.xml')),
            }
            throughput = _throughput(server, feed_paths)
            pipeline = _pipeline_throughput(server, feed_paths, os.path.join(tmp, 'state'))
        finally:
            server.close()
    figures = {'memory': memory, 'throughput_threads': throughput,
               'throughput_fetchfeeds_pipeline': pipeline}
    print('fetch: peak memory per case (fresh process; growth of peak RSS during the fetch)')
    for name, m in memory.items():
        print(f'  {name:38} {m["status"]:6} {str(m["reason"]):10} rss +{m["rss_growth_mib"]:6.1f} '
              f'MiB (peak {m["peak_rss_mib"]} MiB)  python peak {m["python_alloc_peak_mib"]} MiB'
              f'  {m["seconds"]} s')
    for phase, t in throughput.items():
        print(f'  {phase:18} {t["feeds"]} feeds in {t["seconds"]} s: {t["feeds_per_s"]} feeds/s, '
              f'{t["entries_per_s"]} entries/s {t["statuses"]}')
    print(f'  FetchFeeds pipeline: {pipeline["feeds"]} feeds in {pipeline["seconds"]} s '
          f'({pipeline["feeds_per_s"]} feeds/s; {pipeline["note"]})')
    return figures


if __name__ == '__main__':
    main()
