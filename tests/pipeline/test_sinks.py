"""Sinks chosen in config, in whole runs: Parquet and compressed, partitioned JSONL beside the
JSONL output; a user's sink component; a sink that is down; bad sink configs (docs/sinks.md)."""
import gzip
import os
import sqlite3
import textwrap

import duckdb
import pandas as pd
import orjson
import pyarrow.dataset as ds
import pytest
import zstandard

from pipeline.cli import main
from pipeline.config import REPO_ROOT, load_config
from pipeline.steps import resolve_sinks
from transforms.sink.parquet_schema import row_to_record

SAMPLES = [os.path.join(REPO_ROOT, 'samples', '*.*'), os.path.join(REPO_ROOT, 'samples', '*', '*')]

USER_SINKS = '''
import os
import sqlite3

from transforms.sink import Rejection, SinkUnavailable


class ItemDb:
    """A user's sink component (no newsbeam base class): upserts items by id into SQLite,
    refuses items whose title contains ``refuse``, is down while ``down_marker`` exists."""

    def __init__(self, path, refuse='', down_marker=''):
        self.path, self.refuse, self.down_marker = path, refuse, down_marker

    def setup(self):
        self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.conn.execute('CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, title TEXT)')
        self.conn.execute('CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, n INT)')

    def write_batch(self, items):
        if self.down_marker and os.path.exists(self.down_marker):
            raise SinkUnavailable('database is starting up')
        good = [i for i in items if not (self.refuse and self.refuse in (i['title'] or ''))]
        with self.conn:
            self.conn.executemany(
                'INSERT INTO items VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET title = '
                'excluded.title', [(i['id'], i['title']) for i in good])
        return [Rejection(i, 'refused_title', 'title not allowed') for i in items
                if i not in good]

    def teardown(self):
        self.conn.close()

    def record_run(self, summary):
        with sqlite3.connect(self.path) as conn:
            conn.execute('CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, n INT)')
            conn.execute('INSERT OR REPLACE INTO runs VALUES (?, ?)',
                         (summary['run_id'], summary['sinks']['itemdb']['items']))


class RefuseAll:
    """Refuses every record of every family it is given: (family, records) form."""
    families = ('duplicates', 'dead_letter')

    def setup(self):
        pass

    def write_batch(self, family, records):
        return [(r, 'no_' + family, 'refused') for r in records]

    def teardown(self):
        pass
'''


def _run(config, out, state, *extra):
    inputs = [arg for pattern in SAMPLES for arg in ('--input', pattern)]
    return main(['run', '--config', str(config), *inputs, '--output', str(out),
                 '--state', str(state), *extra])


def _jsonl(path):
    opener = gzip.open if str(path).endswith('.gz') else (
        zstandard.open if str(path).endswith('.zst') else open)
    with opener(path, 'rb') as handle:
        return [orjson.loads(line) for line in handle.read().splitlines() if line.strip()]


def _by_id(records):
    return {r['id']: r for r in records}


