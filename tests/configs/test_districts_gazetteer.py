"""Checks on the districts and second-level units of the shipped gazetteer: districts.jsonl
(curated/districts.yaml) and the second-level regions generated from ISO 3166-2
(scripts/gazetteer_sources.py: generated_subregions, overrides in curated/regions.yaml).

They hold whole classes (every French département, British county and London borough, Irish
county ...), and none of them takes a word as an unconditional name.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

GAZ = Path(__file__).resolve().parents[2] / "configs" / "gazetteer"


def _read(name: str) -> list[dict]:
    return [json.loads(line) for line in (GAZ / name).read_text(encoding="utf-8").splitlines()]


DISTRICTS = _read("districts.jsonl")
REGIONS = _read("regions.jsonl")
PLACES = [e for f in sorted(GAZ.glob("*.jsonl")) for e in _read(f.name) if e["kind"] == "place"]
BY_NAME: dict[str, list[dict]] = {}
for _e in PLACES:
    BY_NAME.setdefault(_e["name"], []).append(_e)


def _one(name: str, country: str) -> dict:
    found = [e for e in BY_NAME.get(name, []) if e.get("country") == country]
    assert len(found) == 1, (name, country, found)
    return found[0]


def _aliases(e: dict) -> set[str]:
    return {a for forms in e["aliases"].values() for a in forms}


def test_districts_shape():
    assert len(DISTRICTS) >= 100
    for e in DISTRICTS:
        # districts.yaml also holds cities GeoNames lacks in their own script (Seongnam, 성남시)
        # a disputed islet (Liancourt Rocks, a landform), Panmunjom, and the rivers of a country's
        # own news (Havel, Guadiana: water bodies): places below a country, linked as such
        assert e["type"] in ("district", "region", "city", "landform", "landmark",
                             "water_body"), e
        assert e["tier"] == "wide" and e["country"] and e["coordinates"], e
        assert e["id"] == e["id"].lower() and f"-{e['country'].lower()}" in e["id"], e


def test_second_level_classes_complete():
    """Whole classes: (almost) every French département and Irish county, London's boroughs."""
    counts = Counter(e["country"] for e in REGIONS if e["id"].rsplit("-", 1)[-1].isdigit()
                     and e["country"] == "FR")
    assert counts["FR"] >= 85           # 96 less those left out (Nord, Manche) or given way
    assert sum(1 for e in REGIONS if e["name"].startswith("County ") and e["country"] == "IE") == 26
    for borough in ("Hackney", "Tower Hamlets", "Southwark", "Lambeth", "Camden", "Westminster",
                    "Kensington and Chelsea", "Richmond upon Thames"):
        assert _one(borough, "GB")["type"] == "region"


@pytest.mark.parametrize("name,country,aliases", [
    ("Bouches-du-Rhône", "FR", ["Bouches-du-Rhône", "Bouches-du-Rhone"]),
    ("Aude", "FR", ["Aude"]),
    ("Finistère", "FR", ["Finistère"]),
    ("Seine-Saint-Denis", "FR", ["Seine-Saint-Denis"]),
    ("County Cork", "IE", ["County Cork", "Co. Cork", "Co Cork"]),
    ("South Tyrol", "IT", ["Südtirol"]),
    ("Flemish Brabant", "BE", ["Vlaams-Brabant", "Brabant flamand"]),
    ("Upper Bavaria", "DE", ["Oberbayern"]),
    ("The Bronx", "US", ["Bronx"]),
    ("Gangnam District", "KR", ["강남구", "Gangnam"]),
    ("Garzê Tibetan Autonomous Prefecture", "CN", ["甘孜州", "甘孜藏族自治州"]),
    ("Friedrichshain-Kreuzberg", "DE", ["Friedrichshain-Kreuzberg"]),
])
def test_forms_local_news_writes(name, country, aliases):
    e = _one(name, country)
    missing = [a for a in aliases if a not in _aliases(e)]
    assert not missing, missing
    assert not set(aliases) & set(e["ambiguous"]), e["ambiguous"]


@pytest.mark.parametrize("name,country,alias", [
    ("Ain", "FR", "Ain"),                     # Ras al-Ain
    ("Landes", "FR", "Landes"),               # German "des Landes"
    ("Var", "FR", "Var"),
    ("Lot", "FR", "Lot"),
    ("County Kerry", "IE", "Kerry"),          # John Kerry
    ("County Clare", "IE", "Clare"),
    ("Kent", "GB", "Kent"),
    ("Highland", "GB", "Highland"),
    ("Trafford", "GB", "Trafford"),           # Old Trafford
    ("Tiergarten", "DE", "Tiergarten"),
    ("Sachsenhausen", "DE", "Sachsenhausen"),
])
def test_words_and_given_names_need_context(name, country, alias):
    assert alias in _one(name, country)["ambiguous"]


@pytest.mark.parametrize("alias,country", [
    ("Nord", "FR"), ("Manche", "FR"),         # a word; the English Channel
    ("Pisa", "IT"), ("Como", "IT"), ("Milano", "IT"),   # towns kept out as short, or the town's
    ("Trente", "IT"), ("Bozen", "IT"),        # ISO's translations of the towns Trento, Bolzano
    ("ケリー", "IE"), ("クレア", "IE"),          # Kerry, Clare: persons in Japanese news
])
def test_left_out(alias, country):
    owners = [e["name"] for e in REGIONS + DISTRICTS
              if e.get("country") == country and alias in _aliases(e)]
    assert not owners, owners


def test_no_province_beside_its_town():
    """A province named after its town is left to the town (Barcelona, Sevilla)."""
    for name in ("Barcelona", "Sevilla", "Lugo", "Pisa", "Milano", "Torino"):
        assert not [e for e in REGIONS if e["name"] == name and e["country"] in ("ES", "IT")]
