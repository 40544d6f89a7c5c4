"""Delivery guarantees of scheduled runs: nothing lost, nothing twice (docs/delivery.md).

Each test runs the real command (in-process through ``main``, or as a child process where the
run is killed) on the bundled samples or on inputs it writes, and checks the union of the
completed runs' outputs: every story once, none lost.
"""
import glob
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import orjson
import pytest

from pipeline.cli import main
from pipeline.config import REPO_ROOT
from transforms.state import StateConfig, open_state

SAMPLES = os.path.join(REPO_ROOT, 'samples')
FEEDS_AND_ITEMS = [os.path.join(SAMPLES, 'feeds', '*'), os.path.join(SAMPLES, 'items', '*')]
HERE = os.path.dirname(os.path.abspath(__file__))


def _inputs(patterns):
    return [arg for p in patterns for arg in ('--input', str(p))]


def _summary(out) -> dict:
    return orjson.loads((out / 'run.json').read_bytes())


def _completed_runs(root) -> list:
    """Run directories under ``root`` that hold run.json (what a downstream reader takes)."""
    found = {os.path.realpath(os.path.dirname(p))  # the ``latest`` link is not another run
             for p in glob.glob(f'{root}/**/run.json', recursive=True)}
    return sorted(p for p in found if '_incomplete' not in p)


def _ids(read_jsonl, runs, family='items') -> list[str]:
    return [r['id'] for run in runs for r in read_jsonl(os.path.join(run, f'{family}*.jsonl'))]


@pytest.fixture(scope='module')
def reference(tmp_path_factory):
    """One clean run of the feed and item samples: the stories a run should deliver."""
    out = tmp_path_factory.mktemp('reference') / 'out'
    assert main(['run', *_inputs(FEEDS_AND_ITEMS), '--output', str(out),
                 '--state', str(out.parent / 'state')]) == 0
    items = [orjson.loads(line) for path in glob.glob(str(out / 'items*.jsonl'))
             for line in open(path, 'rb') if line.strip()]
    dups = [orjson.loads(line) for path in glob.glob(str(out / 'duplicates*.jsonl'))
            for line in open(path, 'rb') if line.strip()]
    return {'items': sorted(i['id'] for i in items), 'items_by_id': {i['id']: i for i in items},
            'duplicates': len(dups), 'summary': _summary(out)}


def _config(tmp_path, name, text) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


# --- a later stage fails for some items, then is fixed ------------------------------------------
def test_tag_step_failing_then_fixed_delivers_exactly_those_stories(tmp_path, monkeypatch,
                                                                     read_jsonl, reference):
    monkeypatch.syspath_prepend(HERE)
    state, runs = tmp_path / 'state', tmp_path / 'runs'
    broken = _config(tmp_path, 'broken.yaml', 'steps: [{stage: tag, use: '
                     '"steps_example:flaky_tagger", with: {fail_marker: "a"}}]\n')
    fixed = _config(tmp_path, 'fixed.yaml', 'steps: [{stage: tag, use: '
                    '"steps_example:flaky_tagger", with: {fail_marker: ""}}]\n')
    assert main(['run', '--config', broken, *_inputs(FEEDS_AND_ITEMS),
                 '--output', str(runs / '1'), '--state', str(state)]) == 0
    first = _summary(runs / '1')
    refused = [d['input']['id'] for d in read_jsonl(runs / '1' / 'dead_letter*.jsonl')
               if d['error']['reason'] == 'step_error']
    assert refused and len(refused) < len(reference['items'])
    assert first['counts']['items'] == len(reference['items']) - len(refused)
    assert first['retry_inputs']   # the inputs holding those stories are read again

    assert main(['run', '--config', fixed, *_inputs(FEEDS_AND_ITEMS),
                 '--output', str(runs / '2'), '--state', str(state)]) == 0
    second = _summary(runs / '2')
    assert sorted(_ids(read_jsonl, [runs / '2'])) == sorted(refused)
    assert second['counts']['seen_before'] > 0          # the rest of those inputs
    assert sorted(_ids(read_jsonl, [runs / '1', runs / '2'])) == reference['items']
    # and nothing is left for a third run
    assert main(['run', '--config', fixed, *_inputs(FEEDS_AND_ITEMS),
                 '--output', str(runs / '3'), '--state', str(state)]) == 0
    assert _summary(runs / '3')['counts']['read'] == 0


