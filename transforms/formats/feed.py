"""Feed documents (RSS 0.9x/1.0/2.0, Atom, JSON Feed 1.x) as bytes to raw records.

Goes in: the bytes of one feed document, where it came from, and optionally the HTTP
``Content-Type`` and the URL relative links resolve against. Comes out: one raw record per entry
(``transforms.model.new_raw_record``), or an ``InputError`` with a stable reason.

Guarantees, because feedparser cannot be trusted with hostile bytes (see FIELD-NOTES):

* feedparser only ever sees ``io.BytesIO(body)``: it never opens a path or fetches a URL;
* documents with DOCTYPE entity declarations (billion laughs, external entities) are refused
  (``unsafe_xml``) before any parser sees them;
* over-long author elements, which feedparser matches with a super-linear regex, are cut first;
* a wrong ``charset`` in the HTTP header does not turn a valid UTF-8 document into mojibake;
* inputs that make feedparser raise become ``parse_error``; HTML pages, empty and non-feed
  documents (which feedparser accepts silently) become ``not_a_feed``/``empty``; a document cut
  off in the middle becomes ``parse_error`` rather than a silently shortened feed.
"""
from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import urlsplit

import feedparser
import orjson

from ..model import Reason, new_raw_record
from .errors import InputError

__all__ = ['parse_feed_bytes', 'feed_ttl_minutes', 'check_xml_safety', 'looks_like_json_feed']

PARSER = f'feedparser {feedparser.__version__}'
JSONFEED_PARSER = 'newsbeam.jsonfeed'

_ENTITY_DECL = re.compile(rb'<!\s*ENTITY', re.IGNORECASE)
_DOCTYPE_SUBSET = re.compile(rb'<!DOCTYPE[^>\[]*\[', re.IGNORECASE)
_LONG_AUTHOR = re.compile(
    rb'(<(?:author|dc:creator|itunes:author|managingEditor|webMaster|name)\b[^>]{0,200}>)'
    rb'([^<]{2048,})', re.IGNORECASE)
_XML_DECL_ENCODING = re.compile(rb'^\s*<\?xml[^>]*encoding=["\']([A-Za-z0-9._-]+)', re.IGNORECASE)
_TTL = re.compile(rb'<ttl>\s*(\d{1,7})\s*</ttl>', re.IGNORECASE)
_TRUNCATION_MESSAGES = ('no element found', 'unclosed token')
_JSONFEED_VERSION = 'https://jsonfeed.org/version/1'


def _as_utf8_for_checks(body: bytes) -> bytes:
    """UTF-16/32 documents hide markup from byte regexes; look at them as UTF-8."""
    if body[:2] in (b'\xff\xfe', b'\xfe\xff') or (len(body) > 3 and body[1:2] == b'\x00'
                                                   or body[:1] == b'\x00'):
        for enc in ('utf-16', 'utf-16-le', 'utf-16-be', 'utf-32'):
            try:
                return body.decode(enc).encode('utf-8')
            except UnicodeDecodeError:
                continue
    return body


def check_xml_safety(body: bytes) -> None:
    """Raise ``unsafe_xml`` for entity declarations or an internal DTD subset."""
    view = _as_utf8_for_checks(body)
    if _ENTITY_DECL.search(view) or _DOCTYPE_SUBSET.search(view):
        raise InputError(Reason.UNSAFE_XML,
                         'the document declares entities (DOCTYPE internal subset); refused')


def feed_ttl_minutes(body: bytes) -> int | None:
    """RSS ``<ttl>`` in minutes, if the document states one."""
    match = _TTL.search(body[:256 * 1024])
    return int(match.group(1)) if match else None


def looks_like_json_feed(body: bytes) -> bool:
    head = body[:64].lstrip(b'\xef\xbb\xbf \t\r\n')
    return head.startswith(b'{')


def _domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def _strip_charset_if_wrong(body: bytes, content_type: str | None) -> str | None:
    """Drop a header charset that the bytes contradict (the cause of silent mojibake)."""
    if not content_type or 'charset' not in content_type.lower():
        return content_type
    media_type = content_type.split(';', 1)[0].strip()
    if _XML_DECL_ENCODING.match(body) or body[:3] == b'\xef\xbb\xbf':
        return media_type  # the document says its own encoding
    try:
        body.decode('utf-8')
    except UnicodeDecodeError:
        return content_type
    return media_type  # valid UTF-8: whatever the header says, UTF-8 is right


# ---------------------------------------------------------------------------------- RSS/Atom
def _entry_language(entry: Any) -> str | None:
    """An entry's own language (Atom ``xml:lang`` on its content, summary or title)."""
    details = [*(entry.get('content') or []), entry.get('summary_detail') or {},
               entry.get('title_detail') or {}]
    for detail in details:
        if detail.get('language'):
            return detail['language']
    return entry.get('language')


