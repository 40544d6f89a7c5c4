"""Finding gazetteer entities in text with Aho-Corasick automata over every alias.

In: the entities of a gazetteer (:mod:`transforms.tag.gazetteer`) and an item's text fields.
Out: the accepted mentions, each naming the entity, the field, the alias as written in the text,
and the rule that accepted it.

The rules, in the order they apply
----------------------------------
1. **Folding.** Aliases and text are NFKC-normalised and case-folded
   (:func:`transforms.tag.text.fold_text`), so ``KOREA UTARA``, ``Korea Utara`` and full-width
   ``Ｋｏｒｅａ`` meet the same key. Aliases too short to mean anything are not indexed: in
   spaced scripts fewer than 2 letters, or a letter and no digit (``G7``, ``F1`` and ``M23`` are
   names; ``a.`` is not); in unspaced scripts (Han, kana, Hangul, Thai) fewer than
   ``min_cjk_chars`` (default 2) characters, so ``米`` (rice / America), ``日`` (day / Japan) or
   ``露`` never match on their own.
2. **Word boundaries**, decided per edge by the script of the alias's edge character:

   * spaced scripts (Latin, Cyrillic, Greek, Arabic, ...): the neighbouring character must not be
     a letter, digit or combining mark *of a spaced script* (so ``Oman`` is not found in
     ``woman`` but ``NATO`` is found in ``NATO加盟国``). Arabic: up to two one-letter proclitics
     (``و ف ب ل ك``) may precede the alias (``وروسيا`` = "and Russia").
   * Hangul: the left neighbour must not be Hangul or a spaced-script letter; on the right,
     Korean particles attach directly (``북한은``, ``러시아의``), so aliases of 3 or more
     syllables may be followed by anything, while 2-syllable aliases (``미국``, ``인도``) only
     by nothing or a known particle/suffix (:data:`HANGUL_SUFFIXES`), so ``인도`` is not found
     in ``인도했다`` ("handed over"); so are aliases whose last word is one syllable (``지난 시``,
     Jinan, is not found in ``지난 시즌``, "last season").
   * katakana: the neighbour must not be katakana (``マリ`` is not found in ``マリア``).
   * Han, hiragana, Thai: no boundary, except the **short-CJK guard**: a 2-character Han-only
     alias in a text that contains kana (Japanese) is refused when Han characters touch it on
     both sides (``京都`` inside ``東京都庁``), because Japanese sets a word off with kana or
     punctuation on at least one side. Chinese text (no kana) has no such signal; there a
     2-character alias counts unless a longer alias overlaps it (rule 4).
3. **Case as written.** An alias written with an initial capital in a cased script (``Turkey``,
   ``Chile``, ``Nice``, ``China``) only matches text that has a capital there too, so
   ``turkey prices``, ``chile poblano``, ``a nice day`` and ``fine china`` are not places (news
   capitalises proper nouns in every cased language we tag; ``require_capital=False`` turns
   this off). A field that has lost its case (no capital in 30 letters or more: a corpus
   stored lower-cased) is read without it, for names of two words or more and one-word
   names that are no frequent word (``_caseless_match``). English writes a paper's article
   in lower case in running text ("the New Yorker") and a feature's generic head too
   ("strait of Hormuz"): such aliases match so. A *short* alias (at most
   ``max_short_letters``, default 3, letters, in a cased script: ``US``, ``UN``, ``AS``,
   ``PBB``, ``США``) must match its case exactly, so ``us``/``un``/``as`` never match; short
   aliases sit in a second, case-sensitive automaton so that they cost nothing where only the
   lower-case word occurs.
4. **Longest match wins.** Among overlapping matches in one field the longest is kept (ties: the
   leftmost), so ``Korea Utara`` beats ``Korea``, ``インドネシア`` beats ``インド`` and
   ``Kantor Berita Pusat Korea`` beats ``Korea``.
5. **Context for ambiguous aliases** (the false-positive rule). These count only **in
   context**, i.e. when the same item (any field) also mentions, through an alias that needed no
   context, the same entity or an entity of the same country:

   * an alias listed in the entity's ``ambiguous`` list (``Belousov`` counts with ``Russia`` or
     ``Andrey Belousov``; ``Jordan`` with ``Amman``);
   * an alias shared by several entities (``Georgia`` the country and the US state): the one
     entity the context singles out wins (``Georgia`` with ``Tbilisi`` or with ``Atlanta``),
     an entity confirmed itself before one that only shares a country; with no single winner
     the mention is dropped;
   * a short alias in a field written in capitals (a shouted headline, where ``US`` may be the
     pronoun);
   * a capitalised one-word alias that is a frequent word and that the item also writes in
     lower case, the common noun it then is (``Turkey sandwiches recalled`` over ``recalled
     turkey sandwiches``: :func:`_lower_case_twins`).

   Mentions that needed context never confirm each other. An alias of a single entity that
   the item names at least ``repeat_confirms`` times (default 3) is its own context (rule
   ``repeated``): an item about the UK that names no British place, the EU named throughout;
   not a one-word alias that is also a given name or a frequent word ("Lawrence" repeated is a
   person's surname, "Central" a team's word: ``not_repeated``, which the tagger passes).
   In a field written in a language whose news is one country's (Korean, Japanese: the
   tagger's ``home``), an organisation of that country that nothing else confirms counts
   (rule ``home_language``: 국방부 in a Korean report that names no Korean place). A news
   agency's name in brackets after a dateline is the agency ("MEXICO CITY (AP) —": rule
   ``agency_credit``), and a city's name before "=" and an agency's in a Korean dateline is
   the city ("(뉴욕=연합뉴스)", "(파리=뉴스1)": rule ``dateline``; 뉴욕 is also the state, 파리
   also "a fly"). A country's name listed among countries that need no context is the country
   ("in Guinea, Sierra Leone, Liberia", "几内亚、塞拉利昂和利比里亚": rule ``country_list``;
   "Georgia, Alabama and Florida" lists no country).
6. **City, State.** A name shared by a city and a region of its country (the region has an
   English alias "X State" or "State of X") means the region after a capitalised place name
   and a comma ("Redmond, Washington"; not "Tbilisi, Georgia", a place of another country) and
   before a state office ("New York attorney general", "Washington Gov."): rule
   ``state_pattern``. A city's name before a comma and a region's names a town of that region,
   not a listed city of another country: "Oxford, Mississippi" is no Oxford in England,
   "London, Ontario" none in England (:meth:`EntityMatcher._towns_of_regions`).

7. **Country abbreviations as context.** In Japanese text, one-character country
   abbreviations in the shapes news writes them (``日米首脳会談``, ``米政府``, ``仏パリ``,
   ``米、``), and Chinese ones in narrower shapes (``俄乌冲突``, ``中方``, ``以军``), confirm
   their country's ambiguous aliases (``仏パリ``: パリ alone is no place) without being tags
   themselves: they qualify a name (``米ノースカロライナ州``) or a relation (``日米同盟``), and
   labellers of news do not count them as naming the country (:mod:`transforms.tag.abbreviations`).
8. **Korean titles.** An organisation's Korean name written with a title (``외교부장``
   "foreign minister", ``상원의원`` "senator", ``서울시장`` "mayor of Seoul", ``외교부 장관``)
   names the office's holder: no mention of the body.

Places inside longer names (the Paris Agreement, Greater Manchester Police, Joaquin Phoenix)
are dropped afterwards with the name spans of :mod:`transforms.tag.names`, see
:mod:`transforms.tag.context`.

The same automaton can also carry the topic keywords (:mod:`transforms.tag.topics`), so each
field is scanned once (:class:`PhraseIndex`, ``index=`` of :class:`EntityMatcher`).
"""
from __future__ import annotations

import dataclasses
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Callable, NamedTuple

import ahocorasick_rs

from transforms.tag.abbreviations import (ABBREVIATIONS, KO_ABBREVIATIONS, ZH_ABBREVIATIONS,
                                          chinese_abbreviations, korean_abbreviations,
                                          japanese_abbreviations)
from transforms.tag.gazetteer import Entity
from transforms.tag.text import (HAN, HANGUL, HIRAGANA, KANA, SPACED, THAI, fold_normalised,
                                 fold_phrase, fold_text, is_shouting, is_word_char, nfkc,
                                 script_of)

__all__ = ['PhraseIndex', 'EntityMatcher', 'Mention', 'HANGUL_SUFFIXES']

