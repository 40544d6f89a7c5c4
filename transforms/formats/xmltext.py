"""XML bytes to text, finding the encoding the way the XML specification says.

Goes in: the bytes of an XML document and, if it came over HTTP, the header's charset. Comes
out: :class:`XmlText` (the text and the encoding used), or ``InputError`` (``bad_encoding``,
``binary``, ``empty``) when no encoding fits.

The encoding is found in this order (XML 1.0, appendix F): a byte-order mark (UTF-8, UTF-16
LE/BE, UTF-32 LE/BE); else the first bytes of ``<?xml`` in UTF-32, UTF-16 or EBCDIC; else the
``encoding=`` of the declaration; else UTF-16/UTF-32 recognised by their NUL bytes; else
UTF-8 if the bytes are UTF-8; else the HTTP charset; else statistical detection
(:func:`~transforms.formats.decode.decode_text`). A declared encoding that contradicts the
bytes (``encoding="utf-16"`` on ASCII bytes) is ignored, and one the bytes do not decode in
falls through to the next candidate.

Why: checks on markup (entity declarations, long author elements) must see the characters a
parser will see, whatever the encoding. :func:`utf8_document` gives the checked text back as
UTF-8 bytes whose declaration says UTF-8, so the parser cannot read them any other way.
"""
from __future__ import annotations

import codecs
import dataclasses
import re

from ..model import Reason
from .decode import decode_text, sniff_utf16_32
from .errors import InputError

__all__ = ['XmlText', 'decode_xml', 'utf8_document']

_BOMS = (
    (codecs.BOM_UTF32_BE, 'utf-32-be'), (codecs.BOM_UTF32_LE, 'utf-32-le'),
    (codecs.BOM_UTF8, 'utf-8'), (codecs.BOM_UTF16_BE, 'utf-16-be'),
    (codecs.BOM_UTF16_LE, 'utf-16-le'),
)
# '<?xm' (or '<' then any ASCII character) without a BOM, XML 1.0 appendix F
_EBCDIC_MARK = b'\x4c\x6f\xa7\x94'
_UCS4_ODD_ORDERS = (b'\x00\x00\x3c\x00', b'\x00\x3c\x00\x00')   # 2143 / 3412: no codec
_DECLARED = re.compile(r'^\s*<\?xml\b[^>]{0,200}?\bencoding\s*=\s*'
                       r'["\']([A-Za-z][A-Za-z0-9._:-]{0,40})["\']')
_DECLARATION = re.compile(r'^\s*<\?xml\b[^>]{0,400}\?>')
UTF8_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'


@dataclasses.dataclass(frozen=True)
class XmlText:
    text: str
    encoding: str


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def _in_family(codec: str, mark: bytes, expected: str) -> bool:
    """Does ``codec`` read the first bytes of the document the way the bytes show?"""
    try:
        return mark.decode(codec) == expected
    except (UnicodeDecodeError, LookupError):
        return False


def _by_bytes(body: bytes) -> tuple[str | None, int]:
    """The encoding the first bytes fix, and how many bytes of BOM to skip."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return codec, len(bom)
    head = body[:4]
    if head.startswith(b'\x00\x00\x00') and len(head) == 4:
        return 'utf-32-be', 0
    if head[1:4] == b'\x00\x00\x00' and head[:1] != b'\x00':
        return 'utf-32-le', 0
    if head in _UCS4_ODD_ORDERS:
        raise InputError(Reason.BAD_ENCODING, 'UCS-4 in an unusual byte order; not supported')
    if len(head) == 4 and head[0] == 0 and head[2] == 0 and head[1] and head[3]:
        return 'utf-16-be', 0
    if len(head) == 4 and head[1] == 0 and head[3] == 0 and head[0] and head[2]:
        return 'utf-16-le', 0
    if head == _EBCDIC_MARK:
        declared = _DECLARED.match(body[:256].decode('cp037'))
        codec = _codec(declared.group(1)) if declared else None
        if codec and _in_family(codec, _EBCDIC_MARK, '<?xm'):
            return codec, 0
        return 'cp037', 0
    return None, 0


def _charset_of(content_type: str | None) -> str | None:
    for part in (content_type or '').split(';')[1:]:
        key, _, value = part.partition('=')
        if key.strip().lower() == 'charset':
            return value.strip().strip('"\'') or None
    return None


def decode_xml(body: bytes, content_type: str | None = None) -> XmlText:
    """The text of XML document ``body``; see the module docstring for the order of evidence.
    ``content_type`` is the HTTP ``Content-Type`` (its charset is the weakest evidence)."""
    fixed, skip = _by_bytes(body)
    candidates: list[str] = []
    if fixed:
        candidates.append(fixed)
    else:
        declared = _DECLARED.match(body[:512].decode('latin-1'))
        codec = _codec(declared.group(1)) if declared else None
        if codec and _in_family(codec, b'<?xml', '<?xml'):
            candidates.append(codec)
        sniffed = sniff_utf16_32(body)
        if sniffed:
            candidates.append(sniffed)
    candidates.append('utf-8')
    header = _codec(_charset_of(content_type))
    if header and not fixed and _in_family(header, b'<?xml', '<?xml'):
        candidates.append(header)
    data = body[skip:]
    for codec in dict.fromkeys(candidates):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        return XmlText(text.removeprefix('\ufeff'), codec)
    decoded = decode_text(body)   # statistical detection; raises empty/binary/bad_encoding
    return XmlText(decoded.text.removeprefix('\ufeff'), decoded.encoding)


def utf8_document(text: str) -> bytes:
    """``text`` as UTF-8 bytes that declare UTF-8 (any declaration it had is replaced)."""
    match = _DECLARATION.match(text)
    rest = text[match.end():] if match else text
    return (UTF8_DECLARATION + rest).encode('utf-8', 'replace')
