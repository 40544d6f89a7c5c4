"""The whole pipeline against the feedparser floor, on the same generated feed files.

The floor is feedparser alone parsing every file (``feedparser.parse(io.BytesIO(body))``) in one
process. The pipeline is ``newsbeam run`` on the same files (read, normalize, dedup, tag, write),
timed as a user would time it (wall clock of the whole command), on the in-process DirectRunner
and on two worker processes. Reported as ratios measured in one run, plus peak memory.

    python -m benchmarks.pipeline --files 200 --entries 25
"""
from __future__ import annotations

import argparse
import io
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time

import feedparser
import orjson

from .feeds_corpus import write_corpus

__all__ = ['main']


def _floor(paths: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    entries = 0
    for path in paths:
        with open(path, 'rb') as handle:
            entries += len(feedparser.parse(io.BytesIO(handle.read())).entries)
    return time.perf_counter() - started, entries


def _run_pipeline(corpus: str, work: str, extra: list[str]) -> dict:
    out = os.path.join(work, 'out')
    state = os.path.join(work, 'state')
    cmd = [sys.executable, '-m', 'pipeline', 'run', '--input', os.path.join(corpus, '*.rss'),
           '--output', out, '--state', state, *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True,
                          env={**os.environ, 'NEWSBEAM_LOG_LEVEL': 'WARNING'})
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f'pipeline failed ({proc.returncode}): {proc.stderr[-2000:]}')
    with open(os.path.join(out, 'run.json'), 'rb') as handle:
        summary = orjson.loads(handle.read())
    return {'seconds': round(seconds, 2), 'counts': summary['counts'],
            'cpu_seconds': round((after.ru_utime - before.ru_utime)
                                 + (after.ru_stime - before.ru_stime), 2),
            'peak_rss_mb': round(after.ru_maxrss / 1024, 1)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--files', type=int, default=200)
    parser.add_argument('--entries', type=int, default=25)
    parser.add_argument('--no-multiprocess', action='store_true',
                        help='skip the two-worker run')
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix='newsbeam-bench-') as work:
        corpus = os.path.join(work, 'corpus')
        paths = write_corpus(corpus, args.files, args.entries)
        floor_s, entries = _floor(paths)
        runs = {'direct_in_process': _run_pipeline(corpus, os.path.join(work, 'a'), [])}
        if not args.no_multiprocess:
            runs['direct_2_workers'] = _run_pipeline(
                corpus, os.path.join(work, 'b'),
                ['--direct_running_mode=multi_processing', '--direct_num_workers=2'])
    report = {
        'machine': f'{platform.node()} {platform.machine()} {os.cpu_count()} cores, '
                   f'Python {platform.python_version()}, feedparser {feedparser.__version__}',
        'files': args.files, 'entries': entries,
        'feedparser_floor_seconds': round(floor_s, 2),
        'feedparser_us_per_entry': round(floor_s / max(entries, 1) * 1e6, 1),
        'runs': runs,
    }
    print(f'feedparser floor: {entries} entries in {floor_s:.2f} s '
          f'({report["feedparser_us_per_entry"]} us/entry)')
    for name, result in runs.items():
        result['ratio_to_floor'] = round(result['seconds'] / floor_s, 2)
        print(f'{name:>18}: {result["seconds"]:.2f} s wall ({result["ratio_to_floor"]}x floor), '
              f'{result["cpu_seconds"]} s CPU, peak RSS {result["peak_rss_mb"]} MB, '
              f'counts {result["counts"]}')
    return report


if __name__ == '__main__':
    main()
