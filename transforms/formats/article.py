"""Article text files -> one raw record.

In: the already-decoded text of one article file laid out like the seed article in
``shared/seeds/``::

    <W解説>北朝鮮の金総書記と...            optional headline in the original language (+ markers)
    Pertemuan Kim Jong Il dari ...          headline
    Sekretaris Jenderal Korea Utara ...     body, hard-wrapped at arbitrary points
    ...
    2024/12/06 15:34 KST                    dateline (at the top or the bottom)
    Copyrights(C)wowkorea.jp 5              copyright line naming the source

Out: one raw record (:func:`transforms.model.new_raw_record`, ``fmt='article_text'``) whose values
are still raw: the dateline string as given in ``published``, the body with its print-layout line
breaks (``hints.print_layout`` is true so normalisation re-joins them), category markers such as
``<W解説>`` moved out of the headline into ``categories``.

Guarantees: the parser never guesses a date or a language; it only recognises layout. A text with
no usable layout (nothing left after stripping, or no headline) raises
:class:`~transforms.formats.errors.InputError` with ``Reason.BAD_ARTICLE``.
"""
from __future__ import annotations

import re
import unicodedata

import ftfy

from transforms.formats.errors import InputError
from transforms.formats.limits import DEFAULT_LIMITS, FormatLimits, cap_record_text
from transforms.model import Reason, new_raw_record

__all__ = ['parse_article_text', 'PARSER_NAME', 'FORMAT_NAME']

PARSER_NAME = 'newsbeam.article_text'
FORMAT_NAME = 'article_text'

# How many lines at each end of the file may hold header/footer lines (dateline, copyright,
# byline). Anything further inside is body text even if it looks like a date.
_EDGE_LINES = 4
# A headline longer than this is a paragraph, not a headline.
_MAX_HEADLINE_CHARS = 300
# A dateline line is short ("Published on: Friday, 6 December 2024 at 15:34 (UTC+9)").
_MAX_DATELINE_CHARS = 200
# Category markers taken from the front of a headline; more are left in the headline.
_MAX_MARKERS = 10

_MONTHS = (
    r'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|'
    r'sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|'
    # Indonesian / Malay, Dutch, German, French, Spanish, Portuguese, Italian forms that differ
    r'januari|februari|maret|mei|juni|juli|agustus|okt(?:ober)?|desember|des|'
    r'januar|februar|märz|mär|dezember|dez|'
    r'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|'
    r'novembre|décembre|decembre|'
    r'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|'
    r'noviembre|diciembre|'
    r'janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|'
    r'gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre'
)
_ZONE = r'(?:[A-Z]{2,5}(?:[+-]\d{1,2})?|[+-]\d{2}:?\d{2}|Z|\(?UTC[+-]\d{1,2}(?::?\d{2})?\)?)'
_TIME = r'\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?'
_DATE_FORMS = (
    # 2024/12/06 15:34 KST, 2024-12-06T15:34:00+09:00, 2024.12.06 15:34
    rf'\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}\.?(?:(?:\s+|T)\(?[A-Za-z]{{0,3}}\)?\s*{_TIME})?'
    rf'(?:\s*{_ZONE})?',
    # 06/12/2024 15:34 WIB
    rf'\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}(?:,?\s+{_TIME})?(?:\s*{_ZONE})?',
    # Fri, 06 Dec 2024 15:34:00 +0900 ; 6 Desember 2024 15:34 WIB ; 6. Dezember 2024
    rf'(?:[A-Za-zÀ-ÿ]{{2,9}},?\s+)?\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTHS})\.?(?:\s+de)?\s+\d{{4}}'
    rf'(?:,?\s*(?:-|pukul|um|à|a las|às)?\s*{_TIME})?(?:\s*{_ZONE})?',
    # December 6, 2024 3:34 PM KST ; Dec. 6, 2024
    rf'(?:[A-Za-z]{{3,9}},?\s+)?(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}'
    rf'(?:,?\s*(?:at\s+)?{_TIME})?(?:\s*{_ZONE})?',
    # 2024年12月6日 15時34分 / 2024年12月06日 15:34 ; 2024년 12월 6일 오후 3시 34분
    r'\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*[(（][^)）]{1,3}[)）])?'
    r'(?:\s*\d{1,2}\s*(?:時|:)\s*\d{1,2}\s*分?)?(?:\s*[A-Z]{2,5})?',
    r'\d{4}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일(?:\s*[(（][^)）]{1,3}[)）])?'
    r'(?:\s*(?:오전|오후)?\s*\d{1,2}\s*(?:시|:)\s*\d{1,2}\s*분?)?(?:\s*[A-Z]{2,5})?',
)
_DATE_RE = '(?:' + '|'.join(_DATE_FORMS) + ')'
_PUBLISHED_LABEL = (
    r'published|posted|date|dateline|released?|diterbitkan|dipublikasikan|publié le|publicado|'
    r'veröffentlicht|pubblicato|発行|配信|公開|掲載|입력|등록|发布时间|發布時間|发布|發布|日期'
)
_UPDATED_LABEL = r'updated|last updated|diperbarui|mis à jour|actualizado|aktualisiert|更新|수정|最終更新'
_DATELINE = re.compile(
    rf'^[\s(\[【]*(?:(?P<label>{_PUBLISHED_LABEL}|{_UPDATED_LABEL})\s*(?:on|at)?\s*[:：]?\s*)?'
    rf'(?P<date>{_DATE_RE})[\s)\]】.]*$',
    re.IGNORECASE)
