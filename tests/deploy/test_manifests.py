"""deploy/k8s, deploy/airflow and deploy/dataflow: every manifest parsed and its key fields
checked; the DAG imported without Airflow and with a small stand-in for Airflow's API; the
Flex Template's entry point run on its parameters."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import stat
import subprocess
import sys
import types

import pytest
import yaml
from packaging.utils import canonicalize_name

from pipeline.config import parse_config
from transforms.state import url_password

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEPLOY = os.path.join(ROOT, 'deploy')
CRONJOB = os.path.join(DEPLOY, 'k8s', 'cronjob.yaml')
DAG_FILE = os.path.join(DEPLOY, 'airflow', 'newsbeam_dag.py')
FLEX = os.path.join(DEPLOY, 'dataflow', 'flex-template.json')
FLEX_MAIN = os.path.join(DEPLOY, 'dataflow', 'main.py')


def _strings(node):
    """Every string in a parsed manifest, keys and values."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def _no_password_literal(document) -> None:
    for text in _strings(document):
        for url in re.findall(r'[a-z][a-z0-9+.-]*://\S+', text):
            assert url_password(url) is None, f'a password written in a manifest: {url}'
        assert not re.search(r'(?i)password\s*[:=]\s*\S', text), text


# -- Kubernetes -----------------------------------------------------------------------------------
@pytest.fixture(scope='module')
def k8s():
    with open(CRONJOB, encoding='utf-8') as handle:
        documents = [d for d in yaml.safe_load_all(handle) if d]
    return {d['kind']: d for d in documents}


def test_the_cronjob_never_overlaps_and_retries_only_exit_1(k8s):
    cron = k8s['CronJob']
    assert cron['apiVersion'] == 'batch/v1'
    assert cron['spec']['concurrencyPolicy'] == 'Forbid'
    job = cron['spec']['jobTemplate']['spec']
    assert job['backoffLimit'] >= 1
    pod = job['template']['spec']
    assert pod['restartPolicy'] == 'Never'  # podFailurePolicy requires it
    rules = job['podFailurePolicy']['rules']
    fail_job = [r for r in rules if r['action'] == 'FailJob']
    assert len(fail_job) == 1
    codes = fail_job[0]['onExitCodes']
    assert codes['operator'] == 'In' and sorted(codes['values']) == [2, 3]
    assert codes['containerName'] == pod['containers'][0]['name']
    # 75 is mapped to 0 by the wrapper the image ships
    container = pod['containers'][0]
    assert container['command'] == ['newsbeam-cron']
    with open(os.path.join(DEPLOY, 'docker', 'Dockerfile'), encoding='utf-8') as handle:
        assert '/usr/local/bin/newsbeam-cron' in handle.read()
    text = open(CRONJOB, encoding='utf-8').read()
    for status in ('0', '1', '2', '3', '75'):
        assert re.search(rf'^#\s+{status}\s', text, re.M), f'exit {status} is not explained'


def test_the_pod_runs_as_the_images_non_root_user(k8s, dockerfile):
    pod = k8s['CronJob']['spec']['jobTemplate']['spec']['template']['spec']
    security = pod['securityContext']
    assert security['runAsNonRoot'] is True
    user = [i.text for i in dockerfile('deploy/docker/Dockerfile') if i.keyword == 'USER'][-1]
    assert security['runAsUser'] == int(user.split(':')[0]) != 0
    assert security['runAsGroup'] == int(user.split(':')[1])
    container = pod['containers'][0]
    assert container['securityContext']['allowPrivilegeEscalation'] is False
    assert container['securityContext']['readOnlyRootFilesystem'] is True
    assert container['securityContext']['capabilities']['drop'] == ['ALL']
    resources = container['resources']
    assert set(resources['requests']) == {'cpu', 'memory'} == set(resources['limits'])


