"""Feed documents (RSS 0.9x/1.0/2.0, Atom, JSON Feed 1.x) as bytes to raw records.

Goes in: the bytes of one feed document, where it came from, and optionally the HTTP
``Content-Type`` and the URL relative links resolve against. Comes out (:func:`parse_feed`):
one raw record per entry (``transforms.model.new_raw_record``) and one :class:`EntryFailure`
per entry that could not become a record; or an ``InputError`` with a stable reason when the
document as a whole cannot be read. :func:`parse_feed_bytes` is the all-or-nothing form.

Guarantees, because feedparser cannot be trusted with hostile bytes (see FIELD-NOTES):

* feedparser only ever sees ``io.BytesIO(body)``: it never opens a path or fetches a URL;
* the document is decoded first, whatever its encoding (UTF-8/16/32 with or without a BOM,
  EBCDIC, declared legacy encodings: :mod:`.xmltext`), every check below looks at that text,
  and feedparser gets that same text as UTF-8 declared as UTF-8, so no encoding trick can
  show it something the checks did not see;
* documents with DOCTYPE entity declarations or an internal DTD subset (billion laughs,
  external entities) are refused (``unsafe_xml``) before any parser sees them;
* the text of author-like elements (which feedparser matches with a super-linear regex) is
  cut to ``AUTHOR_CHARS``, and at a run of e-mail characters longer than 64, first (CDATA,
  comments, character references and namespace prefixes included); documents
  with more than ``max_feed_tags`` markup characters are refused (``too_large``): together with
  the file size cap these bound feedparser's time (docs/input-limits.md);
* inputs that make feedparser raise become ``parse_error``; HTML pages, empty and non-feed
  documents (which feedparser accepts silently) become ``not_a_feed``/``empty``; a document cut
  off in the middle becomes ``parse_error`` rather than a silently shortened feed;
* each entry becomes a record or a failure on its own: a malformed entry (a JSON Feed item
  whose ``authors`` is ``5``, one nested deeper than ``max_depth``) never costs the others.
  Wrong types in optional fields are left out and named in ``quality.warnings``;
* at most ``max_feed_entries`` entries are read; the rest is one ``too_large`` failure.
"""
from __future__ import annotations

import bisect
import html
import io
import re
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import feedparser
import orjson

from ..model import Reason, new_raw_record
from .decode import decode_text
from .errors import WRONG_TYPE, InputError
from .limits import DEFAULT_LIMITS, FormatLimits, cap_record_text, nesting_exceeds
from .xmltext import decode_xml, utf8_document

__all__ = ['parse_feed', 'parse_feed_bytes', 'ParsedFeed', 'EntryFailure', 'feed_ttl_minutes',
           'check_xml_safety', 'looks_like_json_feed', 'AUTHOR_CHARS']

PARSER = f'feedparser {feedparser.__version__}'
JSONFEED_PARSER = 'newsbeam.jsonfeed'

#: author-like element text is cut to this many characters before feedparser sees it: its
#: e-mail regex is super-linear (50,000 characters: 11 s); 200 is what normalize keeps anyway
AUTHOR_CHARS = 200
# the regex's cost grows with the square of a run of e-mail characters; no e-mail part (local
# part, domain label) is longer than 64, so a longer run is cut there
_EMAIL_RUN_CHARS = 64
_EMAIL_RUN = re.compile(r'[A-Za-z0-9_.+\-]{%d,}' % (_EMAIL_RUN_CHARS + 1))

_ENTITY_DECL = re.compile(r'<!\s*ENTITY', re.IGNORECASE)
# a DOCTYPE whose internal subset opens, quoted literals skipped (they may hold '>' or '[')
_DOCTYPE_SUBSET = re.compile(r'<!\s*DOCTYPE(?:[^>\["\']|"[^"]*"|\'[^\']*\')*\[', re.IGNORECASE)
_AUTHOR_NAMES = (r'((?:[A-Za-z_][\w.-]*:)?(?:author|creator|name|email|managingEditor|webMaster|'
                 r'publisher|owner|contributor))')
_AUTHORISH = re.compile(r'<' + _AUTHOR_NAMES + r'\b[^<>]{0,2000}?(?<!/)>', re.IGNORECASE)
_AUTHORISH_CLOSE = re.compile(r'</\s*' + _AUTHOR_NAMES + r'\s*>', re.IGNORECASE)
_TTL = re.compile(rb'<ttl>\s*(\d{1,7})\s*</ttl>', re.IGNORECASE)
_TRUNCATION_MESSAGES = ('no element found', 'unclosed token')
_JSONFEED_VERSION = 'https://jsonfeed.org/version/1'


