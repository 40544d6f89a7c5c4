"""Ingestion-time windows, the late-data policy, per-window files and summaries (TestStream on
the DirectRunner's streaming mode)."""
import glob
import json
import os

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.testing.test_stream import TestStream
from apache_beam.testing.util import assert_that, equal_to
from apache_beam.transforms import window

from transforms.stream import (SummarizeWindows, WindowIntoPanes, WindowLayout, WriteTooLate,
                               WriteWindowFiles)
from transforms.stream.windows import LATE_PANE, window_label

T0 = 1767225600          # 2026-01-01T00:00:00Z: event times of these tests
LAYOUT = WindowLayout(60, 120)


def _options():
    options = PipelineOptions()
    options.view_as(StandardOptions).streaming = True
    return options


def _record(name: str) -> dict:
    return {'title': name, 'provenance': {'input': f'file:///in/{name}.jsonl'}, 'hints': {}}


def _at(name: str, seconds: float):
    return window.TimestampedValue(_record(name), T0 + seconds)


def _events():
    """W1 = [T0, T0+60): a, b out of order; c late within the lateness (the watermark passed
    60, not 180); d after W1 closed (watermark at 200 > 60 + 120). W2 = [T0+60, T0+120): e."""
    return (TestStream()
            .advance_watermark_to(T0)
            .add_elements([_at('b', 40), _at('a', 10)])
            .advance_watermark_to(T0 + 70)
            .add_elements([_at('c', 30)])
            .add_elements([_at('e', 90)])
            .advance_watermark_to(T0 + 200)
            .add_elements([_at('d', 20)])
            .advance_watermark_to_infinity())


def _where(record, win=beam.DoFn.WindowParam):
    pane = LAYOUT.pane(win)
    yield record['title'], pane.label, pane.part


def test_layout_names_windows_and_their_late_panes():
    w1 = window.IntervalWindow(T0, T0 + 60)
    late = LAYOUT.late_window(w1)
    assert late.start.micros == (T0 + 180) * 10**6 and late.end - late.start == LATE_PANE
    assert LAYOUT.is_late(late) and not LAYOUT.is_late(w1)
    assert LAYOUT.origin(late) == w1 and LAYOUT.origin(w1) == w1
    assert LAYOUT.pane(w1) == ('20260101T000000Z', 'on_time', float(T0))
    assert LAYOUT.pane(late) == ('20260101T000000Z', 'late', float(T0))
    assert LAYOUT.pane(late).suffix == '-late' and LAYOUT.pane(w1).suffix == ''
    # a late pane window never equals a fixed window, even when the lateness is a multiple
    # of the window (180 = 3 x 60): the next windows start there
    assert late != window.IntervalWindow(T0 + 180, T0 + 240)
    assert window_label(T0 + 61.5) == '20260101T000101Z'
    with pytest.raises(ValueError, match='not a streaming window'):
        LAYOUT.pane(window.GlobalWindow())


@pytest.mark.parametrize('args, message', [((0.5, 10), 'window_seconds'),
                                           ((60, -1), 'allowed_lateness'),
                                           (('60', 10), 'window_seconds')])
def test_layout_refuses_bad_values(args, message):
    with pytest.raises(ValueError, match=message):
        WindowLayout(*args)


def test_panes_out_of_order_late_and_too_late():
    with beam.Pipeline(options=_options()) as p:
        panes = {'records': p | _events()} | WindowIntoPanes(LAYOUT)
        assert_that(panes['records'] | 'Where' >> beam.ParDo(_where), equal_to([
            ('a', '20260101T000000Z', 'on_time'), ('b', '20260101T000000Z', 'on_time'),
            ('c', '20260101T000000Z', 'late'), ('e', '20260101T000100Z', 'on_time')]),
            label='Panes')
        assert_that(panes['records'] | 'Ingested' >> beam.Map(
            lambda r: (r['title'], r['hints']['ingested_at'])), equal_to([
                ('a', '2026-01-01T00:00:10.000Z'), ('b', '2026-01-01T00:00:40.000Z'),
                ('c', '2026-01-01T00:00:30.000Z'), ('e', '2026-01-01T00:01:30.000Z')]),
            label='IngestedAt')
        assert_that(panes['too_late'] | 'TooLate' >> beam.Map(
            lambda d: (d['error']['stage'], d['error']['reason'], d['input']['excerpt'],
                       d['input']['location'])),
            equal_to([('stream', 'late', 'd', 'file:///in/d.jsonl')]), label='TooLate')


