"""The driver's reads and writes go through Beam's FileSystems for every non-local path.

An in-memory file system (``memfs://``, ``tests/pipeline/memfs.py``, registered only by these
tests) stands in for an object store: whole runs read their inputs from it and write every
output there, and must give what the same run gives on local files. Paths of a file system Beam
cannot serve here are refused before anything runs, and never become a local folder.
"""
import glob
import importlib.util
import os
import shutil
import uuid

import orjson
import pytest

from pipeline import storage
from pipeline.cli import main
from pipeline.config import REPO_ROOT
from pipeline.delivery import match_files
from pipeline.outputs import (OutputDirInUse, prepare_run_directory, update_latest,
                              write_run_json)
from tests.pipeline.memfs import MemoryFileSystem as Mem

SAMPLES = os.path.join(REPO_ROOT, 'samples')


def _new_bucket() -> str:
    return f'memfs://test-{uuid.uuid4().hex[:12]}'


@pytest.fixture
def bucket():
    """A memfs bucket of this test's own, forgotten afterwards."""
    name = _new_bucket()
    yield name
    Mem.drop(name + '/')


def _lines(data: bytes) -> list[dict]:
    return [orjson.loads(line) for line in data.splitlines() if line.strip()]


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


# refused before the run ---------------------------------------------------------------------

@pytest.mark.parametrize('argv, key', [
    (['--output', 'nosuchfs://bucket/news'], '--output'),
    (['--input', 'nosuchfs://bucket/in/*.jsonl'], '--input'),
])
def test_a_scheme_without_a_file_system_is_refused_before_the_run(argv, key, tmp_path,
                                                                   monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    full = ['run', '--input', os.path.join(SAMPLES, 'items', '*.jsonl'),
            '--output', str(tmp_path / 'out'), '--state', str(tmp_path / 'state'), *argv]
    assert main(full) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f'newsbeam: {key}: ') and 'nosuchfs://' in err
    assert 'no Beam file system handles nosuchfs://' in err
    assert not (tmp_path / 'nosuchfs:').exists()
    assert not (tmp_path / 'out').exists() and not (tmp_path / 'state').exists()


