"""Text cleaning: HTML or raw text in, clean plain text out.

What goes in: a raw field value (HTML, plain text, print-layout text, possibly mojibake).
What comes out: plain text with

* markup gone (sanitised with nh3 first, so scripts, styles, forms and navigation disappear with
  their content; then extracted with selectolax's lexbor backend), paragraph breaks kept as one
  blank line, ``<br>`` as a line break;
* entities decoded, including double-escaped ones (``&amp;amp;`` -> ``&``);
* mojibake repaired with ftfy (curly quotes, full-width forms and ligatures are left alone);
* Unicode NFC; zero-width, bidi-control, C0 and C1 control characters and Unicode
  noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF ...) removed (ZWJ/ZWNJ are kept between non-ASCII
  letters, where Persian, Indic scripts and emoji need them); a C1 control becomes a character
  only as part of mojibake (see :func:`fix_encoding`), never by a guess (``a\x85b`` -> ``ab``);
* hard-wrapped print layout re-joined into sentences (no space between CJK characters, none before
  a line that starts with ``,`` or other closing punctuation), paragraphs not glued together;
* TeX-style ````quotes''`` turned into “ ”, straight double quotes curled by context when a text
  mixes styles;
* whitespace collapsed.

Cost: most feed text takes two shortcuts with the same result as the full chain (a randomised
test compares them): simple markup (attribute-less, well-nested tags that the HTML parser would
keep as written, references every parser reads alike) is converted without nh3/lexbor, and
text with no control, format, odd-space or mojibake character skips those passes. Together they
cut ``clean_text`` on a feed body from ~46 to ~17 us.

Identifiers (a guid) are not text: :func:`clean_key` removes every invisible character from
them, joiners included, so that two spellings that look the same are one key.

Guarantee: every function here is pure and total on ``str`` (no exception on odd input).
"""
from __future__ import annotations

import functools
import html as _html
import re
import unicodedata

import ftfy
import nh3
from selectolax.lexbor import LexborHTMLParser

__all__ = [
    'fix_surrogates', 'looks_like_html', 'drop_boilerplate_lines', 'html_to_text', 'decode_entities', 'fix_encoding', 'strip_invisible',
    'normalize_quotes', 'join_print_layout', 'collapse_whitespace', 'clean_text', 'clean_line',
    'truncate', 'remove_hidden_characters', 'clean_key',
]

# Tags kept by the sanitiser: structure we turn into line breaks plus inline text containers.
_BLOCK_TAGS = frozenset({
    'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
    'blockquote', 'pre', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'caption', 'section',
    'article', 'main', 'figure', 'figcaption', 'hr', 'address', 'details', 'summary', 'center',
})
_INLINE_TAGS = frozenset({
    'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins',
    'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time',
    'tt', 'u', 'var', 'br', 'wbr', 'ruby', 'font',
})
# Removed together with everything inside them: code, styling, furniture, furigana readings.
_DROP_WITH_CONTENT = frozenset({
    'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math',
    'canvas', 'audio', 'video', 'form', 'button', 'select', 'textarea', 'nav', 'aside',
    'footer', 'header', 'rt', 'rp', 'head', 'title',
})
_NH3_TAGS = set(_BLOCK_TAGS | _INLINE_TAGS)
_NH3_DROP = set(_DROP_WITH_CONTENT)
_NH3_ATTRIBUTES: dict = {}
_NH3_SCHEMES: set = set()
_BLOCK_RE = re.compile(r'</?(?:%s)>' % '|'.join(sorted(_BLOCK_TAGS, key=len, reverse=True)))
_HTML_SPACE = re.compile(r' *[\t\r\n\f][ \t\r\n\f]*')
_HTML_HINT = re.compile(
    r'<(?:/?(?:p|br|div|span|a|b|i|em|strong|img|ul|ol|li|h[1-6]|script|style|table|tr|td|'
    r'blockquote|figure|section|article|font|iframe|noscript|svg)\b[^<>]*>|!--)', re.IGNORECASE)
_SURROGATE = re.compile('[\ud800-\udfff]')
_ENTITY = re.compile(r'&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});')

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,       # entities are decoded on purpose, once, by decode_entities()
    uncurl_quotes=False,       # curly quotes are the goal, not a defect
    fix_character_width=False,  # full-width CJK punctuation is correct text
    fix_latin_ligatures=False,
    fix_c1_controls=False,     # C1 left after _resolve_c1 is a stray: removed, not guessed
    normalization='NFC',
    explain=False,
)
# Cheap pre-check before ftfy (which costs ~100 us per paragraph of non-ASCII text): mojibake of
# UTF-8 read as Windows-1252/Latin-1 always shows a lead character (Â..ô) followed by what a
# continuation byte becomes in those code pages; C1 controls and lone surrogates are the other
# defects ftfy repairs. Text with none of these is left alone.
_MOJIBAKE_PAIR = re.compile(
    '[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6'
    '\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]')
