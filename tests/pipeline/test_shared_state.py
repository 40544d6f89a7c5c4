"""Cross-run state in a shared store chosen in the config (Redis), as many workers would use it."""

import orjson
import pytest

from pipeline.cli import main
from pipeline.config import REPO_ROOT


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
