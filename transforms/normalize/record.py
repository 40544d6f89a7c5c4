"""``normalize_record``: one raw record in, one item out (or :class:`NormalizeError`).

In: a raw record as built by :func:`transforms.model.new_raw_record` (raw field values plus
``categories`` and ``hints``). Out: an item with every key of :func:`transforms.model.new_item`:

* ``id`` stable across runs (:mod:`transforms.normalize.ids`); ``canonical_url``; ``url`` made
  absolute (``None`` for ``javascript:``/``data:`` and other non-web links, with a warning);
* ``title``, ``title_original``, ``summary``, ``body`` as clean text (:mod:`.text`), capped, with
  capped fields listed in ``quality.truncated``;
* ``languages`` per field, ``language`` = the body's, else the summary's, else the title's;
* ``published``/``updated`` as RFC 3339 UTC or null, with ``quality.warnings`` entries
  (``{"field", "reason"}``) for zone-less or refused dates; ``ingested_at`` = the run's start,
  or ``hints.ingested_at`` when the reader set it (the streaming engine: when the record was
  fetched or read);
* ``authors`` cleaned; ``source.domain`` the registrable domain of the source's domain or of the
  URL; ``tags.categories`` from the raw categories as ``{"id": slug, "name": raw}``;
* ``provenance`` = the raw provenance plus ``run_id`` and ``pipeline_version``.

``hints`` and ``categories`` do not survive. When no title, summary or body is left, or a text
field has a type no reader produces, :class:`NormalizeError` says why with a stable reason.

Hostile shapes: any other field of the wrong type or shape (``authors: 5``, ``tags:
{"categories": null}``, ``source: 5``, ``extra`` nested 500 deep) is dropped with a warning that
names it, so the item is kept. What the item carries over from the raw record (``extra``,
``provenance``, ``tags``, ``dedup``) is copied as JSON that the item's serialised form can hold
(at most 32 levels deep, integers within 64 bits, no lone surrogates in ``extra``), and tags are
mappings with string ``id`` and ``name``, as the tag stage takes them.
The guid is an identifier: invisible characters (zero-width, joiners, bidi controls, soft
hyphen, BOM, other format characters) are removed from it (:func:`.text.clean_key`), so
``g\\u200b2`` and ``g2`` are one story with one id. Nothing but :class:`NormalizeError` is
raised for a record of JSON-shaped values.

Warning reasons in ``quality.warnings`` (stable strings): for text fields ``empty_after_cleaning``
and ``replacement_characters``; for ``url`` ``not_a_web_url``, ``bad_url`` and ``too_long``; for
dates ``no_timezone`` (read in the hinted or default zone), ``unparseable``, ``out_of_range``,
``epoch``, ``future`` and ``unknown_timezone`` (the last five leave the date null); for any
field, dotted for a part (``source.name``, ``tags.places``, ``extra.key``, ``hints.html``),
``wrong_type``, ``too_deep``, ``too_long`` and ``out_of_range`` (the part is dropped).
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from transforms.context import RunContext
from transforms.model import TAG_KINDS, Reason, new_item
from transforms.normalize.authors import clean_authors
from transforms.normalize.dates import parse_date, parse_rfc3339
from transforms.normalize.ids import item_id
from transforms.normalize.language import LanguageDetector, LanguageOptions
from transforms.normalize.settings import NormalizeSettings
from transforms.normalize.text import clean_key, clean_line, clean_text, fix_surrogates, truncate
from transforms.normalize.urls import (UrlCanonicalizer, host_of, load_domain_extractor,
                                       registrable_domain)

__all__ = ['NormalizeError', 'Normalizer', 'normalize_record', 'slugify']

_TEXT_FIELDS = ('title', 'title_original', 'summary', 'body')
_SLUG_DROP = re.compile(r'[^\w]+')
_MEMO_LIMIT = 4096
_MEMO_KEY_CHARS = 1000       # longer strings are cleaned each time: a memo must stay small
_MAX_NESTING = 32            # levels of lists and mappings carried over (orjson writes 254)
_MAX_GUID_CHARS = 2000
_MAX_URL_CHARS = 65_536      # far past any real link; a longer one only costs time
_MAX_NAME_CHARS = 10_000     # raw characters of a name or category looked at (200 are kept)
_MAX_AUTHOR_NESTING = 4      # a list of lists of feed-style mappings is as deep as bylines go
_INT64 = (-2 ** 63, 2 ** 64)  # what the item's JSON form (orjson) writes as an integer
_DEDUP_KEYS = ('cluster_id', 'duplicate_of', 'method')


class NormalizeError(Exception):
    """A raw record that cannot become an item; ``reason`` is a stable ``Reason`` string."""

    def __init__(self, reason: str, message: str):
        super().__init__(f'{reason}: {message}')
        self.reason = reason
        self.message = message


class _Unfit(Exception):
    """A value the item cannot carry; ``reason`` is the warning reason."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def slugify(name: str) -> str:
    """``"World News"`` -> ``world-news``; non-Latin letters are kept (``W解説`` -> ``w解説``)."""
    folded = unicodedata.normalize('NFKC', name).casefold()
    return _SLUG_DROP.sub('-', folded).strip('-_')


