"""build_pipeline() on the bundled samples, checked with TestPipeline + assert_that."""
import dataclasses
import os

import apache_beam as beam
import yaml
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline.assembly import build_pipeline
from pipeline.config import REPO_ROOT, load_config
from pipeline.steps import resolve_steps
from pipeline.config import StepSpec
from transforms.context import RunContext

EXPECTED = yaml.safe_load(open(os.path.join(REPO_ROOT, 'tests', 'data', 'samples_expected.yaml'),
                               encoding='utf-8'))
RUN = RunContext(run_id='test-run', started_at='2026-11-27T00:00:00Z')


def _config(tmp_path, steps=()):
    config = load_config(os.path.join(REPO_ROOT, 'configs', 'local.yaml'))
    return dataclasses.replace(
        config, state=dataclasses.replace(config.state, dir=str(tmp_path / 'state')),
        steps=tuple(steps))


def _count(pcoll, label):
    return pcoll | f'Count{label}' >> beam.combiners.Count.Globally()


def test_whole_pipeline_on_the_samples(tmp_path):
    config = _config(tmp_path)
    with TestPipeline() as p:
        out = build_pipeline(p, config, RUN, files=list(config.inputs.files), feeds=[])
        assert out['filtered'] is None and out['outcomes'] is None
        reads = ((out['records'], out['read_dead_letter']) | 'AllReads' >> beam.Flatten())
        assert_that(_count(reads, 'Reads'), equal_to([EXPECTED['read']]), label='Read')
        assert_that(_count(out['items'], 'Items'), equal_to([EXPECTED['items']]), label='Items')
        assert_that(_count(out['duplicates'], 'Dups'), equal_to([EXPECTED['duplicates']]),
                    label='Duplicates')
        assert_that(out['dead_letter'] | 'Reasons' >> beam.Map(lambda d: d['error']['reason']),
                    equal_to([reason for reason, n in EXPECTED['dead_letter'].items()
                              for _ in range(n)]), label='DeadLetters')
        seed = (out['items']
                | 'Seed' >> beam.Filter(lambda i: i['source']['domain'] == 'wowkorea.jp')
                | 'SeedFields' >> beam.Map(lambda i: (
                    i['published'], i['language'], i['languages'].get('title_original'),
                    {'North Korea', 'Russia', 'Ukraine', 'South Korea'} <= {
                        t['name'] for t in i['tags']['places']},
                    [t['id'] for t in i['tags']['categories']])))
        assert_that(seed, equal_to([('2024-12-06T06:34:00Z', 'id', 'ja', True,
                                     ['commentary'])]), label='SeedItem')
        dup_check = (out['duplicates']
                     | 'DupShape' >> beam.Map(lambda d: bool(d['dedup']['duplicate_of'])
                                              and d['dedup']['method'] in
                                              ('url', 'guid', 'content', 'near')))
        assert_that(dup_check, equal_to([True] * EXPECTED['duplicates']), label='DupShape')


def test_user_steps_are_wired_in_their_stages(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(os.path.dirname(__file__))  # as a user's own package would be
    steps = resolve_steps((
        StepSpec(stage='filter', use='steps_example:require_body', params={'min_chars': 10 ** 6}),
    ))
    config = _config(tmp_path)
    with TestPipeline() as p:
        out = build_pipeline(p, config, RUN, files=list(config.inputs.files), feeds=[],
                             steps=steps)
        kept = EXPECTED['items'] + EXPECTED['duplicates']
        assert_that(_count(out['items'], 'Items'), equal_to([0]), label='NothingLeft')
        assert_that(_count(out['filtered'], 'Filtered'), equal_to([kept]), label='AllFiltered')
