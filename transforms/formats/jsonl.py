"""JSONL: a byte stream to lines (:func:`iter_jsonl_lines`), one line to a raw record
(:func:`parse_jsonl_line`).

Goes in: a binary stream of a ``.jsonl`` file (already decompressed), then each line of it.
Comes out: numbered lines, then one raw record per line, or ``InputError`` with a stable reason:
``bad_json`` for a line that is not a JSON object, ``too_deep`` for one nested deeper than
``max_depth``, ``empty`` for an object without any content field.

Shape-safe: every field is checked for its type. A value of the wrong type in an optional
field (``"tags": {"categories": 5}``, ``"authors": 5``, ``"source": "http://[::1"``) is left out
and named in ``quality.warnings`` (reason ``wrong_type``); the item is kept. Text values longer
than ``max_field_chars`` are cut and named in ``quality.truncated``.

Accepted keys: our own item keys and the common aliases (``link`` for ``url``,
``content``/``text`` for ``body``, ``date``/``pubDate``/``published_at`` for ``published``,
``headline`` for ``title``, ``description`` for ``summary``, ``author`` for ``authors``,
``categories``/``keywords`` for source categories, ``lang`` for ``language``); ``source`` may be
a plain string or an object. The line's ``id`` becomes ``guid``. Keys we do not know are kept
under ``extra`` so that nothing a user gave us is dropped.
"""
from __future__ import annotations

import re
from typing import Any, BinaryIO, Iterator, NamedTuple
from urllib.parse import urlsplit

import orjson

from ..model import Reason, new_raw_record
from .errors import WRONG_TYPE, InputError
from .limits import DEFAULT_LIMITS, FormatLimits, cap_record_text, may_nest_deeper, nesting_exceeds

__all__ = ['parse_jsonl_line', 'iter_jsonl_lines', 'JsonlLine', 'StreamStopped', 'PARSER']

PARSER = 'newsbeam.jsonl'

# item key -> accepted spellings, our own first (the first usable one wins)
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
_MAX_DOMAIN_CHARS = 253
_ABSENT = (None, '', [], {})


# ------------------------------------------------------------------------------- the stream
class JsonlLine(NamedTuple):
    """One non-blank line: its 1-based number and bytes (``None``: longer than the cap)."""
    number: int
    data: bytes | None


class StreamStopped(InputError):
    """Reading stopped before the end of the stream; lines from ``next_line`` on are not read."""

    def __init__(self, reason: str, message: str, next_line: int):
        super().__init__(reason, message)
        self.next_line = next_line


_NON_BLANK = re.compile(rb'[^ \t\r\n\x0b\x0c]')
_BOM = b'\xef\xbb\xbf'
CHUNK_BYTES = 64 * 1024


def iter_jsonl_lines(stream: BinaryIO, *, max_line_bytes: int, max_bytes: int, max_lines: int,
                     chunk_bytes: int = CHUNK_BYTES) -> Iterator[JsonlLine]:
    """The non-blank lines of ``stream``, numbered as in the file, read in chunks.

    Blank lines are skipped at C speed (a file of nothing but newlines costs what reading it
    costs). A line longer than ``max_line_bytes`` (without its newline) is yielded once with
    ``data=None`` and is never held in memory. After ``max_lines`` lines, or ``max_bytes``
    bytes read, :class:`StreamStopped` (``too_large``) is raised; when the stream fails
    (``OSError``, a corrupt ``.gz``), :class:`StreamStopped` (``unreadable``) is raised. Either
    way every line before is yielded first and ``next_line`` says where reading stopped.
    """
    buf = bytearray()
    number = 0          # lines that ended before buf[0]
    total = 0
    yielded = 0
    skipping = False    # inside an over-long line: drop bytes up to its newline
    first = True
    capped = False
    while True:
        try:
            data = stream.read(chunk_bytes)
        except Exception as exc:  # OSError, EOFError, zlib.error, gzip.BadGzipFile, ...
            raise StreamStopped(Reason.UNREADABLE, f'reading stopped after line {number}: '
                                f'{type(exc).__name__}: {exc}', number + 1) from None
        eof = not data
        if data:
            total += len(data)
            if total > max_bytes:
                data = data[:len(data) - (total - max_bytes)]
                capped = eof = True
            buf += data
        if first and (len(buf) >= len(_BOM) or eof):
            first = False           # the file's first bytes are still at the start of buf
            if buf.startswith(_BOM):
                del buf[:len(_BOM)]
        pos = 0
        while True:
            if skipping:
                newline = buf.find(b'\n', pos)
                if newline < 0:
                    pos = len(buf)
                    break
                number += 1
                skipping = False
                pos = newline + 1
                continue
            match = _NON_BLANK.search(buf, pos)
            if match is None:
                number += buf.count(b'\n', pos)
                pos = len(buf)
                break
            content = match.start()
            line_start = buf.rfind(b'\n', pos, content) + 1 or pos
            number += buf.count(b'\n', pos, content)
            newline = buf.find(b'\n', content)
            end = newline if newline >= 0 else len(buf)
            if newline < 0 and not eof and end - line_start <= max_line_bytes:
                pos = line_start            # an unfinished line: wait for more bytes
                break
            if newline < 0 and capped:
                pos = line_start            # cut off by the cap: part of the unread rest
                break
            if yielded == max_lines:
                raise StreamStopped(Reason.TOO_LARGE, f'the file holds more than {max_lines} '
                                    f'lines (read.max_records_per_file); reading stopped '
                                    f'after line {number}', number + 1)
            yielded += 1
            if end - line_start > max_line_bytes:
                yield JsonlLine(number + 1, None)
                if newline < 0:             # skip the rest of it in the chunks to come
                    skipping = True
                    pos = len(buf)
                    break
            else:
                yield JsonlLine(number + 1, bytes(buf[line_start:end]))
            number += 1
            pos = end + 1
        del buf[:pos]
        if capped:
            raise StreamStopped(Reason.TOO_LARGE, f'the file holds more than {max_bytes} bytes '
                                f'of lines (read.max_decompressed_bytes); reading stopped after '
                                f'line {number}', number + 1)
        if eof:
            return