@pytest.mark.skipif(_has_module('google.cloud.storage'), reason='apache-beam[gcp] is installed')
def test_gs_output_without_the_gcp_extra_names_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(['run', '--input', os.path.join(SAMPLES, 'items', '*.jsonl'),
                 '--output', 'gs://bucket/news', '--state', str(tmp_path / 'state')]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("newsbeam: --output: 'gs://bucket/news': ") and 'apache-beam[gcp]' in err
    assert os.listdir(tmp_path) == []   # no ./gs:/bucket/news, no state


def test_config_keys_are_named(tmp_path, capsys):
    config = tmp_path / 'c.yaml'
    config.write_text('inputs: {files: ["nosuchfs://b/*.jsonl"]}\n'
                      f'output: {{dir: "{tmp_path / "out"}"}}\n')
    assert main(['run', '--config', str(config)]) == 2
    assert capsys.readouterr().err.startswith("newsbeam: inputs.files: 'nosuchfs://b/*.jsonl'")
    config.write_text(f'inputs: {{files: ["{SAMPLES}/items/*.jsonl"]}}\n'
                      'output: {dir: "nosuchfs://b/{run_id}"}\n')
    assert main(['run', '--config', str(config)]) == 2
    assert capsys.readouterr().err.startswith("newsbeam: output.dir: 'nosuchfs://b/{run_id}'")


def test_state_must_be_local(tmp_path, capsys, bucket):
    assert main(['run', '--input', os.path.join(SAMPLES, 'items', '*.jsonl'),
                 '--output', str(tmp_path / 'o'), '--state', f'{bucket}/state']) == 2
    assert capsys.readouterr().err.startswith(f"newsbeam: --state: '{bucket}/state' is "
                                              "not a local directory")
    assert Mem.paths(bucket) == []


def test_file_scheme_and_unusable_report_paths(capsys, bucket):
    with pytest.raises(ValueError, match=r"^output.dir: 'file:///data/x': give a local path"):
        storage.check_path('file:///data/x', 'output.dir')
    storage.check_path('/data/x', 'output.dir')            # local: always fine
    storage.check_path(f'{bucket}/x', 'output.dir')        # a registered file system
    assert main(['report', 'nosuchfs://b/run']) == 2
    assert capsys.readouterr().err.startswith("newsbeam: report: 'nosuchfs://b/run'")


# the run-directory rules on an object store ----------------------------------------------------

def test_run_directory_rules_hold_on_an_object_store(bucket):
    run_dir = f'{bucket}/runs/r2'
    # a killed run's files: outputs, Beam's temporary files, the working folder
    Mem.put(f'{run_dir}/items.jsonl', b'{"id": "a"}\n')
    Mem.put(f'{run_dir}/dead_letter-00000-of-00002.jsonl', b'')
    Mem.put(f'{run_dir}/beam-temp-items-123/abc.items.jsonl', b'x')
    Mem.put(f'{run_dir}/.newsbeam-run/run_id', b'r1')
    Mem.put(f'{run_dir}/_incomplete/r1/items.jsonl', b'older')   # an even older leftover
    Mem.put(f'{run_dir}/notes.txt', b'not ours')                  # not a run's file: stays
    prepare_run_directory(run_dir, 'r2', '.newsbeam-run')
    assert Mem.paths(run_dir) == sorted([
        f'{run_dir}/.newsbeam-run/run_id',
        f'{run_dir}/_incomplete/r1/items.jsonl',
        f'{run_dir}/_incomplete/r1.2/.newsbeam-run/run_id',
        f'{run_dir}/_incomplete/r1.2/beam-temp-items-123/abc.items.jsonl',
        f'{run_dir}/_incomplete/r1.2/dead_letter-00000-of-00002.jsonl',
        f'{run_dir}/_incomplete/r1.2/items.jsonl',
        f'{run_dir}/notes.txt',
    ])
    assert Mem.get(f'{run_dir}/_incomplete/r1.2/items.jsonl') == b'{"id": "a"}\n'
    assert Mem.get(f'{run_dir}/.newsbeam-run/run_id') == b'r2'

    path = write_run_json(run_dir, {'run_id': 'r2', 'counts': {}})
    assert path == f'{run_dir}/run.json'
    assert orjson.loads(Mem.get(path))['run_id'] == 'r2'
    assert not any(p.endswith('.tmp') for p in Mem.paths(bucket))
    with pytest.raises(OutputDirInUse, match=r'already holds run r2 \(run\.json\)'):
        prepare_run_directory(run_dir, 'r3', '.newsbeam-run')

    update_latest(f'{bucket}/runs', run_dir)
    assert Mem.get(f'{bucket}/runs/LATEST') == b'r2\n'
    assert Mem.paths(f'{bucket}/runs/latest') == []   # no symlink off the local file system


def test_matching_inputs_on_an_object_store(bucket):
    Mem.put(f'{bucket}/in/a.jsonl', b'{}\n')
    Mem.put(f'{bucket}/in/b.xml', b'<rss/>')
    Mem.put(f'{bucket}/in/sub/c.jsonl', b'{}\n')
    Mem.put(f'{bucket}/in/folder/', b'')   # a "folder" placeholder some stores keep
    files, refused, empty = match_files([f'{bucket}/in/*', f'{bucket}/in/a.jsonl',
                                         f'{bucket}/none/*.jsonl'])
    assert [f.path for f in files] == [f'{bucket}/in/a.jsonl', f'{bucket}/in/b.xml']
    assert files[0].size == 3 and files[0].mtime > 0
    assert refused == []
    assert empty == [f'{bucket}/none/*.jsonl']
    files, refused, _ = match_files([f'{bucket}/in/**'])
    assert [f.path for f in files] == [f'{bucket}/in/a.jsonl', f'{bucket}/in/b.xml',
                                       f'{bucket}/in/sub/c.jsonl']
    assert [(r.path, r.reason) for r in refused] == [(f'{bucket}/in/folder/',
                                                      'not_a_regular_file')]


def test_atomic_write_replaces_and_leaves_no_temporary_object(bucket, tmp_path):
    for base in (f'{bucket}/d', str(tmp_path)):
        target = storage.join(base, 'LATEST')
        storage.write_atomic(target, b'one\n')
        storage.write_atomic(target, b'two\n')
        assert storage.read_bytes(target) == b'two\n'
    assert Mem.paths(bucket) == [f'{bucket}/d/LATEST']
    assert os.listdir(tmp_path) == ['LATEST']
    with pytest.raises(FileNotFoundError):
        storage.read_bytes(f'{bucket}/d/missing')


# whole runs ------------------------------------------------------------------------------------

def _copy_samples(local_root: str, mem_root: str) -> None:
    shutil.copytree(SAMPLES, local_root)
    for path in glob.glob(os.path.join(local_root, '*.*')) + glob.glob(
            os.path.join(local_root, '*', '*')):
        with open(path, 'rb') as handle:
            Mem.put(f'{mem_root}/{os.path.relpath(path, local_root)}', handle.read())


def _run(inputs_root: str, output: str, state: str, *extra: str) -> int:
    return main(['run', '--input', f'{inputs_root}/*.*', '--input', f'{inputs_root}/*/*',
                 '--output', output, '--state', state, *extra])


def _comparable(records: list[dict], ids: dict) -> list[bytes]:
    """Records without their run-time fields, with the ids that depend on the input's location
    translated (an article file has no domain: its id hashes its path)."""
    out = []
    for record in records:
        record = dict(record)
        record.pop('ingested_at', None)
        record['provenance'] = {k: v for k, v in (record.get('provenance') or {}).items()
                                if k != 'run_id'}
        if 'id' in record:
            record['id'] = ids.get(record['id'], record['id'])
        if record.get('dedup'):
            record['dedup'] = {k: ids.get(v, v) if k in ('cluster_id', 'duplicate_of') else v
                               for k, v in record['dedup'].items()}
        out.append(orjson.dumps(record, option=orjson.OPT_SORT_KEYS))
    return sorted(out)


@pytest.fixture(scope='module')
def runs(tmp_path_factory):
    """The samples run once from local files into a local directory and once from memfs into
    memfs (a template, so that ``LATEST`` is written), then a second time on the same state."""
    bucket = _new_bucket()
    root = tmp_path_factory.mktemp('fs')
    local_in, mem_in = str(root / 'in'), f'{bucket}/in'
    _copy_samples(local_in, mem_in)
    assert _run(local_in, str(root / 'out'), str(root / 'local-state')) == 0
    assert _run(mem_in, f'{bucket}/runs/{{run_id}}', str(root / 'mem-state')) == 0
    first = Mem.get(f'{bucket}/runs/LATEST').decode().strip()
    assert _run(mem_in, f'{bucket}/runs/{{run_id}}', str(root / 'mem-state')) == 0
    second = Mem.get(f'{bucket}/runs/LATEST').decode().strip()
    assert not os.path.exists('memfs:')   # never a local folder named after the scheme
    yield {'root': root, 'bucket': bucket, 'local_in': local_in, 'mem_in': mem_in,
           'first': f'{bucket}/runs/{first}', 'second': f'{bucket}/runs/{second}'}
    Mem.drop(bucket + '/')


@pytest.mark.slow
def test_a_run_on_memfs_writes_what_a_local_run_writes(runs):
    local, remote = str(runs['root'] / 'out'), runs['first']
    names = sorted(p[len(remote) + 1:] for p in Mem.paths(remote + '/'))
    assert names == ['dead_letter.jsonl', 'duplicates.jsonl', 'items.jsonl', 'run.json']
    assert sorted(os.listdir(local)) == names   # no working folder, no beam-temp left
    records = {}
    for name in names[:-1]:
        with open(os.path.join(local, name), 'rb') as handle:
            text = handle.read().replace(runs['local_in'].encode(), runs['mem_in'].encode())
        records[name] = (_lines(text), _lines(Mem.get(f'{remote}/{name}')))
    # pair items by what does not depend on the location; an id that does is translated
    ids = {}
    for local_rows, mem_rows in (records['items.jsonl'], records['duplicates.jsonl']):
        by_key = {(r['url'], r['title'], r['source']['location']): r['id'] for r in mem_rows}
        assert len(by_key) == len(mem_rows)
        for row in local_rows:
            ids[row['id']] = by_key[(row['url'], row['title'], row['source']['location'])]
    for name, (local_rows, mem_rows) in records.items():
        assert local_rows, name
        assert _comparable(local_rows, ids) == _comparable(mem_rows, {}), name
    local_summary = orjson.loads(open(os.path.join(local, 'run.json'), 'rb').read())
    mem_summary = orjson.loads(Mem.get(f'{remote}/run.json'))
    for key in ('counts', 'read_by_format', 'duplicates_by_method', 'dead_letter_by_reason',
                'balanced', 'skipped'):
        assert mem_summary[key] == local_summary[key], key
    assert mem_summary['output_dir'] == remote
    assert mem_summary['inputs']['files'] == [f'{runs["mem_in"]}/*.*', f'{runs["mem_in"]}/*/*']


@pytest.mark.slow
def test_a_second_run_on_the_same_state_skips_unchanged_memfs_inputs(runs):
    first = orjson.loads(Mem.get(f'{runs["first"]}/run.json'))
    second = orjson.loads(Mem.get(f'{runs["second"]}/run.json'))
    assert first['skipped']['files'] == 0 and first['counts']['read'] > 0
    assert second['counts']['read'] == 0
    assert second['skipped']['files'] == len(Mem.paths(runs['mem_in'] + '/'))
    assert all(p.startswith(runs['mem_in']) for p in second['skipped']['paths'])
    assert _lines(Mem.get(f'{runs["second"]}/items.jsonl')) == []


@pytest.mark.slow
def test_report_follows_latest_on_memfs(runs, capsys):
    assert main(['report', f'{runs["bucket"]}/runs']) == 0
    out = capsys.readouterr().out
    run_id = runs['second'].rsplit('/', 1)[1]
    assert f'run {run_id} ' in out and f'results in {runs["second"]}' in out
    assert main(['report', runs['first']]) == 0
    assert f'results in {runs["first"]}' in capsys.readouterr().out
    assert main(['report', f'{runs["bucket"]}/nothing']) == 2
    assert f'no run.json in {runs["bucket"]}/nothing' in capsys.readouterr().err


@pytest.mark.slow
def test_a_memfs_directory_holding_a_completed_run_is_refused(runs, capsys):
    before = Mem.paths(runs['first'] + '/')
    assert _run(runs['mem_in'], runs['first'], str(runs['root'] / 'other-state'),
                '--reread') == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f'output directory {runs["first"]} already holds run' in err
    assert Mem.paths(runs['first'] + '/') == before


@pytest.mark.slow
def test_a_failed_memfs_run_leaves_no_temporary_files_and_the_next_moves_it_aside(
        tmp_path, monkeypatch, bucket, capsys):
    monkeypatch.syspath_prepend(os.path.dirname(__file__))   # steps_example, a user's module
    config = tmp_path / 'exploding.yaml'
    config.write_text('steps: [{stage: sink, use: "steps_example:ExplodingSink"}]\n')
    with open(os.path.join(SAMPLES, 'items', 'partners.jsonl'), 'rb') as handle:
        Mem.put(f'{bucket}/in/partners.jsonl', handle.read())
    out, state = f'{bucket}/out', str(tmp_path / 'state')
    argv = ['run', '--input', f'{bucket}/in/*.jsonl', '--output', out, '--state', state]
    assert main([*argv, '--config', str(config)]) == 1
    assert 'the sink transform crashed' in capsys.readouterr().err
    left = [p[len(out) + 1:] for p in Mem.paths(out + '/')]
    failed_id = Mem.get(f'{out}/.newsbeam-run/run_id').decode()
    assert 'run.json' not in left and not any(p.startswith('beam-temp-') for p in left)
    assert main(argv) == 0
    names = [p[len(out) + 1:] for p in Mem.paths(out + '/')]
    assert sorted(n for n in names if not n.startswith('_incomplete/')) == [
        'dead_letter.jsonl', 'duplicates.jsonl', 'items.jsonl', 'run.json']
    assert sorted(n for n in names if n.startswith('_incomplete/')) == sorted(
        f'_incomplete/{failed_id}/{n}' for n in left)
    summary = orjson.loads(Mem.get(f'{out}/run.json'))
    assert summary['counts']['items'] > 0   # the failed run committed nothing: all delivered
