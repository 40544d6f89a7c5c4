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
