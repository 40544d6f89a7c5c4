"""An in-memory Beam ``FileSystem`` under the scheme ``memfs://``, for tests only.

Importing this module registers it: Beam finds ``FileSystem`` subclasses by ``scheme()``
(``FileSystem.get_all_subclasses()``), so product code reaches it only through
``apache_beam.io.filesystems.FileSystems``. It behaves like an object store (as GCS does): no
directories, a listing is every object under a prefix, an object appears whole when its writer
is closed, ``rename`` is copy-then-delete and replaces the destination, deleting a path deletes that
object and every object under ``path/``. The objects live in one store on
the class, shared by every thread of the in-process DirectRunner; ``MemoryFileSystem.drop(prefix)``
forgets a test's objects.
"""
from __future__ import annotations

import hashlib
import io
import threading
import time

from apache_beam.io.filesystem import (BeamIOError, CompressedFile, CompressionTypes,
                                       FileMetadata, FileSystem)

__all__ = ['MemoryFileSystem', 'SCHEME']

SCHEME = 'memfs'
_PREFIX = f'{SCHEME}://'


class _Writer(io.BytesIO):
    """Collects bytes; the object appears in the store, whole, when closed."""

    def __init__(self, path: str):
        super().__init__()
        self._path = path

    def close(self):
        if not self.closed:
            MemoryFileSystem.put(self._path, self.getvalue())
        super().close()


class MemoryFileSystem(FileSystem):
    """``memfs://`` objects held in memory (see the module docstring)."""

    _objects: dict[str, tuple[bytes, float]] = {}
    _lock = threading.RLock()

    # the store ---------------------------------------------------------------------------
    @classmethod
    def drop(cls, prefix: str) -> None:
        """Forget every object whose path starts with ``prefix``."""
        with cls._lock:
            for path in [p for p in cls._objects if p.startswith(prefix)]:
                del cls._objects[path]

    @classmethod
    def put(cls, path: str, data: bytes) -> None:
        cls._check(path)
        with cls._lock:
            cls._objects[path] = (bytes(data), time.time())

    @classmethod
    def get(cls, path: str) -> bytes:
        with cls._lock:
            if path not in cls._objects:
                raise BeamIOError(f'no such object: {path}', {path: FileNotFoundError(path)})
            return cls._objects[path][0]

    @classmethod
    def paths(cls, prefix: str = _PREFIX) -> list[str]:
        with cls._lock:
            return sorted(p for p in cls._objects if p.startswith(prefix))

    @staticmethod
    def _check(path: str) -> None:
        if not path.startswith(_PREFIX):
            raise ValueError(f'not a {SCHEME}:// path: {path!r}')

    # Beam's FileSystem API ---------------------------------------------------------------
    @classmethod
    def scheme(cls):
        return SCHEME

    def join(self, basepath, *paths):
        self._check(basepath)
        path = basepath
        for part in paths:
            path = path.rstrip('/') + '/' + part.lstrip('/')
        return path

    def split(self, path):
        self._check(path)
        rest = path[len(_PREFIX):].rstrip('/')
        head, sep, tail = rest.rpartition('/')
        return (_PREFIX + head, tail) if sep else (_PREFIX + rest, '')

    def mkdirs(self, path):
        self._check(path)   # no directories in an object store

    def has_dirs(self):
        return False

    def _list(self, dir_or_prefix):
        with self._lock:
            found = [(p, len(d), t) for p, (d, t) in self._objects.items()
                     if p.startswith(dir_or_prefix)]
        for path, size, updated in sorted(found):
            yield FileMetadata(path, size, updated)

    def create(self, path, mime_type='application/octet-stream',
               compression_type=CompressionTypes.AUTO):
        self._check(path)
        compression_type = FileSystem._get_compression_type(path, compression_type)
        raw = _Writer(path)
        if compression_type == CompressionTypes.UNCOMPRESSED:
            return raw
        return CompressedFile(raw, compression_type=compression_type)

    def open(self, path, mime_type='application/octet-stream',
             compression_type=CompressionTypes.AUTO):
        compression_type = FileSystem._get_compression_type(path, compression_type)
        raw = io.BytesIO(self.get(path))
        if compression_type == CompressionTypes.UNCOMPRESSED:
            return raw
        return CompressedFile(raw, compression_type=compression_type)

    def copy(self, source_file_names, destination_file_names):
        self._each('Copy', source_file_names, destination_file_names,
                   lambda src, dst: self.put(dst, self.get(src)))

    def rename(self, source_file_names, destination_file_names):
        def move(src, dst):
            data = self.get(src)
            self.put(dst, data)
            with self._lock:
                self._objects.pop(src, None)
        self._each('Rename', source_file_names, destination_file_names, move)

    @staticmethod
    def _each(what, sources, destinations, action):
        if len(sources) != len(destinations):
            raise BeamIOError(f'{what}: {len(sources)} sources, {len(destinations)} destinations')
        failed = {}
        for src, dst in zip(sources, destinations):
            try:
                action(src, dst)
            except Exception as exc:  # collected per pair, as Beam's file systems do
                failed[(src, dst)] = exc
        if failed:
            raise BeamIOError(f'{what} operation failed', failed)

    def exists(self, path):
        with self._lock:
            return path in self._objects

    def size(self, path):
        return len(self.get(path))

    def last_updated(self, path):
        with self._lock:
            if path not in self._objects:
                raise BeamIOError(f'no such object: {path}')
            return self._objects[path][1]

    def checksum(self, path):
        return hashlib.md5(self.get(path)).hexdigest()

    def metadata(self, path):
        with self._lock:
            if path not in self._objects:
                raise BeamIOError(f'no such object: {path}')
            data, updated = self._objects[path]
        return FileMetadata(path, len(data), updated)

    def delete(self, paths):
        failed = {}
        with self._lock:
            for path in paths:
                under = path.rstrip('/') + '/'
                doomed = [p for p in self._objects
                          if (p == path and not path.endswith('/')) or p.startswith(under)]
                if not doomed:
                    failed[path] = FileNotFoundError(f'nothing to delete at {path}')
                for p in doomed:
                    del self._objects[p]
        if failed:
            raise BeamIOError('Delete operation failed', failed)
