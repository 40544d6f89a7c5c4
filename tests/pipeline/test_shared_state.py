"""Cross-run state in a shared store chosen in the config (Redis, PostgreSQL), as many workers
would use it; state URLs in config files; node-local state refused on distributed runners."""
import os
import signal
import subprocess
import sys

import orjson
import pytest

from pipeline.cli import main
from pipeline.config import REPO_ROOT
from transforms.state import StateConfig, open_state


@pytest.mark.service
def test_second_run_against_redis_state_emits_nothing_new(tmp_path, monkeypatch, redis_url):
    monkeypatch.setenv('NEWSBEAM_TEST_STATE', redis_url)
    prefix = redis_url.rsplit('prefix=', 1)[1]
    config = tmp_path / 'redis.yaml'
    config.write_text(f"""
inputs: {{files: ["{REPO_ROOT}/samples/feeds/*", "{REPO_ROOT}/samples/items/*"]}}
state: {{url_env: NEWSBEAM_TEST_STATE}}
""")
    counts = []
    for name in ('one', 'two'):
        out = tmp_path / name
        assert main(['run', '--config', str(config), '--output', str(out), '--reread']) == 0
        counts.append(orjson.loads((out / 'run.json').read_bytes())['counts'])
    assert counts[0]['items'] > 0
    assert counts[1]['items'] == 0 and counts[1]['duplicates'] == 0
    assert counts[1]['seen_before'] == counts[0]['items'] + counts[0]['duplicates']
    import redis
    client = redis.Redis(host='127.0.0.1', port=6379)
    assert list(client.scan_iter(f'{prefix}:*'))  # the index really lives in Redis
    client.close()


def test_missing_state_url_variable_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv('NEWSBEAM_NOT_SET', raising=False)
    config = tmp_path / 'c.yaml'
    config.write_text(f'inputs: {{files: ["{REPO_ROOT}/samples/feeds/*"]}}\n'
                      'state: {url_env: NEWSBEAM_NOT_SET}\n')
    assert main(['run', '--config', str(config), '--output', str(tmp_path / 'o')]) == 2
    assert 'NEWSBEAM_NOT_SET is not set' in capsys.readouterr().err


# --- PostgreSQL --------------------------------------------------------------------------------
def _pg_config(tmp_path, monkeypatch, url, name='pg.yaml') -> str:
    monkeypatch.setenv('NEWSBEAM_TEST_PG_STATE', url)
    config = tmp_path / name
    config.write_text(f"""
inputs: {{files: ["{REPO_ROOT}/samples/feeds/*", "{REPO_ROOT}/samples/items/*"]}}
state: {{url_env: NEWSBEAM_TEST_PG_STATE}}
""")
    return str(config)


def _pg_rows(url, table, where='true') -> int:
    import urllib.parse

    import psycopg
    parts = urllib.parse.urlsplit(url)
    schema = urllib.parse.parse_qs(parts.query)['schema'][0]
    with psycopg.connect(urllib.parse.urlunsplit(parts._replace(query=''))) as conn:
        return conn.execute(f'SELECT count(*) FROM "{schema}".{table} WHERE {where}'
                            ).fetchone()[0]


@pytest.mark.service
def test_second_run_against_postgres_state_finds_everything_seen_before(
        tmp_path, monkeypatch, postgres_state_url):
    config = _pg_config(tmp_path, monkeypatch, postgres_state_url)
    counts = []
    for name in ('one', 'two'):
        out = tmp_path / name
        assert main(['run', '--config', config, '--output', str(out), '--reread']) == 0
        counts.append(orjson.loads((out / 'run.json').read_bytes())['counts'])
    assert counts[0]['items'] > 0
    assert counts[1]['items'] == 0 and counts[1]['duplicates'] == 0
    assert counts[1]['seen_before'] == counts[0]['items'] + counts[0]['duplicates']
    assert _pg_rows(postgres_state_url, 'kv') > 0  # the index really lives in PostgreSQL
    assert _pg_rows(postgres_state_url, 'staged') == 0
    assert _pg_rows(postgres_state_url, 'lock_holder') == 0  # released cleanly
    assert not (tmp_path / '.newsbeam-state').exists()  # and nothing on the local disk


