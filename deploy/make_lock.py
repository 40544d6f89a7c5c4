"""Write deploy/requirements.lock: every package the newsbeam wheel needs, pinned, with hashes.

    .venv/bin/python deploy/make_lock.py            # from the repository root

What goes in: the ``dependencies`` of pyproject.toml (no extras), resolved by pip itself
(``pip install --dry-run --ignore-installed --only-binary=:all: --report``: metadata only,
nothing is installed), constrained to the versions installed in the interpreter that runs this
script -- the ones the test suite ran with. What comes out: ``name==version --hash=sha256:...``
lines for ``pip install --require-hashes`` in deploy/docker/Dockerfile.

Run it with the project's Python 3.11 on Linux x86_64 with glibc 2.36 (Debian bookworm, as the
image's python:3.11-slim-bookworm base): pip picks the wheels for the platform it runs on, and
their hashes are what the lock records. On another platform it refuses (exit 2) unless
``--any-platform`` is given. ``--latest`` resolves without the installed versions as constraints.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCK = os.path.join(ROOT, 'deploy', 'requirements.lock')
TARGET = ('3.11', 'x86_64', 'glibc', '2.36')

HEADER = """\
# Pinned, hashed dependencies of the newsbeam wheel, for deploy/docker/Dockerfile
# (pip install --require-hashes -r requirements.lock). Generated for CPython {py} on Linux
# {machine} ({libc} {libc_version}), the python:3.11-slim-bookworm image, by:
#
#     .venv/bin/python deploy/make_lock.py{args}
#
# Regenerate after changing the dependencies in pyproject.toml (tests/deploy checks that every
# requirement of the wheel is pinned here, at a version that satisfies it). Do not edit by hand.
"""


def project_requirements() -> list[str]:
    with open(os.path.join(ROOT, 'pyproject.toml'), 'rb') as handle:
        return list(tomllib.load(handle)['project']['dependencies'])


def installed_constraints() -> list[str]:
    """``name==version`` of every distribution installed here, except newsbeam itself."""
    out = subprocess.run([sys.executable, '-m', 'pip', 'list', '--format=json',
                          '--exclude-editable'], check=True, capture_output=True, text=True)
    return [f'{d["name"]}=={d["version"]}' for d in json.loads(out.stdout)
            if d['name'].lower() != 'newsbeam']


def resolve(requirements: list[str], constraints: list[str]) -> list[dict]:
    """pip's installation report entries for ``requirements`` (nothing is installed)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, 'report.json')
        cons = os.path.join(tmp, 'constraints.txt')
        with open(cons, 'w', encoding='utf-8') as handle:
            handle.write('\n'.join(constraints) + '\n')
        subprocess.run([sys.executable, '-m', 'pip', 'install', '--dry-run', '--quiet',
                        '--ignore-installed', '--only-binary=:all:', '--report', report,
                        '-c', cons, *requirements], check=True)
        with open(report, encoding='utf-8') as handle:
            return json.load(handle)['install']


def lock_lines(entries: list[dict]) -> list[str]:
    lines = []
    for entry in sorted(entries, key=lambda e: e['metadata']['name'].lower()):
        name, version = entry['metadata']['name'], entry['metadata']['version']
        hashes = (entry['download_info'].get('archive_info') or {}).get('hashes') or {}
        if 'sha256' not in hashes:
            raise SystemExit(f'make_lock: {name} {version} has no sha256 in pip\'s report')
        lines.append(f'{name.lower()}=={version} \\\n    --hash=sha256:{hashes["sha256"]}')
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--output', default=LOCK)
    parser.add_argument('--latest', action='store_true',
                        help='newest versions allowed by pyproject.toml, not the installed ones')
    parser.add_argument('--any-platform', action='store_true',
                        help='write the lock even when this is not the image\'s platform')
    args = parser.parse_args(argv)
    libc, libc_version = platform.libc_ver()
    here = (f'{sys.version_info.major}.{sys.version_info.minor}', platform.machine(), libc,
            libc_version)
    if here != TARGET and not args.any_platform:
        print(f'make_lock: this is CPython {here[0]} on {here[1]} with {here[2]} {here[3]}; the '
              f'image is {TARGET[0]} on {TARGET[1]} with {TARGET[2]} {TARGET[3]}: wheels and '
              f'hashes would differ (--any-platform writes it anyway)', file=sys.stderr)
        return 2
    entries = resolve(project_requirements(), [] if args.latest else installed_constraints())
    flags = ''.join(f' {f}' for f, on in (('--latest', args.latest),
                                          ('--any-platform', args.any_platform)) if on)
    text = HEADER.format(py=here[0], machine=here[1], libc=here[2], libc_version=here[3],
                         args=flags) + '\n'.join(lock_lines(entries)) + '\n'
    with open(args.output, 'w', encoding='utf-8') as handle:
        handle.write(text)
    print(f'{args.output}: {len(entries)} packages')
    return 0


if __name__ == '__main__':
    sys.exit(main())
