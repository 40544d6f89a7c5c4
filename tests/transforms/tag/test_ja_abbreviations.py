"""Japanese one-character country abbreviations (米 the US, 露 Russia, 仏 France ...) read
where Japanese news writes them - in runs (日米首脳会談), before an institution (米政府, 英紙),
before a katakana or Latin name (仏パリ, 米グーグル), as a headline's subject (米、) - and
nowhere else: 米 is rice, 日 day, 中 middle and 朝 morning (transforms/tag/abbreviations.py)."""
import pytest

from tests.transforms.tag.shipped import tag_text
from transforms.tag.abbreviations import japanese_abbreviations


def _codes(text):
    return [code for _start, _stop, code in japanese_abbreviations(text)]


@pytest.mark.parametrize('text,codes', [
    ('日米首脳会談が行われた。', ['JP', 'US']),
    ('米韓合同軍事演習が始まった。', ['US', 'KR']),
    ('日米豪印の4カ国が協議した。', ['JP', 'US', 'AU', 'IN']),
    ('米中が関税で合意した。', ['US', 'CN']),
    ('露大統領府は声明を出した。', ['RU']),
    ('米政府は制裁を発表した。', ['US']),
    ('英紙ガーディアンが報じた。', ['GB']),
    ('独首相は辞任を否定した。', ['DE']),
    ('仏パリで会談した。', ['FR']),
    ('米グーグルは新製品を発表した。', ['US']),
    ('英BBCによると', ['GB']),
    ('米、対中関税を引き上げ', ['US']),
    ('日中関係は改善した。', ['JP', 'CN']),          # 日中 before a head: the two countries
])
def test_abbreviations_read(text, codes):
    assert _codes(text) == codes


@pytest.mark.parametrize('text', [
    '日中は暑くなる見込み。',          # 日中: "in the daytime"
    '米価が上昇した。',                # rice prices
    '中越地震から20年がたった。',      # 中越: a region of Niigata
    '欧米諸国は非難した。',            # 欧米: "the West"
    'その中、彼は走った。',            # 中: "among"
    '朝、雨が降った。',                # 朝: "morning"
    '参加企業が増えた。',              # 加 inside a word
    '英語の授業',                      # 英語: English, the language
    '独自の調査によると',              # 独自: "own"
    '豪雨で川が氾濫した。',            # 豪雨: "downpour"
    '米中対立',                        # no kana: Chinese text (美 there), nothing read
])
def test_no_abbreviation_where_the_character_is_a_word(text):
    assert _codes(text) == []


@pytest.mark.parametrize('body,expected', [
    ('日米首脳会談が行われた。', {'Japan', 'United States'}),
    # the abbreviation is context for the country's ambiguous places: パリ alone is not enough
    ('仏パリで会談した。', {'France', 'Paris'}),
    ('米国務省は声明を出した。', {'United States'}),
    ('日中は暑くなる見込み。', set()),
])
def test_shipped_tagger_reads_them(tagger, body, expected):
    assert {t['name'] for t in tag_text(tagger, body, 'ja')['places']} == expected
    assert 'Paris' not in {t['name'] for t in tag_text(tagger, 'パリで会談した。', 'ja')['places']}
