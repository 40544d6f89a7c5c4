"""Deduplication benchmark: quality against a labeled corpus, beside datasketch; throughput; memory.

Run ``python -m benchmarks.dedup`` (a full run takes a few minutes on 2 cores); ``--items 10000``
for a quick one. Reports:

* pairwise precision, recall and F1 on the labeled corpus of :mod:`benchmarks.dedup_corpus`
  (``--stories`` stories, a few thousand items) for our method, for our exact stage alone, and for
  datasketch's ``MinHashLSH`` at its common settings (128 permutations, word 5-grams, threshold 0.5
  and 0.8), read two ways: every LSH hit is a duplicate pair, and the clusters those hits form
  (connected components). For us a pair is predicted when both items end in one cluster (our
  ``dedup.cluster_id``);
* throughput of our in-memory engine (the same plain functions the Beam transform runs) on
  ``--items`` items while it writes the SQLite index, the index size per indexed story and the
  process's peak memory growth per item;
* with ``--beam-items N``, the throughput of the ``DeduplicateItems`` transform on the
  DirectRunner for N items, with a fresh SQLite state directory (``--beam-state none``: without
  an index); ``--beam-shards`` sets the transform's shard count (default
  :data:`transforms.dedup.transform.SHARDS`);
* with ``--sweep``, P/R/F1 and candidate pairs for other shingle sizes and LSH bandings, and an
  ablation of each other setting (how the defaults in :class:`~transforms.dedup.DedupSettings`
  were chosen).
"""
from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import resource
import tempfile
import time
from typing import Iterable

from benchmarks.dedup_corpus import generate, true_pairs
from transforms.dedup.engine import deduplicate
from transforms.dedup.settings import DedupSettings
from transforms.state import SQLiteStateStore, StateConfig

__all__ = ['main', 'pairwise_scores', 'datasketch_clusters']


