"""Small towns of the gazetteer's wide tier (scripts/gazetteer_sources.py, issue 14): GeoNames
places of 5,000 to 15,000 inhabitants join under names that need context."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("wordfreq")
pytest.importorskip("gender_guesser")
pytest.importorskip("pycountry")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import gazetteer_sources as gs  # noqa: E402


class _Cache:
    def __init__(self, cities):
        self._cities = {c["geonameid"]: c for c in cities}

    def get_cities(self):
        return self._cities


def _city(gid, name, iso, pop, lat=52.0, lon=9.0):
    return {"geonameid": gid, "name": name, "countrycode": iso, "population": pop,
            "latitude": lat, "longitude": lon, "alternatenames": []}


def _names(cities, reserved=frozenset(), small=True):
    big = [c for c in cities if c["population"] >= 15_000]
    ents = gs.generated_cities(_Cache(big), set(), {}, 15_000, lambda alt, name: {},
                               _Cache(cities) if small else None, reserved)
    return {e["name"]: e for e in ents}


def test_small_town_joins_with_every_alias_ambiguous():
    ents = _names([_city(1, "Hannover", "DE", 500_000), _city(2, "Wunstorf", "DE", 14_000)])
    assert ents["Wunstorf"]["ambiguous"] == sorted(
        {a for forms in ents["Wunstorf"]["aliases"].values() for a in forms})
    assert "Wunstorf" in ents["Wunstorf"]["ambiguous"]
    assert ents["Hannover"]["ambiguous"] == []          # bigger towns are as before


def test_small_towns_are_off_without_the_second_cache():
    assert "Wunstorf" not in _names([_city(2, "Wunstorf", "DE", 14_000)], small=False)


@pytest.mark.parametrize("cities,reserved", [
    # a name two towns of the country share (which one?)
    ([_city(3, "Neustadtbergen", "DE", 9_000), _city(4, "Neustadtbergen", "DE", 7_000)], ()),
    # a name a bigger town already has, anywhere
    ([_city(5, "Wunsiedelberg", "AT", 500_000), _city(6, "Wunsiedelberg", "DE", 9_000)], ()),
    # a curated place's or a region's name, or an ISO 3166-2 subdivision's (a département)
    ([_city(7, "Wunstorf", "DE", 9_000)], ("wunstorf",)),
    ([_city(8, "Vendée", "FR", 9_000)], ()),
    # a frequent word of a tagged language, a given name
    ([_city(9, "Wetter", "DE", 9_000)], ()),
    ([_city(10, "Natalie", "DE", 9_000)], ()),
    # a country outside SMALL_TOWN_COUNTRIES
    ([_city(11, "Wadowice", "PL", 9_000)], ()),
    ([_city(12, "Helsby", "GB", 9_000)], ()),
])
def test_small_town_names_left_out(cities, reserved):
    ents = _names(cities, frozenset(reserved))
    assert not [e for e in ents.values() if e["_population"] < 15_000]


def test_small_town_in_drop_yaml_left_out():
    cities = [_city(13, "Schengen", "LU", 5_000)]
    ents = gs.generated_cities(_Cache([]), set(), {}, 15_000, lambda alt, name: {},
                               _Cache(cities), frozenset(), {"Schengen": ["Schengen"]})
    assert not ents


def _district_names(name, zh):
    """The English names of a Chinese GeoNames town whose Chinese names are ``zh``."""
    (ent,) = gs.generated_cities(_Cache([_city(14, name, "CN", 1_000_000, 29.35, 105.89)]),
                                 set(), {}, 15_000, lambda alt, n: {"zh": zh})
    return ent["aliases"]["en"]


def test_a_chinese_district_listed_as_a_town_has_its_english_district_name():
    # (round 38, rd40-zh-02: 永川区 is "Yongchuan District", as china_divisions writes one)
    assert _district_names("Yongchuan", ["永川区", "永川區"]) == ["Yongchuan",
                                                                 "Yongchuan District"]


def test_a_chinese_town_is_no_district():
    assert _district_names("Foshan", ["佛山", "佛山市"]) == ["Foshan"]
