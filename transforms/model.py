"""The news item and the dead-letter record: one definition each, and their JSON form.

Items travel through the pipeline as plain ``dict`` objects so that every sink (JSONL,
Parquet, SQL) and every user step can take them without importing a class. This module is the
single place that says which keys an item has and how it is serialised.

Two shapes exist:

* a **raw record**: what a reader or fetcher produced from one input (one feed entry, one JSONL
  line, one article text file). It has the item's keys, but values are as the source gave them
  (HTML in ``body``, dates as strings), plus a ``hints`` mapping that tells normalisation how to
  read them. Built with :func:`new_raw_record`.
* an **item**: a normalised raw record (``hints`` consumed). Built with :func:`new_item` or by
  the normalize stage. Serialised with :func:`item_to_json`.

A dead-letter record (``{"error": {...}, "input": {...}}``) stands for one input that could not
become an item. Built with :func:`dead_letter`; reasons are the stable strings in
:class:`Reason`.
"""
from __future__ import annotations

import copy
from typing import Any, Iterable

import orjson

__all__ = [
    'ITEM_KEYS',
    'TAG_KINDS',
    'DEAD_LETTER_TAG',
    'Reason',
    'new_item',
    'new_raw_record',
    'dead_letter',
    'item_dead_letter',
    'RETRYABLE_REASONS',
    'excerpt_of',
    'safe_text',
    'item_to_json',
    'item_from_json',
    'to_json_line',
]

PIPELINE_NAME = 'newsbeam'

#: The keys of a news item, in the order they are documented in the contract.
ITEM_KEYS = (
    'id', 'url', 'canonical_url', 'guid', 'title', 'title_original', 'summary', 'body',
    'language', 'languages', 'published', 'updated', 'ingested_at', 'authors', 'source', 'tags',
    'dedup', 'quality', 'provenance', 'extra',
)

#: Tag kinds under ``item["tags"]``; each is a list of ``{"id", "name"}``.
TAG_KINDS = ('persons', 'organizations', 'places', 'topics', 'categories')

#: The tag every DoFn uses for its dead-letter side output.
DEAD_LETTER_TAG = 'dead_letter'

EXCERPT_CHARS = 300


class Reason:
    """Stable reason strings for dead-letter records. Users filter on these: never rename."""

    # reading
    UNREADABLE = 'unreadable'          # the file could not be opened or read
    EMPTY = 'empty'                    # zero bytes, or only whitespace
    BINARY = 'binary'                  # bytes that are not text in any encoding
    BAD_ENCODING = 'bad_encoding'      # text whose encoding could not be decoded
    TOO_LARGE = 'too_large'            # over the configured size cap
    UNSUPPORTED_FORMAT = 'unsupported_format'  # no reader for this file kind
    NOT_A_FEED = 'not_a_feed'          # feed file/response that is not RSS/Atom/JSON Feed
    UNSAFE_XML = 'unsafe_xml'          # DOCTYPE entity declarations, external entities
    PARSE_ERROR = 'parse_error'        # the parser raised on this input
    BAD_JSON = 'bad_json'              # a JSONL line that is not a JSON object
    BAD_ARTICLE = 'bad_article'        # an article text file without the expected layout
    # normalising
    NO_CONTENT = 'no_content'          # neither title nor body nor summary survived cleaning
    NORMALIZE_ERROR = 'normalize_error'
    # fetching
    TIMEOUT = 'timeout'
    HTTP_ERROR = 'http_error'
    BLOCKED_ADDRESS = 'blocked_address'
    TOO_MANY_REDIRECTS = 'too_many_redirects'
    BAD_URL = 'bad_url'
    CONNECTION_ERROR = 'connection_error'
    # later stages
    STEP_ERROR = 'step_error'          # a user step raised
    TAG_ERROR = 'tag_error'            # the tag stage could not tag this item
    SINK_ERROR = 'sink_error'          # a sink (or user sink step) did not accept this item
    # inputs a glob matched that are not read
    NOT_A_REGULAR_FILE = 'not_a_regular_file'  # a directory, FIFO, device or socket
    DANGLING_LINK = 'dangling_link'            # a symbolic link to nothing
    LINK_OUTSIDE_INPUTS = 'link_outside_inputs'  # a link leading out of the input tree
    TOO_DEEP = 'too_deep'              # nested deeper than the configured limit


#: Reasons a fix of the code or of a service can cure: the story is not
#: recorded as delivered, and the input it came from is read again by the next run. Every other
#: reason is a property of the input itself: rejected for good (a changed file is read again).
RETRYABLE_REASONS = frozenset({Reason.STEP_ERROR, Reason.TAG_ERROR, Reason.SINK_ERROR})


def _empty_tags() -> dict:
    return {kind: [] for kind in TAG_KINDS}


def _empty_dedup() -> dict:
    return {'cluster_id': None, 'duplicate_of': None, 'method': None, 'similarity': None}


