"""Where a run writes: its own output directory, the completion marker, the ``latest`` pointer.

Goes in: ``output.dir`` (a plain directory or a template such as ``runs/{date}/{run_id}``) and
the run's identity. Comes out: the run's directory, ``run.json`` written last and atomically, and
a ``latest`` pointer beside templated runs. Guarantees:

* a run never deletes or overwrites another run's files: a directory that holds a completed run
  (``run.json``) is refused before anything runs; the files a failed or killed run left in it
  (no ``run.json``, so never complete) are moved aside to ``_incomplete/<run id>/``, not deleted;
* ``run.json`` is written to a temporary name and renamed, so its presence means the run's
  outputs are complete (downstream readers take only directories that have it);
* the ``latest`` pointer (a text file ``LATEST`` holding the run directory's path relative to
  it, and on the local file system also a relative symlink ``latest``) moves only after a run
  completed.

A local directory is handled with ``os``; any other (``gs://bucket/news``) through Beam's
``FileSystems`` (``pipeline.storage``), where a directory is the prefix of its objects: the same
rules hold, with no symlink.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import glob
import logging
import os
import shutil
import string

import orjson

from . import storage

__all__ = ['TEMPLATE_FIELDS', 'check_template', 'is_template', 'run_directory',
           'prepare_run_directory', 'write_run_json', 'update_latest', 'latest_base',
           'OutputDirInUse', 'FAMILIES', 'RUN_FILE', 'RUN_ID_FILE']

LOG = logging.getLogger('newsbeam')

TEMPLATE_FIELDS = ('run_id', 'date', 'time', 'year', 'month', 'day', 'hour')
FAMILIES = ('items', 'duplicates', 'dead_letter', 'filtered', 'seen_before')
RUN_FILE = 'run.json'
#: inside the run's working folder: which run the folder belongs to
RUN_ID_FILE = 'run_id'


class OutputDirInUse(ValueError):
    """The output directory holds another run's completed outputs (a usage error)."""


