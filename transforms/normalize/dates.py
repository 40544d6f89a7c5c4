"""Dates: a raw date value in, RFC 3339 UTC (``2024-12-06T06:34:00Z``) or null with a reason out.

Understood forms: RFC 822/1123 (``Fri, 06 Dec 2024 15:34:00 +0900``), ISO 8601
(``2024-12-06T15:34:00+09:00``, ``20241206T063400Z``), print datelines ``YYYY/MM/DD HH:MM ZZZ``,
day-first and month-first numeric dates, month names in English, Indonesian/Malay, German, French,
Spanish, Portuguese, Italian and Dutch, CJK forms (``2024年12月6日 15時34分``,
``2024년 12월 6일 오후 3시 34분``), Unix epoch numbers (seconds or milliseconds), and datetime
objects. Zones: numeric offsets, ``Z``/``UT``, IANA names and the abbreviations news sources use
(:data:`ZONE_ABBREVIATIONS`, extendable in settings).

Guarantees:

* a date without a zone is read in the source's zone (``hints.timezone``, else the default) and
  reported with the warning reason ``no_timezone``;
* an impossible date is never returned: year 0, year 10000, the Unix epoch itself (a parser that
  read 0 or an empty value), years before ``min_year`` and instants more than ``max_future_hours``
  after the run started give ``None`` plus a reason (``unparseable``, ``out_of_range``, ``epoch``,
  ``future``, ``unknown_timezone``);
* ambiguous numeric dates (``03/04/2024``) are read day-first unless ``month_first`` is set.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import re
import types
import zoneinfo
from typing import Mapping

__all__ = ['ZONE_ABBREVIATIONS', 'DateResult', 'parse_date', 'resolve_zone', 'format_utc',
           'parse_rfc3339']

_H = 3600
#: Abbreviations news sources print, as UTC offsets in seconds. Ambiguous ones take the reading
#: most common in news: IST is India, CST is US Central, BST is British Summer Time.
ZONE_ABBREVIATIONS: Mapping[str, int] = types.MappingProxyType({
    'UTC': 0, 'UT': 0, 'GMT': 0, 'Z': 0, 'WET': 0, 'WEST': _H,
    'BST': _H, 'IST': 5 * _H + 1800, 'CET': _H, 'CEST': 2 * _H, 'MET': _H, 'MEST': 2 * _H,
    'EET': 2 * _H, 'EEST': 3 * _H, 'MSK': 3 * _H, 'TRT': 3 * _H, 'GST': 4 * _H,
    'PKT': 5 * _H, 'NPT': 5 * _H + 2700, 'BDT': 6 * _H, 'ICT': 7 * _H,
    'WIB': 7 * _H, 'WITA': 8 * _H, 'WIT': 9 * _H,
    'SGT': 8 * _H, 'HKT': 8 * _H, 'MYT': 8 * _H, 'PHT': 8 * _H, 'AWST': 8 * _H,
    'KST': 9 * _H, 'JST': 9 * _H, 'ACST': 9 * _H + 1800, 'AEST': 10 * _H, 'AEDT': 11 * _H,
    'NZST': 12 * _H, 'NZDT': 13 * _H,
    'EST': -5 * _H, 'EDT': -4 * _H, 'CST': -6 * _H, 'CDT': -5 * _H, 'MST': -7 * _H,
    'MDT': -6 * _H, 'PST': -8 * _H, 'PDT': -7 * _H, 'AKST': -9 * _H, 'AKDT': -8 * _H,
    'HST': -10 * _H, 'AST': -4 * _H, 'ADT': -3 * _H, 'NST': -3 * _H - 1800, 'BRT': -3 * _H,
    'ART': -3 * _H,
})

_MONTH_NAMES = {
    1: ('jan', 'january', 'januari', 'januar', 'janvier', 'enero', 'janeiro', 'gennaio', 'janv'),
    2: ('feb', 'february', 'februari', 'februar', 'février', 'fevrier', 'febrero', 'fevereiro',
        'febbraio', 'févr', 'fev', 'fév'),
    3: ('mar', 'march', 'maret', 'märz', 'mär', 'maart', 'mars', 'marzo', 'março', 'marco', 'mrt'),
    4: ('apr', 'april', 'avril', 'abril', 'aprile', 'abr', 'avr'),
    5: ('may', 'mei', 'mai', 'mayo', 'maio', 'maggio', 'mag'),
    6: ('jun', 'june', 'juni', 'juin', 'junio', 'junho', 'giugno', 'giu'),
    7: ('jul', 'july', 'juli', 'juillet', 'julio', 'julho', 'luglio', 'juil', 'lug'),
    8: ('aug', 'august', 'agustus', 'augustus', 'août', 'aout', 'agosto', 'ags', 'ago'),
    9: ('sep', 'sept', 'september', 'septembre', 'septiembre', 'setiembre', 'setembro',
        'settembre', 'set'),
    10: ('oct', 'october', 'oktober', 'okt', 'octobre', 'octubre', 'outubro', 'ottobre', 'out',
         'ott'),
    11: ('nov', 'november', 'nopember', 'novembre', 'noviembre', 'novembro'),
    12: ('dec', 'december', 'desember', 'des', 'dezember', 'dez', 'décembre', 'decembre',
         'diciembre', 'dezembro', 'dicembre', 'dic'),
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_MONTH_ALT = '|'.join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))

_ZONE_TOKEN = (r'(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|'
               r'[A-Z]{1,5}(?:[+-]\d{1,2})?|[A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)')
_TIME = (r'(?P<hour>\d{1,2})(?:[:.h]|\s*時\s*|\s*시\s*)(?P<minute>\d{2})(?:\s*分|\s*분)?'
         r'(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?'
         r'(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?')
_TAIL = rf'(?:\s*(?:,|at|um|à|a las|às|pukul|jam|-|–|T)?\s*(?:\(\w{{1,3}}\)\s*)?{_TIME})?\s*\(?\s*{_ZONE_TOKEN}?\s*\)?'
_WEEKDAY = r'(?:[^\W\d_]{2,12}\.?,?\s+)?'

_PATTERNS = [
    # 2024/12/06 15:34 KST, 2024-12-06 15:34:00 +09:00, 2024.12.06. 15:34
    re.compile(rf'^(?P<year>\d{{4}})[/.-](?P<month>\d{{1,2}})[/.-](?P<day>\d{{1,2}})\.?{_TAIL}$',
               re.IGNORECASE),
    # 06.12.2024 15:34, 6/12/2024 (day-first by default)
    re.compile(rf'^{_WEEKDAY}(?P<first>\d{{1,2}})[/.-](?P<second_>\d{{1,2}})[/.-](?P<year>\d{{4}}){_TAIL}$',
               re.IGNORECASE),
    # Fri, 06 Dec 2024 15:34:00 +0900 ; 6 Desember 2024 15:34 WIB ; 6 de diciembre de 2024
    re.compile(rf'^{_WEEKDAY}(?P<day>\d{{1,2}})\.?\s*(?:de\s+)?(?P<mname>{_MONTH_ALT})\.?,?\s*'
               rf'(?:de\s+)?(?P<year>\d{{4}}){_TAIL}$', re.IGNORECASE),
    # December 6, 2024 3:34 PM EST ; Dec. 6th 2024
    re.compile(rf'^{_WEEKDAY}(?P<mname>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+'
               rf'(?P<year>\d{{4}}){_TAIL}$', re.IGNORECASE),
    # Sat Dec 07 2024 15:34:00 GMT+0900 (asctime-like)
    re.compile(rf'^{_WEEKDAY}(?P<mname>{_MONTH_ALT})\s+(?P<day>\d{{1,2}})\s+(?:{_TIME})\s+'
               rf'(?P<year>\d{{4}})\s*{_ZONE_TOKEN}?$', re.IGNORECASE),
    # 2024年12月6日(金) 15時34分 ; 2024년 12월 6일 오후 3시 34분
    re.compile(r'^(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]'
               r'\s*(?:[(（][^)）]{1,3}[)）])?\s*(?P<kampm>오전|오후|午前|午後|上午|下午)?\s*'
               rf'(?:{_TIME})?\s*{_ZONE_TOKEN}?$', re.IGNORECASE),
]
_RFC822 = re.compile(
    r'^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?'
    r'\s*([+-]\d{4}|[A-Z]{1,5})?$')
_ISO_COMPACT = re.compile(
    r'^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})T(?P<hour>\d{2})(?P<minute>\d{2})'
    r'(?P<second>\d{2})?(?P<zone>Z|[+-]\d{4})?$')
_EPOCH = re.compile(r'^-?\d{1,13}(?:\.\d+)?$')
_LABEL = re.compile(r'^(?:published|posted|updated|date|diterbitkan|diperbarui|発行|更新|입력|수정|'
                    r'发布时间|發布時間)\s*(?:on|at)?\s*[:：]?\s*', re.IGNORECASE)
_NOISE = re.compile(r'\s*(?:Uhr|hrs|horas|heures|น\.)\b\.?|\s*\((?:local time|waktu setempat)\)',
                    re.IGNORECASE)
_NOISE_HINT = re.compile(r'Uhr|hrs|horas|heures|น\.|\((?:local time|waktu setempat)\)', re.IGNORECASE)
_BIG_YEAR = re.compile(r'^[+-]?\d{5,}[-/.]\d')
# No date is written in more characters than this (labels and noise included): a longer value
# is not read at all, so a hostile one costs nothing.
_MAX_DATE_CHARS = 256
_OFFSET = re.compile(r'^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$', re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class DateResult:
    """``value`` is RFC 3339 UTC or None; ``reasons`` says why it is None or what was assumed."""
    value: str | None
    reasons: tuple[str, ...] = ()


def format_utc(moment: _dt.datetime) -> str:
    m = moment.astimezone(_dt.timezone.utc)
    return f'{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}Z'


def parse_rfc3339(value: str) -> _dt.datetime:
    """The run's ``started_at`` (or any RFC 3339 string) as an aware datetime."""
    moment = _dt.datetime.fromisoformat(value.replace('Z', '+00:00'))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return moment