@pytest.mark.slow
def test_parquet_and_jsonl_sinks_hold_the_same_rows_as_the_jsonl_output(tmp_path, read_jsonl):
    config = tmp_path / 'lake.yaml'
    config.write_text(textwrap.dedent('''
        output:
          sinks:
            - use: parquet
              families: [items, duplicates, dead_letter]
              with: {partition_by: [published_date], row_group_rows: 5}
            - use: jsonl
              name: zst
              families: [items, duplicates]
              with: {compression: zstd, partition_by: [source_domain, published_date], shards: 2}
    '''))
    out = tmp_path / 'out'
    assert _run(config, out, tmp_path / 'state') == 0
    summary = orjson.loads((out / 'run.json').read_bytes())
    counts = summary['counts']
    items = _by_id(read_jsonl(out / 'items*.jsonl'))
    duplicates = _by_id(read_jsonl(out / 'duplicates*.jsonl'))
    dead = read_jsonl(out / 'dead_letter*.jsonl')
    assert summary['sinks'] == {
        'output': {'items': counts['items'], 'duplicates': counts['duplicates'],
                   'dead_letter': counts['dead_letter']},
        'parquet': {'items': counts['items'], 'duplicates': counts['duplicates'],
                    'dead_letter': counts['dead_letter']},
        'zst': {'items': counts['items'], 'duplicates': counts['duplicates']}}
    assert len(items) == counts['items'] > 10

    # pyarrow: every value as the JSONL has it, partition folders as published dates
    for family, expected in (('items', items), ('duplicates', duplicates)):
        table = ds.dataset(out / 'parquet' / family, format='parquet',
                           partitioning='hive').to_table()
        rows = table.to_pylist()
        assert {r['id']: row_to_record({k: v for k, v in r.items() if k != 'published_date'},
                                       family) for r in rows} == expected
        for row in rows:
            want = (row['published'].strftime('%Y-%m-%d') if row['published'] else 'unknown')
            assert str(row['published_date']) == want
        assert table.schema.metadata[b'newsbeam.schema_version'] == b'1'
    dead_rows = ds.dataset(out / 'parquet' / 'dead_letter', format='parquet').to_table()
    assert sorted(orjson.dumps(row_to_record(r, 'dead_letter'), option=orjson.OPT_SORT_KEYS)
                  for r in dead_rows.to_pylist()) == \
        sorted(orjson.dumps(d, option=orjson.OPT_SORT_KEYS) for d in dead)

    # DuckDB: the same rows and values, queried as an analyst would
    con = duckdb.connect()
    glob = str(out / 'parquet' / 'items' / '**' / '*.parquet')
    rows = con.execute(
        f"SELECT id, title, body, language, strftime(published AT TIME ZONE 'UTC', "
        f"'%Y-%m-%dT%H:%M:%SZ'), authors, source.domain, [t.name FOR t IN tags.places], "
        f"dedup.cluster_id, extra FROM read_parquet('{glob}', hive_partitioning = true)"
    ).fetchall()
    assert len(rows) == len(items)
    for (item_id, title, body, language, published, authors, domain, places, cluster,
         extra) in rows:
        item = items[item_id]
        assert (title, body, language, published, authors, domain, cluster) == (
            item['title'], item['body'], item['language'], item['published'], item['authors'],
            item['source']['domain'], item['dedup']['cluster_id'])
        assert places == [t['name'] for t in item['tags']['places']]
        assert orjson.loads(extra) == item['extra']
    russia = con.execute(
        f"SELECT count(*) FROM read_parquet('{glob}') WHERE list_contains("
        f"[t.id FOR t IN tags.places], 'Q159')").fetchone()[0]
    assert russia == sum(any(t['id'] == 'Q159' for t in i['tags']['places'])
                         for i in items.values())

    # pandas (through pyarrow): the same ids, titles and publication times
    frame = pd.read_parquet(out / 'parquet' / 'items')
    assert sorted(frame['id']) == sorted(items)
    for row in frame.itertuples():
        item = items[row.id]
        assert row.title == item['title']
        published = (None if pd.isna(row.published)
                     else row.published.strftime('%Y-%m-%dT%H:%M:%SZ'))
        assert published == item['published']

    # the zstd JSONL sink: the same records, Hive folders, at most 2 files per folder
    files = sorted((out / 'zst' / 'items').rglob('*.jsonl.zst'))
    assert all(p.parent.parent.name.startswith('source_domain=')
               and p.parent.name.startswith('published_date=') for p in files)
    assert _by_id(r for p in files for r in _jsonl(p)) == items
    assert not list(out.glob('beam-temp-*'))


@pytest.mark.slow
def test_a_user_sink_component_and_the_delivery_rule(tmp_path, read_jsonl, monkeypatch):
    """A class with setup/write_batch/teardown is written in batches; an item it refuses is a
    dead letter (stage sink), absent from items*.jsonl and not recorded as delivered: a later
    run that reads the input again offers it again, while the others are seen before."""
    (tmp_path / 'usersinks.py').write_text(USER_SINKS)
    monkeypatch.syspath_prepend(str(tmp_path))
    db = tmp_path / 'items.db'
    config = tmp_path / 'user.yaml'
    config.write_text(textwrap.dedent(f'''
        output:
          sinks:
            - use: usersinks:ItemDb
              name: itemdb
              batch_size: 4
              with: {{path: "{db}", refuse: "Nvidia"}}
    '''))
    state = tmp_path / 'state'
    assert _run(config, tmp_path / 'o1', state) == 0
    summary = orjson.loads((tmp_path / 'o1' / 'run.json').read_bytes())
    items = read_jsonl(tmp_path / 'o1' / 'items*.jsonl')
    refused = [d for d in read_jsonl(tmp_path / 'o1' / 'dead_letter*.jsonl')
               if d['error']['stage'] == 'sink']
    assert refused and all(d['error']['reason'] == 'refused_title' for d in refused)
    assert all(d['error']['message'] == 'itemdb: title not allowed' for d in refused)
    assert not any('Nvidia' in (i['title'] or '') for i in items)
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute('SELECT id, title FROM items').fetchall())
        assert conn.execute('SELECT n FROM runs').fetchall() == [(len(items),)]
    assert stored == {i['id']: i['title'] for i in items}
    assert summary['sinks']['itemdb'] == {'items': len(items)}
    assert summary['sinks_rejected'] == {'itemdb': {'items': len(refused)}}
    assert summary['dead_letter_by_reason']['sink.refused_title'] == len(refused)
    assert summary['retry_inputs'] == []   # refused for good: not read again by itself

    assert _run(config, tmp_path / 'o2', state, '--reread') == 0
    again = orjson.loads((tmp_path / 'o2' / 'run.json').read_bytes())
    assert again['counts']['seen_before'] >= len(items)
    assert again['counts']['items'] == 0
    assert again['dead_letter_by_reason']['sink.refused_title'] == len(refused)


