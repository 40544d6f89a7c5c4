import gzip

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from transforms.read import ReadInputs, ReadSettings, input_kind

SEED = '/work/shared/seeds/000_f2941d14c663b832.txt'

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>C</title><link>https://c.example/</link>
<item><title>One</title><link>https://c.example/1</link></item>
<item><title>Two</title><link>https://c.example/2</link></item></channel></rss>"""


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / 'feed.rss').write_bytes(RSS)
    (tmp_path / 'items.jsonl').write_text(
        '{"headline": "A", "link": "https://j.example/a"}\n\n{"title": "B"\n[1]\n'
        '{"title": "C", "text": "c"}\n', encoding='utf-8')
    with gzip.open(tmp_path / 'more.jsonl.gz', 'wt', encoding='utf-8') as handle:
        handle.write('{"title": "G1"}\n{"title": "G2"}\n')
    (tmp_path / 'article.txt').write_bytes(
        'Judul berita\nIsi berita baris satu\nbaris dua.\n2024/12/06 15:34 WIB\n© Antara 2024\n'
        .encode('utf-16'))
    (tmp_path / 'empty.txt').write_bytes(b'')
    (tmp_path / 'page.xml').write_bytes(b'<html><body>Access denied</body></html>')
    (tmp_path / 'bomb.xml').write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss/>')
    (tmp_path / 'blob.txt').write_bytes(b'\x00\x01\x02\xff' * 200)
    (tmp_path / 'sheet.csv').write_bytes(b'a,b\n1,2\n')
    (tmp_path / 'big.rss').write_bytes(RSS + b' ' * 5000)
    return tmp_path


def _titles(records):
    return records | beam.Map(lambda r: r['title'])


def _reasons(dead):
    return dead | beam.Map(lambda d: (d['input']['location'].rsplit('/', 1)[-1],
                                      d['error']['reason'], d['error']['stage']))


def test_every_reader_and_every_bad_input(inputs):
    with TestPipeline() as p:
        out = p | ReadInputs([str(inputs / '*'), str(inputs / '*.rss')],
                             ReadSettings(max_file_bytes=4096))
        assert_that(_titles(out['records']),
                    equal_to(['One', 'Two', 'A', 'C', 'G1', 'G2', 'Judul berita']),
                    label='CheckRecords')
        assert_that(_reasons(out['dead_letter']), equal_to([
            ('items.jsonl:3', 'bad_json', 'read'),
            ('items.jsonl:4', 'bad_json', 'read'),
            ('empty.txt', 'empty', 'read'),
            ('page.xml', 'not_a_feed', 'read'),
            ('bomb.xml', 'unsafe_xml', 'read'),
            ('blob.txt', 'binary', 'read'),
            ('sheet.csv', 'unsupported_format', 'read'),
            ('big.rss', 'too_large', 'read'),
        ]), label='CheckDeadLetters')


def test_seed_article_is_read(tmp_path):
    with TestPipeline() as p:
        out = p | ReadInputs([SEED])
        assert_that(out['records'] | beam.Map(lambda r: (r['provenance']['format'],
                                                          r['published'],
                                                          r['hints']['print_layout'])),
                    equal_to([('article_text', '2024/12/06 15:34 KST', True)]))


def test_corrupt_gzip_loses_only_what_cannot_be_read(tmp_path):
    good = gzip.compress(b'{"title": "ok1"}\n{"title": "ok2"}\n' * 50)
    (tmp_path / 'cut.jsonl.gz').write_bytes(good[: len(good) // 2])
    with TestPipeline() as p:
        out = p | ReadInputs([str(tmp_path / '*')])
        assert_that(out['dead_letter'] | beam.Map(lambda d: d['error']['reason']),
                    equal_to(['unreadable']), label='OneDeadLetter')


def test_overlong_jsonl_line(tmp_path):
    (tmp_path / 'a.jsonl').write_text('{"title": "%s"}\n{"title": "short"}\n' % ('x' * 500))
    with TestPipeline() as p:
        out = p | ReadInputs([str(tmp_path / 'a.jsonl')], ReadSettings(max_line_bytes=100))
        assert_that(_titles(out['records']), equal_to(['short']), label='Kept')
        assert_that(_reasons(out['dead_letter']), equal_to([('a.jsonl:1', 'too_large', 'read')]),
                    label='TooLarge')


@pytest.mark.parametrize('name, head, kind', [
    ('a.rss', b'', 'feed'), ('a.ATOM', b'', 'feed'), ('a.rdf', b'', 'feed'),
    ('a.xml', b'', 'feed'), ('a.json', b'', 'jsonfeed'), ('a.jsonl.gz', b'', 'jsonl'),
    ('a.txt', b'', 'article'), ('noext', b'<?xml version="1.0"?><rss>', 'feed'),
    ('noext', b'{"title": 1}\n', 'jsonl'), ('a.csv', b'a,b', None),
])
def test_input_kind(name, head, kind):
    assert input_kind(name, head) == kind


def test_constructor_validates():
    with pytest.raises(ValueError):
        ReadInputs([])
