"""Whole runs with the database sinks (SQLite, PostgreSQL on 127.0.0.1:5432) and ``newsbeam db``.

The runs go through ``pipeline.cli.main`` in-process, on the bundled samples or on inputs the
test writes; PostgreSQL tests use a schema of their own, dropped afterwards, and skip with the
reason when no server answers. What is checked: the rows equal the JSONL outputs, a re-run (same
state, fresh state) leaves the same rows, a refused row is a dead letter while the rest lands, a
database lost mid-run fails the run (exit 1) and the next run delivers every story once, the
schema commands, and that no password leaves the environment.
"""
from __future__ import annotations

import glob
import json
import os
import random
import shutil
import socket
import sqlite3
import uuid

import orjson
import pytest

from pipeline.cli import main
from pipeline.config import REPO_ROOT
from transforms.sink.migrations import latest_version

SAMPLES = os.path.join(REPO_ROOT, 'samples')
PG_HOST, PG_PORT = '127.0.0.1', 5432
PG_URL = f'postgresql://postgres@{PG_HOST}:{PG_PORT}/test'
# trust authentication ignores it, so runs connect; it must never show up anywhere
PG_URL_WITH_PASSWORD = f'postgresql://postgres:never-shown-9f2c@{PG_HOST}:{PG_PORT}/test'
PASSWORD = 'never-shown-9f2c'
# columns a re-delivery rewrites (which run, when): left out when rows are compared
RUN_TIME = ('ingested_at', 'provenance', 'record', 'run_id', 'first_run_id', 'written_at',
            'first_written_at')
STORY_COLUMNS = ('id', 'url', 'canonical_url', 'guid', 'title', 'title_original', 'summary',
                 'body', 'language', 'published', 'updated', 'authors', 'source_domain', 'tags',
                 'dedup')


def _pg_running() -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=1):
            pass
        import psycopg
        psycopg.connect(PG_URL, connect_timeout=3).close()
        return True
    except Exception:
        return False


@pytest.fixture
def pg(monkeypatch):
    """``(schema, query)``: a fresh schema on the test PostgreSQL (DATABASE_URL holds a URL
    with a password), dropped afterwards; ``query(sql)`` with ``{s}`` for the schema."""
    if not _pg_running():
        pytest.skip(f'no PostgreSQL answers on {PG_HOST}:{PG_PORT} (user postgres, db test)')
    import psycopg
    schema = f'nbtest_{uuid.uuid4().hex[:12]}'
    monkeypatch.setenv('DATABASE_URL', PG_URL_WITH_PASSWORD)

    def query(sql, params=None):
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            cur = conn.execute(sql.replace('{s}', f'"{schema}"'), params)
            return cur.fetchall() if cur.description else []
    yield schema, query
    query('DROP SCHEMA IF EXISTS {s} CASCADE')


def _config(tmp_path, sink: str, inputs=None, steps: str = '', extra: str = '') -> str:
    inputs = inputs or [os.path.join(SAMPLES, '*.*'), os.path.join(SAMPLES, '*', '*')]
    path = tmp_path / 'newsbeam.yaml'
    path.write_text(f"""inputs:
  files: {json.dumps(inputs)}
output:
  dir: '{tmp_path}/runs/{{run_id}}'
  sinks:
{sink}
state:
  dir: {tmp_path}/state
{steps}{extra}""")
    return str(path)


def _run(config: str, *args: str) -> int:
    return main(['run', '--config', config, *args])


def _completed(tmp_path) -> list[str]:
    """The completed run directories, oldest first (the ``latest`` link is not another run)."""
    return sorted({os.path.realpath(os.path.dirname(p))
                   for p in glob.glob(f'{tmp_path}/runs/*/run.json')})


def _summary(run_dir: str) -> dict:
    with open(os.path.join(run_dir, 'run.json'), 'rb') as handle:
        return orjson.loads(handle.read())


def _jsonl(run_dir: str, family: str) -> list[dict]:
    rows = []
    for path in sorted(glob.glob(os.path.join(run_dir, f'{family}*.jsonl'))):
        with open(path, 'rb') as handle:
            rows += [orjson.loads(line) for line in handle if line.strip()]
    return rows


def _normalised(rows: list[tuple], names: tuple[str, ...]) -> list[tuple]:
    """Rows as comparable tuples (JSON text parsed, times as text)."""
    out = []
    for row in rows:
        values = []
        for name, value in zip(names, row):
            if isinstance(value, str) and name in ('authors', 'tags', 'dedup'):
                value = json.loads(value)
            elif hasattr(value, 'isoformat'):
                value = value.isoformat()
            values.append(json.dumps(value, sort_keys=True, default=str))
        out.append(tuple(values))
    return sorted(out)


