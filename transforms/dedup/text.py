"""Text normalisation, segmentation and shingling for deduplication (plain functions).

* :func:`normalize` folds away differences that never make two texts different stories: HTML
  entities, Unicode compatibility forms (NFKC: full-width digits, ligatures, composed accents),
  case, quote and dash styles, punctuation, whitespace and line wrapping.
* :func:`segments` splits a text into sentences/lines, the unit of boilerplate detection.
* :func:`tokens` splits a normalised text into tokens: a word for spaced scripts, a single
  character for scripts written without spaces (CJK ideographs, kana, Thai, Lao, Khmer, Myanmar).
  The script is read from the characters themselves, never from the ``language`` field, so mixed
  text (a Japanese name inside an Indonesian article) works.
* :func:`shingle_hashes` makes n-gram hashes of a token sequence: word n-grams when the text is
  mostly spaced, character n-grams when unspaced characters make up ``unspaced_ratio`` of it.
"""
from __future__ import annotations

import array
import html
import re
import types
import unicodedata

import numpy as np
import xxhash

__all__ = [
    'normalize', 'normalize_many', 'segments', 'sentence_tokens', 'sentence_parts',
    'part_tokens', 'tokens', 'is_unspaced_text',
    'token_hashes', 'token_hash_bytes', 'shingle_hashes', 'sorted_unique', 'distinct_sorted',
    'title_grams', 'title_grams_normalized', 'fingerprint', 'fingerprint_tokens',
    'fingerprint_normalized', 'hash64',
]

# Scripts written without spaces between words: every character is a token there.
_UNSPACED_RANGES = (
    (0x0E00, 0x0EFF),    # Thai, Lao
    (0x1000, 0x109F),    # Myanmar
    (0x1780, 0x17FF),    # Khmer
    (0x3040, 0x30FF),    # Hiragana, Katakana
    (0x31F0, 0x31FF),    # Katakana phonetic extensions
    (0x3400, 0x4DBF),    # CJK extension A
    (0x4E00, 0x9FFF),    # CJK unified ideographs
    (0xF900, 0xFAFF),    # CJK compatibility ideographs
    (0xFF66, 0xFF9F),    # half-width katakana
    (0x20000, 0x2FA1F),  # CJK extensions B-F, compatibility supplement
)
_UNSPACED_CLASS = ''.join(
    f'{chr(lo)}-{chr(hi)}' for lo, hi in _UNSPACED_RANGES)
_TOKEN_RE = re.compile(f'[{_UNSPACED_CLASS}]|[^{_UNSPACED_CLASS}]+')
_UNSPACED_RE = re.compile(f'[{_UNSPACED_CLASS}]')