_C1_OR_SURROGATE = re.compile('[\u0080-\u009f\ud800-\udfff]')
_MOJIBAKE_HINT = re.compile(f'{_MOJIBAKE_PAIR.pattern}|{_C1_OR_SURROGATE.pattern}')
_C1 = re.compile('[\u0080-\u009f]')

# C1 controls (U+0080-U+009F) are evidence in two kinds of mojibake only: bytes 0x80-0x9F of a
# UTF-8 sequence read as Latin-1 (the "\x81" in "ã\x81Œ"), and Windows-1252 punctuation read as
# Latin-1 ("\x93quoted\x94", "don\x92t"). Anywhere else one is a stray control and goes.
_CP1252_OF = {chr(b): bytes([b]).decode('cp1252') for b in range(0x80, 0xA0)
              if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}       # the five bytes cp1252 lacks
_UTF8_CONT = '[\u0080-\u00bf%s]' % ''.join(re.escape(c) for c in sorted(_CP1252_OF.values()))
# A whole UTF-8 sequence in its Latin-1/cp1252 reading, or else one C1 control on its own.
_UTF8_READ_AS_CP1252 = re.compile(
    f'[\u00c2-\u00df]{_UTF8_CONT}|[\u00e0-\u00ef]{_UTF8_CONT}{{2}}|[\u00f0-\u00f4]{_UTF8_CONT}{{3}}'
    '|[\u0080-\u009f]')
_OPENING_QUOTES = '\u2018\u201c\u201e\u201a\u2039'
_CLOSING_QUOTES = '\u201d\u203a'
_AFTER_CLOSING = '.,;:!?)]}\u2026\u2019\u201d\u00bb-\u2013\u2014'
_BEFORE_OPENING = '([{\u00ab\u2013\u2014-/' + _OPENING_QUOTES

# Invisible characters: zero-width (except ZWJ/ZWNJ, handled by context), bidi controls,
# C0 (except tab and newline) and C1 controls, soft hyphen, BOM.
_INVISIBLE = {cp: None for cp in (
    *range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0),
    0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E,
    0x200B, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2060, 0x2070), 0xFEFF,
    0xFFF9, 0xFFFA, 0xFFFB,
    # Noncharacters: never text, and U+FFFE is a byte-swapped BOM.
    *range(0xFDD0, 0xFDF0), *(plane | low for plane in range(0, 0x110000, 0x10000)
                              for low in (0xFFFE, 0xFFFF)),
)}
_INVISIBLE[0x0B] = '\n'   # vertical tab and form feed separate lines
_INVISIBLE[0x0C] = '\n'
_INVISIBLE[0x2028] = '\n'  # line separator
_INVISIBLE[0x2029] = '\n\n'  # paragraph separator
_INVISIBLE_RE = re.compile('[%s]' % ''.join(
    re.escape(chr(cp)) for cp in sorted(set(_INVISIBLE) | {0x200C, 0x200D})))
_ZW_JOINER = re.compile(r'[\u200c\u200d](?![^\x00-\x7f\s])|(?<![^\x00-\x7f\s])[\u200c\u200d]')


def _hidden_code_points() -> list[int]:
    # Controls (Cc) and format characters (Cf) as this Python's Unicode database has them; Cf
    # lives in planes 0, 1 and 14 only, so those are all that is scanned (~20 ms, once).
    found = [cp for plane in (range(0x20000), range(0xE0000, 0xE1000)) for cp in plane
             if unicodedata.category(chr(cp)) in ('Cc', 'Cf')]
    return sorted(set(found) | set(_INVISIBLE))


def _char_class(code_points: list[int]) -> str:
    runs: list[list[int]] = []
    for cp in code_points:
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return '[%s]' % ''.join(re.escape(chr(a)) if a == b else
                            f'{re.escape(chr(a))}-{re.escape(chr(b))}' for a, b in runs)


# What an identifier never holds: every control and format character (zero-width, joiners,
# bidi controls, soft hyphen, BOM, tag characters ...), the noncharacters and the invisible
# fillers of _INVISIBLE.
_HIDDEN_CODE_POINTS = _hidden_code_points()
_HIDDEN = dict.fromkeys(_HIDDEN_CODE_POINTS)
_HIDDEN_RE = re.compile(_char_class(_HIDDEN_CODE_POINTS))
# In a key, line breaks and tabs still separate words (other controls, NEL included, do not).
_KEY_TABLE = {**_HIDDEN, **dict.fromkeys((0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x2028, 0x2029), ' ')}

