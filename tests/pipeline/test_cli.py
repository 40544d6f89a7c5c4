"""The command line as users and schedulers call it: exit statuses, messages, outputs."""
import os
import subprocess
import sys

import orjson
import pytest

from pipeline.cli import main
from pipeline.config import REPO_ROOT

SEED = os.path.join(REPO_ROOT, 'samples', '000_f2941d14c663b832.txt')




@pytest.mark.parametrize('argv, message', [
    (['run', '--bogus-flag'], 'unknown option --bogus-flag'),
    (['run', 'stray'], 'unknown argument stray'),
    (['run', '--config', '/nonexistent/c.yaml'], 'config file not found: /nonexistent/c.yaml'),
    (['run', '--feed', 'ftp://example.com/feed'], "'ftp://example.com/feed' is not an http(s) feed URL"),
    (['run', '--input', SEED, '--streaming', '--poll-interval', '0'],
     '--poll-interval: poll_interval must be at least 1 second'),
    (['run', '--input', SEED, '--max-duration', '5'], 'only apply with --streaming'),
    (['report', '/nonexistent/out'], 'no run.json in /nonexistent/out'),
    (['frobnicate'], "unknown command 'frobnicate'"),
])
def test_usage_errors_exit_2_with_one_line(argv, message, capsys, tmp_path):
    assert main(argv + (['--output', str(tmp_path)] if argv[0] == 'run' else [])) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert err.count('\n') == 1


def test_seed_article_end_to_end(tmp_path, capsys, read_jsonl):
    out, state = tmp_path / 'out', tmp_path / 'state'
    assert main(['run', '--input', SEED, '--output', str(out), '--state', str(state)]) == 0
    printed = capsys.readouterr().out
    assert f'results in {out}' in printed
    [item] = read_jsonl(str(out / 'items*.jsonl'))
    assert item['published'] == '2024-12-06T06:34:00Z'
    assert item['language'] == 'id'
    assert item['title'].startswith('Pertemuan Kim Jong Il dari Korea Utara')
    assert item['title_original'] == ('北朝鮮の金総書記とロシアのベロウソフ国防相が会談'
                                      '=北朝鮮兵の増派など協議か')
    assert item['languages']['title_original'] == 'ja'
    assert item['source']['domain'] == 'wowkorea.jp'
    assert item['source']['kind'] == 'file'
    body = item['body']
    assert '``' not in body and "''" not in body
    for paragraph in body.split('\n\n'):  # no line breaks inside sentences
        assert '\n' not in paragraph
    assert 'Pasal 4 menetapkan' in body and 'Kim Jong Il berkata, “Militer' in body
    assert item['ingested_at'].endswith('Z') and item['id']
    assert item['provenance']['run_id'] and item['provenance']['input'] == SEED
    places = {t['name'] for t in item['tags']['places']}
    assert {'North Korea', 'Russia', 'Ukraine', 'South Korea'} <= places
    summary = orjson.loads((out / 'run.json').read_bytes())
    assert summary['counts'] == {'read': 1, 'items': 1, 'duplicates': 0, 'dead_letter': 0}
    assert summary['finished_at'] >= summary['started_at']
    # the next run skips the file an earlier run read unchanged
    out2 = tmp_path / 'out2'
    assert main(['run', '--input', SEED, '--output', str(out2), '--state', str(state)]) == 0
    again = orjson.loads((out2 / 'run.json').read_bytes())
    assert again['counts']['read'] == 0 and again['skipped']['files'] == 1
    # read again on purpose, the same story from the same place has the same id and is counted
    # as seen before: not re-emitted, not a new duplicate
    out3 = tmp_path / 'out3'
    assert main(['run', '--input', SEED, '--output', str(out3), '--state', str(state),
                 '--reread']) == 0
    assert read_jsonl(str(out3 / 'items*.jsonl')) == []
    assert read_jsonl(str(out3 / 'duplicates*.jsonl')) == []
    third = orjson.loads((out3 / 'run.json').read_bytes())
    assert third['counts'] == {'read': 1, 'items': 0, 'duplicates': 0, 'dead_letter': 0,
                               'seen_before': 1}
    # report reads the run back
    assert main(['report', str(out)]) == 0
    assert 'items' in capsys.readouterr().out