def test_sink_failing_mid_run_then_rerun_writes_each_row_once(tmp_path, monkeypatch,
                                                               read_jsonl, reference):
    monkeypatch.syspath_prepend(HERE)
    db, flag = tmp_path / 'sink.sqlite', tmp_path / 'db-down'
    flag.write_text('')
    config = _config(tmp_path, 'sink.yaml', f'steps: [{{stage: sink, use: '
                     f'"steps_example:sqlite_sink", with: {{path: "{db}", '
                     f'fail_flag: "{flag}"}}}}]\n')
    state, runs = tmp_path / 'state', tmp_path / 'runs'
    assert main(['run', '--config', config, *_inputs(FEEDS_AND_ITEMS),
                 '--output', str(runs / '1'), '--state', str(state)]) == 0
    first = _summary(runs / '1')
    assert first['dead_letter_by_reason'].get('sqlite_sink.sink_error', 0) > 0
    rows_after_first = sqlite3.connect(db).execute('SELECT COUNT(*) FROM rows').fetchone()[0]
    assert 0 < rows_after_first < len(reference['items'])
    # items.jsonl holds what every sink accepted, no more
    assert len(_ids(read_jsonl, [runs / '1'])) == rows_after_first
    flag.unlink()   # the database is back
    assert main(['run', '--config', config, *_inputs(FEEDS_AND_ITEMS),
                 '--output', str(runs / '2'), '--state', str(state)]) == 0
    rows = [r[0] for r in sqlite3.connect(db).execute('SELECT id FROM rows')]
    assert sorted(rows) == reference['items']           # each story once, no row twice
    assert sorted(_ids(read_jsonl, [runs / '1', runs / '2'])) == reference['items']


# --- killed runs ---------------------------------------------------------------------------------
def _child(argv, env_extra=None, **kwargs):
    env = {**os.environ, 'NEWSBEAM_LOG_LEVEL': 'WARNING', **(env_extra or {})}
    return subprocess.Popen([sys.executable, '-m', 'pipeline', *argv], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def _check_nothing_lost_nothing_twice(root, read_jsonl, reference):
    runs = _completed_runs(root)
    ids = _ids(read_jsonl, runs)
    assert len(ids) == len(set(ids)), 'a story was delivered twice'
    assert sorted(ids) == reference['items'], 'a story was lost'
    return runs


@pytest.mark.slow
@pytest.mark.parametrize('point', ['outputs_written', 'committing', 'state_committed',
                                   'run_json_written'])
def test_run_killed_at_a_point_then_normal_run(point, tmp_path, read_jsonl, reference):
    """SIGKILL after the sinks finalised, at the commit point, after the state commit, after
    run.json: the next run recovers, and the completed runs hold every story once."""
    state, root = tmp_path / 'state', tmp_path / 'runs'
    template = str(root / '{run_id}')
    proc = _child(['run', *_inputs(FEEDS_AND_ITEMS), '--output', template, '--state',
                   str(state)], {'NEWSBEAM_FAULT': point})
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    assert main(['run', *_inputs(FEEDS_AND_ITEMS), '--output', template,
                 '--state', str(state)]) == 0
    runs = _check_nothing_lost_nothing_twice(root, read_jsonl, reference)
    if point == 'outputs_written':   # killed before its commit point: the next run redelivers
        started = [p for p in os.listdir(root) if not (root / p).is_symlink() and p != 'LATEST']
        assert len(runs) == 1 and len(started) == 2
    else:                            # past it: the next run finished that commit
        assert len(runs) == 2
    with open_state(StateConfig(dir=str(state))) as store:
        assert store.staged_runs() == []


@pytest.mark.slow
def test_run_killed_while_fetching_then_normal_run(tmp_path, read_jsonl):
    """SIGKILL while a feed is being fetched (the server kills the client mid-request)."""
    import functools
    import http.server
    import threading
    victim = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            if victim.get('proc') is not None:
                victim.pop('proc').kill()
                time.sleep(0.2)
            return super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ('127.0.0.1', 0), functools.partial(Handler, directory=os.path.join(SAMPLES, 'feeds')))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    feed = f'http://127.0.0.1:{server.server_port}/worldwire.rss'
    state, root = tmp_path / 'state', tmp_path / 'runs'
    argv = ['run', '--feed', feed, '--allow-private-networks', '--output',
            str(root / '{run_id}'), '--state', str(state)]
    try:
        proc = _child(argv)
        victim['proc'] = proc
        proc.communicate(timeout=300)
        assert proc.returncode == -signal.SIGKILL
        assert main(argv) == 0
        runs = _completed_runs(root)
        assert len(runs) == 1
        assert len(_ids(read_jsonl, runs)) == 6      # every entry of the feed, once
        assert main(argv) == 0                       # conditional GET: nothing new
        assert len(_ids(read_jsonl, _completed_runs(root))) == 6
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_sigterm_while_tagging_undoes_the_run(tmp_path, read_jsonl, reference):
    state, root = tmp_path / 'state', tmp_path / 'runs'
    config = _config(tmp_path, 'term.yaml',
                     'steps: [{stage: tag, use: "steps_example:terminate_self"}]\n')
    env = {'PYTHONPATH': HERE + os.pathsep + os.environ.get('PYTHONPATH', '')}
    proc = _child(['run', '--config', config, *_inputs(FEEDS_AND_ITEMS),
                   '--output', str(root / '{run_id}'), '--state', str(state)], env)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err.decode()
    assert b'newsbeam: interrupted (SIGTERM' in err
    assert _completed_runs(root) == []
    assert not glob.glob(str(root / '*' / 'beam-temp-*'))   # its temp files are removed
    assert main(['run', *_inputs(FEEDS_AND_ITEMS), '--output', str(root / '{run_id}'),
                 '--state', str(state)]) == 0
    _check_nothing_lost_nothing_twice(root, read_jsonl, reference)