_ODD_SPACE = re.compile(r'[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]')
_SPACE_RUN = re.compile(r'  +')
_SPACE_CHARS = ' \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000'
_BLANK_LINES = re.compile(r'\n\s*\n+')

# Quotes.
_TEX_OPEN = re.compile(r'``|,,(?=\w)')
_TEX_CLOSE = re.compile(r"''")
_STRAIGHT_DQ = re.compile(r'"')

# Page furniture that some feeds leave inside the body, one line each.
_BOILERPLATE_PHRASES = (
    r'read more|read also|also read|related(?: articles?| stories| news)?|see also|more on this|'
    r'baca juga|baca selengkapnya|lihat juga|simak juga|simak video|tonton juga|'
    r'lesen sie auch|mehr zum thema|lire aussi|à lire aussi|voir aussi|lee también|leer más|'
    r'leia também|leggi anche|関連記事|関連ニュース|あわせて読みたい|관련기사|함께 보면 좋은 기사|'
    r'相关阅读|相關閱讀|延伸阅读|advertisement|advertisment|iklan|anzeige|publicité|publicidad|'
    r'scroll to continue with content|share this article|share on (?:facebook|twitter|x)|'
    r'follow us on|subscribe to our newsletter|sign up for our newsletter|click here to|'
    r'continue reading|read the full (?:story|article)'
)
_BOILERPLATE_LINE = re.compile(
    rf'^\s*(?:[\[(【]\s*(?:{_BOILERPLATE_PHRASES})\s*[\])】]|'
    rf'(?:{_BOILERPLATE_PHRASES})\s*(?:[:：\-–—>»|]|$)|'
    # WordPress feeds end every description with this line.
    rf'the post .{{1,300}} appeared first on .{{1,200}}$)',
    re.IGNORECASE)

_CUT_MARK = re.compile(r'\s*(?:\[\s*(?:…|\.\.\.|&hellip;)\s*\]|'
                       r'(?:continue reading|read more)\s*(?:→|»|\.\.\.|…))$', re.IGNORECASE)

# Print layout.
_TERMINAL = frozenset('.!?。！？…:;』」”’"\')）】》〉»')
_SENTENCE_END = re.compile(r'[.!?。！？…]["\'”’」』)）\]】》〉»]*$')
_NO_SPACE_BEFORE = frozenset(',.;:!?)]}%、。，．！？；：」』）】》〉…')
_LIST_START = re.compile(r'^(?:[-•*·–—]\s|\d{1,3}[.)]\s|[A-Za-z][.)]\s)')


def fix_surrogates(text: str) -> str:
    """Pair up UTF-16 surrogate halves (JSON's ``\\ud83d\\ude00``) and replace lone ones with
    U+FFFD, so the text can be encoded as UTF-8 at all."""
    # str.isascii() is O(1) and a UTF-8 encode (C speed) fails on surrogates only: both are
    # cheaper than a regex scan of the text.
    if text.isascii():
        return text
    try:
        text.encode('utf-8')
        return text
    except UnicodeEncodeError:
        pass
    return text.encode('utf-16', 'surrogatepass').decode('utf-16', 'replace')


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains markup worth parsing (tags or comments, not ``5 < 6``)."""
    return '<' in text and bool(_HTML_HINT.search(text))


@functools.lru_cache(maxsize=1)
def _sanitizer():
    """nh3's clean function with our allow-lists; a reusable ``nh3.Cleaner`` (nh3 >= 0.2.18)
    avoids converting the allow-lists on every call (6 us instead of 18 us per body)."""
    options = dict(tags=_NH3_TAGS, clean_content_tags=_NH3_DROP, attributes=_NH3_ATTRIBUTES,
                   url_schemes=_NH3_SCHEMES, strip_comments=True, link_rel=None)
    cleaner_class = getattr(nh3, 'Cleaner', None)
    if cleaner_class is not None:
        return cleaner_class(**options).clean
    return functools.partial(nh3.clean, **options)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment or document with paragraph breaks as blank lines."""
    cleaned = _sanitizer()(markup)
    # nh3 emits lowercase tags without attributes (none are allowed), so block boundaries can be
    # marked textually before lexbor decodes entities and drops the remaining inline tags.
    # Source line breaks are plain whitespace in HTML; only <br> and blocks break lines.
    if '\n' in cleaned or '\t' in cleaned or '\r' in cleaned or '\f' in cleaned:
        cleaned = _HTML_SPACE.sub(' ', cleaned)
    cleaned = cleaned.replace('<br>', '\n')
    cleaned = _BLOCK_RE.sub('\n\n', cleaned)
    tree = LexborHTMLParser(cleaned)
    root = tree.body
    text = root.text(deep=True, separator='') if root is not None else ''
    return text


