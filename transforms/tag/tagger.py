"""The built-in tagger and :func:`tag_item`, which merges any tagger's tags into an item.

A *tagger* is any of:

* an object with ``annotate(item) -> TagResult`` (tags, provenance, categories it replaces), as
  the built-in :class:`Tagger` has;
* an object with ``tags_for(item) -> {kind: [{"id", "name"}, ...]}``;
* a plain function ``item -> {kind: [{"id", "name"}, ...]}`` (a user's ``tag`` step).

:func:`tag_item` applies taggers in order, each seeing the tags of the ones before, and returns a
new item (the input is not modified): tag lists de-duplicated by id (the first tag with an id is
kept) and sorted by English name, then id; one provenance record per tag source appended to
``item['provenance']['tags']``.
"""
from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from transforms.model import TAG_KINDS
from transforms.tag.categories import CategoryMap, load_categories
from transforms.tag.context import (DEMONYM_LANGUAGES, GOVERNMENT_LANGUAGES, SHIP_LANGUAGES,
                                    STREET_LANGUAGES, TITLE_LANGUAGES, ClubCities,
                                    acronyms_in_their_language, ap_states, cjk_demonyms,
                                    country_bodies, country_governments, foreign_acronyms,
                                    german_nouns, given_names, government_countries,
                                    grand_names,
                                    japanese_office_holders, japanese_surnames,
                                    longer_saint_names, mission_countries, model_names,
                                    named_surnames, national_teams, office_holder_rows,
                                    party_branches, possessed_bodies, review_mentions,
                                    russian_districts, second_surnames,
                                    ship_names, ship_persons, state_abbreviations,
                                    street_persons, street_unlinked, surname_pair_rows,
                                    korean_province_rows, korean_word_provinces,
                                    russian_titled_surnames, index_names,
                                    russian_listed_regions, russian_region_adjectives,
                                    russian_body_countries, russian_event_countries,
                                    headline_short_forms, event_places,
                                    event_place_indexes, EVENT_KEYWORDS, TIME_ZONE_LANGUAGES,
                                    continental_titles, TITLE_CONTINENT_LANGUAGES,
                                    french_demonym_nouns, russian_namesakes,
                                    title_case_persons, latin_glosses, GLOSS_LANGUAGES,
                                    time_zones, german_coalitions, korean_name_particles,
                                    bracketed_abbreviations,
                                    titled_surname_rows,
                                    titled_surnames, titles_and_streets, SAINT_LANGUAGES,
                                    TITLED_LANGUAGES, PAIR_LANGUAGES)
from transforms.tag.gazetteer import load_gazetteer
from transforms.tag.matcher import EntityMatcher, PhraseIndex
from transforms.tag.names import NameDetector, NameSpan, load_name_lists
from transforms.tag.ner import NerBackend, load_ner
from transforms.tag.settings import TagSettings
from transforms.tag.sounds import SoundIndex
from transforms.tag.text import fold_text
from transforms.tag.topics import TopicRules, load_topics, primary_language

__all__ = ['Tagger', 'TagResult', 'TagError', 'tag_item', 'build_tagger', 'field_texts']

_ENTITY_KINDS = ('persons', 'organizations', 'places')
_MAX_TOPIC_HITS_RECORDED = 8


#: the country whose news a language is written for, where that is one country: a generic
#: body's name that needs context stands for that country's body in its language (국방부 in a
#: Korean report is Korea's; matcher rule ``home_language``). Not Chinese (China, Taiwan, Hong
#: Kong), German or the other languages of several countries
_HOME_COUNTRIES = {'ko': 'KR', 'ja': 'JP'}


class TagError(ValueError):
    """An item (or a tagger's answer) that cannot be tagged; goes to the dead-letter output."""


class TagResult(NamedTuple):
    tags: dict                 # kind -> list of tag dicts to add
    provenance: list           # provenance records for ``item['provenance']['tags']``
    replaces: dict             # kind -> ids of existing tags the new ones stand for


def field_texts(item: Mapping, fields, max_chars: int) -> dict[str, str]:
    """The searched text fields of ``item`` (absent/None fields left out, long ones cut)."""
    texts = {}
    for field in fields:
        value = item.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            raise TagError(f'field {field!r} holds {type(value).__name__}, not text')
        if value:
            texts[field] = value[:max_chars]
    return texts


