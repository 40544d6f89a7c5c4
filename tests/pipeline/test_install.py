"""newsbeam as an installed package: the wheel, a fresh venv elsewhere, the same outputs.

The wheel is built offline from a copy of the checkout (``pip wheel --no-build-isolation``), and
installed with ``--no-deps`` into a new venv in a temporary folder. That venv borrows the test
venv's third-party packages through one ``.pth`` line (so apache-beam is not downloaded again);
a ``.pth`` line adds a folder to ``sys.path`` without running the ``.pth`` files in it, so the
editable install's finder stays out, and the test checks that ``pipeline`` and ``transforms``
are imported from the new venv. Every run starts in a folder outside the checkout.

Each comparison runs the same job twice in the same folder (same absolute input paths, hence
the same item ids): once with the installed ``newsbeam``, once with the editable one, a fresh
state and output each time; records must be equal apart from run-time fields.
"""
from __future__ import annotations

import dataclasses
import glob
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile

import orjson
import pytest

from pipeline.config import REPO_ROOT

pytestmark = pytest.mark.slow

#: what a clean clone holds that the build reads
SOURCES = ('pyproject.toml', 'setup.py', 'README.md', 'pipeline', 'transforms', 'configs')
FAMILIES = ('items', 'duplicates', 'dead_letter', 'filtered', 'seen_before')
EDITABLE = os.path.join(os.path.dirname(sys.executable), 'newsbeam')
SEED = os.path.join(REPO_ROOT, 'samples', '000_f2941d14c663b832.txt')


@dataclasses.dataclass(frozen=True)
class Installed:
    wheel: str
    python: str
    newsbeam: str
    site: str


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ('PYTHONPATH', 'PYTHONHOME')}
    env.update(NEWSBEAM_LOG_LEVEL='WARNING', **extra)
    return env


def _run(argv: list[str], cwd, timeout: float = 600, **env: str) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in argv], cwd=str(cwd), env=_env(**env), text=True,
                          capture_output=True, timeout=timeout)
    assert done.returncode == 0, (f'{argv} exited {done.returncode}\n{done.stdout[-3000:]}\n'
                                  f'{done.stderr[-5000:]}')
    return done


@pytest.fixture(scope='module')
def installed(tmp_path_factory) -> Installed:
    root = tmp_path_factory.mktemp('install')
    src = root / 'src'
    src.mkdir()
    ignore = shutil.ignore_patterns('__pycache__', '*.pyc', '*.egg-info', 'build')
    for name in SOURCES:
        origin = os.path.join(REPO_ROOT, name)
        if os.path.isdir(origin):
            shutil.copytree(origin, src / name, ignore=ignore)
        else:
            shutil.copy(origin, src / name)
    _run([sys.executable, '-m', 'pip', 'wheel', '--quiet', '--no-deps', '--no-index',
          '--no-build-isolation', '--wheel-dir', root / 'dist', src], cwd=root)
    wheel, = glob.glob(str(root / 'dist' / 'newsbeam-*.whl'))
    venv = root / 'venv'
    _run([sys.executable, '-m', 'venv', '--without-pip', venv], cwd=root)
    python = str(venv / 'bin' / 'python')
    site = _run([python, '-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'],
                cwd=root).stdout.strip()
    # the test venv's third-party packages (apache-beam, ...), without its .pth files
    borrowed = sorted({sysconfig.get_paths()['purelib'], sysconfig.get_paths()['platlib']})
    with open(os.path.join(site, 'newsbeam_test_borrowed.pth'), 'w', encoding='utf-8') as fh:
        fh.write(''.join(f'{path}\n' for path in borrowed))
    _run([sys.executable, '-m', 'pip', '--python', python, 'install', '--quiet', '--no-deps',
          '--no-index', wheel], cwd=root)
    return Installed(wheel=wheel, python=python, newsbeam=str(venv / 'bin' / 'newsbeam'),
                     site=site)


def _records(run_dir: str) -> dict[str, list[dict]]:
    out = {}
    for family in FAMILIES:
        rows = []
        for path in sorted(glob.glob(os.path.join(run_dir, f'{family}*.jsonl'))):
            with open(path, 'rb') as handle:
                rows += [orjson.loads(line) for line in handle if line.strip()]
        out[family] = rows
    return out


def _comparable(records: dict[str, list[dict]]) -> dict[str, list[bytes]]:
    """Records without run-time fields (when, which run), in a stable order."""
    def clean(record: dict) -> dict:
        record = dict(record)
        record.pop('ingested_at', None)
        if isinstance(record.get('provenance'), dict):
            record['provenance'] = {k: v for k, v in record['provenance'].items()
                                    if k not in ('run_id', 'fetched_at', 'ingested_at')}
        return record
    return {family: sorted(orjson.dumps(clean(r), option=orjson.OPT_SORT_KEYS) for r in rows)
            for family, rows in records.items()}


