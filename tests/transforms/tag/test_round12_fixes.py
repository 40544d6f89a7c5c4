"""Issue 14, twelfth round: fixes found on real_dev7 (labelled blind, measured, then looked at),
each with the text that showed it and near misses.

- 자민당 / 자유민주당 (and 自由民主党) name both Japan's LDP and Germany's FDP: the country named
  beside it decides.
"""
import pytest

from tests.transforms.tag.shipped import tag_text


def _names(tagger, body, lang, kind='organizations'):
    return {t['name'] for t in tag_text(tagger, body, lang)[kind]}


@pytest.mark.parametrize('lang,body,party', [
    ('ko', '독일 자민당 대표는 베를린에서 연정 협상을 중단했다.', 'Free Democratic Party (Germany)'),
    ('ko', '일본 자민당 총재 선거에서 이시바 시게루가 승리했다.', 'Liberal Democratic Party (Japan)'),
    # a Japanese prime minister named is context enough
    ('ko', '자민당 총재 선거에서 이시바 시게루가 승리했다.', 'Liberal Democratic Party (Japan)'),
    ('de', 'Die FDP verlässt die Koalition in Berlin.', 'Free Democratic Party (Germany)'),
    ('ja', '自民党の総裁選で石破茂氏が勝利した。', 'Liberal Democratic Party (Japan)'),
])
def test_the_liberal_democrats_by_their_country(tagger, lang, body, party):
    assert _names(tagger, body, lang) == {party}


def test_the_korean_short_name_alone_names_no_party(tagger):
    assert _names(tagger, '자민당은 내일 회의를 연다.', 'ko') == set()