def _sqlite(path: str):
    def query(sql, params=()):
        with sqlite3.connect(path) as conn:
            return conn.execute(sql.replace('{s}.', ''), params).fetchall()
    return query


def _check_rows_equal_jsonl(query, run_dir: str) -> None:
    summary = _summary(run_dir)
    items, dups, dead = (_jsonl(run_dir, f) for f in ('items', 'duplicates', 'dead_letter'))
    assert sorted(r[0] for r in query('SELECT id FROM {s}.items')) == sorted(i['id']
                                                                           for i in items)
    assert sorted(r[0] for r in query('SELECT id FROM {s}.duplicates')) == sorted(
        d['id'] for d in dups)
    assert query('SELECT count(*) FROM {s}.dead_letter')[0][0] == len(dead)
    tags = sum(len({(k, t.get('id') or t.get('name')) for k, ts in i['tags'].items()
                    for t in ts if t.get('id') or t.get('name')}) for i in items)
    assert query('SELECT count(*) FROM {s}.item_tags')[0][0] == tags
    counts = summary['counts']
    assert (counts['items'], counts['duplicates'], counts['dead_letter']) == (
        len(items), len(dups), len(dead))


def _stories(query) -> list[tuple]:
    return _normalised(query(f'SELECT {", ".join(STORY_COLUMNS)} FROM {{s}}.items'),
                       STORY_COLUMNS)


# a whole run, again with the same state, again with a fresh one -------------------------------
def _rerun_leaves_the_same_rows(tmp_path, config: str, query, sink_name: str) -> None:
    assert _run(config) == 0
    first = _completed(tmp_path)[0]
    _check_rows_equal_jsonl(query, first)
    assert _summary(first)['sinks'][sink_name] == _summary(first)['sinks']['output']
    stories = _stories(query)
    dead = sorted(query('SELECT key, stage, reason, location FROM {s}.dead_letter'))
    dups = _normalised(query(f'SELECT {", ".join(STORY_COLUMNS)} FROM {{s}}.duplicates'),
                       STORY_COLUMNS)

    assert _run(config) == 0                                   # the same state: nothing new
    assert _summary(_completed(tmp_path)[1])['counts']['items'] == 0
    assert _stories(query) == stories

    assert _run(config, '--state', str(tmp_path / 'fresh-state')) == 0   # everything again
    third = _completed(tmp_path)[-1]
    assert _summary(third)['counts']['items'] == _summary(first)['counts']['items']
    assert _stories(query) == stories
    assert sorted(query('SELECT key, stage, reason, location FROM {s}.dead_letter')) == dead
    assert _normalised(query(f'SELECT {", ".join(STORY_COLUMNS)} FROM {{s}}.duplicates'),
                       STORY_COLUMNS) == dups
    run_ids = sorted(r[0] for r in query('SELECT run_id FROM {s}.runs'))
    assert run_ids == sorted(_summary(d)['run_id'] for d in _completed(tmp_path))


@pytest.mark.slow
def test_sqlite_sink_rows_match_the_jsonl_and_reruns_change_nothing(tmp_path):
    db = tmp_path / 'db' / 'news.sqlite'
    config = _config(tmp_path, '    - use: sqlite\n      with: {path: db/news.sqlite}')
    _rerun_leaves_the_same_rows(tmp_path, config, _sqlite(str(db)), 'sqlite')


@pytest.mark.slow
@pytest.mark.service
def test_postgres_sink_rows_match_the_jsonl_and_no_password_leaks(tmp_path, pg, capsys,
                                                                    caplog):
    schema, query = pg
    caplog.set_level('DEBUG')
    config = _config(tmp_path, f'    - use: postgres\n      name: pg\n      with: '
                               f'{{schema: {schema}}}')
    _rerun_leaves_the_same_rows(tmp_path, config, query, 'pg')
    # the password in DATABASE_URL reached nothing a person or a program reads
    seen = capsys.readouterr()
    assert PASSWORD not in seen.out + seen.err + caplog.text
    for path in glob.glob(f'{tmp_path}/runs/**/*', recursive=True):
        if os.path.isfile(path):
            with open(path, 'rb') as handle:
                assert PASSWORD.encode() not in handle.read(), path
    assert not query("SELECT 1 FROM {s}.runs WHERE summary::text LIKE %s", (f'%{PASSWORD}%',))


@pytest.mark.slow
def test_the_shipped_sqlite_config_runs(tmp_path):
    """configs/sqlite.yaml as shipped, in a copy of the repository layout (configs/, samples/)."""
    (tmp_path / 'configs').mkdir()
    shutil.copy(os.path.join(REPO_ROOT, 'configs', 'sqlite.yaml'), tmp_path / 'configs')
    os.symlink(SAMPLES, tmp_path / 'samples')
    config = str(tmp_path / 'configs' / 'sqlite.yaml')
    assert main(['db', 'upgrade', '--config', config]) == 0
    assert _run(config) == 0
    runs = {os.path.realpath(os.path.dirname(p))
            for p in glob.glob(f'{tmp_path}/out/sqlite/*/run.json')}
    assert len(runs) == 1
    _check_rows_equal_jsonl(_sqlite(str(tmp_path / 'out' / 'news.sqlite')), runs.pop())


