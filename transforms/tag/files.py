"""Reading the tag stage's YAML data files (topics, categories) the same way everywhere.

Paths are :mod:`transforms.datafiles` references: the shipped ``pkg://transforms.defaults/...``
files, local paths, or any scheme Beam's ``FileSystems`` reads (``gs://``, ``s3://``, ...).
"""
from __future__ import annotations

from typing import Any

import yaml

from transforms.datafiles import DataFileError, read_bytes

__all__ = ['read_yaml']

# libyaml's safe loader when present: the same data, ~5-10x faster on topics.yaml, which the
# driver and every worker load
_LOADER = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)


def read_yaml(path: str, error: type[Exception]) -> Any:
    """The parsed YAML at ``path``; unreadable or invalid files raise ``error`` naming it."""
    try:
        return yaml.load(read_bytes(path), Loader=_LOADER)
    except DataFileError as exc:
        raise error(str(exc)) from exc
    except yaml.YAMLError as exc:
        raise error(f'{path}: not valid YAML: {exc}') from exc
