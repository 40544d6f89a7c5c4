"""Resolving the config's ``steps`` to code: by dotted path or by registered name.

``use: my_package.taggers:port_tagger`` (or ``my_package.taggers.port_tagger``) imports the
object; a bare name (``port_tagger``) is looked up in the entry-point group
``newsbeam.transforms``. A function's ``with`` parameters are checked against its signature
before the run starts (unknown and missing ones are config errors); a ``PTransform`` subclass is
instantiated with them. A ``sink`` step may also be a sink class (a
``transforms.sink.Sink`` subclass, or any class with ``setup``/``write_batch``/``teardown``):
it is instantiated with its parameters and written to in batches (``WriteToSink``).

The entries of ``output.sinks`` resolve the same way (:func:`resolve_sinks`): ``use`` is a
built-in sink type (``transforms.sink.BUILTIN_SINKS``: jsonl, parquet, sqlite, postgres), a
dotted path to a sink class, or a name in the entry-point group ``newsbeam.sinks``.
"""
from __future__ import annotations

import dataclasses
import importlib
import inspect
from importlib import metadata
from typing import Any

import apache_beam as beam

from transforms.sink import (BUILTIN_SINKS, FileOutput, Sink, SinkConfigError, as_sink,
                             is_sink_class)
from transforms.sink.base import check_families, check_params

from .config import ConfigError, SinkSpec, StepSpec

__all__ = ['ResolvedStep', 'ResolvedSink', 'resolve_steps', 'resolve_sinks', 'build_sink',
           'ENTRY_POINT_GROUP', 'SINK_ENTRY_POINT_GROUP']

ENTRY_POINT_GROUP = 'newsbeam.transforms'
SINK_ENTRY_POINT_GROUP = 'newsbeam.sinks'


@dataclasses.dataclass(frozen=True)
class ResolvedStep:
    spec: StepSpec
    target: Any          # a function, a PTransform instance, or a Sink (sink steps)

    @property
    def is_transform(self) -> bool:
        return isinstance(self.target, beam.PTransform)

    @property
    def is_sink(self) -> bool:
        return isinstance(self.target, Sink)


@dataclasses.dataclass(frozen=True)
class ResolvedSink:
    """An ``output.sinks`` entry made real: a :class:`Sink` (written in batches) or a
    :class:`FileOutput` (files with finalisation)."""
    spec: SinkSpec
    sink: Any

    @property
    def name(self) -> str:
        return self.sink.name

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(self.sink.families)

    @property
    def is_file(self) -> bool:
        return isinstance(self.sink, FileOutput)


def _import(use: str, group: str = ENTRY_POINT_GROUP, what: str = 'step') -> Any:
    if ':' in use:
        module_name, _, attr = use.partition(':')
    elif '.' in use:
        module_name, _, attr = use.rpartition('.')
    else:
        matches = [ep for ep in metadata.entry_points(group=group) if ep.name == use]
        if not matches:
            known = sorted(ep.name for ep in metadata.entry_points(group=group))
            raise ConfigError(f'{what} {use!r} is not a dotted path and no {what} of that name '
                              f'is registered under {group}; registered: '
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


def build_sink(cls: type, params: dict, name: str, families: Any = None) -> Any:
    """An instance of the sink class ``cls`` (a :class:`Sink` or :class:`FileOutput` subclass,
    or a duck-typed component, wrapped) with its ``with`` parameters checked; its ``name`` and
    ``families`` set. Raises :class:`SinkConfigError` naming the bad parameter."""
    if issubclass(cls, (Sink, FileOutput)):
        return cls.from_params(params, name=name, families=families)
    where = f'sink {name}'
    check_params(cls.__init__, params, where)
    try:
        sink = as_sink(cls(**params))
    except (TypeError, ValueError) as exc:
        raise SinkConfigError(f'{where}: {str(exc).splitlines()[0] if str(exc) else exc!r}'
                              ) from None
    sink.name = name
    sink.families = check_families(families if families is not None else sink.families, where)
    return sink


def _sink_class(use: str, where: str) -> type:
    if use in BUILTIN_SINKS:
        try:
            return _import(BUILTIN_SINKS[use], what='sink')
        except ConfigError as exc:
            raise ConfigError(f'{where}: the built-in sink {use!r} cannot be loaded: '
                              f'{exc}') from None
    try:
        obj = _import(use, SINK_ENTRY_POINT_GROUP, 'sink')
    except ConfigError as exc:
        raise ConfigError(f'{where}: {exc}; built-in: {", ".join(BUILTIN_SINKS)}') from None
    if not (inspect.isclass(obj) and (issubclass(obj, FileOutput) or is_sink_class(obj))):
        raise ConfigError(f'{where}.use: {use!r} is not a sink class (a transforms.sink.Sink '
                          f'subclass or a class with setup, write_batch and teardown); '
                          f'built-in: {", ".join(BUILTIN_SINKS)}')
    return obj


def resolve_sinks(specs: tuple[SinkSpec, ...]) -> list[ResolvedSink]:
    """Import, build and check every ``output.sinks`` entry (no I/O: ``prepare()`` is the
    driver's next step); raises ``ConfigError`` for the first bad one."""
    resolved = []
    for i, spec in enumerate(specs):
        where = f'output.sinks[{i}]'
        cls = _sink_class(spec.use, where)
        try:
            sink = build_sink(cls, dict(spec.params), spec.label, spec.families)
        except SinkConfigError as exc:
            raise ConfigError(f'{where}: {exc}') from None
        resolved.append(ResolvedSink(spec, sink))
    return resolved


def resolve_steps(specs: tuple[StepSpec, ...]) -> list[ResolvedStep]:
    """Import and check every step; raises ``ConfigError`` for the first bad one."""
    resolved = []
    for spec in specs:
        obj = _import(spec.use)
        if is_sink_class(obj):
            if spec.stage != 'sink':
                raise ConfigError(f'step {spec.use}: a sink class can only be a sink step, not '
                                  f'a {spec.stage} step')
            try:
                target = build_sink(obj, dict(spec.params), spec.label, ('items',))
            except SinkConfigError as exc:
                raise ConfigError(f'step {spec.use}: {exc}') from None
        elif inspect.isclass(obj) and issubclass(obj, beam.PTransform):
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
