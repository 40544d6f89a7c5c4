"""The whole pipeline on three runners, against the feedparser floor, on one generated corpus.

The floor is feedparser alone parsing every file (``feedparser.parse(io.BytesIO(body))``) in one
process. The pipeline is ``newsbeam run`` on the same files (read, normalize, dedup, tag, write),
timed as a user would time it (wall clock of the whole command), on:

- ``direct_in_process``: the DirectRunner in one process (the reference for the ratios);
- ``direct_2_processes``: ``--direct_running_mode=multi_processing --direct_num_workers=2``;
- ``dask_2_processes``: ``--runner=DaskRunner`` on a local ``dask.distributed`` cluster of two
  worker processes, started before the run (not timed) and stopped after it.

Each run reports entries/s, items, wall and CPU seconds, and the peak memory of THAT run's own
processes: the summed RSS of the ``newsbeam`` process and its children (and, for Dask, the
cluster's processes), sampled every 0.1 s -- plus the largest single process. Throughput and
memory are also given as ratios to the in-process run, and whether each run's items, duplicates
and dead letters equal the in-process run's (ignoring ``ingested_at`` and ``provenance.run_id``).

    python -m benchmarks pipeline --files 400 --entries 25
"""
from __future__ import annotations

import argparse
import glob
import io
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time

import feedparser
import orjson

from .feeds_corpus import write_corpus

__all__ = ['main', 'comparable_outputs', 'FAMILIES']

FAMILIES = ('items', 'duplicates', 'dead_letter')
RUNS = ('direct_in_process', 'direct_2_processes', 'dask_2_processes')
_RUN_FIELDS = ('ingested_at',)             # top-level fields that differ from run to run
_RUN_PROVENANCE_FIELDS = ('run_id',)       # and under provenance

_CLUSTER = '''\
import sys
from dask.distributed import LocalCluster

if __name__ == '__main__':
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host='127.0.0.1',
                           dashboard_address=None)
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()
    cluster.close()
'''