def _separator_table() -> dict[int, str]:
    """Punctuation, symbols and controls become spaces; format characters vanish."""
    table: dict[int, str | None] = {}
    for code in range(0x30000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        cat = unicodedata.category(chr(code))
        if cat == 'Cf':          # soft hyphen, zero-width space/joiners: invisible, dropped
            table[code] = None
        elif cat[0] in 'PSZ' or cat == 'Cc':
            table[code] = ' '
    return table


# A read-only translation table for str.translate.
_SEPARATORS = types.MappingProxyType(_separator_table())

_SEGMENT_RE = re.compile(r'\n+|(?<=[.!?;:\u2026])\s+|(?<=[\u3002\uff01\uff1f])')
# The boundaries of _SEGMENT_RE, in a form that starts with one character class (so the regex
# engine skips ahead to a possible first character): a newline or CJK full stop and the
# whitespace after it, or sentence punctuation and the (required) whitespace after it. The match
# becomes _JOIN: the punctuation it drops would become a space in normalisation anyway, and the
# mark blocks Unicode composition as it did; parts left empty or blank are the ones segments()
# leaves out.
_BOUNDARY_RE = re.compile(
    '[\n.!?;:\u2026\u3002\uff01\uff1f](?:(?<=[.!?;:\u2026])\\s+|(?<![.!?;:\u2026])\\s*)')
_NON_ASCII_RE = re.compile(r'[^\x00-\x7f]')


def _ascii_separators() -> bytes:
    table = bytearray(range(256))
    for code in range(128):
        if code in _SEPARATORS:  # no ASCII character is deleted (none is a format character)
            table[code] = ord(_SEPARATORS[code])
    return bytes(table)


# _SEPARATORS restricted to ASCII, as a bytes.translate table (bytes >= 0x80 map to themselves,
# so UTF-8 text keeps its other characters)
_ASCII_SEPARATORS = _ascii_separators()

_CACHE_LIMIT = 500_000


def _fold_separators(text: str) -> str:
    """``text.translate(_SEPARATORS)``, several times faster.

    str.translate looks every character up in the table once a text holds any non-ASCII
    character. Here the few distinct non-ASCII characters are replaced one by one and the ASCII
    ones in one bytes.translate over the UTF-8 form (whose multi-byte sequences are >= 0x80).
    """
    if not text.isascii():
        for char in set(_NON_ASCII_RE.findall(text)):
            code = ord(char)
            if code in _SEPARATORS:
                text = text.replace(char, _SEPARATORS[code] or '')
    return text.encode('utf-8', 'surrogatepass').translate(_ASCII_SEPARATORS).decode(
        'utf-8', 'surrogatepass')
_NGRAM_MULT = np.uint64(0x9E3779B97F4A7C15)


def hash64(text: str) -> int:
    return xxhash.xxh3_64_intdigest(text.encode('utf-8'))


def normalize(text: str | None) -> str:
    """Entities decoded, NFKC, case-folded, punctuation and whitespace folded to single spaces."""
    if not text:
        return ''
    if '&' in text:
        text = html.unescape(text)
    text = unicodedata.normalize('NFKC', text).casefold()
    return ' '.join(_fold_separators(text).split())


def segments(text: str | None) -> list[str]:
    """The sentences and lines of ``text`` (raw, not normalised), empty ones left out."""
    if not text:
        return []
    if '&' in text:
        text = html.unescape(text)
    return [part.strip() for part in _SEGMENT_RE.split(text) if part and part.strip()]


# a private-use character: survives NFKC, case folding and the separator table
_JOIN = '\ue000'


def normalize_many(texts: list[str], unescape: bool = True) -> list[str]:
    """:func:`normalize` of each text, in one pass over their concatenation (much faster).

    ``unescape=False`` for texts whose HTML entities were decoded already (by :func:`segments`).
    """
    if not texts:
        return []
    joined = _JOIN.join(texts)
    if unescape and '&' in joined:
        joined = html.unescape(joined)
    joined = _fold_separators(unicodedata.normalize('NFKC', joined).casefold())
    parts = joined.split(_JOIN)
    if len(parts) != len(texts):  # a text held the joiner itself: fall back to one by one
        return [normalize(t) for t in texts]
    return [' '.join(part.split()) for part in parts]


def sentence_tokens(text: str | None) -> list[list[str]]:
    """``[tokens(n) for n in normalize_many(segments(text), unescape=False)]`` without the empty
    lists, in one pass over the text: the sentence boundaries are marked, the whole text is
    normalised once and split at the marks."""
    parts = sentence_parts(text)
    if parts is None:  # the text holds the mark itself: the slow path
        return [t for t in map(tokens, normalize_many(segments(text), unescape=False)) if t]
    return [t for t in map(part_tokens, parts) if t]


def sentence_parts(text: str | None) -> list[str] | None:
    """The sentences of ``text`` normalised but not yet split into tokens (:func:`part_tokens`
    does that; blank parts have none), or None when the text holds the private mark this uses
    (then :func:`sentence_tokens` takes the slow path)."""
    if not text:
        return []
    if '&' in text:
        text = html.unescape(text)
    if text.isascii():  # NFKC changes nothing, casefold() is lower()
        folded = _BOUNDARY_RE.sub(_JOIN, text.lower()).encode('utf-8').translate(
            _ASCII_SEPARATORS).decode('utf-8')
        return folded.split(_JOIN)
    if _JOIN in text:
        return None
    return _fold_separators(unicodedata.normalize(
        'NFKC', _BOUNDARY_RE.sub(_JOIN, text)).casefold()).split(_JOIN)


def part_tokens(part: str) -> list[str]:
    """The tokens of one part of :func:`sentence_parts` (as :func:`tokens` of it normalised)."""
    if part.isascii() or not _UNSPACED_RE.search(part):
        return part.split()
    return tokens(' '.join(part.split()))


def tokens(normalized: str) -> list[str]:
    """Words of a normalised text; each character of an unspaced script is its own token."""
    if not _UNSPACED_RE.search(normalized):
        return normalized.split()
    out: list[str] = []
    for word in normalized.split():
        if _UNSPACED_RE.search(word):
            out.extend(_TOKEN_RE.findall(word))
        else:
            out.append(word)
    return out


def is_unspaced_text(toks: list[str], ratio: float) -> bool:
    """Whether a token list is mostly written without spaces (by character share)."""
    joined = ''.join(toks)
    if not joined:
        return False
    # tokens() leaves unspaced characters only as single-character tokens
    count = 0 if joined.isascii() else len(_UNSPACED_RE.findall(joined))
    return count / len(joined) >= ratio


def _cached_hashes(toks: list[str], cache: dict) -> list[int]:
    """64-bit hashes of tokens, looked up in (and added to) ``cache``, token -> hash."""
    values = list(map(cache.get, toks))
    if None in values:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        for i, value in enumerate(values):
            if value is None:
                tok = toks[i]
                values[i] = cache[tok] = xxhash.xxh3_64_intdigest(tok.encode('utf-8'))
    return values


def token_hashes(toks: list[str], cache: dict | None = None) -> np.ndarray:
    """64-bit hashes of tokens; ``cache`` (token -> hash), when given, saves re-hashing."""
    if cache is None:
        return np.fromiter((xxhash.xxh3_64_intdigest(t.encode('utf-8')) for t in toks),
                           dtype=np.uint64, count=len(toks))
    return np.array(_cached_hashes(toks, cache), dtype=np.uint64)


def token_hash_bytes(toks: list[str], cache: dict) -> bytes:
    """``token_hashes(toks, cache).tobytes()`` for a short list (one sentence): ``array`` is
    cheaper than numpy for a dozen values."""
    return array.array('Q', _cached_hashes(toks, cache)).tobytes()


def shingle_hashes(tok_hashes: np.ndarray, n: int) -> np.ndarray:
    """Sorted unique 64-bit hashes of the n-grams of a token-hash sequence.

    A sequence shorter than ``n`` gives one shingle (the whole sequence), so short texts still
    have a set to compare.
    """
    count = len(tok_hashes)
    if count == 0:
        return np.empty(0, dtype=np.uint64)
    n = min(n, count)
    width = count - n + 1
    acc = tok_hashes[:width].copy()
    with np.errstate(over='ignore'):
        for j in range(1, n):
            acc *= _NGRAM_MULT
            acc += tok_hashes[j:j + width]
        # final avalanche so that n-grams differing in one position spread over all bits
        acc ^= acc >> np.uint64(31)
        acc *= np.uint64(0xBF58476D1CE4E5B9)
        acc ^= acc >> np.uint64(29)
    return sorted_unique(acc)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-d array (sorted, distinct values) with less overhead per call."""
    out = np.sort(values)
    return distinct_sorted(out)


def distinct_sorted(values: np.ndarray) -> np.ndarray:
    """The distinct values of an already sorted 1-d array."""
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def title_grams(title: str | None) -> np.ndarray:
    """Character 3-grams (2-grams for unspaced scripts) of a normalised title, as hashes."""
    return title_grams_normalized(normalize(title))


def title_grams_normalized(norm: str) -> np.ndarray:
    """:func:`title_grams` of a title already passed through :func:`normalize`."""
    if not norm:
        return np.empty(0, dtype=np.uint32)
    n = 3 if norm.isascii() else (2 if is_unspaced_text(tokens(norm), 0.3) else 3)
    if len(norm) <= n:
        grams = {norm}
    else:
        grams = {norm[i:i + n] for i in range(len(norm) - n + 1)}
    return sorted_unique(np.fromiter(map(xxhash.xxh32_intdigest, map(str.encode, grams)),
                                     dtype=np.uint32, count=len(grams)))


def fingerprint_tokens(title: str | None, toks: list[str]) -> str:
    """:func:`fingerprint` from the text's tokens (as :func:`tokens` of its normalised form)."""
    return fingerprint_normalized(normalize(title), toks)


def fingerprint_normalized(norm_title: str, toks: list[str]) -> str:
    """:func:`fingerprint_tokens` of a title already passed through :func:`normalize`."""
    return xxhash.xxh3_128_hexdigest((norm_title + '\x1f' + ' '.join(toks)).encode('utf-8'))


def fingerprint(title: str | None, text: str | None) -> str:
    """Hex fingerprint of the normalised title and text: equal for entity/Unicode/wrap variants."""
    return fingerprint_tokens(title, tokens(normalize(text)))