# ------------------------------------------------------------------------------- one line
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
    """Names from a string, an object with a ``name``, or lists of those (nesting is bounded
    by the line's ``max_depth`` check)."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        name = value.get('name')
        return [name] if isinstance(name, str) and name.strip() else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _hostname(url: str, field: str, warnings: list) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        warnings.append({'field': field, 'reason': WRONG_TYPE})
        return None


def _source(obj: dict, warnings: list) -> dict:
    src = obj.get('source')
    name = domain = None
    if isinstance(src, str):
        text = src.strip()
        if len(text) <= _MAX_DOMAIN_CHARS and _DOMAIN.match(text):
            domain = text.lower()
        elif text.startswith(('http://', 'https://')):
            domain = _hostname(text, 'source', warnings)
        else:
            name = text or None
    elif isinstance(src, dict):
        name = _as_text(src.get('name'))
        domain = _as_text(src.get('domain'))
        if not domain and isinstance(src.get('url'), str):
            domain = _hostname(src['url'], 'source.url', warnings)
    elif src is not None:
        warnings.append({'field': 'source', 'reason': WRONG_TYPE})
    name = name or _as_text(obj.get('source_name'))
    domain = domain or _as_text(obj.get('source_domain'))
    return {'name': name, 'domain': domain}


def _categories(obj: dict, used: set, warnings: list) -> list[str]:
    categories: list[str] = []
    for name in _CATEGORY_KEYS:
        if name in obj:
            used.add(name)
            found = _names(obj[name])
            if not found and obj[name] not in _ABSENT:
                warnings.append({'field': name, 'reason': WRONG_TYPE})
            categories += found
    tags = obj.get('tags')
    if isinstance(tags, list):
        categories += _names(tags)
    elif isinstance(tags, dict):
        listed = tags.get('categories')
        if isinstance(listed, list):
            categories += _names(listed)
        elif listed is not None:
            warnings.append({'field': 'tags.categories', 'reason': WRONG_TYPE})
    elif tags is not None:
        warnings.append({'field': 'tags', 'reason': WRONG_TYPE})
    return categories


def parse_jsonl_line(line: bytes | str, location: str, line_number: int,
                     limits: FormatLimits = DEFAULT_LIMITS) -> dict:
    """Parse one JSONL line (1-based ``line_number``) into a raw record, or raise
    ``InputError``."""
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        if 'depth limit' in str(exc):
            raise InputError(Reason.TOO_DEEP, f'line {line_number} nests objects/arrays more than '
                             f'{limits.max_depth} deep (read.max_depth)') from None
        raise InputError(Reason.BAD_JSON,
                         f'line {line_number} is not valid JSON: {exc}') from None
    if not isinstance(obj, dict):
        raise InputError(Reason.BAD_JSON,
                         f'line {line_number} is JSON {type(obj).__name__}, not an object')
    if may_nest_deeper(line, limits.max_depth) and nesting_exceeds(obj, limits.max_depth):
        raise InputError(Reason.TOO_DEEP, f'line {line_number} nests objects/arrays more than '
                         f'{limits.max_depth} deep (read.max_depth)')
    warnings: list[dict] = []
    fields: dict[str, Any] = {}
    used: set[str] = set()
    for key, names in _ALIASES.items():
        for name in names:
            raw = obj.get(name)
            if raw in _ABSENT:
                continue
            used.add(name)
            value = _names(raw) if key == 'authors' else _as_text(raw)
            if value:
                fields[key] = value
                break
            warnings.append({'field': name, 'reason': WRONG_TYPE})
    if not any(fields.get(k) for k in ('title', 'summary', 'body', 'title_original')):
        raise InputError(Reason.EMPTY,
                         f'line {line_number} has no title, summary or body to make an item of')
    categories = _categories(obj, used, warnings)
    html = [k for k in ('title', 'summary', 'body') if fields.get(k) and _HTML.search(fields[k])]
    extra = {k: v for k, v in obj.items()
             if k not in used and k not in _IGNORED and k not in _ALIASES}
    if isinstance(obj.get('extra'), dict):
        extra.update(obj['extra'])
    elif obj.get('extra') is not None:
        warnings.append({'field': 'extra', 'reason': WRONG_TYPE})
    timezone = _as_text(obj.get('timezone'))
    if timezone is None and obj.get('timezone') not in _ABSENT:
        warnings.append({'field': 'timezone', 'reason': WRONG_TYPE})
    record = new_raw_record(
        kind='file', location=location, fmt='jsonl', parser=PARSER, entry=line_number - 1,
        source=_source(obj, warnings), categories=categories, extra=extra,
        hints={'html': html, 'timezone': timezone, 'base_url': fields.get('url')},
        **fields)
    record['quality']['warnings'].extend(warnings)
    return cap_record_text(record, limits.max_field_chars)