def _field_languages(item: Mapping, fields) -> dict:
    per_field = item.get('languages') if isinstance(item.get('languages'), Mapping) else {}
    fallback = item.get('language')
    out = {}
    for field in fields:
        lang = per_field.get(field)
        if lang is None and field != 'title_original':
            lang = fallback     # title_original is another language by definition
        out[field] = lang
    return out


class Tagger:
    """Gazetteer entities, topics and category mapping, built once (in ``DoFn.setup``)."""

    name = 'newsbeam.tag'

    def __init__(self, matcher: EntityMatcher | None = None, topics: TopicRules | None = None,
                 categories: CategoryMap | None = None, *, fields=('title', 'title_original',
                                                                   'summary', 'body'),
                 kinds=TAG_KINDS, max_topics: int = 3, max_field_chars: int = 200_000,
                 index: PhraseIndex | None = None, names: NameDetector | None = None,
                 ner: NerBackend | None = None):
        """``index``: the built index ``matcher`` and ``topics`` share, scanned once per field;
        ``None`` when each has its own. ``names``: the detector of names no list holds
        (:mod:`transforms.tag.names`); ``ner``: a loaded statistical NER backend
        (:mod:`transforms.tag.ner`); both ``None``: gazetteer mentions only, as they are."""
        self.index = index
        self.names = names
        self.ner = ner
        self.matcher = matcher
        self.topics = topics
        self.categories = categories
        self.fields = tuple(fields)
        self.kinds = frozenset(kinds)
        self.max_topics = max_topics
        self.max_field_chars = max_field_chars
        # per gazetteer entity: what a mention of it records
        self._entity_info = tuple((e.id, e.tag_kind, e.type, e.name)
                                  for e in (matcher.entities if matcher is not None else ()))
        # and the tag it gets, copied per item (a fresh dict, and list of coordinates)
        self._entity_tags = tuple(e.tag() for e in (matcher.entities if matcher is not None
                                                    else ()))
        self._entity_kinds = tuple(info[1] for info in self._entity_info)
        self._is_town = tuple(info[1] == 'places' and info[2] == 'city'
                              for info in self._entity_info)
        # rule 43: 北京时间 is the time zone
        self._is_city = tuple(info[1] == 'places' and info[2] in ('city', 'capital')
                              for info in self._entity_info)
        # rule 47: "champion d'Europe" is a title
        self._is_continent = tuple(info[1] == 'places' and info[2] == 'continent'
                                   for info in self._entity_info)
        self._is_party = tuple(info[2] == 'political_party' for info in self._entity_info)
        # rule 10: "Russia's Defense Ministry"; the country code of each country entity
        entities = matcher.entities if matcher is not None else ()
        self._bodies = country_bodies(entities)
        self._country_codes = tuple(e.country if e.kind == 'place' and e.type == 'country'
                                    else None for e in entities)
        # rule 57: a country's government by its Chinese name (中国政府), and its country
        self._governments = country_governments(entities)
        # and every entity's country (a Chinese person named like a foreign place)
        self._entity_countries = tuple(e.country for e in entities)
        # rule 25: the countries and territories that field national teams, by English name
        self._team_names = tuple(
            e.name if e.kind == 'place' and e.type in ('country', 'territory') else None
            for e in entities)
        # rule 11: 岸田首相, 茂木外務大臣 (the surnames come with the name detector's lists)
        cjk = names.cjk if names is not None else None
        self._office_holders = (japanese_office_holders(entities, cjk.ja_surnames)
                                if cjk is not None else None)
        # rule 32: "Justizminister Maas", "President Clinton"
        self._titled = titled_surnames(entities)
        # rule 34 in Russian: "Мирзиеев и Рахмон"
        self._titled_ru = russian_titled_surnames(entities)
        # rule 36: 경기 where it is Gyeonggi Province
        self._ko_provinces = korean_word_provinces(entities)
        # rule 38: "в Псковской и Тверской областях"
        self._ru_regions = russian_region_adjectives(entities)
        # rule 40: Wimbledon in a sports report
        self._event_places = event_place_indexes(entities)
        # the persons whose every alias needs context, by those aliases (each alias of one
        # person only): a name the detector finds as a person is then that person; and every
        # person by a full Russian name, which the detector gives in the nominative where the
        # text declines it in a way the gazetteer's case forms miss ("Терезы Мэй": a woman's
        # foreign surname does not decline)
        listed: dict[str, int] = {}
        for idx, e in enumerate(matcher.entities if matcher is not None else ()):
            if e.kind != 'person':
                continue
            names_ = set(e.ambiguous)
            names_.update(alias for lang, alias in e.aliases if lang == 'ru' and ' ' in alias)
            for alias in names_:
                listed[alias] = idx if listed.get(alias, idx) == idx else -1
        self._listed_persons = {a: idx for a, idx in listed.items() if idx >= 0}
        # and by the sound of their English names, for a Russian spelling no alias gives
        # ("Джеймс Коми": James Comey; most listed foreigners have no Russian alias)
        self._sounded = SoundIndex(
            (idx, [e.name, *(alias for lang, alias in e.aliases if lang == 'en')])
            for idx, e in enumerate(matcher.entities if matcher is not None else ())
            if e.kind == 'person')
        # rule 14: a listed person's first names, against a namesake's (Laura Scholz)
        self._first_names = given_names(entities) if names is not None else ()
        self._is_given = names.is_given_name if names is not None else None
        # rule 24: "WYNNE, Ark." names Arkansas
        self._ap_states = ap_states(entities)
        # rule 31: the acronyms only some languages write, and the languages aliases are in
        self._foreign_acronyms = foreign_acronyms(entities)
        self._alias_languages = frozenset(lang for e in entities for lang, _ in e.aliases)
        # rule 8 of transforms.tag.context: a city in a match report is its club
        self._clubs = ClubCities(matcher.entities if matcher is not None else ())

    @classmethod
    def from_settings(cls, settings: TagSettings | None = None) -> 'Tagger':
        """Load the files ``settings`` name (relative paths against the repo root) and compile."""
        settings = (settings or TagSettings()).resolved()
        # one automaton for aliases and keywords: each field is scanned once
        index = PhraseIndex(min_cjk_chars=settings.min_cjk_alias_chars)
        matcher = names = None
        if set(settings.kinds) & set(_ENTITY_KINDS):
            if settings.names_path:
                names = NameDetector(load_name_lists(settings.names_path))
            matcher = EntityMatcher(load_gazetteer(settings.all_gazetteer_paths),
                                    max_short_letters=settings.max_short_alias_letters,
                                    min_cjk_chars=settings.min_cjk_alias_chars,
                                    require_capital=settings.require_capital, index=index,
                                    repeat_confirms=settings.repeat_confirms,
                                    not_repeated=names.is_name_or_word if names else None)
        ner = None
        if matcher is not None and settings.ner is not None:
            ner = load_ner(settings.ner)          # the model: loaded once, here (DoFn.setup)
        topics = None
        if 'topics' in settings.kinds and settings.topics_path and settings.max_topics:
            topics = load_topics(settings.topics_path,
                                 min_cjk_chars=settings.min_cjk_alias_chars, index=index)
            topics = topics.with_threshold(settings.topic_threshold)
        index.build()
        categories = None
        if 'categories' in settings.kinds and settings.categories_path:
            categories = load_categories(settings.categories_path)
        tagger = cls(matcher, topics, categories, fields=settings.fields, kinds=settings.kinds,
                     max_topics=settings.max_topics, max_field_chars=settings.max_field_chars,
                     index=index, names=names, ner=ner)
        release_free_memory()
        return tagger

    def annotate(self, item: Mapping) -> TagResult:
        texts = field_texts(item, self.fields, self.max_field_chars)
        folded = {field: fold_text(text) for field, text in texts.items()}
        hits = ({field: self.index.hits(*parts) for field, parts in folded.items()}
                if self.index is not None else None)
        tags: dict[str, list] = {}
        provenance: list[dict] = []
        replaces: dict[str, set] = {}
        found: dict[tuple, tuple] = {}
        field_languages = _field_languages(item, texts) if texts else {}
        if self.matcher is not None and texts:
            seen: dict[tuple, dict] = {}
            tagged: set[int] = set()
            info, kinds = self._entity_info, self.kinds
            unresolved: list | None = [] if self._clubs else None
            languages = {field: primary_language(lang) for field, lang
                         in field_languages.items()}
            home = {field: _HOME_COUNTRIES[lang] for field, lang in languages.items()
                    if lang in _HOME_COUNTRIES}
            rows = self.matcher.mention_rows(texts, folded, hits, spans=True,
                                             unresolved=unresolved, home=home)
            if rows and self._foreign_acronyms:
                rows = acronyms_in_their_language(rows, self._foreign_acronyms, languages,
                                                  self._alias_languages)
            unlinked = ()
            # rule 25: the national teams the countries stand for (before rule 22 drops
            # ブラジル in ブラジル代表)
            teams = (national_teams(rows, self._team_names, folded, languages,
                                    lambda: self._sporty(hits))
                     if rows else ())
            if rows:
                rows = index_names(rows, self._entity_kinds, folded)
            if rows and self._event_places:
                rows = event_places(rows, self._event_places, lambda: (
                    self._sporty(hits, EVENT_KEYWORDS)
                    or any(self._entity_info[row[0]][2] in ('athlete', 'sports')
                           for row in rows)))
            if rows and not TIME_ZONE_LANGUAGES.isdisjoint(languages.values()):
                rows = time_zones(rows, self._is_city, folded, languages)
            if rows and not TITLE_CONTINENT_LANGUAGES.isdisjoint(languages.values()):
                rows = continental_titles(rows, self._is_continent, folded, languages)
            if rows and 'fr' in languages.values():
                rows = french_demonym_nouns(rows, folded, languages)
            if rows and 'de' in languages.values():
                rows = german_coalitions(rows, self._entity_kinds, folded, languages)
            if rows and 'ru' in languages.values():
                rows = russian_districts(rows, self._entity_kinds, folded, languages)
                rows = russian_namesakes(rows, self._entity_kinds, folded, languages)
                rows = russian_event_countries(rows, self._country_codes, folded, languages)
                rows = russian_body_countries(rows, self._country_codes, self._entity_countries,
                                              self._entity_kinds, languages)
            if rows:
                rows = mission_countries(rows, self._country_codes, folded)
            if rows and not SAINT_LANGUAGES.isdisjoint(languages.values()):
                rows = longer_saint_names(rows, self._entity_kinds, folded, languages)
            if rows and any('Gran' in parts[0] for parts in folded.values()):
                rows = grand_names(rows, folded)
            if rows and 'de' in languages.values():
                rows = german_nouns(rows, self._is_town, folded, languages)
                rows = party_branches(rows, self._is_party, self._entity_kinds, folded,
                                      languages)
            if rows and self._bodies and 'en' in languages.values():
                rows = possessed_bodies(rows, self._country_codes, self._bodies, folded,
                                        languages)
            if self._ap_states and 'en' in languages.values():
                rows = state_abbreviations(rows, self._ap_states, self._entity_countries,
                                           self._entity_kinds, folded, languages)
            if rows and not DEMONYM_LANGUAGES.isdisjoint(languages.values()):
                rows = cjk_demonyms(rows, self._entity_kinds, self._country_codes, folded,
                                    languages)
            if (rows and self._governments
                    and not GOVERNMENT_LANGUAGES.isdisjoint(languages.values())):
                rows = government_countries(rows, self._governments, languages)
            if rows and not SHIP_LANGUAGES.isdisjoint(languages.values()):
                rows = ship_names(rows, self._entity_kinds, folded, languages)
            if rows and not STREET_LANGUAGES.isdisjoint(languages.values()):
                rows = street_persons(rows, self._entity_kinds, folded, languages)
            if rows and not TITLE_LANGUAGES.isdisjoint(languages.values()):
                rows = titles_and_streets(rows, self._entity_kinds, folded, languages)
            if self._office_holders is not None and 'ja' in languages.values():
                rows = office_holder_rows(rows, self._office_holders, folded, languages)
            if self._titled and not TITLED_LANGUAGES.isdisjoint(languages.values()):
                rows = titled_surname_rows(rows, self._titled, folded, languages,
                                           self._entity_countries)
            if self._titled and not PAIR_LANGUAGES.isdisjoint(languages.values()):
                rows = surname_pair_rows(rows, self._titled, self._entity_countries, folded,
                                         languages, self._titled_ru)
            if self._ko_provinces and 'ko' in languages.values():
                rows = korean_province_rows(rows, self._ko_provinces, folded, languages)
            if rows and 'ko' in languages.values():
                rows = korean_name_particles(rows, self._entity_kinds, languages)
            if 'ru' in languages.values():
                rows = russian_listed_regions(rows, self._ru_regions, folded, languages)
            if self._clubs and rows and 'ru' in languages.values():
                rows, clubs = self._clubs.quoted_ru(rows, folded, languages,
                                                    lambda: self._sporty(hits))
                if clubs:
                    teams = [*teams, *clubs]
            if self.names is not None or self.ner is not None:
                spans = self._name_spans(folded, languages)
                rows, unlinked = review_mentions(rows, self._entity_kinds, folded, spans,
                                                 languages, self._first_names,
                                                 self._is_given, self._entity_countries,
                                                 self._country_codes)
                if rows and 'ja' in languages.values():
                    rows = japanese_surnames(rows, unlinked, self._entity_kinds,
                                             self._country_codes, folded, languages)
                if unlinked and not SHIP_LANGUAGES.isdisjoint(languages.values()):
                    unlinked = ship_persons(unlinked, folded, languages)
                if unlinked and not STREET_LANGUAGES.isdisjoint(languages.values()):
                    unlinked = street_unlinked(unlinked, folded, languages)
            if unlinked and rows:
                unlinked = headline_short_forms(unlinked, rows, self._entity_kinds)
            if unlinked and 'en' in languages.values():
                unlinked = title_case_persons(unlinked, folded, languages)
            if unlinked and not GLOSS_LANGUAGES.isdisjoint(languages.values()):
                unlinked = latin_glosses(unlinked, folded, languages)
            if rows and any(' (' in parts[0] for parts in folded.values()):
                rows = bracketed_abbreviations(rows, unlinked, self._entity_kinds, folded)
            if teams:
                unlinked = [*unlinked, *teams]
            if self._clubs and (rows or unresolved):
                rows = self._clubs.apply(rows, folded, languages, unresolved)
                # rule 42: 切尔西 beside 曼城, 두산과 롯데의 in a sports report
                rows = self._clubs.apply_cjk(rows, folded, languages, lambda: (
                    self._sporty(hits)
                    or any(self._entity_info[row[0]][2] in ('athlete', 'sports')
                           for row in rows)))
            if rows:
                rows = named_surnames(rows, self._entity_kinds, unlinked)
                rows = second_surnames(rows, self._entity_kinds, unlinked, folded, languages)
                rows = model_names(rows, self._entity_kinds, folded)
            # (keyed by entity index, which stands for its id: the gazetteer's ids are unique)
            for idx, field, alias, rule, context, _start, _stop in rows:
                key = (idx, field, alias)
                record = seen.get(key)
                if record is not None:          # a repeated mention: count it, nothing new
                    record['count'] += 1
                    continue
                entity_id, kind, etype, name = info[idx]
                found[(idx, field)] = (etype, entity_id, name, field)
                record = {'kind': kind, 'id': entity_id, 'field': field, 'alias': alias,
                          'rule': rule, 'count': 1}
                if context:
                    record['context'] = context
                seen[key] = record
                if kind not in kinds:
                    continue
                provenance.append(record)
                if idx not in tagged:
                    tagged.add(idx)
                    tag = self._entity_tags[idx].copy()
                    if 'coordinates' in tag:
                        tag['coordinates'] = list(tag['coordinates'])
                    if kind in tags:
                        tags[kind].append(tag)
                    else:
                        tags[kind] = [tag]
        if self.matcher is not None and texts:
            listed = self._listed_persons
            # a detected person named again by the first words of the full name ("Manuel
            # Jonás Larrazábal ... Manuel Jonás le exigía") is that person, not another
            shorter = (_shorter_forms(unlinked, [r['alias'] for r in provenance
                                                 if r['kind'] == 'persons'])
                       if unlinked else ())
            for name in unlinked:
                if name.kind not in self.kinds or name.span.text in shorter:
                    continue
                idx = listed.get(name.span.text) if name.kind == 'persons' else None
                rule = 'detected_listed'
                if idx is None and name.kind == 'persons':
                    idx, rule = self._sounded.get(name.span.text), 'transliterated'
                if idx is not None:
                    # a name whose every alias needs context (王毅, Wang Yi: a common name)
                    # that the detector found as a person (外长王毅): the one listed person
                    entity_id, kind, etype, entity_name = info[idx]
                    found.setdefault((idx, name.field), (etype, entity_id, entity_name,
                                                         name.field))
                    provenance.append({'kind': kind, 'id': entity_id, 'field': name.field,
                                       'alias': name.span.text, 'rule': rule, 'count': 1})
                    if idx not in tagged:
                        tagged.add(idx)
                        tags.setdefault(kind, []).append(self._entity_tags[idx].copy())
                    continue
                tag = name.tag()
                provenance.append({'kind': name.kind, 'id': tag['id'], 'field': name.field,
                                   'alias': name.span.text,
                                   'rule': _UNLINKED_RULES.get(name.span.source,
                                                               'detected_unlinked')})
                kind_tags = tags.setdefault(name.kind, [])
                if all(t['id'] != tag['id'] for t in kind_tags):
                    kind_tags.append(tag)
        if self.topics is not None and texts:
            scored = self.topics.score(texts, field_languages, folded,
                                       found.values(), hits, limit=self.max_topics,
                                       limit_hits=_MAX_TOPIC_HITS_RECORDED)
            for topic, score, matched in scored:
                tags.setdefault('topics', []).append({'id': topic.id, 'name': topic.name})
                provenance.append({'kind': 'topics', 'id': topic.id, 'rule': 'keywords',
                                   'score': score, 'threshold': topic.threshold,
                                   'matches': matched})
        if self.categories is not None:
            existing = (item.get('tags') or {}).get('categories') or []
            for raw in existing:
                raw_name = raw.get('name') or raw.get('id') if isinstance(raw, Mapping) else None
                if not isinstance(raw_name, str):
                    raise TagError(f'category {raw!r} has no name')
                rule = self.categories.map(raw_name)
                if rule is None or rule.id == raw.get('id'):
                    continue
                tags.setdefault('categories', []).append({'id': rule.id, 'name': rule.name})
                replaces.setdefault('categories', set()).add(raw.get('id'))
                provenance.append({'kind': 'categories', 'id': rule.id, 'field': 'categories',
                                   'alias': raw_name, 'rule': 'categories'})
        return TagResult(tags, provenance, replaces)

    def _sporty(self, hits: dict | None, besides: frozenset = frozenset()) -> bool:
        """Whether the item has a keyword of the sport topic (rule 25's sports report; rule
        40's, a keyword ``besides`` the event's name)."""
        return (bool(hits) and self.topics is not None
                and self.topics.mentions('sport', hits, besides))

    def _name_spans(self, folded: dict, languages: dict) -> dict[str, list[NameSpan]]:
        """The name detector's spans per field, and the NER model's that overlap none of them
        (the detector's shapes are the more precise where both see a name)."""
        spans = ({field: self.names.spans(parts[0]) for field, parts in folded.items()}
                 if self.names is not None else {field: [] for field in folded})
        if self.ner is None:
            return spans
        read = {field: parts[0] for field, parts in folded.items()
                if self.ner.reads(languages.get(field))}
        for field, found in self.ner.spans(read).items():
            own = spans[field]
            extra = [s for s in found
                     if not any(s.start < o.stop and o.start < s.stop for o in own)]
            if extra:
                spans[field] = sorted(own + extra, key=lambda s: (s.start, s.stop))
        return spans

    def tags_for(self, item: Mapping) -> dict:
        """Tags to add to ``item``, as a user tagger returns them: ``{kind: [tags]}``.

        Mapped categories are among them; that they *replace* the raw ones they were mapped
        from is only known to :meth:`annotate` (which :func:`tag_item` uses).
        """
        return self.annotate(item).tags


