"""Acceptance on the seed article, and TagItems in a TestPipeline."""
import os

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from transforms.model import Reason, new_item
from transforms.tag import TagItems, TagSettings, Tagger, tag_item
from transforms.tag.settings import REPO_ROOT

DATA = os.path.join(REPO_ROOT, 'tests', 'data', 'tagging')
FIXTURE = os.path.join(DATA, 'gazetteer.jsonl')
SHIPPED = TagSettings()                                   # the shipped configs/ files
SMALL = TagSettings(gazetteer_paths=(FIXTURE,))


def seed_item():
    """The seed article as the reader and normalizer lay it out: the Japanese headline without
    its <W解説> marker as title_original, the Indonesian headline as title, the rest as body."""
    with open(os.path.join(DATA, 'seed_article.txt'), encoding='utf-8') as fh:
        lines = [line.strip() for line in fh.read().splitlines() if line.strip()]
    body = ' '.join(lines[2:-2])                          # drop dateline and copyright
    return new_item(
        title_original=lines[0].replace('<W解説>', ''), title=lines[1], body=body,
        language='id', languages={'title': 'id', 'title_original': 'ja', 'body': 'id'},
        tags={'persons': [], 'organizations': [], 'places': [], 'topics': [],
              'categories': [{'id': 'w解説', 'name': 'W解説'}]})


def names(item, kind):
    return {t['name'] for t in item['tags'][kind]}


@pytest.mark.parametrize('settings', [SHIPPED, SMALL], ids=['shipped', 'fixture'])
def test_seed_article_acceptance(settings):
    out = tag_item(seed_item(), Tagger.from_settings(settings))
    assert {'North Korea', 'Russia', 'Ukraine', 'South Korea'} <= names(out, 'places')
    assert {'Vladimir Putin', 'Andrey Belousov'} <= names(out, 'persons')
    assert any('Yonhap' in n for n in names(out, 'organizations'))
    assert 'conflict_defence' in {t['id'] for t in out['tags']['topics']}
    assert {'id': 'commentary', 'name': 'Commentary'} in out['tags']['categories']
    # the raw marker was mapped, not kept beside its mapping
    assert 'W解説' not in names(out, 'categories')
    # 'Kim Jong Il' is in the text; it is not silently turned into someone else
    assert 'Kim Jong Il' not in names(out, 'persons') or any(
        p['alias'] == 'Kim Jong Il' for p in out['provenance']['tags'])
    places = {t['name']: t for t in out['tags']['places']}
    assert places['North Korea']['country'] == 'KP' and len(places['North Korea']['coordinates']) == 2
    for kind in ('persons', 'organizations', 'places', 'topics', 'categories'):
        tags = out['tags'][kind]
        assert len({t['id'] for t in tags}) == len(tags)
        assert tags == sorted(tags, key=lambda t: (t['name'], t['id']))
        for tag in tags:
            assert any(p['kind'] == kind and p['id'] == tag['id']
                       for p in out['provenance']['tags']), (kind, tag)


def test_seed_article_through_reader_and_normalizer():
    """The same acceptance on what the article reader and the normalize stage really emit."""
    article = pytest.importorskip('transforms.formats.article')
    normalize = pytest.importorskip('transforms.normalize')
    from transforms.context import RunContext
    with open(os.path.join(DATA, 'seed_article.txt'), encoding='utf-8') as fh:
        raw = article.parse_article_text(fh.read(), 'seed_article.txt')
    item = normalize.normalize_record(raw, normalize.NormalizeSettings(),
                                      RunContext('test', '2024-12-06T00:00:00Z'))
    out = tag_item(item, Tagger.from_settings(SHIPPED))
    assert {'North Korea', 'Russia', 'Ukraine', 'South Korea'} <= names(out, 'places')
    assert {'Vladimir Putin', 'Andrey Belousov'} <= names(out, 'persons')
    assert 'conflict_defence' in {t['id'] for t in out['tags']['topics']}
    assert 'commentary' in {t['id'] for t in out['tags']['categories']}


def _summary(item):
    return (item['title'], tuple(sorted(t['id'] for t in item['tags']['places'])),
            tuple(sorted(t['id'] for t in item['tags']['persons'])))


def _reason(record):
    return (record['error']['stage'], record['error']['reason'], record['input']['location'])


def test_tag_items_in_a_pipeline():
    good = new_item(title='Putin in Moscow', body='Vladimir Putin spoke in Moscow.')
    plain = new_item(title='Nothing to see', body='Weather was fine.')
    bad = new_item(title='Broken', url='https://example.test/broken')
    bad['body'] = 12345                                   # not text: a data error
    with TestPipeline() as p:
        out = (p | beam.Create([good, plain, bad]) | TagItems(SMALL))
        assert_that(out['items'] | 'Summarise' >> beam.Map(_summary), equal_to([
            ('Putin in Moscow', ('Q649',), ('Q7747',)),
            ('Nothing to see', (), ())]), label='CheckItems')
        assert_that(out['dead_letter'] | 'Reasons' >> beam.Map(_reason), equal_to([
            ('tag', Reason.TAG_ERROR, 'https://example.test/broken')]), label='CheckDeadLetter')


def _raising_tagger(item):
    if item['title'] == 'boom':
        raise RuntimeError('user tagger failed')
    return {'topics': [{'id': 'ports', 'name': 'Ports'}]}


def test_user_tagger_in_the_pipeline_and_its_failure_goes_to_dead_letter():
    items = [new_item(title='fine', body='Busan'), new_item(title='boom', body='x')]
    with TestPipeline() as p:
        out = p | beam.Create(items) | TagItems(SMALL, taggers=[_raising_tagger])
        assert_that(out['items'] | 'Topics' >> beam.Map(
            lambda i: (i['title'], [t['id'] for t in i['tags']['topics']])),
            equal_to([('fine', ['ports'])]), label='CheckItems')
        assert_that(out['dead_letter'] | 'Messages' >> beam.Map(lambda d: d['error']['message']),
                    equal_to(['RuntimeError: user tagger failed']), label='CheckDeadLetter')


def test_tag_items_validates_arguments():
    with pytest.raises(ValueError, match='TagSettings'):
        TagItems({'gazetteer_paths': []})
    with pytest.raises(ValueError, match='taggers'):
        TagItems(SMALL, taggers=['not a tagger'])


def test_tag_items_counts_in_out_and_dead_letters():
    from apache_beam.metrics.metric import MetricsFilter
    bad = new_item(title='Broken')
    bad['title'] = 7
    p = TestPipeline()
    _ = p | beam.Create([new_item(title='Putin in Moscow'), bad]) | TagItems(SMALL)
    result = p.run()
    result.wait_until_finish()
    counters = {c.key.metric.name: c.committed
                for c in result.metrics().query(MetricsFilter().with_namespace('tag'))['counters']}
    assert counters['items_in'] == 2
    assert counters['items_out'] == 1
    assert counters['dead_letter'] == 1
    assert counters['tags_places'] == 1 and counters['tags_persons'] == 1