_UPDATED = re.compile(rf'^(?:{_UPDATED_LABEL})$', re.IGNORECASE)

# "Copyrights(C)wowkorea.jp 5", "© 2024 Reuters", "(c) Kompas.com", "Copyright 2024 The Times",
# "版权所有 新华网", "저작권자 © 연합뉴스 무단전재 및 재배포 금지", "著作権 ...", "All rights reserved".
_COPYRIGHT = re.compile(
    r'(?:copyrights?|\(c\)|(?<![\u00c0-\u00ff])[©ⓒ]|版权所有|版權所有|版权|版權|著作権|저작권자?|all rights reserved|'
    r'hak cipta)',
    re.IGNORECASE)
_COPYRIGHT_NOISE = re.compile(
    r'copyrights?|\(c\)|©|ⓒ|版权所有|版權所有|版权|版權|著作権|저작권자?|all rights reserved\.?|'
    r'hak cipta(?: dilindungi undang-undang)?|무단\s*전재.*$|재배포\s*금지.*$|無断転載.*$|'
    r'禁止转载.*$|未经授权.*$|\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)\d{2})?|'
    r'\b\d{1,3}\b\s*$|by\b|[:：|,;.\-–—]+\s*$',
    re.IGNORECASE)
_DOMAIN = re.compile(r'\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})\b', re.IGNORECASE)

_BYLINE = re.compile(
    r'^(?:by|oleh|por|par|von|di|door|av|af|от|著|文|撰文|记者|記者|기자|reporter|written by|'
    r'laporan|penulis|reporting by|text)\s*[:：/]?\s+(?P<names>.{2,120})$',
    re.IGNORECASE)
# Korean and Japanese/Chinese bylines put the role after the name: "홍길동 기자", "（山田太郎記者）".
_BYLINE_SUFFIX = re.compile(
    r'^[(（\[【]?(?P<names>[^\s()（）]{2,12}(?:\s*[·,、]\s*[^\s()（）]{2,12})*)\s*'
    r'(?:기자|특파원|記者|特派員|编辑|編輯)(?:\s*=\s*\S+)?[)）\]】]?$')

# Category markers that open a headline: <W解説>, 【速報】, [Breaking], ［社説］, 〈特集〉, 《...》.
_MARKER = re.compile(r'^\s*(?:<([^<>]{1,30})>|【([^【】]{1,30})】|\[([^\[\]]{1,30})\]|'
                     r'［([^［］]{1,30})］|〈([^〈〉]{1,30})〉|《([^《》]{1,30})》|＜([^＜＞]{1,30})＞)\s*')