#: What may follow a 2-syllable Hangul alias directly: case particles and the few nouns news
#: writes solid after a country name (정부 government, 측 side, 군 forces, 산 made in, 인 person);
#: 서 is headlines' short 에서 (부산서 화재, "a fire in Busan").
HANGUL_SUFFIXES = frozenset('''
은 는 이 가 을 를 의 에 에서 에게 에는 에서는 에도 에서도 에선 와 과 와의 과의 와는 과는 와도 과도
로 으로 로의 으로의 로는 으로는 도 만 까지 부터 보다 처럼 이나 나 이다 이라 이라고 이며 이고 이자
인 인들 인들은 인들이 인의 측 측은 측이 측의 측에 측도 정부 정부는 정부가 정부의 정부에 정부도 군 군은
군이 군의 군에 군도 산 내 내에서 간 간의 등 등의 등은 등이 등과 과는 쪽 쪽은 쪽이 행 발 대사관
서 상 상으로 상에서 상의 상에
'''.split())

_ARABIC_PROCLITICS = frozenset('وفبلك')
_UNSPACED = frozenset((HAN, KANA, HIRAGANA, HANGUL, THAI))
_KANA_RE = re.compile('[\u3040-\u30ff\u31f0-\u31ff]')

# flags of an automaton key
_PREFIX = 1        # keyword ending in '*': the right edge needs no boundary
_HAN2 = 2          # exactly two Han characters: the short-CJK guard applies
_HANGUL2 = 4       # at most two Hangul syllables (or a last word of one): only particles may follow


class PhraseIndex:
    """Aho-Corasick automata over phrases, with the boundary rules of this module.

    ``add(phrase, payload)`` collects phrases (several payloads may share a key); ``build()``
    freezes the automata; ``scan(folded, norm=..., offsets=...)`` yields
    ``(start, end, payloads)`` (positions in ``folded``) for every match that respects the
    boundary rules (overlaps included: callers choose).

    Phrases added with ``exact_case=True`` live in a second automaton searched over the
    normalised but *not* case-folded text: short aliases such as ``US`` or ``UN`` then cost
    nothing where only ``us``/``un`` occur, which is most places (two-letter keys folded would
    hit inside every other word). A lower-case exact phrase also matches its capitalised and
    upper-case forms (``war``, ``War``, ``WAR``); one written with capitals matches only as
    written (``AI`` but not ``ai``).

    Each set of keys is compiled by :class:`_Automata` (``ahocorasick_rs``, Rust).
    """

    def __init__(self, min_cjk_chars: int = 2):
        self._min_cjk = min_cjk_chars
        self._keys: dict[str, list] = {}
        self._case_keys: dict[str, list] = {}
        self._automata = None
        self._case_automata = None

    def _slot_for(self, key: str, prefix: bool):
        flags = _PREFIX if prefix else 0
        if key.isascii():                   # most keys: one script, no CJK rules
            if sum(map(str.isalpha, key)) < 2 and not _letter_and_digits(key):
                return None
            first = SPACED if key[0].isalnum() or key[0] == '_' else None
            last = SPACED if key[-1].isalnum() or key[-1] == '_' else None
            return first, last, flags
        classes = [_char_class(c) for c in key]
        first = classes[0][1] if classes[0][0] else None
        last = classes[-1][1] if classes[-1][0] else None
        scripts = {script for word, script in classes if word}
        if scripts & _UNSPACED:
            if sum(1 for word, _script in classes if word) < self._min_cjk:
                return None
        elif sum(map(str.isalpha, key)) < 2 and not _letter_and_digits(key):
            return None
        if len(key) == 2 and scripts == {HAN}:
            flags |= _HAN2
        if scripts == {HANGUL} and (len(key) <= 2 or len(key.rsplit(' ', 1)[-1]) == 1):
            # (and a name whose last word is one syllable: 지난 시, Jinan's "city", is the
            # start of 지난 시즌 "last season")
            flags |= _HANGUL2
        return first, last, flags

    def add(self, phrase: str, payload, prefix: bool = False, exact_case: bool = False,
            key: str | None = None) -> bool:
        """Index ``phrase``; returns False when it is too short to index (rule 1). ``key``:
        :func:`fold_phrase` of ``phrase`` when the caller has it already (not for exact-case
        or prefix phrases)."""
        if exact_case:
            written = ' '.join(nfkc(phrase).split())
            if prefix:
                written = written.rstrip('*').rstrip()
            keys = [written]
            if written and written == written.lower():
                keys += [written[0].upper() + written[1:], written.upper()]
            table = self._case_keys
            if table is None:
                raise RuntimeError('PhraseIndex.add() after build()')
        else:
            key = fold_phrase(phrase) if key is None or prefix else key
            keys = [key.rstrip('*').rstrip() if prefix else key]
            table = self._keys
            if table is None:
                raise RuntimeError('PhraseIndex.add() after build()')
        added = False
        for key in dict.fromkeys(keys):
            slot_info = self._slot_for(key, prefix) if key else None
            if slot_info is None:
                continue
            first, last, flags = slot_info
            slot = table.get(key)
            if slot is None:
                slot = table[key] = [len(key), first, last, flags & ~_PREFIX, [], []]
            # exact and prefix payloads of one key are kept apart: the right boundary decides
            # for the exact ones only
            payloads = slot[5] if prefix else slot[4]
            if payload not in payloads:
                payloads.append(payload)
            added = True
        return added

    def build(self) -> 'PhraseIndex':
        if self._keys is None:
            raise RuntimeError('PhraseIndex.build() was called twice')
        self._automata = _Automata(self._keys)
        self._case_automata = _Automata(self._case_keys)
        # the build tables (a list per key, its payload lists, the key strings) are no longer
        # needed: the automata hold what matching reads (~50 MB of the built tagger)
        self._keys = self._case_keys = None
        return self

    def __len__(self) -> int:
        if self._keys is None:
            return self._automata.size + self._case_automata.size
        return len(self._keys) + len(self._case_keys)

    def hits(self, norm: str, folded: str, offsets: list | None) -> tuple[list, list]:
        """All matches of one :func:`fold_text` result, scanned once and shared by the entity
        matcher and the topic scorer when they use one index, as ``(entity_hits, others)``:
        ``(start, stop, group)`` (positions in ``folded``) for each match of gazetteer
        entries, ``group`` as :func:`_entry_group` made it at build time; and for each match of
        other payloads (topic keywords), the tuple of them (their positions are not needed)."""
        if self._automata is None:
            raise RuntimeError('PhraseIndex.build() was not called')
        entity_hits: list = []
        others: list = []
        if self._automata.size:
            _collect(self._automata, folded, None, entity_hits, others)
        if self._case_automata.size:
            inverse = None
            if offsets is not None:
                inverse = _inverse_offsets(norm, folded, offsets)
            _collect(self._case_automata, norm, inverse, entity_hits, others)
        return entity_hits, others

    def scan(self, folded: str, has_kana: bool | None = None, norm: str | None = None,
             offsets: list | None = None):
        """Matches in ``folded``; ``norm``/``offsets`` (from :func:`fold_text`) let exact-case
        phrases be found too (without ``norm``, ``folded`` stands in for it)."""
        if self._automata is None:
            raise RuntimeError('PhraseIndex.build() was not called')
        out: list = []
        if self._automata.size:
            _collect(self._automata, folded, None, out, None, has_kana)
        if self._case_automata.size:
            text = folded if norm is None else norm
            inverse = None
            if norm is not None and offsets is not None:
                inverse = _inverse_offsets(norm, folded, offsets)
            _collect(self._case_automata, text, inverse, out, None, has_kana)
        yield from out


def _letter_and_digits(key: str) -> bool:
    """A letter with digits (``G7``, ``G-20``, ``5G``): a name, though one letter alone is not."""
    return any(map(str.isalpha, key)) and any(map(str.isdigit, key))


def _inverse_offsets(norm: str, folded: str, offsets: list) -> list:
    """For each index of ``norm`` (and its end), the first index of ``folded`` it became."""
    inverse = [0] * (len(norm) + 1)
    for f_index in range(len(offsets) - 1, -1, -1):
        inverse[offsets[f_index]] = f_index
    inverse[len(norm)] = len(folded)
    return inverse