# --- state problems, locks, exit statuses --------------------------------------------------------
def test_corrupt_state_is_a_one_line_error_and_earlier_outputs_stay(tmp_path, capsys):
    state, root = tmp_path / 'state', tmp_path / 'runs'
    seed = os.path.join(SAMPLES, '000_f2941d14c663b832.txt')
    assert main(['run', '--input', seed, '--output', str(root / 'a'), '--state', str(state)]) == 0
    before = sorted(os.listdir(root / 'a'))
    (state / 'state.sqlite').write_bytes(b'this is not a database' * 100)
    for name in ('state.sqlite-wal', 'state.sqlite-shm'):
        if (state / name).exists():
            (state / name).unlink()
    capsys.readouterr()
    assert main(['run', '--input', seed, '--output', str(root / 'b'), '--state', str(state)]) == 2
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and 'state.sqlite cannot be used' in err, err
    assert sorted(os.listdir(root / 'a')) == before and _summary(root / 'a')['counts']['items'] == 1
    assert not (root / 'b').exists()


def _make_read_only(state):
    """Make the state unwritable: permissions, or (root ignores them) the immutable flag."""
    paths = [state / name for name in os.listdir(state)] + [state]
    if os.geteuid() != 0:
        for path in paths:
            os.chmod(path, 0o500 if path.is_dir() else 0o400)
        return lambda: [os.chmod(p, 0o700 if p.is_dir() else 0o600) for p in paths]
    if shutil.which('chattr') is None:
        pytest.skip('running as root without chattr: no way to make the state read-only')
    done = []
    for path in paths:
        if subprocess.run(['chattr', '+i', str(path)], capture_output=True).returncode != 0:
            for p in done:
                subprocess.run(['chattr', '-i', str(p)], capture_output=True)
            pytest.skip('this file system has no immutable flag (root ignores permissions)')
        done.append(path)
    return lambda: [subprocess.run(['chattr', '-i', str(p)], capture_output=True) for p in done]


def test_read_only_state_is_a_one_line_error(tmp_path, capsys):
    state = tmp_path / 'state'
    seed = os.path.join(SAMPLES, '000_f2941d14c663b832.txt')
    assert main(['run', '--input', seed, '--output', str(tmp_path / 'a'),
                 '--state', str(state)]) == 0
    with open_state(StateConfig(dir=str(state))):
        pass  # checkpoint the WAL into the file
    for name in ('state.sqlite-wal', 'state.sqlite-shm'):
        if (state / name).exists():
            (state / name).unlink()
    undo = _make_read_only(state)
    try:
        capsys.readouterr()
        status = main(['run', '--input', seed, '--reread', '--output', str(tmp_path / 'b'),
                       '--state', str(state)])
        err = capsys.readouterr().err
    finally:
        undo()
    assert status == 2, err
    assert err.count('\n') == 1 and 'state file' in err and 'cannot be used' in err, err
    assert _summary(tmp_path / 'a')['counts']['items'] == 1


def test_second_run_on_a_locked_state_is_refused_with_75(tmp_path, capsys):
    state = tmp_path / 'state'
    seed = os.path.join(SAMPLES, '000_f2941d14c663b832.txt')
    with open_state(StateConfig(dir=str(state))) as store:
        with store.lock({'run_id': 'the-first-run'}):
            assert main(['run', '--input', seed, '--output', str(tmp_path / 'o'),
                         '--state', str(state)]) == 75
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and 'skipped' in err and 'the-first-run' in err
    assert not (tmp_path / 'o').exists()


