"""Loading gazetteers: JSONL files of entities (persons, organisations, places).

One entity per line::

    {"id": "Q423", "name": "North Korea", "kind": "place", "type": "country",
     "aliases": {"en": ["North Korea", "DPRK"], "ja": ["北朝鮮"], ...},
     "country": "KP", "coordinates": [40.0, 127.0], "ambiguous": ["DPRK"]}

``id`` and ``name`` (English) and ``kind`` are required; ``aliases``, ``type``, ``country``
(ISO 3166-1 alpha-2), ``coordinates`` (``[lat, lon]``) and ``ambiguous`` (aliases that need
context, see :mod:`transforms.tag.matcher`) are optional; other keys are kept out of the way and
ignored, so richer files load too. The English ``name`` is always an alias as well.

Files load in the order given; a path that is a directory stands for its ``*.jsonl`` files in
name order (not recursive). Paths are :mod:`transforms.datafiles` references: the shipped
``pkg://transforms.defaults/gazetteer``, local paths, or ``gs://``/``s3://``/... through Beam's
``FileSystems``. An entity whose ``id`` was already loaded **replaces** the earlier
one, so users extend the shipped gazetteer by listing their own file after it and correct an
entry by repeating its id; they replace it altogether by listing only their own files.

Errors name the file and line (:class:`GazetteerError`); nothing is skipped silently.
"""
from __future__ import annotations

import dataclasses
import math
import types
from collections.abc import Sequence
from typing import Iterable

import orjson

from transforms.datafiles import DataFileError, exists, folder_files, read_bytes

__all__ = ['AliasPairs', 'Entity', 'GazetteerError', 'KIND_TO_TAG', 'load_gazetteer', 'parse_entity',
           'gazetteer_files']

#: Entity kind -> the tag list it fills under ``item['tags']``.
KIND_TO_TAG = types.MappingProxyType(
    {'person': 'persons', 'organization': 'organizations', 'place': 'places'})


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message names the file and line."""


class AliasPairs(Sequence):
    """An entity's ``(language, alias)`` pairs, stored as one flat tuple ``(lang, alias, lang,
    alias, ...)``: a sequence of pairs that reads and compares as the tuple of them would. The
    built tagger keeps every entity's aliases, and a 2-tuple per alias (56 bytes each, ~400,000
    of them) was about 20 MB of the ~300 MB the issue allows a worker."""

    __slots__ = ('_flat',)

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()):
        self._flat = tuple(x for pair in pairs for x in pair)

    def __len__(self) -> int:
        return len(self._flat) // 2

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self)[index]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError('alias index out of range')
        return self._flat[2 * index], self._flat[2 * index + 1]

    def __iter__(self):
        flat = iter(self._flat)
        return zip(flat, flat)

    def __contains__(self, pair) -> bool:
        return any(p == pair for p in self)

    def __eq__(self, other) -> bool:
        if isinstance(other, AliasPairs):
            return self._flat == other._flat
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __reduce__(self):
        return (AliasPairs, (tuple(self),))


@dataclasses.dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str                                   # person | organization | place
    type: str | None = None
    country: str | None = None
    coordinates: tuple[float, float] | None = None
    aliases: Sequence[tuple[str, str]] = ()     # (language, alias) pairs, as written (AliasPairs)
    ambiguous: frozenset[str] = frozenset()     # aliases (as written) that need context

    @property
    def tag_kind(self) -> str:
        return KIND_TO_TAG[self.kind]

    def tag(self) -> dict:
        """The tag dict for this entity: ``{"id", "name"}`` plus country/coordinates for places."""
        tag = {'id': self.id, 'name': self.name}
        if self.kind == 'place':
            if self.country:
                tag['country'] = self.country
            if self.coordinates:
                tag['coordinates'] = list(self.coordinates)
        return tag


def _fail(where: str, message: str) -> GazetteerError:
    return GazetteerError(f'{where}: {message}')


def _str_list(value, where: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, f'"{key}" must be a list of strings')
    return [v.strip() for v in value if v.strip()]


def parse_entity(data, where: str = '<entity>') -> Entity:
    """Validate one decoded gazetteer line and build its :class:`Entity`."""
    if not isinstance(data, dict):
        raise _fail(where, f'expected a JSON object, got {type(data).__name__}')
    for key in ('id', 'name', 'kind'):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _fail(where, f'"{key}" must be a non-empty string')
    kind = data['kind']
    if kind not in KIND_TO_TAG:
        raise _fail(where, f'"kind" {kind!r} is not allowed; allowed: {sorted(KIND_TO_TAG)}')
    etype = data.get('type')
    if etype is not None and not isinstance(etype, str):
        raise _fail(where, '"type" must be a string')
    country = data.get('country')
    if country is not None:
        if not (isinstance(country, str) and len(country) == 2 and country.isalpha()):
            raise _fail(where, f'"country" must be an ISO 3166-1 alpha-2 code, got {country!r}')
        country = country.upper()
    coords = data.get('coordinates')
    if coords is not None:
        if (not isinstance(coords, list) or len(coords) != 2
                or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords)
                or not all(math.isfinite(c) for c in coords)
                or not (-90 <= coords[0] <= 90 and -180 <= coords[1] <= 180)):
            raise _fail(where, f'"coordinates" must be [lat, lon] in degrees, got {coords!r}')
        coords = (float(coords[0]), float(coords[1]))
    raw_aliases = data.get('aliases') or {}
    if not isinstance(raw_aliases, dict):
        raise _fail(where, '"aliases" must map a language code to a list of strings')
    name = data['name'].strip()
    pairs: list[tuple[str, str]] = [('en', name)]
    # one string object per distinct alias: the Latin-script languages mostly repeat the
    # English name, and the built tagger keeps every alias (~10 MB on the shipped gazetteer)
    strings = {name: name}
    for lang, values in raw_aliases.items():
        for alias in _str_list(values, where, f'aliases.{lang}'):
            pairs.append((lang, strings.setdefault(alias, alias)))
    seen = set()
    aliases = AliasPairs(p for p in pairs if not (p in seen or seen.add(p)))
    ambiguous = frozenset(_str_list(data.get('ambiguous') or [], where, 'ambiguous'))
    return Entity(id=data['id'].strip(), name=name, kind=kind, type=etype,
                  country=country, coordinates=coords, aliases=aliases, ambiguous=ambiguous)


def gazetteer_files(paths: Iterable[str]) -> list[str]:
    """The files ``paths`` stand for: files as given, directories as their ``*.jsonl`` files."""
    files: list[str] = []
    for path in paths:
        try:
            listed = folder_files(path, '.jsonl')
            if listed is not None:
                files.extend(listed)
            elif exists(path):
                files.append(path)
            else:
                raise GazetteerError(f'{path}: no such gazetteer file or directory')
        except DataFileError as exc:
            raise GazetteerError(str(exc)) from exc
    return files


def load_gazetteer(paths: Iterable[str]) -> tuple[Entity, ...]:
    """All entities of the gazetteer files at ``paths``; a later id replaces an earlier one."""
    entities: dict[str, Entity] = {}
    for path in gazetteer_files(paths):
        try:
            lines = read_bytes(path).splitlines()
        except DataFileError as exc:
            raise GazetteerError(str(exc)) from exc
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f'{path}:{number}'
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise _fail(where, f'not JSON: {exc}') from exc
            entity = parse_entity(data, where)
            entities.pop(entity.id, None)       # a replacement goes to the end: load order wins
            entities[entity.id] = entity
    return tuple(entities.values())