class _Automata:
    """One table of keys compiled into an ``ahocorasick_rs`` automaton (Rust; a contiguous NFA
    over UTF-8), which finds every match of a text in one call (:meth:`matches`). Every key's
    value is the tuple ``(length, first, last, flags, payloads, group, keywords, prefixed)``
    (length in characters; ``payloads, group, keywords`` the key's view as :func:`_view` makes
    it; ``prefixed`` the view of its prefix phrases alone, or None), ``values[i]`` for the key
    numbered ``i``: keys are numbered in sorted order, the order they are compiled in. One flat
    tuple, because a match reads it out of memory the caches lost since the last item: each
    further object to follow costs about as much as the rest of the match's work.

    Sorted, because the automaton lays its states out in the order the keys create them: keys
    in the gazetteer's order (each entity's aliases in a dozen scripts, one entity after
    another) scatter the states a text of one script walks over the whole automaton, which a
    tagger finds out of the CPU caches at every item (the names and topics steps in between
    evict it). Sorted, a prefix's states and those of its continuations lie together: the scan
    took 10-15% less CPU in most A/B runs (2026-12, a loaded machine: noisy), with the same
    matches in the same order (the order at one position follows from the key lengths, not
    their numbers).

    It replaced pyahocorasick (until 2026-12), whose trie finds a node's child by a linear
    search: a root with a child for each first character of 124,000 keys in a dozen scripts
    had to be worked around with byte encodings of the text, and iterating its matches cost a
    Python object each. Measured over the benchmark's mixed-language items (same output,
    checked byte for byte on every labelled set): both automata of :class:`PhraseIndex` scan
    in 33 instead of 76 us per 1,000 characters, the whole tagging takes a fifth less CPU
    (10% fewer instructions, the rest fewer cache misses), the built tagger ~40 MB less memory.
    """

    __slots__ = ('size', 'values', 'rs')

    def __init__(self, table: dict):
        self.size = len(table)
        values = {}
        singles: dict = {}      # entity number -> its 1-tuple, shared by the entity's keys
        for key in sorted(table):
            length, first, last, flags, exact, prefixed = table[key]
            payloads = tuple(exact + prefixed)
            # Han, hiragana and Thai edges need no boundary test: as if not a word character
            first = None if first in _NO_BOUNDARY else first
            last = None if last in _NO_BOUNDARY else last
            prefix_view = _view(tuple(prefixed), singles) if prefixed else None
            values[key] = (length, first, last, flags, *_view(payloads, singles), prefix_view)
        self.values = list(values.values())
        # (no empty automaton: a table without keys is never searched)
        self.rs = ahocorasick_rs.AhoCorasick(
            list(values), matchkind=ahocorasick_rs.MATCHKIND_STANDARD,
            implementation=ahocorasick_rs.Implementation.ContiguousNFA) if values else None

    def matches(self, text: str) -> list:
        """``(key number, start, stop)`` of every match in ``text`` (overlapping ones
        included) in the order of their ends, the longer first where two end together."""
        if self.rs is None:
            return []
        try:
            return self.rs.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            # a lone surrogate has no UTF-8: a '?' of the same length stands in for it (no key
            # holds one, and the boundary tests read the text itself)
            return self.rs.find_matches_as_indexes(
                text.encode('utf-8', 'replace').decode('utf-8'), overlapping=True)


_NO_VIEW = ((), None, None)


def _view(payloads: tuple, singles: dict) -> tuple:
    """``(payloads, group, keywords)``: the gazetteer entries' group (:func:`_entry_group`,
    None without entries) and the other payloads (topic keywords; None without them).
    ``singles``: see :func:`_entity_ids`."""
    if not payloads:
        return _NO_VIEW
    entries = tuple(p for p in payloads if type(p) is _Entry)
    if not entries:
        return (payloads, None, payloads)
    if len(entries) == len(payloads):
        # (the payloads themselves, not an equal tuple: one tuple fewer per key, ~10 MB)
        return (payloads, _entry_group(payloads, singles), None)
    return (payloads, _entry_group(entries, singles),
            tuple(p for p in payloads if type(p) is not _Entry))


# how the entries of one key are checked against the text as written
_NO_CHECK = 0       # none needs a capital or exact case: all of them count
_CAPITAL = 1        # all need a capital and none is short: all count or none does
_EACH = 2           # check entry by entry (short aliases, mixed rules)


def _entry_group(entries: tuple, singles: dict) -> tuple:
    """``(entries, check, entity ids, unconditional, short, twin)`` of the gazetteer entries of
    one key, worked out at build time for the usual case that every entry is kept (see
    :meth:`EntityMatcher._candidates`); ``twin``: rule 6 may apply to a match."""
    if not any(e.capital or e.short for e in entries):
        check = _NO_CHECK
    elif all(e.capital == 1 and not e.short for e in entries):
        check = _CAPITAL
    else:
        check = _EACH
    return (entries, check, _entity_ids(entries, singles), _plain(entries, False),
            _any_short(entries), any(e.twin for e in entries))


_NO_BOUNDARY = frozenset((HAN, HIRAGANA, THAI))

# An alias that starts with an article and a capitalised word (Le Monde, The Times, L'Équipe,
# El País): the text's capital on the article says nothing (it starts every sentence and
# headline), so the word after it must be capitalised too ("Le monde selon les candidats" is
# "the world according to the candidates", "L'équipe de France" the French team)
_SECOND = 2            # _Entry.capital of such an alias
# (German capitalises every noun, so its articles only before a word in capitals: Die PARTEI,
# not "die Partei", the party)
_ARTICLE_NAME = re.compile(r"(?:The|Le|La|Les|El|Los|Las|Il|Lo|Gli|Het|De) [A-ZÀ-Þ]|L['’][A-ZÀ-Þ]"
                           r"|(?:Die|Der|Das) [A-ZÄÖÜ]{2,}\b")


# A feature's English name of a generic head, "of" and a proper name ("Strait of Hormuz", "Gulf
# of Mexico", "Sea of Japan"): papers write the head in lower case as often ("ships advised to
# avoid the strait of Hormuz"), so such an alias matches whatever its case (a head, "of" and a
# feature's name make no common phrase)
_GEOGRAPHIC_HEAD = re.compile(r"(?:Strait|Straits|Gulf|Sea|Bay|Lake|Lakes|Cape|Isle|Mount"
                              r"|Mountains) of (?:the )?[A-Z]")
# how a capitalised alias found in a field that lost its case counts (_caseless_match), and
# the articles that make a name of two words a phrase there ("le monde" is "the world")
_CASELESS_NAME, _CASELESS_WORD = 1, 2
_ARTICLE_FIRST = re.compile(r"(?:the|le|la|les|el|los|las|die|der|das|den|dem|des|il|lo|gli"
                            r"|het|de|l['’])\b")
# ... English running text writes the article of a paper's name in lower case ("in the New
# Yorker magazine", "told the Wall Street Journal", "seen by the Guardian"): a name of two
# words or more, or a medium's of one word that names nothing else capitalised ("the
# Atlantic" is the ocean, "the Sun" the star, "the Hill" Capitol Hill, "the Australian" a
# person, "the Times" any of several)
_RUNNING_THE = re.compile(r'the [A-Z]')
_THE_ELSEWHERE = frozenset({'Atlantic', 'Sun', 'Hill', 'Paper', 'Insider', 'Australian', 'Times',
                            'Athletic', 'Hindu', 'Independent', 'Observer'})


def _capital_after_article(surface: str, alias: str) -> bool:
    """Whether the word after the article that starts ``surface`` is capitalised, and written
    in capitals where the alias ``alias`` writes it so (Die PARTEI)."""
    for n, c in enumerate(surface[1:4], 1):
        if c in " '’":
            word = alias[n + 1:].split(' ', 1)[0]
            if len(word) > 1 and word.isupper():
                return surface[n + 1:n + 1 + len(word)].isupper()
            return surface[n + 1:n + 2].isupper()
    return True


def _read_off(folded: str, start: int, stop: int) -> bool:
    """Whether the match ``folded[start:stop]`` (its first character in :data:`_READ_OFF_FIRST`)
    is part of something else by what stands around it: 台 ending a word with the character
    before it (柜台大排长龙 "a long queue at the counter", no 台大), 中东 before 部 "part"
    (中东部地区 "the central and eastern regions"), CCTV before a word for its
    footage (closed-circuit cameras, not China's CCTV), РФ after a law code or a body (ст. 158
    УК РФ, Минюст РФ: the code's or the body's, not Russia as a place)."""
    first = folded[start]
    if first == '台':
        return start > 0 and folded[start - 1] in _TAI_WORDS
    if first == '中':
        # 中东部 is "the centre and east" (中东部地区), not the Middle East's part (中东部分国家
        # is "some Middle Eastern countries")
        return (stop - start == 2 and folded[start + 1] in '东東' and folded.startswith('部', stop)
                and not folded.startswith(_PART_WORDS, stop))
    if first == 'c':
        return folded[start:stop] == 'cctv' and _CCTV_DEVICE.match(folded, stop) is not None
    return (folded[start:stop] == 'рф'
            and _RU_RF_OWNER.search(folded, max(0, start - 20), start) is not None)


