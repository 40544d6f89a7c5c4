"""Bytes to text, the way a careful reader would decode an unknown file.

Goes in: the raw bytes of a text input. Comes out: a :class:`DecodedText` (the text with line
ends normalised to ``\\n``, the encoding used, and warnings), or an ``InputError`` with a stable
reason: ``empty`` (nothing but whitespace), ``binary`` (not text in any encoding),
``bad_encoding`` (text whose encoding could not be determined).

The encoding is detected from the bytes, never guessed from the file name: a byte-order mark
wins; then strict UTF-8 (by far the most common, and cheap to check); then UTF-16 or UTF-32
without a BOM (recognised by its NUL pattern); then charset-normalizer's statistical detection
for legacy encodings (Shift_JIS, EUC-KR, GB18030, cp1252, ...). A file that is UTF-8 except for
a few lines (a legacy paste inside a UTF-8 file) is decoded line by line and flagged
``mixed_encoding``; with more than a few such lines the file is detected as a whole (per-line
detection costs ~0.3 ms a line). Time is linear in the size of the input.
"""
from __future__ import annotations

import codecs
import dataclasses

import charset_normalizer

from ..model import Reason
from .errors import InputError

__all__ = ['DecodedText', 'decode_text', 'sniff_utf16_32']

_BOMS = (
    (codecs.BOM_UTF32_LE, 'utf-32-le'), (codecs.BOM_UTF32_BE, 'utf-32-be'),
    (codecs.BOM_UTF8, 'utf-8'), (codecs.BOM_UTF16_LE, 'utf-16-le'),
    (codecs.BOM_UTF16_BE, 'utf-16-be'),
)
# Control characters that never appear in text files (tab, LF, CR, FF, ESC are allowed).
_BINARY_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
                                     28, 29, 30, 31}
_SAMPLE = 64 * 1024
_MAX_MIXED_LINES = 200


@dataclasses.dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _normalise_newlines(text: str) -> str:
    return text.replace('\r\n', '\n').replace('\r', '\n')


def sniff_utf16_32(data: bytes) -> str | None:
    """UTF-32 or UTF-16 (LE/BE) without a BOM, recognised by where the NUL bytes fall in the
    first 64 KiB; ``None`` when the pattern fits neither."""
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    quarter = len(sample) // 4
    if quarter:
        # BMP characters in UTF-32 always have two NUL bytes; the low byte is rarely NUL
        by_lane = [sample[i:quarter * 4:4].count(0) for i in range(4)]
        high, low = 0.9 * quarter, 0.05 * quarter
        if by_lane[0] < low and min(by_lane[2:]) > high:
            return 'utf-32-le'
        if by_lane[3] < low and min(by_lane[:2]) > high:
            return 'utf-32-be'
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return 'utf-16-le'
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return 'utf-16-be'
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if b'\x00' in sample:
        return True
    controls = sum(1 for b in sample if b in _BINARY_BYTES)
    return controls > max(2, len(sample) // 100)


def _best_guess(data: bytes):
    """charset-normalizer's best match, preferring cp1252 among near-ties.

    On short Western text the single-byte code pages are nearly indistinguishable statistically;
    cp1252 is by far the most common of them (browsers read ISO-8859-1 as cp1252 too), so it
    wins a near-tie instead of, say, cp1257.
    """
    results = list(charset_normalizer.from_bytes(data))
    if not results:
        return None
    best = results[0]
    for match in results:
        if (match.encoding == 'cp1252' and match.chaos <= best.chaos + 0.1
                and match.coherence >= best.coherence - 0.1):
            return match
    return best


def _text_looks_binary(text: str) -> bool:
    """Decoded 'text' full of control characters is binary that happened to decode."""
    sample = text[:_SAMPLE // 2]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in '\t\n\r\f')
                   or 0x7f <= ord(ch) <= 0x9f)
    return controls > max(2, len(sample) // 100)


def _decode_mixed(data: bytes) -> DecodedText | None:
    """UTF-8 with some lines in a legacy encoding: decode each bad line on its own.

    A detection costs ~0.3 ms, so only a few bad lines are detected one by one; with more,
    one detection over a sample of them picks the encoding for all (a legacy paste is usually
    one encoding), so time stays linear in the size of the file."""
    lines = data.split(b'\n')
    bad = []
    for i, line in enumerate(lines):
        try:
            line.decode('utf-8')
        except UnicodeDecodeError:
            bad.append(i)
    if not bad or len(bad) > len(lines) // 2:
        return None
    shared = None
    if len(bad) > _MAX_MIXED_LINES:
        distinct = dict.fromkeys(lines[i] for i in bad)   # repetition confuses detection
        sample = b'\n'.join(list(distinct)[:_MAX_MIXED_LINES])
        best = _best_guess(sample)
        shared = best.encoding if best is not None and best.encoding else 'cp1252'
    out = []
    bad_lines = set(bad)
    for i, line in enumerate(lines):
        if i not in bad_lines:
            out.append(line.decode('utf-8'))
        elif shared:
            out.append(line.decode(shared, 'replace'))
        else:
            best = _best_guess(line)
            out.append(str(best) if best is not None else line.decode('cp1252', 'replace'))
    return DecodedText(_normalise_newlines('\n'.join(out)), 'utf-8+mixed', ('mixed_encoding',))


def decode_text(data: bytes) -> DecodedText:
    """Decode ``data`` to text or raise ``InputError`` (``empty``, ``binary``, ``bad_encoding``)."""
    if not data or not data.strip():
        raise InputError(Reason.EMPTY, 'the input is empty')
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(Reason.BAD_ENCODING, f'invalid {encoding} after its BOM: {exc}')
            if not text.strip():
                raise InputError(Reason.EMPTY, 'the input is empty')
            return DecodedText(_normalise_newlines(text), encoding)
    try:
        return DecodedText(_normalise_newlines(data.decode('utf-8')), 'utf-8')
    except UnicodeDecodeError:
        pass
    utf16 = sniff_utf16_32(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = None
        if text is not None and not _text_looks_binary(text):
            return DecodedText(_normalise_newlines(text), utf16)
    if _looks_binary(data):
        raise InputError(Reason.BINARY, 'the input holds binary data, not text')
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    best = _best_guess(data)
    if best is None or best.encoding is None:
        raise InputError(Reason.BAD_ENCODING, 'no text encoding fits these bytes')
    if best.chaos > 0.3:
        raise InputError(Reason.BAD_ENCODING,
                         f'bytes decode as {best.encoding} only with {best.chaos:.0%} noise')
    return DecodedText(_normalise_newlines(str(best)), best.encoding)