def _assert_same(installed: dict[str, list[dict]], editable: dict[str, list[dict]]) -> None:
    """Equal apart from run-time fields; a failure names the family and the differing keys."""
    left, right = _comparable(installed), _comparable(editable)
    for family in FAMILIES:
        if left[family] == right[family]:
            continue
        only_left = [orjson.loads(r) for r in left[family] if r not in right[family]]
        only_right = [orjson.loads(r) for r in right[family] if r not in left[family]]
        detail = f'{len(left[family])} vs {len(right[family])} records'
        if only_left and only_right:
            a, b = only_left[0], only_right[0]
            keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            detail += (f'; first difference in keys {keys}: installed '
                       f'{ {k: a.get(k) for k in keys} } vs editable '
                       f'{ {k: b.get(k) for k in keys} }')
        pytest.fail(f'{family}: installed and editable runs differ: {detail}'[:4000])


def _run_dir(out: str) -> str:
    """The run folder a template's ``latest`` pointer names."""
    latest = glob.glob(os.path.join(out, '**', 'latest'), recursive=True)
    assert len(latest) == 1, latest
    return os.path.realpath(latest[0])


def _summary(run_dir: str) -> dict:
    with open(os.path.join(run_dir, 'run.json'), 'rb') as handle:
        return orjson.loads(handle.read())


def _set_aside(work, *names: str) -> None:
    """Move a run's output and state away, so the next run starts fresh in the same place."""
    aside = work.parent / f'{work.name}-aside'
    aside.mkdir(exist_ok=True)
    for name in names:
        os.rename(work / name, aside / name)


def test_the_wheel_is_what_runs(installed, tmp_path):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for package in ('pipeline', 'transforms'):
        for path in glob.glob(os.path.join(REPO_ROOT, package, '**', '*.py'), recursive=True):
            assert os.path.relpath(path, REPO_ROOT) in names
    configs = os.path.join(REPO_ROOT, 'configs')
    shipped = {os.path.relpath(os.path.join(folder, name), configs).replace(os.sep, '/')
               for folder, dirs, files in os.walk(configs) for name in files
               if not name.endswith('.pyc') and 'curated' not in folder.split(os.sep)}
    assert {'local.yaml', 'topics.yaml', 'categories.yaml', '__init__.py'} <= shipped
    assert {f'transforms/defaults/{name}' for name in shipped} <= names
    assert not [n for n in names if '/curated/' in n]      # build input, not runtime data
    probe = ('import json, pipeline, transforms, transforms.defaults, importlib.resources as r;'
             'print(json.dumps([pipeline.__file__, transforms.__file__,'
             ' str(r.files("transforms.defaults") / "topics.yaml")]))')
    paths = orjson.loads(_run([installed.python, '-c', probe], cwd=tmp_path).stdout)
    assert all(p.startswith(installed.site + os.sep) for p in paths), paths
    assert 'newsbeam init DIR' in _run([installed.newsbeam, '--help'], cwd=tmp_path).stdout
    assert 'newsbeam run' in _run([installed.python, '-m', 'pipeline', '--help'],
                                  cwd=tmp_path).stdout


def test_sample_inputs_with_the_installed_default_config(installed, tmp_path):
    """No --config, no --input: the packaged default reads ./samples as the checkout does."""
    work = tmp_path / 'work'
    shutil.copytree(os.path.join(REPO_ROOT, 'samples'), work / 'samples')
    _run([installed.newsbeam, 'run'], cwd=work)
    installed_dir = _run_dir(str(work / 'out'))
    installed_out, installed_summary = _records(installed_dir), _summary(installed_dir)
    _set_aside(work, 'out', '.newsbeam-state')
    _run([EDITABLE, 'run'], cwd=work)
    editable_dir = _run_dir(str(work / 'out'))
    editable_out, editable_summary = _records(editable_dir), _summary(editable_dir)

    assert installed_dir.startswith(str(work / 'out' / 'local'))
    assert installed_summary['config'] == 'pkg://transforms.defaults/local.yaml'
    assert installed_summary['counts'] == editable_summary['counts']
    assert installed_summary['counts']['items'] > 10
    assert any(item['tags']['places'] and item['tags']['topics']
               for item in installed_out['items'])
    _assert_same(installed_out, editable_out)


_STEPS_MODULE = '''
"""Steps of a user's own package (importable through PYTHONPATH)."""


def long_titles(item, min_chars: int = 20):
    if len(item.get('title') or '') < min_chars:
        return False, 'short title'
    return True


def port_tagger(item, ports: list):
    text = ' '.join(item.get(f) or '' for f in ('title', 'summary', 'body'))
    return {'places': [{'id': f'port:{p.lower()}', 'name': p} for p in ports if p in text]}
'''