def new_item(**fields: Any) -> dict:
    """An item with every contract key present; ``fields`` override the defaults.

    Unknown keys are refused so that a typo cannot invent a field.
    """
    unknown = set(fields) - set(ITEM_KEYS)
    if unknown:
        raise ValueError(f'unknown item keys {sorted(unknown)}; allowed: {list(ITEM_KEYS)}')
    item = {
        'id': None, 'url': None, 'canonical_url': None, 'guid': None,
        'title': None, 'title_original': None, 'summary': None, 'body': None,
        'language': None, 'languages': {}, 'published': None, 'updated': None,
        'ingested_at': None, 'authors': [],
        'source': {'name': None, 'domain': None, 'kind': None, 'location': None},
        'tags': _empty_tags(), 'dedup': _empty_dedup(),
        'quality': {'truncated': [], 'warnings': []},
        'provenance': {}, 'extra': {},
    }
    for key, value in fields.items():
        item[key] = copy.deepcopy(value) if isinstance(value, (dict, list)) else value
    return item


def new_raw_record(*, kind: str, location: str, fmt: str, parser: str, entry: int | None = None,
                   **fields: Any) -> dict:
    """A raw record as readers and fetchers emit it.

    ``kind`` is ``"feed"`` or ``"file"``; ``location`` the path or URL read; ``fmt`` the input
    format (``rss20``, ``atom10``, ``jsonfeed``, ``jsonl``, ``article_text``, ...); ``parser``
    names what parsed it; ``entry`` is the index of the entry inside the input. ``fields`` are
    item keys with raw values plus ``categories`` (list of raw strings) and ``hints``:

    * ``hints.html``: names of fields that hold HTML (``["summary", "body"]``);
    * ``hints.print_layout``: true when the body is hard-wrapped print layout;
    * ``hints.timezone``: the zone to read zone-less dates in (IANA name or abbreviation);
    * ``hints.base_url``: what relative links resolve against.
    """
    if kind not in ('feed', 'file'):
        raise ValueError(f'kind must be "feed" or "file", not {kind!r}')
    hints = fields.pop('hints', None) or {}
    categories = fields.pop('categories', None) or []
    if isinstance(categories, str):
        categories = [categories]
    elif not isinstance(categories, (list, tuple)):
        categories = []   # a malformed optional field is not the record's end
    source = fields.pop('source', None) or {}
    record = new_item(**fields)
    record['source'] = {
        'name': source.get('name'), 'domain': source.get('domain'),
        'kind': kind, 'location': source.get('location', location),
    }
    record['provenance'] = {'input': location, 'format': fmt, 'parser': parser, 'entry': entry}
    record['categories'] = list(categories)
    record['hints'] = {
        'html': list(hints.get('html', [])),
        'print_layout': bool(hints.get('print_layout', False)),
        'timezone': hints.get('timezone'),
        'base_url': hints.get('base_url'),
    }
    return record


def safe_text(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes of a file name, through
    ``os.fsdecode``) written as ``\\xNN`` escapes, so it can be serialised as JSON and UTF-8."""
    try:
        text.encode('utf-8')
        return text
    except UnicodeEncodeError:
        return text.encode('utf-8', 'surrogateescape').decode('utf-8', 'backslashreplace')


def excerpt_of(data: bytes | str | None, limit: int = EXCERPT_CHARS) -> str:
    """A short, printable excerpt of an input for a dead-letter record."""
    if data is None:
        return ''
    if isinstance(data, bytes):
        data = data[: limit * 4].decode('utf-8', errors='replace')
    text = ''.join(ch if ch.isprintable() or ch in '\n\t' else '\ufffd' for ch in data[:limit])
    return text


def dead_letter(stage: str, reason: str, message: str, location: str | None,
                excerpt: bytes | str | None = None) -> dict:
    """One dead-letter record: what failed (stage, stable reason, message) and on what input.
    Whether a fix can cure it follows from the reason (:data:`RETRYABLE_REASONS`)."""
    return {
        'error': {'stage': stage, 'reason': reason, 'message': str(message)[:1000]},
        'input': {'location': location, 'excerpt': excerpt_of(excerpt)},
    }


def item_dead_letter(stage: str, reason: str, message: str, item: Any) -> dict:
    """A dead-letter record for an item a later stage or step could not take.

    Besides the location and an excerpt (the title) it names the item (``input.id``) and the
    input it was read from (``input.origin``: the file path or feed URL), so the run can leave
    exactly that story out of the dedup index and read that input again next time.
    """
    if not isinstance(item, dict):
        return dead_letter(stage, reason, message, None, repr(item)[:EXCERPT_CHARS])
    source = item.get('source') if isinstance(item.get('source'), dict) else {}
    provenance = item.get('provenance') if isinstance(item.get('provenance'), dict) else {}
    title = item.get('title')
    record = dead_letter(stage, reason, message, source.get('location') or item.get('url'),
                         title if isinstance(title, str) and title else item.get('id'))
    record['input']['id'] = item.get('id')
    record['input']['origin'] = provenance.get('input') or source.get('location')
    return record


def item_to_json(item: dict) -> bytes:
    """The JSON form of an item (or any record): UTF-8, keys in a stable order, no newline."""
    return orjson.dumps(item, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)


def item_from_json(data: bytes | str) -> dict:
    return orjson.loads(data)


def to_json_line(record: dict) -> str:
    """What the JSONL sinks write: one record as a ``str`` line without the newline."""
    return item_to_json(record).decode('utf-8')


def iter_tags(item: dict) -> Iterable[tuple[str, dict]]:
    for kind in TAG_KINDS:
        for tag in item.get('tags', {}).get(kind, []):
            yield kind, tag
