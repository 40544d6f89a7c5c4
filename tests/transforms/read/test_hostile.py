"""Hostile inputs through ReadInputs: each costs only the input it is, and every input is
counted (records + dead letters == inputs)."""
import gzip
import os

import apache_beam as beam
import feedparser
import orjson
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

import transforms.read as read_module
from transforms.model import to_json_line
from transforms.read import ReadInputs, ReadSettings
from transforms.settings import SettingsError, from_mapping

DEEP = '[' * 500 + ']' * 500          # ~1 KB; RecursionError before


def _where(dead):
    location = dead['input']['location']
    return os.path.basename(location), dead['error']['reason']


def _hostile_folder(tmp_path):
    lines = ['{"title": "t1", "tags": {"categories": null}}',
             '{"title": "t2", "tags": {"categories": 5}}',
             '{"title": "t3", "source": "http://[::1"}',      # ended the file before
             '{"title": "boom"}',                             # raises inside the parser
             '{"title": "deep", "authors": %s}' % DEEP]
    lines += ['{"title": "g%d"}' % i for i in range(1000)]
    (tmp_path / 'items.jsonl').write_text('\n'.join(lines) + '\n')
    (tmp_path / 'feed.json').write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "items": ['
        '{"id": 1, "title": "authors five", "authors": 5},'
        '{"id": 2, "title": "deep item", "authors": %s}, [1],'
        '{"id": 4, "title": "fine"}]}' % DEEP)
    (tmp_path / os.fsdecode(b'caf\xe9.jsonl')).write_text('{"title": "n1"}\n{"title": "n2"}\n')
    bomb = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE rss [<!ENTITY a "%s">]>'
            '<rss version="2.0"><channel><title>%s</title></channel></rss>'
            % ('x' * 5000, '&a;' * 1000))
    (tmp_path / 'bomb.xml').write_bytes(bomb.encode('utf-16-be'))       # no BOM
    with gzip.open(tmp_path / 'big.jsonl.gz', 'wb', compresslevel=9) as handle:
        handle.write(b'{"title": "same"}\n' * 1_000_000)               # ~50 KB of gzip
    with gzip.open(tmp_path / 'blank.jsonl.gz', 'wb', compresslevel=9) as handle:
        handle.write(b'\n' * 1_500_000 + b'{"title": "after blanks"}\n')
    os.mkfifo(tmp_path / 'fifo.jsonl')                      # a reader without O_NONBLOCK waits
    os.symlink('/dev/zero', tmp_path / 'x.jsonl')           # never ends
    (tmp_path / 'd.jsonl').mkdir()
    return tmp_path


def test_each_hostile_input_costs_only_itself(tmp_path, monkeypatch):
    folder = _hostile_folder(tmp_path)
    real = read_module.parse_jsonl_line

    def parse(text, *args, **kwargs):
        if '"boom"' in text:
            raise RuntimeError('a bug one line trips')
        return real(text, *args, **kwargs)
    monkeypatch.setattr(read_module, 'parse_jsonl_line', parse)

    def refuse(*args, **kwargs):
        raise AssertionError('feedparser must not see an entity bomb')
    monkeypatch.setattr(feedparser, 'parse', refuse)

    settings = ReadSettings(max_records_per_file=2_000, max_decompressed_bytes=2_000_000)
    paths = [os.fsdecode(os.path.join(os.fsencode(folder), name))
             for name in os.listdir(os.fsencode(folder))]
    with TestPipeline() as p:
        out = p | ReadInputs(paths, settings, matched=True)
        titles = out['records'] | beam.Map(lambda r: r['title'])
        assert_that(titles | 'CountTitles' >> beam.combiners.Count.PerElement()
                    | 'DropGoodLines' >> beam.Filter(lambda kv: not kv[0].startswith('g')),
                    equal_to([('t1', 1), ('t2', 1), ('t3', 1), ('authors five', 1),
                              ('fine', 1), ('n1', 1), ('n2', 1), ('same', 2000),
                              ('after blanks', 1)]), label='NamedRecords')
        assert_that(titles | 'KeepGoodLines' >> beam.Filter(lambda t: t.startswith('g'))
                    | 'CountGoodLines' >> beam.combiners.Count.Globally(), equal_to([1000]),
                    label='GoodLines')
        assert_that(out['dead_letter'] | beam.Map(_where), equal_to([
            ('items.jsonl:4', 'parse_error'),
            ('items.jsonl:5', 'too_deep'),
            ('feed.json#entry-1', 'too_deep'),
            ('feed.json#entry-2', 'bad_json'),
            ('bomb.xml', 'unsafe_xml'),
            ('big.jsonl.gz:2001', 'too_large'),
            ('fifo.jsonl', 'not_a_regular_file'),
            ('x.jsonl', 'not_a_regular_file'),
            ('d.jsonl', 'not_a_regular_file'),
        ]), label='DeadLetters')
        # everything leaves the stage serialisable (the undecodable name included)
        assert_that((out['records'], out['dead_letter']) | beam.Flatten()
                    | 'Serialise' >> beam.Map(lambda r: bool(to_json_line(r)))
                    | 'CountAll' >> beam.combiners.Count.Globally(),
                    equal_to([1000 + 8 + 2000 + 9]), label='AllSerialisable')