# CCTV as English writes it for closed-circuit cameras ("CCTV footage", "CCTV cameras", "CCTV
# images"), not China Central Television (in folded text)
_CCTV_DEVICE = re.compile(r' (?:footage|cameras?|images?|video|recordings?|systems?|'
                          r'surveillance|operators?|monitors?|evidence|stills?)\b')


# Russian law codes and bodies that news names with РФ (in folded text): "ст. 158 УК РФ", "Минюст
# РФ", "Верховным судом РФ" name the code or the body, not Russia as a place (the labelled sets
# count Russia there only when the text names it otherwise; "президента РФ" still counts)
_RU_RF_OWNER = re.compile(
    r'(?:^|[^\w])(?:ук|гк|коап|нк|тк|упк|гпк|апк|жк|ск|бк|зк|кас|мид|мвд|фсб|фсо|фсин|фнс|фас|мчс'
    r'|цб|минюст\w*|минобороны|минфин\w*|минздрав\w*|минэнерго|минтранс\w*|минпромторг\w*'
    r'|минэкономразвития|минприроды|минтруд\w*|минкультуры|минобрнауки|минпросвещения'
    r'|минцифры|минсельхоз\w*|генпрокуратур\w*|суд\w{0,3}|конституци\w*) $')


# Han characters that end a word with 台 ("counter, stage, platform"): before one, 台 starts no
# Taiwanese name (柜台大排长龙 is "a long queue at the counter", not 台大, National Taiwan
# University; 平台北 ...); not 前, 后, 上 or 下, which 前台北市长 and 上台大 read otherwise
_TAI_WORDS = frozenset('柜櫃舞平讲講电電看擂阳陽窗站月吧登倒灶')
#: the words 部 starts after 中东 that keep the Middle East: 部分 "some", 部长 "minister", 部队
#: "troops", 部门 "department"
_PART_WORDS = ('部分', '部長', '部长', '部队', '部隊', '部门', '部門')
#: the first characters of the matches :func:`_read_off` looks around (台, 中东, CCTV, РФ)
_READ_OFF_FIRST = frozenset('台中cр')

# Characters that are a boundary for every script class: most neighbours of a real match.
_PLAIN_BOUNDARY = frozenset(' ,.;:!?()[]{}"\'-/«»“”„‘’、。，．・「」『』（）【】〈〉《》')
# ASCII letters, digits and '_': a spaced-script word character, so no boundary for a spaced
# edge (not even after Arabic proclitics, which are Arabic letters); what _left_ok and
# _right_ok answer for them, without the call
_ASCII_WORD = frozenset('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_')


def _collect(automata: _Automata, text: str, inverse, out: list, others: list | None,
             has_kana=None) -> None:
    """Find the matches in ``text`` that respect the boundary rules (positions mapped through
    ``inverse`` when given). With ``others`` a list: append ``(start, stop, entry group)`` to
    ``out`` for matches of gazetteer entries and the other payloads to ``others`` (see
    :meth:`PhraseIndex.hits`); with ``others`` None: ``(start, stop, payloads)`` to ``out``."""
    n = len(text)
    plain = _PLAIN_BOUNDARY
    ascii_word = _ASCII_WORD
    han2 = _HAN2
    split = others is not None
    values = automata.values
    for number, start, stop in automata.matches(text):
        _length, first, last, flags, payloads, group, keywords, prefixed = values[number]
        if start and first is not None:
            ch = text[start - 1]
            if ch not in plain and (first == SPACED and ch in ascii_word
                                    or not _left_ok(text, start, first)):
                continue
        if stop < n and last is not None:
            ch = text[stop]
            if ch not in plain and (last == SPACED and ch in ascii_word
                                    or not _right_ok(text, stop, last, flags)):
                if prefixed is None:
                    continue
                payloads, group, keywords = prefixed    # only prefix phrases may run on
        if flags & han2 and 0 < start and stop < n:
            if has_kana is None:
                has_kana = bool(_KANA_RE.search(text))
            if (has_kana and _char_class(text[start - 1])[1] == HAN
                    and _char_class(text[stop])[1] == HAN):
                continue
        if inverse is not None:
            start, stop = inverse[start], inverse[stop]
        if split:
            if group is not None:
                out.append((start, stop, group))
            if keywords is not None:
                others.append(keywords)
        else:
            out.append((start, stop, payloads))


_CHAR_CLASSES: dict[str, tuple[bool, str]] = {}
# the scripts whose body names follow a country's name solid or (Korean) after a space
_CJK_SCRIPTS = frozenset({HAN, KANA, HIRAGANA, HANGUL})


def _char_class(ch: str) -> tuple[bool, str]:
    """``(is a word character, script class)`` of ``ch``, remembered (a text's neighbours of
    matches are a few hundred distinct characters at most)."""
    cls = _CHAR_CLASSES.get(ch)
    if cls is None:
        cls = (is_word_char(ch), script_of(ch))
        if len(_CHAR_CLASSES) < 100_000:
            _CHAR_CLASSES[ch] = cls
    return cls


def _left_ok(text: str, start: int, first: str) -> bool:
    word, script = _char_class(text[start - 1])
    if first == SPACED:
        if not word or script != SPACED:
            return True
        if '\u0600' <= text[start] <= '\u06ff':
            k, clitics = start - 1, 0
            while k >= 0 and clitics < 2 and text[k] in _ARABIC_PROCLITICS:
                k -= 1
                clitics += 1
            return clitics > 0 and (k < 0 or not is_word_char(text[k]))
        return False
    if first == HANGUL:
        return not word or script not in (HANGUL, SPACED)
    if first == KANA:
        return script != KANA
    return True


def _right_ok(text: str, stop: int, last: str, flags: int) -> bool:
    word, script = _char_class(text[stop])
    if last == SPACED:
        return not word or script != SPACED
    if last == HANGUL:
        if script == SPACED:
            return not word
        if script != HANGUL or not flags & _HANGUL2:
            return True
        k = stop
        while k < len(text) and script_of(text[k]) == HANGUL:
            k += 1
        return text[stop:k] in HANGUL_SUFFIXES
    if last == KANA:
        return script != KANA
    return True


class Mention(NamedTuple):
    """One accepted entity mention: which entity, in which field, as which alias, by which rule."""
    entity: Entity
    field: str
    alias: str          # the matched text as written (NFKC-normalised)
    rule: str           # 'alias' | 'short_alias_exact_case' | 'in_context'
    context: str | None = None   # for 'in_context': the entity id or country code that confirmed


@dataclasses.dataclass(frozen=True, slots=True)    # one per alias: kept small
class _Entry:
    entity: int
    alias: str         # NFKC form as written in the gazetteer, for the exact-case test
    short: bool
    ambiguous: bool
    capital: int       # written with an initial capital: the text must have one too (1);
                       # _SECOND: an article and a capitalised word, whose capital counts too
    twin: bool = False  # a match may be a city/state twin (rule 6): folded, it is a key of
                        # the twins (exact-case keys are looked up in the text to be sure)


