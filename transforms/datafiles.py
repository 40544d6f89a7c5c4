"""Data files a stage reads (gazetteers, topics, categories, CA bundles, feed lists).

What goes in: a reference, one of

* ``pkg://PACKAGE/PATH`` -- a file or folder shipped inside an installed Python package, read with
  :mod:`importlib.resources`. The shipped defaults are ``pkg://transforms.defaults/...`` (the
  repository's ``configs/`` folder, installed under that name). A worker resolves the reference
  against its own installed copy, so no path of the driver's machine travels with the job.
* anything else -- a path Beam's :class:`~apache_beam.io.filesystems.FileSystems` understands: a
  local path, or ``gs://``/``s3://``/... where the user installed Beam's extra for that scheme.

What comes out: bytes, existence, and the files of a folder (as references of the same kind).
Every failure is a :class:`DataFileError` whose one-line message names the reference; callers
prefix the settings key. Nothing here caches or keeps state between calls.
"""
from __future__ import annotations

import importlib.resources
import importlib.util
import os
import types
from typing import Any

from apache_beam.io.filesystems import FileSystems

__all__ = ['DataFileError', 'PACKAGE_SCHEME', 'DEFAULTS_PACKAGE', 'SCHEME_CLIENTS',
           'default_data', 'is_package_ref', 'exists', 'read_bytes', 'folder_files']

PACKAGE_SCHEME = 'pkg://'
#: the installed name of the repository's ``configs/`` folder (see ``setup.py``)
DEFAULTS_PACKAGE = 'transforms.defaults'

#: scheme -> (the module its Beam file system needs, what to install). Beam registers some file
#: systems without their client library and fails on first use with an unrelated message.
SCHEME_CLIENTS = types.MappingProxyType({
    'gs': ('google.cloud.storage', 'apache-beam[gcp]'),
    's3': ('boto3', 'apache-beam[aws]'),
    'azfs': ('azure.storage.blob', 'apache-beam[azure]'),
    'hdfs': ('hdfs', 'apache-beam[hadoop]'),
})


class DataFileError(OSError):
    """A data file that cannot be found or read; the message names it."""


def default_data(name: str) -> str:
    """The reference of a shipped default file or folder, e.g. ``default_data('topics.yaml')``."""
    return f'{PACKAGE_SCHEME}{DEFAULTS_PACKAGE}/{name}'


def is_package_ref(ref: str) -> bool:
    return isinstance(ref, str) and ref.startswith(PACKAGE_SCHEME)


def _resource(ref: str) -> Any:
    """The :class:`importlib.resources.abc.Traversable` a ``pkg://`` reference names."""
    package, _, inner = ref[len(PACKAGE_SCHEME):].partition('/')
    parts = [p for p in inner.split('/') if p not in ('', '.')]
    if not package or '..' in parts:
        raise DataFileError(f'{ref}: expected pkg://PACKAGE/PATH (no "..")')
    try:
        node = importlib.resources.files(package)
    except (ModuleNotFoundError, TypeError) as exc:
        hint = (' (from a checkout: pip install -e .)' if package == DEFAULTS_PACKAGE else '')
        raise DataFileError(f'{ref}: package {package} is not installed{hint}: {exc}') from None
    for part in parts:
        node = node.joinpath(part)
    return node


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:  # a parent package is missing
        return False


def _filesystem_error(ref: str, exc: Exception) -> DataFileError:
    # Beam wraps a file system's own error: {path: exception}
    inner = list((getattr(exc, 'exception_details', None) or {}).values())
    if len(inner) == 1 and isinstance(inner[0], Exception):
        exc = inner[0]
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    scheme = ref.split('://', 1)[0]
    module, extra = SCHEME_CLIENTS.get(scheme, (None, None))
    if module is not None and not _importable(module):
        return DataFileError(f'{ref}: no file system for {scheme}:// is installed '
                             f'(pip install "{extra}")')
    if isinstance(exc, ValueError) and 'filesystem' in message.lower():
        return DataFileError(f'{ref}: no file system for {scheme}:// is installed '
                             f'(e.g. pip install "apache-beam[gcp]" for gs://, '
                             f'"apache-beam[aws]" for s3://)')
    if isinstance(exc, FileNotFoundError):
        return DataFileError(f'{ref}: no such file')
    if isinstance(exc, IsADirectoryError):
        return DataFileError(f'{ref}: is a folder, not a file')
    return DataFileError(f'{ref}: cannot read: {getattr(exc, "strerror", None) or message}')


def exists(ref: str) -> bool:
    """Whether ``ref`` names an existing file or folder; a reference that cannot even be looked
    at (no file system for its scheme, a package that is not installed) raises."""
    if is_package_ref(ref):
        node = _resource(ref)
        return node.is_file() or node.is_dir()
    if '://' not in ref:
        return os.path.exists(ref)
    try:
        return FileSystems.exists(ref) or bool(folder_files(ref, ''))
    except DataFileError:
        raise
    except Exception as exc:  # BeamIOError, ValueError: the scheme's client is missing or failed
        raise _filesystem_error(ref, exc) from None


def read_bytes(ref: str, max_bytes: int | None = None) -> bytes:
    """The whole content of the file ``ref``; more than ``max_bytes`` raises."""
    limit = -1 if max_bytes is None else max_bytes + 1
    if is_package_ref(ref):
        node = _resource(ref)
        if not node.is_file():
            raise DataFileError(f'{ref}: no such file' if not node.is_dir()
                                else f'{ref}: is a folder, not a file')
        with node.open('rb') as handle:
            data = handle.read(limit)
    else:
        try:
            # uncompressed: a file named .gz is given as it is, like the local open() before
            with FileSystems.open(ref, compression_type='uncompressed') as handle:
                data = handle.read(limit)
        except Exception as exc:  # every file system's failure becomes one line naming ref
            raise _filesystem_error(ref, exc) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise DataFileError(f'{ref}: larger than {max_bytes} bytes')
    return data


def folder_files(ref: str, suffix: str) -> list[str] | None:
    """The files directly in the folder ``ref`` whose names end with ``suffix``, sorted, as
    references of the same kind; ``None`` when ``ref`` is not a folder.

    A local folder is a folder even when empty; on object stores (no folders) a prefix is one
    when at least one file matches below it.
    """
    if is_package_ref(ref):
        node = _resource(ref)
        if not node.is_dir():
            return None
        base = ref.rstrip('/')
        return sorted(f'{base}/{child.name}' for child in node.iterdir()
                      if child.is_file() and child.name.endswith(suffix))
    if '://' not in ref:
        if not os.path.isdir(ref):
            return None
        return sorted(os.path.join(ref, name) for name in os.listdir(ref)
                      if name.endswith(suffix) and os.path.isfile(os.path.join(ref, name)))
    try:
        pattern = FileSystems.join(ref, f'*{suffix}')
        found = FileSystems.match([pattern])[0].metadata_list
    except Exception as exc:  # BeamIOError, ValueError: see _filesystem_error
        raise _filesystem_error(ref, exc) from None
    return sorted(meta.path for meta in found) or None
