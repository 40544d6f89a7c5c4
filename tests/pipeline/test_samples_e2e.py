"""The bundled samples through the whole pipeline, as `make demo` runs them."""
import os

import orjson
import pytest
import yaml

from pipeline.cli import main
from pipeline.config import REPO_ROOT

SAMPLES = [os.path.join(REPO_ROOT, 'samples', '*.*'), os.path.join(REPO_ROOT, 'samples', '*', '*')]
EXPECTED = yaml.safe_load(open(os.path.join(REPO_ROOT, 'tests', 'data', 'samples_expected.yaml'),
                               encoding='utf-8'))




def _run(tmp_path, name, state, *extra):
    out = tmp_path / name
    argv = ['run', '--output', str(out), '--state', str(state), *extra]
    for pattern in SAMPLES:
        argv += ['--input', pattern]
    assert main(argv) == 0
    return out, orjson.loads((out / 'run.json').read_bytes())


def _decisions(out, read_jsonl):
    items = read_jsonl(str(out / 'items*.jsonl'))
    dups = read_jsonl(str(out / 'duplicates*.jsonl'))
    return (sorted(i['id'] for i in items),
            sorted((d['id'], d['dedup']['duplicate_of'], d['dedup']['method']) for d in dups))


@pytest.mark.slow
def test_samples_counts_balance_and_match_expectations(tmp_path, read_jsonl):
    out, summary = _run(tmp_path, 'out', tmp_path / 'state')
    counts = summary['counts']
    assert counts['read'] == EXPECTED['read']
    assert counts['read'] == counts['items'] + counts['duplicates'] + counts['dead_letter']
    assert summary['balanced'] is True
    for family in ('items', 'duplicates', 'dead_letter'):
        assert len(read_jsonl(str(out / f'{family}*.jsonl'))) == counts[family]
    dead = read_jsonl(str(out / 'dead_letter*.jsonl'))
    reasons = {}
    for record in dead:
        assert set(record) == {'error', 'input'}
        assert set(record['error']) == {'stage', 'reason', 'message'}
        assert set(record['input']) == {'location', 'excerpt'}
        reasons[record['error']['reason']] = reasons.get(record['error']['reason'], 0) + 1
    assert reasons == EXPECTED['dead_letter']
    assert counts['items'] == EXPECTED['items']
    assert counts['duplicates'] == EXPECTED['duplicates']
    items = read_jsonl(str(out / 'items*.jsonl'))
    dups = read_jsonl(str(out / 'duplicates*.jsonl'))
    everything = items + dups
    for group in EXPECTED['duplicate_groups']:
        members = [r for r in everything if r['url'] in group]
        assert len({r['dedup']['cluster_id'] for r in members}) == 1, group
        assert sum(1 for r in members if r['dedup']['duplicate_of'] is None) == 1, group
    by_title = {r['title']: r for r in everything}
    for a, b in EXPECTED.get('not_duplicates', []):
        ra = by_title.get(a) or next((r for r in everything if r['url'] == a), None)
        rb = by_title.get(b) or next((r for r in everything if r['url'] == b), None)
        if ra and rb:
            assert ra['dedup']['cluster_id'] != rb['dedup']['cluster_id'], (a, b)
    for item in items:
        assert item['published'] is None or item['published'].endswith('Z')
        assert item['id'] and item['source']['kind'] in ('file', 'feed')


@pytest.mark.slow
def test_second_run_with_same_state_emits_nothing_new(tmp_path):
    state = tmp_path / 'state'
    _, first = _run(tmp_path, 'one', state)
    _, second = _run(tmp_path, 'two', state)   # every file read unchanged: skipped
    assert second['counts']['read'] == 0
    assert second['skipped']['files'] >= 10
    _, third = _run(tmp_path, 'three', state, '--reread')
    assert third['counts']['items'] == 0 and third['counts']['duplicates'] == 0
    assert third['counts']['seen_before'] == first['counts']['items'] + first['counts']['duplicates']
    assert third['counts']['dead_letter'] == first['counts']['dead_letter']


@pytest.mark.slow
def test_same_decisions_on_two_worker_processes(tmp_path, read_jsonl):
    one, _ = _run(tmp_path, 'one', tmp_path / 's1')
    two, _ = _run(tmp_path, 'two', tmp_path / 's2', '--direct_running_mode=multi_processing',
                  '--direct_num_workers=2')
    assert _decisions(one, read_jsonl) == _decisions(two, read_jsonl)