def _clusters_to_pairs(clusters: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    pairs = set()
    for ids in clusters:
        ids = sorted(ids)
        pairs.update(itertools.combinations(ids, 2))
    return pairs


def pairwise_scores(predicted: set, truth: set) -> dict:
    hit = len(predicted & truth)
    precision = hit / len(predicted) if predicted else 1.0
    recall = hit / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {'precision': round(precision, 4), 'recall': round(recall, 4), 'f1': round(f1, 4),
            'predicted_pairs': len(predicted), 'true_pairs': len(truth),
            'false_pairs': len(predicted - truth), 'missed_pairs': len(truth - predicted)}


def _our_pairs(items: list[dict], settings: DedupSettings, stats: dict | None = None) -> set:
    kept, dups = deduplicate(items, settings, stats=stats)
    clusters: dict[str, list[str]] = {}
    for item in kept + dups:
        clusters.setdefault(item['dedup']['cluster_id'], []).append(item['id'])
    return _clusters_to_pairs(clusters.values())


def datasketch_clusters(items: list[dict], threshold: float, num_perm: int = 128,
                        ngram: int = 5) -> tuple[set, list[list[str]]]:
    """The common datasketch recipe: word n-gram MinHash over title and body, MinHashLSH query.

    Returns the LSH hit pairs themselves and the clusters they form (connected components).
    """
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches = {}
    for item in items:
        words = ((item.get('title') or '') + ' ' + (item.get('body') or item.get('summary') or '')
                 ).lower().split()
        grams = {' '.join(words[i:i + ngram]) for i in range(max(1, len(words) - ngram + 1))}
        m = MinHash(num_perm=num_perm)
        m.update_batch([g.encode('utf-8') for g in grams])
        sketches[item['id']] = m
        lsh.insert(item['id'], m)
    parent = {i: i for i in sketches}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    hits = set()
    for item_id, m in sketches.items():
        for other in lsh.query(m):
            if other != item_id:
                hits.add((item_id, other) if item_id < other else (other, item_id))
            a, b = find(item_id), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    clusters: dict[str, list[str]] = {}
    for i in sketches:
        clusters.setdefault(find(i), []).append(i)
    return hits, list(clusters.values())


def _corpus_of_size(n_items: int, seed: int) -> list[dict]:
    stories = max(10, int(n_items / 2.4))
    items, _ = generate(stories, seed=seed)
    while len(items) < n_items:
        stories = int(stories * 1.2) + 10
        items, _ = generate(stories, seed=seed)
    return items[:n_items]


def _quality(args, settings: DedupSettings, report: dict) -> None:
    items, labels = generate(args.stories, seed=args.seed)
    truth = true_pairs(labels)
    print(f'quality corpus: {len(items)} items, {len(truth)} true duplicate pairs '
          f'(seed {args.seed})')
    rows = {}
    stats: dict = {}
    t0 = time.perf_counter()
    rows['newsbeam'] = pairwise_scores(_our_pairs(items, settings, stats), truth)
    rows['newsbeam']['seconds'] = round(time.perf_counter() - t0, 2)
    rows['newsbeam']['candidate_pairs'] = stats.get('candidate_pairs')
    t0 = time.perf_counter()
    rows['newsbeam exact only'] = pairwise_scores(
        _our_pairs(items, dataclasses.replace(settings, near=False)), truth)
    rows['newsbeam exact only']['seconds'] = round(time.perf_counter() - t0, 2)
    if not args.skip_baseline:
        for threshold in (0.5, 0.8):
            t0 = time.perf_counter()
            hits, clusters = datasketch_clusters(items, threshold)
            seconds = round(time.perf_counter() - t0, 2)
            name = f'datasketch t={threshold} LSH hits'
            rows[name] = {**pairwise_scores(hits, truth), 'seconds': seconds}
            name = f'datasketch t={threshold} clusters'
            rows[name] = {**pairwise_scores(_clusters_to_pairs(clusters), truth),
                          'seconds': seconds}
    print(f'{"method":<34}{"precision":>10}{"recall":>9}{"F1":>9}{"false":>8}{"missed":>8}'
          f'{"seconds":>9}')
    for name, row in rows.items():
        print(f'{name:<34}{row["precision"]:>10.4f}{row["recall"]:>9.4f}{row["f1"]:>9.4f}'
              f'{row["false_pairs"]:>8}{row["missed_pairs"]:>8}{row["seconds"]:>9}')
    report['quality'] = rows

    if args.sweep:
        sweep = {}
        print('\nsweep (same corpus): shingle size and LSH banding')
        print(f'{"word_shingle":>12}{"bands":>7}{"rows":>6}{"precision":>10}{"recall":>9}'
              f'{"F1":>9}{"cand_pairs":>11}{"seconds":>9}')
        for shingle, (bands, rows_) in itertools.product(
                (3, 4, 5), ((16, 8), (32, 4), (64, 2), (20, 5))):
            s = dataclasses.replace(settings, word_shingle=shingle, bands=bands, rows=rows_,
                                    num_perm=bands * rows_)
            st: dict = {}
            t0 = time.perf_counter()
            row = pairwise_scores(_our_pairs(items, s, st), truth)
            row['seconds'] = round(time.perf_counter() - t0, 2)
            row['candidate_pairs'] = st['candidate_pairs']
            sweep[f'w{shingle} b{bands} r{rows_}'] = row
            print(f'{shingle:>12}{bands:>7}{rows_:>6}{row["precision"]:>10.4f}'
                  f'{row["recall"]:>9.4f}{row["f1"]:>9.4f}{row["candidate_pairs"]:>11}'
                  f'{row["seconds"]:>9}')
        report['sweep'] = sweep

        print('\nablation (same corpus): each line changes one setting of the defaults')
        print(f'{"variant":<44}{"precision":>10}{"recall":>9}{"F1":>9}{"false":>8}'
              f'{"missed":>8}')
        ablation = {}
        for name, changes in (
                ('defaults', {}),
                ('no boilerplate removal', {'boilerplate_min_items': 10**9}),
                ('no anchor keys', {'anchor_sentences': 0}),
                ('no containment path', {'containment_threshold': 1.0}),
                ('no title guard (Jaccard 0.6 always)', {'jaccard_threshold_other_title': 0.6}),
                ('jaccard_threshold 0.5', {'jaccard_threshold': 0.5}),
                ('jaccard_threshold 0.7', {'jaccard_threshold': 0.7}),
                ('containment_threshold 0.8', {'containment_threshold': 0.8}),
                ('containment_threshold 0.9', {'containment_threshold': 0.9}),
                ('title_threshold 0.2', {'title_threshold': 0.2}),
                ('title_threshold 0.5', {'title_threshold': 0.5})):
            row = pairwise_scores(_our_pairs(items, dataclasses.replace(settings, **changes)),
                                  truth)
            ablation[name] = row
            print(f'{name:<44}{row["precision"]:>10.4f}{row["recall"]:>9.4f}{row["f1"]:>9.4f}'
                  f'{row["false_pairs"]:>8}{row["missed_pairs"]:>8}')
        report['ablation'] = ablation


def _throughput(args, settings: DedupSettings, report: dict) -> None:
    """One in-memory run over ``--items`` items that also writes the SQLite index."""
    items = _corpus_of_size(args.items, args.seed + 1)
    chars = sum(len(i.get('body') or '') for i in items) / len(items)
    print(f'\nthroughput corpus: {len(items)} items, {chars:.0f} body characters on average')
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stats: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStateStore.in_directory(tmp)
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            kept, dups = deduplicate(items, settings, store=store, run_id='bench', stats=stats)
            elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        finally:
            store.close()
        db_bytes = sum(os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp))
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    row = {
        'items': len(items), 'unique': len(kept), 'duplicates': len(dups),
        'seconds': round(elapsed, 2),
        'items_per_s': round(len(items) / elapsed),
        'cpu_us_per_item': round(cpu / len(items) * 1e6),
        'indexed_stories': stats['indexed'],
        'index_bytes_per_indexed_story': round(db_bytes / max(1, stats['indexed'])),
        'index_bytes_per_item': round(db_bytes / len(items)),
        'peak_rss_growth_kb_per_item': round(max(0, rss1 - rss0) / len(items), 2),
    }
    for key, value in row.items():
        print(f'  {key:<34}{value}')
    report['throughput'] = row