class EntryFailure(NamedTuple):
    """An entry that did not become a record (``entry``: its 0-based index)."""
    entry: int
    reason: str
    message: str
    excerpt: str | None = None


class ParsedFeed(NamedTuple):
    records: list[dict]
    failures: list[EntryFailure]


def check_xml_safety(document: bytes | str) -> None:
    """Raise ``unsafe_xml`` for entity declarations or an internal DTD subset.

    ``document`` is decoded text, or bytes (decoded here as :func:`decode_xml` does), so the
    check sees characters, not one encoding's bytes."""
    text = document if isinstance(document, str) else decode_xml(document).text
    if _ENTITY_DECL.search(text) or _DOCTYPE_SUBSET.search(text):
        raise InputError(Reason.UNSAFE_XML,
                         'the document declares entities (DOCTYPE internal subset); refused')


def feed_ttl_minutes(body: bytes) -> int | None:
    """RSS ``<ttl>`` in minutes, if the document states one."""
    match = _TTL.search(body[:256 * 1024])
    return int(match.group(1)) if match else None


def looks_like_json_feed(body: bytes) -> bool:
    """Does the document open with ``{`` (after a BOM and whitespace, in UTF-8/16/32)?"""
    head = body[:64].replace(b'\x00', b'').lstrip(b'\xef\xbb\xbf\xfe\xff \t\r\n')
    return head.startswith(b'{')


def _domain_of(url: str | None) -> str | None:
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def _visible_text(span: str) -> str:
    """The characters an element's content stands for: tags and comments dropped, CDATA
    unwrapped, references resolved. Linear: every scan moves forward."""
    out = []
    pos = 0
    while pos < len(span):
        lt = span.find('<', pos)
        if lt < 0:
            out.append(html.unescape(span[pos:]))
            break
        out.append(html.unescape(span[pos:lt]))
        if span.startswith('<![CDATA[', lt):
            close = span.find(']]>', lt + 9)
            close = len(span) if close < 0 else close
            out.append(span[lt + 9:close])
            pos = close + 3
        elif span.startswith('<!--', lt):
            close = span.find('-->', lt + 4)
            pos = len(span) if close < 0 else close + 3
        else:
            close = span.find('>', lt + 1)
            pos = len(span) if close < 0 else close + 1
    return ''.join(out)


def _element_end(text: str, start: int, closes: list[int]) -> int:
    """Where the content that starts at ``start`` ends: the first of ``closes`` (positions of
    its closing tags) after it, or, when there is none, the end of its first run of text and
    CDATA."""
    i = bisect.bisect_left(closes, start)
    if i < len(closes):
        return closes[i]
    pos = start
    while True:
        lt = text.find('<', pos)
        if lt < 0:
            return len(text)
        if not text.startswith('<![CDATA[', lt):
            return lt
        close_cdata = text.find(']]>', lt + 9)
        if close_cdata < 0:
            return len(text)
        pos = close_cdata + 3


def _author_text(visible: str, limit: int) -> str:
    text = visible[:limit]
    run = _EMAIL_RUN.search(text)
    return text[:run.start() + _EMAIL_RUN_CHARS] if run else text


def _cut_author_text(text: str, limit: int = AUTHOR_CHARS) -> str:
    """Author-like elements whose content says more than ``limit`` characters, or holds a run
    of e-mail characters longer than any e-mail part (what makes feedparser's regex slow),
    get what comes before as plain (escaped) text instead."""
    closes: dict[str, list[int]] = {}    # found in one pass: searching per element from
    for match in _AUTHORISH_CLOSE.finditer(text):   # each one would be quadratic when unclosed
        closes.setdefault(match.group(1).lower(), []).append(match.start())
    out = []
    last = seen = 0
    for match in _AUTHORISH.finditer(text):
        start = match.end()
        if match.start() < seen:
            # inside an element already looked at: what it says is part of what that said,
            # so it is short if that was (and spans never overlap: the work stays linear)
            continue
        end = _element_end(text, start, closes.get(match.group(1).lower(), []))
        seen = end
        if end - start <= _EMAIL_RUN_CHARS:
            continue        # markup is never shorter than what it says
        visible = _visible_text(text[start:end])
        cut = _author_text(visible, limit)
        if cut == visible:
            continue
        out.append(text[last:start])
        out.append(html.escape(cut, quote=False))
        last = end
    if not out:
        return text
    out.append(text[last:])
    return ''.join(out)


