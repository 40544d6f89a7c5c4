"""deploy/docker: the Dockerfile, its ignore file, its config and the dependency lock.

No Docker engine runs here. The fast tests read the Dockerfile and check what the image would
hold; the slow test REPLAYS it: the build context copied as the ignore file allows, the wheel
built as stage 1 builds it, a fresh venv, the final stage's ``pip`` steps run against it, then
the ENTRYPOINT with ``--help``, with ``run`` on a copied sample from another directory, and the
CMD with the image's config. The dependencies the lock would install are taken from the
project's .venv (a ``.pth`` line) instead of being downloaded again.
"""
from __future__ import annotations

import fnmatch
import glob
import os
import re
import shutil
import subprocess
import sys
import tomllib

import orjson
import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from pipeline.config import parse_config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DOCKERFILE = 'deploy/docker/Dockerfile'
IGNORE = os.path.join(ROOT, 'deploy', 'docker', 'Dockerfile.dockerignore')
LOCK = os.path.join(ROOT, 'deploy', 'requirements.lock')
STATE_VOLUME = '/var/lib/newsbeam'


# -- helpers ---------------------------------------------------------------------------------------
def _ignore_patterns() -> list[str]:
    with open(IGNORE, encoding='utf-8') as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith('#')]


def _ignored(relative: str, patterns: list[str]) -> bool:
    """Whether Docker leaves ``relative`` (a path in the context) out: a pattern matches the
    path or one of its parent folders (``**/`` matches any depth). No ``!`` patterns are used."""
    parts = relative.split('/')
    for pattern in patterns:
        pattern = pattern.rstrip('/')
        bare = pattern[3:] if pattern.startswith('**/') else None
        for i in range(1, len(parts) + 1):
            prefix = '/'.join(parts[:i])
            if fnmatch.fnmatchcase(prefix, pattern):
                return True
            if bare and fnmatch.fnmatchcase(parts[i - 1], bare):
                return True
    return False


