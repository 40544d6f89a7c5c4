"""The plain parsing functions behind every reader, and the normalizer, on generated and
mutated hostile inputs: each returns its result or raises its own error (which the stage turns
into one dead letter) -- never anything else, and everything it returns can be written."""
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.context import RunContext
from transforms.formats.article import parse_article_text
from transforms.formats.decode import decode_text
from transforms.formats.errors import InputError
from transforms.formats.feed import parse_feed
from transforms.formats.jsonl import parse_jsonl_line
from transforms.model import Reason, item_to_json
from transforms.normalize import NormalizeError, NormalizeSettings, Normalizer

from .strategies import article_files, feed_files, jsonl_lines

pytestmark = pytest.mark.fuzz

NORMALIZER = Normalizer(NormalizeSettings(), RunContext('fuzz', '2026-12-01T00:00:00Z'))
REASONS = {v for k, v in vars(Reason).items() if k.isupper()}


def _normalized(raw: dict) -> None:
    try:
        item = NORMALIZER(raw)
    except NormalizeError as exc:
        assert exc.reason in REASONS
        return
    item_to_json(item)            # a sink can always write it
    assert isinstance(item['id'], str) and item['id']


@given(jsonl_lines)
def test_a_jsonl_line_is_a_record_or_one_input_error(line):
    try:
        raw = parse_jsonl_line(line, 'fuzz.jsonl', 1)
    except InputError as exc:
        assert exc.reason in REASONS
        return
    orjson.dumps(raw)
    _normalized(raw)


@given(feed_files)
def test_a_feed_document_is_records_and_entry_failures_or_one_input_error(feed):
    ext, body = feed
    try:
        parsed = parse_feed(body, f'fuzz{ext}', kind='file')
    except InputError as exc:
        assert exc.reason in REASONS
        return
    for failure in parsed.failures:
        assert failure.reason in REASONS and failure.entry >= 0
    for raw in parsed.records:
        orjson.dumps(raw)
        _normalized(raw)


@given(article_files)
def test_an_article_file_is_a_record_or_one_input_error(data):
    try:
        text = decode_text(data)
        text = text[0] if isinstance(text, tuple) else text
        raw = parse_article_text(text, 'fuzz.txt')
    except InputError as exc:
        assert exc.reason in REASONS
        return
    orjson.dumps(raw)
    _normalized(raw)


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_as_a_feed(body):
    try:
        parse_feed(body, 'fuzz.xml', kind='file')
    except InputError as exc:
        assert exc.reason in REASONS