def _fields(template: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise ValueError(f'output.dir {template!r} is not a valid template: {exc}') from None


def check_template(template: str) -> None:
    """Raise ``ValueError`` naming the field when ``template`` uses an unknown one."""
    for name in _fields(template):
        if name not in TEMPLATE_FIELDS:
            raise ValueError(f'output.dir: unknown template field {{{name}}}; allowed: '
                             + ', '.join('{%s}' % f for f in TEMPLATE_FIELDS))


def is_template(template: str) -> bool:
    return bool(_fields(template))


def run_directory(template: str, run_id: str, started_at: str) -> str:
    """The run's own directory: ``template`` with the run's id and start time filled in."""
    check_template(template)
    stamp = dt.datetime.strptime(started_at, '%Y-%m-%dT%H:%M:%SZ')
    return template.format(run_id=run_id, date=f'{stamp:%Y-%m-%d}', time=f'{stamp:%H%M%S}',
                           year=f'{stamp:%Y}', month=f'{stamp:%m}', day=f'{stamp:%d}',
                           hour=f'{stamp:%H}')


def latest_base(template: str) -> str | None:
    """Where the ``latest`` pointer of a templated output lives: the deepest directory of the
    template that has no field in it (``runs/{date}/{run_id}`` -> ``runs``,
    ``gs://b/runs/{run_id}`` -> ``gs://b/runs``); None for a plain directory."""
    if not is_template(template):
        return None
    root = ''
    if not storage.is_local(template):
        root, _, template = template.partition('://')
        root += '://'
    parts = template.rstrip('/').split('/')
    static = []
    for part in parts:
        if _fields(part):
            break
        static.append(part)
    base = '/'.join(static)
    if root:
        return root + base
    return base or ('/' if template.startswith('/') else '.')


def _run_files(directory: str) -> list[str]:
    found = []
    for family in FAMILIES:
        found += glob.glob(os.path.join(glob.escape(directory), f'{family}*.jsonl'))
    found += glob.glob(os.path.join(glob.escape(directory), 'beam-temp-*'))
    return sorted(found)


def _refuse_completed(directory: str) -> None:
    run_json = storage.join(directory, RUN_FILE)
    if not storage.exists(run_json):
        return
    try:
        other = orjson.loads(storage.read_bytes(run_json)).get('run_id') or 'unknown'
    except (OSError, orjson.JSONDecodeError, AttributeError):
        other = 'unknown'
    raise OutputDirInUse(
        f'output directory {directory} already holds run {other} (run.json); a run never '
        f'overwrites another: give a new directory or a template such as '
        f'{storage.join(directory, "{run_id}")}')


def _read_run_id(path: str) -> str:
    try:
        return storage.read_bytes(path).decode('utf-8', 'replace').strip() or 'unknown'
    except OSError:
        return 'unknown'


def _is_leftover(name: str, work_dir: str) -> bool:
    """Whether object ``name`` (relative to a run directory) belongs to a run's outputs: a
    family's JSONL file, Beam's temporary files, or the run's working folder."""
    top, _, rest = name.partition('/')
    if top == work_dir or top.startswith('beam-temp-'):
        return True
    return not rest and any(fnmatch.fnmatchcase(top, f'{family}*.jsonl')
                            for family in FAMILIES)


def _prepare_remote(directory: str, run_id: str, work_dir: str) -> None:
    """:func:`prepare_run_directory` on a file system of objects (no directories to create)."""
    names = storage.list_tree(directory)
    leftovers = [n for n in names if _is_leftover(n, work_dir)]
    if leftovers:
        old = _read_run_id(storage.join(directory, work_dir, RUN_ID_FILE))
        taken = {n.split('/')[1] for n in names if n.startswith('_incomplete/') and '/' in
                 n[len('_incomplete/'):]}
        aside_name, suffix = old, 1
        while aside_name in taken:
            suffix += 1
            aside_name = f'{old}.{suffix}'
        aside = storage.join(directory, '_incomplete', aside_name)
        storage.move_tree(directory, leftovers, aside)
        LOG.warning('output directory %s held the files of run %s, which did not complete '
                    '(no run.json); moved them to %s', directory, old, aside)
    storage.write_atomic(storage.join(directory, work_dir, RUN_ID_FILE), run_id.encode())


def prepare_run_directory(directory: str, run_id: str, work_dir: str) -> None:
    """Make ``directory`` the run's own: create it, refuse one holding a completed run, move a
    failed run's leftovers aside, and record the run id in its working folder."""
    _refuse_completed(directory)
    if not storage.is_local(directory):
        _prepare_remote(directory, run_id, work_dir)
        return
    leftovers = _run_files(directory)
    work = os.path.join(directory, work_dir)
    if leftovers or os.path.isdir(work):
        old = _read_run_id(os.path.join(work, RUN_ID_FILE))
        aside = os.path.join(directory, '_incomplete', old)
        suffix = 1
        while os.path.exists(aside):
            suffix += 1
            aside = os.path.join(directory, '_incomplete', f'{old}.{suffix}')
        os.makedirs(aside)
        for path in leftovers + ([work] if os.path.isdir(work) else []):
            shutil.move(path, os.path.join(aside, os.path.basename(path)))
        LOG.warning('output directory %s held the files of run %s, which did not complete '
                    '(no run.json); moved them to %s', directory, old, aside)
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, RUN_ID_FILE), 'w', encoding='utf-8') as handle:
        handle.write(run_id)


def write_run_json(directory: str, summary: dict) -> str:
    """Write ``run.json`` atomically (temporary name, fsync, rename); returns its path."""
    path = storage.join(directory, RUN_FILE)
    storage.write_atomic(path, orjson.dumps(summary, option=orjson.OPT_INDENT_2))
    return path


def update_latest(base: str, run_dir: str) -> None:
    """Point ``base/LATEST`` (text) and, on the local file system, ``base/latest`` (symlink) at
    ``run_dir``, atomically."""
    target = storage.relative_path(run_dir, base)
    if not storage.is_local(base):
        storage.write_atomic(storage.join(base, 'LATEST'), (target + '\n').encode('utf-8'))
        return
    os.makedirs(base, exist_ok=True)
    storage.write_atomic(os.path.join(base, 'LATEST'), (target + '\n').encode('utf-8'))
    link_tmp = os.path.join(base, '.latest.tmp')
    try:
        if os.path.lexists(link_tmp):
            os.remove(link_tmp)
        os.symlink(target, link_tmp)
        os.replace(link_tmp, os.path.join(base, 'latest'))
    except OSError as exc:  # a file system without symlinks: LATEST still names the run
        LOG.info('no "latest" symlink in %s (%s); LATEST names the run', base, exc)