@pytest.mark.slow
def test_a_sink_that_stays_down_fails_the_run_and_the_next_run_delivers(tmp_path, capsys,
                                                                        read_jsonl, monkeypatch):
    (tmp_path / 'usersinks.py').write_text(USER_SINKS)
    monkeypatch.syspath_prepend(str(tmp_path))
    db, marker = tmp_path / 'items.db', tmp_path / 'down'
    marker.write_text('')
    config = tmp_path / 'user.yaml'
    config.write_text(textwrap.dedent(f'''
        output:
          sinks:
            - use: usersinks:ItemDb
              name: itemdb
              max_attempts: 2
              with: {{path: "{db}", down_marker: "{marker}"}}
    '''))
    state = tmp_path / 'state'
    assert _run(config, tmp_path / 'o1', state) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err == ('newsbeam: the pipeline failed: sink itemdb unavailable after 2 attempts: '
                   'database is starting up')
    assert not (tmp_path / 'o1' / 'run.json').exists()
    marker.unlink()
    assert _run(config, tmp_path / 'o2', state) == 0
    items = read_jsonl(tmp_path / 'o2' / 'items*.jsonl')
    with sqlite3.connect(db) as conn:
        assert dict(conn.execute('SELECT id, title FROM items').fetchall()) == {
            i['id']: i['title'] for i in items}
    assert len(items) == orjson.loads((tmp_path / 'o2' / 'run.json').read_bytes())[
        'counts']['items'] > 10


