import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from transforms.model import new_item
from transforms.steps import ApplyStep, merge_tags


def _items():
    return [new_item(id='a', title='Busan port strike', body='Dockers in Busan'),
            new_item(id='b', title='Chess', body='A quiet game')]


def port_tagger(item, ports):
    text = item['title'] + ' ' + item['body']
    return {'places': [{'id': f'port:{p.lower()}', 'name': p} for p in ports if p in text]}


def keep_ports(item, word='port'):
    return (word in item['title'], f'no {word!r} in title')


def shout(item):
    item['title'] = item['title'].upper()
    item['extra']['shouted'] = True
    return item


def broken(item):
    raise RuntimeError('boom')


def wrong_shape(item):
    return {'weather': [{'id': 'x', 'name': 'y'}]}


def test_tag_step_adds_tags_with_provenance():
    with TestPipeline() as p:
        out = p | beam.Create(_items()) | ApplyStep('tag', port_tagger, {'ports': ['Busan']},
                                                    'ports')
        assert_that(out['items'] | beam.Map(lambda i: (i['id'], i['tags']['places'],
                                                       i['provenance'].get('tags', []))),
                    equal_to([('a', [{'id': 'port:busan', 'name': 'Busan'}],
                               [{'kind': 'places', 'id': 'port:busan', 'step': 'ports'}]),
                              ('b', [], [])]))


def test_filter_step_moves_items_with_reason():
    with TestPipeline() as p:
        out = p | beam.Create(_items()) | ApplyStep('filter', keep_ports, {}, 'ports_only')
        assert_that(out['items'] | 'Kept' >> beam.Map(lambda i: i['id']), equal_to(['a']),
                    label='Kept')
        assert_that(out['filtered'] | 'Dropped' >> beam.Map(lambda i: (i['id'], i['filtered'])),
                    equal_to([('b', {'filter': 'ports_only', 'reason': "no 'port' in title"})]),
                    label='Filtered')


def test_normalize_step_and_failures_go_to_dead_letter():
    with TestPipeline() as p:
        items = p | beam.Create(_items())
        ok = items | 'Shout' >> ApplyStep('normalize', shout)
        bad = items | 'Broken' >> ApplyStep('tag', broken)
        odd = items | 'Odd' >> ApplyStep('tag', wrong_shape)
        assert_that(ok['items'] | 'Titles' >> beam.Map(lambda i: (i['title'], i['extra'])),
                    equal_to([('BUSAN PORT STRIKE', {'shouted': True}),
                              ('CHESS', {'shouted': True})]), label='Shouted')
        assert_that(bad['dead_letter'] | 'BadReasons' >> beam.Map(
            lambda d: (d['error']['stage'], d['error']['reason'], d['error']['message'])),
            equal_to([('broken', 'step_error', 'RuntimeError: boom')] * 2), label='Broken')
        assert_that(bad['items'], equal_to([]), label='NothingPassesABrokenStep')
        assert_that(odd['dead_letter'] | 'OddReasons' >> beam.Map(lambda d: d['error']['reason']),
                    equal_to(['step_error'] * 2), label='WrongShape')


def test_merge_tags_validates():
    item = new_item(id='a')
    with pytest.raises(ValueError, match='unknown tag kind'):
        merge_tags(item, {'weather': []}, 's')
    with pytest.raises(ValueError, match='needs "id" and "name"'):
        merge_tags(item, {'places': [{'id': 'x'}]}, 's')
    merge_tags(item, {'places': [{'id': 'x', 'name': 'X'}, {'id': 'x', 'name': 'X'}]}, 's')
    assert item['tags']['places'] == [{'id': 'x', 'name': 'X'}]