class Normalizer:
    """Everything ``normalize_record`` needs, built once per settings: compiled URL rules, the
    language detector (its model loads on first use) and the domain extractor."""

    def __init__(self, settings: NormalizeSettings, run: RunContext, *, language_model=None,
                 domain_extractor=None):
        self.settings = settings
        self.run = run
        self.now = parse_rfc3339(run.started_at)
        self.urls = UrlCanonicalizer(settings.url_rules, settings.tracking_params,
                                     settings.tracking_param_prefixes)
        self.languages = LanguageDetector(LanguageOptions(
            min_confidence=settings.language_min_confidence,
            short_min_confidence=settings.language_short_min_confidence,
            short_words=settings.language_short_words,
            min_margin=settings.language_min_margin,
            sample_chars=settings.language_sample_chars,
            candidates=settings.language_candidates,
            second_opinion=settings.language_second_opinion,
        ), model=language_model)
        self._domains = domain_extractor
        self._memos: dict[str, dict] = {}

    @property
    def domains(self):
        if self._domains is None:
            self._domains = load_domain_extractor()
        return self._domains

    def _memo(self, kind: str, key, compute):
        """Per-normalizer memo for values that repeat across a source's items (bylines,
        source names, categories, hosts, language samples); bounded, and pure functions only,
        so it cannot change a result."""
        if isinstance(key, str) and len(key) > _MEMO_KEY_CHARS:
            return compute(key)
        cache = self._memos.setdefault(kind, {})
        try:
            return cache[key]
        except KeyError:
            pass
        value = compute(key)
        if len(cache) >= _MEMO_LIMIT:
            cache.clear()
        cache[key] = value
        return value

    def warm_up(self) -> None:
        """Load the models now (a DoFn calls this in ``setup()``)."""
        self.languages.model  # noqa: B018 - the properties load the models
        if self.settings.language_second_opinion:
            self.languages.second_model  # noqa: B018
        self.domains('example.com')

    # ------------------------------------------------------------------------------------------
    def __call__(self, raw: dict) -> dict:
        if not isinstance(raw, dict):
            raise NormalizeError(Reason.NORMALIZE_ERROR,
                                 f'expected a raw record (dict), got {type(raw).__name__}')
        warnings: list[dict] = []
        truncated: list[str] = []

        hints = _hints(raw.get('hints'), warnings)
        texts = self._texts(raw, hints, warnings, truncated)
        url, canonical = self._urls(raw.get('url'), hints['base_url'], warnings)
        guid = _guid(raw.get('guid'), warnings)
        dates = self._dates(raw, hints['timezone'], warnings)
        languages = self._languages(texts)
        source = self._source(raw.get('source'), canonical, warnings)
        provenance = _json_fields(raw.get('provenance'), 'provenance', warnings, fix_text=False)
        if not isinstance(provenance.get('tags', []), list):  # the tag stage appends to it
            del provenance['tags']
            warnings.append(_warning('provenance.tags', 'wrong_type'))
        provenance['run_id'] = self.run.run_id
        provenance['pipeline_version'] = self.run.pipeline_version
        origin = provenance.get('input')
        place = source['domain'] or source['location'] or (
            origin if isinstance(origin, str) else None)

        # new_item() for the contract's keys and defaults; the values are strings or None, which
        # new_item(**fields) would only check and copy by reference anyway.
        item = new_item()
        item.update(
            id=item_id(place=place, guid=guid, canonical_url=canonical, title=texts['title'],
                       published=dates['published']),
            url=url, canonical_url=canonical, guid=guid,
            title=texts['title'], title_original=texts['title_original'],
            summary=texts['summary'], body=texts['body'],
            language=languages.get('body') or languages.get('summary') or languages.get('title'),
            published=dates['published'], updated=dates['updated'],
            ingested_at=hints['ingested_at'] or self.run.started_at,
        )
        # Built fresh here, so attached without new_item's defensive deep copy.
        item['languages'] = languages
        item['authors'] = self._authors(raw.get('authors'), warnings)
        item['source'] = source
        item['provenance'] = provenance
        item['extra'] = _json_fields(raw.get('extra'), 'extra', warnings, fix_text=True)
        item['tags'] = self._tags(raw.get('tags'), raw.get('categories'), warnings)
        item['dedup'].update(_dedup(raw.get('dedup'), warnings))
        # what the reader already noted (fields of the wrong type left out, text cut at the
        # input caps, mixed encodings) comes first
        earlier = raw.get('quality') if isinstance(raw.get('quality'), dict) else {}
        seen_truncated = [t for t in earlier.get('truncated') or () if isinstance(t, str)]
        seen_warnings = [w for w in earlier.get('warnings') or () if isinstance(w, dict)]
        item['quality'] = {
            'truncated': list(dict.fromkeys(seen_truncated[:100] + truncated)),
            'warnings': [dict(w) for w in seen_warnings[:100]] + warnings,
        }
        return item

    def _texts(self, raw: dict, hints: dict, warnings: list, truncated: list) -> dict:
        settings = self.settings
        html_fields = hints['html']
        print_layout = hints['print_layout']
        limits = {'title': settings.max_title_chars, 'title_original': settings.max_title_chars,
                  'summary': settings.max_summary_chars, 'body': settings.max_body_chars}
        texts: dict[str, str | None] = {}
        for field in _TEXT_FIELDS:
            value = _text_value(raw.get(field), field)
            if value is None:
                texts[field] = None
                continue
            if len(value) > settings.max_input_chars:
                value = value[: settings.max_input_chars]
                truncated.append(field)
            if field in ('title', 'title_original'):
                cleaned = clean_line(value, html=field in html_fields,
                                     curl_straight_quotes=settings.curl_straight_quotes)
            else:
                cleaned = clean_text(value, html=field in html_fields,
                                     print_layout=print_layout,
                                     curl_straight_quotes=settings.curl_straight_quotes)
            cleaned, cut = truncate(cleaned, limits[field])
            if cut and field not in truncated:
                truncated.append(field)
            texts[field] = cleaned or None
            if value.strip() and not cleaned:
                warnings.append({'field': field, 'reason': 'empty_after_cleaning'})
            elif '\ufffd' in cleaned:
                # Bytes that could not be decoded upstream: kept visible, and said so.
                warnings.append({'field': field, 'reason': 'replacement_characters'})
        if not (texts['title'] or texts['summary'] or texts['body']):
            raise NormalizeError(Reason.NO_CONTENT,
                                 'no title, summary or body is left after cleaning')
        if texts['title_original'] and texts['title_original'] == texts['title']:
            texts['title_original'] = None
        return texts

    def _urls(self, raw_url, base_url, warnings: list) -> tuple[str | None, str | None]:
        """(url made absolute, canonical url); a link that is not http(s) gives a warning."""
        if raw_url is not None and not isinstance(raw_url, str):
            warnings.append(_warning('url', 'wrong_type'))
            return None, None
        if raw_url and len(raw_url) > _MAX_URL_CHARS:
            warnings.append(_warning('url', 'too_long'))
            return None, None
        if base_url and len(base_url) > _MAX_URL_CHARS:
            base_url = None
        url = self.urls.absolute(raw_url, base_url) if raw_url else None
        if raw_url and url is None:
            warnings.append({'field': 'url', 'reason': 'not_a_web_url'})
        canonical = self.urls.canonical_absolute(url) if url else None
        if url and canonical is None:
            warnings.append({'field': 'url', 'reason': 'bad_url'})
        return url, canonical

    def _dates(self, raw: dict, hint_zone: str | None, warnings: list) -> dict:
        settings = self.settings
        zone = hint_zone or settings.default_timezone
        dates = {}
        for field in ('published', 'updated'):
            result = parse_date(raw.get(field), default_zone=zone, now=self.now,
                                max_future_hours=settings.max_future_hours,
                                min_year=settings.min_year, month_first=settings.month_first,
                                extra_zones=settings.timezone_abbreviations)
            dates[field] = result.value
            warnings.extend({'field': field, 'reason': reason} for reason in result.reasons)
        return dates

    def _source(self, raw_source, canonical: str | None, warnings: list) -> dict:
        """The source's own domain wins over the URL's; both as registrable domains."""
        if isinstance(raw_source, str):
            raw_source = {'name': raw_source}
        elif not isinstance(raw_source, dict):
            if raw_source is not None:
                warnings.append(_warning('source', 'wrong_type'))
            raw_source = {}
        name = _optional_str(raw_source, 'name', 'source', warnings)
        if name is not None:
            name = self._memo('name', name[:_MAX_NAME_CHARS],
                              lambda v: clean_line(v)[:200] or None)
        own_domain = _optional_str(raw_source, 'domain', 'source', warnings)
        if own_domain is not None and len(own_domain) > _MAX_URL_CHARS:
            warnings.append(_warning('source.domain', 'too_long'))
            own_domain = None
        domain = None
        for candidate in (own_domain, canonical):
            if isinstance(candidate, str) and candidate.strip():
                domain = self._memo('domain', _host_key(candidate),
                                    lambda v: registrable_domain(v, self.domains))
                if domain:
                    break
        return {'name': name or domain, 'domain': domain,
                'kind': _optional_str(raw_source, 'kind', 'source', warnings),
                'location': _optional_str(raw_source, 'location', 'source', warnings)}

    def _authors(self, raw_authors, warnings: list) -> list[str]:
        settings = self.settings
        if raw_authors is None:
            return []
        if isinstance(raw_authors, str) or (isinstance(raw_authors, list) and all(
                isinstance(a, str) for a in raw_authors)):
            key = raw_authors if isinstance(raw_authors, str) else '\x1f'.join(raw_authors)
            return list(self._memo('authors', key, lambda _: clean_authors(
                raw_authors, settings.max_author_chars, settings.max_authors)))
        if not isinstance(raw_authors, (list, tuple, dict)):
            warnings.append(_warning('authors', 'wrong_type'))
            return []
        if _deeper_than(raw_authors, _MAX_AUTHOR_NESTING):
            warnings.append(_warning('authors', 'too_deep'))
            return []
        return clean_authors(raw_authors, settings.max_author_chars, settings.max_authors)

    def _detect(self, key: tuple[str, str | None]) -> str | None:
        return self.languages.detect(*key)

    def _tags(self, raw_tags, raw_categories, warnings: list) -> dict:
        """Each tag kind as a list of ``{"id", "name"}`` (strings; the tag stage needs both),
        the raw category strings added to the categories as ``{"id": slug, "name": name}``."""
        tags: dict[str, list] = {kind: [] for kind in TAG_KINDS}
        if not isinstance(raw_tags, dict):
            if raw_tags is not None:
                warnings.append(_warning('tags', 'wrong_type'))
            raw_tags = {}
        for kind in TAG_KINDS:
            tags[kind] = _tag_list(raw_tags.get(kind), f'tags.{kind}', warnings)
        tags['categories'] = self._categories(tags['categories'], raw_categories, warnings)
        return tags

    def _categories(self, categories: list[dict], raw_categories, warnings: list) -> list[dict]:
        """Tags already present first, then the raw category strings as ``{"id", "name"}``."""
        if raw_categories is None:
            return categories
        if isinstance(raw_categories, str):
            raw_categories = [raw_categories]
        elif not isinstance(raw_categories, (list, tuple)):
            warnings.append(_warning('categories', 'wrong_type'))
            return categories
        seen = {c['id'] for c in categories}
        for name in raw_categories:
            if not isinstance(name, str):
                continue
            name, slug = self._memo('category', name[:_MAX_NAME_CHARS], _category)
            if slug and slug not in seen:
                seen.add(slug)
                categories.append({'id': slug, 'name': name})
        return categories

    def _languages(self, texts: dict) -> dict:
        languages: dict[str, str | None] = {}
        detected: dict[str, str | None] = {}
        sample_chars = self.settings.language_sample_chars
        body = texts['body']
        for field in ('body', 'title', 'title_original', 'summary'):
            text = texts[field]
            if not text:
                continue
            sample = text[:sample_chars]
            if field == 'summary' and body and 'body' in languages and (
                    body.startswith(text[:80]) or text.startswith(body[:80])):
                # A summary that is the body's lead (as feeds usually give it) needs no second
                # look; the body's larger sample is the better judge anyway.
                languages[field] = languages['body']
                continue
            if sample not in detected:
                prior = languages.get('body') if field != 'body' else None
                # Syndicated and re-posted items repeat titles and leads across a source's
                # items: the model answers once per distinct (sample, prior).
                detected[sample] = self._memo('language', (sample, prior), self._detect)
            languages[field] = detected[sample]
        return {field: languages[field] for field in _TEXT_FIELDS if field in languages}