def parse_article_text(text: str, location: str, limits: FormatLimits = DEFAULT_LIMITS) -> dict:
    """Recognise the layout of one decoded article text file and return its raw record.

    Raises :class:`InputError` (``Reason.BAD_ARTICLE``) when nothing usable is left. Time is
    linear in the length of ``text``: patterns run on the few edge lines, each bounded in
    length; text values longer than ``limits.max_field_chars`` are cut (``quality.truncated``).
    """
    if not isinstance(text, str):
        raise InputError(Reason.BAD_ARTICLE, f'expected decoded text, got {type(text).__name__}')
    lines = [line.rstrip() for line in
             text.replace('\r\n', '\n').replace('\r', '\n').lstrip('\ufeff').split('\n')]
    _strip_blank_edges(lines)
    if not lines:
        raise InputError(Reason.BAD_ARTICLE, 'no text left after stripping whitespace')

    published = updated = None
    zone = None
    copyright_lines: list[str] = []
    authors: list[str] = []

    def take_edge(index: int, footer: bool) -> bool:
        """Consume lines[index] if it is a header/footer line; report whether it was."""
        nonlocal published, updated, zone
        line = lines[index].strip()
        match = _dateline(line)
        if match:
            date = match.group('date').strip()
            label = match.group('label')
            if label and _UPDATED.match(label.strip()):
                if updated is None:
                    updated = date
            elif published is None:
                published = date
            elif updated is None:
                updated = date
            if zone is None:
                zone = _zone_of(date)
            return True
        if footer and _looks_like_copyright(line):
            copyright_lines.append(line)
            return True
        names = _byline_names(line)
        if names:
            authors.extend(names)
            return True
        return False

    # Footer: consume from the bottom while the lines are dateline/copyright/byline/blank.
    consumed = 0
    while lines and consumed < _EDGE_LINES:
        if not lines[-1].strip():
            lines.pop()
            continue
        if not take_edge(len(lines) - 1, True):
            break
        lines.pop()
        consumed += 1
    # Header: a dateline, byline or copyright line may open the file, before or after headlines.
    _consume_header(lines, take_edge)
    _strip_blank_edges(lines)
    if not lines:
        raise InputError(Reason.BAD_ARTICLE, 'only a dateline/copyright/byline, no headline')

    categories: list[str] = []
    first = _take_markers(lines[0], categories)
    title_original = None
    rest_start = 1
    second_index = _next_content(lines, 1)
    if (second_index is not None and _is_headline(first) and _is_headline(lines[second_index])
            and not _byline_names(lines[second_index].strip())
            and not _dateline(lines[second_index].strip())
            and _next_content(lines, second_index + 1) is not None
            and not _starts_body(lines, second_index)
            and _different_language(first, lines[second_index])):
        title_original = first
        title = _take_markers(lines[second_index], categories)
        rest_start = second_index + 1
    else:
        title = first
    if not title:
        raise InputError(Reason.BAD_ARTICLE, 'the headline line is empty after removing markers')
    if len(title) > _MAX_HEADLINE_CHARS and not title_original:
        raise InputError(Reason.BAD_ARTICLE,
                         f'first line is {len(title)} characters: no headline in this layout')

    # Bylines directly under the headline(s) belong to the header, not the body.
    body_lines = lines[rest_start:]
    _strip_blank_edges(body_lines)
    while body_lines and len(authors) < 10:
        names = _byline_names(body_lines[0].strip())
        if not names:
            match = _dateline(body_lines[0].strip())
            if not match or published is not None:
                break
            published = match.group('date').strip()
            zone = zone or _zone_of(published)
        else:
            authors.extend(names)
        body_lines.pop(0)
        _strip_blank_edges(body_lines)
    body = '\n'.join(body_lines) if body_lines else None

    source = _source_from_copyright(copyright_lines)
    record = new_raw_record(
        kind='file', location=location, fmt=FORMAT_NAME, parser=PARSER_NAME, entry=0,
        title=title, title_original=title_original, body=body,
        published=published, updated=updated,
        source=source, categories=categories, authors=_dedupe(authors),
        hints={'print_layout': True, 'timezone': zone},
    )
    return cap_record_text(record, limits.max_field_chars)


def _dateline(line: str):
    """The dateline match of ``line``; longer lines are never datelines (and the pattern, with
    its optional parts, is kept off long text)."""
    return _DATELINE.match(line) if len(line) <= _MAX_DATELINE_CHARS else None


def _strip_blank_edges(lines: list[str]) -> None:
    # one slice, not pop(0) per line: a file of a million blank lines stays linear
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    if start or end < len(lines):
        lines[:] = lines[start:end]


def _consume_header(lines: list[str], take_edge) -> None:
    consumed = 0
    while lines and consumed < _EDGE_LINES:
        _strip_blank_edges(lines)
        if not lines or not take_edge(0, False):
            break
        lines.pop(0)
        consumed += 1


def _next_content(lines: list[str], start: int) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None


def _take_markers(line: str, categories: list[str]) -> str:
    """Move leading category markers (``<W解説>``, ``【速報】``) from ``line`` into ``categories``."""
    line = line.strip()
    for _ in range(_MAX_MARKERS):      # bounded: each step copies the rest of the line
        match = _MARKER.match(line)
        if not match:
            return line
        marker = next(g for g in match.groups() if g is not None).strip()
        if marker and marker not in categories:
            categories.append(marker)
        line = line[match.end():].strip()
    return line


def _starts_body(lines: list[str], index: int) -> bool:
    """True when ``lines[index]`` reads as the first line of a hard-wrapped body rather than
    a headline: it breaks off mid-sentence (the next line goes on in lower case or with a
    comma), or it is a full-width line ending in a full stop like the lines after it."""
    line = lines[index].strip()
    after = _next_content(lines, index + 1)
    if after is None:
        return False
    following = lines[after].strip()
    if line[-1:].isalnum() and (following[:1].islower() or following[:1] in ',;'):
        return True
    widths = [len(l.strip()) for l in lines[index + 1:] if l.strip()]
    return line.endswith(('.', '。')) and bool(widths) and len(line) >= 0.8 * max(widths)


def _is_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= _MAX_HEADLINE_CHARS