def _prepare_xml(body: bytes, content_type: str | None, limits: FormatLimits) -> bytes:
    """The bytes feedparser may see: decoded, checked, author text cut, as declared UTF-8."""
    text = decode_xml(body, content_type).text
    check_xml_safety(text)
    markup = text.count('<') + text.count('&')
    if markup > limits.max_feed_tags:
        raise InputError(Reason.TOO_LARGE,
                         f'the document holds {markup} tags and references, more than '
                         f'{limits.max_feed_tags} (read.max_feed_tags); refused before parsing')
    return utf8_document(_cut_author_text(text))


def _entries_capped(count: int, limits: FormatLimits) -> EntryFailure | None:
    if count <= limits.max_feed_entries:
        return None
    cap = limits.max_feed_entries
    return EntryFailure(cap, Reason.TOO_LARGE,
                        f'the feed has {count} entries; entries {cap} to {count - 1} are not '
                        f'read (read.max_feed_entries = {cap})')


# ---------------------------------------------------------------------------------- RSS/Atom
def _entry_language(entry: Any) -> str | None:
    """An entry's own language (Atom ``xml:lang`` on its content, summary or title)."""
    details = [*(entry.get('content') or []), entry.get('summary_detail') or {},
               entry.get('title_detail') or {}]
    for detail in details:
        if detail.get('language'):
            return detail['language']
    return entry.get('language')


def _entry_record(entry: Any, index: int, *, location: str, kind: str, version: str,
                  source: dict, language: str | None, base_url: str | None,
                  feed_link: str | None) -> dict:
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
    return new_raw_record(
        kind=kind, location=location, fmt=version, parser=PARSER, entry=index,
        url=entry.get('link'), guid=entry.get('id') or None, title=title, summary=summary,
        body=body,
        # dict.get: FeedParserDict.get('updated') falls back to 'published' (feedparser 6).
        # A feed that gives only one date (RSS 1.0 dc:date, Atom updated) dates publication.
        published=(dict.get(entry, 'published') or dict.get(entry, 'created')
                   or dict.get(entry, 'updated')),
        updated=dict.get(entry, 'updated'), authors=authors,
        language=_entry_language(entry) or language,
        categories=[t.get('term') for t in entry.get('tags', []) if t.get('term')],
        source=source,
        hints={'html': html_fields, 'base_url': base_url or feed_link},
    )


def _entry_records(parsed: Any, location: str, kind: str, base_url: str | None,
                   limits: FormatLimits) -> ParsedFeed:
    feed = parsed.get('feed', {})
    feed_link = feed.get('link')
    source = {'name': feed.get('title') or None,
              'domain': _domain_of(feed_link) or _domain_of(base_url) or _domain_of(location),
              'location': location}
    version = parsed.get('version') or 'unknown'
    entries = parsed.get('entries', [])
    records, failures = [], []
    for index, entry in enumerate(entries[:limits.max_feed_entries]):
        try:
            record = _entry_record(entry, index, location=location, kind=kind, version=version,
                                   source=source, language=feed.get('language'),
                                   base_url=base_url, feed_link=feed_link)
        except Exception as exc:  # feedparser's output for hostile input: this entry only
            failures.append(EntryFailure(index, Reason.PARSE_ERROR,
                                         f'entry {index}: {type(exc).__name__}: {exc}',
                                         _excerpt(entry)))
            continue
        records.append(cap_record_text(record, limits.max_field_chars))
    capped = _entries_capped(len(entries), limits)
    if capped:
        failures.append(capped)
    return ParsedFeed(records, failures)


def _excerpt(entry: Any) -> str | None:
    try:
        title = entry.get('title')
    except Exception:  # an entry that is not even a mapping
        return None
    return title if isinstance(title, str) else None