def _category(name: str) -> tuple[str, str]:
    name = clean_line(name)[:200]
    return name, slugify(name)


def _host_key(value: str) -> str:
    """What registrable_domain depends on: the host of a URL, or the value itself."""
    if '/' in value or ':' in value:
        return host_of(value.strip().lower()) or value
    return value


def _text_value(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return '\n\n'.join(value)
    if isinstance(value, dict) and isinstance(value.get('value'), str):  # feedparser detail
        return value['value']
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = _number_text(value)
        if text is not None:
            return text
        raise NormalizeError(Reason.NORMALIZE_ERROR, f'{field} is a number that is not text')
    raise NormalizeError(Reason.NORMALIZE_ERROR,
                         f'{field} is a {type(value).__name__}, expected text')


def _number_text(value: int | float) -> str | None:
    """A finite number as text; None for NaN, infinities and integers too long to print."""
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    return str(value) if value.bit_length() <= 4096 else None


def _warning(field: str, reason: str) -> dict:
    return {'field': field, 'reason': reason}


def _optional_str(mapping: dict, key: str, parent: str, warnings: list) -> str | None:
    """``mapping[key]`` when a string; anything else but None is dropped with a warning."""
    value = mapping.get(key)
    if value is None or isinstance(value, str):
        return value
    warnings.append(_warning(f'{parent}.{key}', 'wrong_type'))
    return None


def _hints(raw_hints, warnings: list) -> dict:
    """The reading hints with the types the reader promised; a part of another type is dropped
    with a warning (``hints.html``, ...) and read as absent."""
    hints = {'html': frozenset(), 'print_layout': False, 'timezone': None, 'base_url': None,
             'ingested_at': None}
    if not raw_hints:
        return hints
    if not isinstance(raw_hints, dict):
        warnings.append(_warning('hints', 'wrong_type'))
        return hints
    html = raw_hints.get('html')
    if isinstance(html, str):
        hints['html'] = frozenset((html,))
    elif isinstance(html, (list, tuple, set, frozenset)):
        hints['html'] = frozenset(field for field in html if isinstance(field, str))
    elif html is not None:
        warnings.append(_warning('hints.html', 'wrong_type'))
    layout = raw_hints.get('print_layout')
    if isinstance(layout, (bool, int)):
        hints['print_layout'] = bool(layout)
    elif layout is not None:
        warnings.append(_warning('hints.print_layout', 'wrong_type'))
    for key in ('timezone', 'base_url'):
        hints[key] = _optional_str(raw_hints, key, 'hints', warnings) or None
    ingested = _optional_str(raw_hints, 'ingested_at', 'hints', warnings)
    if ingested:
        try:   # only an RFC 3339 UTC time with Z, as the contract writes every time
            ok = ingested.endswith('Z') and parse_rfc3339(ingested).utcoffset().total_seconds() == 0
        except ValueError:
            ok = False
        if ok:
            hints['ingested_at'] = ingested
        else:
            warnings.append(_warning('hints.ingested_at', 'bad_date'))
    return hints


def _guid(value, warnings: list) -> str | None:
    """The source's own id as a key (:func:`clean_key`): what looks the same is the same."""
    if value is None or (isinstance(value, str) and not value):
        return None
    if isinstance(value, str):
        text = value[: _MAX_GUID_CHARS * 10]
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        text = _number_text(value)
        if text is None:
            warnings.append(_warning('guid', 'out_of_range'))
            return None
    else:
        warnings.append(_warning('guid', 'wrong_type'))
        return None
    return clean_key(text)[:_MAX_GUID_CHARS] or None


def _deeper_than(value, limit: int) -> bool:
    """True when lists/tuples/mappings in ``value`` nest more than ``limit`` levels (checked
    without recursion, so any depth is safe)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        for child in children:
            if isinstance(child, (list, tuple, dict)):
                if depth >= limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _json_value(value, depth: int, fix_text: bool):
    """A copy of ``value`` that the item's JSON form can hold, or :class:`_Unfit`: JSON types
    only, at most ``_MAX_NESTING`` levels, integers within 64 bits (a larger one as a float,
    as JSON readers give it), lone surrogates replaced when ``fix_text``."""
    if value is None or isinstance(value, (bool, float)):
        return value
    if isinstance(value, str):
        return fix_surrogates(value) if fix_text else value
    if isinstance(value, int):
        if _INT64[0] <= value < _INT64[1]:
            return value
        try:
            return float(value)
        except OverflowError:
            raise _Unfit('out_of_range') from None
    if isinstance(value, (dict, list, tuple)) and depth >= _MAX_NESTING:
        raise _Unfit('too_deep')
    if isinstance(value, dict):
        return {_json_key(k, fix_text): _json_value(v, depth + 1, fix_text)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(v, depth + 1, fix_text) for v in value]
    raise _Unfit('wrong_type')


def _json_key(key, fix_text: bool) -> str:
    if isinstance(key, str):
        return fix_surrogates(key) if fix_text else key
    if isinstance(key, (int, float)) and not isinstance(key, bool):
        text = _number_text(key)          # orjson would write the number as its text anyway
        if text is not None:
            return text
    raise _Unfit('wrong_type')


def _field_name(key) -> str:
    return fix_surrogates(key if isinstance(key, str) else repr(key)[:60])[:100]


def _json_fields(raw, field: str, warnings: list, *, fix_text: bool) -> dict:
    """A mapping field (``extra``, ``provenance``) copied key by key; a key whose value the
    item cannot carry is dropped with a warning naming it (``extra.key``)."""
    if not raw:
        return {}
    if not isinstance(raw, dict):
        warnings.append(_warning(field, 'wrong_type'))
        return {}
    out = {}
    for key, value in raw.items():
        try:
            out[_json_key(key, fix_text)] = _json_value(value, 1, fix_text)
        except _Unfit as exc:
            warnings.append(_warning(f'{field}.{_field_name(key)}', exc.reason))
    return out


def _tag_list(values, field: str, warnings: list) -> list[dict]:
    """Tags as the tag stage takes them: mappings with a non-empty string ``id`` and a string
    ``name``; others are dropped with one warning for the list."""
    if not values:
        return []
    if not isinstance(values, (list, tuple)):
        warnings.append(_warning(field, 'wrong_type'))
        return []
    tags = []
    dropped = None
    for tag in values:
        if not (isinstance(tag, dict) and isinstance(tag.get('id'), str) and tag['id']
                and isinstance(tag.get('name'), str)):
            dropped = dropped or 'wrong_type'
            continue
        try:
            tags.append(_json_value(tag, 1, True))
        except _Unfit as exc:
            dropped = dropped or exc.reason
    if dropped:
        warnings.append(_warning(field, dropped))
    return tags


def _dedup(raw, warnings: list) -> dict:
    """The dedup keys a raw record may preset, with their types; others dropped."""
    if not raw:
        return {}
    if not isinstance(raw, dict):
        warnings.append(_warning('dedup', 'wrong_type'))
        return {}
    out = {}
    for key, value in raw.items():
        if key in _DEDUP_KEYS and (value is None or isinstance(value, str)):
            out[key] = value
        elif key == 'similarity' and (value is None or (
                isinstance(value, (int, float)) and not isinstance(value, bool)
                and math.isfinite(value))):
            out[key] = value
        else:
            warnings.append(_warning(f'dedup.{_field_name(key)}', 'wrong_type'))
    return out


def normalize_record(raw: dict, settings: NormalizeSettings, run: RunContext, *,
                     normalizer: Normalizer | None = None) -> dict:
    """Normalise one raw record; see the module docstring. Pass a ``normalizer`` built once for
    these settings to avoid rebuilding rules per call (the DoFn does)."""
    if normalizer is None or normalizer.settings is not settings or normalizer.run is not run:
        normalizer = Normalizer(settings, run)
    return normalizer(raw)
