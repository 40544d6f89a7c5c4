import gzip
import io

import orjson
import pytest

from transforms.formats.errors import InputError
from transforms.formats.jsonl import (JsonlLine, StreamStopped, iter_jsonl_lines,
                                      parse_jsonl_line)
from transforms.formats.limits import FormatLimits


def test_own_keys():
    rec = parse_jsonl_line(
        '{"id": "x-1", "url": "https://a.example/1", "title": "T", "title_original": "原題",'
        ' "summary": "S", "body": "B", "language": "id", "published": "2024-12-06T15:34:00+09:00",'
        ' "updated": "2024-12-07", "authors": ["A", "B"], "source": {"name": "Ex", "domain": "a.example"}}',
        '/in/a.jsonl', 3)
    assert (rec['guid'], rec['url'], rec['title'], rec['title_original']) == (
        'x-1', 'https://a.example/1', 'T', '原題')
    assert (rec['summary'], rec['body'], rec['language']) == ('S', 'B', 'id')
    assert rec['published'] == '2024-12-06T15:34:00+09:00' and rec['updated'] == '2024-12-07'
    assert rec['authors'] == ['A', 'B']
    assert rec['source'] == {'name': 'Ex', 'domain': 'a.example', 'kind': 'file',
                             'location': '/in/a.jsonl'}
    assert rec['provenance'] == {'input': '/in/a.jsonl', 'format': 'jsonl',
                                 'parser': 'newsbeam.jsonl', 'entry': 2}


@pytest.mark.parametrize('line, key, value', [
    ('{"link": "https://a.example/2", "headline": "H"}', 'url', 'https://a.example/2'),
    ('{"headline": "H"}', 'title', 'H'),
    ('{"title": "T", "content": "C"}', 'body', 'C'),
    ('{"title": "T", "text": "X"}', 'body', 'X'),
    ('{"title": "T", "date": "2024-01-02"}', 'published', '2024-01-02'),
    ('{"title": "T", "pubDate": "Tue, 02 Jan 2024 10:00:00 GMT"}', 'published',
     'Tue, 02 Jan 2024 10:00:00 GMT'),
    ('{"title": "T", "published_at": "2024-01-02T03:04:05Z"}', 'published', '2024-01-02T03:04:05Z'),
    ('{"title": "T", "id": 42}', 'guid', '42'),
    ('{"title": "T", "author": "Jo Bloggs"}', 'authors', ['Jo Bloggs']),
])
def test_aliases(line, key, value):
    assert parse_jsonl_line(line, 'f', 1)[key] == value


def test_source_as_plain_string_name_or_domain():
    assert parse_jsonl_line('{"title": "T", "source": "Antara"}', 'f', 1)['source']['name'] == 'Antara'
    src = parse_jsonl_line('{"title": "T", "source": "antaranews.com"}', 'f', 1)['source']
    assert src['domain'] == 'antaranews.com' and src['name'] is None


def test_html_body_is_hinted_and_unknown_keys_kept_in_extra():
    rec = parse_jsonl_line('{"title": "T", "content": "<p>Hi</p>", "section": "World",'
                           ' "wordcount": 2}', 'f', 1)
    assert rec['hints']['html'] == ['body']
    assert rec['categories'] == ['World']
    assert rec['extra'] == {'wordcount': 2}


@pytest.mark.parametrize('line, reason', [
    ('{"title": "T"', 'bad_json'),
    ('[1, 2]', 'bad_json'),
    ('"just a string"', 'bad_json'),
    ('{"url": "https://a.example/only-a-link"}', 'empty'),
])
def test_bad_lines(line, reason):
    with pytest.raises(InputError) as err:
        parse_jsonl_line(line, 'f', 7)
    assert err.value.reason == reason
    assert 'line 7' in err.value.message


# hostile lines: a malformed optional field never costs the item, one line never the file -------

@pytest.mark.parametrize('line, warned', [
    ('{"title": "t", "tags": {"categories": null}}', []),
    ('{"title": "t", "tags": {"categories": 5}}', ['tags.categories']),
    ('{"title": "t", "tags": {"categories": {"name": 1}}}', ['tags.categories']),
    ('{"title": "t", "tags": 5}', ['tags']),
    ('{"title": "t", "authors": 5}', ['authors']),
    ('{"title": "t", "authors": {"no": "name"}, "author": "Jo"}', ['authors']),
    ('{"title": "t", "categories": 5}', ['categories']),
    ('{"title": "t", "source": "http://[::1"}', ['source']),
    ('{"title": "t", "source": {"url": "http://[::1"}}', ['source.url']),
    ('{"title": "t", "source": 5}', ['source']),
    ('{"title": "t", "extra": [1]}', ['extra']),
    ('{"title": "t", "timezone": {"a": 1}}', ['timezone']),
    ('{"title": {"a": 1}, "headline": "t"}', ['title']),
    ('{"title": "t", "id": {"a": 1}}', ['id']),
])
def test_wrong_types_in_optional_fields_are_noted_and_the_item_kept(line, warned):
    rec = parse_jsonl_line(line, 'f', 1)
    assert rec['title'] == 't'
    assert [w['field'] for w in rec['quality']['warnings']] == warned
    assert all(w['reason'] == 'wrong_type' for w in rec['quality']['warnings'])
    assert rec['guid'] is None or isinstance(rec['guid'], str)
    assert all(isinstance(c, str) for c in rec['categories'])
    orjson.dumps(rec)   # serialisable as it is


def test_author_falls_back_to_the_next_spelling():
    rec = parse_jsonl_line('{"title": "t", "authors": {"no": "name"}, "author": "Jo"}', 'f', 1)
    assert rec['authors'] == ['Jo']