def decode_entities(text: str, rounds: int = 3) -> str:
    """Decode HTML entities, repeating for double- and triple-escaped text (``&amp;amp;``)."""
    for _ in range(rounds):
        if '&' not in text or not _ENTITY.search(text):
            break
        text = _html.unescape(text)
    return text


def fix_encoding(text: str) -> str:
    """Repair mojibake (UTF-8 read as cp1252/latin-1 and the like) with ftfy; NFC.

    C1 controls are resolved first: kept where they belong to a UTF-8 sequence read as
    Latin-1 (ftfy decodes those), turned into cp1252 punctuation when every stray one in the
    text reads as such in its place (``\\x93quoted\\x94``, ``don\\x92t``), removed otherwise
    (``a\\x85b\\x9fc`` -> ``abc``, not ``a…bŸc``).
    """
    # Two searches (the pair pattern alone gets sre's fast first-character scan) instead of
    # one alternation that is tried at every position: same answer, a third of the cost.
    if text.isascii():
        return text
    if not _MOJIBAKE_PAIR.search(text):
        if not _C1_OR_SURROGATE.search(text):
            return text
    if _C1.search(text):
        text = _resolve_c1(text)
        if not (_MOJIBAKE_PAIR.search(text) or _SURROGATE.search(text)):
            return text
    return ftfy.fix_text(text, _FTFY_CONFIG)


def _resolve_c1(text: str) -> str:
    """``text`` with each C1 control outside a UTF-8 sequence (a stray) read as cp1252 when all
    strays are plausible punctuation there, removed when any is not; sequences untouched."""
    strays = []
    for match in _UTF8_READ_AS_CP1252.finditer(text):
        start, end = match.span()
        if end - start == 1:
            strays.append(start)
        elif not _is_utf8(match.group()):
            strays.extend(start + i for i, ch in enumerate(match.group()) if '\x80' <= ch <= '\x9f')
    if not strays:
        return text
    convert = all(_plausible_cp1252(text, i) for i in strays)
    parts = []
    last = 0
    for i in strays:
        parts.append(text[last:i])
        if convert:
            parts.append(_CP1252_OF[text[i]])
        last = i + 1
    parts.append(text[last:])
    return ''.join(parts)


@functools.lru_cache(maxsize=4096)
def _is_utf8(chars: str) -> bool:
    """True when ``chars`` (Latin-1/cp1252 readings of bytes) are the bytes of UTF-8 text."""
    # Cached: a text repeats the few sequences of its language (2-4 characters each).
    try:
        data = bytes(ord(c) if c < '\u0100' else c.encode('cp1252')[0] for c in chars)
        data.decode('utf-8')
    except (UnicodeError, ValueError):
        return False
    return True


def _plausible_cp1252(text: str, i: int) -> bool:
    """Whether the C1 control at ``text[i]``, read as cp1252, is typography in its place: an
    opening quote before a word, a closing one or apostrophe after one, a dash between spaces
    or digits, an ellipsis ending a word, a euro sign by a number, a letter in a word."""
    char = _CP1252_OF.get(text[i])
    if char is None:
        return False
    prev = text[i - 1] if i else ''
    nxt = text[i + 1] if i + 1 < len(text) else ''
    prev, nxt = _CP1252_OF.get(prev, prev), _CP1252_OF.get(nxt, nxt)
    prev_edge = not prev or prev.isspace()
    next_edge = not nxt or nxt.isspace()
    if char in _OPENING_QUOTES:
        return (prev_edge or prev in _BEFORE_OPENING) and not next_edge
    if char in _CLOSING_QUOTES:
        return not prev_edge and (next_edge or nxt in _AFTER_CLOSING)
    if char == '\u2019':                       # closing quote, apostrophe, the ’90s
        return not prev_edge or nxt.isdigit()
    if char in '\u2013\u2014':                 # – —
        return (prev_edge and next_edge) or (prev.isdigit() and nxt.isdigit()) or (
            char == '\u2014' and prev.isalpha() and nxt.isalpha())
    if char == '\u2026':                       # …
        return (not prev_edge and (next_edge or nxt in _AFTER_CLOSING)) or (
            prev in '([' and nxt in ')]')
    if char == '\u2022':                       # • starting an item
        return prev_edge and bool(nxt) and nxt.isspace()
    if char == '\u20ac':                       # €
        return any(c.isdigit() for c in text[max(i - 2, 0):i + 3])
    if char in '\u2122\u2030':                 # ™ ‰
        return prev.isalnum()
    if char in '\u0160\u017d\u0152\u0178':     # Š Ž Œ Ÿ
        return (prev.isalpha() or nxt.isalpha()) and not prev.islower()
    if char in '\u0161\u017e\u0153\u0192':     # š ž œ ƒ
        return prev.islower() or nxt.islower()
    return False                               # † ‡ ˆ ˜ in a text: no telling