@pytest.mark.parametrize('sinks,message', [
    ('[{use: nosuch}]', "output.sinks[0]: sink 'nosuch' is not a dotted path"),
    ('[{use: jsonl, with: {compression: lz4}}]',
     "output.sinks[0]: sink jsonl: with.compression: 'lz4' is not allowed"),
    ('[{use: parquet, with: {row_groups: 5}}]',
     'output.sinks[0]: sink parquet: unknown parameter with.row_groups'),
    ('[{use: parquet, families: [items, rows]}]',
     "output.sinks[0].families: 'rows' is not allowed"),
    ('[{use: parquet}, {use: parquet}]', "output.sinks[1].name: 'parquet' is taken"),
    ('[{use: "json:dumps"}]', "output.sinks[0].use: 'json:dumps' is not a sink class"),
    ('[{use: parquet, batch_size: 0}]', 'output.sinks[0].batch_size: expected a whole number'),
])
def test_a_bad_sink_config_is_a_one_line_usage_error(tmp_path, capsys, sinks, message):
    config = tmp_path / 'bad.yaml'
    config.write_text(f'output:\n  sinks: {sinks}\n')
    assert main(['validate', str(config)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and '\n' not in err
    assert _run(config, tmp_path / 'out', tmp_path / 'state') == 2
    assert message in capsys.readouterr().err


def test_shipped_parquet_config_resolves():
    config = load_config(os.path.join(REPO_ROOT, 'configs', 'parquet.yaml'))
    [parquet] = resolve_sinks(config.output.sinks)
    assert parquet.is_file and parquet.name == 'parquet'
    assert parquet.families == ('items', 'duplicates')
    assert parquet.sink.partition_by == ('published_date',)
    local = load_config(os.path.join(REPO_ROOT, 'configs', 'local.yaml'))
    assert local.output.sinks == ()


@pytest.mark.slow
def test_shipped_parquet_config_runs(tmp_path, read_jsonl):
    out = tmp_path / 'out'
    assert main(['run', '--config', os.path.join(REPO_ROOT, 'configs', 'parquet.yaml'),
                 '--output', str(out), '--state', str(tmp_path / 'state')]) == 0
    summary = orjson.loads((out / 'run.json').read_bytes())
    items = _by_id(read_jsonl(out / 'items*.jsonl'))
    assert summary['sinks']['parquet'] == {'items': len(items),
                                           'duplicates': summary['counts']['duplicates']}
    table = ds.dataset(out / 'parquet' / 'items', format='parquet', partitioning='hive')
    assert sorted(table.to_table(columns=['id']).column('id').to_pylist()) == sorted(items)
    assert all(p.parent.name.startswith('published_date=')
               for p in (out / 'parquet' / 'items').rglob('*.parquet'))


@pytest.mark.slow
def test_refused_duplicates_become_dead_letters_and_refused_dead_letters_are_counted(
        tmp_path, read_jsonl, monkeypatch):
    (tmp_path / 'usersinks.py').write_text(USER_SINKS)
    monkeypatch.syspath_prepend(str(tmp_path))
    config = tmp_path / 'refuse.yaml'
    config.write_text('output:\n  sinks: [{use: "usersinks:RefuseAll", name: refuser}]\n')
    assert _run(config, tmp_path / 'o1', tmp_path / 'state') == 0
    summary = orjson.loads((tmp_path / 'o1' / 'run.json').read_bytes())
    counts, by_reason = summary['counts'], summary['dead_letter_by_reason']
    refused_dups = by_reason['sink.no_duplicates']
    assert refused_dups >= 1 and counts['duplicates'] == 0 and summary['balanced']
    assert read_jsonl(tmp_path / 'o1' / 'duplicates*.jsonl') == []
    assert len(read_jsonl(tmp_path / 'o1' / 'dead_letter*.jsonl')) == counts['dead_letter']
    assert summary['sinks']['refuser'] == {'duplicates': 0, 'dead_letter': 0}
    assert summary['sinks_rejected']['refuser'] == {'duplicates': refused_dups,
                                               'dead_letter': counts['dead_letter']}


@pytest.mark.slow
def test_a_sink_class_as_a_sink_step(tmp_path, read_jsonl, monkeypatch):
    (tmp_path / 'usersinks.py').write_text(USER_SINKS)
    monkeypatch.syspath_prepend(str(tmp_path))
    db = tmp_path / 'items.db'
    config = tmp_path / 'step.yaml'
    config.write_text(f'steps: [{{stage: sink, use: "usersinks:ItemDb", name: itemdb, '
                      f'with: {{path: "{db}"}}}}]\n')
    assert _run(config, tmp_path / 'o1', tmp_path / 'state') == 0
    items = read_jsonl(tmp_path / 'o1' / 'items*.jsonl')
    with sqlite3.connect(db) as conn:
        assert dict(conn.execute('SELECT id, title FROM items').fetchall()) == {
            i['id']: i['title'] for i in items}
        assert conn.execute('SELECT n FROM runs').fetchall() == [(len(items),)]
    summary = orjson.loads((tmp_path / 'o1' / 'run.json').read_bytes())
    assert summary['sinks']['itemdb'] == {'items': len(items)}
    assert summary['steps'] == [{'stage': 'sink', 'use': 'usersinks:ItemDb', 'name': 'itemdb'}]


def test_a_sink_class_only_joins_the_sink_stage(tmp_path, capsys, monkeypatch):
    (tmp_path / 'usersinks.py').write_text(USER_SINKS)
    monkeypatch.syspath_prepend(str(tmp_path))
    config = tmp_path / 'bad.yaml'
    config.write_text('steps: [{stage: tag, use: "usersinks:RefuseAll"}]\n')
    assert main(['validate', str(config)]) == 2
    assert 'a sink class can only be a sink step, not a tag step' in capsys.readouterr().err
    config.write_text('steps: [{stage: sink, use: "usersinks:ItemDb", with: {table: x}}]\n')
    assert main(['validate', str(config)]) == 2
    err = capsys.readouterr().err
    assert 'unknown parameter with.table; allowed: down_marker, path, refuse' in err