@pytest.mark.slow
def test_overlapping_runs_second_refused_then_stale_lock_taken_over(tmp_path, capsys, caplog):
    state, root = tmp_path / 'state', tmp_path / 'runs'
    seed = os.path.join(SAMPLES, '000_f2941d14c663b832.txt')
    feeds = os.path.join(SAMPLES, 'feeds', '*')
    slow = _config(tmp_path, 'slow.yaml', 'steps: [{stage: tag, use: '
                   '"steps_example:sleepy_tagger", with: {seconds: 0.5}}]\n')
    env = {'PYTHONPATH': HERE + os.pathsep + os.environ.get('PYTHONPATH', '')}
    first = _child(['run', '--config', slow, '--input', feeds, '--output',
                    str(root / '{run_id}'), '--state', str(state)], env)
    lock = state / 'state.sqlite.lock'
    deadline = time.monotonic() + 120
    while not (lock.exists() and lock.read_bytes().strip()) and time.monotonic() < deadline:
        time.sleep(0.1)
    holder = orjson.loads(lock.read_bytes())
    assert main(['run', '--input', seed, '--output', str(root / '{run_id}'),
                 '--state', str(state)]) == 75
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and holder['run_id'] in err
    first.communicate(timeout=300)
    assert first.returncode == 0
    # a run killed while it holds the lock: the kernel drops the lock; the next run takes it
    # over, says so, and recovers
    killed = _child(['run', '--input', seed, '--output', str(root / '{run_id}'),
                     '--state', str(state)], {'NEWSBEAM_FAULT': 'outputs_written'})
    killed.communicate(timeout=300)
    assert killed.returncode == -signal.SIGKILL
    assert main(['run', '--input', seed, '--output', str(root / '{run_id}'),
                 '--state', str(state)]) == 0
    assert 'took over the state lock' in caplog.text


def test_exit_statuses_of_real_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.syspath_prepend(HERE)
    seed = os.path.join(SAMPLES, '000_f2941d14c663b832.txt')
    state = str(tmp_path / 'state')

    def run(*argv):
        return main(['run', *argv, '--state', state])

    assert run('--input', seed, '--output', str(tmp_path / 'ok')) == 0
    bad = _config(tmp_path, 'strict.yaml', 'output: {max_dead_letters: 0}\n')
    assert run('--config', bad, '--input', os.path.join(SAMPLES, 'bad', '*'),
               '--output', str(tmp_path / 'three')) == 3
    assert _summary(tmp_path / 'three')['counts']['dead_letter'] > 0  # complete all the same
    crash = _config(tmp_path, 'crash.yaml',
                    'steps: [{stage: sink, use: "steps_example:ExplodingSink"}]\n')
    assert run('--config', crash, '--input', os.path.join(SAMPLES, 'articles', '*'),
               '--output', str(tmp_path / 'one')) == 1
    assert not (tmp_path / 'one' / 'run.json').exists()
    for argv in (['--direct_num_workers=abc'], ['--runner=NoSuchRunner']):
        capsys.readouterr()
        assert run('--input', seed, '--output', str(tmp_path / 'two'), *argv) == 2
        err = capsys.readouterr().err
        assert err.count('\n') == 1, err
    missing = _config(tmp_path, 'missing.yaml', 'steps: [{stage: tag, use: "no_such_mod:f"}]\n')
    assert run('--config', missing, '--input', seed, '--output', str(tmp_path / 'two')) == 2
    with open_state(StateConfig(dir=state)) as store, store.lock({'run_id': 'x'}):
        assert run('--input', seed, '--output', str(tmp_path / 'locked')) == 75


def test_empty_glob_warns_by_default_and_errors_when_configured(tmp_path, caplog):
    drop = tmp_path / 'drop'
    drop.mkdir()
    state = str(tmp_path / 'state')
    assert main(['run', '--input', str(drop / '*.jsonl'), '--output', str(tmp_path / 'a'),
                 '--state', state]) == 0
    assert 'matches nothing' in caplog.text
    assert _summary(tmp_path / 'a')['counts']['read'] == 0
    strict = _config(tmp_path, 'strict.yaml', 'inputs: {on_empty_glob: error}\n')
    assert main(['run', '--config', strict, '--input', str(drop / '*.jsonl'),
                 '--output', str(tmp_path / 'b'), '--state', state]) == 2


