"""Topics: a configurable taxonomy scored with weighted multilingual keyword rules.

In: a topics file (``configs/topics.yaml``)::

    threshold: 4.0            # an item gets a topic whose score reaches this
    min_keywords: 2           # ... and that at least this many different keywords support
    title_weight: 2.0         # keyword hits in title / title_original count this many times
    max_hits_per_keyword: 3   # repeated hits of one keyword stop adding after this many
    min_share_of_best: 0.25   # a second topic needs at least this share of the best one's score
    min_share_of_best_weak: 0.4   # ... this share when no keyword of weight 2+ supports it
    long_text_chars: 1000     # a longer text needs threshold x sqrt(its length / this)
    side_topic_min_keywords: 2    # a second topic needs this many supporting words of its own
    max_topics_per_item: 2    # at most this many topics, the best-scoring ones
    topics:
      conflict_defence:
        name: Conflict and defence
        threshold: 4.0        # optional, per topic
        keywords:
          en: {war: 2, missile*: 2, troops: 1.5}
          id: {perang: 2, rudal: 2, tentara: 1.5}

and an item's text fields. Out: the topics whose score reaches their threshold, with the score and
the keywords that made it (for provenance).

Keywords are matched with the same automaton and boundary rules as gazetteer aliases
(:mod:`transforms.tag.matcher`): case-folded, whole words in spaced scripts, anywhere in
unspaced ones (Hangul keywords may be followed by any ending: ``공격했다`` counts for
``공격``); keywords of at most 3 letters match their case as written (``AI``, ``KI`` only in
capitals; lower-case ``war`` also as ``War`` and ``WAR``). A keyword ending in ``*`` is a
prefix (``militer*`` matches ``militernya``). A keyword starting with ``*`` is a compound head
(German writes compounds as one word, the head last): ``*brand`` matches a word that ends in
``brand`` with letters before it (Wohnungsbrand), ``*krieg*`` one with ``krieg`` inside after
its first letter (Bürgerkriegs); the word alone is left to the plain keywords, and a head inside
a plain keyword of its topic (``*präsident`` in ``ministerpräsident*``) is not counted again.
Heads are found by a small automaton of their own, only in fields of their language.
A keyword found inside a longer keyword of another topic is that one's reading: ``heart
attack`` (health) is no ``attack*`` (conflict), ``air strike`` no ``strike`` (economy),
``ракет*`` (missiles) no ``рак*`` (cancer), ``defence minister`` no ``minister`` (politics):
its hits inside the longer keyword's do not count for its topic.
Weights may be negative to push a topic down (``war games`` for sport). Score of a topic =
sum over its keywords of ``weight x min(hits, max_hits_per_keyword)``, hits in headline fields
counted ``title_weight`` times. A topic is given when its score reaches its threshold **and** at
least ``min_keywords`` different positive keywords support it (a keyword of weight 3 or more is
decisive and counts for two), so one word repeated (``schools`` in a flood report) is not a topic.
When no topic qualifies that way, a strong keyword (weight 2 or more) found in the headline
*and* in the text below it counts for two: a short item (headline and one sentence) often names
its subject once in each (``انفجار``, explosion, in both), and the headline saying it is what a
word repeated in the body alone does not show. Only as a fallback: beside a topic that
qualified, such a word is a side subject (``écoles`` closed in a flood report), and a weaker
word (``оборон*`` in "deputy defence minister held for bribery") stays one either way.

A side topic must also score at least ``min_share_of_best`` of the item's best topic (default
0: off): a long article about a war that names a minister twice and a party once reaches the
politics threshold on the way, but is not about politics. A side topic with only weak evidence
(no keyword, nor entity type, of weight 2 or more: ``minister``, ``government``, ``Kremlin``,
a politician named) needs ``min_share_of_best_weak`` (default 0: only ``min_share_of_best``):
real articles are long, and a report of an air strike that quotes the Kremlin and a governor
piles up such words without being about politics, while a real side subject brings its own
strong words.

A side topic must also be said in words: ``side_topic_min_keywords`` (default 0: off) supporting
keywords of its own (a decisive one counts two), where a strong entity type (an armed group,
a party: weight 2 or more) counts like a keyword but a person or a company named does not: a
sports report that names its sponsor bank and the club's finances is not an economy story too.
The best topic is not held to it. ``max_topics_per_item`` (default: no limit) keeps the best
this many: labellers give one topic, sometimes two, never three.

Long texts: scores grow with length (a 2,500-character article names a war in its background
paragraph, a minister in its last), so a text longer than ``long_text_chars`` (default 0: off;
the fields below the headline, a Chinese or Japanese character counting three) needs each topic's
threshold times ``sqrt(length / long_text_chars)``: 4 at 1,000 characters, 6.3 at 2,500. The
square root keeps a long article's real subject, whose words recur, well above it.

Language: a keyword listed under a language applies to a field whose detected language
(``item['languages'][field]``, else ``item['language']`` for summary and body) is that language;
when a field's language is unknown or not in the file, every keyword applies. Keywords under
``any`` always apply. This keeps false friends apart (French ``but``, a goal, is not English
``but``).

Entities count too: a topic's ``entity_types`` (``{head_of_state: 1.5}``) adds that weight once
per distinct tagged entity of the type (headline mentions count ``title_weight`` times), and
each such entity supports the topic like a keyword does. So a meeting of two heads of state is
politics in any language, whatever verbs the text uses. An entity type weighing less than 1
(``government_body: 0.5``: central banks, statistics offices, prosecutors are such bodies) only
adds to the score: it does not count as a supporting keyword.
"""
from __future__ import annotations

