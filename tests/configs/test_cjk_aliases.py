"""The build's guard against Han aliases that are common words (scripts/gazetteer_sources.py
``common_han_word``), and its result in the shipped gazetteer: Chinese and Japanese text is
matched without word boundaries, so a region or town named like a word tags every use of it."""
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GAZ = ROOT / "configs" / "gazetteer"


def _places():
    out = []
    for name in ("regions.jsonl", "towns.jsonl", "cities.jsonl", "places.jsonl"):
        with open(GAZ / name, encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


PLACES = _places()


def _owners(alias):
    return {e["name"] for e in PLACES if alias in e["aliases"]["zh"] + e["aliases"]["ja"]}


@pytest.mark.parametrize("alias", [
    "高原",     # "plateau": short form of Nigeria's 高原省 (Plateau State)
    "大成",     # Dacheng (CN, 85,000): 集大成, and a given-name part
    "太平",     # "peace": Vietnam's Thái Bình (太平省 stays)
    "西岸",     # "west bank": New Zealand's West Coast
    "中枢",     # "centre, nerve centre": Zhongshu (CN)
    "日本語",   # GeoNames junk on Baidoa (SO)
])
def test_common_han_words_are_no_place_aliases(alias):
    assert not _owners(alias)


@pytest.mark.parametrize("alias", ["四川", "广东", "京都", "大分", "北海道", "湛江", "宝鸡",
                                   "高原省", "太平省", "夏威夷"])
def test_han_place_names_stay(alias):
    assert _owners(alias), f"{alias} missing"


def test_common_han_word_rule():
    for module in ("wordfreq",):
        pytest.importorskip(module)
    spec = importlib.util.spec_from_file_location(
        "gazetteer_sources", ROOT / "scripts" / "gazetteer_sources.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    word = mod.common_han_word
    assert word("高原", "NG", None) and word("大成", "CN", 84_620) and word("日光", "JP", 77_661)
    # provinces, prefectures and big towns of the Han-writing countries keep their names
    assert not word("四川", "CN", None) and not word("大分", "JP", 478_146)
    assert not word("日照", "CN", 661_943)
    # transliterations of foreign names are no Japanese words; non-Han names are not judged
    assert not word("夏威夷", "US", None) and not word("阿拉斯加", "US", None)
    assert not word("Plateau", "NG", None)