def release_free_memory() -> bool:
    """Hand the heap the build freed back to the operating system (glibc's ``malloc_trim``):
    compiling the automata allocates far more than they keep (the build tables, the Rust
    builder's buffers), and glibc keeps freed memory in the process otherwise - ~45 MB of a
    worker's resident memory on the shipped gazetteer. Elsewhere (macOS, musl) a no-op;
    True when the memory was offered back."""
    import ctypes
    import ctypes.util
    try:
        libc = ctypes.CDLL(ctypes.util.find_library('c') or 'libc.so.6')
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    trim(0)
    return True


def build_tagger(settings: TagSettings | None = None) -> Tagger:
    """The built-in tagger for ``settings`` (reads the gazetteer, topics and category files)."""
    return Tagger.from_settings(settings)


def _tagger_name(tagger: Any) -> str:
    name = getattr(tagger, 'name', None)
    if isinstance(name, str):
        return name
    func = tagger if callable(tagger) and hasattr(tagger, '__qualname__') else type(tagger)
    return f'{getattr(func, "__module__", "?")}:{getattr(func, "__qualname__", repr(func))}'


def _checked_tags(answer: Any, source: str) -> dict:
    if answer is None:
        return {}
    if not isinstance(answer, Mapping):
        raise TagError(f'tagger {source} returned {type(answer).__name__}, '
                       'expected a mapping from tag kind to a list of {"id", "name"}')
    out = {}
    for kind, tags in answer.items():
        if kind not in TAG_KINDS:
            raise TagError(f'tagger {source} returned unknown tag kind {kind!r}; '
                           f'allowed: {", ".join(TAG_KINDS)}')
        if not isinstance(tags, (list, tuple)):
            raise TagError(f'tagger {source}: {kind} must be a list of tags')
        for tag in tags:
            if (not isinstance(tag, Mapping) or not isinstance(tag.get('id'), str)
                    or not tag['id'] or not isinstance(tag.get('name'), str)):
                raise TagError(f'tagger {source}: {kind} tag {tag!r} needs string "id" and "name"')
        out[kind] = [dict(tag) for tag in tags]
    return out


