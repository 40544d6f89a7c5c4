"""Whole-file writes and reads through Beam's ``FileSystems``, for the streaming engine's
per-window files and summaries: a file appears complete or not at all."""
from __future__ import annotations

import uuid

import orjson
from apache_beam.io.filesystems import FileSystems

__all__ = ['write_atomically', 'read_json', 'list_files']


def write_atomically(path: str, data: bytes) -> None:
    """``data`` to ``path``: under a temporary name beside it, then renamed over it."""
    directory, name = FileSystems.split(path)
    tmp = FileSystems.join(directory, f'.{name}.{uuid.uuid4().hex}.tmp')
    if not FileSystems.exists(directory):
        try:
            FileSystems.mkdirs(directory)
        except IOError:   # made meanwhile by another worker
            if not FileSystems.exists(directory):
                raise
    with FileSystems.create(tmp) as out:
        out.write(data)
    # a local rename replaces the old file atomically; object stores copy over it
    FileSystems.rename([tmp], [path])


def read_json(path: str):
    """The JSON value in ``path``, or ``None`` when there is no such file."""
    if not FileSystems.exists(path):
        return None
    with FileSystems.open(path) as f:
        return orjson.loads(f.read())


def list_files(pattern: str) -> list[str]:
    """Paths matching ``pattern`` (sorted)."""
    found = FileSystems.match([pattern])[0].metadata_list
    return sorted(m.path for m in found)