class EntityMatcher:
    """Builds the automaton over every alias of ``entities`` and finds mentions in items."""

    def __init__(self, entities: Sequence[Entity], *, max_short_letters: int = 3,
                 min_cjk_chars: int = 2, require_capital: bool = True,
                 index: PhraseIndex | None = None, repeat_confirms: int = 3,
                 not_repeated: Callable[[str], bool] | None = None):
        """``index``: add the aliases to this shared index, which the caller builds and scans
        (see :meth:`find`'s ``hits``); by default the matcher has and builds its own.
        ``repeat_confirms``: an alias that needs context and belongs to one entity counts
        when the item names it this many times (0: never); ``not_repeated``: says which
        one-word aliases repetition alone never confirms (given names, frequent words)."""
        self.entities = tuple(entities)
        self._repeat = repeat_confirms if repeat_confirms > 0 else float('inf')
        # a one-word alias this says is a given name or a frequent word is never confirmed by
        # repetition alone (the tagger passes its name detector's lists: "Lawrence", "Central"
        # repeated name a person and a team's word, not the town or the district)
        self._not_repeated = not_repeated
        self._twins = _state_twins(self.entities)
        self._ids = tuple(e.id for e in self.entities)
        self._countries = tuple(e.country for e in self.entities)
        self._organisation = tuple(e.kind == 'organization' for e in self.entities)
        self._agency = tuple(e.type == 'news_agency' for e in self.entities)
        self._is_country = tuple(e.kind == 'place' and e.type == 'country' for e in self.entities)
        # cities and regions, for "City, Region" (_towns_of_regions)
        self._town = tuple(e.kind == 'place' and e.type in ('city', 'capital')
                           for e in self.entities)
        self._region = tuple(e.kind == 'place' and e.type == 'region' for e in self.entities)
        # (a country's or capital's name counts in a field that lost its case even when it is a
        # frequent word: "москва"; _caseless_match)
        self._media = tuple(e.kind == 'organization' and e.type == 'media'
                            for e in self.entities)
        self._major = tuple(e.kind == 'place' and e.type in ('country', 'capital')
                            for e in self.entities)
        # organisations by their Chinese and Japanese names (カタール外務省), for _foreign_bodies
        self._cjk_bodies = {fold_phrase(alias): idx for idx, e in enumerate(self.entities)
                            if e.kind == 'organization'
                            for lang, alias in e.aliases if lang in ('ja', 'zh')}
        # a country's name with 海 (日本海, フィリピン海, 菲律宾海): a sea, but before 軍 or 军 the
        # country's navy (日本海軍, 菲律宾海军), for _candidates
        self._country_seas = frozenset(fold_phrase(alias) + '海' for e in self.entities
                                       if e.kind == 'place' and e.type == 'country'
                                       for lang, alias in e.aliases if lang in ('ja', 'zh'))
        # the country entity of each code, for Japanese one-character abbreviations (米, 露)
        self._country_entities = {e.country: idx for idx, e in enumerate(self.entities)
                                  if e.kind == 'place' and e.type == 'country' and e.country}
        # a Korean town by its name without 시 or 군, for a Korean agency's dateline, which
        # writes the name alone: "(전주=연합뉴스)", "(세종=연합뉴스)", where the bare name is a
        # frequent word (전주 "last week") or another's name (세종, the king) and no alias
        stems: dict[str, set] = {}
        for idx, e in enumerate(self.entities):
            if e.kind == 'place' and e.type in ('city', 'capital', 'region'):
                for lang, alias in e.aliases:
                    if lang == 'ko' and len(alias) >= 3 and alias[-1] in '시군':
                        stems.setdefault(alias[:-1], set()).add(idx)
        self._dateline_towns = {stem: min(ids) for stem, ids in stems.items() if len(ids) == 1}
        own = index is None
        self._index = PhraseIndex(min_cjk_chars=min_cjk_chars) if own else index
        keys_before = len(self._index)
        for idx, entity in enumerate(self.entities):
            ambiguous = {fold_phrase(a) for a in entity.ambiguous} if entity.ambiguous else ()
            for _lang, alias in entity.aliases:
                written = nfkc(alias).strip()
                key = fold_normalised(written)          # fold_phrase(alias), nfkc done once
                letters = sum(map(str.isalpha, key))
                # quick answers for the many aliases that are short of the letters or ASCII
                short = letters <= max_short_letters and (
                    letters > 0 if written.isascii()
                    else any(c.lower() != c.upper() for c in written))
                capital = int(require_capital and written[:1].isupper())
                if capital and _ARTICLE_NAME.match(written) is not None:
                    capital = _SECOND
                elif capital and _GEOGRAPHIC_HEAD.match(written) is not None:
                    capital = 0     # "avoid strait of Hormuz": the name's capital is after "of"
                twin = short or key in self._twins
                self._index.add(alias, _Entry(idx, written, short, key in ambiguous, capital,
                                              twin),
                                exact_case=short, key=key)
        self.alias_count = len(self._index) - keys_before
        if own:
            self._index.build()

    def _caseless_match(self, norm: str, surface: str, caseless: list, ids) -> int:
        """How ``surface``, a capitalised alias of the entities ``ids`` found in lower case,
        counts because its field ``norm`` has lost its case: not one capital letter in 30
        letters or more (a corpus stored lower-cased: "москва, 1 дек — риа новости"), where
        case tells a name from a word no more. There a name of two words or more counts as
        written (_CASELESS_NAME), unless an article starts it ("le monde", "die partei",
        "el banco": 0); so does one word of five letters or more that is no frequent word nor
        given name (``not_repeated``); a country's or capital's name that is one needs
        context, as an ambiguous alias does (_CASELESS_WORD: "москва" with "риа новости");
        any other such word does not count ("pueblo", "seine", "газа" gas), nor an alias in a
        field that kept its case (0). ``caseless`` caches the field's answer."""
        if not caseless:
            caseless.append(not any(map(str.isupper, norm))
                            and sum(map(str.islower, norm)) >= 30)
        if not caseless[0]:
            return 0
        if ' ' in surface:
            return 0 if _ARTICLE_FIRST.match(surface) else _CASELESS_NAME
        major = all(self._major[i] for i in ids)
        if (self._not_repeated is not None
                and self._not_repeated(surface[:1].upper() + surface[1:])):
            return _CASELESS_WORD if major else 0
        return _CASELESS_NAME if major or sum(map(str.isalpha, surface)) >= 5 else 0

    def _candidates(self, field: str, norm: str, folded: str, offsets, hits=None):
        """Non-overlapping candidate matches of one field, in text order, as
        ``(start, stop, field, surface, entity indexes, unconditional, short)``; ``hits`` the
        entity part of :meth:`PhraseIndex.hits`."""
        if hits is None:
            hits = self._index.hits(norm, folded, offsets)[0]
        found = []
        shouting = None
        caseless: list = []     # whether the field lost its case (found once, if asked)
        twins = False           # a match that rule 6 may turn into its state
        for start, stop, group in hits:
            if offsets is None:
                surface = norm[start:stop]
            else:
                surface = norm[offsets[start]:offsets[stop - 1] + 1]
            entries, check, ids, plain, short, twin = group
            if check == _CAPITAL:
                if not surface[:1].isupper():
                    lost = (self._caseless_match(norm, surface, caseless, ids)
                            if not caseless or caseless[0] else 0)
                    if not lost:
                        continue
                    plain = plain and lost == _CASELESS_NAME
            elif check == _EACH:
                kept = []
                loud = False
                for entry in entries:
                    if (entry.capital and not surface[:1].isupper()
                            and not (entry.capital == _SECOND and _RUNNING_THE.match(surface)
                                     and (entry.alias.count(' ') >= 2
                                          or self._media[entry.entity]
                                          and entry.alias[4:] not in _THE_ELSEWHERE))):
                        lost = (self._caseless_match(norm, surface, caseless, (entry.entity,))
                                if not caseless or caseless[0] else 0)
                        if not lost:
                            continue
                        loud = loud or lost == _CASELESS_WORD
                    if (entry.capital == _SECOND and surface[:1].isupper()
                            and not _capital_after_article(surface, entry.alias)):
                        continue                # "Le monde selon ...": no Le Monde
                    if entry.short:
                        if surface != entry.alias:
                            continue
                        if shouting is None:
                            shouting = is_shouting(norm)
                        loud = loud or shouting
                    kept.append(entry)
                if not kept:
                    continue
                if len(kept) < len(entries):
                    ids, plain, short = _entity_ids(kept), _plain(kept, loud), _any_short(kept)
                elif loud:
                    plain = False
            if stop < len(folded) and folded[stop] in _READ_ON_FIRST:
                if (folded[stop] in _ARMY and folded[stop + 1:stop + 2] not in _MILITARY_WORDS
                        and folded[start:stop] in self._country_seas):
                    continue                    # 日本海軍: Japan's navy, not the Sea of Japan
                reading = _read_on(folded, start, stop)
                if reading == _WORD or (reading == _OFFICE
                                        and all(self._organisation[i] for i in ids)) or (
                        reading == _SHIP and not any(self._organisation[i] for i in ids)):
                    continue
            if folded[start] in _READ_OFF_FIRST and _read_off(folded, start, stop):
                continue
            found.append((start, stop, field, surface, ids, plain, short, None))
            twins = twins or twin
        # longest match wins over overlapping ones; ties go to the leftmost. Most fields have
        # no overlap at all (matches in text order, each starting at or after the previous
        # one's end): then every match is kept, as the general rule would keep it
        last_stop = 0
        for candidate in found:
            if candidate[0] < last_stop:
                chosen = _longest_first(found, self._is_country)
                if len(chosen) < len(found):
                    chosen = self._with_leading_countries(found, chosen, folded)
                found = chosen
                break
            last_stop = candidate[1]
        if twins:
            found = self._state_patterns(found, norm, folded, offsets)
        if len(found) > 1 and ', ' in folded:
            found = self._towns_of_regions(found, folded)
        if len(found) > 1 and any(folded[c[0]] >= '\u3040' for c in found):
            found = self._foreign_bodies(found, folded)     # (Chinese, Japanese, Korean)
        return found

    def _towns_of_regions(self, found: list, folded: str) -> list:
        """Rule 6's other half: a city's name followed by a comma and a region's name
        ("Oxford, Mississippi", "Paris, Texas", "London, Ontario") names a town of that
        region, so not the listed cities of other countries that bear the name (the town is
        too small to be listed, or shares its name with a bigger city). Not where the region's
        name is also a country's ("Tbilisi, Georgia") or the city lies in the region's
        country ("Tupelo, Mississippi"). The region's name there is the region's alone
        ("London, Ontario": not the Californian town of Ontario), which the pattern confirms
        (rule ``state_pattern``)."""
        town, region, countries = self._town, self._region, self._countries
        out = None
        for n in range(len(found) - 1):
            city, after = found[n], found[n + 1]
            if (after[0] != city[1] + 2 or folded[city[1]:after[0]] != ', '
                    or not all(town[i] for i in city[4])
                    or not any(region[i] for i in after[4])
                    or any(self._is_country[i] for i in after[4])):
                continue
            regions = [i for i in after[4] if region[i]]
            home = {countries[i] for i in city[4]}
            if any(town[i] and countries[i] in home for i in after[4]):
                continue    # a list of one country's cities: "Munich, Berlin and Hamburg"
            out = out or list(found)
            out[n + 1] = (after[0], after[1], after[2], after[3], regions, True, False,
                          'state_pattern')
            if not home & {countries[i] for i in regions}:
                out[n] = None
        return [c for c in out if c is not None] if out else found

    def _foreign_bodies(self, found: list, folded: str) -> list:
        """``found`` with a body read as another country's body where that country's name
        comes right before it in Chinese, Japanese or Korean: joined by の or 的 (カタールの外務省
        is Qatar's foreign ministry, not Japan's), any listed body; with nothing or a space
        between (필리핀 국방부, 菲律宾国防部), only a generic name that needs context to be
        tagged (a listed name written solid after a country, 香港汇丰, stays). Such a body
        becomes that country's own when one is listed as country + name (カタール外務省), else
        nothing."""
        is_country, organisation, countries = self._is_country, self._organisation, self._countries
        out = None
        previous = None
        for n, candidate in enumerate(found):
            start, ids = candidate[0], candidate[4]
            if (previous is not None and organisation[ids[0]]
                    and all(is_country[i] for i in previous[4])):
                gap = start - previous[1]
                if gap == 1 and folded[start - 1] in 'の的':
                    joined = True
                elif (gap == 0 or gap == 1 and folded[start - 1] == ' ') and not candidate[5]:
                    joined = (_char_class(folded[start])[1] in _CJK_SCRIPTS
                              and _char_class(folded[previous[1] - 1])[1] in _CJK_SCRIPTS)
                else:
                    joined = False
                country = countries[previous[4][0]]
                if joined and all(countries[i] and countries[i] != country for i in ids):
                    if out is None:
                        out = list(found)
                    own = self._cjk_bodies.get(folded[previous[0]:previous[1]]
                                               + folded[start:candidate[1]])
                    out[n] = (None if own is None
                              else (*candidate[:4], [own], True, False, 'foreign_body'))
            previous = candidate
        return found if out is None else [c for c in out if c is not None]

    def _with_leading_countries(self, found: list, chosen: list, folded: str) -> list:
        """``chosen`` (rule 4's matches) and the countries that begin a chosen organisation's
        name in a CJK script where the name is a phrase "country + body" rather than a proper
        name: a space after the country (중국 외교부 "China's foreign ministry", 미국 국무부) or
        the army (ロシア軍, 러시아군, 俄军) name their country as well; a proper name that
        holds one does not (中国国际航空 Air China, 日本銀行 the Bank of Japan: the labellers'
        "hard negatives"). So do its forces written solid (以色列军队, 台湾海军, 香港警方:
        :data:`_FORCES`)."""
        is_country = self._is_country
        kept = None
        extra = []
        for candidate in found:
            ids = candidate[4]
            if len(ids) != 1 or not is_country[ids[0]]:
                continue
            start, stop = candidate[0], candidate[1]
            after = folded[stop:stop + 1]
            if ((after != ' ' and after not in _FORCE_FIRST)
                    or script_of(folded[start]) not in _UNSPACED):
                continue
            if kept is None:
                kept = set(map(id, chosen))
            if id(candidate) in kept:
                continue
            # (the whole name is the country and a word for its forces: not 日本海上保安厅)
            ends = {stop + 1} if after in _ARMY else set()
            ends.update(stop + len(w) for w in _FORCES if folded.startswith(w, stop))
            if any(c[0] == start and c[1] > stop and all(self._organisation[i] for i in c[4])
                   and (after == ' ' or c[1] in ends) for c in chosen):
                extra.append(candidate)
        return sorted(chosen + extra, key=_start) if extra else chosen

    def _state_patterns(self, found: list, norm: str, folded: str, offsets) -> list:
        """Rule 6: a name shared by a city and its state means the state in "Redmond,
        Washington" (after a capitalised place name and a comma, unless that place lies in
        another country) and before a state office ("New York attorney general"). Not a
        country's name: "Mexico governor" is a governor in Mexico, not the State of Mexico's."""
        out = []
        previous = None
        is_country = self._is_country
        for candidate in found:
            twin = self._twins.get(folded[candidate[0]:candidate[1]])
            if twin is not None and not any(is_country[i] for i in candidate[4]):
                nstart = candidate[0] if offsets is None else offsets[candidate[0]]
                nstop = nstart + len(candidate[3])
                before = _CITY_COMMA.search(norm, max(0, nstart - 80), nstart)
                after = _STATE_OFFICE.match(norm, nstop)
                adjacent = (previous is not None and before is not None
                            and previous[1] == (before.end() - 2 if offsets is None else None))
                other_country = adjacent and any(
                    self._countries[i] not in (None, self._countries[twin])
                    for i in previous[4])
                # (nor after a body's name: "la Casa Blanca, Washington" is the White House
                # in the capital, not a town in the state)
                body = adjacent and all(self._organisation[i] for i in previous[4])
                if (before is not None and not other_country and not body) or after is not None:
                    candidate = (candidate[0], candidate[1], candidate[2], candidate[3],
                                 [twin], True, False, 'state_pattern')
            out.append(candidate)
            previous = candidate
        return out

    def _with_abbreviations(self, field: str, parts: tuple, found: list) -> list:
        """``found`` (one field's candidates) and the Japanese, Chinese and Korean
        one-character country abbreviations of the field that overlap none of them, in text
        order (:mod:`transforms.tag.abbreviations`): unconditional, so they confirm their
        country; the Japanese and Chinese ones are left out of the mentions
        (:data:`_CONTEXT_ONLY`: they qualify a name or a relation), the Korean ones, set apart
        from the Hangul as a headline's subject (美 WSJ), name the country."""
        norm, folded, offsets = parts
        extra = []
        if _KANA_RE.search(folded):
            read = [(*a, 'ja_abbreviation') for a in japanese_abbreviations(folded)]
        elif _HANGUL_RE.search(folded):
            read = [(*a, 'ko_abbreviation') for a in korean_abbreviations(folded)]
        else:
            read = [(*a, 'zh_abbreviation') for a in chinese_abbreviations(folded)]
        for start, stop, code, rule in read:
            idx = self._country_entities.get(code)
            if idx is None or any(c[0] < stop and start < c[1] for c in found):
                continue
            surface = norm[start:stop] if offsets is None else norm[offsets[start]]
            extra.append((start, stop, field, surface, [idx], True, False, rule))
        if not extra:
            return found
        return sorted(found + extra, key=_start)

    def _with_dateline_towns(self, field: str, parts: tuple, found: list) -> list:
        """``found`` (one field's candidates) and the towns a Korean agency's dateline names
        by their name without 시 or 군 that no candidate covers ("(전주=연합뉴스)": Jeonju,
        whose bare name is no alias, being "last week" too; each town of "(서울·광주=연합뉴스)"):
        unconditional, rule ``dateline``."""
        norm, folded, offsets = parts
        extra = []
        for m in _KO_DATELINE.finditer(folded):
            start = m.start(1)
            for name in m.group(1).split('·'):
                stop = start + len(name)
                idx = self._dateline_towns.get(name)
                if idx is not None and not any(c[0] < stop and start < c[1] for c in found):
                    surface = (norm[start:stop] if offsets is None
                               else norm[offsets[start]:offsets[stop - 1] + 1])
                    extra.append((start, stop, field, surface, [idx], True, False, 'dateline'))
                start = stop + 1
        if not extra:
            return found
        return sorted(found + extra, key=_start)

    def find(self, fields: Mapping[str, str] | Iterable[tuple[str, str]],
             folded: Mapping[str, tuple] | None = None,
             hits: Mapping[str, list] | None = None) -> list[Mention]:
        """Accepted mentions in ``fields`` (field name -> text): rules 1-5 of the module doc.

        ``folded`` may carry :func:`~transforms.tag.text.fold_text` of the fields, computed once;
        ``hits`` the shared index's :meth:`PhraseIndex.hits` per field.
        """
        entities = self.entities
        return [Mention(entities[idx], field, surface, rule, context)
                for idx, field, surface, rule, context in self.mention_rows(fields, folded, hits)]

    def mention_rows(self, fields: Mapping[str, str] | Iterable[tuple[str, str]],
                     folded: Mapping[str, tuple] | None = None,
                     hits: Mapping[str, list] | None = None, *,
                     spans: bool = False, unresolved: list | None = None,
                     home: Mapping[str, str] | None = None) -> list[tuple]:
        """:meth:`find` as plain ``(entity index, field, alias, rule, context)`` tuples; with
        ``spans``, each also carries the match's ``start, stop`` (positions in the field's
        case-folded text). ``unresolved``, when a list, receives ``(entity indexes, field,
        alias, start, stop)`` for each match that needed context and found none, or found it
        for several entities (rule 8 reads a match report's clubs among them). ``home``: field
        -> the country its language is written in (Korean: Korea), whose organisations a
        generic name that needs context stands for when nothing else confirms one (국방부 in a
        Korean report that names no Korean place: rule ``home_language``)."""
        pairs = fields.items() if isinstance(fields, Mapping) else fields
        candidates = []
        texts = {}
        raws = []
        for field, text in pairs:
            if text:
                raws.append(text)
                parts = folded[field] if folded and field in folded else fold_text(text)
                texts[field] = parts[1]
                field_hits = hits.get(field) if hits else None
                found = self._candidates(
                    field, *parts, hits=None if field_hits is None else field_hits[0])
                if self._country_entities and _ABBREVIATION_CHARS.search(parts[1]):
                    found = self._with_abbreviations(field, parts, found)
                if '=' in parts[1] and self._dateline_towns:
                    found = self._with_dateline_towns(field, parts, found)
                candidates.extend(found)
        if candidates:
            _lower_case_twins(candidates, raws, self._not_repeated)
        entity_ids, entity_countries = self._ids, self._countries
        confirmed: set[int] = set()
        countries: dict[str, str] = {}
        # a news agency's credit says where the agency is, not what the story is about:
        # "(dpa)" on a report from Beirut makes no German context for a body (die Luftwaffe is
        # Israel's); it still does for a place ("(대전=연합뉴스)": Daejeon, not a great war)
        agency_countries: dict[str, str] = {}
        repeats: dict[int, int] = {}
        for candidate in candidates:
            if candidate[5]:                        # unconditional
                idx = candidate[4][0]
                if idx not in confirmed:
                    confirmed.add(idx)
                    country = entity_countries[idx]
                    if country and country not in countries:
                        if not self._agency[idx]:
                            countries[country] = entity_ids[idx]
                        elif country not in agency_countries:
                            agency_countries[country] = entity_ids[idx]
            elif len(candidate[4]) == 1:
                idx = candidate[4][0]
                count, fields_seen = repeats.get(idx, (0, frozenset()))
                repeats[idx] = (count + 1, fields_seen | {candidate[2]})
        # where each field names a country unconditionally, for a country listed among them
        # (found on the first match that needs it: most items have none)
        country_spans: dict[str, list] | None = None
        rows = []
        for start, stop, field, surface, ids, plain, short, why in candidates:
            if plain:
                if why in _CONTEXT_ONLY:
                    continue
                rule = why or ('short_alias_exact_case' if short else 'alias')
                rows.append((ids[0], field, surface, rule, None, start, stop) if spans
                            else (ids[0], field, surface, rule, None))
                continue
            # needs context: the same entity confirmed, or one of its country
            # (a confirmed entity outranks one that only shares a confirmed country)
            fits = [(idx, entity_ids[idx]) for idx in ids if idx in confirmed]
            if not fits:
                fits = [(idx, entity_countries[idx]) for idx in ids
                        if entity_countries[idx] in countries
                        or entity_countries[idx] in agency_countries
                        and not self._organisation[idx]]
            rule = 'in_context'
            if (not fits and len(ids) == 1 and _repeated(repeats.get(ids[0]), self._repeat)
                    and not (self._not_repeated is not None and ' ' not in surface
                             and self._not_repeated(surface))
                    # (nor two Hangul syllables, which are mostly part of a word: 코로 in
                    # 코로나 three times is no town)
                    and not _SHORT_HANGUL.fullmatch(surface)):
                # named again and again with nothing else to confirm it (an item about the
                # UK that names no British place): the repetition is the context
                fits, rule = [(ids[0], None)], 'repeated'
            if not fits and home and field in home:
                # a body of the country the text's language is written in (the language's
                # own news names its ministries without the country; another country's name
                # right before one is rule 27's, in the tagger)
                fits = [(idx, None) for idx in ids
                        if self._organisation[idx] and entity_countries[idx] == home[field]]
                rule = 'home_language'
            listed = [idx for idx in ids if self._is_country[idx]] if not fits else ()
            if len(listed) == 1:
                # a country listed among countries the item names unconditionally: "in
                # Guinea, Sierra Leone, Liberia" (guinea a coin), "Georgia, Armenia and
                # Azerbaijan" (not the US state, whose neighbours in a list are states)
                if country_spans is None:
                    country_spans = {}
                    for c in candidates:
                        if c[5] and c[7] not in _CONTEXT_ONLY and self._is_country[c[4][0]]:
                            country_spans.setdefault(c[2], []).append((c[0], c[1]))
                if field in country_spans and _in_list(texts[field], start, stop,
                                                        country_spans[field]):
                    fits, rule = [(listed[0], None)], 'country_list'
            if not fits and start and texts[field][start - 1] == '(':
                if _CREDIT_END.match(texts[field], stop) is not None:
                    # a news agency's credit in brackets after a dateline: "MEXICO CITY (AP) —"
                    agencies = [idx for idx in ids if self._agency[idx]]
                    if len(agencies) == 1:
                        fits, rule = [(agencies[0], None)], 'agency_credit'
                elif _AGENCY_DATELINE.match(texts[field], stop) is not None:
                    # a Korean agency's dateline: "(뉴욕=연합뉴스)", "(파리=뉴스1)" name the city
                    # the story was filed from (뉴욕 is also the state, 파리 also "a fly")
                    towns = [idx for idx in ids if self._town[idx]]
                    if len(towns) == 1:
                        fits, rule = [(towns[0], None)], 'dateline'
            if len(fits) == 1:
                idx, why = fits[0]
                rows.append((idx, field, surface, rule, why, start, stop) if spans
                            else (idx, field, surface, rule, why))
            elif unresolved is not None:
                # (no fit, or several: "Tottenham" beside England is the London district and
                # the club alike, which a match report's words tell apart: rule 8)
                unresolved.append((ids, field, surface, start, stop))
        return rows