def _full_config(server: str) -> str:
    """A config that sets something in every section."""
    return textwrap.dedent(f'''\
        inputs:
          files: [samples/*.*, samples/*/*]
          feeds: ['{server}/worldwire.rss', '{server}/asia-desk.atom']
          feed_lists: [feeds.txt]
          on_empty_glob: warn
          follow_links: inside
          reread: false
        output:
          dir: 'out/{{date}}/{{run_id}}'
          shards: 2
          write_seen_before: true
          latest: true
          max_dead_letter_ratio: 0.9
        state:
          dir: state
          enabled: true
        read:
          max_file_bytes: 10000000
          max_parse_seconds: 20
        fetch:
          allow_private_networks: true
          min_host_delay: 0.0
          connect_timeout: 5
          total_timeout: 20
          shards: 2
        normalize:
          default_timezone: Asia/Seoul
          max_title_chars: 400
        dedup:
          jaccard_threshold: 0.65
          retention_days: 10
        tag:
          gazetteer_paths: ['pkg://transforms.defaults/gazetteer']
          extra_gazetteer_paths: [mine.jsonl]
          topics_path: 'pkg://transforms.defaults/topics.yaml'
          categories_path: 'pkg://transforms.defaults/categories.yaml'
          max_topics: 2
        steps:
          - stage: filter
            use: newsbeam_test_steps:long_titles
            with: {{min_chars: 40}}
          - stage: tag
            use: newsbeam_test_steps:port_tagger
            with: {{ports: [Busan, Pyongyang]}}
        ''')


def test_config_with_every_section(installed, tmp_path, sample_feed_server):
    work = tmp_path / 'work'
    shutil.copytree(os.path.join(REPO_ROOT, 'samples'), work / 'samples')
    (work / 'ext').mkdir()
    (work / 'ext' / 'newsbeam_test_steps.py').write_text(_STEPS_MODULE, encoding='utf-8')
    (work / 'feeds.txt').write_text(f'# more feeds\n{sample_feed_server}/europe-digest.rdf\n'
                                    f'{sample_feed_server}/tech-brief.json\n', encoding='utf-8')
    (work / 'mine.jsonl').write_text(
        '{"id": "x:zorblax", "name": "Zorblax Maritime", "kind": "organization"}\n',
        encoding='utf-8')
    (work / 'samples' / 'zz_local.jsonl').write_text(orjson.dumps({
        'id': 'local-1', 'url': 'https://news.example/zorblax', 'headline':
        'Zorblax Maritime opens a new container terminal in Busan harbour',
        'text': 'Zorblax Maritime said on Monday that its new terminal in Busan will handle '
                'two million containers a year once the second berth is finished in 2026.',
        'published_at': '2024-12-02T09:00:00Z', 'source': 'news.example'}).decode() + '\n',
        encoding='utf-8')
    (work / 'news.yaml').write_text(_full_config(sample_feed_server), encoding='utf-8')
    ext = str(work / 'ext')

    _run([installed.newsbeam, 'run', '--config', 'news.yaml'], cwd=work, PYTHONPATH=ext)
    installed_dir = _run_dir(str(work / 'out'))
    installed_out, installed_summary = _records(installed_dir), _summary(installed_dir)
    installed_files = sorted(os.listdir(installed_dir))
    _set_aside(work, 'out', 'state')
    _run([EDITABLE, 'run', '--config', 'news.yaml'], cwd=work, PYTHONPATH=ext)
    editable_dir = _run_dir(str(work / 'out'))
    editable_out, editable_summary = _records(editable_dir), _summary(editable_dir)

    counts = installed_summary['counts']
    assert counts == editable_summary['counts']
    assert counts['filtered'] > 0 and counts['items'] > 10
    assert len(installed_summary['feeds']) == 4
    assert {f['status'] for f in installed_summary['feeds']} == {'ok'}
    assert [n for n in installed_files if n.startswith('items')] == [   # shards: 2
        'items-00000-of-00002.jsonl', 'items-00001-of-00002.jsonl']
    assert sorted(os.listdir(editable_dir)) == installed_files
    assert any(t['id'] == 'x:zorblax' for item in installed_out['items']
               for t in item['tags']['organizations'])                       # extra gazetteer
    assert any(t['id'] == 'port:busan' for item in installed_out['items']
               for t in item['tags']['places'])                              # the user's step
    assert any(item['source']['kind'] == 'feed' for item in installed_out['items'])
    _assert_same(installed_out, editable_out)


def test_init_then_run_in_the_installed_venv(installed, tmp_path):
    _run([installed.newsbeam, 'init', 'news'], cwd=tmp_path)
    shutil.copy(SEED, tmp_path / 'news' / 'inputs')
    _run([installed.newsbeam, 'run', '--config', 'news/newsbeam.yaml'], cwd=tmp_path)
    run_dir = _run_dir(str(tmp_path / 'news' / 'out'))
    items = _records(run_dir)['items']
    assert _summary(run_dir)['counts']['read'] == 1
    assert len(items) == 1 and items[0]['tags']['places'] and items[0]['tags']['persons']