import dataclasses
import math
import types
from collections.abc import Iterable, Mapping

import ahocorasick_rs

from transforms.tag.files import read_yaml
from transforms.tag.matcher import PhraseIndex
from transforms.tag.text import HANGUL, fold_phrase, fold_text, script_of

__all__ = ['Topic', 'TopicRules', 'TopicsError', 'load_topics', 'parse_topics', 'TITLE_FIELDS']

TITLE_FIELDS = ('title', 'title_original')
#: A keyword of at least this weight is decisive: it counts as two supporting keywords.
DECISIVE = 3.0
#: A keyword of at least this weight in a headline and in another field counts as two too; a
#: side topic without one (or an entity type this heavy) needs ``min_share_of_best_weak``.
STRONG = 2.0
#: An entity type weighing less than this adds to a topic's score but does not support it: a
#: government agency (a central bank, a statistics office) named in a story is not politics.
SUPPORTING = 1.0
#: Keywords of at most this many letters (in a cased script) match case as written: ``AI``,
#: ``KI``, ``ИИ`` only in capitals; a lower-case one (``war``, ``tor``) also as ``War``/``WAR``.
SHORT_KEYWORD_LETTERS = 3
#: Characters of a language that carry about this many Latin letters' worth of text each (a
#: Chinese character is about a word), for ``long_text_chars``.
_CHARS_PER_LETTER = types.MappingProxyType({'zh': 3, 'ja': 3})
# close enough that one's keywords serve the other
_LANGUAGE_GROUPS = types.MappingProxyType(
    {'ms': 'id', 'zh-hant': 'zh', 'zh-hans': 'zh', 'nb': 'no', 'nn': 'no'})


class TopicsError(ValueError):
    """A topics file that cannot be used; the message names the file and key."""


@dataclasses.dataclass(frozen=True)
class Topic:
    id: str
    name: str
    threshold: float
    entity_types: tuple[tuple[str, float], ...] = ()   # gazetteer entity type -> weight


@dataclasses.dataclass(frozen=True, eq=False)     # identity hash: counted per hit, keep it cheap
class _Keyword:
    topic: int
    lang: str
    keyword: str
    weight: float
    support: int = dataclasses.field(init=False)    # supporting keywords it counts for

    def __post_init__(self):
        object.__setattr__(self, 'support', 2 if self.weight >= DECISIVE else 1)