def _looks_like_copyright(line: str) -> bool:
    """A copyright notice opens with its marker, says "all rights reserved", or is a short line
    carrying a marker ("Kompas.com © 2024"); a sentence about copyright is body text."""
    if len(line) > 200:
        return False
    match = _COPYRIGHT.search(line)
    if not match:
        return False
    return (not re.sub(r'[\W_]', '', line[:match.start()]) or len(line) <= 60
            or 'all rights reserved' in line.lower())


def _byline_names(line: str) -> list[str]:
    """The names of a byline line, or [] when the line is not a byline.

    Every part must look like a name, so that a body line such as "By the end of the year,
    prices rose" or a headline "By the numbers: ..." is never taken for a byline.
    """
    if not line or len(line) > 140:
        return []
    match = _BYLINE.match(line) or _BYLINE_SUFFIX.match(line)
    if not match:
        return []
    names = match.group('names').strip().strip('()（）[]【】')
    parts = re.split(r'\s*(?:,|;|&|、|·|/|\band\b|\bdan\b|\by\b|\bund\b|\bet\b|\be\b)\s*', names)
    parts = [_ROLE_PREFIX.sub('', p.strip()).strip(' .') for p in parts]
    parts = [p for p in parts if p]
    if not parts or not all(_plausible_name(p) for p in parts):
        return []
    return parts


_ROLE_PREFIX = re.compile(r'^(?:(?:additional\s+)?reporting|editing|writing|text|photos?)\s+by\s+',
                          re.IGNORECASE)
_NAME_PARTICLES = frozenset({'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos',
                             'du', 'la', 'le', 'bin', 'binti', 'al', 'el', 'ibn', 'ter'})


def _plausible_name(name: str) -> bool:
    if any(ch.isdigit() for ch in name) or len(name) > 60:
        return False
    words = name.split()
    if not 1 <= len(words) <= 5:
        return False
    cased = [w for w in words if w[0].isalpha() and w[0].lower() != w[0].upper()]
    if not cased:                      # CJK or Hangul names carry no case
        return len(name.replace(' ', '')) <= 12
    lower = [w for w in cased if w[0].islower() and w.lower() not in _NAME_PARTICLES]
    return not lower


def _zone_of(date: str) -> str | None:
    match = re.search(r'(?:(?<=\d)|\s)([A-Z]{2,5})\s*\)?$', date)
    if match and match.group(1) not in ('AM', 'PM'):
        return match.group(1)
    return None


def _source_from_copyright(lines: list[str]) -> dict:
    for line in lines:
        domain_match = _DOMAIN.search(line.replace('(C)', ' ').replace('(c)', ' '))
        domain = domain_match.group(1).lower() if domain_match else None
        name = line
        for _ in range(4):
            name = _COPYRIGHT_NOISE.sub(' ', name).strip(' \t()（）[]【】<>〈〉《》:：,.-–—|')
        name = re.sub(r'\s+', ' ', name).strip() or None
        if domain and name and domain in name.lower():
            name = domain
        if name or domain:
            return {'name': name or domain, 'domain': domain}
    return {}


def _dedupe(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


# --- is the first line a headline in another language? ---------------------------------------

def _script_profile(text: str) -> dict[str, int]:
    """Letter counts per script family; kana makes Han count as Japanese."""
    counts: dict[str, int] = {}
    for ch in text:
        code = ord(ch)
        if code < 0x80:
            if ch.isalpha():
                counts['Latn'] = counts.get('Latn', 0) + 1
            continue
        if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9D:
            script = 'Kana'
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
            script = 'Hani'
        elif 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            script = 'Hang'
        elif not ch.isalpha():
            continue
        else:
            name = unicodedata.name(ch, '')
            script = name.split(' ', 1)[0] if name else 'Zyyy'
            if script == 'LATIN':
                script = 'Latn'
        counts[script] = counts.get(script, 0) + 1
    if counts.get('Kana'):
        counts['Jpan'] = counts.pop('Kana') + counts.pop('Hani', 0)
    return counts


def _dominant(counts: dict[str, int]) -> str | None:
    if not counts:
        return None
    script, count = max(counts.items(), key=lambda kv: kv[1])
    return script if count >= 0.5 * sum(counts.values()) else None


def _different_language(first: str, second: str) -> bool:
    """True when ``first`` is written in another script than ``second``.

    Script is decided on letters only, so a Japanese headline quoting a Latin name is still
    Japanese. Two lines in the same script are treated as one headline plus body: guessing a
    language change between two Latin lines from a handful of words is too often wrong, and a
    wrong guess would lose the headline into ``title_original``.
    """
    # Judge the script on repaired text: a double-encoded Japanese headline reads as Latin-1.
    a = _dominant(_script_profile(ftfy.fix_encoding(first)))
    b = _dominant(_script_profile(ftfy.fix_encoding(second)))
    if a is None or b is None:
        return False
    return a != b
