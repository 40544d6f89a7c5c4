"""The bounds every format parser works within, and the small checks that apply them.

Goes in: parsed values (JSON objects, raw records) and a :class:`FormatLimits`. Comes out: a
yes/no (too deep?) or the record with over-long text values cut.

Guarantees: every check costs time linear in its input and recursion bounded by
``max_depth``, so a hostile value can make one record fail but cannot end a run (no
``RecursionError``) or make it crawl. What each bound protects is documented in
``docs/input-limits.md``; the read stage exposes them as ``read:`` settings, the fetch stage
uses the defaults.
"""
from __future__ import annotations

import dataclasses
from typing import Any

__all__ = ['FormatLimits', 'DEFAULT_LIMITS', 'nesting_exceeds', 'may_nest_deeper',
           'cap_record_text', 'MAX_DEPTH_ALLOWED']

#: ``max_depth`` may not be set above this: items must stay serialisable (orjson refuses to
#: write more than 254 levels) and checks recurse once per level.
MAX_DEPTH_ALLOWED = 128

_TEXT_FIELDS = ('url', 'canonical_url', 'guid', 'title', 'title_original', 'summary', 'body',
                'language', 'published', 'updated')


@dataclasses.dataclass(frozen=True)
class FormatLimits:
    """Caps applied while one document or line becomes records (see docs/input-limits.md)."""
    # objects/arrays nested in one JSONL line or one JSON Feed item; deeper: ``too_deep``
    max_depth: int = 20
    # characters of one text value of a record; longer values are cut (``quality.truncated``)
    max_field_chars: int = 1_000_000
    # ``<`` and ``&`` in one XML feed document (feedparser's cost grows with them); more:
    # the document is ``too_large`` before any parser sees it
    max_feed_tags: int = 500_000
    # entries of one feed document; the entries after the cap are one ``too_large`` dead letter
    max_feed_entries: int = 20_000

    def validate(self) -> None:
        for field in dataclasses.fields(FormatLimits):
            if getattr(self, field.name) <= 0:
                raise ValueError(f'{field.name} must be positive, '
                                 f'got {getattr(self, field.name)}')
        if self.max_depth > MAX_DEPTH_ALLOWED:
            raise ValueError(f'max_depth must be at most {MAX_DEPTH_ALLOWED}, '
                             f'got {self.max_depth}')


DEFAULT_LIMITS = FormatLimits()


def may_nest_deeper(text: str | bytes, limit: int) -> bool:
    """A cheap pre-check on raw JSON: fewer opening brackets than ``limit`` cannot nest deeper."""
    if isinstance(text, str):
        return text.count('[') + text.count('{') > limit
    return text.count(b'[') + text.count(b'{') > limit


def nesting_exceeds(value: Any, limit: int) -> bool:
    """True when parsed JSON ``value`` nests objects/arrays more than ``limit`` levels deep
    (``value`` itself, if a container, is level 1). Recursion never goes past ``limit``."""
    if isinstance(value, dict):
        children = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return False
    if limit <= 0:
        return True
    for child in children:
        if isinstance(child, (dict, list)) and nesting_exceeds(child, limit - 1):
            return True
    return False


def _cut(value: str, limit: int) -> str:
    cut = value[:limit]
    # never leave half of a surrogate pair or a lone high surrogate at the end
    if cut and '\ud800' <= cut[-1] <= '\udbff':
        cut = cut[:-1]
    return cut


def cap_record_text(record: dict, limit: int) -> dict:
    """Cut every text value of a raw record to ``limit`` characters, in place; each cut field
    is listed in ``record['quality']['truncated']``. Returns the record."""
    truncated = record['quality']['truncated']
    for field in _TEXT_FIELDS:
        value = record.get(field)
        if isinstance(value, str) and len(value) > limit:
            record[field] = _cut(value, limit)
            truncated.append(field)
    for field in ('authors', 'categories'):
        values = record.get(field)
        if isinstance(values, list) and any(isinstance(v, str) and len(v) > limit
                                            for v in values):
            record[field] = [_cut(v, limit) if isinstance(v, str) else v for v in values]
            truncated.append(field)
    source = record.get('source') or {}
    for key in ('name', 'domain'):
        if isinstance(source.get(key), str) and len(source[key]) > limit:
            source[key] = _cut(source[key], limit)
            truncated.append(f'source.{key}')
    return record