def _lock() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of deploy/requirements.lock."""
    with open(LOCK, encoding='utf-8') as handle:
        text = re.sub(r'\\\n', ' ', handle.read())
    out = {}
    for line in text.splitlines():
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        spec, *options = line.split()
        name, sep, version = spec.partition('==')
        assert sep, f'not pinned with ==: {line}'
        assert canonicalize_name(name) not in out, f'{name} pinned twice'
        hashes = [o for o in options if o.startswith('--hash=')]
        assert options == hashes, f'only --hash options belong on a lock line: {line}'
        out[canonicalize_name(name)] = (version, hashes)
    return out


def _stage(instructions, index):
    return [i for i in instructions if i.stage == index]


def _arg_defaults(instructions) -> dict[str, str]:
    return {i.text.split('=', 1)[0]: i.text.split('=', 1)[1] for i in instructions
            if i.keyword == 'ARG' and '=' in i.text}


# -- the Dockerfile ------------------------------------------------------------------------------
def test_two_stages_on_a_slim_python_311_base(dockerfile):
    instructions = dockerfile(DOCKERFILE)
    froms = [i.text for i in instructions if i.keyword == 'FROM']
    assert len(froms) == 2 and froms[0].endswith(' AS build')
    base = _arg_defaults(instructions)['PYTHON_IMAGE']
    assert re.fullmatch(r'python:3\.11-slim(-\w+)?', base)
    assert froms[1] == '${PYTHON_IMAGE}'
    build = _stage(instructions, 0)
    wheel = [c for i in build if i.keyword == 'RUN' for c in i.commands()]
    assert any(c[:2] == ['pip', 'wheel'] and '--no-deps' in c for c in wheel)


def test_runs_as_a_non_root_user_with_its_state_in_a_volume(dockerfile):
    final = _stage(dockerfile(DOCKERFILE), 1)
    user = [i.text for i in final if i.keyword == 'USER']
    assert len(user) == 1
    uid = user[0].split(':')[0]
    assert uid.isdigit() and int(uid) > 0, 'a numeric uid, so runAsNonRoot can verify it'
    created = ' '.join(' '.join(c) for i in final if i.keyword == 'RUN' for c in i.commands())
    assert f'--uid {uid}' in created
    volumes = [v for i in final if i.keyword == 'VOLUME' for v in i.exec_form()]
    assert volumes == [STATE_VOLUME]
    assert [i.exec_form() for i in final if i.keyword == 'ENTRYPOINT'] == [['newsbeam']]
    # the directory exists, owned by that user, before the volume is declared
    assert f'-o newsbeam -g newsbeam -m 0750 {STATE_VOLUME}' in created
    # USER comes after every RUN: nothing runs as newsbeam that needs root, and vice versa
    keywords = [i.keyword for i in final]
    assert keywords.index('USER') > max(n for n, k in enumerate(keywords) if k == 'RUN')


def test_dependencies_come_from_the_lock_with_hashes(dockerfile):
    final = _stage(dockerfile(DOCKERFILE), 1)
    commands = [c for i in final if i.keyword == 'RUN' for c in i.commands()]
    installs = [c for c in commands if c[:2] == ['pip', 'install']]
    assert len(installs) == 2
    lock_install, wheel_install = installs
    assert '--require-hashes' in lock_install and '-r' in lock_install
    lock_path = lock_install[lock_install.index('-r') + 1]
    copies = {i.text.split()[-1]: i.text.split()[0] for i in final if i.keyword == 'COPY'
              and 'from' not in i.flags}
    assert copies[lock_path] == 'deploy/requirements.lock'
    # the wheel with no index: a dependency missing from the lock fails the build
    assert '--no-index' in wheel_install and '--no-deps' not in wheel_install
    assert any(c[:2] == ['pip', 'check'] for c in commands)


def test_every_copied_file_exists_and_is_in_the_build_context(dockerfile):
    patterns = _ignore_patterns()
    for instruction in dockerfile(DOCKERFILE):
        if instruction.keyword != 'COPY' or 'from' in instruction.flags:
            continue
        *sources, _ = instruction.text.split()
        for source in sources:
            if source == '.':
                continue
            assert os.path.exists(os.path.join(ROOT, source)), source
            assert not _ignored(source, patterns), f'{source} is left out of the context'
    # what building the wheel reads is in the context too
    with open(os.path.join(ROOT, 'pyproject.toml'), 'rb') as handle:
        project = tomllib.load(handle)['project']
    needed = ['pyproject.toml', project['readme'], 'pipeline/cli.py', 'transforms/__init__.py',
              'configs/local.yaml']
    if os.path.exists(os.path.join(ROOT, 'setup.py')):
        needed.append('setup.py')
    for path in needed:
        assert not _ignored(path, patterns), f'{path} is left out of the context'
    for path in ('.git/HEAD', '.venv/bin/python', 'out/x/run.json', 'tests/conftest.py',
                 'transforms/__pycache__/x.pyc', '.newsbeam-state/state.sqlite'):
        assert _ignored(path, patterns), f'{path} would be sent to the build'


def test_the_images_config_is_valid_and_writes_only_into_the_volume(dockerfile):
    final = _stage(dockerfile(DOCKERFILE), 1)
    cmd = [i.exec_form() for i in final if i.keyword == 'CMD'][0]
    assert cmd[:2] == ['run', '--config']
    copies = {i.text.split()[-1]: i.text.split()[0] for i in final if i.keyword == 'COPY'}
    source = copies[cmd[2]]
    with open(os.path.join(ROOT, source), encoding='utf-8') as handle:
        data = yaml.safe_load(handle)
    config = parse_config(data, cmd[2])
    assert config.output.dir.startswith(STATE_VOLUME + '/')
    assert config.state.dir.startswith(STATE_VOLUME + '/')
    assert all(p.startswith(STATE_VOLUME + '/') for p in config.inputs.files)


# -- the lock ----------------------------------------------------------------------------------
def test_the_lock_pins_every_requirement_of_the_wheel_with_a_hash():
    lock = _lock()
    assert lock, 'empty lock'
    for name, (version, hashes) in lock.items():
        assert hashes and all(re.fullmatch(r'--hash=sha256:[0-9a-f]{64}', h) for h in hashes), \
            name
    with open(os.path.join(ROOT, 'pyproject.toml'), 'rb') as handle:
        requirements = tomllib.load(handle)['project']['dependencies']
    for text in requirements:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in lock, f'{requirement.name} is not in deploy/requirements.lock: ' \
                             f'run deploy/make_lock.py'
        assert requirement.specifier.contains(lock[name][0], prereleases=True), \
            f'{name}=={lock[name][0]} does not satisfy {text}: run deploy/make_lock.py'
        for extra in requirement.extras:  # psycopg[binary] -> psycopg-binary
            assert any(n.startswith(f'{name}-{extra}') for n in lock), f'{text}: {extra}'


def test_the_lock_is_closed_under_the_dependencies_installed_here():
    """For every locked package installed here at the locked version, what it requires (its
    markers evaluated for Linux CPython 3.11) is locked too."""
    from importlib import metadata
    lock = _lock()
    env = {**default_environment(), 'python_version': '3.11', 'sys_platform': 'linux',
           'platform_system': 'Linux', 'implementation_name': 'cpython', 'extra': ''}
    checked = 0
    for name, (version, _) in lock.items():
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if dist.version != version:
            continue
        checked += 1
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker and not requirement.marker.evaluate(env):
                continue
            assert canonicalize_name(requirement.name) in lock, \
                f'{name} needs {requirement.name}, which the lock lacks'
    assert checked >= len(lock) // 2, 'the lock and this venv share too little to check'


# -- the replay ----------------------------------------------------------------------------------
def _copy_context(destination: str) -> None:
    """The build context as Docker would send it (the ignore file applied)."""
    patterns = _ignore_patterns()

    def ignore(directory, names):
        relative = os.path.relpath(directory, ROOT)
        prefix = '' if relative == '.' else relative.replace(os.sep, '/') + '/'
        return [n for n in names if _ignored(prefix + n, patterns)]
    shutil.copytree(ROOT, destination, ignore=ignore, symlinks=True)


def _dependencies_of_the_project_venv(venv: str, tmp) -> None:
    """Make the project's installed packages, except newsbeam itself, visible to ``venv``."""
    source = glob.glob(os.path.join(ROOT, '.venv', 'lib', 'python3*', 'site-packages'))[0]
    mirror = tmp / 'deps'
    mirror.mkdir()
    skip = re.compile(r'(newsbeam|__editable__|pipeline|transforms|configs)([-_.].*)?$|.*\.pth$',
                      re.IGNORECASE)
    for name in os.listdir(source):
        if not skip.match(name):
            os.symlink(os.path.join(source, name), mirror / name)
    target = glob.glob(os.path.join(venv, 'lib', 'python3*', 'site-packages'))[0]
    with open(os.path.join(target, '_project_dependencies.pth'), 'w') as handle:
        handle.write(f'{mirror}\n')