@pytest.mark.slow
def test_the_shipped_postgres_config_is_valid(monkeypatch, capsys):
    monkeypatch.setenv('DATABASE_URL', PG_URL_WITH_PASSWORD)
    assert main(['validate', os.path.join(REPO_ROOT, 'configs', 'postgres.yaml')]) == 0
    assert PASSWORD not in capsys.readouterr().out


# a refused row ---------------------------------------------------------------------------------
_STEPS_MODULE = '''
def nul_in_extra(item, marker):
    """A normalize step that puts a NUL character into extra of the items whose title has
    the marker: PostgreSQL refuses such a row."""
    if marker in (item.get('title') or ''):
        item = dict(item, extra={**item.get('extra', {}), 'note': 'a NUL \\x00 here'})
    return item
'''


def _write_items(path, n: int, prefix: str = 'Story') -> None:
    """``n`` distinct stories (no two alike enough to be duplicates) as a JSONL file."""
    rng = random.Random(n)
    with open(path, 'w', encoding='utf-8') as handle:
        for i in range(n):
            handle.write(json.dumps({
                'id': f'{prefix.lower()}-{i}', 'url': f'https://example.org/{prefix.lower()}/{i}',
                'title': f'{prefix} {i}: harbour number {i * 7919 % 1000} reopens',
                'body': f'{prefix} {i}. ' + ' '.join(f'w{rng.randrange(50_000)}'
                                                    for _ in range(80)),
                'published': '2024-12-06T06:34:00Z', 'source': 'Example Wire'}) + '\n')


