"""The driver's file access: local paths through the OS, every other scheme through Beam.

Goes in: paths and URLs as a user gives them (``out/run``, ``/data/in/*.jsonl``,
``gs://bucket/news``). Comes out: bytes read, files written, listings, moves and deletions.

A path without a ``scheme://`` prefix is local and handled with ``os`` exactly as a shell would
see it (the callers keep their symbolic-link and special-file rules for it). Any other path
goes through ``apache_beam.io.filesystems.FileSystems``, so a scheme works on the driver as
soon as Beam has a ``FileSystem`` for it (``gs://`` with ``apache-beam[gcp]``, ``s3://`` with
``apache-beam[aws]``, ...). Guarantees for such paths:

* :func:`check_path` refuses, before anything runs, a scheme Beam cannot serve here, with one
  line naming the key and what to install -- never a local folder named ``gs:``;
* :func:`write_atomic` writes a temporary object and renames it, so a reader sees the whole
  content or nothing (on object stores the final object appears in one piece);
* object stores have no directories: a "directory" is the prefix ``DIR/``; :func:`list_tree`
  lists every object under it, :func:`delete_tree` and :func:`move_tree` act on each.
"""
from __future__ import annotations

import importlib.util
import os
import posixpath
import shutil

from apache_beam.io.filesystem import BeamIOError, CompressionTypes
from apache_beam.io.filesystems import FileSystems

from transforms.datafiles import SCHEME_CLIENTS

__all__ = ['scheme', 'is_local', 'check_path', 'absolute', 'join', 'exists', 'read_bytes',
           'write_atomic', 'list_tree', 'move_tree', 'delete_tree', 'relative_path']

def scheme(path: str) -> str | None:
    """``gs`` for ``gs://bucket/x``; None for a local path."""
    return FileSystems.get_scheme(path)


def is_local(path: str) -> bool:
    return scheme(path) is None


def check_path(path: str, key: str) -> None:
    """Raise ``ValueError`` (one line naming ``key``) when no Beam file system can serve
    ``path`` in this installation; a local path always passes."""
    name = scheme(path)
    if name is None:
        return
    module, extra = SCHEME_CLIENTS.get(name, (None, None))
    if name == 'file':
        raise ValueError(f'{key}: {path!r}: give a local path without file:// '
                         f'({path[len("file://"):] or "/"})')
    try:
        FileSystems.get_filesystem(path)
        usable = module is None or importlib.util.find_spec(module) is not None
    except (ValueError, BeamIOError, ImportError):
        usable = False
    if usable:
        return
    if extra:
        raise ValueError(f'{key}: {path!r}: {name}:// paths need Beam\'s {name} file system, '
                         f'which is not installed: pip install "{extra}"')
    raise ValueError(f'{key}: {path!r}: no Beam file system handles {name}:// paths here '
                     f'(install the package that provides it, e.g. apache-beam[gcp] for gs://)')


def absolute(path: str) -> str:
    """A local path made absolute; any other path as it is."""
    return os.path.abspath(path) if is_local(path) else path


def join(base: str, *parts: str) -> str:
    if is_local(base):
        return os.path.join(base, *parts)
    path = base
    for part in parts:
        path = path.rstrip('/') + '/' + part.lstrip('/')
    return path


def exists(path: str) -> bool:
    if is_local(path):
        return os.path.exists(path)
    return FileSystems.exists(path)


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """The content of ``path`` (at most ``limit + 1`` bytes when a limit is given, so that the
    caller can tell "over the limit"). Raises ``OSError`` (``FileNotFoundError`` when it does
    not exist)."""
    if is_local(path):
        with open(path, 'rb') as handle:
            return handle.read() if limit is None else handle.read(limit + 1)
    if not FileSystems.exists(path):
        raise FileNotFoundError(2, 'No such file or object', path)
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        return handle.read() if limit is None else handle.read(limit + 1)


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees all of it or nothing: a temporary file
    (fsynced, locally) renamed over ``path``."""
    directory, name = _split(path)
    tmp = join(directory, f'.{name}.tmp')
    if is_local(path):
        with open(tmp, 'wb') as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        return
    with FileSystems.create(tmp, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        handle.write(data)
    try:
        FileSystems.rename([tmp], [path])
    except BeamIOError:
        # a file system whose rename does not replace (HDFS): the same content is written
        # again only when a killed run's commit is finished, so replacing in two steps is safe
        if not FileSystems.exists(path):
            raise
        FileSystems.delete([path])
        FileSystems.rename([tmp], [path])


def _split(path: str) -> tuple[str, str]:
    if is_local(path):
        return os.path.split(path)
    head, _, tail = path.rstrip('/').rpartition('/')
    return head, tail


def list_tree(directory: str) -> list[str]:
    """Every object under ``directory`` of a non-local file system, as paths relative to it
    (``['items.jsonl', '.newsbeam-run/run_id']``), sorted."""
    if is_local(directory):
        raise ValueError(f'list_tree is for non-local paths, not {directory!r}')
    prefix = directory.rstrip('/') + '/'
    found = FileSystems.match([prefix + '**'])[0].metadata_list
    return sorted(m.path[len(prefix):] for m in found
                  if m.path.startswith(prefix) and len(m.path) > len(prefix))


def move_tree(directory: str, names: list[str], destination: str) -> None:
    """Move the objects ``directory/<name>`` to ``destination/<name>`` (non-local paths)."""
    if names:
        FileSystems.rename([join(directory, n) for n in names],
                           [join(destination, n) for n in names])


def delete_tree(directory: str) -> None:
    """Delete ``directory`` and everything in it; nothing happens when it does not exist."""
    if is_local(directory):
        shutil.rmtree(directory, ignore_errors=True)
        return
    names = list_tree(directory)
    if names:
        FileSystems.delete([join(directory, n) for n in names])


def relative_path(path: str, base: str) -> str:
    """``path`` relative to ``base`` (``os.path.relpath`` locally; for other file systems the
    part after ``base/``, or ``path`` itself when it is not under ``base``)."""
    if is_local(path) and is_local(base):
        return os.path.relpath(path, base)
    prefix = base.rstrip('/') + '/'
    if path.startswith(prefix):
        return posixpath.normpath(path[len(prefix):])
    return path