def resolve_zone(name: str | None, extra: Mapping[str, str] | None = None) -> _dt.tzinfo | None:
    """A tzinfo for an abbreviation, a numeric offset or an IANA name; None when unknown.

    ``extra`` maps further abbreviations (upper case) to an offset (``+07:00``) or an IANA name;
    it is consulted first, so it can also re-read an ambiguous abbreviation such as ``CST``.
    """
    if not name:
        return None
    name = name.strip()
    if extra:
        target = extra.get(name.upper()) or extra.get(name)
        if target and target != name:
            return _resolve_builtin(target)
    return _resolve_builtin(name)


@functools.lru_cache(maxsize=512)
def _resolve_builtin(name: str) -> _dt.tzinfo | None:
    name = name.strip()
    key = name.upper()
    if key in ZONE_ABBREVIATIONS:
        return _dt.timezone(_dt.timedelta(seconds=ZONE_ABBREVIATIONS[key]), key)
    match = _OFFSET.match(name)
    if match:
        sign, hours, minutes = match.groups()
        seconds = int(hours) * 3600 + int(minutes or 0) * 60
        if seconds >= 24 * 3600:
            return None
        return _dt.timezone(_dt.timedelta(seconds=-seconds if sign == '-' else seconds))
    if '/' in name or name == 'UTC':
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None
    return None


