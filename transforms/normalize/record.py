"""``normalize_record``: one raw record in, one item out (or :class:`NormalizeError`).

In: a raw record as built by :func:`transforms.model.new_raw_record` (raw field values plus
``categories`` and ``hints``). Out: an item with every key of :func:`transforms.model.new_item`:

* ``id`` stable across runs (:mod:`transforms.normalize.ids`); ``canonical_url``; ``url`` made
  absolute (``None`` for ``javascript:``/``data:`` and other non-web links, with a warning);
* ``title``, ``title_original``, ``summary``, ``body`` as clean text (:mod:`.text`), capped, with
  capped fields listed in ``quality.truncated``;
* ``languages`` per field, ``language`` = the body's, else the summary's, else the title's;
* ``published``/``updated`` as RFC 3339 UTC or null, with ``quality.warnings`` entries
  (``{"field", "reason"}``) for zone-less or refused dates; ``ingested_at`` = the run's start;
* ``authors`` cleaned; ``source.domain`` the registrable domain of the source's domain or of the
  URL; ``tags.categories`` from the raw categories as ``{"id": slug, "name": raw}``;
* ``provenance`` = the raw provenance plus ``run_id`` and ``pipeline_version``.

``hints`` and ``categories`` do not survive. When no title, summary or body is left, or a field
has a type no reader produces, :class:`NormalizeError` says why with a stable reason.

Warning reasons in ``quality.warnings`` (stable strings): for text fields ``empty_after_cleaning``
and ``replacement_characters``; for ``url`` ``not_a_web_url`` and ``bad_url``; for dates
``no_timezone`` (read in the hinted or default zone), ``unparseable``, ``out_of_range``,
``epoch``, ``future`` and ``unknown_timezone`` (the last five leave the date null).
"""
from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

from transforms.context import RunContext
from transforms.model import Reason, new_item
from transforms.normalize.authors import clean_authors
from transforms.normalize.dates import parse_date, parse_rfc3339
from transforms.normalize.ids import item_id
from transforms.normalize.language import LanguageDetector, LanguageOptions
from transforms.normalize.settings import NormalizeSettings
from transforms.normalize.text import clean_line, clean_text, fix_surrogates, truncate
from transforms.normalize.urls import (UrlCanonicalizer, host_of, load_domain_extractor,
                                       registrable_domain)

__all__ = ['NormalizeError', 'Normalizer', 'normalize_record', 'slugify']

_TEXT_FIELDS = ('title', 'title_original', 'summary', 'body')
_SLUG_DROP = re.compile(r'[^\w]+')
_MEMO_LIMIT = 4096