def _entry_records(parsed: Any, location: str, kind: str, base_url: str | None) -> list[dict]:
    feed = parsed.get('feed', {})
    feed_link = feed.get('link')
    source = {'name': feed.get('title') or None,
              'domain': _domain_of(feed_link) or _domain_of(base_url) or _domain_of(location),
              'location': location}
    version = parsed.get('version') or 'unknown'
    language = feed.get('language')
    records = []
    for index, entry in enumerate(parsed.get('entries', [])):
        html_fields = []
        title = entry.get('title')
        if (entry.get('title_detail') or {}).get('type') == 'text/html':
            html_fields.append('title')
        summary = entry.get('summary')
        if summary and (entry.get('summary_detail') or {}).get('type', 'text/html') != 'text/plain':
            html_fields.append('summary')
        body = None
        contents = entry.get('content') or []
        if contents:
            chosen = next((c for c in contents if c.get('type') == 'text/html'), contents[0])
            body = chosen.get('value')
            if chosen.get('type') != 'text/plain':
                html_fields.append('body')
            if summary and body and summary.strip() == body.strip():
                summary = None
        authors = [a.get('name') for a in entry.get('authors', []) if a.get('name')]
        if not authors and entry.get('author'):
            authors = [entry.get('author')]
        link = entry.get('link')
        records.append(new_raw_record(
            kind=kind, location=location, fmt=version, parser=PARSER, entry=index,
            url=link, guid=entry.get('id') or None, title=title, summary=summary, body=body,
            # dict.get: FeedParserDict.get('updated') falls back to 'published' (feedparser 6).
            # A feed that gives only one date (RSS 1.0 dc:date, Atom updated) dates publication.
            published=(dict.get(entry, 'published') or dict.get(entry, 'created')
                       or dict.get(entry, 'updated')),
            updated=dict.get(entry, 'updated'), authors=authors,
            language=_entry_language(entry) or language,
            categories=[t.get('term') for t in entry.get('tags', []) if t.get('term')],
            source=source,
            hints={'html': html_fields, 'base_url': base_url or feed_link},
        ))
    return records


def _parse_xml_feed(body: bytes, location: str, kind: str, content_type: str | None,
                    base_url: str | None) -> list[dict]:
    check_xml_safety(body)
    body = _LONG_AUTHOR.sub(lambda m: m.group(1) + m.group(2)[:512], body)
    headers = {}
    content_type = _strip_charset_if_wrong(body, content_type)
    if content_type:
        headers['content-type'] = content_type
    if base_url:
        headers['content-location'] = base_url
    try:
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers,
                                  resolve_relative_uris=True, sanitize_html=True)
    except Exception as exc:  # feedparser raises arbitrary errors on some inputs (FIELD-NOTES)
        raise InputError(Reason.PARSE_ERROR, f'feedparser failed: {type(exc).__name__}: {exc}')
    problem = parsed.get('bozo_exception')
    if problem is not None and any(m in str(problem) for m in _TRUNCATION_MESSAGES):
        raise InputError(Reason.PARSE_ERROR, f'the document is cut off: {problem}')
    if not parsed.get('version'):
        if problem is not None and isinstance(problem, feedparser.CharacterEncodingUnknown):
            raise InputError(Reason.BAD_ENCODING, str(problem))
        raise InputError(Reason.NOT_A_FEED, 'no RSS, RDF or Atom document was found')
    return _entry_records(parsed, location, kind, base_url)


# ---------------------------------------------------------------------------------- JSON Feed
def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _parse_json_feed(body: bytes, location: str, kind: str, base_url: str | None) -> list[dict]:
    try:
        doc = orjson.loads(body.lstrip(b'\xef\xbb\xbf'))
    except orjson.JSONDecodeError as exc:
        raise InputError(Reason.NOT_A_FEED, f'not JSON: {exc}')
    if not isinstance(doc, dict) or not str(doc.get('version', '')).startswith(_JSONFEED_VERSION):
        raise InputError(Reason.NOT_A_FEED,
                         f'JSON without a "version" of {_JSONFEED_VERSION}*; not a JSON Feed')
    items = doc.get('items')
    if not isinstance(items, list):
        raise InputError(Reason.NOT_A_FEED, 'JSON Feed without an "items" list')
    home = _text(doc.get('home_page_url'))
    source = {'name': _text(doc.get('title')),
              'domain': _domain_of(home) or _domain_of(base_url) or _domain_of(location),
              'location': location}
    number = str(doc['version']).rsplit('/', 1)[-1]      # '1' or '1.1'
    version = 'jsonfeed' + (number + '.0' if '.' not in number else number).replace('.', '')
    feed_authors = doc.get('authors') or ([doc['author']] if isinstance(doc.get('author'), dict)
                                          else [])
    records = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        html_fields = []
        body_text = _text(item.get('content_html'))
        if body_text:
            html_fields.append('body')
        else:
            body_text = _text(item.get('content_text'))
        authors = item.get('authors') or ([item['author']] if isinstance(item.get('author'), dict)
                                          else feed_authors)
        tags = item.get('tags') if isinstance(item.get('tags'), list) else []
        records.append(new_raw_record(
            kind=kind, location=location, fmt=version, parser=JSONFEED_PARSER, entry=index,
            url=_text(item.get('url')) or _text(item.get('external_url')),
            guid=str(item['id']) if item.get('id') not in (None, '') else None,
            title=_text(item.get('title')), summary=_text(item.get('summary')), body=body_text,
            published=_text(item.get('date_published')), updated=_text(item.get('date_modified')),
            authors=[a['name'] for a in authors if isinstance(a, dict) and _text(a.get('name'))],
            language=_text(item.get('language')) or _text(doc.get('language')),
            categories=[t for t in tags if isinstance(t, str)],
            source=source,
            hints={'html': html_fields, 'base_url': base_url or _text(doc.get('feed_url')) or home},
        ))
    return records


def parse_feed_bytes(body: bytes, location: str, *, kind: str = 'feed',
                     content_type: str | None = None, base_url: str | None = None) -> list[dict]:
    """Parse one feed document into raw records (one per entry), or raise ``InputError``."""
    if not body or not body.strip():
        raise InputError(Reason.EMPTY, 'the feed document is empty')
    if looks_like_json_feed(body) or (content_type or '').split(';')[0].strip().endswith('json'):
        return _parse_json_feed(body, location, kind, base_url)
    return _parse_xml_feed(body, location, kind, content_type, base_url)