_SHORT_HANGUL = re.compile('[\uac00-\ud7a3]{1,2}')
# what stands between two items of a list: a comma (and a conjunction after it), a conjunction
# alone, each maybe with the preposition repeated ("en Guinée, en Sierra Leone et au Liberia"),
# or the Chinese and Japanese list marks
_LIST_GAP = re.compile(r'(?: ?[,、] ?(?:(?:and|or|et|ou|y|o|e|und|oder|и|или) )?'
                       r'| (?:and|or|et|ou|y|o|e|und|oder|и|или) )(?:(?:en|au|aux|in|в) )?'
                       r'|[和与與及・]')


def _in_list(text: str, start: int, stop: int, spans: list) -> bool:
    """Whether the match at ``start:stop`` of ``text`` is an item of a list whose item right
    before or right after it is one of ``spans``."""
    after = _LIST_GAP.match(text, stop)
    if after is not None and any(s == after.end() for s, _e in spans):
        return True
    return any(e < start and (m := _LIST_GAP.match(text, e)) is not None and m.end() == start
               for _s, e in spans)


def _lower_case_twins(candidates: list, raws: list[str],
                      is_word: Callable[[str], bool] | None) -> None:
    """Rule 5's last case, in place: a capitalised one-word alias that needed no context and
    is a frequent word (``is_word``: the tagger's ``not_repeated``; None: any word) needs it
    where the item also writes the word in lower case, as the common noun it then is ("Turkey
    sandwiches recalled" over "recalled turkey sandwiches"; "Nice" beside "nice"): only a place
    or body of the same country confirms it then."""
    for i, candidate in enumerate(candidates):
        if not candidate[5]:
            continue
        surface = candidate[3]
        if (len(surface) >= 4 and surface.istitle() and (is_word is None or is_word(surface))
                and surface.isalpha()):
            lower = surface.lower()
            if any(_has_word(text, lower) for text in raws):
                candidates[i] = (*candidate[:5], False, *candidate[6:])