def _number(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TopicsError(f'{where}: expected a number, got {value!r}')
    return float(value)


def primary_language(code) -> str | None:
    if not isinstance(code, str) or not code:
        return None
    if code.isalpha() and code.islower():       # the usual 'en', 'ja': nothing to clean
        return _LANGUAGE_GROUPS.get(code, code)
    code = code.strip().lower().replace('_', '-')
    if code in _LANGUAGE_GROUPS:
        return _LANGUAGE_GROUPS[code]
    primary = code.split('-')[0]
    return _LANGUAGE_GROUPS.get(primary, primary)


class TopicRules:
    """The compiled taxonomy; :meth:`score` is the plain function that tags an item."""

    def __init__(self, topics, keywords, *, title_weight: float = 2.0, max_hits: int = 3,
                 min_keywords: int = 2, min_cjk_chars: int = 2, index: PhraseIndex | None = None,
                 min_share: float = 0.0, min_share_weak: float = 0.0,
                 long_text_chars: float = 0.0, side_words: int = 0,
                 max_topics: int | None = None):
        """``index``: add the keywords to this shared index, which the caller builds and scans
        (see :meth:`score`'s ``hits``); by default the rules have and build their own."""
        self.topics: tuple[Topic, ...] = tuple(topics)
        self._topic_index = {t.id: n for n, t in enumerate(self.topics)}     # for mentions()
        self.min_keywords = min_keywords
        self.min_share = min_share
        self.min_share_weak = min_share_weak
        self.long_text_chars = long_text_chars
        self.side_words = side_words
        self.max_topics = max_topics
        self.title_weight = title_weight
        self.max_hits = max_hits
        self.languages = frozenset(k.lang for k in keywords) - {'any'}
        own = index is None
        self._index = PhraseIndex(min_cjk_chars=min_cjk_chars) if own else index
        keys_before = len(self._index)
        heads: dict[str, list[_Keyword]] = {}     # compound heads ('*brand'), per language
        for kw in keywords:
            if kw.keyword.startswith('*'):
                heads.setdefault(kw.lang, []).append(kw)
                continue
            bare = kw.keyword.rstrip('*')
            short = (sum(1 for c in bare if c.isalpha()) <= SHORT_KEYWORD_LETTERS
                     and any(c.lower() != c.upper() for c in bare))
            # Korean nouns take particles and verb endings directly (공격했다, 체포됐다): a Hangul
            # keyword is a prefix; only entity aliases keep the stricter particle list
            self._index.add(kw.keyword, kw, prefix=kw.keyword.endswith('*') or _is_hangul(bare),
                            exact_case=short)
        self.keyword_count = len(self._index) - keys_before
        self._heads = {lang: _CompoundHeads(kws) for lang, kws in heads.items()}
        self.keyword_count += sum(len(kws) for kws in heads.values())
        # a compound head -> the plain keywords of its topic that end in it (``*präsident`` in
        # ``ministerpräsident*``): a word both find is one piece of evidence, not two
        nested: dict[_Keyword, list] = {}
        for kw in keywords:
            if kw.lang in self._heads and kw.weight > 0 and not kw.keyword.startswith('*'):
                for head in self._heads[kw.lang].find(fold_phrase(kw.keyword.rstrip('*'))):
                    if head.topic == kw.topic:
                        nested.setdefault(head, []).append(kw)
        self._nested = {head: tuple(outer) for head, outer in nested.items()}
        self._keywords = tuple(keywords)
        self._covered: dict | None = None     # see _cross_topic(): computed on first use
        if own:
            self._index.build()
        self._by_entity_type: dict[str, list[tuple[int, float]]] = {}
        for idx, topic in enumerate(self.topics):
            for etype, weight in topic.entity_types:
                self._by_entity_type.setdefault(etype, []).append((idx, weight))

    def with_threshold(self, threshold: float | None) -> 'TopicRules':
        """The same rules with every topic's threshold replaced (None: unchanged)."""
        if threshold is None:
            return self
        clone = object.__new__(TopicRules)
        clone.__dict__.update(self.__dict__)
        clone.topics = tuple(dataclasses.replace(t, threshold=threshold) for t in self.topics)
        return clone

    def score(self, fields: Mapping[str, str], languages: Mapping[str, str | None] | None = None,
              folded: Mapping[str, tuple] | None = None, entities: Iterable[tuple] = (),
              hits: Mapping[str, list] | None = None, *, limit: int | None = None,
              limit_hits: int | None = None):
        """``[(topic, score, hits)]`` for the topics that reach their threshold, best first
        (``topic.threshold`` as applied: scaled for a long text, see the module doc).

        ``hits`` is a list of ``{"field", "alias", "count", "weight"}`` per keyword that counted
        (``"entity"`` and ``"type"`` too for entity evidence). ``folded`` may carry
        :func:`~transforms.tag.text.fold_text` of the fields, computed once; ``entities`` the
        entities tagged in the item as ``(type, id, name, field)``, for ``entity_types`` rules;
        ``hits`` the shared index's matches per field (:meth:`PhraseIndex.hits`). ``limit``
        and ``limit_hits``: only the first this many topics, and the first this many evidence
        records of each, are returned (what a caller keeps anyway; the rest is not built).
        """
        languages = languages or {}
        counts: list[tuple[str, float, dict]] = []      # (field, factor, {keyword: hits})
        length = 0          # of the text below the headline, in Latin-letter equivalents
        for field, text in fields.items():
            if not text:
                continue
            lang = primary_language(languages.get(field))
            if field not in TITLE_FIELDS:
                length += len(text) * _CHARS_PER_LETTER.get(lang, 1)
            if lang not in self.languages:
                lang = None
            if hits and field in hits:
                found = hits[field][1]
            else:
                norm, text_folded, offsets = (folded[field] if folded and field in folded
                                              else fold_text(text))
                found = self._index.hits(norm, text_folded, offsets)[1]
            field_counts: dict[_Keyword, int] = {}
            get = field_counts.get
            # the payloads of each match not an alias
            if lang is None:
                for keywords in found:
                    for kw in keywords:
                        field_counts[kw] = get(kw, 0) + 1
            else:
                for keywords in found:
                    for kw in keywords:
                        if kw.lang == lang or kw.lang == 'any':
                            field_counts[kw] = get(kw, 0) + 1
            if self._heads:
                heads = (self._heads.values() if lang is None
                         else (self._heads[lang],) if lang in self._heads else ())
                for compound in heads:
                    text_folded = (folded[field] if folded and field in folded
                                   else fold_text(text))[1]
                    found_head = False
                    for kw in compound.find(text_folded):
                        field_counts[kw] = get(kw, 0) + 1
                        found_head = True
                    if found_head and self._nested:
                        _drop_nested(field_counts, self._nested)
            if field_counts:
                covered = self._covered if self._covered is not None else self._cross_topic()
                if covered and not covered.keys().isdisjoint(field_counts):
                    _drop_nested(field_counts, covered)
                counts.append((field, self.title_weight if field in TITLE_FIELDS else 1.0,
                               field_counts))
        totals: dict[int, float] = {}
        support: dict[int, dict[str, int]] = {}
        strong: set[int] = set()    # topics with a strong keyword or entity among their evidence
        max_hits = self.max_hits
        headline: set = set()       # strong keywords seen in a headline field
        for field, factor, field_counts in counts:
            in_title = field in TITLE_FIELDS
            for kw, count in field_counts.items():
                topic, weight = kw.topic, kw.weight
                totals[topic] = (totals.get(topic, 0.0)
                                 + weight * (count if count < max_hits else max_hits) * factor)
                if weight > 0:
                    if topic in support:
                        support[topic][kw.keyword] = kw.support
                    else:
                        support[topic] = {kw.keyword: kw.support}
                    if weight >= STRONG:
                        strong.add(topic)
                        if in_title:
                            headline.add(kw)
        repeated: list[_Keyword] = []      # strong keywords in a headline and below it
        if headline:
            for field, _factor, field_counts in counts:
                if field not in TITLE_FIELDS:
                    repeated.extend(kw for kw in field_counts if kw in headline)
        best: dict[tuple[int, str], tuple] = {}
        by_type = self._by_entity_type
        for etype, entity_id, name, field in entities:
            rules = by_type.get(etype)
            if rules is None:       # (most types: no topic counts them)
                continue
            factor = self.title_weight if field in TITLE_FIELDS else 1.0
            for idx, weight in rules:
                key = (idx, entity_id)
                if key not in best or factor > best[key][0]:
                    best[key] = (factor, weight, name, field, etype)
        for (idx, entity_id), (factor, weight, name, field, etype) in best.items():
            totals[idx] = totals.get(idx, 0.0) + weight * factor
            if weight >= SUPPORTING:
                # 'entity+' marks a strong type (an armed group, a party), which a side topic
                # may count; a person or company named ('entity:') it may not
                support.setdefault(idx, {})[('entity+' if weight >= STRONG else 'entity:')
                                            + entity_id] = 2 if weight >= DECISIVE else 1
                if weight >= STRONG:
                    strong.add(idx)
        scale = (math.sqrt(length / self.long_text_chars)
                 if self.long_text_chars and length > self.long_text_chars else 1.0)
        ranked = self._qualified(totals, support, scale)
        if not ranked and repeated:                 # the fallback of the module doc
            for kw in repeated:
                support[kw.topic][kw.keyword] = 2
            ranked = self._qualified(totals, support, scale)
        ranked.sort(key=lambda r: (-r[1], r[0].id))
        if len(ranked) > 1 and (self.min_share or self.min_share_weak):
            best_total = ranked[0][1]
            ranked = ranked[:1] + [
                r for r in ranked[1:]
                if r[1] >= best_total * (self.min_share if r[2] in strong
                                         else max(self.min_share, self.min_share_weak))]
        if len(ranked) > 1 and self.side_words:
            # a side topic is said in words (or by a strong entity type): the people and
            # companies named on the way do not make one
            ranked = ranked[:1] + [r for r in ranked[1:]
                                   if _said_in_words(support[r[2]]) >= self.side_words]
        if self.max_topics is not None and (limit is None or self.max_topics < limit):
            limit = self.max_topics
        if limit is not None:
            ranked = ranked[:limit]
        # the evidence records, for the topics returned only
        evidence: dict[int, list] = {idx: [] for _topic, _total, idx in ranked}
        if evidence:
            for field, _factor, field_counts in counts:
                for kw, count in field_counts.items():
                    if kw.topic in evidence:
                        evidence[kw.topic].append((-abs(kw.weight * count), field, kw.keyword,
                                                   count, kw.weight, None, None))
            for (idx, entity_id), (factor, weight, name, field, etype) in best.items():
                if idx in evidence:
                    evidence[idx].append((-abs(weight), field, name, 1, weight, entity_id, etype))
        result = []
        for topic, total, idx in ranked:
            # sorted by weight x count, then field and alias (a stable sort: ties keep order)
            ordered = sorted(evidence[idx], key=_evidence_key)
            if limit_hits is not None:
                ordered = ordered[:limit_hits]
            if scale != 1.0:                # the threshold it was held to, for provenance
                # (dataclasses.replace(topic, threshold=...), without its per-call look-up
                # of the fields)
                topic = Topic(topic.id, topic.name, round(topic.threshold * scale, 3),
                              topic.entity_types)
            # the records, keyword evidence and entity evidence (built inline: no call per
            # record)
            result.append((topic, total, [
                {'field': field, 'alias': alias, 'count': count, 'weight': weight}
                if entity_id is None else
                {'field': field, 'alias': alias, 'entity': entity_id, 'type': etype,
                 'count': count, 'weight': weight}
                for _key, field, alias, count, weight, entity_id, etype in ordered]))
        return result

    def _cross_topic(self) -> dict:
        """``{keyword: (longer keywords of other topics that contain it, ...)}``: a match of
        ``heart attack`` (health) also finds ``attack*`` (conflict), ``air strike`` (conflict)
        finds ``strike`` (economy), ``ракет*`` (conflict) ``рак*`` (cancer, health); the longer
        phrase says which reading the text has, so the shorter keyword's hits inside it do not
        count for its topic. A Hangul keyword, a prefix, is taken off inside a longer one of
        its own topic too: 외교부 is one word of politics, not 외교 and 외교부 (nor 대통령실
        대통령 and 대통령실, 코로나19 코로나 and 코로나19). Found once, on first use (the
        shared index is built by then), by scanning each keyword's own text with the index."""
        covered: dict[_Keyword, list] = {}
        for kw in self._keywords:
            if kw.weight <= 0 or kw.keyword.startswith('*'):
                continue
            norm, text_folded, offsets = fold_text(kw.keyword.rstrip('*'))
            for payloads in self._index.hits(norm, text_folded, offsets)[1]:
                for inner in payloads:
                    if (isinstance(inner, _Keyword)
                            and (inner.topic != kw.topic or _is_hangul(inner.keyword))
                            and inner.weight > 0 and inner.lang in (kw.lang, 'any')
                            and len(inner.keyword.rstrip('*')) < len(kw.keyword.rstrip('*'))):
                        covered.setdefault(inner, []).append(kw)
        self._covered = {kw: tuple(dict.fromkeys(outer)) for kw, outer in covered.items()}
        return self._covered

    def mentions(self, topic_id: str, hits: Mapping[str, list],
                 besides: frozenset = frozenset()) -> bool:
        """Whether a strong keyword of the topic ``topic_id`` (weight 2 or more: "final" is
        not enough for sport) is among ``hits`` (the shared index's matches per field,
        :meth:`PhraseIndex.hits`): the topic's words are in the item, whether or not it
        reaches the threshold. Keywords in ``besides`` do not count (the word a rule asks
        about: is "Wimbledon" the championships? not because it is a sport keyword)."""
        wanted = self._topic_index.get(topic_id)
        if wanted is None:
            return False
        for found in hits.values():
            for keywords in found[1]:
                for kw in keywords:
                    if (kw.topic == wanted and kw.weight >= STRONG
                            and kw.keyword not in besides):
                        return True
        return False

    def _qualified(self, totals: dict, support: dict, scale: float = 1.0) -> list:
        ranked = []
        for idx, total in totals.items():
            topic = self.topics[idx]
            if (total >= topic.threshold * scale
                    and sum(support.get(idx, {}).values()) >= self.min_keywords):
                ranked.append((topic, round(total, 3), idx))
        return ranked


def _is_hangul(keyword: str) -> bool:
    """Whether ``keyword`` (less its ``*``) is written in Hangul alone: a prefix (Korean
    nouns take particles and endings directly: 공격했다, 체포됐다)."""
    bare = keyword.rstrip('*').replace(' ', '')
    return bool(bare) and all(script_of(c) == HANGUL for c in bare)


def _drop_nested(field_counts: dict, nested: dict) -> None:
    """Take the hits of a keyword that lie inside a longer one off its count (one field's
    counts, in place; ``nested``: keyword -> the longer keywords): "Ministerpräsident" is the
    keyword ``ministerpräsident*``, not that and the head ``*präsident`` too; "heart attack"
    is ``heart attack`` (health), not ``attack*`` (conflict) too. Without positions, a
    keyword's hits are taken to be inside the longer ones' as far as their counts go."""
    inside = [(kw, sum(field_counts.get(outer, 0) for outer in nested[kw]))
              for kw in field_counts if kw in nested]
    for kw, covered in inside:
        if covered:
            left = field_counts[kw] - covered
            if left > 0:
                field_counts[kw] = left
            else:
                del field_counts[kw]


class _CompoundHeads:
    """The compound heads of one language: ``*brand`` matches the end of a word with letters
    before it (Wohnungsbrand); with a ``*`` at both ends, the inside (``*flüchtling*``:
    Kriegsflüchtlinge). The word alone is the plain keyword's (``brände``): a head does not
    count it again. One small automaton, scanned only over fields of the language."""

    def __init__(self, keywords: list):
        keys: dict[str, list] = {}
        for kw in keywords:
            keys.setdefault(fold_phrase(kw.keyword.strip('*')), []).append(kw)
        self.keys = tuple(keys)
        self.keywords = tuple(tuple(kws) for kws in keys.values())
        self._automaton = ahocorasick_rs.AhoCorasick(
            list(self.keys), matchkind=ahocorasick_rs.MATCHKIND_STANDARD)

    def find(self, folded: str):
        """The head keywords found in ``folded`` (case-folded text), once per occurrence."""
        n = len(folded)
        for number, start, stop in self._automaton.find_matches_as_indexes(folded,
                                                                          overlapping=True):
            if not start or not folded[start - 1].isalpha():
                continue                    # a word of its own, or the start of one
            open_end = stop < n and folded[stop].isalnum()
            for kw in self.keywords[number]:
                if not open_end or kw.keyword.endswith('*'):
                    yield kw


def _said_in_words(support: dict) -> int:
    """The supporting keywords (and strong entity types) among one topic's ``support``: not
    the persons and companies named ('entity:' keys)."""
    total = 0
    for key, n in support.items():
        if not key.startswith('entity:'):
            total += n
    return total


def _evidence_key(entry: tuple) -> tuple:
    return entry[:3]


def parse_topics(data, where: str = '<topics>', *, min_cjk_chars: int = 2,
                 index: PhraseIndex | None = None) -> TopicRules:
    """Validate a decoded topics mapping and compile it."""
    if not isinstance(data, Mapping):
        raise TopicsError(f'{where}: expected a mapping with "topics"')
    allowed = {'threshold', 'title_weight', 'max_hits_per_keyword', 'min_keywords',
               'min_share_of_best', 'min_share_of_best_weak', 'long_text_chars',
               'side_topic_min_keywords', 'max_topics_per_item', 'topics'}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise TopicsError(f'{where}: unknown key {unknown[0]}; '
                          f'allowed: {", ".join(sorted(allowed))}')
    threshold = _number(data.get('threshold', 4.0), f'{where}: threshold')
    title_weight = _number(data.get('title_weight', 2.0), f'{where}: title_weight')
    max_hits = data.get('max_hits_per_keyword', 3)
    if isinstance(max_hits, bool) or not isinstance(max_hits, int) or max_hits < 1:
        raise TopicsError(f'{where}: max_hits_per_keyword must be a whole number >= 1')
    min_keywords = data.get('min_keywords', 2)
    if isinstance(min_keywords, bool) or not isinstance(min_keywords, int) or min_keywords < 1:
        raise TopicsError(f'{where}: min_keywords must be a whole number >= 1')
    min_share = _number(data.get('min_share_of_best', 0.0), f'{where}: min_share_of_best')
    if not 0 <= min_share < 1:
        raise TopicsError(f'{where}: min_share_of_best must be at least 0 and below 1')
    min_share_weak = _number(data.get('min_share_of_best_weak', 0.0),
                             f'{where}: min_share_of_best_weak')
    if not 0 <= min_share_weak < 1:
        raise TopicsError(f'{where}: min_share_of_best_weak must be at least 0 and below 1')
    long_text_chars = _number(data.get('long_text_chars', 0.0), f'{where}: long_text_chars')
    if long_text_chars < 0:
        raise TopicsError(f'{where}: long_text_chars must be at least 0 (0: off)')
    side_words = data.get('side_topic_min_keywords', 0)
    if isinstance(side_words, bool) or not isinstance(side_words, int) or side_words < 0:
        raise TopicsError(f'{where}: side_topic_min_keywords must be a whole number >= 0')
    max_topics = data.get('max_topics_per_item')
    if max_topics is not None and (isinstance(max_topics, bool) or not isinstance(max_topics, int)
                                   or max_topics < 1):
        raise TopicsError(f'{where}: max_topics_per_item must be a whole number >= 1')
    raw_topics = data.get('topics')
    if not isinstance(raw_topics, Mapping) or not raw_topics:
        raise TopicsError(f'{where}: "topics" must map topic ids to their rules')
    topics, keywords = [], []
    for topic_id, spec in raw_topics.items():
        at = f'{where}: topics.{topic_id}'
        if not isinstance(spec, Mapping):
            raise TopicsError(f'{at}: expected a mapping')
        bad = sorted(set(spec) - {'name', 'threshold', 'keywords', 'entity_types'})
        if bad:
            raise TopicsError(f'{at}: unknown key {bad[0]}; allowed: entity_types, keywords, '
                              'name, threshold')
        entity_types = spec.get('entity_types') or {}
        if not isinstance(entity_types, Mapping):
            raise TopicsError(f'{at}.entity_types: expected entity type: weight pairs')
        name = spec.get('name')
        if not isinstance(name, str) or not name.strip():
            raise TopicsError(f'{at}.name: an English name is required')
        rules = spec.get('keywords')
        if not isinstance(rules, Mapping) or not rules:
            raise TopicsError(f'{at}.keywords: expected language -> {{keyword: weight}}')
        idx = len(topics)
        topics.append(Topic(str(topic_id), name.strip(),
                            _number(spec.get('threshold', threshold), f'{at}.threshold'),
                            tuple((str(t), _number(w, f'{at}.entity_types.{t}'))
                                  for t, w in entity_types.items())))
        for lang, words in rules.items():
            if not isinstance(words, Mapping):
                raise TopicsError(f'{at}.keywords.{lang}: expected keyword: weight pairs')
            for word, weight in words.items():
                if not isinstance(word, str) or not word.strip('* '):
                    raise TopicsError(f'{at}.keywords.{lang}: bad keyword {word!r}')
                if '*' in word.strip().strip('*'):
                    raise TopicsError(f'{at}.keywords.{lang}: {word!r}: "*" may only end a '
                                      'keyword (a prefix) or start one (a compound head); '
                                      'list inflected phrases one by one')
                if word.strip().startswith('*') and (
                        len(word.strip().strip('*')) < 3 or ' ' in word.strip()):
                    raise TopicsError(f'{at}.keywords.{lang}: {word!r}: a compound head '
                                      'is one word of at least 3 letters')
                keywords.append(_Keyword(idx, primary_language(str(lang)) or str(lang),
                                         word.strip(),
                                         _number(weight, f'{at}.keywords.{lang}.{word}')))
    return TopicRules(topics, keywords, title_weight=title_weight, max_hits=max_hits,
                      min_keywords=min_keywords, min_cjk_chars=min_cjk_chars, index=index,
                      min_share=min_share, min_share_weak=min_share_weak,
                      long_text_chars=long_text_chars, side_words=side_words,
                      max_topics=max_topics)


def load_topics(path: str, *, min_cjk_chars: int = 2,
                index: PhraseIndex | None = None) -> TopicRules:
    data = read_yaml(path, TopicsError)
    return parse_topics(data, path, min_cjk_chars=min_cjk_chars, index=index)