def parse_date(value, *, default_zone: str | None, now: _dt.datetime,
               max_future_hours: float = 48.0, min_year: int = 1900, month_first: bool = False,
               extra_zones: Mapping[str, str] | None = None) -> DateResult:
    """Parse one raw date value; see the module docstring for what is accepted and refused."""
    if value is None:
        return DateResult(None)
    if isinstance(value, _dt.datetime):
        moment, zone_given = value, value.tzinfo is not None
        if not zone_given:
            tz = resolve_zone(default_zone, extra_zones) or _dt.timezone.utc
            moment = moment.replace(tzinfo=tz)
        return _check(moment, now, max_future_hours, min_year, () if zone_given else ('no_timezone',))
    if isinstance(value, bool):
        return DateResult(None, ('unparseable',))
    if isinstance(value, (int, float)):
        try:
            seconds = float(value)
        except OverflowError:           # an int past float range (10**400)
            return DateResult(None, ('out_of_range',))
        return _from_epoch(seconds, now, max_future_hours, min_year)
    if not isinstance(value, str):
        return DateResult(None, ('unparseable',))
    if len(value) > _MAX_DATE_CHARS:
        return DateResult(None, ('unparseable',))
    text = ' '.join(value.split())
    label = _LABEL.match(text)
    if label:
        text = text[label.end():]
    if _NOISE_HINT.search(text):
        text = _NOISE.sub('', text).strip()
    if not text:
        return DateResult(None)
    if _EPOCH.match(text):
        if len(text.split('.')[0].lstrip('-')) >= 9 or float(text) == 0:
            return _from_epoch(float(text), now, max_future_hours, min_year)
        return DateResult(None, ('unparseable',))

    if _BIG_YEAR.match(text):
        return DateResult(None, ('out_of_range',))
    parts = _match(text, month_first)
    if parts is None:
        return DateResult(None, ('unparseable',))
    year, month, day, hour, minute, second, micro, zone = parts
    if not 1 <= year <= 9999:
        return DateResult(None, ('out_of_range',))
    reasons: tuple[str, ...] = ()
    if zone:
        tz = resolve_zone(zone, extra_zones)
        if tz is None:
            return DateResult(None, ('unknown_timezone',))
    else:
        tz = resolve_zone(default_zone, extra_zones)
        if tz is None:
            if default_zone:
                return DateResult(None, ('unknown_timezone',))
            tz = _dt.timezone.utc
        reasons = ('no_timezone',)
    try:
        moment = _dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)
    except ValueError:
        return DateResult(None, ('out_of_range',))
    return _check(moment, now, max_future_hours, min_year, reasons)