def _floor(paths: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    entries = 0
    for path in paths:
        with open(path, 'rb') as handle:
            entries += len(feedparser.parse(io.BytesIO(handle.read())).entries)
    return time.perf_counter() - started, entries


def _comparable(record: dict) -> bytes:
    record = {k: v for k, v in record.items() if k not in _RUN_FIELDS}
    if isinstance(record.get('provenance'), dict):
        record['provenance'] = {k: v for k, v in record['provenance'].items()
                                if k not in _RUN_PROVENANCE_FIELDS}
    return orjson.dumps(record, option=orjson.OPT_SORT_KEYS)


def comparable_outputs(out_dir: str) -> dict[str, list[bytes]]:
    """Each output family of a run as sorted JSON lines without the run-time fields."""
    families = {}
    for family in FAMILIES:
        lines = []
        for path in sorted(glob.glob(os.path.join(glob.escape(out_dir), f'{family}*.jsonl'))):
            with open(path, 'rb') as handle:
                lines += [_comparable(orjson.loads(line)) for line in handle if line.strip()]
        families[family] = sorted(lines)
    return families


class _PeakMemory:
    """Samples the summed RSS of some processes and all their descendants until stopped."""

    def __init__(self, interval: float = 0.1):
        import psutil
        self._psutil = psutil
        self._interval = interval
        self._roots: list = []
        self._stop = threading.Event()
        self.peak_total = 0
        self.peak_process = 0
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def watch(self, pid: int) -> None:
        self._roots.append(self._psutil.Process(pid))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while True:
            total = 0
            for root in list(self._roots):
                try:
                    processes = [root, *root.children(recursive=True)]
                except self._psutil.Error:
                    continue
                for process in processes:
                    try:
                        rss = process.memory_info().rss
                    except self._psutil.Error:
                        continue
                    total += rss
                    self.peak_process = max(self.peak_process, rss)
            self.peak_total = max(self.peak_total, total)
            if self._stop.wait(self._interval):
                return


def _start_cluster(work: str) -> tuple[subprocess.Popen, str]:
    home = os.path.join(work, 'dask-cluster')
    os.makedirs(home, exist_ok=True)
    with open(os.path.join(home, 'cluster.py'), 'w', encoding='utf-8') as handle:
        handle.write(_CLUSTER)
    proc = subprocess.Popen([sys.executable, 'cluster.py'], cwd=home, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    address = proc.stdout.readline().decode().strip()
    if not address.startswith('tcp://'):
        proc.kill()
        raise RuntimeError('the local Dask cluster did not start')
    return proc, address


def _stop_cluster(proc: subprocess.Popen) -> None:
    proc.stdin.close()
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _run_pipeline(corpus: str, work: str, runner: str) -> dict:
    out = os.path.join(work, 'out')
    state = os.path.join(work, 'state')
    cmd = [sys.executable, '-m', 'pipeline', 'run', '--input', os.path.join(corpus, '*.rss'),
           '--output', out, '--state', state]
    cluster = None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with _PeakMemory() as memory:
        if runner == 'direct_2_processes':
            cmd += ['--direct_running_mode=multi_processing', '--direct_num_workers=2']
        elif runner == 'dask_2_processes':
            cluster, address = _start_cluster(work)
            memory.watch(cluster.pid)
            cmd += ['--runner=DaskRunner', f'--dask_client_address={address}']
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, 'NEWSBEAM_LOG_LEVEL': 'WARNING'})
        memory.watch(proc.pid)
        stdout, stderr = proc.communicate()
        seconds = time.perf_counter() - started
        if cluster is not None:
            _stop_cluster(cluster)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f'{runner} failed ({proc.returncode}): {stderr[-2000:]}')
    with open(os.path.join(out, 'run.json'), 'rb') as handle:
        summary = orjson.loads(handle.read())
    return {'seconds': round(seconds, 2), 'counts': summary['counts'],
            # all of the run's processes; for Dask with the cluster's start and stop
            'cpu_seconds': round((after.ru_utime - before.ru_utime)
                                 + (after.ru_stime - before.ru_stime), 2),
            'peak_rss_mb': round(memory.peak_total / 2**20, 1),
            'peak_rss_one_process_mb': round(memory.peak_process / 2**20, 1),
            'stderr_lines': len(stderr.splitlines()),
            'outputs': comparable_outputs(out)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--files', type=int, default=200)
    parser.add_argument('--entries', type=int, default=25)
    parser.add_argument('--runs', default=','.join(RUNS),
                        help=f'comma-separated, from {", ".join(RUNS)} (default: all; the first '
                             f'is the reference for the ratios)')
    args = parser.parse_args(argv)
    runs_wanted = [r.strip() for r in args.runs.split(',') if r.strip()]
    if not runs_wanted or any(r not in RUNS for r in runs_wanted):
        parser.error(f'--runs: choose from {", ".join(RUNS)}')
    with tempfile.TemporaryDirectory(prefix='newsbeam-bench-') as work:
        corpus = os.path.join(work, 'corpus')
        paths = write_corpus(corpus, args.files, args.entries)
        floor_s, entries = _floor(paths)
        runs = {name: _run_pipeline(corpus, os.path.join(work, name), name)
                for name in runs_wanted}
    reference_name = runs_wanted[0]
    reference = runs[reference_name]
    for result in runs.values():
        result['entries_per_second'] = round(entries / result['seconds'], 1)
        result['ratio_to_floor'] = round(result['seconds'] / floor_s, 2)
        result['throughput_vs_' + reference_name] = round(
            result['entries_per_second'] / reference['entries_per_second'], 2)
        result['peak_rss_vs_' + reference_name] = round(
            result['peak_rss_mb'] / reference['peak_rss_mb'], 2)
    for result in runs.values():
        result['same_outputs_as_' + reference_name] = result['outputs'] == reference['outputs']
    for result in runs.values():
        del result['outputs']
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
    for name, r in runs.items():
        print(f'{name:>18}: {r["seconds"]:.2f} s wall ({r["ratio_to_floor"]}x floor), '
              f'{r["entries_per_second"]} entries/s '
              f'({r["throughput_vs_" + reference_name]}x {reference_name}), '
              f'{r["cpu_seconds"]} s CPU, peak RSS {r["peak_rss_mb"]} MB '
              f'({r["peak_rss_vs_" + reference_name]}x; largest process '
              f'{r["peak_rss_one_process_mb"]} MB), items {r["counts"]["items"]}, '
              f'same outputs: {r["same_outputs_as_" + reference_name]}')
    return report


if __name__ == '__main__':
    main()