def strip_invisible(text: str) -> str:
    """Remove zero-width, bidi-control, C0/C1 control characters; CR/LF become ``\\n``."""
    text = text.replace('\r\n', '\n').replace('\r', '\n')
    if not _INVISIBLE_RE.search(text):
        return text
    text = text.translate(_INVISIBLE)
    if '\u200c' in text or '\u200d' in text:
        text = _ZW_JOINER.sub('', text)
    return text


def remove_hidden_characters(text: str) -> str:
    """``text`` without any control, format (zero-width, joiner, bidi, soft hyphen, BOM, tag),
    noncharacter or invisible filler character. For identifiers such as URLs: unlike
    :func:`strip_invisible`, nothing is kept by context and no character becomes a break."""
    if text.isascii() and text.isprintable():
        return text
    if not _HIDDEN_RE.search(text):
        return text
    return text.translate(_HIDDEN)


def clean_key(value: str) -> str:
    """An identifier (a guid) as a key: lone surrogates replaced, hidden characters removed
    (:func:`remove_hidden_characters`), NFC, whitespace runs as one space, no outer spaces.
    Spellings that look the same (``g\\u200b2``, ``g2``) give the same key."""
    text = fix_surrogates(value)
    if not (text.isascii() and text.isprintable()):
        text = unicodedata.normalize('NFC', text.translate(_KEY_TABLE))
    return ' '.join(text.split())


def normalize_quotes(text: str, curl_straight: bool = False) -> str:
    """````quote''`` -> “quote”; straight ``"`` curled by context when styles are mixed.

    A straight double quote opens when it follows the start, whitespace or an opening bracket,
    and closes otherwise. Straight quotes are curled only when ``curl_straight`` is set or the
    text already uses curly or TeX quotes (a mixed text, as print layouts often are); a text that
    is consistently straight is left as written. Single apostrophes are never touched.
    """
    # One-character checks first: they run at memchr speed, the two-character ones do not.
    has_tex = ('`' in text and '``' in text) or ("'" in text and "''" in text)
    if has_tex:
        text = _TEX_OPEN.sub('\u201c', text)
        text = _TEX_CLOSE.sub('\u201d', text)
    if '"' in text and (curl_straight or has_tex or '\u201c' in text or '\u201d' in text):
        text = _curl_double(text)
    return text


def _curl_double(text: str) -> str:
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch != '"':
            out.append(ch)
            continue
        prev = text[i - 1] if i else ''
        nxt = text[i + 1] if i < last else ''
        opening = (not prev or prev.isspace() or prev in '([{<\u2014\u2013-/\u201c') and (
            nxt and not nxt.isspace())
        out.append('\u201c' if opening else '\u201d')
    return ''.join(out)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF
            or 0x20000 <= code <= 0x2FA1F) and not (0xAC00 <= code <= 0xD7AF)


