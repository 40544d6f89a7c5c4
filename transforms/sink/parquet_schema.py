"""The Parquet schema of newsbeam records, versioned, and the conversion of records to rows.

Goes in: records as the pipeline carries them (plain dicts shaped as in ``transforms.model``).
Comes out: rows (dicts) that match :func:`item_schema` / :func:`dead_letter_schema` exactly, and
the schemas, which carry ``newsbeam.schema_version`` (:data:`SCHEMA_VERSION`) and
``newsbeam.family`` in their metadata.

Guarantees:

* every contract key of an item has its own column; ``published``/``updated``/``ingested_at``
  are ``timestamp[us, tz=UTC]``; ``authors`` is ``list<string>``; ``source`` and ``dedup`` are
  structs; ``tags`` is a struct of five lists of ``struct{id, name, country, coordinates,
  extra}`` (``extra``: JSON of any further fields a tagger gave the tag; a null ``country`` or
  ``coordinates`` reads back as absent);
* free-form values (``languages``, ``quality``, ``provenance``, ``extra``) are JSON strings;
* nothing is dropped: a key the schema does not know, a sub-key a struct does not know, or a
  value of the wrong type (a title that is not a string, a date that is not RFC 3339) is kept
  in the ``unknown_fields`` column (JSON: ``{key: value}``, sub-keys nested), and the column
  gets null. :func:`row_to_record` undoes the conversion, so a record read back equals the
  record written (tests hold it to that).

A new column, or a changed type, is a new :data:`SCHEMA_VERSION`; readers check it.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

import orjson
import pyarrow as pa

__all__ = ['SCHEMA_VERSION', 'item_schema', 'dead_letter_schema', 'schema_for',
           'record_to_row', 'row_to_record', 'ITEM_FAMILIES']

SCHEMA_VERSION = '1'
ITEM_FAMILIES = ('items', 'duplicates', 'filtered', 'seen_before')

_UTC = dt.timezone.utc
# what _time_text prints: seconds always, a fraction only when non-zero, without trailing zeros
_RFC3339_Z = re.compile(r'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{0,5}[1-9])?Z\Z')
_TIMESTAMP = pa.timestamp('us', tz='UTC')
_TAG_KINDS = ('persons', 'organizations', 'places', 'topics', 'categories')
_TAG = pa.struct([('id', pa.string()), ('name', pa.string()), ('country', pa.string()),
                  ('coordinates', pa.list_(pa.float64())), ('extra', pa.string())])
_SOURCE_KEYS = ('name', 'domain', 'kind', 'location')
_DEDUP = pa.struct([('cluster_id', pa.string()), ('duplicate_of', pa.string()),
                    ('method', pa.string()), ('similarity', pa.float64()),
                    ('update', pa.bool_())])
_FILTERED = pa.struct([('filter', pa.string()), ('reason', pa.string())])
_ERROR = pa.struct([('stage', pa.string()), ('reason', pa.string()), ('message', pa.string())])

_STRING_KEYS = ('id', 'url', 'canonical_url', 'guid', 'title', 'title_original', 'summary',
                'body', 'language')
_TIME_KEYS = ('published', 'updated', 'ingested_at')
_JSON_KEYS = ('languages', 'quality', 'provenance', 'extra')

_ITEM_FIELDS = (
    [(k, pa.string()) for k in _STRING_KEYS]
    + [('languages', pa.string())]
    + [(k, _TIMESTAMP) for k in _TIME_KEYS]
    + [('authors', pa.list_(pa.string())),
       ('source', pa.struct([(k, pa.string()) for k in _SOURCE_KEYS])),
       ('tags', pa.struct([(k, pa.list_(_TAG)) for k in _TAG_KINDS])),
       ('dedup', _DEDUP),
       ('quality', pa.string()), ('provenance', pa.string()), ('extra', pa.string()),
       ('filtered', _FILTERED),
       ('unknown_fields', pa.string())]
)
_DEAD_FIELDS = [('error', _ERROR), ('input', pa.string()), ('unknown_fields', pa.string())]


def _metadata(family: str) -> dict:
    return {b'newsbeam.schema_version': SCHEMA_VERSION.encode(),
            b'newsbeam.family': family.encode()}


def item_schema(family: str = 'items') -> pa.Schema:
    """The schema of an item-shaped family (items, duplicates, filtered, seen_before)."""
    return pa.schema(_ITEM_FIELDS, metadata=_metadata(family))


def dead_letter_schema() -> pa.Schema:
    """The schema of dead-letter records: ``error`` struct, ``input`` as JSON."""
    return pa.schema(_DEAD_FIELDS, metadata=_metadata('dead_letter'))


def schema_for(family: str) -> pa.Schema:
    return dead_letter_schema() if family == 'dead_letter' else item_schema(family)


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS).decode()


def _json_text(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS).decode()


def _unjson(value: str | None) -> Any:
    return None if value is None else orjson.loads(value)


class _Leftovers:
    """Collects what a column could not hold, as ``{key: value}`` with sub-keys nested."""

    def __init__(self):
        self.data: dict = {}

    def keep(self, path: tuple[str, ...], value: Any) -> None:
        node = self.data
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value


def _text(value: Any, path: tuple, left: _Leftovers) -> str | None:
    if value is None or isinstance(value, str):
        return value
    left.keep(path, value)
    return None


def _time(value: Any, path: tuple, left: _Leftovers) -> dt.datetime | None:
    if value is None:
        return None
    # only the contract's form, which prints back identically: the row must round-trip
    if isinstance(value, str) and _RFC3339_Z.match(value):
        try:
            return dt.datetime.fromisoformat(value[:-1] + '+00:00')
        except ValueError:   # 2024-02-30 and the like
            pass
    left.keep(path, value)
    return None


def _time_text(value: dt.datetime) -> str:
    v = value.astimezone(_UTC)
    text = f'{v.year:04d}-{v.month:02d}-{v.day:02d}T{v.hour:02d}:{v.minute:02d}:{v.second:02d}'
    value = v
    if value.microsecond:
        text += f'.{value.microsecond:06d}'.rstrip('0')
    return text + 'Z'


def _number(value: Any, path: tuple, left: _Leftovers) -> float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, int):
            # an int would come back as a float: keep it exactly
            left.keep(path, value)
            return None
        return value
    left.keep(path, value)
    return None


def _bool(value: Any, path: tuple, left: _Leftovers) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    left.keep(path, value)
    return None


def _struct(value: Any, path: tuple, left: _Leftovers,
            fields: dict[str, Callable]) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        left.keep(path, value)
        return None
    out = {name: convert(value.get(name), path + (name,), left)
           for name, convert in fields.items()}
    for key in value:
        if key not in fields:
            left.keep(path + (key,), value[key])
    # a key the record lacked must come back absent, not null
    missing = [name for name in fields if name not in value]
    if missing:
        left.keep(path + ('__absent__',), missing)
    return out


def _tag(tag: Any) -> dict:
    if not isinstance(tag, dict):
        return {'id': None, 'name': None, 'country': None, 'coordinates': None,
                'extra': _json({'__value__': tag})}
    extra = {k: v for k, v in tag.items() if k not in ('id', 'name', 'country', 'coordinates')}
    coords = tag.get('coordinates')
    ok_coords = (coords is None or (isinstance(coords, list) and all(
        isinstance(c, float) for c in coords)))
    if not ok_coords:
        extra['coordinates'] = coords
    for key in ('id', 'name', 'country'):
        if tag.get(key) is not None and not isinstance(tag.get(key), str):
            extra[key] = tag[key]
    absent = [k for k in ('id', 'name') if k not in tag]
    if absent:
        extra['__absent__'] = absent
    return {
        'id': tag.get('id') if isinstance(tag.get('id'), str) else None,
        'name': tag.get('name') if isinstance(tag.get('name'), str) else None,
        'country': tag.get('country') if isinstance(tag.get('country'), str) else None,
        'coordinates': coords if ok_coords else None,
        'extra': _json(extra) if extra else None,
    }


def _tags(value: Any, path: tuple, left: _Leftovers) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        left.keep(path, value)
        return None
    out = {}
    for kind in _TAG_KINDS:
        tags = value.get(kind)
        if not isinstance(tags, list):
            out[kind] = None
            if kind in value:
                left.keep(path + (kind,), tags)
        else:
            out[kind] = [_tag(t) for t in tags]
    for key in value:
        if key not in _TAG_KINDS:
            left.keep(path + (key,), value[key])
    missing = [kind for kind in _TAG_KINDS if kind not in value]
    if missing:
        left.keep(path + ('__absent__',), missing)
    return out


def _authors(value: Any, path: tuple, left: _Leftovers) -> list | None:
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return value
    left.keep(path, value)
    return None


_STRUCT_FIELDS = {
    'source': {k: _text for k in _SOURCE_KEYS},
    'dedup': {'cluster_id': _text, 'duplicate_of': _text, 'method': _text,
              'similarity': _number, 'update': _bool},
    'filtered': {'filter': _text, 'reason': _text},
}


def _item_row(record: dict) -> dict:
    left = _Leftovers()
    row: dict[str, Any] = {}
    for key in _STRING_KEYS:
        row[key] = _text(record.get(key), (key,), left)
    for key in _TIME_KEYS:
        row[key] = _time(record.get(key), (key,), left)
    for key in _JSON_KEYS:   # a present null is the JSON text 'null'; an absent key is null
        row[key] = _json_text(record[key]) if key in record else None
    row['authors'] = _authors(record.get('authors'), ('authors',), left)
    row['tags'] = _tags(record.get('tags'), ('tags',), left)
    for key, fields in _STRUCT_FIELDS.items():
        row[key] = _struct(record.get(key), (key,), left, fields)
    known = set(row)
    for key, value in record.items():
        if key not in known:
            left.keep((key,), value)
    # keys the record did not have at all (new_item always has them; a user step may not)
    absent = sorted(k for k in known if k not in record and k != 'filtered')
    if absent:
        left.keep(('__absent__',), absent)
    row['unknown_fields'] = _json(left.data) if left.data else None
    return row


def _dead_letter_row(record: dict) -> dict:
    left = _Leftovers()
    row = {
        'error': _struct(record.get('error'), ('error',), left,
                         {'stage': _text, 'reason': _text, 'message': _text}),
        'input': _json_text(record['input']) if 'input' in record else None,
    }
    for key, value in record.items():
        if key not in row:
            left.keep((key,), value)
    row['unknown_fields'] = _json(left.data) if left.data else None
    return row


def record_to_row(record: dict, family: str) -> dict:
    """One record as a row of :func:`schema_for` ``(family)``."""
    return _dead_letter_row(record) if family == 'dead_letter' else _item_row(record)


def _merge(target: dict, leftovers: dict) -> None:
    for key, value in leftovers.items():
        if key == '__absent__':
            for name in value:
                target.pop(name, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def _record_tag(tag: dict) -> Any:
    extra = _unjson(tag.get('extra')) or {}
    if '__value__' in extra:
        return extra['__value__']
    out = {'id': tag['id'], 'name': tag['name']}
    out.update({k: tag[k] for k in ('country', 'coordinates') if tag[k] is not None})
    for key in extra.pop('__absent__', []):
        out.pop(key, None)
    out.update(extra)
    return out


def row_to_record(row: dict, family: str) -> dict:
    """Undo :func:`record_to_row`: the record as it was written (what a reader would rebuild)."""
    if family == 'dead_letter':
        record = {'error': row['error'], 'input': _unjson(row['input'])}
        if row['input'] is None:
            record.pop('input')
    else:
        record = {k: row[k] for k in _STRING_KEYS}
        for key in _TIME_KEYS:
            record[key] = _time_text(row[key]) if row[key] is not None else None
        for key in _JSON_KEYS:
            record[key] = _unjson(row[key])
        record['authors'] = row['authors']
        record['source'] = row['source']
        record['dedup'] = row['dedup']
        tags = row['tags']
        record['tags'] = None if tags is None else {
            kind: (None if tags[kind] is None else [_record_tag(t) for t in tags[kind]])
            for kind in _TAG_KINDS}
        if row.get('filtered') is not None:
            record['filtered'] = row['filtered']
        for key in _JSON_KEYS:
            if row[key] is None:
                record.pop(key)   # absent keys were written as null JSON columns
    _merge(record, _unjson(row['unknown_fields']) or {})
    return record