def test_the_state_url_comes_from_a_secret_and_the_config_from_the_configmap(k8s):
    config_map = k8s['ConfigMap']
    config = parse_config(yaml.safe_load(config_map['data']['config.yaml']),
                          '/etc/newsbeam/config.yaml')
    assert config.state.url_env and not config.state.url
    pod = k8s['CronJob']['spec']['jobTemplate']['spec']['template']['spec']
    container = pod['containers'][0]
    env = {e['name']: e for e in container['env']}
    secret = env[config.state.url_env]['valueFrom']['secretKeyRef']
    assert secret['name'] and secret['key']
    assert 'value' not in env[config.state.url_env]
    # the config file is the ConfigMap's, mounted where the args say
    volumes = {v['name']: v for v in pod['volumes']}
    mounts = {m['mountPath']: m for m in container['volumeMounts']}
    config_path = container['args'][container['args'].index('--config') + 1]
    mount = mounts[os.path.dirname(config_path)]
    assert volumes[mount['name']]['configMap']['name'] == config_map['metadata']['name']
    assert os.path.basename(config_path) in config_map['data']
    # outputs go to the claimed volume; with a read-only root, /tmp is writable
    data = next(path for path in mounts if config.output.dir.startswith(path + '/'))
    claim = volumes[mounts[data]['name']]['persistentVolumeClaim']['claimName']
    assert claim == k8s['PersistentVolumeClaim']['metadata']['name']
    assert '/tmp' in mounts


def test_no_manifest_holds_a_password(k8s):
    for document in k8s.values():
        _no_password_literal(document)
    with open(FLEX, encoding='utf-8') as handle:
        _no_password_literal(json.load(handle))


# -- Airflow ---------------------------------------------------------------------------------------
def _load_dag_module(name='newsbeam_dag_under_test'):
    spec = importlib.util.spec_from_file_location(name, DAG_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dag_file_imports_without_airflow(monkeypatch):
    for name in [n for n in sys.modules if n == 'airflow' or n.startswith('airflow.')]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, 'airflow', None)  # import airflow -> ImportError
    module = _load_dag_module()
    assert module.dag is None and module.DAG is None
    assert [module.outcome(s) for s in (0, 75, 1, 2, 3, -9, 4)] == [
        'success', 'skip', 'retry', 'fail', 'fail', 'retry', 'fail']


class _Skip(Exception):
    pass


class _Fail(Exception):  # like AirflowFailException: a failure without retries
    pass


class _Error(Exception):
    pass


@pytest.fixture
def fake_airflow(monkeypatch):
    """Just enough of Airflow's API for the DAG file: a DAG context manager that collects
    operators, a PythonOperator that records its arguments, the three exceptions."""
    tasks = []

    class DAG:
        def __init__(self, dag_id, **kwargs):
            self.dag_id, self.kwargs, self.tasks = dag_id, kwargs, tasks

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    class PythonOperator:
        def __init__(self, task_id, python_callable, **kwargs):
            self.task_id, self.python_callable, self.kwargs = task_id, python_callable, kwargs
            tasks.append(self)

    airflow = types.ModuleType('airflow')
    airflow.DAG = DAG
    exceptions = types.ModuleType('airflow.exceptions')
    exceptions.AirflowException = _Error
    exceptions.AirflowFailException = _Fail
    exceptions.AirflowSkipException = _Skip
    operators = types.ModuleType('airflow.operators')
    python = types.ModuleType('airflow.operators.python')
    python.PythonOperator = PythonOperator
    for name, module in {'airflow': airflow, 'airflow.exceptions': exceptions,
                         'airflow.operators': operators,
                         'airflow.operators.python': python,
                         'airflow.providers': None}.items():
        monkeypatch.setitem(sys.modules, name, module)
    return tasks