@pytest.mark.slow
@pytest.mark.service
def test_a_row_postgres_refuses_is_a_dead_letter_and_the_rest_lands(tmp_path, pg,
                                                                      monkeypatch):
    schema, query = pg
    (tmp_path / 'nb_db_steps.py').write_text(_STEPS_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    _write_items(tmp_path / 'items.jsonl', 12)
    config = _config(tmp_path, f'    - use: postgres\n      name: pg\n      batch_size: 5\n'
                               f'      with: {{schema: {schema}}}',
                     inputs=[str(tmp_path / 'items.jsonl')],
                     steps='steps:\n  - {stage: normalize, use: "nb_db_steps:nul_in_extra", '
                           'with: {marker: "Story 7:"}}\n')
    assert _run(config) == 0
    run = _completed(tmp_path)[0]
    summary, dead = _summary(run), _jsonl(run, 'dead_letter')
    refused = [d for d in dead if d['error']['reason'] == 'sink_rejected']
    assert len(refused) == 1 and refused[0]['input']['excerpt'].startswith('Story 7:')
    assert refused[0]['error']['stage'] == 'sink'
    assert 'the database refused the row' in refused[0]['error']['message']
    assert summary['counts']['items'] == 11 and summary['balanced']
    assert summary['sinks_rejected']['pg'] == {'items': 1}
    items = _jsonl(run, 'items')
    assert sorted(r[0] for r in query('SELECT id FROM {s}.items')) == sorted(i['id']
                                                                           for i in items)
    assert sorted(r[0] for r in query('SELECT guid FROM {s}.items')) == sorted(
        f'story-{i}' for i in range(12) if i != 7)


# a database lost mid-run -------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.service
def test_a_database_lost_mid_run_fails_the_run_and_the_next_run_delivers_every_story_once(
        tmp_path, pg, capsys):
    schema, query = pg
    _write_items(tmp_path / 'items.jsonl', 40)
    config = _config(tmp_path, f'    - use: postgres\n      name: pg\n      batch_size: 5\n'
                               f'      max_attempts: 2\n      with: {{schema: {schema}}}',
                     inputs=[str(tmp_path / 'items.jsonl')])
    assert main(['db', 'upgrade', '--config', config]) == 0
    # once more than 5 items are stored, every insert into items terminates its own backend
    # (pg_terminate_backend): the first batch commits, every later one loses its connection,
    # and so does every retry on a new connection
    query("""CREATE FUNCTION {s}.go_away() RETURNS trigger AS $$
             BEGIN
               IF (SELECT count(*) FROM {s}.items) > 5 THEN
                 PERFORM pg_terminate_backend(pg_backend_pid());
               END IF;
               RETURN NULL;
             END $$ LANGUAGE plpgsql""")
    query('CREATE TRIGGER go_away AFTER INSERT ON {s}.items FOR EACH STATEMENT '
          'EXECUTE FUNCTION {s}.go_away()')
    capsys.readouterr()
    assert _run(config) == 1
    err = capsys.readouterr().err
    last = [line for line in err.splitlines() if line.startswith('newsbeam:')]
    assert len(last) == 1 and 'pg' in last[0] and 'administrator command' in last[0]
    assert PASSWORD not in err
    assert _completed(tmp_path) == []                       # no run completed
    assert query('SELECT count(*) FROM {s}.items')[0][0] == 5   # whole batches only
    assert query('SELECT count(*) FROM {s}.runs')[0][0] == 0

    query('DROP TRIGGER go_away ON {s}.items')                 # the database is back
    assert _run(config) == 0
    runs = _completed(tmp_path)
    assert len(runs) == 1
    delivered = [i['id'] for i in _jsonl(runs[0], 'items')]
    assert len(delivered) == len(set(delivered)) == 40        # every story, once
    assert _summary(runs[0])['counts']['duplicates'] == 0
    assert sorted(r[0] for r in query('SELECT id FROM {s}.items')) == sorted(delivered)
    assert query('SELECT count(*) FROM {s}.runs')[0][0] == 1


# configuration and the db command ---------------------------------------------------------------
@pytest.mark.slow
def test_a_password_in_the_config_is_refused_with_one_line(tmp_path, capsys):
    config = _config(tmp_path, '    - use: postgres\n      with: {url: "postgresql://u:'
                               'hunter2@db.example/news"}')
    for argv in (['run', '--config', config], ['db', 'upgrade', '--config', config],
                 ['validate', config]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert 'hunter2' not in err and len(err.strip().splitlines()) == 1
        assert 'password' in err


@pytest.mark.slow
def test_a_missing_database_url_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv('NB_TEST_MISSING_URL', raising=False)
    config = _config(tmp_path, '    - use: postgres\n      with: {url_env: NB_TEST_MISSING_URL}',
                     inputs=[os.path.join(SAMPLES, 'items', '*')])
    assert _run(config) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith('newsbeam: ') and 'NB_TEST_MISSING_URL is not set' in err[-1]
    assert main(['db', 'upgrade', '--config', config]) == 2


@pytest.mark.slow
@pytest.mark.parametrize('dialect', ['sqlite', pytest.param('postgres', marks=pytest.mark.service)])
def test_db_upgrade_twice_then_a_newer_schema_is_refused(tmp_path, capsys, request, dialect):
    if dialect == 'sqlite':
        sink = '    - use: sqlite\n      name: db\n      with: {path: news.sqlite}'
        query = _sqlite(str(tmp_path / 'news.sqlite'))
    else:
        schema, query = request.getfixturevalue('pg')
        sink = f'    - use: postgres\n      name: db\n      with: {{schema: {schema}}}'
    config = _config(tmp_path, sink, inputs=[os.path.join(SAMPLES, 'items', '*')])
    assert main(['db', 'status', '--config', config]) == 0
    assert 'schema version 0' in capsys.readouterr().out
    assert main(['db', 'upgrade', '--config', config]) == 0
    assert f'upgraded from version 0 to {latest_version()}' in capsys.readouterr().out
    assert main(['db', 'upgrade', '--config', config, '--sink', 'db']) == 0
    assert 'up to date' in capsys.readouterr().out
    assert query('SELECT count(*) FROM {s}.schema_migrations')[0][0] == latest_version()

    query("INSERT INTO {s}.schema_migrations (version, name, applied_at) "
          "VALUES (99, 'from the future', '2030-01-01T00:00:00Z')")
    capsys.readouterr()
    for argv in (['db', 'upgrade', '--config', config], ['run', '--config', config]):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert 'schema version 99' in err[-1] and 'newer than this newsbeam' in err[-1]
    assert main(['db', 'status', '--config', config]) == 0
    assert 'NEWER' in capsys.readouterr().out
    assert _completed(tmp_path) == []


def test_db_command_usage_errors(tmp_path, capsys):
    no_db = tmp_path / 'plain.yaml'
    no_db.write_text('output: {dir: out}\n')
    cases = [(['db'], 'upgrade or status'), (['db', 'drop'], 'upgrade or status'),
             (['db', 'upgrade', '--bogus'], 'unknown argument'),
             (['db', 'upgrade', '--config'], 'needs a value'),
             (['db', 'upgrade', '--config', str(no_db)], 'no database sink'),
             (['db', 'upgrade', '--config', str(tmp_path / 'missing.yaml')], 'not found')]
    for argv, expected in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err.strip()
        assert expected in err and len(err.splitlines()) == 1, (argv, err)
    config = _config(tmp_path, '    - use: sqlite\n      name: db\n      with: {path: x.sqlite}')
    assert main(['db', 'upgrade', '--config', config, '--sink', 'other']) == 2
    assert 'there are: db' in capsys.readouterr().err