def _parse_xml_feed(body: bytes, location: str, kind: str, content_type: str | None,
                    base_url: str | None, limits: FormatLimits) -> ParsedFeed:
    document = _prepare_xml(body, content_type, limits)
    headers = {}
    if content_type:
        # the document is UTF-8 now, whatever the server said
        headers['content-type'] = content_type.split(';', 1)[0].strip() + '; charset=utf-8'
    if base_url:
        headers['content-location'] = base_url
    try:
        parsed = feedparser.parse(io.BytesIO(document), response_headers=headers,
                                  resolve_relative_uris=True, sanitize_html=True)
    except Exception as exc:  # feedparser raises arbitrary errors on some inputs (FIELD-NOTES)
        raise InputError(Reason.PARSE_ERROR,
                         f'feedparser failed: {type(exc).__name__}: {exc}') from None
    problem = parsed.get('bozo_exception')
    if problem is not None and any(m in str(problem) for m in _TRUNCATION_MESSAGES):
        raise InputError(Reason.PARSE_ERROR, f'the document is cut off: {problem}')
    if not parsed.get('version'):
        if problem is not None and isinstance(problem, feedparser.CharacterEncodingUnknown):
            raise InputError(Reason.BAD_ENCODING, str(problem))
        raise InputError(Reason.NOT_A_FEED, 'no RSS, RDF or Atom document was found')
    return _entry_records(parsed, location, kind, base_url, limits)


# ---------------------------------------------------------------------------------- JSON Feed
def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


class _Fields:
    """Typed reads of one JSON object; a present value of the wrong type is noted, not used."""

    def __init__(self, obj: dict):
        self.obj = obj
        self.warnings: list[dict] = []

    def wrong(self, key: str) -> None:
        self.warnings.append({'field': key, 'reason': WRONG_TYPE})

    def text(self, key: str) -> str | None:
        value = self.obj.get(key)
        if value is not None and not isinstance(value, str):
            self.wrong(key)
            return None
        return _text(value)

    def id(self, key: str) -> str | None:
        value = self.obj.get(key)
        if isinstance(value, str):
            return value or None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if value is not None:
            self.wrong(key)
        return None

    def list(self, key: str) -> list | None:
        value = self.obj.get(key)
        if value is not None and not isinstance(value, list):
            self.wrong(key)
            return None
        return value


def _author_names(authors: list, fields: _Fields, key: str) -> list[str]:
    names = []
    for author in authors:
        name = author.get('name') if isinstance(author, dict) else author
        if isinstance(name, str):
            if name.strip():
                names.append(name)
        elif name is not None:
            fields.wrong(key)
    return names


def _json_feed_record(item: Any, index: int, *, location: str, kind: str, version: str,
                      source: dict, feed_authors: list[str], language: str | None,
                      base_url: str | None, limits: FormatLimits) -> dict:
    if not isinstance(item, dict):
        raise InputError(Reason.BAD_JSON, f'item {index} is JSON {type(item).__name__}, not an '
                         f'object')
    if nesting_exceeds(item, limits.max_depth):
        raise InputError(Reason.TOO_DEEP, f'item {index} nests objects/arrays more than '
                         f'{limits.max_depth} deep (read.max_depth)')
    fields = _Fields(item)
    html_fields = []
    body_text = fields.text('content_html')
    if body_text:
        html_fields.append('body')
    else:
        body_text = fields.text('content_text')
    authors = fields.list('authors')
    if authors:
        names = _author_names(authors, fields, 'authors')
    elif isinstance(item.get('author'), (dict, str)):
        names = _author_names([item['author']], fields, 'author')
    else:
        if item.get('author') is not None:
            fields.wrong('author')
        names = feed_authors
    tags = fields.list('tags') or []
    if any(not isinstance(t, str) for t in tags):
        fields.wrong('tags')
    record = new_raw_record(
        kind=kind, location=location, fmt=version, parser=JSONFEED_PARSER, entry=index,
        url=fields.text('url') or fields.text('external_url'), guid=fields.id('id'),
        title=fields.text('title'), summary=fields.text('summary'), body=body_text,
        published=fields.text('date_published'), updated=fields.text('date_modified'),
        authors=names, language=fields.text('language') or language,
        categories=[t for t in tags if isinstance(t, str) and t.strip()],
        source=source, hints={'html': html_fields, 'base_url': base_url},
    )
    record['quality']['warnings'].extend(fields.warnings)
    return cap_record_text(record, limits.max_field_chars)