def _fake_newsbeam(tmp_path, status: int) -> str:
    path = tmp_path / f'newsbeam-{status}'
    path.write_text(f'#!/bin/sh\necho "$@" > "{tmp_path}/args"\nexit {status}\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_the_dag_runs_newsbeam_skips_75_and_retries_only_1(fake_airflow, tmp_path,
                                                          monkeypatch):
    module = _load_dag_module()
    assert module.dag.dag_id == 'newsbeam'
    assert module.dag.kwargs['max_active_runs'] == 1 and module.dag.kwargs['catchup'] is False
    (task,) = fake_airflow
    assert task.task_id == 'newsbeam_run' and task.kwargs['retries'] >= 1
    assert task.python_callable is module.run_newsbeam

    monkeypatch.setenv('NEWSBEAM_CONFIG', '/etc/nb/config.yaml')
    monkeypatch.setenv('NEWSBEAM_ARGS', "--output '/data/runs/{date}/{run_id}'")
    expected = {0: None, 75: _Skip, 1: _Error, 2: _Fail, 3: _Fail}
    for status, raised in expected.items():
        monkeypatch.setenv('NEWSBEAM_BIN', _fake_newsbeam(tmp_path, status))
        if raised is None:
            task.python_callable()
        else:
            with pytest.raises(raised) as info:
                task.python_callable()
            assert '\n' not in str(info.value)
        assert (tmp_path / 'args').read_text().split() == [
            'run', '--config', '/etc/nb/config.yaml', '--output', '/data/runs/{date}/{run_id}']


# -- Dataflow --------------------------------------------------------------------------------------
def test_the_flex_template_spec_names_its_parameters():
    with open(FLEX, encoding='utf-8') as handle:
        spec = json.load(handle)
    assert spec['name'] and spec['description']
    params = {p['name']: p for p in spec['parameters']}
    assert set(params) == {'input', 'output', 'config', 'state_url', 'state_url_secret'}
    for name, param in params.items():
        assert re.fullmatch(r'[a-zA-Z][a-zA-Z0-9_]*', name)
        assert param['label'] and param['helpText'] and isinstance(param['isOptional'], bool)
        for regex in param.get('regexes', []):
            re.compile(regex)
    assert not params['input']['isOptional'] and not params['output']['isOptional']
    assert re.fullmatch(params['input']['regexes'][0], 'gs://bucket/inbox/*')
    assert re.fullmatch(params['state_url']['regexes'][0], 'postgresql://nb@10.0.0.3/news')
    assert re.fullmatch(params['state_url_secret']['regexes'][0],
                        'projects/p/secrets/newsbeam-state/versions/latest')


def test_the_flex_template_dockerfile(dockerfile):
    instructions = dockerfile('deploy/dataflow/Dockerfile')
    froms = [i.text for i in instructions if i.keyword == 'FROM']
    assert froms == ['gcr.io/dataflow-templates-base/python311-template-launcher-base']
    env = {}
    for i in instructions:
        if i.keyword == 'ENV':
            key, _, value = i.text.partition('=')
            env[key] = value
    copies = {}
    for i in instructions:
        if i.keyword == 'COPY':
            *sources, target = i.text.split()
            for source in sources:
                copies[os.path.join(target, os.path.basename(source))
                       if target.endswith('/') else target] = source
    assert copies[env['FLEX_TEMPLATE_PYTHON_PY_FILE']] == 'deploy/dataflow/main.py'
    assert env['FLEX_TEMPLATE_PYTHON_REQUIREMENTS_FILE'] == '/template/worker-requirements.txt'
    assert env['FLEX_TEMPLATE_PYTHON_EXTRA_PACKAGES'].startswith('/template/dist/newsbeam-')
    version = dict(i.text.split('=', 1) for i in instructions
                   if i.keyword == 'ARG')['NEWSBEAM_VERSION']
    import tomllib
    with open(os.path.join(ROOT, 'pyproject.toml'), 'rb') as handle:
        assert tomllib.load(handle)['project']['version'] == version
    run = ' '.join(' '.join(c) for i in instructions if i.keyword == 'RUN' for c in i.commands())
    assert '--require-hashes' in run
    beam = re.search(r'apache-beam\[gcp\]==(\S+)', run).group(1)
    with open(os.path.join(DEPLOY, 'requirements.lock'), encoding='utf-8') as handle:
        lock = handle.read()
    assert f'apache-beam=={beam} ' in lock, 'the launcher\'s Beam differs from the lock\'s'
    # the worker requirements the RUN line derives from the lock: plain pins, no hashes
    (sed,) = [c for i in instructions if i.keyword == 'RUN' for c in i.commands()
              if c[0] == 'sed']
    assert sed[-2:] == ['>', '/template/worker-requirements.txt']
    sed = [os.path.join(DEPLOY, 'requirements.lock') if a == '/template/requirements.lock'
           else a for a in sed[:-2]]
    done = subprocess.run(sed, capture_output=True, text=True, check=True)
    pins = done.stdout.split()
    assert pins and all(re.fullmatch(r'[a-z0-9._-]+==\S+', p) for p in pins), pins[:5]
    assert {canonicalize_name(p.split('==')[0]) for p in pins} >= {'apache-beam', 'psycopg'}