def join_print_layout(text: str) -> str:
    """Re-join hard-wrapped lines into sentences; keep paragraph breaks.

    Blank lines always separate paragraphs. A single line break is a paragraph break only when
    the line ends a sentence *and* is clearly shorter than the block's wrap width (a short last
    line), or the next line starts a list item; otherwise the lines are joined: without a space
    when either side of the break is a Chinese/Japanese character (Korean keeps its word
    spaces) or the next line starts with closing punctuation (``,`` ``。`` ...), with one space
    otherwise. A word broken at a hyphen keeps its hyphen (``negara-\\nnegara``), since a
    printed hyphen is more often real than a soft one. An indented line (``\\u3000`` in
    Japanese print, a tab or two spaces) starts a paragraph.
    """
    paragraphs = []
    for block in _BLANK_LINES.split(text):
        raw_lines = [line for line in block.split('\n') if line.strip(_SPACE_CHARS)]
        if not raw_lines:
            continue
        # An indented line (ideographic space, tab, two spaces) opens a paragraph, unless every
        # line is indented and the indent says nothing.
        indents = [line[:1] in ('\u3000', '\t') or line.startswith('  ') for line in raw_lines]
        if all(indents):
            indents = [False] * len(raw_lines)
        lines = [line.strip(_SPACE_CHARS) for line in raw_lines]
        width = max(len(line) for line in lines)
        short = 0.75 * width
        parts: list[str] = [lines[0]]
        for prev, line, indented in zip(lines, lines[1:], indents[1:]):
            if indented or (_SENTENCE_END.search(prev)
                            and (len(prev) < short or _LIST_START.match(line))) \
                    or (_LIST_START.match(line) and (prev[-1] in _TERMINAL
                                                     or _LIST_START.match(prev))):
                parts.append('\n\n')
                parts.append(line)
                continue
            last, first = prev[-1], line[0]
            if first in _NO_SPACE_BEFORE or _is_cjk(last) or _is_cjk(first) or (
                    last == '-' and len(prev) > 1 and prev[-2].isalpha() and first.isalpha()):
                parts.append(line)
            else:
                parts.append(' ')
                parts.append(line)
        paragraphs.append(''.join(parts))
    return '\n\n'.join(paragraphs)


def drop_boilerplate_lines(text: str) -> str:
    """Remove whole lines that are page furniture rather than the story: "Read more: ...",
    "Baca juga: ...", "Advertisement", "Share this article", "Follow us on ..." and the like.
    Only short lines that *start* with such a phrase go; a sentence that merely mentions one
    stays."""
    # Matching at line starts only: a search over the whole text costs ~60 us per body.
    lines = text.split('\n')
    kept = [line for line in lines
            if not (len(line) <= 200 and _BOILERPLATE_LINE.match(line))]
    return text if len(kept) == len(lines) else '\n'.join(kept)


def collapse_whitespace(text: str, single_line: bool = False) -> str:
    """Runs of spaces to one space, lines stripped, at most one blank line between paragraphs."""
    return _collapse_whitespace(text, single_line)


def _collapse_whitespace(text: str, single_line: bool = False, odd_spaces: bool = True) -> str:
    """:func:`collapse_whitespace`; ``odd_spaces=False`` says the text holds no whitespace
    but ' ' and '\\n' (the caller checked: see :func:`_is_plain`), so fewer scans do."""
    # Two cheap passes (odd spaces to ' ', then runs of ' ') beat one regex that must try
    # every single space in the text.
    if odd_spaces and _ODD_SPACE.search(text):
        text = _ODD_SPACE.sub(' ', text)
    if single_line:
        return _SPACE_RUN.sub(' ', text.replace('\n', ' ')).strip()
    if '  ' in text:
        text = _SPACE_RUN.sub(' ', text)
    if not odd_spaces:
        # Plain text: ' ' and '\n' are its only whitespace and runs of spaces are single now,
        # so stripping lines is dropping the one space next to a line break, and blank lines
        # can only be runs of '\n' (fewer scans than the general case below).
        if ' \n' in text:
            text = text.replace(' \n', '\n')
        if '\n ' in text:
            text = text.replace('\n ', '\n')
        if '\n\n\n' in text:
            text = _BLANK_LINES.sub('\n\n', text)
        return text.strip()
    if ' \n' in text or '\n ' in text:
        text = '\n'.join(line.strip() for line in text.split('\n'))
    if '\n\n\n' in text or '\n\n ' in text or '\n\n\t' in text:
        text = _BLANK_LINES.sub('\n\n', text)
    return text.strip()


# --------------------------------------------------------------------------- fast paths
# Characters that fix_encoding's C1/surrogate check, strip_invisible or the odd-space pass of
# collapse_whitespace act on. Nearly all are non-printable for str.isprintable() (a C loop, ~10x
# cheaper than a regex scan); the few printable ones are looked for one by one.
_SPECIAL_CHARS = frozenset(
    [chr(cp) for cp in _INVISIBLE] + ['\u200c', '\u200d', '\r', '\t', '\u00a0', '\u1680',
                                       '\u202f', '\u205f', '\u3000']
    + [chr(cp) for cp in range(0x2000, 0x200B)] + [chr(cp) for cp in range(0x80, 0xA0)])
_PRINTABLE_SPECIAL = tuple(sorted(ch for ch in _SPECIAL_CHARS if ch.isprintable()))