def _match(text: str, month_first: bool):
    """(year, month, day, hour, minute, second, microsecond, zone or None) or None."""
    # RFC 822/1123 as feeds write it, the most common form after ISO: one small regex.
    match = _RFC822.match(text)
    if match:
        day, month_name, year, hour, minute, second, zone = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is not None and int(hour) <= 23 and int(minute) <= 59:
            return (int(year), month, int(day), int(hour), int(minute),
                    min(int(second or 0), 59), 0, zone)
    # ISO 8601 first: the most common form and the cheapest to read.
    if len(text) >= 10 and text[4:5] == '-' and text[:4].isdigit():
        try:
            moment = _dt.datetime.fromisoformat(text.replace('z', 'Z').replace('Z', '+00:00')
                                                if text.endswith(('Z', 'z')) else text)
        except ValueError:
            moment = None
        if moment is not None:
            zone = None
            if moment.tzinfo is not None:
                offset = moment.utcoffset()
                zone = _offset_text(offset)
            return (moment.year, moment.month, moment.day, moment.hour, moment.minute,
                    moment.second, moment.microsecond, zone)
    match = _ISO_COMPACT.match(text)
    if match:
        g = match.groupdict()
        return (int(g['year']), int(g['month']), int(g['day']), int(g['hour']),
                int(g['minute']), int(g['second'] or 0), 0, g['zone'])
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        g = match.groupdict()
        if g.get('mname'):
            month = _MONTHS.get(g['mname'].lower().rstrip('.'))
            day = int(g['day'])
        elif g.get('first'):
            a, b = int(g['first']), int(g['second_'])
            day, month = (b, a) if month_first else (a, b)
            if month > 12 and day <= 12:
                day, month = month, day
        else:
            month, day = int(g['month']), int(g['day'])
        if month is None:
            return None
        hour = int(g['hour']) if g.get('hour') else 0
        minute = int(g['minute']) if g.get('minute') else 0
        second = int(g['second']) if g.get('second') else 0
        micro = int((g.get('fraction') or '0')[:6].ljust(6, '0'))
        ampm = (g.get('ampm') or '').lower().replace('.', '').replace(' ', '')
        kampm = g.get('kampm') or ''
        if ampm == 'pm' or kampm in ('오후', '午後', '下午'):
            if hour < 12:
                hour += 12
        elif (ampm == 'am' or kampm in ('오전', '午前', '上午')) and hour == 12:
            hour = 0
        if hour > 23 or minute > 59 or second > 60:
            return None
        second = min(second, 59)
        zone = g.get('zone')
        if zone and zone.upper() in ('AM', 'PM'):
            zone = None
        return (int(g['year']), month, day, hour, minute, second, micro, zone)
    return None


def _offset_text(offset: _dt.timedelta | None) -> str | None:
    if offset is None:
        return None
    seconds = int(offset.total_seconds())
    sign = '-' if seconds < 0 else '+'
    seconds = abs(seconds)
    return f'{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}'


def _from_epoch(seconds: float, now, max_future_hours, min_year) -> DateResult:
    if abs(seconds) >= 1e11:   # milliseconds
        seconds /= 1000.0
    if seconds <= 86400:
        return DateResult(None, ('epoch',))
    try:
        moment = _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return DateResult(None, ('out_of_range',))
    return _check(moment, now, max_future_hours, min_year, ())


def _check(moment: _dt.datetime, now: _dt.datetime, max_future_hours: float, min_year: int,
           reasons: tuple[str, ...]) -> DateResult:
    try:
        utc = moment.astimezone(_dt.timezone.utc)
    except (OverflowError, ValueError):
        return DateResult(None, ('out_of_range',))
    if utc.year < min_year or utc.year > 9999 or moment.year < min_year:
        return DateResult(None, ('out_of_range',))
    if utc.year == 1970 and utc.month == 1 and utc.day in (1, 2) or (
            utc.year == 1969 and utc.month == 12 and utc.day == 31):
        return DateResult(None, ('epoch',))
    if (utc - now).total_seconds() > max_future_hours * 3600:
        return DateResult(None, ('future',))
    return DateResult(format_utc(utc), reasons)