@pytest.mark.service
@pytest.mark.slow
def test_a_killed_run_on_postgres_state_is_discarded_by_the_next(tmp_path, monkeypatch, caplog,
                                                                  postgres_state_url):
    import logging
    config = _pg_config(tmp_path, monkeypatch, postgres_state_url)
    env = {**os.environ, 'NEWSBEAM_LOG_LEVEL': 'WARNING', 'NEWSBEAM_FAULT': 'outputs_written'}
    killed = subprocess.run([sys.executable, '-m', 'pipeline', 'run', '--config', config,
                             '--output', str(tmp_path / 'killed')], cwd=REPO_ROOT, env=env,
                            capture_output=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    with open_state(StateConfig(url=postgres_state_url)) as store:
        assert len(store.staged_runs()) == 1  # its writes, staged and never applied
    # nothing committed but the journal that says it was running
    assert _pg_rows(postgres_state_url, 'kv', "ns <> 'runs'") == 0
    assert _pg_rows(postgres_state_url, 'multi') == 0
    assert _pg_rows(postgres_state_url, 'lock_holder') == 1  # it died holding the lock

    with caplog.at_level(logging.WARNING, logger='newsbeam'):
        assert main(['run', '--config', config, '--output', str(tmp_path / 'next')]) == 0
    assert 'took over the state lock' in caplog.text
    counts = orjson.loads((tmp_path / 'next' / 'run.json').read_bytes())['counts']
    assert counts['items'] > 0 and not counts.get('seen_before')  # delivered again, in full
    assert not (tmp_path / 'killed' / 'run.json').exists()
    with open_state(StateConfig(url=postgres_state_url)) as store:
        assert store.staged_runs() == []
    assert _pg_rows(postgres_state_url, 'lock_holder') == 0


# --- state URLs in config files, node-local state on distributed runners -----------------------
@pytest.mark.parametrize('url', ['postgresql://newsbeam:hunter2-pw@db.internal/news',
                                 'postgres://newsbeam@db.internal/news?password=hunter2-pw',
                                 'redis://:hunter2-pw@cache:6379/0'])
def test_a_password_in_the_config_file_is_a_usage_error(tmp_path, capsys, url):
    config = tmp_path / 'c.yaml'
    config.write_text(f'inputs: {{files: ["{REPO_ROOT}/samples/feeds/*"]}}\n'
                      f'state: {{url: "{url}"}}\n')
    assert main(['run', '--config', str(config), '--output', str(tmp_path / 'o')]) == 2
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and 'state.url_env' in err and 'state: url:' in err
    assert 'hunter2-pw' not in err
    assert not (tmp_path / 'o').exists()


def test_a_state_url_variable_with_an_unknown_scheme_is_a_usage_error(tmp_path, capsys,
                                                                      monkeypatch):
    monkeypatch.setenv('NEWSBEAM_TEST_STATE', 'mysql://u:secret-pw@h/db')
    config = tmp_path / 'c.yaml'
    config.write_text(f'inputs: {{files: ["{REPO_ROOT}/samples/feeds/*"]}}\n'
                      'state: {url_env: NEWSBEAM_TEST_STATE}\n')
    assert main(['run', '--config', str(config), '--output', str(tmp_path / 'o')]) == 2
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and 'NEWSBEAM_TEST_STATE' in err and 'postgresql://' in err
    assert 'secret-pw' not in err


@pytest.mark.service
def test_a_password_free_state_url_in_the_config_is_used(tmp_path, postgres_state_url):
    config = tmp_path / 'c.yaml'
    config.write_text(f'inputs: {{files: ["{REPO_ROOT}/samples/000_f2941d14c663b832.txt"]}}\n'
                      f'state: {{url: "{postgres_state_url}"}}\n')
    assert main(['run', '--config', str(config), '--output', str(tmp_path / 'o')]) == 0
    assert _pg_rows(postgres_state_url, 'kv') > 0


@pytest.mark.parametrize('runner', ['FlinkRunner', 'PortableRunner'])
def test_local_state_on_a_distributed_runner_is_refused_before_the_run(tmp_path, capsys,
                                                                       runner):
    state, out = tmp_path / 'state', tmp_path / 'o'
    assert main(['run', '--input', f'{REPO_ROOT}/samples/feeds/*', '--output', str(out),
                 '--state', str(state), f'--runner={runner}']) == 2
    err = capsys.readouterr().err
    assert err.count('\n') == 1
    assert f'--runner={runner}' in err and str(state) in err
    assert 'state.shared_filesystem: true' in err and 'postgresql://' in err
    assert not state.exists() and not out.exists()  # refused before anything was touched
