"""A person's name as it sounds, the same in Latin and Cyrillic letters: a Russian text names
James Comey "Джеймс Коми", Markus Söder "Маркус Зёдер", Jean-Luc Mélenchon "Жан-Люк Меланшон",
and the gazetteer lists most foreign persons by their Latin names only (1,383 of its 1,875
persons have no Russian alias).

In: a full name in either script. Out: :func:`sound_keys`, the consonant skeletons of its words
(``('jms', 'km')`` for both "Джеймс Коми" and "James Comey"): letters mapped to one class per
sound where the two spellings differ (дж/j, ж/zh/j, ш/ч/sh/ch/sch, х/h/kh dropped, ц/z/s/ts,
c before e/i as s, otherwise k), vowels, y, h and soft signs dropped, doubled letters made one.
A Latin name gives every reading of its ambiguous letters (j as in James or as in Jürgen, w as
in Walter or as in William, ch as in Charles, Christian or Bach), a Cyrillic one a single key.

Guarantees: deterministic and pure; a name whose words leave an empty skeleton, or fewer than
five consonants in all, gives no key (two short names sound alike too often to link on).
:class:`SoundIndex` answers a key only when exactly one listed person has it.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

__all__ = ['SoundIndex', 'sound_keys']

_CYRILLIC = re.compile('[\u0400-\u04ff]')
_LATIN_ONLY = re.compile(r"[A-Za-z\u00c0-\u024f .'’-]+")

# Cyrillic letters as their sound in a Latin spelling (х as h, which is dropped like English h;
# щ like ш; ё, ю, я are vowels)
_FROM_CYRILLIC = str.maketrans({
    'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'e', 'ж': 'J', 'з': 's',
    'и': 'i', 'й': 'y', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r',
    'с': 's', 'т': 't', 'у': 'u', 'ф': 'f', 'х': 'h', 'ц': 's', 'ч': 'S', 'ш': 'S', 'щ': 'S',
    'ъ': '', 'ы': 'y', 'ь': '', 'э': 'e', 'ю': 'u', 'я': 'a', 'і': 'i', 'ї': 'i', 'є': 'e',
    'ґ': 'g'})
_FROM_LATIN = str.maketrans({'ł': 'l', 'ø': 'o', 'ß': 's', 'æ': 'e', 'œ': 'e', 'đ': 'd',
                             'q': 'k', 'x': 'ks', 'z': 's'})
# Latin letter groups, longest first: one sound each
# (ch is read three ways below: Charles, Christian, Bach)
_LATIN_GROUPS = (('tsch', 'S'), ('sch', 'S'), ('tch', 'S'), ('dzh', 'J'), ('ch', 'C'),
                 ('sh', 'S'), ('zh', 'J'), ('cz', 'S'), ('sz', 'S'), ('dj', 'J'), ('kh', 'h'),
                 ('ph', 'f'), ('th', 't'), ('ck', 'k'), ('ts', 's'), ('tz', 's'), ('dt', 't'),
                 ('gh', 'g'))
_LATIN_GROUP = re.compile('|'.join(g for g, _ in _LATIN_GROUPS))
_LATIN_SOUND = dict(_LATIN_GROUPS)
_SOFT_C = re.compile('c(?=[eiy])')
_DROPPED = str.maketrans('', '', 'aeiouy')
_VOWEL_CLASS = str.maketrans('aeiouy', 'VVVVVV')
# an English silent e at a word's end (Rice: Райс, Jones: Джонс), read with and without it
_SILENT_E = re.compile('(?<=[^aeiouy])e(?=s?$)')
# a Latin letter's readings where languages differ: j as in James or in Jürgen, w as in Walter
# or in William, ch as in Charles, Christian or Bach
_READINGS = (('C', ('S', 'k', '')), ('j', ('J', 'y')), ('w', ('v', 'u')))
_MIN_CONSONANTS = 5


def _skeleton(word: str, vowels: bool = False) -> str:
    """One word's letters after the script's mapping, h dropped and runs of one letter merged
    (Müller, Мюллер: mlr): its consonants only, or with ``vowels`` every run of vowels (and
    y) as one V (mVlVr)."""
    word = word.replace('h', '')
    word = word.translate(_VOWEL_CLASS) if vowels else word.translate(_DROPPED)
    return ''.join(ch for ch, _run in itertools.groupby(word))


def _latin_readings(word: str, vowels: bool = False) -> set[str]:
    """A Latin-script word's skeletons (:func:`_skeleton`): j read as дж (James) and as й
    (Jürgen), w as в (Walter) and as у (William), ch as in Charles, Christian or Bach, a final
    e sounded and silent; Mc as Мак."""
    word = unicodedata.normalize('NFKD', word.lower())
    word = ''.join(c for c in word if not unicodedata.combining(c))
    word = _LATIN_GROUP.sub(lambda m: _LATIN_SOUND[m.group()], word)
    word = _SOFT_C.sub('s', word).replace('c', 'k').translate(_FROM_LATIN)
    if word.startswith('mk') and len(word) > 3:
        word = 'mak' + word[2:]
    readings = {word, _SILENT_E.sub('', word)}
    for letter, sounds in _READINGS:
        if letter in word:
            if vowels and letter == 'C':
                sounds = sounds[:2]             # a surname's ch is sounded (Kuchma: Кучма)
            readings = {r.replace(letter, sound) for r in readings for sound in sounds}
    return {_skeleton(r, vowels) for r in readings}


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-‐.]+", name) if w]


def sound_keys(name: str) -> set[tuple[str, ...]]:
    """The keys of ``name`` (see the module's doc): one for a Cyrillic name, one per reading of
    a Latin one, none for other scripts or for too short a skeleton."""
    words = _words(name)
    if not words:
        return set()
    if _CYRILLIC.search(name):
        if not all(_CYRILLIC.search(w) for w in words):
            return set()
        keys = {tuple(_skeleton(w.lower().replace('дж', 'J').replace('тч', 'ч')
                                .translate(_FROM_CYRILLIC), i == len(words) - 1)
                      for i, w in enumerate(words))}
    elif _LATIN_ONLY.fullmatch(name):
        keys = set(itertools.product(*(sorted(_latin_readings(w, i == len(words) - 1))
                                       for i, w in enumerate(words))))
    else:
        return set()
    return {k for k in keys
            if all(k) and sum(len(w) - w.count('V') for w in k) >= _MIN_CONSONANTS}


class SoundIndex:
    """Listed persons by the sound of their Latin full names; :meth:`get` gives the one person a
    Cyrillic name sounds like, or None (no person, or two)."""

    def __init__(self, persons: Iterable[tuple[int, Iterable[str]]]):
        """``persons``: (entity index, its Latin full names: the English name and the English
        aliases of two words or more)."""
        index: dict[tuple[str, ...], int] = {}
        for idx, names in persons:
            keys = set()
            for name in names:
                if ' ' in name.strip():
                    keys |= sound_keys(name)
            for key in keys:
                index[key] = idx if index.get(key, idx) == idx else -1
        self._index = {k: idx for k, idx in index.items() if idx >= 0}

    def __len__(self) -> int:
        return len(self._index)

    def get(self, name: str) -> int | None:
        """The listed person that the Cyrillic ``name`` sounds like, if exactly one does."""
        if not _CYRILLIC.search(name):
            return None
        for key in sound_keys(name):
            idx = self._index.get(key)
            if idx is not None:
                return idx
        return None
