"""NormalizeItems in a TestPipeline: items out, dead letters out, nothing lost, nothing fatal;
its DoFn alone for the errors a record cannot raise through the normalizer."""
from __future__ import annotations

import pathlib

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from transforms.context import RunContext
from transforms.formats.article import parse_article_text
from transforms.model import DEAD_LETTER_TAG, Reason, new_raw_record
from transforms.normalize import NormalizeItems, NormalizeSettings
from transforms.normalize.transform import _NormalizeFn

SEED = pathlib.Path(__file__).resolve().parents[2] / 'data' / 'normalize' / 'seed_article.txt'
RUN = RunContext(run_id='test-run', started_at='2026-11-27T06:00:00Z')


def _feed_record(entry, **fields):
    return new_raw_record(kind='feed', location='https://example.com/feed.xml', fmt='rss20',
                          parser='feedparser', entry=entry, **fields)


def test_normalize_items_splits_items_and_dead_letters():
    seed = parse_article_text(SEED.read_text(encoding='utf-8'), 'seed.txt')
    good = _feed_record(0, title='Rates held', url='https://example.com/a?utm_source=x',
                        body='<p>The central bank left its main interest rate unchanged on Thursday.</p>', hints={'html': ['body']})
    markup_only = _feed_record(1, title='<img src=x>', body='<script>alert(1)</script>',
                               hints={'html': ['title', 'body']})
    wrong_type = _feed_record(2, title='ok')
    wrong_type['body'] = {'unexpected': 'shape'}

    with TestPipeline() as pipeline:
        out = (pipeline | beam.Create([seed, good, markup_only, wrong_type])
               | NormalizeItems(NormalizeSettings(), RUN))
        assert_that(
            out['items'] | 'Summarise' >> beam.Map(
                lambda i: (i['title'][:9], i['language'], i['published'], i['canonical_url'],
                           i['source']['domain'], i['provenance']['run_id'])),
            equal_to([
                ('Pertemuan', 'id', '2024-12-06T06:34:00Z', None, 'wowkorea.jp', 'test-run'),
                ('Rates hel', 'en', None, 'https://example.com/a', 'example.com', 'test-run'),
            ]), label='CheckItems')
        assert_that(
            out['dead_letter'] | 'Reasons' >> beam.Map(
                lambda d: (d['error']['stage'], d['error']['reason'], d['input']['location'])),
            equal_to([
                ('normalize', Reason.NO_CONTENT, 'https://example.com/feed.xml'),
                ('normalize', Reason.NORMALIZE_ERROR, 'https://example.com/feed.xml'),
            ]), label='CheckDeadLetters')


def test_non_dict_element_is_dead_lettered_not_fatal():
    with TestPipeline() as pipeline:
        out = pipeline | beam.Create(['not a record']) | NormalizeItems(NormalizeSettings(), RUN)
        assert_that(out['items'], equal_to([]), label='NoItems')
        assert_that(out['dead_letter'] | beam.Map(lambda d: d['error']['reason']),
                    equal_to([Reason.NORMALIZE_ERROR]), label='OneDeadLetter')


def test_transform_validates_its_arguments():
    with pytest.raises(ValueError, match='settings'):
        NormalizeItems({'default_timezone': 'UTC'}, RUN)
    with pytest.raises(ValueError, match='run'):
        NormalizeItems(NormalizeSettings(), 'run')
    with pytest.raises(ValueError, match='default_timezone'):
        NormalizeItems(NormalizeSettings(default_timezone='Mars/Olympus'), RUN)


class _Raising:
    def __init__(self, error: BaseException):
        self.error = error

    def __call__(self, raw):
        raise self.error


@pytest.mark.parametrize('error', [RecursionError('maximum recursion depth exceeded'),
                                   OverflowError('int too large to convert to float'),
                                   ValueError('Exceeds the limit (4300 digits)')])
def test_an_unexpected_error_dead_letters_that_record(error):
    fn = _NormalizeFn(NormalizeSettings(), RUN)
    fn._normalizer = _Raising(error)
    raw = _feed_record(0, title='x')
    raw['provenance']['input'] = ['not', 'a', 'path']
    [output] = list(fn.process(raw))
    assert output.tag == DEAD_LETTER_TAG
    assert output.value['error']['reason'] == Reason.NORMALIZE_ERROR
    assert output.value['error']['message'].startswith(type(error).__name__)
    assert output.value['input'] == {'location': None, 'excerpt': 'x'}


def test_a_deep_or_odd_non_record_gives_a_short_excerpt():
    fn = _NormalizeFn(NormalizeSettings(), RUN)
    fn._normalizer = _Raising(RecursionError())
    deep = 'x'
    for _ in range(5000):
        deep = [deep]
    for element in (deep, 10 ** 5000, {'k': deep}):
        [output] = list(fn.process(element))
        assert len(output.value['input']['excerpt']) <= 300


def test_memory_error_fails_the_bundle_to_be_retried():
    fn = _NormalizeFn(NormalizeSettings(), RUN)
    fn._normalizer = _Raising(MemoryError())
    with pytest.raises(MemoryError):
        list(fn.process(_feed_record(0, title='x')))