# the same order as transforms.steps.merge_tags, so user tag steps keep the lists stable
_sort_key = operator.itemgetter('name', 'id')


def _merge(existing: list, new: list, replaced: set, checked: bool = False) -> list:
    """``existing`` and ``new`` tags, de-duplicated by id (the first kept, ``replaced`` ids
    dropped) and sorted; ``checked``: ``new`` is known well-formed (the built-in tagger's)."""
    if not existing and not new:
        return []
    merged: dict[str, dict] = {}
    for tags in ((existing,) if checked else (existing, new)):
        for tag in tags:
            tag_id = tag.get('id') if isinstance(tag, dict) else None
            if type(tag_id) is not str or type(tag.get('name')) is not str:
                raise TagError(f'tag {tag!r} needs string "id" and "name"')
            if tag_id in replaced or tag_id in merged:
                continue
            merged[tag_id] = tag
    if checked:
        for tag in new:
            tag_id = tag['id']
            if tag_id in replaced or tag_id in merged:
                continue
            merged[tag_id] = tag
    return sorted(merged.values(), key=_sort_key)


# the provenance rule of an unlinked tag, by who found it (NameSpan.source)
_UNLINKED_RULES = {'ner': 'ner_unlinked', 'team': 'national_team'}


def _shorter_forms(unlinked, named: Iterable[str] = ()) -> set[str]:
    """The detected persons' (and organisations') names that are the first words of another
    detected person's (organisation's) name in the same item, and the Russian given names with
    a patronymic (Светлана Николаевна) whose given name starts another person's name, detected
    or ``named`` (the written forms of the listed persons tagged): the polite way to name a
    person already named in full; a Russian name whose surname is left in an oblique case
    (Гарри Поттера) where the item also names the person in the nominative (Гарри Поттер); and
    a full name with a middle name or a second surname where the item also names the person,
    detected or ``named``, by the same given name and fewer of the same words in the same
    order: one person, named by a listed person's form, else by the headline's ("Quién era
    Carlos Manzo" ... "Carlos Alberto Manzo Rodríguez, mejor conocido como Carlos Manzo"), else
    in full ("Mohamed Cissé ... Mohamed Bachir Cissé, âgé de 43 ans")."""
    persons = {name.span.text for name in unlinked if name.kind == 'persons'}
    # (and so is a detected organisation's: "Wānaka Chamber" in a headline whose story names
    # the Wānaka Chamber of Commerce)
    out = _first_words_of_another(persons) | _first_words_of_another(
        {name.span.text for name in unlinked if name.kind == 'organizations'})
    named = frozenset(named)
    in_title = {name.span.text for name in unlinked
                if name.kind == 'persons' and name.field == 'title'}
    for text in persons:
        words = text.split(' ')
        if len(words) < 3:
            continue
        for other in (*named, *persons):
            if not _fuller_form(words, other.split(' ')) or text.startswith(other + ' '):
                continue
            # the listed person's form, or the headline's, else the full name
            out.add(text if other in named or other in in_title else other)
            break
    # a Russian surname in an oblique case after a given name that does not decline, so that
    # the detector could not put it back (Гарри Поттера, Гарри Поттеру), where the item also
    # names the person in the nominative (Гарри Поттер)
    out.update(text for text in persons
               if text.endswith(_RU_CASE_ENDINGS) and _CYRILLIC_END.search(text)
               and any(text[:-len(end)] in persons for end in _RU_CASE_ENDINGS
                       if text.endswith(end)))
    for text in persons:
        given, _, rest = text.partition(' ')
        if rest and ' ' not in rest and _PATRONYMIC.search(rest):
            if any(other != text and other.startswith(given + ' ')
                   for other in (*persons, *named)):
                out.add(text)
    return out


