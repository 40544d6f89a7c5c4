"""Date parsing: forms, zones, zone-less dates and impossible dates (no Beam)."""
from __future__ import annotations

import datetime as dt

import pytest

from transforms.normalize.dates import ZONE_ABBREVIATIONS, parse_date, resolve_zone

NOW = dt.datetime(2026, 11, 27, 6, 0, tzinfo=dt.timezone.utc)


def parse(value, zone='UTC', **kw):
    return parse_date(value, default_zone=zone, now=NOW, **kw)


@pytest.mark.parametrize('abbreviation, hours', [
    ('KST', 9), ('JST', 9), ('WIB', 7), ('WITA', 8), ('WIT', 9), ('SGT', 8), ('HKT', 8),
    ('IST', 5.5), ('CET', 1), ('CEST', 2), ('EST', -5), ('EDT', -4), ('PST', -8), ('PDT', -7),
    ('BST', 1), ('GMT', 0), ('UTC', 0),
])
def test_required_zone_abbreviations(abbreviation, hours):
    assert ZONE_ABBREVIATIONS[abbreviation] == int(hours * 3600)
    local = dt.datetime(2024, 12, 6, 12, 0)
    expected = (local - dt.timedelta(hours=hours)).strftime('%Y-%m-%dT%H:%M:%SZ')
    assert parse(f'2024/12/06 12:00 {abbreviation}').value == expected


@pytest.mark.parametrize('value', [
    '2024/12/06 15:34 KST', 'Fri, 06 Dec 2024 15:34:00 +0900', '2024-12-06T15:34:00+09:00',
    '2024-12-06T06:34:00Z', '20241206T063400Z', '6 Desember 2024 13:34 WIB',
    'December 6, 2024 1:34 AM EST', '06.12.2024 07:34 CET', '2024年12月6日 15時34分 JST',
    '2024년 12월 6일 오후 3시 34분 KST', 'Fri Dec 06 2024 15:34:00 GMT+0900',
    '6 de diciembre de 2024 07:34 CET', '6 décembre 2024 à 07h34 CET',
    'Published: 2024/12/06 15:34 KST', '1733466840', '1733466840000', 1733466840,
    dt.datetime(2024, 12, 6, 6, 34, tzinfo=dt.timezone.utc),
])
def test_forms_all_mean_the_same_instant(value):
    result = parse(value)
    assert result.value == '2024-12-06T06:34:00Z', result
    assert result.reasons == ()


def test_zoneless_is_read_in_the_given_zone_and_flagged():
    assert parse('2024-12-06 15:34', zone='Asia/Seoul').value == '2024-12-06T06:34:00Z'
    assert parse('2024-12-06 15:34', zone='KST').reasons == ('no_timezone',)
    assert parse('2024-12-06 15:34', zone='+09:00').value == '2024-12-06T06:34:00Z'
    assert parse(dt.datetime(2024, 12, 6, 15, 34), zone='JST').value == '2024-12-06T06:34:00Z'


def test_iana_zone_follows_daylight_saving():
    assert parse('2024-07-06 08:34', zone='Europe/Berlin').value == '2024-07-06T06:34:00Z'
    assert parse('2024-12-06 07:34', zone='Europe/Berlin').value == '2024-12-06T06:34:00Z'


@pytest.mark.parametrize('value, reason', [
    ('0000-00-00', 'out_of_range'), ('0000-01-01T00:00:00Z', 'out_of_range'),
    ('10000-01-01', 'out_of_range'), ('1970-01-01T00:00:00Z', 'epoch'), ('0', 'epoch'), (0, 'epoch'),
    ('1969-12-31T23:00:00-01:00', 'epoch'), ('2026-11-29T06:00:01Z', 'future'),
    ('1850-01-01', 'out_of_range'), ('2024-02-30', 'out_of_range'), ('2024-12-06 25:00', 'unparseable'),
    ('not a date', 'unparseable'), ('2024/12/06 15:34 XYZ', 'unknown_timezone'), (True, 'unparseable'),
])
def test_impossible_dates_are_null_with_a_reason(value, reason):
    result = parse(value)
    assert result.value is None
    assert result.reasons == (reason,)


def test_future_limit_is_48_hours_by_default_and_configurable():
    assert parse('2026-11-29T05:59:00Z').value == '2026-11-29T05:59:00Z'
    assert parse('2026-11-29T05:59:00Z', max_future_hours=1).value is None


def test_day_first_by_default_month_first_when_asked():
    assert parse('03/04/2024 10:00 UTC').value == '2024-04-03T10:00:00Z'
    assert parse('03/04/2024 10:00 UTC', month_first=True).value == '2024-03-04T10:00:00Z'
    assert parse('13/04/2024 10:00 UTC', month_first=True).value == '2024-04-13T10:00:00Z'


def test_extra_abbreviations_override():
    extra = {'CST': 'Asia/Shanghai'}
    assert parse('2024-12-06 14:34 CST', extra_zones=extra).value == '2024-12-06T06:34:00Z'
    assert parse('2024-12-06 14:34 CST').value == '2024-12-06T20:34:00Z'


def test_resolve_zone():
    assert resolve_zone('Asia/Jakarta') is not None
    assert resolve_zone('+05:30').utcoffset(None) == dt.timedelta(hours=5, minutes=30)
    assert resolve_zone('Mars/Olympus') is None
    assert resolve_zone(None) is None