def _pip(venv: str, args: list[str], cwd: str) -> subprocess.CompletedProcess:
    python = os.path.join(venv, 'bin', 'python')
    return subprocess.run([sys.executable, '-m', 'pip', '--python', python, *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_replay_the_image_build_and_run_its_entry_point(dockerfile, tmp_path):
    instructions = dockerfile(DOCKERFILE)
    build, final = _stage(instructions, 0), _stage(instructions, 1)
    paths: dict[str, str] = {}   # image path -> where it is here

    # stage 1: COPY . /src, then its pip wheel command
    src = str(tmp_path / 'src')
    _copy_context(src)
    for instruction in build:
        if instruction.keyword == 'COPY':
            assert instruction.text.split()[0] == '.'
            paths[instruction.text.split()[-1]] = src
    for instruction in build:
        if instruction.keyword != 'RUN':
            continue
        for command in instruction.commands():
            assert command[:2] == ['pip', 'wheel']
            wheels = str(tmp_path / 'wheels')
            paths[command[command.index('--wheel-dir') + 1]] = wheels
            args = [paths.get(a, a) for a in command[1:]]
            # offline: build with the setuptools installed here instead of downloading one
            done = subprocess.run([sys.executable, '-m', 'pip', *args, '--no-build-isolation'],
                                  capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, done.stderr[-3000:]
    built = glob.glob(os.path.join(paths['/wheels'], 'newsbeam-*.whl'))
    assert len(built) == 1

    # stage 2: a fresh venv; COPY --from=build maps the wheels; the pip steps replayed
    venv = str(tmp_path / 'venv')
    subprocess.run([sys.executable, '-m', 'venv', '--without-pip', venv], check=True)
    _dependencies_of_the_project_venv(venv, tmp_path)
    for instruction in final:
        if instruction.keyword == 'COPY':
            source, target = instruction.text.split()[0], instruction.text.split()[-1]
            if instruction.flags.get('from') == 'build':
                paths[target.rstrip('/')] = paths[source.rstrip('/')]
            else:
                paths[target] = os.path.join(ROOT, source)
    replayed = []
    for instruction in final:
        if instruction.keyword != 'RUN':
            continue
        for command in instruction.commands():
            if command[0] != 'pip':
                continue  # users, directories, clean-up: nothing to replay in a venv
            if '-r' in command:  # the lock: its packages come from the project venv (.pth)
                continue
            args = []
            for arg in command[1:]:
                for image_path, here in paths.items():
                    if arg.startswith(image_path + '/'):
                        arg = here + arg[len(image_path):]
                args.extend(sorted(glob.glob(arg)) if '*' in arg else [arg])
            done = _pip(venv, args, cwd=str(tmp_path))
            assert done.returncode == 0, f'{command}: {done.stdout[-2000:]}{done.stderr[-2000:]}'
            replayed.append(command[:2])
    assert replayed == [['pip', 'install'], ['pip', 'check']]

    # the installed package is the wheel's, not the checkout's
    elsewhere = tmp_path / 'elsewhere'
    elsewhere.mkdir()
    python = os.path.join(venv, 'bin', 'python')
    env = {k: v for k, v in os.environ.items() if k not in ('PYTHONPATH', 'VIRTUAL_ENV')}
    env['NEWSBEAM_LOG_LEVEL'] = 'WARNING'
    where = subprocess.run([python, '-c', 'import pipeline.cli, transforms; '
                            'print(pipeline.cli.__file__); print(transforms.__file__)'],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    for line in where.stdout.split():
        assert line.startswith(venv), f'imported from {line}, not the fresh venv'

    # ENTRYPOINT ["newsbeam"]
    entry = [i.exec_form() for i in final if i.keyword == 'ENTRYPOINT'][0]
    executable = [os.path.join(venv, 'bin', entry[0]), *entry[1:]]
    helped = subprocess.run([*executable, '--help'], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=120)
    assert helped.returncode == 0 and 'run' in helped.stdout

    sample = elsewhere / 'article.txt'
    shutil.copy(os.path.join(ROOT, 'samples', '000_f2941d14c663b832.txt'), sample)
    ran = subprocess.run([*executable, 'run', '--input', 'article.txt', '--output', 'out',
                          '--state', 'state'], cwd=elsewhere, env=env, capture_output=True,
                         text=True, timeout=300)
    assert ran.returncode == 0, ran.stderr[-3000:]
    summary = orjson.loads((elsewhere / 'out' / 'run.json').read_bytes())
    assert summary['counts']['read'] == 1 and summary['counts']['items'] == 1

    # CMD ["run", "--config", "/etc/newsbeam/config.yaml"], the volume mapped to a folder here
    cmd = [i.exec_form() for i in final if i.keyword == 'CMD'][0]
    volume = tmp_path / 'volume'
    with open(paths[cmd[2]], encoding='utf-8') as handle:
        text = handle.read().replace(STATE_VOLUME, str(volume))
    config = tmp_path / 'config.yaml'
    config.write_text(text)
    (volume / 'inbox').mkdir(parents=True)
    shutil.copy(os.path.join(ROOT, 'samples', '000_f2941d14c663b832.txt'), volume / 'inbox')
    ran = subprocess.run([*executable, *[str(config) if a == cmd[2] else a for a in cmd]],
                         cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0, ran.stderr[-3000:]
    runs = glob.glob(str(volume / 'runs' / '*' / '*' / 'run.json'))
    assert len(runs) == 1
    assert os.path.exists(volume / 'state' / 'state.sqlite')
