"""Cross-run state in a shared store chosen in the config (Redis), as many workers would use it."""
import secrets
import socket

import orjson
import pytest

from pipeline.cli import main
from pipeline.config import REPO_ROOT


def _redis_up() -> bool:
    try:
        socket.create_connection(('127.0.0.1', 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.mark.service
@pytest.mark.skipif(not _redis_up(), reason='no Redis server on 127.0.0.1:6379')
def test_second_run_against_redis_state_emits_nothing_new(tmp_path, monkeypatch):
    prefix = f'newsbeam-test-{secrets.token_hex(4)}'
    monkeypatch.setenv('NEWSBEAM_TEST_STATE', f'redis://127.0.0.1:6379/0?prefix={prefix}')
    config = tmp_path / 'redis.yaml'
    config.write_text(f"""
inputs: {{files: ["{REPO_ROOT}/samples/feeds/*", "{REPO_ROOT}/samples/items/*"]}}
state: {{url_env: NEWSBEAM_TEST_STATE}}
""")
    counts = []
    for name in ('one', 'two'):
        out = tmp_path / name
        assert main(['run', '--config', str(config), '--output', str(out)]) == 0
        counts.append(orjson.loads((out / 'run.json').read_bytes())['counts'])
    assert counts[0]['items'] > 0
    assert counts[1]['items'] == 0
    assert counts[1]['duplicates'] == counts[0]['items'] + counts[0]['duplicates']
    import redis
    client = redis.Redis(host='127.0.0.1', port=6379)
    keys = list(client.scan_iter(f'{prefix}:*'))
    assert keys  # the index really lives in Redis
    client.delete(*keys)


def test_missing_state_url_variable_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv('NEWSBEAM_NOT_SET', raising=False)
    config = tmp_path / 'c.yaml'
    config.write_text(f'inputs: {{files: ["{REPO_ROOT}/samples/feeds/*"]}}\n'
                      'state: {url_env: NEWSBEAM_NOT_SET}\n')
    assert main(['run', '--config', str(config), '--output', str(tmp_path / 'o')]) == 2
    assert 'NEWSBEAM_NOT_SET is not set' in capsys.readouterr().err