def _beam_throughput(args, settings: DedupSettings, report: dict) -> None:
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from transforms.context import RunContext
    from transforms.dedup import DeduplicateItems
    from transforms.dedup.transform import SHARDS
    from transforms.model import item_from_json, to_json_line

    items = _corpus_of_size(args.beam_items, args.seed + 2)
    run = RunContext(run_id='bench', started_at='2025-04-01T00:00:00Z')
    argv = (['--direct_num_workers=2', '--direct_running_mode=multi_processing']
            if args.beam_workers == 2 else [])
    shards = args.beam_shards or SHARDS
    row = {'items': len(items), 'workers': args.beam_workers, 'state': args.beam_state,
           'shards': shards}
    with tempfile.TemporaryDirectory() as tmp:
        state = StateConfig(dir=os.path.join(tmp, 'state')) if args.beam_state == 'sqlite' \
            else None
        path = os.path.join(tmp, 'items.jsonl')
        with open(path, 'w', encoding='utf-8') as out:
            out.writelines(to_json_line(item) + '\n' for item in items)
        # the floor: reading and parsing the same items, no dedup
        for name, dedup in (('read_only', False), ('dedup', True)):
            t0, c0 = time.perf_counter(), time.process_time()
            with beam.Pipeline(options=PipelineOptions(argv)) as p:
                parsed = (p | 'Read' >> beam.io.ReadFromText(path)
                          | 'Parse' >> beam.Map(item_from_json))
                if dedup:
                    parsed = (parsed | DeduplicateItems(settings, state, run,
                                                        shards=shards))['items']
                _ = parsed | 'Count' >> beam.combiners.Count.Globally()
            row[f'{name}_seconds'] = round(time.perf_counter() - t0, 2)
            row[f'{name}_cpu_seconds_this_process'] = round(time.process_time() - c0, 2)
    row['dedup_items_per_s'] = round(len(items) / row['dedup_seconds'])
    row['dedup_items_per_s_above_floor'] = round(
        len(items) / max(0.01, row['dedup_seconds'] - row['read_only_seconds']))
    print(f'\nBeam DirectRunner (DeduplicateItems on a JSONL file): {row}')
    report['beam'] = row


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog='python -m benchmarks.dedup',
                                     description=__doc__.split('\n')[0])
    parser.add_argument('--stories', type=int, default=1200,
                        help='stories in the labeled quality corpus (about 2.5 items each)')
    parser.add_argument('--items', type=int, default=100_000,
                        help='items for the throughput and memory run (0 to skip)')
    parser.add_argument('--beam-items', type=int, default=0,
                        help='items for a DirectRunner run of the transform (0 to skip)')
    parser.add_argument('--beam-workers', type=int, default=1, choices=(1, 2))
    parser.add_argument('--beam-shards', type=int, default=0,
                        help='shards of the transform\'s keyed steps (0: its default)')
    parser.add_argument('--beam-state', default='sqlite', choices=('sqlite', 'none'),
                        help='index the Beam run keeps: a fresh SQLite state directory (the '
                             'production set-up: lookups and index writes included) or none')
    parser.add_argument('--seed', type=int, default=7)
    parser.add_argument('--sweep', action='store_true', help='also sweep shingle size and banding')
    parser.add_argument('--skip-baseline', action='store_true', help='do not run datasketch')
    args = parser.parse_args(argv)
    settings = DedupSettings()
    report: dict = {'settings': dataclasses.asdict(settings)}
    _quality(args, settings, report)
    if args.items:
        _throughput(args, settings, report)
    if args.beam_items:
        _beam_throughput(args, settings, report)
    return report


if __name__ == '__main__':
    main()