@pytest.mark.parametrize('depth', [500, 1025, 5000])
@pytest.mark.parametrize('field', ['authors', 'categories', 'extra_field'])
def test_deep_nesting_is_too_deep_not_a_crash(field, depth):
    line = '{"title": "t", "%s": %s"x"%s}' % (field, '[' * depth, ']' * depth)
    with pytest.raises(InputError) as err:
        parse_jsonl_line(line, 'f', 4)
    assert err.value.reason == 'too_deep'
    assert 'line 4' in err.value.message


def test_nesting_up_to_max_depth_is_fine_and_configurable():
    line = '{"title": "t", "x": %s1%s}' % ('[' * 19, ']' * 19)    # 20 levels with the object
    assert parse_jsonl_line(line, 'f', 1)['extra'] == {'x': orjson.loads(line)['x']}
    with pytest.raises(InputError) as err:
        parse_jsonl_line(line, 'f', 1, FormatLimits(max_depth=19))
    assert err.value.reason == 'too_deep'


def test_long_text_is_cut_and_said_so():
    rec = parse_jsonl_line('{"title": "t", "body": "%s"}' % ('b' * 500), 'f', 1,
                           FormatLimits(max_field_chars=100))
    assert rec['body'] == 'b' * 100 and rec['quality']['truncated'] == ['body']


# the stream: numbered non-blank lines, bounded memory and time ---------------------------------

def _lines(data, chunk=7, **caps):
    caps = {'max_line_bytes': 1000, 'max_bytes': 10 ** 9, 'max_lines': 10 ** 6, **caps}
    return list(iter_jsonl_lines(io.BytesIO(data), chunk_bytes=chunk, **caps))


def test_lines_are_numbered_as_in_the_file_whatever_the_chunks():
    data = b'\xef\xbb\xbf{"a": 1}\n\n  \r\n{"b": 2}\r\n\n\n{"c": 3}'
    for chunk in (1, 2, 7, 64, 1 << 16):
        assert _lines(data, chunk) == [JsonlLine(1, b'{"a": 1}'), JsonlLine(4, b'{"b": 2}\r'),
                                       JsonlLine(7, b'{"c": 3}')]


def test_an_overlong_line_is_reported_once_and_never_held():
    data = b'{"a": 1}\n' + b'x' * 5000 + b'\n{"b": 2}\n' + b'y' * 5000
    assert _lines(data, 64, max_line_bytes=100) == [
        JsonlLine(1, b'{"a": 1}'), JsonlLine(2, None), JsonlLine(3, b'{"b": 2}'),
        JsonlLine(4, None)]


def test_caps_keep_what_was_read_and_say_where_reading_stopped():
    data = b''.join(b'{"n": %d}\n\n' % i for i in range(100))
    out = []
    with pytest.raises(StreamStopped) as err:
        for line in iter_jsonl_lines(io.BytesIO(data), chunk_bytes=64, max_line_bytes=100,
                                     max_bytes=10 ** 9, max_lines=10):
            out.append(line)
    assert [line.number for line in out] == list(range(1, 21, 2))
    assert (err.value.reason, err.value.next_line) == ('too_large', 21)
    assert 'max_records_per_file' in err.value.message
    out = []
    with pytest.raises(StreamStopped) as err:
        for line in iter_jsonl_lines(io.BytesIO(data), chunk_bytes=64, max_line_bytes=100,
                                     max_bytes=105, max_lines=10 ** 6):
            out.append(line)
    # 105 bytes hold 10 whole lines of 10 and 11 bytes; the 11th is cut by the cap: unread
    assert [line.number for line in out] == list(range(1, 21, 2))
    assert (err.value.reason, err.value.next_line) == ('too_large', 21)
    assert 'max_decompressed_bytes' in err.value.message


def test_a_corrupt_gzip_stops_with_the_lines_before_it():
    good = gzip.compress(b'{"t": 1}\n' * 20000)
    out = []
    with pytest.raises(StreamStopped) as err:
        for line in iter_jsonl_lines(gzip.GzipFile(fileobj=io.BytesIO(good[:len(good) // 2])),
                                     max_line_bytes=100, max_bytes=10 ** 9, max_lines=10 ** 6):
            out.append(line)
    assert err.value.reason == 'unreadable'
    assert out and err.value.next_line == len(out) + 1


def test_blank_lines_are_scanned_in_chunks_not_line_by_line():
    # ~10 MB of newlines in ~10 KB of gzip (the old reader spent a Python call per line)
    stream = io.BytesIO(gzip.compress(b'\n' * 10_000_000 + b'{"t": 1}\n', 9))
    lines = list(iter_jsonl_lines(gzip.GzipFile(fileobj=stream), max_line_bytes=100,
                                  max_bytes=10 ** 9, max_lines=10 ** 6))
    assert lines == [JsonlLine(10_000_001, b'{"t": 1}')]


def test_a_gzip_bomb_stops_at_the_decompressed_cap():
    bomb = gzip.compress(b'{"title": "t"}\n' * 1_000_000, 9)      # ~50 KB of gzip
    stream = io.BytesIO(bomb)
    out = 0
    with pytest.raises(StreamStopped) as err:
        for _ in iter_jsonl_lines(gzip.GzipFile(fileobj=stream), max_line_bytes=100,
                                  max_bytes=1_500_000, max_lines=10 ** 6):
            out += 1
    assert out == 100_000 and err.value.next_line == 100_001
    assert stream.tell() < len(bomb)       # the rest was never even inflated