def test_fresh_state_dir_is_a_fresh_start(tmp_path, read_jsonl):
    for n in range(2):
        out = tmp_path / f'out{n}'
        assert main(['run', '--input', SEED, '--output', str(out),
                     '--state', str(tmp_path / f'state{n}')]) == 0
        assert len(read_jsonl(str(out / 'items*.jsonl'))) == 1


def test_user_steps_from_config(tmp_path, read_jsonl):
    config = tmp_path / 'steps.yaml'
    config.write_text(f"""
inputs: {{files: ["{REPO_ROOT}/samples/feeds/*"]}}
output: {{dir: out}}
state: {{enabled: false}}
steps:
  - stage: filter
    use: steps_example:require_body
    with: {{min_chars: 400}}
  - stage: tag
    use: steps_example.port_tagger
    with: {{ports: [Manila, Busan]}}
  - stage: normalize
    use: steps_example:mark_source
""")
    env = {**os.environ, 'PYTHONPATH': os.path.dirname(__file__)}
    proc = subprocess.run([sys.executable, '-m', 'pipeline', 'run', '--config', str(config)],
                          capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = tmp_path / 'out'
    summary = orjson.loads((out / 'run.json').read_bytes())
    counts = summary['counts']
    assert counts['filtered'] > 0
    assert counts['read'] == counts['items'] + counts['duplicates'] + counts['dead_letter'] + \
        counts['filtered']
    filtered = read_jsonl(str(out / 'filtered*.jsonl'))
    assert len(filtered) == counts['filtered']
    assert {f['filtered']['filter'] for f in filtered} == {'require_body'}
    assert all('shorter than 400' in f['filtered']['reason'] for f in filtered)
    items = read_jsonl(str(out / 'items*.jsonl'))
    assert all(item['extra']['label'] == 'checked' for item in items)
    assert all(len(item['body'] or '') >= 400 for item in items)
    assert [s['name'] for s in summary['steps']] == ['require_body', 'port_tagger', 'mark_source']


def test_a_failing_sink_step_leaves_its_feed_to_the_next_run(tmp_path, capsys, read_jsonl,
                                                              monkeypatch):
    """A sink step that refuses every item: the run finishes with retryable dead letters, and
    the feed's validators and entry keys are not committed, so once the step is fixed the next
    run fetches the feed again and delivers every entry (not a 304 that hides them for good)."""
    import functools
    import http.server
    import threading
    monkeypatch.syspath_prepend(os.path.dirname(__file__))  # a user's own module
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=os.path.join(REPO_ROOT, 'samples', 'feeds'))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    feed = f'http://127.0.0.1:{server.server_port}/worldwire.rss'
    state = tmp_path / 'state'
    failing = tmp_path / 'failing.yaml'
    failing.write_text('steps: [{stage: sink, use: "steps_example:failing_sink"}]\n')
    try:
        assert main(['run', '--config', str(failing), '--feed', feed, '--allow-private-networks',
                     '--output', str(tmp_path / 'o1'), '--state', str(state)]) == 0
        assert read_jsonl(tmp_path / 'o1' / 'items*.jsonl') == []
        dead = read_jsonl(tmp_path / 'o1' / 'dead_letter*.jsonl')
        assert len(dead) == 6 and {d['error']['reason'] for d in dead} == {'sink_error'}
        assert all('the warehouse is down' in d['error']['message'] for d in dead)
        assert orjson.loads((tmp_path / 'o1' / 'run.json').read_bytes())['retry_inputs'] == [feed]
        assert main(['run', '--feed', feed, '--allow-private-networks',
                     '--output', str(tmp_path / 'o2'), '--state', str(state)]) == 0
        assert len(read_jsonl(tmp_path / 'o2' / 'items*.jsonl')) == 6
    finally:
        server.shutdown()
        server.server_close()


def test_a_batch_run_builds_the_tagger_once(tmp_path, tagger_builds, read_jsonl):
    """The check before the run builds the tagger (a broken gazetteer is a usage error) and the
    tag stage, running in this process, uses that one: one build of the gazetteer per run."""
    out = tmp_path / 'out'
    assert main(['run', '--input', os.path.join(REPO_ROOT, 'samples', '*.txt'),
                 '--output', str(out), '--state', str(tmp_path / 'state')]) == 0
    items = read_jsonl(out / 'items.jsonl')
    assert items and all(item['tags']['places'] for item in items)
    assert len(tagger_builds) == 1