# --- output directories --------------------------------------------------------------------------
def test_runs_never_overwrite_each_other(tmp_path, capsys):
    seed = os.path.join(SAMPLES, '000_f2941d14c663b832.txt')
    out = tmp_path / 'out'
    assert main(['run', '--input', seed, '--output', str(out),
                 '--state', str(tmp_path / 's1')]) == 0
    before = {p: (out / p).read_bytes() for p in os.listdir(out) if (out / p).is_file()}
    capsys.readouterr()
    assert main(['run', '--input', seed, '--output', str(out),
                 '--state', str(tmp_path / 's2')]) == 2
    assert 'already holds run' in capsys.readouterr().err
    assert {p: (out / p).read_bytes() for p in before} == before


def test_an_incomplete_runs_files_are_moved_aside_not_deleted(tmp_path):
    seed = os.path.join(SAMPLES, '000_f2941d14c663b832.txt')
    out = tmp_path / 'out'
    out.mkdir()
    (out / 'items.jsonl').write_text('{"id": "from a killed run"}\n')
    (out / '.newsbeam-run').mkdir()
    (out / '.newsbeam-run' / 'run_id').write_text('killed-run')
    assert main(['run', '--input', seed, '--output', str(out), '--state', str(tmp_path / 's')]) == 0
    assert (out / '_incomplete' / 'killed-run' / 'items.jsonl').read_text().startswith('{"id"')
    assert _summary(out)['counts']['items'] == 1


def test_three_scheduled_runs_over_a_growing_directory(tmp_path, read_jsonl):
    drop, root, state = tmp_path / 'drop', tmp_path / 'runs', str(tmp_path / 'state')
    drop.mkdir()
    template = str(root / '{date}' / '{run_id}')
    files = [os.path.join(SAMPLES, 'feeds', 'worldwire.rss'),
             os.path.join(SAMPLES, 'items', 'partners.jsonl'),
             os.path.join(SAMPLES, 'feeds', 'asia-desk.atom')]
    summaries = []
    for n, path in enumerate(files):
        shutil.copy(path, drop)
        assert main(['run', '--input', str(drop / '*'), '--output', template,
                     '--state', state]) == 0
        latest = root / 'latest'
        run_dir = os.path.realpath(latest)
        assert os.path.isfile(os.path.join(run_dir, 'run.json'))
        assert (root / 'LATEST').read_text().strip() == os.path.relpath(run_dir, root)
        summaries.append(_summary(type(root)(run_dir)))
        assert summaries[-1]['skipped']['files'] == n        # earlier files are not parsed
        assert summaries[-1]['counts']['read'] > 0
    runs = _completed_runs(root)
    assert len(runs) == 3 and all(os.listdir(r) for r in runs)   # earlier outputs intact
    ids = _ids(read_jsonl, runs)
    assert len(ids) == len(set(ids))
    # the same files in one run of a fresh state deliver the same stories
    assert main(['run', '--input', str(drop / '*'), '--output', str(tmp_path / 'once'),
                 '--state', str(tmp_path / 'fresh')]) == 0
    assert sorted(ids) == sorted(_ids(read_jsonl, [tmp_path / 'once']))
    # each file was parsed once: the runs together read what one run of all of them reads
    assert sum(s['counts']['read'] for s in summaries) == _summary(tmp_path / 'once')['counts']['read']


def test_default_config_gives_each_run_its_own_directory_and_report_follows_latest(
        tmp_path, capsys, read_jsonl):
    """Runs of a template config (as configs/local.yaml is) never collide; seen_before records
    are written when configured; ``report`` of the template's base shows the newest run."""
    seed = os.path.join(SAMPLES, '000_f2941d14c663b832.txt')
    config = _config(tmp_path, 'c.yaml', 'output: {dir: "runs/{run_id}", write_seen_before: true}\n'
                                         'state: {dir: state}\n')
    for _ in range(2):
        assert main(['run', '--config', config, '--input', seed, '--reread']) == 0
    runs = _completed_runs(tmp_path / 'runs')
    assert len(runs) == 2
    second = os.path.realpath(tmp_path / 'runs' / 'latest')
    [seen] = read_jsonl(os.path.join(second, 'seen_before*.jsonl'))
    assert seen['dedup']['seen_before'] is True and seen['dedup']['first_run']
    assert _ids(read_jsonl, runs) == [seen['id']]
    capsys.readouterr()
    assert main(['report', str(tmp_path / 'runs')]) == 0
    out = capsys.readouterr().out
    assert os.path.basename(second) in out and 'seen before' in out
