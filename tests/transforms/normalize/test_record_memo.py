"""The language memo: one model answer per distinct (sample, prior), the same items."""
import copy

from transforms.context import RunContext
from transforms.model import new_raw_record
from transforms.normalize import Normalizer, NormalizeSettings

RUN = RunContext(run_id='memo', started_at='2026-11-27T06:00:00Z')


def _raw(title, body):
    return new_raw_record(kind='feed', location='https://example.com/rss', fmt='rss20',
                          parser='test', entry=0, title=title, body=body,
                          url='https://example.com/a', published='Sun, 01 Dec 2024 01:51:00 +0000')


def test_a_repeated_item_asks_the_detector_once_and_gets_the_same_answer():
    normalizer = Normalizer(NormalizeSettings(), RUN)
    calls = []
    detect = normalizer.languages.detect
    normalizer.languages.detect = lambda text, prior=None: calls.append((text, prior)) or \
        detect(text, prior)
    body = ('Pejabat di Jakarta mengumumkan anggaran pada hari Senin, menurut Antara. '
            'Para analis memperingatkan dampak pelabuhan terhadap perekonomian.')
    raw = _raw('Jakarta approved budget after long talks with partners', body)
    first = normalizer(copy.deepcopy(raw))
    asked = len(calls)
    second = normalizer(copy.deepcopy(raw))
    assert len(calls) == asked == 2
    assert first == second
    assert first['languages'] == {'title': 'en', 'body': 'id'}


def test_the_same_sample_under_another_prior_is_asked_again():
    normalizer = Normalizer(NormalizeSettings(), RUN)
    title = 'Jakarta, Indonesia: officials approved the budget'
    fresh = Normalizer(NormalizeSettings(), RUN, language_model=normalizer.languages.model)
    a = normalizer(_raw(title, 'Pejabat di Jakarta mengumumkan anggaran pada hari Senin.'))
    b = normalizer(_raw(title, 'Officials in Jakarta announced the budget on Monday.'))
    assert b['languages'] == fresh(_raw(title, 'Officials in Jakarta announced the budget on '
                                               'Monday.'))['languages']
    assert a['languages']['body'] == 'id' and b['languages']['body'] == 'en'