def _json_document(body: bytes) -> Any:
    data: bytes | str = body.lstrip(b'\xef\xbb\xbf')
    if body[:2] in (b'\xff\xfe', b'\xfe\xff') or b'\x00' in body[:4]:
        data = decode_text(body).text      # JSON in UTF-16/32: orjson reads UTF-8 only
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if 'depth limit' in str(exc):
            raise InputError(Reason.TOO_DEEP, 'the JSON nests more than 1024 deep') from None
        raise InputError(Reason.NOT_A_FEED, f'not JSON: {exc}') from None


def _parse_json_feed(body: bytes, location: str, kind: str, base_url: str | None,
                     limits: FormatLimits) -> ParsedFeed:
    doc = _json_document(body)
    version = doc.get('version') if isinstance(doc, dict) else None
    if not isinstance(version, str) or not version.startswith(_JSONFEED_VERSION):
        raise InputError(Reason.NOT_A_FEED,
                         f'JSON without a "version" of {_JSONFEED_VERSION}*; not a JSON Feed')
    items = doc.get('items')
    if not isinstance(items, list):
        raise InputError(Reason.NOT_A_FEED, 'JSON Feed without an "items" list')
    feed = _Fields(doc)
    home = feed.text('home_page_url')
    source = {'name': feed.text('title'),
              'domain': _domain_of(home) or _domain_of(base_url) or _domain_of(location),
              'location': location}
    number = version.rsplit('/', 1)[-1]      # '1' or '1.1'
    fmt = 'jsonfeed' + (number + '.0' if '.' not in number else number).replace('.', '')
    authors = feed.list('authors') or (
        [doc['author']] if isinstance(doc.get('author'), dict) else [])
    feed_authors = _author_names(authors, feed, 'authors')
    language = feed.text('language')
    links = base_url or feed.text('feed_url') or home
    records, failures = [], []
    for index, item in enumerate(items[:limits.max_feed_entries]):
        try:
            records.append(_json_feed_record(
                item, index, location=location, kind=kind, version=fmt, source=source,
                feed_authors=feed_authors, language=language, base_url=links, limits=limits))
        except InputError as exc:
            failures.append(EntryFailure(index, exc.reason, exc.message, _excerpt_json(item)))
        except Exception as exc:  # an unforeseen shape: this item only
            failures.append(EntryFailure(index, Reason.PARSE_ERROR,
                                         f'item {index}: {type(exc).__name__}: {exc}',
                                         _excerpt_json(item)))
    capped = _entries_capped(len(items), limits)
    if capped:
        failures.append(capped)
    return ParsedFeed(records, failures)


def _excerpt_json(item: Any) -> str | None:
    if isinstance(item, dict) and isinstance(item.get('title'), str):
        return item['title']
    return None


# ---------------------------------------------------------------------------------- entry points
def parse_feed(body: bytes, location: str, *, kind: str = 'feed',
               content_type: str | None = None, base_url: str | None = None,
               limits: FormatLimits = DEFAULT_LIMITS) -> ParsedFeed:
    """Parse one feed document into records and per-entry failures, or raise ``InputError``
    when the document as a whole cannot be read. The one entry point every reader and the
    fetcher go through, so every check applies to both."""
    if not body or not body.strip():
        raise InputError(Reason.EMPTY, 'the feed document is empty')
    if looks_like_json_feed(body) or (content_type or '').split(';')[0].strip().endswith('json'):
        return _parse_json_feed(body, location, kind, base_url, limits)
    return _parse_xml_feed(body, location, kind, content_type, base_url, limits)


def parse_feed_bytes(body: bytes, location: str, *, kind: str = 'feed',
                     content_type: str | None = None, base_url: str | None = None,
                     limits: FormatLimits = DEFAULT_LIMITS) -> list[dict]:
    """:func:`parse_feed`, all or nothing: the records, or ``InputError`` for the whole
    document when any entry failed (naming the first failure), so nothing is dropped silently.
    Callers that can emit one dead letter per entry should use :func:`parse_feed`."""
    parsed = parse_feed(body, location, kind=kind, content_type=content_type,
                        base_url=base_url, limits=limits)
    if parsed.failures:
        first = parsed.failures[0]
        total = len(parsed.records) + len(parsed.failures)
        raise InputError(first.reason, f'entry {first.entry}: {first.message} '
                         f'({len(parsed.failures)} of {total} entries failed; the document is '
                         f'refused whole)')
    return parsed.records