def _first_words_of_another(names: set[str]) -> set[str]:
    """The ``names`` that are the first words of another of them."""
    return {text for text in names if any(other.startswith(text + ' ') for other in names)}


def _fuller_form(words: list[str], other: list[str]) -> bool:
    """Whether ``words`` hold every word of ``other`` (two words or more, fewer than
    ``words``) in the same order, starting with the same first word."""
    if not 2 <= len(other) < len(words) or other[0] != words[0]:
        return False
    rest = iter(words[1:])
    return all(word in rest for word in other[1:])


#: the case endings a Russian masculine surname ending in a consonant takes (Поттер: Поттера,
#: Поттеру, Поттером, Поттере)
_RU_CASE_ENDINGS = ('а', 'у', 'ом', 'е')
_CYRILLIC_END = re.compile('[а-яё]{3}$')
#: a Russian patronymic's ending (Николаевна, Ильич, Владимирович)
_PATRONYMIC = re.compile('(?:[оеё]вич|ич|[оеё]вна|ична)$')


def tag_item(item: Mapping, *taggers: Any) -> dict:
    """A copy of ``item`` with the tags of every tagger merged in (see the module docstring)."""
    out = dict(item)
    raw_tags = item.get('tags') or {}
    if not isinstance(raw_tags, Mapping):
        raise TagError(f'"tags" holds {type(raw_tags).__name__}, not a mapping')
    tags = {kind: list(raw_tags.get(kind) or []) for kind in TAG_KINDS}
    tags.update({k: v for k, v in raw_tags.items() if k not in TAG_KINDS})
    provenance = dict(item.get('provenance') or {})
    records = list(provenance.get('tags') or [])
    merged: set[str] = set()
    for tagger in taggers:
        out['tags'] = tags
        if hasattr(tagger, 'annotate'):
            result = tagger.annotate(out)
            new, prov, replaces = result.tags, result.provenance, result.replaces
            if type(tagger) is not Tagger:          # the built-in one makes well-formed tags
                new = _checked_tags(new, _tagger_name(tagger))
        else:
            name = _tagger_name(tagger)
            answer = tagger.tags_for(out) if hasattr(tagger, 'tags_for') else tagger(out)
            new, replaces = _checked_tags(answer, name), {}
            prov = [{'kind': kind, 'id': tag['id'], 'rule': 'tagger', 'tagger': name}
                    for kind, kind_tags in new.items() for tag in kind_tags]
        tags = dict(tags)
        checked = type(tagger) is Tagger             # its tags are well-formed by construction
        for kind in set(new) | set(replaces):
            tags[kind] = _merge(tags.get(kind) or [], new.get(kind) or [],
                                set(replaces.get(kind) or ()), checked)
            merged.add(kind)
        records.extend(prov)
    for kind in TAG_KINDS:
        if kind not in merged:                      # input tags: de-duplicated and sorted too
            tags[kind] = _merge(tags[kind], [], set())
    out['tags'] = tags
    provenance['tags'] = records
    out['provenance'] = provenance
    return out