@pytest.fixture
def flex_main(monkeypatch):
    monkeypatch.delenv('NEWSBEAM_STATE_URL', raising=False)
    spec = importlib.util.spec_from_file_location('flex_main_under_test', FLEX_MAIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_flex_main_takes_the_state_parameters_out(flex_main):
    rest, params = flex_main.split_state_args(
        ['--input=gs://b/in/*', '--state_url', 'postgresql://nb@h/db', '--output=gs://b/o',
         '--runner=DataflowRunner'])
    assert rest == ['--input=gs://b/in/*', '--output=gs://b/o', '--runner=DataflowRunner']
    assert params == {'state_url': 'postgresql://nb@h/db'}
    with pytest.raises(ValueError, match='--state_url_secret needs a value'):
        flex_main.split_state_args(['--state_url_secret'])


def test_flex_main_refuses_a_password_in_a_job_parameter(flex_main, capsys):
    assert flex_main.main(['--input=gs://b/in/*', '--output=gs://b/o',
                           '--state_url=postgresql://nb:pw-in-param@h/db']) == 2
    err = capsys.readouterr().err
    assert err.count('\n') == 1 and 'state_url_secret' in err and 'pw-in-param' not in err
    assert flex_main.main(['--state_url=redis://h/0', '--state_url_secret=projects/p/x']) == 2


def test_flex_main_runs_newsbeam_with_the_state_from_the_secret(flex_main, monkeypatch,
                                                                tmp_path):
    calls = []
    monkeypatch.setattr('pipeline.cli.main', lambda argv: calls.append(argv) or 0)
    secret = 'postgresql://nb:from-secret@10.0.0.3/news'
    fetched = []
    status = flex_main.main(
        ['--input=gs://b/in/*', '--output=gs://b/runs/{run_id}',
         '--state_url_secret=projects/p/secrets/s/versions/latest', '--runner=DataflowRunner'],
        fetch_secret=lambda name: fetched.append(name) or secret)
    assert status == 0 and fetched == ['projects/p/secrets/s/versions/latest']
    assert os.environ['NEWSBEAM_STATE_URL'] == secret
    assert calls == [['run', '--config', flex_main.DEFAULT_CONFIG, '--input=gs://b/in/*',
                      '--output=gs://b/runs/{run_id}', '--runner=DataflowRunner']]
    # the default config reads the state from exactly that variable, and is valid
    with open(flex_main.DEFAULT_CONFIG, encoding='utf-8') as handle:
        config = parse_config(yaml.safe_load(handle), flex_main.DEFAULT_CONFIG)
    assert config.state.url_env == 'NEWSBEAM_STATE_URL'
    assert config.state_config().url == secret
