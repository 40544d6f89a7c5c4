"""Reading the tag stage's YAML data files (topics, categories) the same way everywhere."""
from __future__ import annotations

from typing import Any

import yaml

__all__ = ['read_yaml']

# libyaml's safe loader when present: the same data, ~5-10x faster on topics.yaml, which the
# driver and every worker load
_LOADER = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)


def read_yaml(path: str, error: type[Exception]) -> Any:
    """The parsed YAML at ``path``; unreadable or invalid files raise ``error`` naming it."""
    try:
        with open(path, 'rb') as fh:
            return yaml.load(fh, Loader=_LOADER)
    except OSError as exc:
        raise error(f'{path}: cannot read: {exc}') from exc
    except yaml.YAMLError as exc:
        raise error(f'{path}: not valid YAML: {exc}') from exc