def test_records_name_an_undecodable_file_with_escapes(tmp_path):
    name = os.fsdecode(b'caf\xe9.jsonl')
    (tmp_path / name).write_text('{"title": "n"}\n[1]\n')
    os.mkfifo(tmp_path / 'fifo.jsonl')
    with TestPipeline() as p:
        out = p | ReadInputs([str(tmp_path / '*.jsonl')])     # matched here, by the glob
        names = out['records'] | beam.Map(lambda r: os.path.basename(r['provenance']['input']))
        assert_that(names, equal_to(['caf\\xe9.jsonl']), label='Records')
        assert_that(out['dead_letter'] | beam.Map(_where),
                    equal_to([('caf\\xe9.jsonl:2', 'bad_json'),
                              ('fifo.jsonl', 'not_a_regular_file')]), label='DeadLetters')


def test_a_file_replaced_by_a_fifo_after_listing_never_blocks(tmp_path):
    path = tmp_path / 'late.rss'
    os.mkfifo(path)
    with pytest.raises(read_module.InputError) as err:
        read_module.read_file_bytes(str(path), 100)
    assert err.value.reason == 'not_a_regular_file' and 'FIFO' in err.value.message


def test_settings_have_every_cap_and_refuse_nonsense():
    settings = from_mapping(ReadSettings, {'max_depth': 8, 'max_feed_entries': 10,
                                           'max_decompressed_bytes': 1 << 20}, 'read')
    limits = settings.format_limits()
    assert (limits.max_depth, limits.max_feed_entries) == (8, 10)
    for bad in ({'max_depth': 0}, {'max_depth': 500}, {'max_records_per_file': 0},
                {'max_feed_tags': -1}, {'max_field_chars': 0}, {'max_parse_seconds': 0}):
        with pytest.raises(SettingsError):
            from_mapping(ReadSettings, bad, 'read')
    with pytest.raises(SettingsError) as err:
        from_mapping(ReadSettings, {'max_parse_secs': 10}, 'read')
    assert 'allowed:' in str(err.value)
    orjson.dumps(settings.__dict__)


def test_a_parse_over_its_time_budget_is_one_timeout_dead_letter(tmp_path, monkeypatch):
    """A runaway parse (a pure-Python loop that never ends) costs its own file only."""
    import apache_beam as beam
    from apache_beam.testing.test_pipeline import TestPipeline
    from apache_beam.testing.util import assert_that, equal_to

    import transforms.read as read_module
    from transforms.read import ReadInputs, ReadSettings

    def runaway(text, location, limits=None):
        if 'RUNAWAY' in text:
            while True:
                pass
        return real(text, location, limits) if limits else real(text, location)
    real = read_module.parse_article_text
    monkeypatch.setattr(read_module, 'parse_article_text', runaway)
    (tmp_path / 'a.txt').write_text('RUNAWAY\n\nbody\n')
    (tmp_path / 'b.txt').write_text('Headline of b\n\nA body that parses as usual.\n')
    settings = ReadSettings(max_parse_seconds=0.3)
    with TestPipeline() as p:
        out = p | ReadInputs([str(tmp_path / '*.txt')], settings)
        assert_that(out['records'] | beam.Map(lambda r: r['title']),
                    equal_to(['Headline of b']), label='GoodFileRead')
        assert_that(out['dead_letter'] | beam.Map(lambda d: (d['error']['reason'],
                                                             d['input']['location'][-5:])),
                    equal_to([('timeout', 'a.txt')]), label='RunawayStopped')
