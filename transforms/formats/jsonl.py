"""One JSONL line (an item given as JSON) to a raw record.

Goes in: one line of a ``.jsonl`` file, already split from the file. Comes out: a raw record, or
``InputError(bad_json)`` for a line that is not a JSON object, ``InputError(empty)`` for an
object without any content field.

Accepted keys: our own item keys and the common aliases (``link`` for ``url``,
``content``/``text`` for ``body``, ``date``/``pubDate``/``published_at`` for ``published``,
``headline`` for ``title``, ``description`` for ``summary``, ``author`` for ``authors``,
``categories``/``keywords`` for source categories, ``lang`` for ``language``); ``source`` may be
a plain string or an object. The line's ``id`` becomes ``guid``. Keys we do not know are kept
under ``extra`` so that nothing a user gave us is dropped.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import orjson

from ..model import Reason, new_raw_record
from .errors import InputError

__all__ = ['parse_jsonl_line', 'PARSER']

PARSER = 'newsbeam.jsonl'

# item key -> accepted spellings, our own first (the first one present wins)
_ALIASES = {
    'url': ('url', 'link', 'href'),
    'canonical_url': ('canonical_url',),
    'guid': ('guid', 'id'),
    'title': ('title', 'headline'),
    'title_original': ('title_original', 'original_title'),
    'summary': ('summary', 'description', 'lead', 'abstract'),
    'body': ('body', 'content', 'text', 'article', 'content_html'),
    'published': ('published', 'date', 'pubDate', 'published_at', 'date_published',
                  'publishedAt', 'pub_date'),
    'updated': ('updated', 'updated_at', 'date_modified', 'modified', 'updatedAt'),
    'language': ('language', 'lang'),
    'authors': ('authors', 'author', 'byline', 'creator'),
}
_CATEGORY_KEYS = ('categories', 'category', 'keywords', 'section')
_IGNORED = {'source', 'tags', 'extra', 'dedup', 'provenance', 'quality', 'languages',
            'ingested_at', 'source_name', 'source_domain', 'timezone'}
_HTML = re.compile(r'<(?:p|br|div|span|a|b|i|em|strong|h[1-6]|ul|ol|li|img|figure|table)\b',
                   re.IGNORECASE)
_DOMAIN = re.compile(r'^(?:[a-z0-9-]+\.)+[a-z]{2,}$', re.IGNORECASE)


def _first(obj: dict, names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        value = obj.get(name)
        if value not in (None, '', []):
            return name, value
    return None, None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):  # e.g. body given as a list of paragraphs
        parts = [v for v in value if isinstance(v, str)]
        return '\n\n'.join(parts) if parts else None
    return None


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [value['name']] if isinstance(value.get('name'), str) else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _source(obj: dict) -> dict:
    src = obj.get('source')
    name = domain = None
    if isinstance(src, str):
        if _DOMAIN.match(src.strip()):
            domain = src.strip().lower()
        elif src.startswith(('http://', 'https://')):
            domain = urlsplit(src).hostname
        else:
            name = src.strip() or None
    elif isinstance(src, dict):
        name = _as_text(src.get('name'))
        domain = _as_text(src.get('domain'))
        if not domain and isinstance(src.get('url'), str):
            domain = urlsplit(src['url']).hostname
    name = name or _as_text(obj.get('source_name'))
    domain = domain or _as_text(obj.get('source_domain'))
    return {'name': name, 'domain': domain}


def parse_jsonl_line(line: bytes | str, location: str, line_number: int) -> dict:
    """Parse one JSONL line (1-based ``line_number``) into a raw record."""
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise InputError(Reason.BAD_JSON, f'line {line_number} is not valid JSON: {exc}')
    if not isinstance(obj, dict):
        raise InputError(Reason.BAD_JSON,
                         f'line {line_number} is JSON {type(obj).__name__}, not an object')
    fields: dict[str, Any] = {}
    used: set[str] = set()
    for key, names in _ALIASES.items():
        name, value = _first(obj, names)
        if name is None:
            continue
        used.add(name)
        fields[key] = _names(value) if key == 'authors' else _as_text(value)
    if not any(fields.get(k) for k in ('title', 'summary', 'body', 'title_original')):
        raise InputError(Reason.EMPTY,
                         f'line {line_number} has no title, summary or body to make an item of')
    categories: list[str] = []
    for name in _CATEGORY_KEYS:
        if name in obj:
            used.add(name)
            categories += _names(obj[name])
    tags = obj.get('tags')
    if isinstance(tags, list):
        categories += _names(tags)
    elif isinstance(tags, dict):
        categories += [t.get('name') for t in tags.get('categories', []) if isinstance(t, dict)
                       and isinstance(t.get('name'), str)]
    html = [k for k in ('title', 'summary', 'body') if fields.get(k) and _HTML.search(fields[k])]
    extra = {k: v for k, v in obj.items()
             if k not in used and k not in _IGNORED and k not in _ALIASES}
    if isinstance(obj.get('extra'), dict):
        extra.update(obj['extra'])
    return new_raw_record(
        kind='file', location=location, fmt='jsonl', parser=PARSER, entry=line_number - 1,
        source=_source(obj), categories=categories, extra=extra,
        hints={'html': html, 'timezone': _as_text(obj.get('timezone')),
               'base_url': fields.get('url')},
        **fields)