def _has_word(text: str, word: str) -> bool:
    """``word`` in ``text`` as a whole word (:func:`is_word_char`: no word character on
    either side)."""
    k = text.find(word)
    while k >= 0:
        end = k + len(word)
        if ((k == 0 or not is_word_char(text[k - 1]))
                and (end == len(text) or not is_word_char(text[end]))):
            return True
        k = text.find(word, k + 1)
    return False


# "Redmond, Washington": a capitalised place name, a comma and a space right before the match
_CITY_COMMA = re.compile(r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*, $")
# "New York attorney general", "Washington Gov. Bob Ferguson": a state office right after it
_STATE_OFFICE = re.compile(
    r" (?:[Aa]ttorney [Gg]eneral|[Gg]overnor|[Gg]ov\.|[Ll]egislature|[Ss]tate (?:[Ss]enate|"
    r"[Aa]ssembly|[Pp]olice|[Ss]upreme [Cc]ourt|[Hh]ouse|[Cc]apitol|[Ll]awmakers|[Ll]egislat))")
_STATE_NAME = re.compile(r"(?:(.+) State|State of (.+))")


# the end of a dateline's agency credit: ") —", ") -", "):"
_CREDIT_END = re.compile(r'\) ?[—–:-]')
# a Korean dateline's rest after the city: "=" and the agency's name, then its bracket:
# "(뉴욕=연합뉴스)", "(서울=뉴스1)", "(워싱턴=뉴시스)"
_AGENCY_DATELINE = re.compile(r' ?= ?[\w.]{2,12}\)')
# the same dateline whole, its towns (one or more, joined by a middle dot) in group 1
_KO_DATELINE = re.compile(r'\(([\uac00-\ud7a3]{2,4}(?:·[\uac00-\ud7a3]{2,4})*)'
                          + _AGENCY_DATELINE.pattern)


def _repeated(seen: tuple | None, times: float) -> bool:
    """Named at least ``times`` times (a name in a headline and once in the text is not
    enough: "Chad Smith" in both)."""
    return seen is not None and seen[0] >= times


def _state_twins(entities: Sequence[Entity]) -> dict[str, int]:
    """Folded city alias -> index of the region it also names, for regions with an English
    alias "X State" or "State of X" (New York State, State of Washington)."""
    twins: dict[str, int] = {}
    for idx, entity in enumerate(entities):
        if entity.kind != 'place' or entity.type != 'region':
            continue
        for lang, alias in entity.aliases:
            m = _STATE_NAME.fullmatch(alias) if lang == 'en' else None
            if m:
                twins.setdefault(fold_phrase(m.group(1) or m.group(2)), idx)
    return twins


def _longest_first(found: list, is_country: Sequence = ()) -> list:
    """The matches kept by rule 4, in text order: among overlapping ones the longest (ties:
    a country's name, then the leftmost, then the first found: 在巴中国 "in Brazil, Chinese ..."
    is 中国, not the city 巴中). Matches are taken in that order unless they overlap one
    already taken; a choice in one run of overlapping matches cannot touch another run, so
    each run is decided alone and a match that overlaps nothing is kept as it is."""
    def rank(candidate: tuple) -> tuple:
        country = bool(is_country) and all(is_country[i] for i in candidate[4])
        return (candidate[0] - candidate[1], not country, candidate[0])

    found = sorted(found, key=_start)
    chosen = []
    i, n = 0, len(found)
    while i < n:
        j, run_stop = i + 1, found[i][1]
        while j < n and found[j][0] < run_stop:
            run_stop = max(run_stop, found[j][1])
            j += 1
        if j == i + 1:
            chosen.append(found[i])
        elif j == i + 2:                          # two overlapping: the longer, or leftmost
            first, second = found[i], found[i + 1]
            chosen.append(second if rank(second) < rank(first) else first)
        else:
            taken: list = []
            for candidate in sorted(found[i:j], key=rank):
                start, stop = candidate[0], candidate[1]
                if all(stop <= a or start >= b for a, b in taken):
                    taken.append((start, stop))
                    chosen.append(candidate)
        i = j
    chosen.sort(key=_start)
    return chosen


_start = operator.itemgetter(0)
#: Korean titles written solid after a body's name: its head (외교부장 "foreign minister" of
#: China, 서울시장 "mayor of Seoul"), minister, vice minister, president, member (상원의원
#: "senator"), also after a space for the ministers' titles (외교부 장관 "foreign minister"):
#: the office's holder, not the body, is meant; after a space 의원 is a member of the body
#: named ("박용진 더불어민주당 의원", a Democratic Party lawmaker: the party counts)
_KO_TITLE = re.compile(' ?(?:장관|차관|총장)|의원|장')
# What the characters after a match may make of it (:func:`_read_on`), by the first of them:
# an office's holder (외교부장, 상원의원, 财政部长 "finance minister": not the body), or part of
# another word (发展中国家 "developing countries" is 发展中 + 国家: no China), or a warship's name
# (山东舰, 辽宁艦: the carrier, not the province; 舰队/艦隊 "fleet" still names its country)
_READ_ON_FIRST = frozenset('의장차총 长家舰艦軍军')
_OFFICE, _WORD, _SHIP = 1, 2, 3
_FLEET = frozenset('队艇船只載载隊')


def _read_on(folded: str, start: int, stop: int) -> int:
    """_OFFICE when the organisation name ``folded[start:stop]`` is followed by its holder's
    title, _WORD when the match is part of another word, _SHIP when it names a warship, else 0
    (``folded[stop]`` is in :data:`_READ_ON_FIRST`)."""
    after = folded[stop]
    if after in '舰艦':
        return _SHIP if folded[stop + 1:stop + 2] not in _FLEET else 0
    if after == '家':
        return _WORD if folded[start - 2:start] == '发展' else 0
    if after == '长':
        return _OFFICE if folded[stop - 1] == '部' else 0
    return (_OFFICE if stop + 1 < len(folded) and '\uac00' <= folded[stop - 1] <= '\ud7a3'
            and _KO_TITLE.match(folded, stop) is not None else 0)
#: "army" written solid after a country's name (ロシア軍, 러시아군, 俄军)
_ARMY = frozenset('軍군军')
#: the words for a country's forces that make a name of "country + word" a phrase that names
#: the country too (以色列军队 Israel's army, 台湾海军, 香港警方 the Hong Kong police), besides
#: 軍 alone
_FORCES = ('军队', '軍隊', '军方', '軍方', '海军', '海軍', '空军', '空軍', '陆军', '陸軍', '警方',
           '警察', '警务处', '警務處')
_FORCE_FIRST = _ARMY | {w[0] for w in _FORCES}
#: 軍/军 starting a word of its own after a sea's name: 南シナ海軍事拠点, 南海军演 (the sea's
#: military bases, exercises), 日本海軍港 stays the navy's
_MILITARY_WORDS = frozenset('事演')
#: rules whose mentions confirm others but are no tags of their own: a country's one-character
#: abbreviation qualifies a name (米ノースカロライナ州, 日米同盟, 中方 "the Chinese side") and
#: news labellers do not count it as naming the country
_CONTEXT_ONLY = frozenset({'ja_abbreviation', 'zh_abbreviation'})
_ABBREVIATION_CHARS = re.compile(
    f"[{''.join(set(ABBREVIATIONS) | set(ZH_ABBREVIATIONS) | set(KO_ABBREVIATIONS))}]")
_HANGUL_RE = re.compile('[\uac00-\ud7a3]')


def _entity_ids(entries, singles: dict | None = None) -> tuple:
    """The entity numbers of ``entries``, sorted. One is kept per automaton key: a tuple (a
    list's spare room cost ~4 MB over the gazetteer's keys), and the one-entity tuple of an
    entity is made once for all its keys where ``singles`` (entity number -> tuple) is given
    (~8 MB: most keys name one entity, which has several)."""
    if len(entries) == 1:
        entity = entries[0].entity
        if singles is None:
            return (entity,)
        found = singles.get(entity)
        if found is None:
            found = singles[entity] = (entity,)
        return found
    return tuple(sorted({e.entity for e in entries}))


def _plain(entries, loud: bool) -> bool:
    """Unconditional: one entity, no ambiguous alias, not a short alias in capitals."""
    if loud:
        return False
    if len(entries) == 1:
        return not entries[0].ambiguous
    return len({e.entity for e in entries}) == 1 and not any(e.ambiguous for e in entries)


def _any_short(entries) -> bool:
    return any(e.short for e in entries)
