"""Japanese and Chinese one-character country abbreviations (米 the US, 露 Russia, 仏 France ...) read
where Japanese news writes them - in runs (日米首脳会談), before an institution (米政府, 英紙),
before a katakana or Latin name (仏パリ, 米グーグル), as a headline's subject (米、) - and
nowhere else: 米 is rice, 日 day, 中 middle and 朝 morning; and Chinese ones (俄乌冲突, 中美关系,
中方, 以军) where 美 is "beautiful", 法 "law" and 以 "by means of" (transforms/tag/abbreviations.py)."""
import pytest

from tests.transforms.tag.shipped import tag_text
from transforms.tag.abbreviations import chinese_abbreviations, japanese_abbreviations


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
    # context only: the abbreviation confirms its country's ambiguous names (パリ alone is no
    # place) but tags no country itself (labellers do not count 日米同盟 or 米ノースカロライナ州)
    ('仏パリで会談した。', {'Paris'}),
    ('パリで会談した。', set()),
    ('日米首脳会談が行われた。', set()),
    ('米国の国務長官は声明を出した。', {'United States'}),
    ('日中は暑くなる見込み。', set()),
])
def test_shipped_tagger_reads_them_as_context(tagger, body, expected):
    assert {t['name'] for t in tag_text(tagger, body, 'ja')['places']} == expected


def _zh(text):
    return [code for _start, _stop, code in chinese_abbreviations(text)]


@pytest.mark.parametrize('text,codes', [
    ('俄乌冲突进入第三年。', ['RU', 'UA']),
    ('中美关系面临挑战。', ['CN', 'US']),
    ('美日韩三国举行联合军演。', ['US', 'JP', 'KR']),
    ('巴以冲突持续升级。', ['PS', 'IL']),
    ('印巴边境局势紧张。', ['IN', 'PK']),
    ('外交部发言人表示，中方坚决反对美方的做法。', ['CN', 'US']),
    ('以军对加沙发动空袭。', ['IL']),
    ('据以军称，行动仍在继续。', ['IL']),
    ('美媒报道称', ['US']),
    ('所以中美关系很重要', ['CN', 'US']),       # 所以 "so": the run starts after it
    ('其中美日关系', ['US', 'JP']),             # 其中 "among them"
])
def test_chinese_abbreviations_read(text, codes):
    assert _zh(text) == codes


@pytest.mark.parametrize('text', [
    '美丽的风景', '美股周五收跌。', '立法方面的问题', '违法军人', '所以军方表示', '其中美国',
    '冠军', '中美洲', '欧美关系', '王朝方面', '今日美股', '日本方面表示',
    '日米首脳会談が行われた。',                 # Japanese (kana): its own rules
])
def test_no_chinese_abbreviation_where_the_character_is_a_word(text):
    assert _zh(text) == []


@pytest.mark.parametrize('body,expected', [
    ('俄乌冲突进入第三年。', set()),
    ('以军对加沙发动空袭。', {'Gaza Strip'}),
    ('这里的风景很美丽，法律规定很严格。', set()),
])
def test_shipped_tagger_tags_no_country_for_chinese_ones(tagger, body, expected):
    assert {t['name'] for t in tag_text(tagger, body, 'zh')['places']} == expected


def test_abbreviation_confirms_an_ambiguous_place_of_its_country():
    # a gazetteer of its own: an ambiguous city alias counts with its country's abbreviation
    from transforms.tag.gazetteer import parse_entity
    from transforms.tag.matcher import EntityMatcher
    matcher = EntityMatcher([
        parse_entity({'id': 'Q142', 'name': 'France', 'kind': 'place', 'type': 'country',
                      'country': 'FR', 'aliases': {'ja': ['フランス']}}),
        parse_entity({'id': 'Q90', 'name': 'Paris', 'kind': 'place', 'type': 'capital',
                      'country': 'FR', 'aliases': {'ja': ['パリ']}, 'ambiguous': ['パリ']}),
    ])
    found = matcher.find({'title': '仏パリで会談した。'})
    assert [(m.entity.name, m.rule, m.context) for m in found] == [('Paris', 'in_context', 'FR')]
    assert matcher.find({'title': 'パリで会談した。'}) == []
