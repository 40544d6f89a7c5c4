"""Language identification: script rules, abstention on short text, no confident wrong answers."""
from __future__ import annotations

import json
import pathlib

import pytest

from transforms.normalize.language import LanguageDetector, LanguageOptions, script_counts

SAMPLES = json.loads((pathlib.Path(__file__).resolve().parents[2] / 'data' / 'normalize'
                      / 'language_samples.json').read_text(encoding='utf-8'))


@pytest.fixture(scope='module')
def detector():
    return LanguageDetector()


def _gold(label: str) -> str:
    return label.split('-', 1)[1] if label.startswith('mixed-') else label


@pytest.mark.parametrize('kind, min_right', [('titles', 0.8), ('texts', 0.95)])
def test_labelled_samples_never_confidently_wrong(detector, kind, min_right):
    results = [(_gold(label), text, detector.detect(text)) for label, text in SAMPLES[kind]]
    wrong = [(gold, got, text) for gold, text, got in results if got is not None and got != gold]
    assert wrong == []
    right = sum(1 for gold, _, got in results if got == gold)
    assert right / len(results) >= min_right, (right, len(results))


@pytest.mark.parametrize('text, expected', [
    ('日銀が金利を据え置き', 'ja'), ('한국은행 기준금리 동결', 'ko'), ('BTS 정국, 새 앨범 발표', 'ko'),
    ('iPhone 16の販売台数が過去最高に', 'ja'), ('รัฐบาลประกาศมาตรการ', 'th'),
    ('Η κυβέρνηση ανακοίνωσε', 'el'), ('הממשלה אישרה את התקציב', 'he'),
])
def test_script_decides_for_single_language_scripts(detector, text, expected):
    assert detector.detect(text) == expected


@pytest.mark.parametrize('text', ['', '123 456', 'OK', '???', 'Apple unveils iPhone',
                                  'Banjir rendam ribuan', 'Paris Berlin Madrid', '東京'])
def test_unsure_means_none(detector, text):
    assert detector.detect(text) is None


def test_candidates_restrict_answers():
    restricted = LanguageDetector(LanguageOptions(candidates=('en', 'de')))
    text = 'Le gouvernement a présenté mercredi un projet de réforme des retraites.'
    assert restricted.detect(text) is None
    assert restricted.detect('日銀が金利を据え置き') is None
    assert restricted.detect('Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen.') == 'de'


def test_model_loads_lazily():
    fresh = LanguageDetector()
    assert fresh._model is None
    assert fresh.detect('日銀が金利を据え置き') == 'ja'       # decided by script: no model needed
    assert fresh._model is None
    assert fresh.detect('The central bank left its main interest rate unchanged on Thursday.') == 'en'
    assert fresh._model is not None


def test_script_counts():
    assert script_counts('abc') == {'Latn': 3}
    assert script_counts('iPhoneの発売') == {'Latn': 6, 'Jpan': 3}
    assert script_counts('中国央行') == {'Hani': 4}
    assert script_counts('Москва') == {'CYRILLIC': 6}


class _StubModel:
    """A fastText stand-in with a fixed, uncertain answer."""

    def __init__(self, labels, probs):
        self.answer = (tuple(f'__label__{label}' for label in labels), tuple(probs))

    def predict(self, text, k=1):
        return self.answer[0][:k], self.answer[1][:k]


class _StubSecond:
    def __init__(self, answer):
        self.answer = answer
        self.calls = 0

    def classify(self, text):
        self.calls += 1
        return self.answer


def _stubbed(labels, probs, second):
    detector = LanguageDetector(model=_StubModel(labels, probs))
    detector._second = _StubSecond(second)
    return detector


TEXT = 'Pemerintah umumkan kebijakan subsidi baru hari ini'   # 7 words, Latin


def test_uncertain_answer_needs_agreement_of_the_second_model():
    assert _stubbed(['id', 'ms'], [0.40, 0.30], ('id', 0.7)).detect(TEXT) == 'id'
    assert _stubbed(['id', 'ms'], [0.40, 0.30], ('ms', 0.9)).detect(TEXT) is None
    assert _stubbed(['id', 'ms'], [0.40, 0.30], ('id', 0.3)).detect(TEXT) is None
    assert _stubbed(['id', 'ms'], [0.10, 0.05], ('id', 0.99)).detect(TEXT) is None


def test_prior_from_the_body_replaces_the_second_model():
    detector = _stubbed(['id', 'ms'], [0.40, 0.30], ('ms', 0.9))
    assert detector.detect(TEXT, prior='id') == 'id'
    assert detector._second.calls == 0
    assert detector.detect(TEXT, prior='en') is None


def test_confident_answer_in_the_wrong_script_is_refused():
    assert _stubbed(['ru', 'en'], [0.99, 0.01], ('ru', 1.0)).detect(TEXT) is None
    assert _stubbed(['en', 'de'], [0.99, 0.01], ('en', 1.0)).detect(TEXT) == 'en'


def test_second_opinion_can_be_switched_off():
    detector = LanguageDetector(LanguageOptions(second_opinion=False), model=_StubModel(['id', 'ms'], [0.4, 0.3]))
    detector._second = _StubSecond(('id', 0.99))
    assert detector.detect(TEXT) is None
    assert detector._second.calls == 0
