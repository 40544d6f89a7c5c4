"""Strict parsing of settings mappings into frozen dataclasses.

Every stage keeps its own frozen settings dataclass beside its transform; the pipeline's config
loader builds them from YAML with :func:`from_mapping`. Unknown keys and values of the wrong type
raise :class:`SettingsError` naming the key path and what would be allowed.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Mapping

__all__ = ['SettingsError', 'from_mapping']


class SettingsError(ValueError):
    """A bad configuration key or value; the message names the key path."""


def _type_name(tp: Any) -> str:
    return getattr(tp, '__name__', None) or str(tp).replace('typing.', '')


def _coerce(value: Any, tp: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _coerce(value, arg, path)
            except SettingsError as exc:
                errors.append(str(exc))
        raise SettingsError(errors[0] if errors else f'{path}: bad value {value!r}')
    if origin is typing.Literal:
        if value not in args:
            raise SettingsError(f'{path}: {value!r} is not allowed; allowed: {list(args)}')
        return value
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, Mapping):
            raise SettingsError(f'{path}: expected a mapping, got {type(value).__name__}')
        return from_mapping(tp, value, path)
    if origin in (tuple, list):
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise SettingsError(f'{path}: expected a list, got {type(value).__name__}')
        item_tp = args[0] if args else Any
        return tuple(_coerce(v, item_tp, f'{path}[{i}]') for i, v in enumerate(value))
    if origin in (dict, Mapping) or tp in (dict,):
        if not isinstance(value, Mapping):
            raise SettingsError(f'{path}: expected a mapping, got {type(value).__name__}')
        if args:
            k_tp, v_tp = args
            return types.MappingProxyType({
                _coerce(k, k_tp, f'{path}.{k}'): _coerce(v, v_tp, f'{path}.{k}')
                for k, v in value.items()})
        return types.MappingProxyType(dict(value))
    if tp is bool:
        if not isinstance(value, bool):
            raise SettingsError(f'{path}: expected true or false, got {value!r}')
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsError(f'{path}: expected a whole number, got {value!r}')
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SettingsError(f'{path}: expected a number, got {value!r}')
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise SettingsError(f'{path}: expected a string, got {value!r}')
        return value
    if isinstance(tp, type) and not isinstance(value, tp):
        raise SettingsError(f'{path}: expected {_type_name(tp)}, got {value!r}')
    return value


def from_mapping(cls: type, data: Mapping[str, Any] | None, path: str = '') -> Any:
    """Build dataclass ``cls`` from ``data``, refusing unknown keys and wrong types.

    Missing keys take the dataclass defaults. Lists become tuples and mappings become read-only
    mappings, so the result is hashable-friendly and safe to share between workers. A dataclass may
    define ``validate(self)`` raising ``ValueError``; it is called and its message is prefixed with
    the key path.
    """
    data = dict(data or {})
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        where = f'{path}.' if path else ''
        raise SettingsError(
            f'unknown key {where}{unknown[0]}; allowed: {", ".join(sorted(fields))}')
    kwargs = {}
    for name, value in data.items():
        key_path = f'{path}.{name}' if path else name
        kwargs[name] = _coerce(value, hints[name], key_path)
    try:
        obj = cls(**kwargs)
        validate = getattr(obj, 'validate', None)
        if callable(validate):
            validate()
    except SettingsError:
        raise
    except (TypeError, ValueError) as exc:
        raise SettingsError(f'{path or cls.__name__}: {exc}') from exc
    return obj
