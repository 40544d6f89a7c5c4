"""Resolving the config's ``steps`` to code: by dotted path or by registered name.

``use: my_package.taggers:port_tagger`` (or ``my_package.taggers.port_tagger``) imports the
object; a bare name (``port_tagger``) is looked up in the entry-point group
``newsbeam.transforms``. A function's ``with`` parameters are checked against its signature
before the run starts (unknown and missing ones are config errors); a ``PTransform`` subclass is
instantiated with them.
"""
from __future__ import annotations

import dataclasses
import importlib
import inspect
from importlib import metadata
from typing import Any

import apache_beam as beam

from .config import ConfigError, StepSpec

__all__ = ['ResolvedStep', 'resolve_steps', 'ENTRY_POINT_GROUP']

ENTRY_POINT_GROUP = 'newsbeam.transforms'


@dataclasses.dataclass(frozen=True)
class ResolvedStep:
    spec: StepSpec
    target: Any          # a function, or a PTransform instance

    @property
    def is_transform(self) -> bool:
        return isinstance(self.target, beam.PTransform)


def _import(use: str) -> Any:
    if ':' in use:
        module_name, _, attr = use.partition(':')
    elif '.' in use:
        module_name, _, attr = use.rpartition('.')
    else:
        matches = [ep for ep in metadata.entry_points(group=ENTRY_POINT_GROUP) if ep.name == use]
        if not matches:
            known = sorted(ep.name for ep in metadata.entry_points(group=ENTRY_POINT_GROUP))
            raise ConfigError(f'step {use!r} is not a dotted path and no step of that name is '
                              f'registered under {ENTRY_POINT_GROUP}; registered: '
                              f'{", ".join(known) or "none"}')
        return matches[0].load()
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(f'step {use!r}: cannot import {module_name}: {exc}') from None
    obj = module
    for part in attr.split('.'):
        if not hasattr(obj, part):
            raise ConfigError(f'step {use!r}: {module_name} has no attribute {attr}')
        obj = getattr(obj, part)
    return obj


def _check_params(spec: StepSpec, func: Any, skip_first: bool) -> None:
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return  # builtins without a signature: nothing to check against
    params = list(signature.parameters.values())
    if skip_first:
        params = params[1:]
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return
    names = {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    unknown = sorted(set(spec.params) - names)
    if unknown:
        raise ConfigError(f'step {spec.use}: unknown parameter with.{unknown[0]}; allowed: '
                          f'{", ".join(sorted(names)) or "none"}')
    missing = sorted(p.name for p in params if p.default is p.empty and p.name in names
                     and p.name not in spec.params)
    if missing:
        raise ConfigError(f'step {spec.use}: missing parameter with.{missing[0]}')


def resolve_steps(specs: tuple[StepSpec, ...]) -> list[ResolvedStep]:
    """Import and check every step; raises ``ConfigError`` for the first bad one."""
    resolved = []
    for spec in specs:
        obj = _import(spec.use)
        if inspect.isclass(obj) and issubclass(obj, beam.PTransform):
            _check_params(spec, obj.__init__, skip_first=True)
            try:
                target = obj(**spec.params)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f'step {spec.use}: {exc}') from None
        elif callable(obj):
            _check_params(spec, obj, skip_first=True)
            target = obj
        else:
            raise ConfigError(f'step {spec.use}: is neither a function nor a PTransform class')
        resolved.append(ResolvedStep(spec, target))
    return resolved