def _is_plain(text: str) -> bool:
    """True when ``text`` holds none of :data:`_SPECIAL_CHARS` (newlines aside) and no lone
    surrogate: then strip_invisible and the odd-space pass are no-ops, and so is fix_encoding
    unless a mojibake pair is present."""
    flat = text.replace('\n', ' ') if '\n' in text else text
    if not flat.isprintable():
        return False
    return text.isascii() or not any(ch in text for ch in _PRINTABLE_SPECIAL)


def _fix_characters(text: str) -> tuple[str, bool]:
    """``strip_invisible(fix_encoding(text))`` and whether odd spaces may be left in it (False
    means collapse_whitespace may skip looking for them)."""
    if _is_plain(text):
        if text.isascii() or not _MOJIBAKE_PAIR.search(text):
            return text, False
        return strip_invisible(ftfy.fix_text(text, _FTFY_CONFIG)), True
    return strip_invisible(fix_encoding(text)), True


# Simple markup that nh3 + lexbor would turn into text without surprises: tags without
# attributes, properly nested, and a content model under which the HTML parser adds, drops or
# moves no element (no block inside a paragraph, heading or inline element; list items only
# directly inside lists). Such markup is converted directly, 10x cheaper than parsing it.
_FAST_CONTAINERS = frozenset({'div', 'blockquote', 'section', 'article', 'figure',
                              'figcaption', 'ul', 'ol', 'li'})
_FAST_TEXT_BLOCKS = frozenset({'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'})
_FAST_INLINE = frozenset({'b', 'i', 'em', 'strong', 'span', 'u', 'small', 'sub', 'sup', 'mark',
                          'cite', 'abbr', 'code', 'q', 's', 'dfn', 'kbd', 'samp', 'var', 'time'})
_FAST_TAGS: dict[str, tuple[str, str]] = {}
for _name in _FAST_CONTAINERS | _FAST_TEXT_BLOCKS | _FAST_INLINE:
    _FAST_TAGS[f'<{_name}>'] = ('open', _name)
    _FAST_TAGS[f'</{_name}>'] = ('close', _name)
for _spelling in ('<br>', '<br/>', '<br />'):
    _FAST_TAGS[_spelling] = ('void', 'br')
for _spelling in ('<hr>', '<hr/>', '<hr />'):
    _FAST_TAGS[_spelling] = ('void', 'hr')
for _spelling in ('<wbr>', '<wbr/>', '<wbr />'):
    _FAST_TAGS[_spelling] = ('void', 'wbr')
del _name, _spelling
_FAST_TAG_SPLIT = re.compile(r'(<[^<>]*>)')
# Character references decoded the same way by every HTML parser; anything else that could
# start one ("&copy" without ";", "&#0;", "&#x80;", "&#10;") sends the text down the full path.
_FAST_NAMED = {'amp': '&', 'lt': '<', 'gt': '>', 'quot': '"', 'apos': "'", 'nbsp': '\u00a0'}
_FAST_REF = re.compile(r'&(?:(amp|lt|gt|quot|apos|nbsp)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));')
# A lone '&' must not be followed by '<' either: dropping an inline tag after it could make a
# reference out of what follows ("&<b>amp;" reads "&amp;" once the tag is gone).
_FAST_AMP_OK = re.compile(r'&(?:amp|lt|gt|quot|apos|nbsp|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});'
                          r'|&(?![A-Za-z0-9#<])')
_INLINE_MARK = '\x00'   # stands for a dropped inline tag; NUL never reaches the fast path


def _fast_ref(match: re.Match) -> str:
    name, dec, hexa = match.groups()
    if name:
        return _FAST_NAMED[name]
    return chr(int(dec) if dec else int(hexa, 16))


def _ref_is_plain(match: re.Match) -> bool:
    _, dec, hexa = match.groups()
    if dec is None and hexa is None:
        return True
    code = int(dec) if dec else int(hexa, 16)
    # Printable, not C1 (remapped to cp1252 by HTML parsers), not a surrogate, no noncharacter.
    return (0x21 <= code < 0x7F or 0xA0 <= code < 0xD800 or 0xE000 <= code < 0xFDD0
            or 0xFDF0 <= code <= 0x10FFFF) and (code & 0xFFFE) != 0xFFFE


def _block_break(parts: list[str], i: int) -> str:
    """A paragraph break for the block tag ``parts[i]``, or nothing when nothing but another
    break comes before it ("</p><p>"): fewer blank lines, the same text once collapsed."""
    if parts[i - 1]:
        return '\n\n'
    return '' if i == 1 or parts[i - 2] in ('\n\n', '') else '\n\n'


