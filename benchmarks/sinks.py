"""Rows per second and peak memory of each sink, at 100k generated items.

Each sink is measured in a fresh subprocess (so peak memory is its own), in two ways:

* ``direct``: the sink's own write path without Beam -- a file sink's format writer over one
  file, or a batch sink's ``write_batch`` in batches of 500 (set up once) -- the sink's cost;
* ``beam``: the sink's transform (``WriteFiles`` / ``WriteToSink``) on the DirectRunner, items
  generated inside the pipeline (not shipped from the driver) -- what a run pays.

Items are generated in-process, realistic in size (~900 characters of body, tags, provenance)
and deterministic (a seeded generator). Peak memory is the subprocess's maximum RSS, with the
RSS after imports (before any item exists) reported beside it.

    python -m benchmarks sinks [--items 100000] [--only jsonl,parquet] [--mode direct,beam]

Sinks are listed in :data:`CASES`: a name and a function of a scratch folder that returns a
``FileFormat`` (a file sink) or a ``Sink`` (a batch sink), or raises :class:`Skip` naming why it
cannot run here (e.g. no database). Adding a sink to the benchmark is one line there.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Iterator, NamedTuple

import orjson

__all__ = ['main', 'CASES', 'Case', 'Skip', 'generate_items']

BATCH = 500
CHUNK = 2000   # items per generated chunk in the beam mode


class Skip(Exception):
    """This sink cannot be measured here (the message says why)."""


class Case(NamedTuple):
    name: str
    build: Callable[[str], Any]   # scratch dir -> FileFormat or Sink; raise Skip to skip


def _jsonl(compression: str) -> Callable[[str], Any]:
    def build(_: str):
        from transforms.sink.files import JsonlFormat
        return JsonlFormat(compression)
    return build


def _parquet(_: str):
    from transforms.sink.files import ParquetFormat
    return ParquetFormat()


def _sqlite(work: str):
    from transforms.sink.sqlite import SQLiteSink
    return SQLiteSink.from_params({'path': os.path.join(work, 'bench.sqlite')}, name='sqlite')


def _postgres(_: str):
    url_env = 'NEWSBEAM_BENCH_DATABASE_URL'
    if not os.environ.get(url_env):
        raise Skip(f'set {url_env} to a PostgreSQL URL whose schema newsbeam_bench may be '
                   f'dropped and written')
    import psycopg
    from transforms.sink.postgres import PostgresSink
    with psycopg.connect(os.environ[url_env], autocommit=True) as conn:   # a fresh schema:
        conn.execute('DROP SCHEMA IF EXISTS newsbeam_bench CASCADE')       # inserts, not updates
    return PostgresSink.from_params({'url_env': url_env, 'schema': 'newsbeam_bench'},
                                    name='postgres')


def _discard(_: str):
    from transforms.sink import Sink

    class Discard(Sink):
        """Writes nothing: what generating and batching the items costs (the harness floor)."""
        def write_batch(self, family, records):
            return []
    return Discard.from_params({}, name='discard')


#: The sinks measured, in order.
CASES: tuple[Case, ...] = (
    Case('discard', _discard),
    Case('jsonl', _jsonl('none')),
    Case('jsonl.gz', _jsonl('gzip')),
    Case('jsonl.zst', _jsonl('zstd')),
    Case('parquet', _parquet),
    Case('sqlite', _sqlite),
    Case('postgres', _postgres),
)

_WORDS = ('government minister election budget inflation market shares rate bank central '
          'security military summit talks climate finance energy power grid rail port ship '
          'storm flood police court ruling vote parliament coalition trade tariff export '
          'chip factory workers union strike hospital vaccine school students research').split()
_PLACES = [('Q423', 'North Korea', 'KP', [39.03, 125.75]), ('Q884', 'South Korea', 'KR',
           [37.57, 126.98]), ('Q17', 'Japan', 'JP', [35.69, 139.69]),
           ('Q159', 'Russia', 'RU', [55.75, 37.62]), ('Q30', 'United States', 'US',
           [38.9, -77.04]), ('Q252', 'Indonesia', 'ID', [-6.2, 106.85])]
_TOPICS = [('politics', 'Politics'), ('economy', 'Economy'), ('conflict_defence',
           'Conflict and defence'), ('technology', 'Technology')]


def _texts(count: int, words: int, seed: int) -> tuple[str, ...]:
    rng = random.Random(seed)
    return tuple(' '.join(rng.choice(_WORDS) for _ in range(words)).capitalize() + '.'
                 for _ in range(count))


# a pool of texts built once at import, so that generating an item costs little beside a sink
_TITLES = _texts(257, 10, 1)
_SUMMARIES = _texts(263, 25, 2)
_PARAGRAPHS = _texts(269, 45, 3)


POOL = 4096    # distinct base items; every generated item is one of them with its own identity


def _base_items(count: int, start: int = 0, seed: int = 7) -> Iterator[dict]:
    from transforms.model import new_item
    for n in range(start, start + count):
        key = n * 2_654_435_761 + seed   # a cheap, deterministic spread of n
        domain = f'news{n % 20}.example.com'
        day = 1 + n % 28
        places = [_PLACES[(key >> s) % len(_PLACES)] for s in range(key % 4)]
        places = list({p[0]: p for p in places}.values())
        body = '\n\n'.join(_PARAGRAPHS[(key >> s) % len(_PARAGRAPHS)] for s in (0, 7, 13))
        item = new_item(
            id=f'{n:032x}', url=f'https://{domain}/a/{n}?utm_source=x',
            canonical_url=f'https://{domain}/a/{n}', guid=f'urn:{domain}:{n}',
            title=_TITLES[key % len(_TITLES)], title_original=None,
            summary=_SUMMARIES[key % len(_SUMMARIES)], body=body, language='en',
            languages={'body': 'en', 'title': 'en'},
            published=f'2024-12-{day:02d}T{n % 24:02d}:{n % 60:02d}:00Z', updated=None,
            ingested_at='2025-01-01T00:00:00Z', authors=[f'Reporter {n % 50}'],
            source={'name': f'News {n % 20}', 'domain': domain, 'kind': 'feed',
                    'location': f'https://{domain}/rss'},
            tags={'persons': [], 'organizations': [],
                  'places': [{'id': i, 'name': nm, 'country': c, 'coordinates': xy}
                             for i, nm, c, xy in places],
                  'topics': [{'id': i, 'name': nm} for i, nm in [_TOPICS[key % len(_TOPICS)]]],
                  'categories': []},
            dedup={'cluster_id': f'{n:032x}', 'duplicate_of': None, 'method': None,
                   'similarity': None, 'update': False},
            provenance={'input': f'https://{domain}/rss', 'format': 'rss20', 'entry': n % 25,
                        'parser': 'feedparser', 'run_id': 'bench',
                        'tags': [{'kind': 'places', 'id': i, 'rule': 'alias'}
                                 for i, *_ in places]})
        yield item


def generate_items(count: int, start: int = 0, seed: int = 7,
                   pool: list[dict] | None = None) -> Iterator[dict]:
    """``count`` realistic items, numbered from ``start``; the same ones for the same arguments.

    Texts, tags and sources come from a pool of :data:`POOL` base items built once per call
    (~1 s, or given), so that an item costs a few us beside the sink being measured; each item has
    its own id, URLs, guid, dates and cluster (a shallow copy: sinks must not change records).
    Bodies repeat every 4,096 items (~5 MB), beyond gzip's and zstd's default windows.
    """
    pool = pool or list(_base_items(POOL, 0, seed))
    for n in range(start, start + count):
        base = pool[n % POOL]
        domain = base['source']['domain']
        item = dict(base)
        item.update(id=f'{n:032x}', url=f'https://{domain}/a/{n}?utm_source=x',
                    canonical_url=f'https://{domain}/a/{n}', guid=f'urn:{domain}:{n}',
                    published=f'2024-{11 + n % 2}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00Z',
                    dedup={**base['dedup'], 'cluster_id': f'{n:032x}'})
        yield item


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _direct(target: Any, work: str, items: int, pool: list[dict]) -> int:
    from transforms.sink.files import FileFormat, _write_file
    from transforms.sink.write import write_with_retries
    if isinstance(target, FileFormat):
        return _write_file(target, os.path.join(work, 'items' + target.extension), 'items',
                           generate_items(items, pool=pool))
    target.setup()
    try:
        batch, written = [], 0
        for item in generate_items(items, pool=pool):
            batch.append(item)
            if len(batch) == BATCH:
                written += len(batch) - len(write_with_retries(
                    target, 'items', batch, max_attempts=5, backoff_seconds=1,
                    max_backoff_seconds=10))
                batch = []
        if batch:
            written += len(batch) - len(write_with_retries(
                target, 'items', batch, max_attempts=5, backoff_seconds=1,
                max_backoff_seconds=10))
        return written
    finally:
        target.teardown()


def _generate_fn():
    import apache_beam as beam

    class GenerateItems(beam.DoFn):
        """Items of a (start, count) span; the pool is built once per DoFn instance."""
        def setup(self):
            self.pool = list(_base_items(POOL))

        def process(self, span):
            yield from generate_items(span[1], span[0], pool=self.pool)
    return GenerateItems()


def _beam(target: Any, work: str, items: int, pool: list[dict]) -> int:
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions
    from transforms.sink.files import FileFormat, WriteFiles
    from transforms.sink.write import WriteToSink
    counts = os.path.join(work, 'counts')
    with beam.Pipeline(options=PipelineOptions(['--runner=DirectRunner'])) as p:
        spans = [(start, min(CHUNK, items - start)) for start in range(0, items, CHUNK)]
        generated = (p | 'Chunks' >> beam.Create(spans)
                     | 'Reshuffle' >> beam.Reshuffle()
                     | 'Generate' >> beam.ParDo(_generate_fn()))
        if isinstance(target, FileFormat):
            written = (generated | 'Write' >> WriteFiles(os.path.join(work, 'out'), 'items',
                                                          target, label='bench.items')
                       | 'Rows' >> beam.Map(lambda c: c[1]))
        else:
            written = ((generated | 'Write' >> WriteToSink(target, 'items', batch_size=BATCH))
                       ['counts'] | 'Written' >> beam.Filter(lambda c: c[0][2] == 'written')
                       | 'Rows' >> beam.Map(lambda c: c[1]))
        (written | 'Sum' >> beam.CombineGlobally(sum)
         | 'Save' >> beam.io.WriteToText(counts, shard_name_template=''))
    with open(counts, encoding='utf-8') as handle:
        return int(handle.read().strip() or 0)


def _one(name: str, mode: str, items: int) -> dict:
    """Measure one sink in this process; the parent runs this in a fresh subprocess."""
    case = next(c for c in CASES if c.name == name)
    with tempfile.TemporaryDirectory(prefix=f'bench-{name}-') as work:
        try:
            target = case.build(work)
            if hasattr(target, 'prepare'):
                target.prepare()
        except Skip as exc:
            return {'skipped': str(exc)}
        import apache_beam  # noqa: F401 -- imports count in the baseline, not in the sink
        pool = list(_base_items(POOL)) if mode == 'direct' else []
        baseline = _rss_mb()
        started = time.perf_counter()
        rows = (_direct if mode == 'direct' else _beam)(target, work, items, pool)
        seconds = time.perf_counter() - started
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(work) for f in fs)
    return {'rows': rows, 'seconds': round(seconds, 2), 'rows_per_s': round(rows / seconds),
            'peak_rss_mb': round(_rss_mb(), 1), 'rss_after_imports_mb': round(baseline, 1),
            'bytes_on_disk': size}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog='python -m benchmarks sinks')
    parser.add_argument('--items', type=int, default=100_000)
    parser.add_argument('--only', default='', help='comma-separated sink names')
    parser.add_argument('--mode', default='direct,beam', help='direct, beam or both')
    parser.add_argument('--one', help=argparse.SUPPRESS)   # NAME:MODE, in the subprocess
    args = parser.parse_args(argv)
    if args.one:
        name, mode = args.one.split(':')
        print(orjson.dumps(_one(name, mode, args.items)).decode())
        return {}
    names = [c.name for c in CASES]
    chosen = [n for n in args.only.split(',') if n] or names
    unknown = [n for n in chosen if n not in names]
    if unknown:
        raise SystemExit(f'unknown sink {unknown[0]!r}; choose from {", ".join(names)}')
    modes = [m for m in args.mode.split(',') if m]
    report: dict = {'items': args.items, 'sinks': {}}
    print(f'{"sink":<10} {"mode":<7} {"rows/s":>9} {"seconds":>8} {"peak MB":>8} '
          f'{"base MB":>8} {"MB out":>8}')
    for name in chosen:
        for mode in modes:
            proc = subprocess.run(
                [sys.executable, '-m', 'benchmarks.sinks', '--one', f'{name}:{mode}',
                 '--items', str(args.items)], capture_output=True, text=True,
                cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
            if proc.returncode != 0:
                result = {'failed': proc.stderr.strip().splitlines()[-1:] or ['?']}
            else:
                result = orjson.loads(proc.stdout.strip().splitlines()[-1])
            report['sinks'].setdefault(name, {})[mode] = result
            if 'rows_per_s' in result:
                print(f'{name:<10} {mode:<7} {result["rows_per_s"]:>9} {result["seconds"]:>8} '
                      f'{result["peak_rss_mb"]:>8} {result["rss_after_imports_mb"]:>8} '
                      f'{result["bytes_on_disk"] / 2 ** 20:>8.1f}', flush=True)
            else:
                print(f'{name:<10} {mode:<7} {result}', flush=True)
    return report


if __name__ == '__main__':
    main(sys.argv[1:])