class NormalizeError(Exception):
    """A raw record that cannot become an item; ``reason`` is a stable ``Reason`` string."""

    def __init__(self, reason: str, message: str):
        super().__init__(f'{reason}: {message}')
        self.reason = reason
        self.message = message


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
        hints = raw.get('hints') or {}
        if not isinstance(hints, dict):
            raise NormalizeError(Reason.NORMALIZE_ERROR, 'hints must be a mapping')
        warnings: list[dict] = []
        truncated: list[str] = []

        texts = self._texts(raw, hints, warnings, truncated)
        url, canonical = self._urls(raw.get('url'), hints.get('base_url'), warnings)
        guid = raw.get('guid')
        guid = (' '.join(fix_surrogates(str(guid)).split())[:2000] or None
                if guid not in (None, '') else None)
        dates = self._dates(raw, hints.get('timezone'), warnings)
        languages = self._languages(texts)
        source = self._source(raw.get('source'), canonical)
        provenance = dict(raw.get('provenance') or {})
        provenance['run_id'] = self.run.run_id
        provenance['pipeline_version'] = self.run.pipeline_version
        place = source['domain'] or source['location'] or provenance.get('input')

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
            ingested_at=self.run.started_at,
        )
        # Built fresh here, so attached without new_item's defensive deep copy.
        item['languages'] = languages
        item['authors'] = self._authors(raw.get('authors'))
        item['source'] = source
        item['provenance'] = provenance
        extra = raw.get('extra')
        item['extra'] = copy.deepcopy(extra) if isinstance(extra, dict) and extra else {}
        tags = raw.get('tags') if isinstance(raw.get('tags'), dict) else {}
        for kind, values in tags.items():
            if kind in item['tags'] and kind != 'categories' and isinstance(values, list):
                item['tags'][kind] = copy.deepcopy(values) if values else []
        item['tags']['categories'] = self._categories(tags.get('categories'),
                                                      raw.get('categories'))
        if isinstance(raw.get('dedup'), dict):
            item['dedup'].update(raw['dedup'])
        item['quality'] = {'truncated': truncated, 'warnings': warnings}
        return item

    def _texts(self, raw: dict, hints: dict, warnings: list, truncated: list) -> dict:
        settings = self.settings
        html_fields = set(hints.get('html') or ())
        print_layout = bool(hints.get('print_layout'))
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
        base_url = base_url if isinstance(base_url, str) else None
        url = self.urls.absolute(raw_url, base_url) if isinstance(raw_url, str) else None
        if raw_url and url is None:
            warnings.append({'field': 'url', 'reason': 'not_a_web_url'})
        canonical = self.urls.canonical_absolute(url) if url else None
        if url and canonical is None:
            warnings.append({'field': 'url', 'reason': 'bad_url'})
        return url, canonical

    def _dates(self, raw: dict, hint_zone, warnings: list) -> dict:
        settings = self.settings
        zone = hint_zone if isinstance(hint_zone, str) and hint_zone else settings.default_timezone
        dates = {}
        for field in ('published', 'updated'):
            result = parse_date(raw.get(field), default_zone=zone, now=self.now,
                                max_future_hours=settings.max_future_hours,
                                min_year=settings.min_year, month_first=settings.month_first,
                                extra_zones=settings.timezone_abbreviations)
            dates[field] = result.value
            warnings.extend({'field': field, 'reason': reason} for reason in result.reasons)
        return dates

    def _source(self, raw_source, canonical: str | None) -> dict:
        """The source's own domain wins over the URL's; both as registrable domains."""
        if isinstance(raw_source, str):
            raw_source = {'name': raw_source}
        elif not isinstance(raw_source, dict):
            raw_source = {}
        name = raw_source.get('name')
        name = (self._memo('name', name, lambda v: clean_line(v)[:200] or None)
                if isinstance(name, str) else None)
        domain = None
        for candidate in (raw_source.get('domain'), canonical):
            if isinstance(candidate, str) and candidate.strip():
                domain = self._memo('domain', _host_key(candidate),
                                    lambda v: registrable_domain(v, self.domains))
                if domain:
                    break
        return {'name': name or domain, 'domain': domain,
                'kind': raw_source.get('kind'), 'location': raw_source.get('location')}

    def _authors(self, raw_authors) -> list[str]:
        settings = self.settings
        if isinstance(raw_authors, str) or (isinstance(raw_authors, list) and all(
                isinstance(a, str) for a in raw_authors)):
            key = raw_authors if isinstance(raw_authors, str) else '\x1f'.join(raw_authors)
            return list(self._memo('authors', key, lambda _: clean_authors(
                raw_authors, settings.max_author_chars, settings.max_authors)))
        return clean_authors(raw_authors, settings.max_author_chars, settings.max_authors)

    def _detect(self, key: tuple[str, str | None]) -> str | None:
        return self.languages.detect(*key)

    def _categories(self, existing, raw_categories) -> list[dict]:
        """Tags already present first, then the raw category strings as ``{"id", "name"}``."""
        categories = [dict(c) for c in existing or () if isinstance(c, dict)]
        seen = {c.get('id') for c in categories}
        for name in raw_categories or ():
            if not isinstance(name, str):
                continue
            name, slug = self._memo('category', name, _category)
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
        return str(value)
    raise NormalizeError(Reason.NORMALIZE_ERROR,
                         f'{field} is a {type(value).__name__}, expected text')


def normalize_record(raw: dict, settings: NormalizeSettings, run: RunContext, *,
                     normalizer: Normalizer | None = None) -> dict:
    """Normalise one raw record; see the module docstring. Pass a ``normalizer`` built once for
    these settings to avoid rebuilding rules per call (the DoFn does)."""
    if normalizer is None or normalizer.settings is not settings or normalizer.run is not run:
        normalizer = Normalizer(settings, run)
    return normalizer(raw)
