"""Text folding and script classes shared by the entity matcher and the topic scorer.

Matching runs on a *folded* copy of each field: NFKC-normalised (full-width Latin, half-width
katakana and compatibility forms become their ordinary forms), a few look-alike characters mapped
one to one (typographic apostrophes to ``'``, Unicode hyphens to ``-``, line breaks and tabs to a
space), then case-folded. Case folding may lengthen a string (``ß`` -> ``ss``); :func:`fold_text`
then also returns, for every folded character, the index of the NFKC character it came from, so a
match can be mapped back to the text as written (needed by the exact-case rule for short aliases).
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ['fold_text', 'fold_phrase', 'fold_normalised', 'nfkc', 'is_shouting', 'script_of', 'is_word_char',
           'SPACED', 'HAN', 'KANA', 'HIRAGANA', 'HANGUL', 'THAI']

# Script classes that matter for boundaries. Everything that is not one of the unspaced scripts
# (and not Hangul) is SPACED: Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, ...
SPACED = 'spaced'
HAN = 'han'
KANA = 'kana'          # katakana, including the prolonged sound mark ー
HIRAGANA = 'hiragana'
HANGUL = 'hangul'
THAI = 'thai'          # Thai, Lao, Khmer, Myanmar: written without spaces between words

# One-to-one look-alike replacements (lengths stay equal, so offsets stay valid).
_PAIRS = (
    ('\u2018', "'"), ('\u2019', "'"), ('\u02bc', "'"), ('\u2032', "'"), ('`', "'"),
    ('\u2010', '-'), ('\u2011', '-'), ('\u2012', '-'), ('\u2013', '-'), ('\u2212', '-'),
    ('\n', ' '), ('\r', ' '), ('\t', ' '), ('\u200b', ' '), ('\u3000', ' '),
)
_SPACES = re.compile(r'\s+')


# Full-width punctuation of CJK text (and the ellipsis), with their NFKC forms: replaced before
# NFKC, which then finds most Chinese and Japanese text already normalised and returns at once
# instead of re-composing every character (50 us for 900 characters). Exact: NFKC decomposes a
# character to its compatibility decomposition first, which is what the replacement writes.
_WIDE = tuple((ch, unicodedata.normalize('NFKD', ch)) for ch in '，：；（）！？％\u3000…')


def nfkc(text: str) -> str:
    """NFKC plus the one-to-one look-alike mapping; lengths of the two agree."""
    if not text.isascii() and not unicodedata.is_normalized('NFKC', text):
        for wide, narrow in _WIDE:
            if wide in text:
                text = text.replace(wide, narrow)
        text = unicodedata.normalize('NFKC', text)
    # str.translate with a mapping is slow on non-ASCII text; a few C-level scans are not
    for old, new in _PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def fold_text(text: str) -> tuple[str, str, list[int] | None]:
    """``(normalised, folded, offsets)`` for matching.

    ``normalised`` is :func:`nfkc` of ``text``; ``folded`` its case-folded form; ``offsets`` is
    ``None`` when both have the same length (then index ``i`` of one is index ``i`` of the other,
    since no character folds to nothing), else a list giving for each folded index the index in
    ``normalised``.
    """
    norm = nfkc(text)
    folded = norm.casefold()
    if len(folded) == len(norm):
        return norm, folded, None
    parts: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(norm):
        f = ch.casefold()
        parts.append(f)
        offsets.extend([i] * len(f))
    return norm, ''.join(parts), offsets


def fold_phrase(phrase: str) -> str:
    """The automaton key of an alias or keyword: folded like text, inner spaces collapsed."""
    return fold_normalised(nfkc(phrase))


def fold_normalised(norm: str) -> str:
    """:func:`fold_phrase` of a phrase that is already :func:`nfkc`-normalised."""
    return _SPACES.sub(' ', norm.casefold()).strip()


def script_of(ch: str) -> str:
    """The script class of one character (see the module constants)."""
    cp = ord(ch)
    if cp < 0x0E00:
        return SPACED
    if 0x0E00 <= cp <= 0x0EFF or 0x1000 <= cp <= 0x109F or 0x1780 <= cp <= 0x17FF:
        return THAI
    if 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F or 0xAC00 <= cp <= 0xD7AF:
        return HANGUL
    if 0x3040 <= cp <= 0x309F:
        return HIRAGANA
    if (0x30A0 <= cp <= 0x30FF and cp != 0x30FB) or 0x31F0 <= cp <= 0x31FF:
        return KANA    # 0x30FB is the katakana middle dot, a word separator
    if (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x2FFFF or cp in (0x3005, 0x3006, 0x3007)):
        return HAN
    return SPACED


def is_word_char(ch: str) -> bool:
    """Letters, digits and combining marks: what a word boundary must not cut through."""
    return ch.isalnum() or ch == '_' or unicodedata.category(ch)[0] == 'M'


_ASCII_LOWER = bytes(range(ord('a'), ord('z') + 1))
_CP1251_LOWER = bytes(b for b in range(256) if bytes([b]).decode('cp1251', 'replace').islower())


def is_shouting(text: str) -> bool:
    """Written in capitals: at least 8 upper-case letters and at most 1 lower-case per 4."""
    # quick answer for ordinary text, from its ASCII lower-case letters alone (counted in C):
    # upper <= len - lower and upper >= 4 * lower cannot both hold when 5 * lower > len
    encoded = text.encode('utf-8', 'surrogatepass')
    if 5 * (len(encoded) - len(encoded.translate(None, _ASCII_LOWER))) > len(text):
        return False
    # the same with the Cyrillic lower-case letters too (a single-byte code page keeps them,
    # one byte each, and drops what it cannot write)
    encoded = text.encode('cp1251', 'ignore')
    if 5 * (len(encoded) - len(encoded.translate(None, _CP1251_LOWER))) > len(text):
        return False
    upper = sum(map(str.isupper, text))
    return upper >= 8 and upper >= 4 * sum(map(str.islower, text))
