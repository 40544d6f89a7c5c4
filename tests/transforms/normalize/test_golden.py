"""The golden corpus (tests/data/normalize/golden.yaml): raw input -> expected normalized fields."""
from __future__ import annotations

import functools
import pathlib
import re

import pytest
import yaml

from transforms.context import RunContext
from transforms.formats.article import parse_article_text
from transforms.model import ITEM_KEYS, new_raw_record
from transforms.normalize import NormalizeError, NormalizeSettings, normalize_record
from transforms.settings import from_mapping

DATA = pathlib.Path(__file__).resolve().parents[2] / 'data' / 'normalize'
RUN = RunContext(run_id='golden', started_at='2026-11-27T06:00:00Z')
CASES = yaml.safe_load((DATA / 'golden.yaml').read_text(encoding='utf-8'))
BY_NAME = {case['name']: case for case in CASES}
RFC3339_UTC = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$')
FORBIDDEN_CHARS = re.compile('[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e'
                             '\u2066-\u2069\ufeff\u00ad\ufdd0-\ufdef\ufffe\uffff'
                             '\U0001fffe\U0001ffff\U0010fffe\U0010ffff]')


def _raw_record(case: dict) -> dict:
    if 'article_file' in case:
        text = (DATA / case['article_file']).read_bytes().decode('utf-8')
        return parse_article_text(text, case['article_file'])
    if 'article_text' in case:
        return parse_article_text(case['article_text'], f"{case['name']}.txt")
    raw = dict(case['raw'])
    for field, name in (case.get('raw_files') or {}).items():
        raw[field] = (DATA / name).read_text(encoding='utf-8')
    repeat = raw.pop('body_repeat', None)
    if repeat:
        raw['body'] = repeat['text'] * repeat['times']
    kind = raw.pop('kind', 'feed')
    location = raw.pop('location', 'https://example.com/feed.xml')
    return new_raw_record(kind=kind, location=location, fmt='golden', parser='golden', entry=0,
                          **raw)


@functools.lru_cache(maxsize=None)
def _outcome(name: str):
    """(item, None) or (None, NormalizeError) for a case; cached so cases can refer to others."""
    case = BY_NAME[name]
    settings = from_mapping(NormalizeSettings, case.get('settings') or {}, 'normalize')
    try:
        return normalize_record(_raw_record(case), settings, RUN), None
    except NormalizeError as exc:
        return None, exc


def _get(item: dict, path: str):
    value = item
    for part in path.split('.'):
        value = value[part]
    return value


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _check(item: dict, key: str, expected) -> None:
    if key == 'warnings':
        got = sorted(f"{w['field']}:{w['reason']}" for w in item['quality']['warnings'])
        assert got == sorted(expected), f'warnings: {got} != {sorted(expected)}'
        return
    path, _, op = key.partition('~')
    value = _get(item, path)
    if not op:
        assert value == expected, f'{path}: {value!r} != {expected!r}'
    elif op == 'contains':
        for part in _as_list(expected):
            assert part in value, f'{path} lacks {part!r}'
    elif op == 'not_contains':
        for part in _as_list(expected):
            assert part not in value, f'{path} contains {part!r}'
    elif op == 'startswith':
        assert value.startswith(expected), f'{path} starts {value[:80]!r}'
    elif op == 'endswith':
        assert value.endswith(expected), f'{path} ends {value[-80:]!r}'
    elif op == 'sentences_unbroken':
        # No line break inside a sentence: no single newlines, and every paragraph ends a
        # sentence (terminal punctuation, possibly followed by a closing quote).
        assert '\n' not in value.replace('\n\n', ''), f'{path} has a single line break'
        for paragraph in value.split('\n\n'):
            assert re.search(r'[.!?。！？…]["”’」』)）]*$', paragraph), (
                f'{path} paragraph ends mid-sentence: {paragraph[-60:]!r}')
    elif op in ('same_as', 'differs_from'):
        other, error = _outcome(expected)
        assert error is None, f'{expected} failed: {error}'
        if op == 'same_as':
            assert value == _get(other, path), f'{path} differs from {expected}'
        else:
            assert value != _get(other, path), f'{path} equals {expected}'
    else:
        raise AssertionError(f'unknown expectation operator {op!r}')


def _check_invariants(item: dict) -> None:
    assert list(item) == list(ITEM_KEYS)
    assert 'hints' not in item and 'categories' not in item
    assert item['ingested_at'] == RUN.started_at
    assert item['provenance']['run_id'] == RUN.run_id
    assert re.fullmatch(r'[0-9a-f]{32}', item['id'])
    for field in ('published', 'updated'):
        assert item[field] is None or RFC3339_UTC.match(item[field]), item[field]
    for field in ('title', 'title_original', 'summary', 'body'):
        text = item[field]
        if text is None:
            continue
        assert text == text.strip() and text
        assert '``' not in text and "''" not in text, field
        assert not FORBIDDEN_CHARS.search(text), (field, FORBIDDEN_CHARS.search(text))
        assert '\n\n\n' not in text and '  ' not in text, field
    if item['canonical_url'] is not None:
        assert item['canonical_url'].startswith(('http://', 'https://'))
        assert '#' not in item['canonical_url'] and 'utm_' not in item['canonical_url']


SCRIPT_OF = {'ja': 'Japanese', 'ko': 'Hangul', 'zh': 'Han', 'ru': 'Cyrillic', 'ar': 'Arabic',
             'fa': 'Arabic', 'th': 'Thai', 'el': 'Greek', 'hi': 'Devanagari'}


def test_corpus_size_and_coverage():
    assert len(CASES) >= 60
    assert len(BY_NAME) == len(CASES), 'case names must be unique'
    languages = set()
    for case in CASES:
        item, _ = _outcome(case['name'])
        if item:
            languages.update(v for v in item['languages'].values() if v)
    assert len(languages) >= 8, languages
    scripts = {SCRIPT_OF.get(language, 'Latin') for language in languages}
    assert len(scripts) >= 4, scripts


@pytest.mark.parametrize('name', [case['name'] for case in CASES])
def test_golden_case(name):
    case = BY_NAME[name]
    item, error = _outcome(name)
    if 'error' in case:
        assert error is not None, f'expected {case["error"]}, got an item'
        assert error.reason == case['error']
        return
    assert error is None, f'{error.reason}: {error.message}'
    _check_invariants(item)
    for key, expected in case['expect'].items():
        _check(item, key, expected)
