import pytest

from transforms.formats.errors import InputError
from transforms.formats.jsonl import parse_jsonl_line


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