def test_source_dead_letters_are_windowed_and_never_stamped():
    dead = {'error': {'stage': 'read', 'reason': 'empty', 'message': 'empty file'},
            'input': {'location': 'file:///in/x.jsonl', 'excerpt': None}}
    events = (TestStream().advance_watermark_to(T0)
              .add_elements([window.TimestampedValue(dead, T0 + 5)])
              .advance_watermark_to_infinity())
    with beam.Pipeline(options=_options()) as p:
        panes = {'dead_letter': p | events} | WindowIntoPanes(LAYOUT)
        assert_that(panes['dead_letter'] | beam.ParDo(
            lambda d, w=beam.DoFn.WindowParam: [(d, LAYOUT.pane(w).part)]),
            equal_to([(dead, 'on_time')]))


def _read_jsonl(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f]


def test_window_files_once_per_pane_and_summaries_balance(tmp_path):
    out = str(tmp_path)
    with beam.Pipeline(options=_options()) as p:
        panes = {'records': p | _events()} | WindowIntoPanes(LAYOUT)
        records = panes['records']
        written = records | 'WriteItems' >> WriteWindowFiles(out, 'items', LAYOUT)
        labels = ((records | 'LabelRead' >> beam.Map(lambda r: 'read'),
                   records | 'LabelItems' >> beam.Map(lambda r: 'items'),
                   written | 'LabelWritten' >> beam.Map(lambda row: (f'output.{row[0]}', row[1])))
                  | beam.Flatten())
        labels | SummarizeWindows(out, LAYOUT, 'run-1', heartbeat=True)
        panes['too_late'] | WriteTooLate(out, LAYOUT, 'run-1')

    names = sorted(os.path.basename(p) for p in glob.glob(os.path.join(out, '*.jsonl')))
    assert names[:3] == ['dead_letter-20260101T000000Z-late-' + names[0].rsplit('-', 1)[1],
                         'items-20260101T000000Z-late.jsonl', 'items-20260101T000000Z.jsonl']
    assert names[3:] == ['items-20260101T000100Z.jsonl']
    assert sorted(r['title'] for r in _read_jsonl(os.path.join(
        out, 'items-20260101T000000Z.jsonl'))) == ['a', 'b']
    assert [r['title'] for r in _read_jsonl(os.path.join(
        out, 'items-20260101T000000Z-late.jsonl'))] == ['c']
    assert [r['error']['reason'] for r in _read_jsonl(os.path.join(out, names[0]))] == ['late']
    assert not glob.glob(os.path.join(out, '.*.tmp')), 'a temporary file was left behind'

    with open(os.path.join(out, 'windows', '20260101T000000Z.json')) as f:
        w1 = json.load(f)
    assert w1['counts'] == {'read': 4, 'items': 3, 'duplicates': 0, 'dead_letter': 1,
                            'filtered': 0, 'seen_before': 0}
    assert w1['balanced'] and w1['start'] == '2026-01-01T00:00:00Z'
    assert w1['end'] == '2026-01-01T00:01:00Z'
    digest = names[0][:-len('.jsonl')].rsplit('-', 1)[1]
    assert {name: pane['counts']['read'] for name, pane in w1['panes'].items()} == {
        'on_time': 2, 'late': 1, f'too_late-{digest}': 1}
    assert w1['breakdown'] == {'dead_letter.stream.late': 1, 'output.dead_letter': 1,
                               'output.items': 3}
    with open(os.path.join(out, 'streaming.json')) as f:
        total = json.load(f)
    assert total['counts']['read'] == 5 and total['counts']['items'] == 4
    assert total['balanced'] and total['panes'] == 4
    assert total['windows'] == ['20260101T000000Z', '20260101T000100Z']


def test_a_pane_written_again_is_counted_once(tmp_path):
    """A retried summary write replaces its pane; the window and the running total are
    recomputed from the pane files, so nothing counts twice."""
    from transforms.stream.summary import record_pane
    from transforms.stream.windows import Pane
    out = str(tmp_path)
    pane = Pane('20260101T000000Z', 'on_time', float(T0))
    labels = {'read': 3, 'items': 2, 'dead_letter': 1, 'dead_letter.read.empty': 1}
    first = record_pane(out, pane, 'on_time', labels, 'run-1', 60)
    again = record_pane(out, pane, 'on_time', labels, 'run-1', 60)
    assert first == again and again['counts']['read'] == 3 and again['balanced']
    late = record_pane(out, pane._replace(part='late'), 'late', {'read': 1, 'items': 0},
                       'run-1', 60)
    assert late['counts']['read'] == 4 and not late['balanced']
    assert late['panes']['late']['balanced'] is False
    with open(os.path.join(out, 'streaming.json')) as f:
        total = json.load(f)
    assert total['counts']['read'] == 4 and total['panes'] == 2 and not total['balanced']
    assert total['breakdown'] == {'dead_letter.read.empty': 1}