def _simple_html_to_text(markup: str) -> str | None:
    """What :func:`html_to_text` gives for simple markup (up to the number of blank lines
    between paragraphs), or None when the markup is not simple enough to be sure."""
    if '\x00' in markup:
        return None
    if '&' in markup:
        if len(_FAST_AMP_OK.findall(markup)) != markup.count('&'):
            return None
        if not all(_ref_is_plain(m) for m in _FAST_REF.finditer(markup)):
            return None
    # As html_to_text: source line breaks are spaces (no allowed tag holds one of these).
    if '\n' in markup or '\t' in markup or '\r' in markup or '\f' in markup:
        markup = _HTML_SPACE.sub(' ', markup)
    if '<' in markup:
        parts = _FAST_TAG_SPLIT.split(markup)
        if markup.count('<') != len(parts) // 2:
            return None            # a '<' outside a tag: the parser decides what it is
        stack: list[str] = []
        for i in range(1, len(parts), 2):
            kind = _FAST_TAGS.get(parts[i])
            if kind is None:
                return None
            action, name = kind
            if action == 'close':
                if not stack or stack.pop() != name:
                    return None
                parts[i] = _INLINE_MARK if name in _FAST_INLINE else _block_break(parts, i)
                continue
            if name in _FAST_INLINE or name == 'wbr':
                parts[i] = _INLINE_MARK
            elif name == 'br':
                parts[i] = '\n'
            elif (bool(stack) and stack[-1] in ('ul', 'ol')) if name == 'li' else (
                    not stack or stack[-1] in _FAST_CONTAINERS):
                parts[i] = _block_break(parts, i)
            else:
                return None        # a block inside a paragraph, heading or inline element
            if action == 'open':
                stack.append(name)
        markup = ''.join(parts)
    # The parser drops the whitespace before the first text or tag of the document; inline
    # tags leave no trace in the text.
    text = markup.lstrip(' \n')
    if _INLINE_MARK in text:
        text = text.replace(_INLINE_MARK, '')
    if '&' in text:
        text = _FAST_REF.sub(_fast_ref, text)
    return text


def _markup_to_text(markup: str) -> str:
    text = _simple_html_to_text(markup)
    return html_to_text(markup) if text is None else text


def _clean_characters(value: str, html: bool, curl_straight_quotes: bool) -> tuple[str, bool]:
    """The steps every field shares: line ends, markup, entities, characters, NFC, quotes."""
    # Mojibake is repaired before invisible characters go: its C1 bytes are evidence ftfy needs.
    text = fix_surrogates(value)
    if '\r' in text:
        text = text.replace('\r\n', '\n').replace('\r', '\n')
    if html or looks_like_html(text):
        text = _markup_to_text(text)
    text = decode_entities(text)
    text, odd_spaces = _fix_characters(text)   # fix_encoding, then strip_invisible
    text = unicodedata.normalize('NFC', text)
    return normalize_quotes(text, curl_straight_quotes), odd_spaces


def clean_text(value: str, *, html: bool = False, print_layout: bool = False,
               curl_straight_quotes: bool = False) -> str:
    """A multi-paragraph field (summary, body) from raw to clean plain text."""
    text, odd_spaces = _clean_characters(value, html, curl_straight_quotes)
    text = drop_boilerplate_lines(text)
    if print_layout:
        text = join_print_layout(text)
    text = _collapse_whitespace(text, odd_spaces=odd_spaces)
    # A feed's "[…]" / "[...]" / "Continue reading →" tail says the text was cut: keep "…".
    if text.endswith((']', '→', '»', '...', '…')):
        match = _CUT_MARK.search(text)
        if match:
            head = text[:match.start()]
            text = head if head.endswith(('.', '!', '?', '…', '。')) else head + '…'
    return text


def clean_line(value: str, *, html: bool = False, curl_straight_quotes: bool = False) -> str:
    """A one-line field (title, author, name) from raw to clean plain text."""
    text, odd_spaces = _clean_characters(value, html, curl_straight_quotes)
    return _collapse_whitespace(text, single_line=True, odd_spaces=odd_spaces)


def truncate(text: str, limit: int) -> tuple[str, bool]:
    """``text`` cut to at most ``limit`` characters, at a word boundary when one is near."""
    if limit <= 0 or len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = max(cut.rfind(' '), cut.rfind('\n'))
    if space >= limit * 0.8:
        cut = cut[:space]
    # Never leave half of a surrogate-free combining sequence dangling.
    while cut and unicodedata.combining(cut[-1]):
        cut = cut[:-1]
    return cut.rstrip(), True
