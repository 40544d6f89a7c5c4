"""Second look at gazetteer mentions with the name spans of :mod:`transforms.tag.names`.

In: the matcher's mention rows with their positions (:meth:`EntityMatcher.mention_rows` with
``spans=True``), the fields' normalised texts and languages, and each field's name spans.
Out: the rows that still count, and the unlinked persons and organisations to tag.

Rules 1-4 drop places only; rule 5 drops the persons and organisations the gazetteer found
inside a longer name that is another organisation:

1. **Inside a longer name.** A place inside a longer detected name is part of that name:
   *Paris* in *Paris Agreement* or *l'accord de Paris*, *Manchester* in *Greater Manchester
   Police*, *the Americas* in *Avenue of the Americas*, *Phoenix* in *Joaquin Phoenix*.
2. **Named as a person.** Once a person span holds a word, that word alone elsewhere in the item
   is the person too (*Phoenix said ...* after *Joaquin Phoenix*; the given name too where the
   place needed context, *Norman* after *Norman Thavaud*; in Chinese a place that
   begins a later part of the name, 阿克拉 in 阿克拉姆 after 哈立德·泰穆尔·阿克拉姆). In
   Chinese, a name the detector found after a title that is also a foreign place's Chinese name
   is the person (宣传部长罗勇, not Rayong in Thailand); a place of a Chinese-speaking country
   keeps its name there (记者武汉 is Wuhan).
3. **Hyphenated names** (Latin script, not in German, whose compounds such as *Ukraine-Krieg*
   do name the place): a place joined by a hyphen to a capitalised word that is no place itself is part of
   a longer name (*Alpes-Maritimes*); *Russia-Ukraine* keeps both.
4. **Chinese and Japanese organisations named after a place**: a place followed, in the same
   word, by an organisation's head (研究所, 大学, 管理局 ...) starts that organisation's name,
   which becomes an organisation span like the detector's (瑞典“一带一路”研究所, 纽约州立大学).
   So does a person's name followed at once by such a head (约翰逊航天中心, the Johnson
   Space Center: no Boris Johnson), and a town's name followed at once by 大学 (神戸大学; a
   country's is "universities of" it, 美国大学). In Korean, a place's organs written right
   after it (강원도청, 서울경찰청: :func:`transforms.tag.names.korean_organisation`). A
   declaration, an agreement or a treaty named after the place right before it (巴黎协定,
   ポツダム宣言, 판문점 공동선언) is a document: no organisation, but the place inside does not
   count.
5. **Named after someone or something.** A listed organisation or person inside a longer
   detected name whose head makes it an institution of its own (*Harvard Law School*, *Yale
   Law School*, *Gates Foundation*, *Abraham Lincoln High School*, *Reuters Institute*: heads
   in _OWN_HEADS; and the names of rule 4) is part of that name, which is tagged instead.
6. **Russian names that end in an adjective.** A detected organisation whose last word is a
   capitalised adjective in an oblique case runs on over the lower-case adjectives and the
   noun that it qualifies (*МЧС Донецкой* -> *МЧС Донецкой народной республики*, *Минздрав
   Московской области*): the detector joins capitalised words only, and an adjective does not
   end a Russian name.

7. **Russian names in quotes.** A place written in quotes in Russian text is the name of
   something else: a club ("Химки" взяли три очка, проиграл "Химкам"), a company, a ship, a
   hotel (Russian quotes the names of such things, not of places); nor is one inside the
   quoted title of a law or a bill ("законопроект «О ... в Российской Федерации»"). In
   Latin-script text, a place inside a quoted name of two to five capitalised words that it
   does not fill is part of that name (the band „Cypress Hill“); a quoted sentence has
   lower-case words and keeps its places.

8. **Clubs named by their city** (:class:`ClubCities`, applied after the rules above): a
   city or district in a match report's words, right before or after a match verb ("Liverpool
   beat Chelsea", "Leverkusen verlor", "venció al Barcelona"), or after "against"/"gegen"/
   "contre"/"contra" in an item with a score (2-0, 3:1), is the club: the place is dropped, and
   the one listed sports club with that word in its name (Borussia Dortmund, Chelsea F.C.) is
   tagged in its place; a word several clubs share (Manchester, Madrid) is dropped only. In
   German also after a word for a league's team ("Drittligist Bielefeld", "Tabellenführer
   Leverkusen") or before a hyphen and a player's or coach's word ("Bielefeld-Trainer"); in
   English before a player's or manager's word ("Tottenham defender Danny Rose", "Chelsea
   boss"), in French after one and "de" ("le milieu de terrain de Chelsea").

9. **A German noun, not a town** (:func:`german_nouns`, applied before the rules above): a
   town's one-word name right after an article in a German field ("aufs Essen", "Die Mission
   sei beendet") is the noun the capital makes it look like; a town takes no article. So is a
   paper named by a neuter noun after a neuter article ("trübte das Bild"; the paper is "die
   Bild").

10. **A country's body in English** (:func:`possessed_bodies`, applied before the rules
    above): "Russia's Defense Ministry", "Ukraine's Air Force" name that country's body, listed
    as "Russian Defense Ministry", "Ukrainian Air Force", though the bare words name none.

11. **A Japanese politician by surname and office** (:func:`office_holder_rows`): 岸田首相,
    茂木外務大臣, 林官房長官 name the listed Japanese person of that surname when no other listed
    Japanese person bears it (Japanese news names a minister so after the first mention).

12. **A demonym or a maker's mark in Japanese and Korean** (:func:`cjk_demonyms`): a place
    followed at once by the suffix that makes a person of it or says where a thing comes from
    (日本人, 米国人, 中国産, 日本製; 중국산, 미국인, 이스라엘군) names no place, as "Japanese"
    or "Chinese-made" does not in English; nor do the places listed with it (중국·베트남산
    "Chinese- and Vietnamese-made"). 人口 (population), 人権 (human rights), 산업 (industry)
    and the like are words of their own, and the place stays. (Not Chinese, whose news counts
    中国人 as naming China.) Nor does a Japanese town that names a base (那覇基地). And Korean
    북미 before 대화, 회담, 관계, 협상 and the like is North Korea and the United States (as
    한미 is South Korea and the US), not North America: 북미 고위급 회담.

13. **A party's branch in German** (:func:`party_branches`): a place written right after a
    listed party's name (*SVP Zürich*, *SPD Berlin*, *CDU Sachsen*) names the party's branch
    there, not the place; the party stays.

14. **A namesake** (in :func:`review_mentions`, with ``given_names``): a listed person found
    by the surname alone inside a longer detected person's name whose first name is none of
    theirs (*Laura Scholz*, *Wladimir Klitschko* beside the listed Vitali Klitschko) is
    someone else: the detected name is tagged, unlinked, and the surname alone elsewhere in
    the item is that person too, unless the listed one is also named in full. A first name
    written another way counts as theirs (*Wolodymyr*, *Volodymyr*; *Владимира*, an oblique
    case), as does an initial or a short form (*J.*, *Alex*).

15. **Inside a title in book-title brackets** (:func:`titles_and_streets`): in Chinese
    and Japanese, an organisation's name found inside 《...》 or 〈...〉 that is not the whole title
    is part of the title (時代週刊, Time magazine, inside 《自由時代週刊》, the Taiwanese
    weekly); a title that is the name alone (《纽约时报》) stays. Places and persons stay: the
    labelled news counts 香港 in 《香港人權法案條例》 as naming Hong Kong.

16. **A street named after a place in Chinese** (:func:`titles_and_streets`): a place
    followed at once by 街 ("street") names the street (桂林街, 南昌街 in Hong Kong's Sham Shui
    Po), unless 街 starts a word of its own (香港街頭 "Hong Kong's streets", 街道, 街區); so
    does one followed by 商圈 ("shopping area") or 夜市 ("night market"): Taipei's 寧夏商圈 and
    四平商圈 are named for its streets, which are named for Ningxia and Siping.

17. **A Chinese name read across a word** (:func:`titles_and_streets`): a name that ends in
    军 ("forces") followed by 事 reads across the word 军事 ("military"): 美韩军事挑衅 is
    "US-South Korean military provocation", not 韩军, the South Korean forces (so for 军售 arms
    sales, 军演 drills and the other words of :data:`_ACROSS_JUN`: 对台军售, 中俄军演); and a
    district named by a direction alone (北区, Tokyo's Kita ward) after another Han character
    ends a longer district's name (重庆市渝北区), not that place, unless that character is its
    parent unit's level (东京都北区 is the ward).

18. **Another town's name in Japanese** (:func:`titles_and_streets`): a place's bare name right
    before 町 or 村 starts another municipality's name (三原市本郷町や大和町: the town of Daiwa,
    not the city of Yamato), unless the name ends in its own unit (広島市の町内会) or 町 starts
    a word (京都町家); and a bare name between 市 and 区 is a city's ward (大阪市福島区 is
    Osaka's Fukushima ward, not Fukushima), as is the same name before 区 anywhere in the text.

19. **A prize named after a person** (:func:`titles_and_streets`): a listed person's Chinese
    or Japanese name that starts a run of up to six Han characters ending in 奖/獎/賞
    (李光耀水源荣誉大奖) names the prize, unless a verb of winning or awarding follows the name
    (李光耀获奖).

20. **A surname of the person named in full** (:func:`named_surnames`, applied after the rules
    above): a listed person found by the surname alone is the person the item names in full
    with that surname, when that is someone else (the candidate María Guardiola's "equipo de
    Guardiola" is not Pep Guardiola's).

21. **An organisation named as a person's surname** (in :func:`review_mentions`): a listed
    organisation whose alias is the last word of a person the detector found ("Hans-Stephan
    Bosch", "Ferdinand Porsche") is not mentioned there; the person is.

22. **A national team in Japanese** (:func:`titles_and_streets`): a place named right before
    代表 ("representative") names the team or delegation that represents it (ブラジル代表FW,
    日本代表), not the place.

23. **A model's maker** (:func:`model_names`): an organisation joined by a hyphen to a model
    number names the model (самолеты Boeing-737, Airbus-A320), not the company.

24. **An AP state abbreviation** (:func:`state_abbreviations`): in English, a US state's or
    Canadian province's AP-style abbreviation after a place's name and a comma names the state
    ("WYNNE, Ark. (AP)", "St. John's, N.L."), and a place of another country right before the
    comma is not meant (Paris, Tex.). A state's postal code, which is often a word too (ID,
    OR, IN), names it after a US place the matcher found ("Boise, ID", "Cincinnati, OH").

25. **A national team** (:func:`national_teams`): a country or territory in a team's place in
    a sports report (before 代表 or 戦 in Japanese, 대표팀 in Korean, 队 in Chinese; after
    сборная in Russian; where rule 8 reads a club in the Latin-script languages) names its
    national team, an unlinked organisation titled as English Wikipedia titles it by sport
    and gender ("Sweden national football team", "Brazil women's national volleyball team");
    the country stays a place. In Japanese and the Latin-script languages the item must hold
    a strong keyword of the sport topic.

26. **A second surname** (:func:`second_surnames`): in Spanish and Portuguese, a place right
    after the surname of a person the item names in full is that person's second surname
    ("Monte Alejandro Rubido ... señaló Rubido García" is not García, Nuevo León).

27. **Another country's body**: moved into the matcher (``EntityMatcher._foreign_bodies``),
    which reads a generic body right after another country's name in Korean, Japanese and
    Chinese (필리핀 국방부, 菲律宾国防部) as that country's body before context confirms it.

28. **A Japanese surname** (:func:`japanese_surnames`): in Japanese, a place that a person the
    detector found begins with (石川 where 石川佳純 is named), or that a person's word follows
    (石川選手, 山口氏), is the person's surname, not the place.

29. **A ship's name** (:func:`ship_names`, :func:`ship_persons`): in German, English, French,
    Spanish and Russian, a place or person written right after a word for a ship, in quotes or
    not, names the ship (die Fregatte "Hessen", крейсер «Москва», le porte-avions
    Charles-de-Gaulle); not a Russian name the text declines, which a ship's keeps in the
    nominative ("командира воздушного судна Рустема Салихова": the aircraft's captain).

30. **A street named after a person** (:func:`street_persons`): a listed person written right
    after a word for a street, square, school or station in Russian, French and Spanish (улица
    Ленина, rue Victor Hugo, avenida Simón Bolívar), or right before one in English (Lincoln
    Memorial, Martin Luther King Jr. Boulevard), names the street, not the person; a person
    the detector found there (:func:`street_unlinked`) too.

31. **An acronym in its language** (:func:`acronyms_in_their_language`): an acronym in
    capitals that an entity lists only under other languages than the field's, and under
    neither English nor Indonesian, names nothing there (CPI, the French and Spanish acronym of
    the International Criminal Court, is the consumer price index in an English or Chinese
    report; PCC, RN).

32. **A listed politician by title and surname** (:func:`titled_surname_rows`): in the
    Latin-script languages, an office right before a bare surname names the one listed person
    of that surname whom the office fits ("Justizminister Maas", "Bundestagspräsidentin Bas"):
    a president's title the heads of state only, a head of government's title those and the
    heads of government, a minister's, senator's or parliament president's title any politician
    or official. Two who fit (President Bush, Präsident Kim) name nobody; the lists type a
    former president by what they are today (Bill Clinton, a politician like Hillary), so
    "President Clinton" names nobody either. East Asian persons go by their family name
    (President Yoon). The lists give no bare surname where it is a town, a river or a word
    (Maas).

33. **A district named after a town in Russian** (:func:`russian_districts`): a town in -ск
    or -цк matched in its instrumental (Кировском, Советском, Братском) right before a word for
    a district or a street (районе, округе, микрорайоне, проспекте, переулке ...) is the
    adjective of that district's name: "в Кировском районе Махачкалы" is the Kirovsky district,
    not the town of Kirovsk.

34. **Two bare surnames joined by "and"** (:func:`surname_pair_rows`): in the Latin-script
    languages and Russian, "Biden y Harris" or "Ortega y Murillo" name the one pair of listed
    politicians of one country who have those surnames (a ruling pair), and "Мирзиёев и Рахмон"
    the one pair of two countries' heads of state or government (a summit); a surname the
    matcher linked already keeps its person (Biden is Joe Biden, not Jill or Hunter). Surnames
    many share (Smith and Jones, Kim and Moon) name nobody.

35. **A saint's place before another name** (:func:`longer_saint_names`): in Spanish and
    Portuguese, a place named for a saint (San Francisco, Santa Ana) followed by a capitalised
    word starts a longer name the lists lack, as Latin America names its villages ("el poblado
    de San Francisco Chimalpa"); a longer name the lists hold is their own match (San Pedro
    Sula).

36. **Gyeonggi's short name** (:func:`korean_province_rows`): Korean news writes its
    provinces short (충북, 전남); 경기, Gyeonggi's, is also the word for a match and for the
    economy, so it names the province only where a province's place is certain: before one of
    its cities or counties (경기 여주시, 경기 수원), before 북부/남부, or listed with another
    region's short name (서울·경기, 충북, 경기에 이어).

37. **Stock indexes** (:func:`index_names`): an organisation whose name starts an index's
    name (S&P 500, Dow Jones Industrial Average, Nasdaq Composite, Nikkei 225, FTSE 100, Hang
    Seng Index) is not named: market news names the index, not the company or the paper.

38. **Russian regions listed before one noun** (:func:`russian_listed_regions`): Russian
    writes several oblasts or krais with the noun once, in the plural ("в Псковской, Тверской
    и Тульской областях", "Краснодарского и Ставропольского краев"); each adjective names its
    region, which the matcher, whose aliases hold the noun in the singular, cannot see.

39. **A headline's short form of a listed body** (:func:`headline_short_forms`): wire
    headlines drop a name's small words ("Gobierno se esconde tras Consejo Seguridad Nuclear"
    for the Consejo de Seguridad Nuclear the story names); a detected organisation whose words
    are those of a listed one the item names, less its articles and prepositions, is that body,
    whose tag stands for it.

40. **A place a sporting event is named by** (:func:`event_places`): in a sports report (a
    sport keyword, an athlete or a club named), "Wimbledon" is the championships ("the
    two-time Wimbledon champion", "des tournois comme Wimbledon ou Roland-Garros"), not the
    London district; the place stays in other news.

41. **An organisation's abbreviation in brackets** (:func:`bracketed_abbreviations`): an
    acronym in brackets right after an organisation's name is that name's short form ("МЧС
    Донецкой народной республики (ДНР)"), not the place the same letters name elsewhere in
    the item ("выборы прошли в ДНР").

42. **Clubs by their city or sponsor in CJK sports reports** (:meth:`ClubCities.apply_cjk`):
    a city whose name a listed club's Chinese, Japanese or Korean name is, less its club word
    (切尔西 of 切尔西队, 리버풀 of 리버풀 FC), is that club in a sports report that names another
    club or a league (曼城夺得3连胜与曼联和切尔西同分), unless it is where something happens
    (在利物浦, 리버풀에서); a Korean club's sponsor written as a word (두산과 롯데의 빅매치,
    두산-롯데전) is that club, in place of the company, unless a league's name follows it.

43. **A time zone** (:func:`time_zones`): a city before 时间/時間 (北京时间8月28日), or before
    "time" after a clock time in English ("8pm Beijing time"), names the time, not the city.

44. **A German coalition named by a flag's colours** (:func:`german_coalitions`): Jamaika,
    Kenia, Simbabwe, Afghanistan or Deutschland before a hyphen and a word of coalition talks
    ("Jamaika-Verhandlungen", "Jamaika-Aus") is the coalition, not the country.

45. **A Korean surname with a particle** (:func:`korean_name_particles`): a place whose Korean
    name is a listed person's surname, named in full in the item, and one particle (살라가 after
    모하메드 살라) is that person, not the place (Salaga, Ghana).

46. **A country after a particle ends a person's name** (:func:`_country_tails`, in rule 1's
    pass): "Joé du Libéria" is Joé of Liberia's team, where the detector reads "du" as the
    particle of a name (María Dolores de Cospedal); the name ends before the particle, and
    a given name alone left is none, so Liberia counts as the place it is. So does a detected
    body's list of tasks with a country in it: "Ministry of Defence, France and Germany" is
    the ministry and two countries ("Ministerio de Agricultura, Ganadería y Pesca" is one body).

47. **A continent a title or a cup is named by** (:func:`continental_titles`): in French,
    Spanish, Italian and Portuguese, "champion d'Europe", "la Coupe d'Afrique", "campeón de
    Europa", "Campeonato de Europa" name a title or a competition (English and German write
    an adjective or a compound: "European champion", "Europameister"), not the continent.

48. **A CJK name glossed in Latin letters** (:func:`latin_glosses`): a detected person's or
    organisation's Chinese, Japanese or Korean name followed by its Latin form in brackets
    (分析师黄文尧(Calvin Huang)) is tagged by that form, the name an English reader knows, in
    every mention of it in the item (簡嘉良(Johnny Chien) once, 簡嘉良 in eight paragraphs).

49. **A French country's name that is its people's noun** (:func:`french_demonym_nouns`):
    after a masculine article or preposition, "le Suisse H.R. Giger", "du Suisse Roger
    Federer", Suisse is a Swiss man (la Suisse, en Suisse: the country).

50. **A Russian namesake** (:func:`russian_namesakes`): a person named right after "имени" or
    "им." and any initials ("Московского художественного театра имени А.П.Чехова", "института
    им. Штернберга") names the theatre, institute or street named after them, not the person.

51. **A person in a title-case headline** (:func:`title_case_persons`): in an English headline
    that capitalises every word of four letters or more ("Lupita Nyong'o $150K Pearl Oscar
    Dress ... STOLEN!!!!"), capitals tell no name; a person detected there counts where another
    field writes its last word (the story names Lupita Nyong'o, not "Pearl Oscar Dress").

52. **A Russian club in quotes** (:meth:`ClubCities.quoted_ru`, before rule 7): in a sports
    item, a place written in quotes in a Russian field is a club: the listed club whose
    Russian name starts with the same word in the same case ("«Интер» обыграл «Барселону»"
    names FC Barcelona, "«Бавария» лидирует" FC Bayern Munich), or, for a city no listed club
    has, an unlinked club named by the city's nominative ("проиграл «Химкам»": Химки). Rule 7
    alone dropped the place only.

53. **A longer name after Grand** (:func:`grand_names`): a name matched right after a
    capitalised "Grand", "Grande" or "Gran" ends a longer name that the gazetteer does not
    hold (le Grand Raid, a race, not the RAID police unit; el Gran Hermano).

54. **A Russian championship's or federation's country** (:func:`russian_event_countries`):
    a country in the genitive right after a word for a championship ("чемпионата России",
    "Открытого чемпионата Австралии") or after a federation's word and its sport ("Федерация
    хоккея России") is the event's or the body's name, no mention of the country.

55. **A mission's country** (:func:`mission_countries`): a country right after a word for an
    embassy or a consulate ("в посольстве России в Мозамбике", "l'ambassade de France à Lomé",
    "la embajada de España", "das Generalkonsulat der Türkei", "the embassy of Russia") is
    the mission's name, no mention of the country; the city it is in still counts.

56. **A Russian body's country** (:func:`russian_body_countries`): a country in the genitive
    right after an organisation of that country ("Следственного комитета России", "ФССП
    России") is the body's full name, no mention of the country.

A detected person or organisation span that overlaps a gazetteer mention is not emitted (the
linked entity stands for it); the others become tags with ids from
:func:`transforms.tag.names.unlinked_id` and ``"linked": false``.
"""
from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from transforms.tag.names import (CJK_ORG_HEADS, NAME_DOTS, NameSpan, cjk_organisation,
                                  korean_organisation, unlinked_id)
from transforms.tag.names_cjk import JA_OFFICES
from transforms.tag.text import HAN, script_of
from transforms.tag.topics import TITLE_FIELDS

__all__ = ['review_mentions', 'Unlinked', 'ClubCities', 'german_nouns', 'country_bodies',
           'possessed_bodies', 'japanese_office_holders', 'office_holder_rows', 'cjk_demonyms',
           'french_demonym_nouns', 'russian_namesakes', 'title_case_persons',
           'named_surnames', 'model_names', 'DEMONYM_LANGUAGES', 'party_branches', 'given_names',
           'titles_and_streets', 'TITLE_LANGUAGES', 'street_persons', 'street_unlinked',
           'STREET_LANGUAGES', 'foreign_acronyms', 'acronyms_in_their_language',
           'titled_surnames', 'titled_surname_rows', 'russian_districts',
           'korean_province_rows', 'korean_word_provinces', 'russian_titled_surnames',
           'PAIR_LANGUAGES', 'index_names', 'russian_listed_regions', 'russian_region_adjectives',
           'headline_short_forms', 'event_places', 'event_place_indexes', 'EVENT_KEYWORDS',
           'bracketed_abbreviations', 'time_zones', 'TIME_ZONE_LANGUAGES', 'german_coalitions',
           'continental_titles', 'TITLE_CONTINENT_LANGUAGES', 'latin_glosses',
           'GLOSS_LANGUAGES',
           'korean_name_particles']

_NAME_DOTS = re.compile(f'[{NAME_DOTS}]')
# rule 4 after a person: the organisation heads by their first character, longest first (the
# longest one that follows); most persons are followed by none, which one look-up then tells
_CJK_HEADS: dict[str, tuple[str, ...]] = {}
for _head in sorted(CJK_ORG_HEADS, key=len, reverse=True):
    _CJK_HEADS[_head[0]] = (*_CJK_HEADS.get(_head[0], ()), _head)
del _head
# Rule 6: a capitalised Russian adjective in an oblique case (Донецкой, Московского, Северных)
# ending a name, and the lower-case adjectives (up to two) and noun that follow it
_RU_ADJECTIVE_END = re.compile(r'[А-ЯЁ][а-яё]+(?:ой|ей|ого|его|ых|их)')
_RU_PHRASE_TAIL = re.compile(r'(?: [а-яё]+(?:ой|ей|ого|его|ых|их)){0,2} [а-яё]{3,}')
# Rule 5: heads that make a name that holds another organisation's or a person's name an
# institution of its own: Harvard Law School is not Harvard University. Not the heads of a
# company's or a body's own formal name (Apple Inc., Toyota Motor Corporation, Yonhap News
# Agency), nor Press ("White House Press Secretary" is a title, not an organisation)
_OWN_HEADS = frozenset('''
School College University Institute Foundation Center Centre Museum Hospital Clinic Library
Stadium Arena Observatory Laboratory Laboratories
'''.split())


# Rule 14: letters that transliterations of one first name swap (Wolodymyr, Volodymyr;
# Jewgeni, Yevgeny; Dmitri, Dmitry), folded before two first names are compared
_TRANSLIT_FOLD = str.maketrans({'w': 'v', 'j': 'y', 'i': 'y', 'k': 'c', 'z': 's', 'ё': 'е',
                                'й': 'и', 'ы': 'и'})
_FIRST_WORD_STRIP = ".,'’"


def given_names(entities) -> tuple[frozenset | None, ...]:
    """Rule 14's look-up: per gazetteer entity, the first words of a person's aliases of two
    words or more in Latin or Cyrillic script (folded as :func:`_fold_first` does), None for
    every other entity."""
    out = []
    for e in entities:
        if e.kind != 'person':
            out.append(None)
            continue
        firsts = {_fold_first(a.split(' ', 1)[0]) for a in (e.name, *(a for _l, a in e.aliases))
                  if ' ' in a and a[0] < '\u0530'}
        firsts.discard('')
        out.append(frozenset(firsts) or None)
    return tuple(out)


def _fold_first(word: str) -> str:
    """A first name as rule 14 compares it: lower case, no accents, the letters that
    transliterations swap made one, doubled letters made single."""
    word = unicodedata.normalize('NFKD', word.strip(_FIRST_WORD_STRIP).casefold())
    word = ''.join(c for c in word if not unicodedata.combining(c))
    word = word.replace('tsch', 'ch').replace('sch', 'sh').translate(_TRANSLIT_FOLD)
    return re.sub(r'(.)\1', r'\1', word)


def _same_first_name(word: str, theirs: frozenset) -> bool:
    """Whether ``word``, the first word of a detected name, may be the first name of the
    listed person whose first names (:func:`given_names`) are ``theirs``: equal once folded,
    one the start of the other (an initial, a short form, an oblique case), or close."""
    mine = _fold_first(word)
    if not mine or mine in theirs:
        return True
    for given in theirs:
        if given.startswith(mine) or mine.startswith(given):
            return True
        if difflib.SequenceMatcher(None, mine, given).ratio() >= 0.75:
            return True
    return False


class Unlinked(NamedTuple):
    kind: str        # 'persons' | 'organizations'
    field: str
    span: NameSpan

    def tag(self) -> dict:
        kind = 'person' if self.kind == 'persons' else 'organization'
        return {'id': unlinked_id(kind, self.span.text), 'name': self.span.text, 'linked': False}


def _hyphen_joined(norm: str, start: int, stop: int, places: set) -> bool:
    """Joined by a hyphen to a capitalised word that is not a mentioned place."""
    if stop + 1 < len(norm) and norm[stop] == '-' and norm[stop + 1].isupper():
        k = stop + 1
        while k < len(norm) and (norm[k].isalpha() or norm[k] in "'’"):
            k += 1
        if (stop + 1, k) not in places:
            return True
    end = start - 1                 # the hyphen; the words before it, back over linking ones
    while end >= 1 and norm[end] == '-' and norm[end - 1].isalpha():
        k = end
        while k > 0 and norm[k - 1].isalpha():
            k -= 1
        if norm[k].isupper() and (k, end) not in places:
            return True
        if norm[k:end] not in _LINKING_WORDS:
            break
        end = k - 1                 # Centre-Val-de-Loire: "de", then "Val"
    return False


#: the lower-case words inside hyphenated French, Spanish and Italian names (Centre-Val-de-Loire,
#: Saint-Jean-de-Luz, Aix-en-Provence, Boulogne-sur-Mer)
_LINKING_WORDS = frozenset('de du des en sur sous lès lez le la les aux au et di del'.split())


def _hyphens(norm: str, language: str | None) -> bool:
    """Whether rule 3 may apply in a field: it has a hyphen and is not German."""
    return '-' in norm and (language or '') != 'de'


def _norm_span(parts: tuple, start: int, stop: int) -> tuple[int, int]:
    """A mention row's ``start, stop`` (positions in the case-folded text) in the normalised
    text of its field's :func:`fold_text` ``parts``."""
    offsets = parts[2]
    return (start, stop) if offsets is None else (offsets[start], offsets[stop - 1] + 1)


def _cjk_organisations(rows: Sequence[tuple], kinds_of: Sequence[str],
                       folded: Mapping[str, tuple], fields: list[str],
                       korean: frozenset = frozenset(),
                       country_codes: Sequence[str | None] = ()) -> dict[str, list]:
    """Rule 4: organisation spans that start with a place or a person in Chinese or Japanese
    text (:func:`transforms.tag.names.cjk_organisation`), per field. After a person the head
    must follow the name at once (约翰逊航天中心): a person is followed by a verb more often
    than a place is, and 习近平致信中国科学院 (Xi wrote to the Academy) names no
    organisation after Xi. In the ``korean`` fields, only a place's organs start one
    (:func:`transforms.tag.names.korean_organisation`: 강원도청). A university named by its
    town follows the name at once (神戸大学, 北京大学; not a country's: 美国大学 is "American
    universities"; ``country_codes[entity index]``: a country's code, None for the rest).
    A document named after a place (巴黎协定, 판문점 공동선언) gives a ``name`` span, which
    keeps the place from counting and is no organisation."""
    out: dict[str, list[NameSpan]] = {}
    listed = None           # {(field, start): stop} of the organisations the gazetteer found
    place_started: set[tuple[str, int]] = set()     # (field, start) of those a place starts
    places_before = None    # {(field, stop): start} of the places (normalised positions)
    for idx, field, _alias, _rule, _ctx, start, stop in rows:
        kind = kinds_of[idx]
        if field not in fields or kind == 'organizations':
            continue
        norm = folded[field][0]
        a, b = _norm_span(folded[field], start, stop)
        if field in korean:
            if kind != 'places':
                continue
            end = korean_organisation(norm, b)
        elif kind == 'places':
            end = cjk_organisation(norm, b)
            if (end is None and norm.startswith(_CJK_UNIVERSITY, b)
                    and not (country_codes and country_codes[idx] is not None)):
                end = b + 2
            if end is not None:
                if listed is None:
                    listed = _listed_organisations(rows, kinds_of, folded)
                listed_stop = listed.get((field, b))
                if listed_stop is not None and (listed_stop == end
                                                or norm[listed_stop:end] in _COMPANY_WORDS):
                    # 中国清华大学, 美国苹果公司 (苹果 + 公司), 日本丰田汽车公司: the place says
                    # where a listed organisation is, it does not start another one's name
                    continue
        else:
            heads = _CJK_HEADS.get(norm[b:b + 1], ())
            head = next((h for h in heads if norm.startswith(h, b)), None)
            end = None if head is None else b + len(head)
        if end is None and kind == 'places':
            # a document named after the place (판문점 공동선언, 巴黎协定, ポツダム宣言): no
            # organisation, but its place does not count
            m = (_KO_DOCUMENT_AFTER if field in korean else _CJK_DOCUMENT_AFTER).match(norm, b)
            if m is not None:
                out.setdefault(field, []).append(NameSpan('name', a, m.end(), norm[a:m.end()]))
            continue
        if end is not None:
            spans = out.setdefault(field, [])
            if (kind == 'places' and spans and spans[-1].start <= a < spans[-1].stop
                    and end == spans[-1].stop and (field, spans[-1].start) in place_started):
                # a place inside the name another place started (中國香港網球總會: 香港
                # starts 香港網球總會 too): one organisation
                continue
            if kind == 'places':
                if places_before is None:
                    places_before = {(f, p1): p0 for i, f, _al, _ru, _cx, s0, s1 in rows
                                     if f in fields and kinds_of[i] == 'places'
                                     for p0, p1 in (_norm_span(folded[f], s0, s1),)}
                # the places that name its seat right before it belong to the name (重庆市 +
                # 渝北区人民政府: Chongqing's Yubei District government), with their unit
                while True:
                    before = places_before.get((field, a - 1 if norm[a - 1:a] in _CJK_UNITS
                                                else a))
                    if before is None or before >= a:
                        break
                    a = before
                place_started.add((field, a))
            spans.append(NameSpan('organization', a, end, norm[a:end]))
    return out


_CJK_UNIVERSITY = ('大学', '大學')
# Rule 4's documents: a declaration, an agreement, a treaty or a joint statement named after the
# place right before it (Chinese and Japanese with nothing between, but the word for climate:
# 巴黎气候协定; Korean also after a space and a few syllables: 판문점 공동선언, 파리기후협약).
# Not 协议/協議, which is also a talk or a deal (日米協議, 中国签署协议).
_CJK_DOCUMENT_AFTER = re.compile('(?:气候|氣候|気候)?(?:协定|協定|宣言|条约|條約|公约|公約|联合声明|'
                                 '聯合聲明|共同声明|共同聲明|议定书|議定書)')
_KO_DOCUMENT_AFTER = re.compile(' ?[\uac00-\ud7a3]{0,4}?(?:공동선언|선언|공동성명|협정|협약|조약)'
                                '(?![하했한할될된])')
# the unit a Chinese or Japanese place's name may end in when an alias leaves it out (重庆 + 市)
_CJK_UNITS = frozenset('省市县縣区區州府都道県')
# what may follow a company's listed name in the same organisation phrase
_COMPANY_WORDS = frozenset('公司 集团 集團 有限公司 股份有限公司 株式会社'.split())


def _listed_organisations(rows: Sequence[tuple], kinds_of: Sequence[str],
                          folded: Mapping[str, tuple]) -> dict[tuple[str, int], int]:
    """``{(field, start): stop}`` of the organisation rows (positions in the normalised text;
    the longest where two start together)."""
    out: dict[tuple[str, int], int] = {}
    for idx, field, _alias, _rule, _ctx, start, stop in rows:
        if kinds_of[idx] == 'organizations':
            start, stop = _norm_span(folded[field], start, stop)
            if stop > out.get((field, start), -1):
                out[(field, start)] = stop
    return out


_OPENING_QUOTES = frozenset('«"„“')
_CLOSING_QUOTES = frozenset('»"“”')


# a quoted name in Latin-script text: two to five capitalised words in quotes („Cypress Hill“)
_QUOTED_NAME = re.compile(r'[„“"«]\s?([A-ZÀ-ÖØ-Þ][^\s„“”"«»]*(?: [A-ZÀ-ÖØ-Þ][^\s„“”"«»]*){1,4})'
                          r'\s?[“”"»]')
_QUOTED_NAME_LANGUAGES = frozenset({'en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'id'})


# Russian: the title of a law, a bill or a decree in quotes, which names its subject ("законопроект
# «О внесении изменений в Федеральный закон «Об основах социального обслуживания граждан в
# Российской Федерации»"): the places inside are the title's words
_RU_TITLE_BEFORE = re.compile(r'(?:закон|законопроект|кодекс|указ|постановлени|распоряжени)'
                              r'[а-яё]* «')


def _ru_titles(norm: str, cache: dict) -> list[tuple[int, int]]:
    """The spans of the quoted titles of laws in Russian ``norm`` (cached by text in ``cache``):
    from the opening quote to the one that closes it (quotes nest), or to the sentence's end
    where the text leaves it open."""
    found = cache.get(norm)
    if found is not None:
        return found
    found = []
    if '«' in norm:
        for m in _RU_TITLE_BEFORE.finditer(norm):
            depth, at = 0, m.end() - 1
            while at < len(norm):
                char = norm[at]
                if char == '«':
                    depth += 1
                elif char == '»':
                    depth -= 1
                    if depth == 0:
                        break
                elif char in '.!?\n' and (at + 1 == len(norm) or norm[at + 1] in ' \n'):
                    break
                at += 1
            found.append((m.end(), at))
    cache[norm] = found
    return found


def _quoted_places(rows: Sequence[tuple], kinds_of: Sequence[str], folded: Mapping[str, tuple],
                   languages: Mapping[str, str | None]) -> set[int]:
    """Rule 7: the indexes of the place rows written in quotes in a Russian field or inside the
    quoted title of a law there (:func:`_ru_titles`), and of those inside a quoted name of
    capitalised words in a Latin-script field that they do not fill (the band „Cypress
    Hill“)."""
    fields = [field for field, parts in folded.items()
              if languages.get(field) in ('ru', 'uk') and ('"' in parts[0] or '«' in parts[0])]
    names: dict[str, list[tuple[int, int]]] = {}
    for field, parts in folded.items():
        # (a substring test per quote: a set's isdisjoint(text) makes a string of each
        # character of the text, 12 us on a 1,000-character one)
        if languages.get(field) in _QUOTED_NAME_LANGUAGES and any(
                quote in parts[0] for quote in _OPENING_QUOTES):
            found = [m.span(1) for m in _QUOTED_NAME.finditer(parts[0])]
            if found:
                names[field] = found
    if not fields and not names:
        return set()
    out = set()
    titles: dict[str, list] = {}
    for n, (idx, field, _alias, _rule, _ctx, start, stop) in enumerate(rows):
        if kinds_of[idx] != 'places' or (field not in fields and field not in names):
            continue
        norm = folded[field][0]
        a, b = _norm_span(folded[field], start, stop)
        if field in fields:
            if a and norm[a - 1] in _OPENING_QUOTES and norm[b:b + 1] in _CLOSING_QUOTES:
                out.add(n)
            elif any(first <= a and b <= last for first, last in _ru_titles(norm, titles)):
                out.add(n)
        elif any(first <= a and b <= last and (a, b) != (first, last)
                 for first, last in names[field]):
            out.add(n)
    return out


# Rule 9: a German article or a preposition fused with one right before a word ("aufs Essen",
# "das Essen", "Die Mission", "in der Halle", "im Hof"): a town's name takes none
_DE_ARTICLE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:[Dd](?:as|ie|er|em|en)|[Ee]in(?:e[mnr]?)?|aufs|ins|ans|beim|vom|zum|zur|im) $")
# ... and a name that is a neuter noun after a neuter article: the paper is "die Bild" ("laut
# Bild", "der Bild sagte"), the noun "das Bild" ("trübte das Bild", "ein Bild machen", "im Bild")
_DE_NEUTER_NOUN_NAMES = frozenset({'Bild'})
_DE_NEUTER_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:[Dd](?:as|em|ieses|iesem)|[Ee]in(?:em)?|[Kk]ein(?:em)?|ins|aufs|ans|beim|vom"
    r"|zum|im|am) $")


def german_nouns(rows: Sequence[tuple], is_town: Sequence[bool], folded: Mapping[str, tuple],
                 languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 9: ``rows`` without the towns named by one word right after an article in a German
    field: German writes its nouns with a capital, and a town that is also a noun (Essen
    "food", Halle "hall", Hof "yard", Mission) is the noun there; a town's name takes no
    article (a country or region may: "im Iran", "die Schweiz", and those are kept). The same
    for a paper named by a neuter noun after a neuter article ("trübte das Bild").
    ``is_town[entity index]``: the entity is a city (not a capital, a district or a region)."""
    drop = set()
    for n, row in enumerate(rows):
        idx, field, alias = row[0], row[1], row[2]
        if languages.get(field) != 'de' or ' ' in alias:
            continue
        if is_town[idx]:
            before = _DE_ARTICLE_BEFORE
        elif alias in _DE_NEUTER_NOUN_NAMES:
            before = _DE_NEUTER_BEFORE
        else:
            continue
        parts = folded[field]
        a = _norm_span(parts, row[5], row[6])[0]
        if a > 2 and before.search(parts[0], max(0, a - 7), a):
            drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


#: rule 33: the nouns a district's or a street's adjective comes before, in the locative and
#: instrumental the adjective's -ом agrees with
_RU_DISTRICT_AFTER = re.compile(
    r' (?:районе|районом|округе|округом|микрорайоне|поселении|сельсовете|проспекте|переулке|'
    r'бульваре|шоссе|проезде)(?![\w-])')


def russian_districts(rows: Sequence[tuple], kinds_of: Sequence[str], folded: Mapping[str, tuple],
                      languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 33: ``rows`` without the towns in -ск or -цк matched in a Russian field by their
    instrumental (Кировском) right before a district's or a street's noun (районе): the
    adjective of a name such as Кировский район, which the same word also writes."""
    return _without_followed(
        rows, folded, _RU_DISTRICT_AFTER,
        lambda row: (languages.get(row[1]) == 'ru' and row[2].endswith(('ском', 'цком'))
                     and ' ' not in row[2] and kinds_of[row[0]] == 'places'))


def _without_followed(rows: Sequence[tuple], folded: Mapping[str, tuple], after: re.Pattern,
                      candidate) -> list[tuple]:
    """``rows`` without those that ``candidate(row)`` picks out and ``after`` matches right
    after, in the field's normalised text (rules 33, 35 and 44)."""
    drop = set()
    for n, row in enumerate(rows):
        if candidate(row):
            parts = folded[row[1]]
            if after.match(parts[0], _norm_span(parts, row[5], row[6])[1]):
                drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


def _without_preceded(rows: Sequence[tuple], folded: Mapping[str, tuple], before: re.Pattern,
                      reach: int, candidate) -> list[tuple]:
    """``rows`` without those that ``candidate(row)`` picks out and ``before`` (anchored at its
    end) matches right before, within ``reach`` characters of the field's normalised text
    (rules 47, 49, 53, 54 and 55)."""
    drop = set()
    for n, row in enumerate(rows):
        if candidate(row):
            parts = folded[row[1]]
            start = _norm_span(parts, row[5], row[6])[0]
            if before.search(parts[0], max(0, start - reach), start) is not None:
                drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


#: rule 37: what follows a company's or paper's name that makes it a stock index's: "S&P 500",
#: "Nikkei 225", "FTSE 100", "Dow Jones Industrial Average", "Nasdaq Composite", "Hang Seng
#: Index" (a number of fewer than four digits, not a model's: "Boeing 737", "Airbus A320")
_INDEX_AFTER = re.compile(
    r' (?:(?:500|400|600|100|225|250|40|50)(?![\w.,-]\d)(?! (?:million|billion|km|miles|people))'
    r'|(?:Industrial|Transportation|Utility) Average|Composite\b|[Ii]ndex\b|[Ii]ndices\b)')


def index_names(rows: Sequence[tuple], kinds_of: Sequence[str],
                folded: Mapping[str, tuple]) -> list[tuple]:
    """Rule 37: ``rows`` without an organisation whose name starts a stock index's (S&P 500,
    Dow Jones Industrial Average, Nasdaq Composite, Nikkei 225, Hang Seng Index): market news
    names the index, not the company or the paper it is named after."""
    return _without_followed(rows, folded, _INDEX_AFTER,
                             lambda row: kinds_of[row[0]] == 'organizations')


#: rule 53: the capitalised adjective a longer name starts with, right before a match
_GRAND_BEFORE = re.compile(r'(?<![\w-])(?:Grand|Grande|Gran) $')


def grand_names(rows: Sequence[tuple], folded: Mapping[str, tuple]) -> list[tuple]:
    """Rule 53: ``rows`` without the matches right after a capitalised "Grand", "Grande" or
    "Gran" (le Grand Raid, el Gran Hermano): the last word of a longer name the gazetteer does
    not hold, whose first word its own alias would have matched with it (Grand Rapids, Gran
    Bretaña)."""
    return _without_preceded(rows, folded, _GRAND_BEFORE, 7, lambda row: True)


#: rule 35: a saint's name that starts a place's name, and a capitalised word right after it
_SAINT_NAMES = ('san ', 'santa ', 'santo ', 'são ', 'sao ')
_NEXT_NAME_WORD = re.compile(r' [A-ZÁÉÍÓÚÑ][a-záéíóúñü]{3,}(?![\w-])')
SAINT_LANGUAGES = frozenset({'es', 'pt'})


def longer_saint_names(rows: Sequence[tuple], kinds_of: Sequence[str],
                       folded: Mapping[str, tuple],
                       languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 35: ``rows`` without a place named for a saint (San Francisco, Santa Ana) that a
    capitalised word follows in a Spanish or Portuguese field: the first words of a longer name
    the lists do not hold, as Latin America names its towns and villages ("el poblado de San
    Francisco Chimalpa", San Andrés Tuxtla), not the city of that name. A longer name the lists
    hold is their match already (San Pedro Sula)."""
    return _without_followed(
        rows, folded, _NEXT_NAME_WORD,
        lambda row: (languages.get(row[1]) in SAINT_LANGUAGES and kinds_of[row[0]] == 'places'
                     and row[2].casefold().startswith(_SAINT_NAMES)))


# rule 36: a Korean province whose short name is also a common word (경기: match, economy), by
# that short name; where it names the province: its cities and counties after it (Gyeonggi's
# 31, written with or without 시/군), its parts (북부, 남부), and the other regions' short names a
# list of places puts beside it
_KO_WORD_PROVINCES = {'경기': '경기도'}
_KO_PROVINCE_TOWNS = {'경기': frozenset('''
수원 성남 의정부 안양 부천 광명 평택 동두천 안산 고양 과천 구리 남양주 오산 시흥 군포 의왕 하남 용인 파주
이천 안성 김포 화성 광주 양주 포천 여주 연천 가평 양평 북부 남부 동부 서부 북부지역 남부지역'''.split())}
_KO_REGIONS = frozenset('''
서울 인천 부산 대구 광주 대전 울산 세종 강원 충북 충남 전북 전남 경북 경남 제주 경기 수도권'''.split())
_KO_LIST_MARKS = ('·', ',', '、', 'ㆍ', '/')


def korean_word_provinces(entities) -> dict[str, int]:
    """Rule 36's table: the entity index of each province of :data:`_KO_WORD_PROVINCES` by its
    short name (the region whose Korean alias is the full name)."""
    full = {name: short for short, name in _KO_WORD_PROVINCES.items()}
    return {full[alias]: idx for idx, e in enumerate(entities)
            if e.kind == 'place' and e.type == 'region' and e.country == 'KR'
            for lang, alias in e.aliases if lang == 'ko' and alias in full}


def _ko_word(text: str, at: int) -> str:
    """The run of Hangul at ``at`` (a word, without what follows it)."""
    end = at
    while end < len(text) and '\uac00' <= text[end] <= '\ud7a3':
        end += 1
    return text[at:end]


def _ko_listed(text: str, at: int, stop: int) -> bool:
    """Whether the short name at ``text[at:stop]`` is in a list of regions: a list mark and
    another region's short name right before or after it."""
    before = text[max(0, at - 6):at].rstrip(' ')
    if before.endswith(_KO_LIST_MARKS):
        word = before[:-1].rstrip(' ')
        start = len(word)
        while start > 0 and '\uac00' <= word[start - 1] <= '\ud7a3':
            start -= 1
        if word[start:] in _KO_REGIONS:
            return True
    rest = text[stop:stop + 8]
    stripped = rest.lstrip(' ')
    if stripped[:1] in _KO_LIST_MARKS:
        after = stripped[1:].lstrip(' ')
        word = _ko_word(after, 0)
        return any(word.startswith(region) for region in _KO_REGIONS)
    return False


def korean_province_rows(rows: Sequence[tuple], provinces: Mapping[str, int],
                         folded: Mapping[str, tuple],
                         languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 36: ``rows`` and, in a Korean field, the province whose short name is a common
    word (``provinces``: :func:`korean_word_provinces`) where the text writes it as a place:
    before one of its cities or counties or a part of it (경기 여주시, 경기 북부), or in a list
    with another region's short name (서울·경기, 충북, 경기에 이어). 경기 alone (a match, the
    economy) names nothing."""
    extra = []
    for field, parts in folded.items():
        if languages.get(field) != 'ko':
            continue
        norm, _folded, offsets = parts
        for short, idx in provinces.items():
            towns = _KO_PROVINCE_TOWNS.get(short, frozenset())
            at = norm.find(short)
            while at >= 0:
                stop = at + len(short)
                # (in a longer word, or 경기도, which the matcher finds itself)
                glued = ((at > 0 and '\uac00' <= norm[at - 1] <= '\ud7a3')
                         or norm[stop:stop + 1] == '도')
                word = _ko_word(norm, stop + 1) if norm[stop:stop + 1] == ' ' else ''
                town = word[:-1] if word[-1:] in ('시', '군') else word
                if not glued and (town in towns or word in towns
                                  or _ko_listed(norm, at, stop)):
                    a, b = at, stop
                    if offsets is not None:
                        a, b = bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)
                    extra.append((idx, field, short, 'province_short_name', None, a, b))
                at = norm.find(short, stop)
    return _with_rows(rows, extra, folded)


# rule 38: an oblast's (feminine) and a krai's (masculine) adjective in the nominative and in
# the cases a list before the plural noun writes it in ("Псковской, Тверской ... областях")
_RU_REGION_NOUNS = {' область': ('ая', ('ая', 'ой', 'ую')),
                    ' край': ('ий', ('ий', 'ого', 'ому', 'им', 'ом'))}
_RU_LISTED_REGIONS = re.compile(
    r'((?:[А-ЯЁ][а-яё-]+(?:ая|ой|ую|ий|ого|ому|им|ом)(?:, | и | или ))+'
    r'[А-ЯЁ][а-яё-]+(?:ая|ой|ую|ий|ого|ому|им|ом)) (област(?:и|ей|ям|ями|ях)|кра(?:я|ев|ям|ями|ях))'
    r'(?![а-яё])')
_RU_ADJECTIVE = re.compile(r'[А-ЯЁ][а-яё-]+')


def russian_region_adjectives(entities) -> dict[str, dict[str, int]]:
    """Rule 38's tables, by the noun's stem ('обл', 'кра'): a region's adjective in each form a
    list writes it in, from its Russian alias in the nominative ("Псковская область") to the
    entity's index. An adjective two regions share (Donetsk's, a Russian and a Ukrainian one,
    are not) names neither."""
    tables: dict[str, dict[str, int]] = {'обл': {}, 'кра': {}}
    clashes: set[tuple[str, str]] = set()
    for idx, e in enumerate(entities):
        if e.kind != 'place' or e.type != 'region':
            continue
        for lang, alias in e.aliases:
            if lang != 'ru':
                continue
            for noun, (ending, forms) in _RU_REGION_NOUNS.items():
                adjective = alias[:-len(noun)] if alias.endswith(noun) else ''
                if not adjective.endswith(ending) or not _RU_ADJECTIVE.fullmatch(adjective):
                    continue
                table = tables[noun[1:4]]
                stem = adjective[:-len(ending)]
                for form in forms:
                    key = stem + form
                    if table.get(key, idx) != idx:
                        clashes.add((noun[1:4], key))
                    table[key] = idx
    for noun, key in clashes:
        tables[noun].pop(key, None)
    return tables


def russian_listed_regions(rows: Sequence[tuple], tables: Mapping[str, Mapping[str, int]],
                           folded: Mapping[str, tuple],
                           languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 38: ``rows`` and, in a Russian field, each region of a list of two or more
    adjectives before one plural noun ("в Псковской, Тверской и Тульской областях"): the
    adjective's region (``tables``: :func:`russian_region_adjectives`), where the matcher found
    nothing at the adjective."""
    extra = []
    for field, parts in folded.items():
        if languages.get(field) != 'ru':
            continue
        norm, _folded, offsets = parts
        if 'облас' not in norm and 'кра' not in norm:
            continue
        for listed in _RU_LISTED_REGIONS.finditer(norm):
            table = tables['обл' if listed.group(2).startswith('обл') else 'кра']
            for word in _RU_ADJECTIVE.finditer(listed.group(1)):
                idx = table.get(word.group())
                if idx is None:
                    continue
                a, b = listed.start(1) + word.start(), listed.start(1) + word.end()
                if offsets is not None:
                    a, b = bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)
                if not any(row[1] == field and row[5] < b and a < row[6] for row in rows):
                    extra.append((idx, field, word.group(), 'listed_region', None, a, b))
    return _with_rows(rows, extra, folded)


# rule 39: the small words a headline leaves out of a body's name
_NAME_SMALL_WORDS = frozenset("""
de del la las los el y e of the and for des du d le les et für der die das und van von di
della degli""".split())


def _without_small_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in name.casefold().replace("d'", 'd ').split()
                 if w not in _NAME_SMALL_WORDS)


def headline_short_forms(unlinked: Sequence, rows: Sequence[tuple],
                         kinds_of: Sequence[str]) -> list:
    """Rule 39: ``unlinked`` without a detected organisation whose words, less articles and
    prepositions, are a listed organisation's alias matched in ``rows`` less the same
    ("Consejo Seguridad Nuclear", the Consejo de Seguridad Nuclear): the listed tag stands for
    it."""
    listed = {_without_small_words(row[2]) for row in rows
              if kinds_of[row[0]] == 'organizations' and ' ' in row[2]}
    if not listed:
        return list(unlinked)
    return [u for u in unlinked if u.kind != 'organizations'
            or _without_small_words(u.span.text) not in listed]


# rule 51: a word of a title-case headline
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def _title_cased(text: str) -> bool:
    """Whether ``text`` capitalises each of its words of four letters or more (four at least)."""
    words = _HEADLINE_WORD.findall(text)
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def title_case_persons(unlinked: Sequence, folded: Mapping[str, tuple],
                       languages: Mapping[str, str | None]) -> list:
    """Rule 51: ``unlinked`` without a person the detector found in an English title-case
    headline whose last word no other field of the item writes ("Pearl Oscar Dress"; German
    capitalises every noun, "Hussain Besou: Ein Elfjähriger in der Schach-Nationalmannschaft",
    and other languages write headlines as sentences)."""
    titles = [f for f in TITLE_FIELDS if f in folded and languages.get(f) == 'en' and any(
        u.field == f and u.kind == 'persons' for u in unlinked) and _title_cased(folded[f][0])]
    if not titles:
        return list(unlinked)
    others = ' '.join(parts[0] for field, parts in folded.items() if field not in titles)
    return [u for u in unlinked
            if not (u.kind == 'persons' and u.field in titles and u.span.source == 'names'
                    and re.search(rf'(?<!\w){re.escape(u.span.text.split()[-1])}(?!\w)',
                                  others) is None)]


# rule 48: a name's Latin form in brackets right after it: "黄文尧(Calvin Huang)" (the text is
# NFKC-normalised: full-width brackets are ASCII); two to four capitalised words
GLOSS_LANGUAGES = frozenset({'zh', 'ja', 'ko'})
_LATIN_GLOSS = re.compile(r" ?\(([A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’&-]*){1,3})\)")


def latin_glosses(unlinked: Sequence, folded: Mapping[str, tuple],
                  languages: Mapping[str, str | None]) -> list:
    """Rule 48: ``unlinked`` with a CJK name that its Latin form in brackets follows named by
    that form (分析师黄文尧(Calvin Huang): Calvin Huang), wherever the item names it: once
    glossed, 簡嘉良 is Johnny Chien in every paragraph, also where the gloss is a Latin name
    the detector found on its own, after the CJK name it did not find there ("\n簡嘉良(Johnny
    Chien)是", the name found elsewhere: "工程師簡嘉良分享")."""
    glossed: dict[tuple[str, str], str] = {}        # (kind, CJK name) -> its Latin form
    cjk = [u for u in unlinked
           if languages.get(u.field) in GLOSS_LANGUAGES and not u.span.text.isascii()]
    if not cjk:
        return list(unlinked)
    for u in unlinked:
        if languages.get(u.field) not in GLOSS_LANGUAGES:
            continue
        norm = folded[u.field][0]
        if not u.span.text.isascii():
            m = _LATIN_GLOSS.match(norm, u.span.stop)
            if m is not None:
                glossed[u.kind, u.span.text] = m.group(1)
        elif u.span.start and norm[u.span.start - 1] == '(':
            before = norm[:u.span.start - 1].rstrip(' ')
            for c in cjk:
                if c.kind == u.kind and before.endswith(c.span.text):
                    glossed.setdefault((c.kind, c.span.text), u.span.text)
    if not glossed:
        return list(unlinked)
    return [u._replace(span=u.span._replace(text=glossed[u.kind, u.span.text]))
            if (u.kind, u.span.text) in glossed else u for u in unlinked]


# rule 40: places (name, country) whose name sports news gives an event; the names as the sport
# topic's keywords (which do not make an item a sports report for this rule)
_EVENT_PLACES = frozenset({('Wimbledon', 'GB')})
EVENT_KEYWORDS = frozenset(name.casefold() for name, _country in _EVENT_PLACES)


def event_place_indexes(entities) -> frozenset[int]:
    """Rule 40's entities: the places of :data:`_EVENT_PLACES`, by index."""
    return frozenset(idx for idx, e in enumerate(entities)
                     if e.kind == 'place' and (e.name, e.country) in _EVENT_PLACES)


def event_places(rows: Sequence[tuple], events: frozenset, sporty: Callable[[], bool]
                 ) -> list[tuple]:
    """Rule 40: ``rows`` without the places a sporting event is named by (``events``:
    :func:`event_place_indexes`) when the item is a sports report (``sporty()``: it has a
    keyword of the sport topic besides :data:`EVENT_KEYWORDS`, or names an athlete or a
    club)."""
    if not any(row[0] in events for row in rows) or not sporty():
        return list(rows)
    return [row for row in rows if row[0] not in events]


# Rule 43: a city's name before the word for time in Chinese and Japanese (北京时间, 東京時間),
# and in English after a clock time ("8pm Beijing time"): the time zone
_ZONE_AFTER = {'zh': re.compile('时间|時間'), 'ja': re.compile('時間'),
               'en': re.compile(r' time(?![\w-])')}
TIME_ZONE_LANGUAGES = frozenset(_ZONE_AFTER)
_ZONE_WORDS = ('时间', '時間', ' time')
_CLOCK_BEFORE = re.compile(r'\d(?:[:.]\d\d)? ?(?:[ap]\.?m\.?|h)? ?\(?$')


def time_zones(rows: Sequence[tuple], is_city: Sequence[bool], folded: Mapping[str, tuple],
               languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 43: ``rows`` without a city (``is_city``: a city's or a capital's index) that
    names a time zone: before 时间/時間 in Chinese and Japanese (北京时间8月28日23：00: the
    time, not Beijing), before "time" after a clock time in English ("at 8pm Beijing time").
    A country stays (英国当地时间: the labellers count the country)."""
    if not any(word in parts[0] for parts in folded.values() for word in _ZONE_WORDS):
        return list(rows)               # (most items: no word for time at all)
    drop = set()
    for n, row in enumerate(rows):
        zone = _ZONE_AFTER.get(languages.get(row[1]))
        if zone is None or not is_city[row[0]]:
            continue
        norm = folded[row[1]][0]
        start, stop = _norm_span(folded[row[1]], row[5], row[6])
        if zone.match(norm, stop) is None:
            continue
        if languages.get(row[1]) == 'en' and _CLOCK_BEFORE.search(norm, max(0, start - 14),
                                                                   start) is None:
            continue
        drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


# Rule 47: a title's or a competition's words right before a continent's name in the
# Romance languages: "champion d'Europe", "championnats d'Afrique", "Coupe d'Asie", "campeón de
# Europa", "Copa de África", "campionessa d'Europa"
_TITLE_BEFORE = re.compile(
    r"(?:champion(?:ne)?s?|championnats?|coupe|campe[oó]n(?:a|es|as)?|campeonatos?|copa|"
    r"campion(?:e|i|essa|esse)?|campionat[oi]|coppa|vice-champion(?:ne)?s?)"
    r" (?:d['’]|de |del |du )$", re.IGNORECASE)
TITLE_CONTINENT_LANGUAGES = frozenset({'fr', 'es', 'it', 'pt'})


def continental_titles(rows: Sequence[tuple], is_continent: Sequence[bool],
                       folded: Mapping[str, tuple], languages: Mapping[str, str | None]
                       ) -> list[tuple]:
    """Rule 47: ``rows`` without a continent (``is_continent``) that names a title or a
    competition in a Romance-language field: "champion d'Europe", "la Coupe d'Afrique"."""
    return _without_preceded(
        rows, folded, _TITLE_BEFORE, 20,
        lambda row: (is_continent[row[0]]
                     and languages.get(row[1]) in TITLE_CONTINENT_LANGUAGES))


# Rule 49: a country's French name that is also the noun for its people, and the masculine
# article or preposition that makes it the noun: "le Suisse H.R. Giger", "du Suisse Roger
# Federer" are a Swiss man, "la Suisse", "en Suisse" the country
_FRENCH_DEMONYM_NAMES = frozenset({'Suisse'})
_MASCULINE_BEFORE = re.compile(r"(?:^|[\s(«\"'’])(?:le|un|du|au|ce) $", re.IGNORECASE)


def french_demonym_nouns(rows: Sequence[tuple], folded: Mapping[str, tuple],
                         languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 49: ``rows`` without a country whose French name is the noun for its people
    (Suisse) after a masculine article in a French field: "le Suisse H.R. Giger"."""
    return _without_preceded(
        rows, folded, _MASCULINE_BEFORE, 4,
        lambda row: row[2] in _FRENCH_DEMONYM_NAMES and languages.get(row[1]) == 'fr')


# Rule 50: a Russian body named after a person: "театра имени А.П.Чехова", "институт им.
# Штернберга", "Центра имени Н. Ф. Гамалеи" name the theatre, the institute, not the person
_NAMESAKE_BEFORE = re.compile(r'(?:^|\s)(?:имени|им\.) ?(?:[А-ЯЁ]\. ?){0,2}$', re.IGNORECASE)


def russian_namesakes(rows: Sequence[tuple], kinds_of: Sequence[str],
                      folded: Mapping[str, tuple], languages: Mapping[str, str | None]
                      ) -> list[tuple]:
    """Rule 50: ``rows`` without a person named right after "имени" or "им." (and the
    initials) in a Russian field: the theatre, institute or street named after them."""
    return _without_preceded(
        rows, folded, _NAMESAKE_BEFORE, 16,
        lambda row: languages.get(row[1]) == 'ru' and kinds_of[row[0]] == 'persons')


#: rule 54: a championship's or a sports federation's word before the country it is of, in
#: Russian ("чемпионата России", "Открытого чемпионата Австралии", "Федерация хоккея России"):
#: the event's or the body's name, whose country is in the genitive after it
_RU_EVENT_BEFORE = re.compile(
    r'(?:^|\s)(?:(?:[Чч]емпионат|[Пп]ервенств)[а-яё]*|[Фф]едераци[а-яё]* [а-яё]+) $')


def russian_event_countries(rows: Sequence[tuple], country_codes: Sequence[str | None],
                            folded: Mapping[str, tuple], languages: Mapping[str, str | None]
                            ) -> list[tuple]:
    """Rule 54: ``rows`` without a country named right after a word for a championship or
    after a federation's word and its sport in a Russian field ("чемпионата России",
    "Открытого чемпионата Австралии", "Федерация бобслея России"): the championship's or the
    federation's name (``country_codes[entity index]``: a country's code, None for other
    entities). A mention elsewhere in the item still names the country. (Not after a national
    team's word, "сборной России": the labels of four items split two and two.)"""
    return _without_preceded(
        rows, folded, _RU_EVENT_BEFORE, 32,
        lambda row: languages.get(row[1]) == 'ru' and country_codes[row[0]] is not None)


def russian_body_countries(rows: Sequence[tuple], country_codes: Sequence[str | None],
                           countries: Sequence[str | None], kinds_of: Sequence[str],
                           languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 56: ``rows`` without a country named in a Russian field right after (one space) an
    organisation of that country that the matcher found ("Следственного комитета России",
    "пресс-служба ФССП России": the body's full name, the country in the genitive after it;
    ``country_codes[entity index]``: a country's code, None for other entities;
    ``countries``: every entity's country). A mention elsewhere in the item still names the
    country."""
    ends = {(row[1], row[6], countries[row[0]]) for row in rows
            if kinds_of[row[0]] == 'organizations' and countries[row[0]]
            and languages.get(row[1]) == 'ru'}
    if not ends:
        return list(rows)
    kept = [row for row in rows
            if country_codes[row[0]] is None
            or (row[1], row[5] - 1, country_codes[row[0]]) not in ends]
    return kept if len(kept) < len(rows) else list(rows)


#: rule 55: a word for an embassy or a consulate right before the country whose mission it is,
#: in Russian (the country in the genitive), French, Spanish, German and English (in German a
#: consulate's only: "die Botschaft Chinas" is as often China's message as its embassy)
_MISSION_BEFORE = re.compile(
    r"(?:^|[\s'’])(?:(?:[Пп]осольств|[Кк]онсульств|[Гг]енконсульств)[а-яё]*"
    r"|(?:[Aa]mbassade|[Cc]onsulat(?: général)?) (?:de|du|d['’])"
    r"|(?:[Ee]mbajada|[Cc]onsulado(?: [Gg]eneral)?) (?:de|del)"
    r"|(?:Generalkonsulat|Konsulat)(?: von| der| des)?"
    r"|(?:[Ee]mbassy|[Cc]onsulate(?: [Gg]eneral)?) of(?: the)?) ?$")
# (the stems one of those words holds: substring tests, much faster than a search for them)
_MISSION_STEMS = ('осольств', 'онсульств', 'mbassade', 'onsul', 'mbajada', 'mbassy')


def mission_countries(rows: Sequence[tuple], country_codes: Sequence[str | None],
                      folded: Mapping[str, tuple]) -> list[tuple]:
    """Rule 55: ``rows`` without a country named right after a word for an embassy or a
    consulate ("в посольстве России", "l'ambassade de France", "la embajada de España", "das
    Generalkonsulat der Türkei", "the embassy of Russia"): the mission's name
    (``country_codes[entity index]``: a country's code, None for other entities). A mention
    elsewhere in the item still names the country."""
    if not any(stem in parts[0] for parts in folded.values() for stem in _MISSION_STEMS):
        return rows     # (most items: no such word, no look before each country)
    return _without_preceded(rows, folded, _MISSION_BEFORE, 32,
                             lambda row: country_codes[row[0]] is not None)


# Rule 44: German coalitions named by a flag's colours (Jamaika: black, yellow, green; Kenia,
# Simbabwe, Afghanistan, Deutschland), before a hyphen and a word of coalition talks
_COALITION_FLAGS = frozenset({'Jamaika', 'Kenia', 'Simbabwe', 'Afghanistan', 'Deutschland'})
_COALITION_AFTER = re.compile(
    r'-(?:Koalition|Bündnis|Sondierung|Verhandl|Gespräch|Aus\b|Partner|Parteien|Option|Regier'
    r'|Modell|Runde|Unterhändler|Poker|Sondierer|Verhandler|Scheitern|Bruch|Mehrheit|Vertrag'
    r'|Pläne|Träume|Lager|Zeit\b)')


def german_coalitions(rows: Sequence[tuple], kinds_of: Sequence[str],
                      folded: Mapping[str, tuple], languages: Mapping[str, str | None]
                      ) -> list[tuple]:
    """Rule 44: ``rows`` without a country that names a German coalition by its flag's colours
    ("der Ausstieg aus den Jamaika-Verhandlungen", "Trotz des Jamaika-Aus", "eine
    Kenia-Koalition"): the CDU, the FDP and the Greens, not Jamaica. "Jamaika-Urlaub" keeps the
    country (a German compound names it: rule 3 leaves German out)."""
    return _without_followed(
        rows, folded, _COALITION_AFTER,
        lambda row: (languages.get(row[1]) == 'de' and row[2] in _COALITION_FLAGS
                     and kinds_of[row[0]] == 'places'))


# Rule 45: the particles a Korean name takes as one word with it (살라가 "Salah" + subject)
_KO_PARTICLE_SYLLABLES = frozenset('이가은는을를의와과도에')


def korean_name_particles(rows: Sequence[tuple], kinds_of: Sequence[str],
                          languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 45: ``rows`` without a place in a Korean field whose name is a listed person's
    surname the item names in full, with a particle written on ("모하메드 살라를 제쳤다 ...
    살라가 1위를 지켜왔으나": Salah, not Salaga, Ghana)."""
    surnames = {row[2].rsplit(' ', 1)[1] for row in rows
                if kinds_of[row[0]] == 'persons' and ' ' in row[2]
                and languages.get(row[1]) == 'ko'}
    if not surnames:
        return list(rows)
    return [row for row in rows
            if not (kinds_of[row[0]] == 'places' and languages.get(row[1]) == 'ko'
                    and row[2][-1:] in _KO_PARTICLE_SYLLABLES and row[2][:-1] in surnames)]


def bracketed_abbreviations(rows: Sequence[tuple], unlinked: Sequence,
                            kinds_of: Sequence[str], folded: Mapping[str, tuple]) -> list[tuple]:
    """Rule 41: ``rows`` without a place matched by an acronym in brackets right after an
    organisation's name, a listed one's (``rows``) or a detected one's (``unlinked``): the
    acronym is the organisation's short form ("МЧС Донецкой народной республики (ДНР)")."""
    ends = {(row[1], _norm_span(folded[row[1]], row[5], row[6])[1]) for row in rows
            if kinds_of[row[0]] == 'organizations'}
    ends.update((u.field, u.span.stop) for u in unlinked if u.kind == 'organizations')
    if not ends:
        return list(rows)
    drop = set()
    for n, row in enumerate(rows):
        if kinds_of[row[0]] != 'places' or not row[2].isupper():
            continue
        norm = folded[row[1]][0]
        start, stop = _norm_span(folded[row[1]], row[5], row[6])
        if (norm[start - 2:start] == ' (' and norm[stop:stop + 1] == ')'
                and (row[1], start - 2) in ends):
            drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


def _full_name_surnames(rows: Sequence[tuple], kinds_of: Sequence[str],
                        unlinked: Sequence) -> dict[str, set]:
    """The surnames (last words) of the persons the item names in full: a detected person
    (``unlinked``) or a listed one matched by an alias of two words or more; each with the
    listed persons named in full with it (rules 20 and 26)."""
    bearers: dict[str, set] = {}
    for name in unlinked:
        if name.kind == 'persons' and ' ' in name.span.text:
            bearers.setdefault(name.span.text.rsplit(' ', 1)[1], set())
    for row in rows:
        if ' ' in row[2] and kinds_of[row[0]] == 'persons':
            bearers.setdefault(row[2].rsplit(' ', 1)[1], set()).add(row[0])
    return bearers


def named_surnames(rows: Sequence[tuple], kinds_of: Sequence[str],
                   unlinked: Sequence) -> list[tuple]:
    """Rule 20: ``rows`` without a listed person's one-word alias (a surname) when the item
    names someone else in full with that surname: a detected person (``unlinked``) or another
    listed person matched by a longer alias. ``kinds_of[entity index]``: its tag kind."""
    bearers = _full_name_surnames(rows, kinds_of, unlinked)
    if not bearers:
        return list(rows)
    return [row for row in rows
            if not (row[2] in bearers and kinds_of[row[0]] == 'persons'
                    and row[0] not in bearers[row[2]])]


_TWO_SURNAMES = frozenset({'es', 'pt'})


def second_surnames(rows: Sequence[tuple], kinds_of: Sequence[str], unlinked: Sequence,
                    folded: Mapping[str, tuple],
                    languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 26: ``rows`` without a place named right after the surname of a person the item
    names in full, in Spanish or Portuguese: a second surname ("Monte Alejandro Rubido ...
    señaló Rubido García" is no mention of García, Nuevo León). ``kinds_of[entity index]``:
    its tag kind."""
    fields = {field for field in folded if languages.get(field) in _TWO_SURNAMES}
    if not fields:
        return list(rows)
    surnames = _full_name_surnames(rows, kinds_of, unlinked)
    if not surnames:
        return list(rows)
    out = []
    for row in rows:
        if row[1] in fields and kinds_of[row[0]] == 'places':
            parts = folded[row[1]]
            norm = parts[0]
            a = _norm_span(parts, row[5], row[6])[0]
            if a > 1 and norm[a - 1] == ' ':
                word = norm[norm.rfind(' ', 0, a - 1) + 1:a - 1]
                if word in surnames:
                    continue
        out.append(row)
    return out


# Rule 23: a maker's name joined by a hyphen to a model number (Boeing-737, Airbus-A320)
_MODEL_NUMBER = re.compile(r'-[A-Z]?\d')


def model_names(rows: Sequence[tuple], kinds_of: Sequence[str],
                folded: Mapping[str, tuple]) -> list[tuple]:
    """Rule 23: ``rows`` without an organisation whose name is joined by a hyphen to a model
    number: "самолеты Boeing-737" names an aircraft, not the company. ``kinds_of[entity
    index]``: its tag kind."""
    drop = set()
    for n, row in enumerate(rows):
        if kinds_of[row[0]] != 'organizations':
            continue
        parts = folded[row[1]]
        b = _norm_span(parts, row[5], row[6])[1]
        if parts[0][b:b + 1] == '-' and _MODEL_NUMBER.match(parts[0], b):
            drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


# Rule 10: "Russia's Defense Ministry", "Ukraine’s Air Force": up to four capitalised words
# after a country's name and 's
_POSSESSED = re.compile(r"['’]s ((?:[A-Z][\w-]*\.? ){0,3}[A-Z][\w-]*)")
#: the first word of an English alias that names its country (Russian Defense Ministry,
#: Chinese Foreign Ministry, British Army, Israeli Air Force, U.S. Navy): a demonym
_DEMONYM = re.compile(r"(?:[A-Z][a-z]+(?:an|ian|ese|ish|i|ch|ic)|U\.?S\.?|UK|US)")


def country_bodies(entities) -> dict[tuple[str, str], int]:
    """``{(country code, folded body): entity index}`` for rule 10: each organisation's English
    aliases made of a demonym and a body (Russian Defense Ministry -> (RU, "defense ministry"));
    a body two organisations of one country share is left out."""
    table: dict[tuple[str, str], int] = {}
    for idx, e in enumerate(entities):
        if e.kind != 'organization' or not e.country:
            continue
        for lang, alias in e.aliases:
            first, _, rest = alias.partition(' ')
            if lang != 'en' or not rest[:1].isupper() or not _DEMONYM.fullmatch(first):
                continue
            key = (e.country, rest.casefold())
            table[key] = idx if table.get(key, idx) == idx else -1
    return {key: idx for key, idx in table.items() if idx >= 0}


def possessed_bodies(rows: Sequence[tuple], countries: Sequence[str | None],
                     bodies: Mapping[tuple[str, str], int], folded: Mapping[str, tuple],
                     languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 10: ``rows`` and, in an English field, the body a country's possessive names
    ("Russia's Defense Ministry" is the Russian ministry of defence, though "Defense Ministry"
    alone names none): the longest run of capitalised words after the country and 's that
    ``bodies`` (:func:`country_bodies`) lists for that country. ``countries[entity index]``:
    the code of a country entity, None for any other entity."""
    after: dict[int, tuple] = {}        # row number -> the body named right after it
    for n, row in enumerate(rows):
        idx, field = row[0], row[1]
        code = countries[idx]
        if code is None or languages.get(field) != 'en':
            continue
        norm, _folded, offsets = folded[field]
        stop = _norm_span(folded[field], row[5], row[6])[1]
        m = _POSSESSED.match(norm, stop)
        if m is None:
            continue
        words = m.group(1).split(' ')
        for k in range(len(words), 0, -1):
            body = ' '.join(words[:k])
            found = bodies.get((code, body.casefold()))
            if found is None:
                continue
            a = m.start(1)
            b = a + len(body)
            if offsets is not None:         # back to positions in the folded text
                a, b = bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)
            after[n] = (found, field, body, 'country_body', row[2], a, b)
            break
    if not after:
        return list(rows)
    # the same words matched as another body ("Foreign Office" is also the British one's name)
    named = {(r[1], r[5], r[6]) for r in after.values()}
    out = []
    for n, row in enumerate(rows):
        if (row[1], row[5], row[6]) not in named:
            out.append(row)
        if n in after:
            out.append(after[n])
    return out


_KANJI = '[\u4e00-\u9fff\u3005]'          # a kanji or 々
_KANJI_FULL_NAME = re.compile(_KANJI + '{3,5}')
_KANJI_CHAR = re.compile(_KANJI)


def japanese_office_holders(entities, surnames) -> tuple[re.Pattern, dict] | None:
    """Rule 11's ``(pattern, {surname: entity index})``: the pattern finds the surnames of
    the listed Japanese persons (a Japanese alias of three to five kanji that starts with one of
    ``surnames``) that no other listed Japanese person bears, right before an office
    (:data:`~transforms.tag.names_cjk.JA_OFFICES`: 岸田首相, 茂木外務大臣, 林官房長官), not inside a
    word. None when no such surname is listed."""
    holders: dict[str, int] = {}
    for idx, e in enumerate(entities):
        if e.kind != 'person' or e.country != 'JP':
            continue
        for lang, alias in e.aliases:
            if lang != 'ja' or not _KANJI_FULL_NAME.fullmatch(alias):
                continue
            for k in (1, 2, 3):
                if alias[:k] in surnames and len(alias) > k:
                    surname = alias[:k]
                    holders[surname] = idx if holders.get(surname, idx) == idx else -1
    holders = {name: idx for name, idx in holders.items() if idx >= 0}
    if not holders:
        return None
    names = '|'.join(sorted(map(re.escape, holders), key=len, reverse=True))
    offices = '|'.join(sorted(JA_OFFICES, key=len, reverse=True))
    # (not inside a word: tested on each match, see office_holder_rows; a lookbehind written
    # first in the pattern costs the scan its quick search for the surnames' first characters,
    # 13 times the time on a Japanese text)
    pattern = re.compile(f'({names})(?=[元前]?(?:{offices}))')
    return pattern, holders


def office_holder_rows(rows: Sequence[tuple], holders: tuple, folded: Mapping[str, tuple],
                       languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 11: ``rows`` and, in a Japanese field, the listed politician a surname names right
    before an office (岸田首相, 河野防衛大臣): Japanese news names a minister so after the first
    mention, often only so; ``holders``: :func:`japanese_office_holders`."""
    pattern, table = holders
    extra = []
    for field, parts in folded.items():
        if languages.get(field) != 'ja':
            continue
        norm, _folded, offsets = parts
        for m in pattern.finditer(norm):
            a, b = m.span(1)
            if a and _KANJI_CHAR.match(norm, a - 1):
                # inside a word (a surname is kanji only, so no match was skipped that
                # started within this one: each of those has a kanji before it too)
                continue
            if offsets is not None:
                a, b = bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)
            extra.append((table[m.group(1)], field, m.group(1), 'surname_office', None, a, b))
    return _with_rows(rows, extra, folded)


def _with_rows(rows: Sequence[tuple], extra: list, folded: Mapping[str, tuple]) -> list[tuple]:
    """``rows`` and the ``extra`` rows a rule found, in field and text order (rules 11, 32)."""
    if not extra:
        return list(rows)
    order = {field: n for n, field in enumerate(folded)}
    return sorted([*rows, *extra], key=lambda r: (order.get(r[1], 0), r[5]))


# rule 32: the offices before a bare surname, by the listed person types each may name
_HEADS_OF_STATE = frozenset({'head_of_state'})
_HEADS = frozenset({'head_of_state', 'head_of_government'})
_OFFICE_HOLDERS = frozenset({'head_of_state', 'head_of_government', 'politician', 'official'})
_STATE_TITLES = frozenset('''
President Präsident Präsidentin Bundespräsident Bundespräsidentin Staatspräsident
Staatspräsidentin président présidente Président Présidente presidente presidenta Presidente
Presidenta Presiden
expresidente expresidenta Expresidente Expresidenta ex-presidente ex-presidenta ex-président
ex-présidente Ex-Präsident Ex-Präsidentin Altbundespräsident'''.split())
_GOVERNMENT_TITLES = frozenset('''
Premier Chancellor Kanzler Kanzlerin Bundeskanzler Bundeskanzlerin Premierminister
Premierministerin Regierungschef Regierungschefin
Altkanzler Altbundeskanzler Ex-Kanzler Ex-Kanzlerin Ex-Bundeskanzler Ex-Premier ex-Premier
expremier ex-premier'''.split()) | frozenset({
    'Prime Minister', 'Premier ministre', 'premier ministre', 'Première ministre',
    'première ministre', 'Primer ministro', 'primer ministro', 'Primera ministra',
    'primera ministra', 'Perdana Menteri'})
# (and a German compound ending in -minister(in): Justizminister; not Ministerpräsident, a
# Land's head, nor the Präsident of a club or a court)
_OFFICE_TITLES = frozenset('''
Minister Ministerin Bundestagspräsident Bundestagspräsidentin Landtagspräsident
Landtagspräsidentin Secretary Senator Senatorin ministre Ministre ministro Ministro ministra
Ministra Menteri sénateur Sénateur sénatrice Sénatrice senador Senador senadora Senadora Speaker
Governor Gouverneur Gouverneurin gobernador Gobernador gobernadora Gobernadora'''.split())
_GERMAN_MINISTER = re.compile('[A-ZÄÖÜ][a-zäöüß]+minister(?:in)?')
#: a part of every office above: a field with none of them has no office to read
_OFFICE_PARTS = ('inist', 'resid', 'räsid', 'ésid', 'rime', 'remi', 'ancel', 'anzler',
                 'egierung', 'ecretar', 'enat', 'énat', 'enad', 'peaker', 'overn', 'ouvern',
                 'obern', 'Menteri')
#: a capitalised word after a space: the surname rule 32 looks up after an office
_CAPITALISED_WORD = re.compile(" ([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+)(?![\\w-])")


def _words_after_offices(norm: str):
    """The capitalised words right after a word that holds a part of an office's name
    (:data:`_OFFICE_PARTS`), as matches of :data:`_CAPITALISED_WORD`, found from the offices'
    names (about 11 us per 1,000 characters in the tagger; every capitalised word looked up took
    about 13, one regex of every office 45)."""
    ends = set()
    for part in _OFFICE_PARTS:
        at = norm.find(part)
        while at >= 0:
            stop = at + len(part)
            while stop < len(norm) and norm[stop].isalpha():
                stop += 1
            ends.add(stop)
            at = norm.find(part, stop)
    for stop in sorted(ends):
        m = _CAPITALISED_WORD.match(norm, stop)
        if m is not None:
            yield m


#: a former office: a title that says so ("el expresidente Uribe", "Altkanzler Schröder"), or
#: the word before the office ("Former President Carter", "l'ancien président", "der frühere
#: Kanzler", "el ex presidente")
_FORMER_TITLE = re.compile('(?:[Ee]x-?|Alt)[a-zA-ZÄÖÜäöüéè]')
_FORMER_BEFORE = re.compile(r'(?<![\w-])(?:[Ff]ormer|[Ee]x|[Aa]ncien(?:ne)?|früher(?:e[nr]?)?|'
                            r'ehemalig(?:e[nr]?)?) $')


def _former_office(norm: str, start: int) -> bool:
    """The office rule 32 read before ``start`` is a former one (:data:`_FORMER_TITLE`,
    :data:`_FORMER_BEFORE`; one word of the office, or two: "former Prime Minister Abe")."""
    before = norm.rfind(' ', 0, start - 1)
    if _FORMER_TITLE.match(norm, before + 1):
        return True
    for at in (before, norm.rfind(' ', 0, before) if before > 0 else -1):
        if at >= 0 and _FORMER_BEFORE.search(norm, max(0, at - 12), at + 1):
            return True
    return False


def _office_before(norm: str, start: int) -> frozenset | None:
    """The person types the office written right before ``start`` (one space away) may name,
    or None when no office is there (rule 32)."""
    before = norm.rfind(' ', 0, start - 1)
    word = norm[before + 1:start - 1]
    if word in _STATE_TITLES:
        return _HEADS_OF_STATE
    if word in _GOVERNMENT_TITLES:
        return _HEADS
    if before > 0:
        two = norm[norm.rfind(' ', 0, before) + 1:start - 1]
        if two in _GOVERNMENT_TITLES:
            return _HEADS
    if word in _OFFICE_TITLES or _GERMAN_MINISTER.fullmatch(word):
        return _OFFICE_HOLDERS
    return None


TITLED_LANGUAGES = frozenset({'en', 'de', 'fr', 'es', 'id'})
#: countries whose persons' English names put the family name first (Moon Jae-in, Xi Jinping)
_FAMILY_FIRST = frozenset({'CN', 'TW', 'HK', 'MO', 'KR', 'KP', 'VN'})


def titled_surnames(entities) -> dict[str, tuple[tuple[int, str], ...]]:
    """Rule 32's table: the listed politicians and officials by the family name of their English
    name (its last word; for East Asian persons its first, or its second after an English given
    name), as ``(entity index, type)``."""
    table: dict[str, list] = {}
    for idx, e in enumerate(entities):
        if e.kind != 'person' or e.type not in _OFFICE_HOLDERS:
            continue
        words = e.name.split(' ')
        if len(words) < 2:
            continue
        family = words[-1]
        if e.country in _FAMILY_FIRST:
            # Moon Jae-in, Yoon Suk Yeol; after an English given name, the second word: John
            # Lee Ka-chiu, Carrie Lam Cheng Yuet-ngor
            family = words[1] if len(words) > 2 and '-' in words[-1] else words[0]
        if len(family) > 2 and family[0].isupper() and family[1:].islower():
            table.setdefault(family, []).append((idx, e.type))
    return {family: tuple(holders) for family, holders in table.items()}


#: a capitalised word after one space: a family name written last that rule 32 found is then
#: another person's given name
_NEXT_CAPITALISED = re.compile(" [A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]")


def titled_surname_rows(rows: Sequence[tuple], table: Mapping[str, tuple],
                        folded: Mapping[str, tuple], languages: Mapping[str, str | None],
                        countries: Sequence[str | None] | None = None) -> list[tuple]:
    """Rule 32: ``rows`` and, in a Latin-script field, the one listed person whom an office
    right before a bare surname fits (``table``: :func:`titled_surnames`). A surname with a
    capitalised word after it fits only a person whose family name comes first (``countries``:
    each entity's country; "President Xi Jinping"): else it starts another person's name
    ("Nigerias früherer Energieminister Dan Etete" is not Nicușor Dan). A head's office fits
    a listed politician too, a former head: where the office says it is a former one ("Former
    President Carter", "Altkanzler Schröder"), or one of a country the item names (``rows``'
    entities: "el Presidente Fox" in a report from Tabasco)."""
    extra = []
    named = None        # the countries of the item's entities, once needed
    for field, parts in folded.items():
        if languages.get(field) not in TITLED_LANGUAGES:
            continue
        norm, _folded, offsets = parts
        for m in _words_after_offices(norm):
            holders = table.get(m.group(1))
            if not holders:
                continue
            fits = _office_before(norm, m.start(1))
            if fits is None:
                continue
            found = {idx for idx, etype in holders if etype in fits}
            if not found and fits is not _OFFICE_HOLDERS and countries is not None:
                # a former head of state or government, whom the lists hold as a politician:
                # the office says so ("Former President Carter", "el expresidente Uribe"), or
                # the holder is of a country the item names ("el Presidente Fox" in 2005)
                if _former_office(norm, m.start(1)):
                    found = {idx for idx, etype in holders if etype == 'politician'}
                else:
                    if named is None:
                        named = {countries[row[0]] for row in rows} - {None}
                    found = {idx for idx, etype in holders
                             if etype == 'politician' and countries[idx] in named}
            if countries is not None and _NEXT_CAPITALISED.match(norm, m.end(1)):
                found = {idx for idx in found if countries[idx] in _FAMILY_FIRST}
            if len(found) != 1:
                continue
            a, b = m.span(1)
            if offsets is not None:
                a, b = bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)
            extra.append((found.pop(), field, m.group(1), 'surname_title', None, a, b))
    return _with_rows(rows, extra, folded)


# rule 34: two bare surnames joined by "and", of two listed politicians of one country or of
# two countries' leaders
#: the words between two surnames that rule 34 reads
_PAIR_WORDS = (' and ', ' y ', ' e ', ' et ', ' und ', ' dan ', ' & ')
_PAIR_WORDS_RU = (' и ',)
#: the languages rule 34 reads
PAIR_LANGUAGES = TITLED_LANGUAGES | {'ru'}
#: the surname right after one of them
_NEXT_SURNAME = re.compile("[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+(?![\\w-])")
_NEXT_SURNAME_RU = re.compile('[А-ЯЁ][а-яё-]+(?![\\w-])')


def russian_titled_surnames(entities) -> dict[str, tuple[tuple[int, str], ...]]:
    """Rule 34's table for Russian: the listed politicians and officials by the family name
    of their Russian name in the nominative (its first Russian alias of two words or more: its
    last word; Эмомали Рахмон, Шавкат Мирзиёев), as ``(entity index, type)``."""
    table: dict[str, list] = {}
    for idx, e in enumerate(entities):
        if e.kind != 'person' or e.type not in _OFFICE_HOLDERS:
            continue
        full = next((alias for lang, alias in e.aliases if lang == 'ru' and ' ' in alias), None)
        if full is None:
            continue
        family = full.rsplit(' ', 1)[1]
        if e.country in _FAMILY_FIRST:
            family = full.split(' ', 1)[0]
        if len(family) > 2 and family[0].isupper() and family[1:].islower():
            for form in {family, family.replace('ё', 'е')}:
                table.setdefault(form, []).append((idx, e.type))
    return {family: tuple(holders) for family, holders in table.items()}


def _surname_pairs(norm: str, table: Mapping[str, tuple], russian: bool = False):
    """``(first, second)`` spans in ``norm`` of two listed surnames (``table``) joined by one of
    :data:`_PAIR_WORDS` (``russian``: of :data:`_PAIR_WORDS_RU`), found from the joining words
    with ``str.find`` (a regex over the text cost about 35 us per 1,000 characters, this a
    few)."""
    following = _NEXT_SURNAME_RU if russian else _NEXT_SURNAME
    for word in _PAIR_WORDS_RU if russian else _PAIR_WORDS:
        at = norm.find(word)
        while at >= 0:
            left = norm.rfind(' ', 0, at) + 1
            if norm[left:at] in table:
                m = following.match(norm, at + len(word))
                if m is not None and m.group() in table:
                    yield (left, at), m.span()
            at = norm.find(word, at + 1)


def surname_pair_rows(rows: Sequence[tuple], table: Mapping[str, tuple],
                      countries: Sequence[str | None], folded: Mapping[str, tuple],
                      languages: Mapping[str, str | None],
                      russian: Mapping[str, tuple] | None = None) -> list[tuple]:
    """Rule 34: ``rows`` and, in a Latin-script field (or a Russian one, with the ``russian``
    table: :func:`russian_titled_surnames`), the two listed politicians whom two bare surnames
    joined by "and" name when exactly one pair of them (``table``: :func:`titled_surnames`) is
    of one country, or of two countries' heads of state or government: "Biden y Harris" (Joe
    Biden, Kamala Harris), "Ortega y Murillo" (Daniel Ortega, Rosario Murillo), as news writes
    a ruling pair; "Мирзиёев и Рахмон", as it writes a summit. A surname many politicians
    share pairs with more than one and names nobody (Smith and Jones); a surname the matcher
    found already names the person it found ("Biden" is Joe Biden, not Jill or Hunter), one it
    found for anyone else names nobody here."""
    extra = []
    for field, parts in folded.items():
        language = languages.get(field)
        if language == 'ru' and russian:
            names = russian
        elif language in TITLED_LANGUAGES:
            names = table
        else:
            continue
        norm, _folded, offsets = parts
        for pair_spans in _surname_pairs(norm, names, names is russian):
            spans, candidates, found, heads = [], [], [], set()
            for a, b in pair_spans:
                holders = names[norm[a:b]]
                heads.update(idx for idx, etype in holders if etype in _HEADS)
                if offsets is not None:
                    a, b = bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)
                spans.append((a, b))
                over = {row[0] for row in rows if row[1] == field and row[5] < b and a < row[6]}
                listed = {idx for idx, _ in holders}
                candidates.append(over & listed if over else listed)
                found.append(bool(over))
            pairs = {(i, j) for i in candidates[0] for j in candidates[1]
                     if i != j and countries[i] is not None and countries[j] is not None
                     and (countries[i] == countries[j] or i in heads and j in heads)}
            if len(pairs) != 1:
                continue
            extra += [(idx, field, norm_span_text, 'surname_pair', None, a, b)
                      for idx, norm_span_text, (a, b), done
                      in zip(pairs.pop(), (norm[x:y] for x, y in pair_spans), spans, found)
                      if not done]
    return _with_rows(rows, extra, folded)


def _owned(span: NameSpan, linked: Sequence[tuple], owning: Sequence[NameSpan]) -> list[int]:
    """Rule 5: the rows of the persons and organisations strictly inside ``span`` when its
    head makes it an institution of its own (its last word in _OWN_HEADS, or one of rule 4's
    names, ``owning``); ``linked``: the field's ``(start, stop, is a place, row)``."""
    inner = [n for a, b, is_place, n in linked
             if not is_place and a >= span.start and b <= span.stop
             and b - a < span.stop - span.start]
    if inner and (span.text[span.text.rfind(' ') + 1:] in _OWN_HEADS or span in owning
                  or _head_before_complement(span.text) in _OWN_HEADS):
        return inner
    return []


def _head_before_complement(name: str) -> str:
    """The word before a name's first " of " (School in "McGill University School of
    Medicine"), or ''."""
    before = name.partition(' of ')[0]
    return before[before.rfind(' ') + 1:] if before != name else ''


def _russian_tails(spans: Mapping[str, list[NameSpan]],
                   folded: Mapping[str, tuple]) -> Mapping[str, list[NameSpan]]:
    """Rule 6: organisation spans ending in a Russian adjective, run on to their noun. Here
    rather than in the detector: the NER model's spans end short the same way."""
    out = None
    for field, field_spans in spans.items():
        for k, span in enumerate(field_spans):
            if (span.kind != 'organization' or not 'А' <= span.text[-1] <= 'я'
                    or not _RU_ADJECTIVE_END.fullmatch(span.text, span.text.rfind(' ') + 1)):
                continue
            norm = folded[field][0]
            m = _RU_PHRASE_TAIL.match(norm, span.stop)
            if m is None:
                continue
            if out is None:
                out = {f: list(s) for f, s in spans.items()}
            out[field][k] = span._replace(stop=m.end(), text=norm[span.start:m.end()])
    return spans if out is None else out


# a name's particle before a country's name at a detected person's end: "Joé du Libéria"
_PARTICLE_BEFORE = re.compile(r" (?:du|de|de la|del|von|of) $| d['’]$")


def _country_tails(spans: Mapping[str, list[NameSpan]], rows: Sequence[tuple],
                   country_codes: Sequence[str | None], folded: Mapping[str, tuple]
                   ) -> Mapping[str, list[NameSpan]]:
    """Rule 46: a detected person whose name ends in a particle and a country's name (a
    row of the gazetteer's, ``country_codes[entity index]`` set, that runs to the span's end
    or past it: "Jean Kouassi de Côte" of Côte d'Ivoire) ends before the particle; one word
    left is no name, and the span goes. A detected organisation whose name runs on past a
    comma with a country after it ends at the comma: "Ministry of Defence, France and Germany"
    lists three, where "Ministerio de Agricultura, Ganadería y Pesca" is one body's tasks."""
    countries: dict[str, list[tuple[int, int]]] = {}    # field -> (start, stop) of a country
    for idx, field, _alias, _rule, _ctx, start, stop in rows:
        if country_codes[idx] is not None and field in spans:
            countries.setdefault(field, []).append(_norm_span(folded[field], start, stop))
    out = None
    for field, places in countries.items():
        norm = folded[field][0]
        for k, span in enumerate(spans[field]):
            if span.kind == 'organization':
                # a body's tasks listed with commas (names.py's _LISTED_TASKS) that hold a
                # country are a list of their own: "Ministry of Defence, France and Germany"
                cut = norm.find(', ', span.start, span.stop)
                if cut > 0 and any(cut < a < span.stop for a, _b in places):
                    if out is None:
                        out = {f: list(s) for f, s in spans.items()}
                    out[field][k] = span._replace(stop=cut, text=norm[span.start:cut])
                continue
            if span.kind != 'person':
                continue
            a = next((a for a, b in places if span.start < a < span.stop <= b), None)
            m = None if a is None else _PARTICLE_BEFORE.search(norm, span.start, a)
            if m is None:
                continue
            name = norm[span.start:m.start()]
            if out is None:
                out = {f: list(s) for f, s in spans.items()}
            out[field][k] = (span._replace(stop=m.start(), text=name) if ' ' in name
                             else None)
    if out is None:
        return spans
    return {f: [s for s in field_spans if s is not None] for f, field_spans in out.items()}


def _namesakes(span: NameSpan, rows: Sequence[tuple], linked: Sequence[tuple],
               first_names: Sequence[frozenset | None], is_given: Callable[[str], bool]
               ) -> list[int]:
    """Rule 14: the rows (indexes) of listed persons that ``span``, a detected person's
    name, holds as its last word after a given name that is none of theirs (a span the
    detector took from a title, "Menteri Pertahanan Rusia Belousov", has none)."""
    first = span.text.split(' ', 1)[0]
    if not is_given(first):
        return []
    out = []
    for a, b, is_place, n in linked:
        if is_place or b != span.stop or a <= span.start:
            continue
        theirs = first_names[rows[n][0]]
        if theirs is None or ' ' in rows[n][2]:     # a person's surname alone only
            continue
        if not _same_first_name(first, theirs):
            out.append(n)
    return out


_BRACKET_AFTER = re.compile(r' ?[(（]')


def _named_in_brackets(span: NameSpan, norm: str, linked: Sequence[tuple]) -> bool:
    """A listed organisation or person starts in brackets right after ``span``: the name in
    brackets is another name of the same one (英国伦敦国王学院（King's College London）)."""
    m = _BRACKET_AFTER.match(norm, span.stop)
    return m is not None and any(a == m.end() and not is_place for a, _b, is_place, _n in linked)


#: where a place named like a Chinese person is at home in Chinese news (记者武汉 is no one)
_CHINESE_HOMES = frozenset({'CN', 'TW', 'HK', 'MO', 'SG', None})


def _surnamed(span: NameSpan, linked: Sequence[tuple], rows: Sequence[tuple],
              kinds_of: Sequence[str]) -> list[int]:
    """Rule 21: the listed organisations whose name is the surname of a person the detector
    found (a known given name before it): "Hans-Stephan Bosch" is no mention of Bosch, the
    company, nor "Ferdinand Porsche" of Porsche; the rows of those mentions."""
    return [n for a, b, is_place, n in linked
            if not is_place and b == span.stop and a > span.start
            and kinds_of[rows[n][0]] == 'organizations'
            # (given names right before it: not a name that ran on over a particle, "Andreas
            # Pfeiffer von der Berliner Charité")
            and all(word[:1].isupper() for word in span.text[:a - span.start].split())]


def review_mentions(rows: Sequence[tuple], kinds_of: Sequence[str],
                    folded: Mapping[str, tuple], spans: Mapping[str, list[NameSpan]],
                    languages: Mapping[str, str | None],
                    first_names: Sequence[frozenset | None] = (),
                    is_given: Callable[[str], bool] | None = None,
                    countries: Sequence[str | None] = (),
                    country_codes: Sequence[str | None] = ()
                    ) -> tuple[list[tuple], list[Unlinked]]:
    """``(rows kept, unlinked names)``: rules 1-6 and 14 of the module doc.

    ``rows``: ``(entity index, field, alias, rule, context, start, stop)`` (positions in the
    folded text); ``kinds_of[entity index]``: its tag kind; ``folded``: :func:`fold_text` per
    field; ``spans``: the name spans per field; ``languages``: primary language per field;
    ``first_names``: :func:`given_names` of the gazetteer's entities and ``is_given``, whether
    a word is a given name (rule 14; either empty: off); ``countries[entity index]``: the
    entity's country code (a Chinese person named like a foreign place; empty: off);
    ``country_codes[entity index]``: a country's code, None for other entities (rule 4's
    universities).
    """
    quoted = _quoted_places(rows, kinds_of, folded, languages)
    if quoted:
        rows = [row for n, row in enumerate(rows) if n not in quoted]
    cjk = [field for field in folded if languages.get(field) in ('zh', 'ja', 'ko')]
    owning: Mapping[str, list[NameSpan]] = {}       # rule 4's names, which rule 5 applies to
    if cjk and rows:
        extra = _cjk_organisations(rows, kinds_of, folded, cjk,
                                   frozenset(f for f in cjk if languages[f] == 'ko'),
                                   country_codes)
        if extra:
            # (rule 5 holds for rule 4's organisations, not for its documents)
            owning = {field: [s for s in field_spans if s.kind == 'organization']
                      for field, field_spans in extra.items()}
            # (fields in their order, not a set's: the unlinked tags come out in that order)
            spans = {field: sorted([*spans.get(field, ()), *extra.get(field, ())])
                     for field in dict.fromkeys([*spans, *extra])}
    any_spans = any(spans.values())
    if any_spans:
        spans = _russian_tails(spans, folded)
        if country_codes and rows:
            spans = _country_tails(spans, rows, country_codes, folded)
            any_spans = any(spans.values())
    # the listed persons named in full (rule 2: their given names and surnames alone, below)
    full_names = [row for row in rows if kinds_of[row[0]] == 'persons' and ' ' in row[2]]
    # (their surnames alone are no place but a country: "Альфи Аллен ... Аллен был номинирован"
    # is no mention of Allen, Texas; Michael Jordan's Jordan stays a country)
    person_lasts: set[str] = {row[2].rsplit(' ', 1)[1] for row in full_names}
    if not any_spans and not person_lasts and not any(_hyphens(parts[0], languages.get(field))
                                                      for field, parts in folded.items()):
        return list(rows), []   # no name to look inside nor to take words from, no hyphen
    placed: dict[str, list[tuple[int, int, int]]] = {}     # field -> (start, stop, row index)
    # field -> (start, stop, is a place, row index)
    linked: dict[str, list[tuple[int, int, bool, int]]] = {}
    for n, (idx, field, _alias, _rule, _ctx, start, stop) in enumerate(rows):
        offsets = folded[field][2]
        if offsets is None:
            a, b = start, stop
        else:
            a, b = offsets[start], offsets[stop - 1] + 1
        is_place = kinds_of[idx] == 'places'
        if is_place:
            if field in placed:
                placed[field].append((a, b, n))
            else:
                placed[field] = [(a, b, n)]
        if any_spans:                   # only the spans' rule looks at the other mentions
            linked.setdefault(field, []).append((a, b, is_place, n))
    drop: set[int] = set()
    person_words: set[str] = set()
    # (rule 2: given names, for the places found weakly: of the detected persons, and of the
    # listed ones the item names in full)
    person_firsts: set[str] = {row[2].split(' ', 1)[0] for row in full_names}
    cjk_parts: set[str] = set()
    unlinked: list[Unlinked] = []
    namesakes: set[int] = set()     # rule 14: listed persons a namesake's surname found
    for field, field_spans in spans.items():
        if not field_spans:
            continue
        field_places = placed.get(field, [])
        for span in field_spans:
            if span.kind == 'person' and first_names and is_given is not None:
                others = _namesakes(span, rows, linked.get(field, ()), first_names, is_given)
                if others:
                    namesakes.update(rows[n][0] for n in others)
                    drop.update(others)
            if (span.kind == 'person' and countries and languages.get(field) == 'zh'):
                # a Chinese name after a title that is also a foreign place's name in Chinese
                # (宣传部长罗勇: 罗勇 is Rayong, Thailand, too): the person
                drop.update(n for a, b, n in field_places
                            if (a, b) == (span.start, span.stop)
                            and countries[rows[n][0]] not in _CHINESE_HOMES)
            inside = [n for a, b, n in field_places
                      if a >= span.start and b <= span.stop and (b - a) < (span.stop - span.start)]
            if inside and span.source == 'family_name':
                continue    # a listed town ends it: Metalist Kharkov is a club, not a person
            # rule 5: a person or organisation inside a name that is an institution of its own
            owned = (_owned(span, linked.get(field, ()), owning.get(field, ()))
                     if span.kind != 'person' else _surnamed(span, linked.get(field, ()),
                                                              rows, kinds_of))
            # a listed person or organisation over the span, or a place that is not inside it
            # (a longer place name): the gazetteer knows better
            # or a place that is the whole span (Port of Busan is the place itself)
            taken = any(a < span.stop and b > span.start
                        and (not is_place or a < span.start or b > span.stop
                             or (a, b) == (span.start, span.stop))
                        and n not in owned and n not in drop
                        for a, b, is_place, n in linked.get(field, ()))
            if taken:
                continue
            if span.kind == 'organization' and _named_in_brackets(span, folded[field][0],
                                                                  linked.get(field, ())):
                drop.update(inside)     # its places are still inside a name
                continue
            drop.update(inside)
            drop.update(owned)
            if span.kind == 'person':
                words = span.text.split(' ')
                if len(words) > 1:
                    person_words.update(words[1:])
                    person_firsts.add(words[0])
                    # (and as the text writes them: a Russian name in an oblique case, whose
                    # surname alone elsewhere is in it too: "Игоря Бабушкина ... цитирует
                    # Бабушкина" names no Babushkin town)
                    written = folded[field][0][span.start:span.stop].split(' ')
                    if len(written) == len(words):
                        person_words.update(written[1:])
                else:       # a Chinese name's syllable groups: 哈立德·泰穆尔·阿克拉姆
                    cjk_parts.update(_NAME_DOTS.split(span.text)[1:])
            if span.kind != 'name':
                unlinked.append(Unlinked('persons' if span.kind == 'person' else 'organizations',
                                         field, span))
    if namesakes:
        # the surname alone elsewhere is the namesake too, unless the listed person is also
        # named in full (a row of theirs with more than the surname)
        full = {row[0] for n, row in enumerate(rows)
                if row[0] in namesakes and n not in drop and ' ' in row[2]}
        drop.update(n for n, row in enumerate(rows)
                    if row[0] in namesakes and row[0] not in full)
    for field, field_places in placed.items():
        norm = folded[field][0]
        # rule 3 needs a hyphen next to the place (not in German), rule 2 a person's word
        hyphens = _hyphens(norm, languages.get(field))
        if cjk_parts:
            # a place that begins a part of a Chinese person's name (阿克拉 in 阿克拉姆)
            for a, b, n in field_places:
                if any(len(part) > b - a and norm.startswith(part, a) for part in cjk_parts):
                    drop.add(n)
        if not hyphens and not person_words and not person_firsts and not person_lasts:
            continue
        places = {(a, b) for a, b, _n in field_places} if hyphens else None
        for a, b, n in field_places:
            if n in drop:
                continue
            if person_words and norm[a:b] in person_words:
                drop.add(n)
            elif (person_lasts and norm[a:b] in person_lasts
                  and not (country_codes and country_codes[rows[n][0]] is not None)):
                drop.add(n)
            elif (person_firsts and norm[a:b] in person_firsts
                  and rows[n][3] in _WEAK_PLACE_RULES):
                # the given name alone, which the place needed context for: the person by
                # their given name ("la garde à vue de Norman" after Norman Thavaud, not
                # Norman, Oklahoma); a place that counts alone still does (Paris)
                drop.add(n)
            elif (hyphens and norm[a] < '\u0250'
                  and (norm[b:b + 1] == '-' or (a and norm[a - 1] == '-'))
                  and _hyphen_joined(norm, a, b, places)):
                drop.add(n)
    if not drop:
        return list(rows), unlinked
    kept = [row for n, row in enumerate(rows) if n not in drop]
    return kept, unlinked


#: rule 2: how a place found on a person's given name alone was found, for it to be the person
#: (context or repetition; an alias that counts alone stays a place)
_WEAK_PLACE_RULES = frozenset({'in_context', 'repeated'})


# Rule 8: what makes a city a club. A match verb right after the name, or one right before it
# (Latin-script languages; Russian writes a club in quotes: rule 7) ...
_MATCH_VERB_AFTER = re.compile(
    r" (?:beat|beats|defeated|defeats|drew|lost|loses|thrashed|edged|hammered|routed|stunned"
    r"|gewinnt|gewann|verliert|verlor|siegt|siegte|besiegt|besiegte|schlägt|schlug|unterliegt"
    r"|unterlag|bat|s'impose|s’impose|l'emporte|l’emporte|domine|écrase|venció|vence|derrotó"
    r"|derrota|ganó|perdió|empató|goleó|golea)\b|(?: won| wins| gagne| gana) \d ?[-:–] ?\d")
_MATCH_VERB_BEFORE = re.compile(
    r"(?:\b(?:beat|beating|defeated|defeating|thrashed|thrashing|edged|hammered|routed|stunned"
    r"|drew with|lost to|v|vs"
    r"|besiegt|besiegte|schlägt|schlug|bat|battu|venció a|derrotó a|goleó a)|\bvs\."
    r"|\b(?:lost|drew|held|beaten|defeated|drawn) \d ?[-:–] ?\d (?:to|by|with)"
    r"|(?<![\w.])(?:venció|derrotó|goleó|ganó|perdió|empató) (?:al|ante el|con el))"
    r" $")
# ... or, beside a club the item names, in a list of them ("Everton, Liverpool and Arne Slot
# are charged"; round 36)
_LIST_JOINS = frozenset({', ', ' and ', ' & ', ' et ', ' y ', ' und ', ' e ', ' or ', ' ou ',
                         ' o ', ' oder ',
                         # (French and Spanish give a club its article: "Stuttgart, le PSV")
                         ', le ', ', la ', ' et le ', ' et la ', ', el ', ' y el '})
# ... or, in an item with a score, an opponent's preposition before it; Spanish writes the
# club with the masculine article (el Barcelona, del Valencia), the city without one
_AGAINST = re.compile(r"\b(?:against|gegen|contre|contra|ante|face à|face a) $")
_ES_CLUB_ARTICLE = re.compile(r"(?<![\w])(?:al|del|el) $")
# ... or, in German, a word for a league's team right before it ("Drittligist Bielefeld",
# "Tabellenführer Leverkusen") or a hyphen and a player's or coach's word after it
# ("Bielefeld-Trainer", "Schalke-Profis")
_DE_CLUB_BEFORE = re.compile(r"(?:ligist|ligisten|Tabellenführer|Aufsteiger|Absteiger"
                             r"|Rekordmeister|Spitzenreiter|Schlusslicht) $")
_DE_CLUB_AFTER = re.compile(r"-(?:Trainer|Coach|Torwart|Keeper|Stürmer|Profis?|Fans|Kapitän"
                            r"|Spieler(?:in)?|Sportdirektor)\b")
# ... or, in English, a player's or manager's word right after it ("England and Tottenham
# defender Danny Rose", "Chelsea boss"), in French one before it and "de" ("le milieu de terrain
# de Chelsea", "l'attaquant de Liverpool")
_EN_CLUB_AFTER = re.compile(r" (?:defender|midfielder|striker|goalkeeper|keeper|winger|full-back"
                            r"|centre-back|center-back|manager|boss|head coach)s?\b")
_FR_CLUB_BEFORE = re.compile(r"\b(?:défenseur|défenseure|milieu|attaquant|attaquante|gardien"
                             r"|entraîneur|entraîneuse|ailier|latéral|buteur)(?: [\w-]+){0,2}"
                             r" (?:de |du |d['’])$")
_SCORE = re.compile(r"(?<![\d.,:/])\d ?[-:–] ?\d(?![\d:/]|[.,]\d)")
# ... or, in English with a score in the item, a plural verb after it (a team's, not a city's)
_EN_TEAM_PLURAL = re.compile(r" (?:have|were|are|have been) (?!(?:both|all|among|two|the two)\b)")
_EN_LISTED = re.compile(r"(?:\band|\bor|,|&) $")
_EN_LISTED_AFTER = re.compile(r" (?:and|or|,)")
# ... unless it is a vote: a court "ruled 6-3", a council "voted 5-4", "a 7-2 vote"
_VOTE = re.compile(r"\b(?:ruled|voted|votes?|decision|majority|stimmten|votó|votaron|a voté) $")
_CLUB_PLACE_TYPES = frozenset({'city', 'capital', 'district'})
_CLUB_LANGUAGES = frozenset({'en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'id'})
_CLUB_WORD = re.compile(r"[^\W\d_][^\s.,()]{3,}")
# words of athletes and competitions (case-folded text), for a world sports body's acronym
_SPORTING = re.compile(r'olymp|athlet|sportler|wettkämpf|medaill|médaill|medal|weltmeister'
                       r'|champion|campeon|campeón|deportist|sportif|sportive|sportsm|sportsw'
                       r'|олимпи|чемпион|спортсмен|медал|боксёр|боксер'
                       r'|オリンピック|五輪|選手|奥运|冠军|选手|올림픽|선수')
_RESERVE_TEAM = re.compile(r" (?:II|III|B|U\d\d)$")     # Borussia Dortmund II, Real Madrid B
# Rule 42: the languages, and a club's word after its city's name (切尔西队, 利物浦足球俱乐部,
# チェルシーFC, 리버풀 FC)
_CJK_CLUB_LANGUAGES = frozenset({'zh', 'ja', 'ko'})
_CJK_CLUB_SUFFIX = re.compile(r'(?: ?(?:FC|F\.C\.)|足球俱乐部|足球俱樂部|俱乐部|俱樂部|队|隊)$')
_HANGUL_WORD = re.compile('[\uac00-\ud7a3]{2,}')
# ... the countries whose clubs each language's news names in full (a home club's city is the
# city: 대구, 光州), and a Korean place's unit, which its bare name drops (용인 of 용인시)
_CJK_HOMES = {'ko': frozenset({'KR'}), 'ja': frozenset({'JP'}), 'zh': frozenset({'CN', 'TW'})}
_KO_UNIT_ENDS = frozenset('시군구도주')
# ... what makes the city where something happens: a locative particle, a city's word after it
# (리버풀에서, リバプールで, 利物浦市) or 在 before it
_CJK_PLACE_AFTER = re.compile('(?:에서|에(?![\uac00-\ud7a3])|시(?![\uac00-\ud7a3])|で|市|県|州|郡)')
_CJK_PLACE_BEFORE = frozenset('在于於')
# ... and what a Korean sponsor's name as a word takes after it: a particle, 전 ("match
# against"), or nothing (두산과 롯데의, 두산-롯데전, 롯데는); not a league's name in Latin letters,
# which the sponsor's name begins ('2023 신한은행 SOL KBO리그': the bank sponsors the league)
_KO_CLUB_AFTER = ('(?=(?:[이가은는을를의와과도만]|에게|에서|에|으로|로|전|쪽|까지|보다|처럼|이다|였다)?'
                  '(?![\uac00-\ud7a3]| (?!vs)[A-Za-z]))')


# a club's CJK name of two words: the first (토트넘 홋스퍼, トッテナム・ホットスパー)
_CJK_FIRST_WORD = re.compile('([^ ・·]+)[ ・·][^ ・·]')


def _beside(norm: str, span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the name at ``span`` of the folded text ``norm`` is listed right before or
    after one at ``spans`` (a comma or a conjunction between them, :data:`_LIST_JOINS`)."""
    a, b = span
    return any(norm[b:c] in _LIST_JOINS if c >= b else norm[d:a] in _LIST_JOINS
               for c, d in spans)


class ClubCities:
    """Rules 8's and 42's look-ups, built once per tagger from the gazetteer: which city words
    name a listed sports club, which CJK city names and Korean sponsors one club's names hold,
    and which entities are cities, districts and capitals."""

    def __init__(self, entities: Sequence):
        places: set[str] = set()
        self._is_city = tuple(e.kind == 'place' and e.type in _CLUB_PLACE_TYPES
                              for e in entities)
        self._is_club = tuple(e.kind == 'organization' and e.type == 'sports' for e in entities)
        # a sports body of no country (the IOC, FIFA): its acronym counts in a sports item
        self._is_world_body = tuple(club and not e.country
                                    for club, e in zip(self._is_club, entities))
        # rule 42's look-ups too: a foreign club's name in Chinese, Japanese or Korean less its
        # club word (切尔西队, チェルシーFC, 리버풀 FC: the city's name), where that is a city's or
        # district's name (a home club's city, 대구 of 대구FC, is the city its reports name as
        # often); and a Korean club's sponsor, the first word of its two (두산 베어스, 롯데
        # 자이언츠), where it names no place (용인 of 용인시) and no other club
        cjk_places: set[str] = set()
        cjk_cities: set[str] = set()
        cjk_capitals: set[str] = set()
        for e in entities:
            if e.kind != 'place':
                continue
            is_city = e.type in _CLUB_PLACE_TYPES
            if is_city:
                places.update(a.casefold() for _lang, a in e.aliases)
            for lang, a in e.aliases:
                if lang in _CJK_CLUB_LANGUAGES:
                    cjk_places.add(a)
                    if is_city:
                        cjk_cities.add(a)
                    if e.type == 'capital':
                        cjk_capitals.add(a)
        cjk_places |= {a[:-1] for a in cjk_places if a[-1:] in _KO_UNIT_ENDS and len(a) > 2}
        clubs: dict[str, int] = {}
        cities: dict[str, int] = {}
        sponsors: dict[str, int] = {}
        for idx, e in enumerate(entities):
            if e.kind != 'organization' or e.type != 'sports' or _RESERVE_TEAM.search(e.name):
                continue        # (a reserve team is not what a match report names by city)
            words = {w.casefold() for a in (e.name, *(a for _l, a in e.aliases))
                     for w in _CLUB_WORD.findall(a)}
            for word in words & places:
                clubs[word] = idx if clubs.get(word, idx) == idx else -1
            for lang, alias in e.aliases:
                if lang not in _CJK_CLUB_LANGUAGES:
                    continue
                m = _CJK_CLUB_SUFFIX.search(alias)
                heads = [alias[:m.start()]] if m is not None else []
                # (or its first word, a town's or district's name: 토트넘 of 토트넘 홋스퍼,
                # トッテナム of トッテナム・ホットスパー; not a capital's: 파리 of 파리 생제르맹 is
                # Paris in 파리 올림픽)
                first = _CJK_FIRST_WORD.match(alias)
                if first is not None and first.group(1) not in cjk_capitals:
                    heads.append(first.group(1))
                for city in heads:
                    if city in cjk_cities and e.country not in _CJK_HOMES[lang]:
                        cities[city] = idx if cities.get(city, idx) == idx else -1
                parts = alias.split(' ')
                if (lang == 'ko' and e.country == 'KR' and len(parts) == 2
                        and all(map(_HANGUL_WORD.fullmatch, parts))
                        and parts[0] not in cjk_places):
                    sponsors[parts[0]] = idx if sponsors.get(parts[0], idx) == idx else -1
        # (and the city's other names, where the club's has one of them and the city is of the
        # club's country: French "Gérone, Stuttgart ... et Salzbourg" names Girona FC by
        # Girona's French name, which no name of the club holds)
        more: dict[str, int] = {}
        for e in entities:
            if e.kind != 'place' or e.type not in _CLUB_PLACE_TYPES:
                continue
            names = {a.casefold() for lang, a in e.aliases if lang in _CLUB_LANGUAGES}
            for word in names & clubs.keys():
                club = clubs[word]
                if club < 0 or entities[club].country != e.country:
                    continue
                for other in names - clubs.keys():
                    more[other] = club if more.get(other, club) == club else -1
        clubs.update(more)
        self._clubs = clubs     # city word -> the one club with it in its name, or -1
        # rule 52's: a Russian club's name, in any case its aliases give, where a place has it
        # too ("Барселону (футбольный клуб)": Барселону; "Баварию Мюнхен": Баварию, Bavaria's)
        ru_places = {a.casefold() for e in entities if e.kind == 'place'
                     for lang, a in e.aliases if lang == 'ru'}
        ru_clubs: dict[str, int] = {}
        for idx, e in enumerate(entities):
            if e.kind != 'organization' or e.type != 'sports' or _RESERVE_TEAM.search(e.name):
                continue
            for word in {a.split(' ', 1)[0].casefold() for lang, a in e.aliases if lang == 'ru'}:
                if word in ru_places:
                    ru_clubs[word] = idx if ru_clubs.get(word, idx) == idx else -1
        self._ru_clubs = {word: idx for word, idx in ru_clubs.items() if idx >= 0}
        # ... and a city's Russian name (its first alias: the nominative), for a club the
        # gazetteer does not list
        self._ru_names = tuple(
            next((a for lang, a in e.aliases if lang == 'ru'), None) if city else None
            for city, e in zip(self._is_city, entities))
        # ... and its English name, for a listed club whose other names hold it though its
        # Russian ones do not ("«Реймсом»": Stade de Reims)
        self._en_names = tuple(e.name.casefold() if city else None
                               for city, e in zip(self._is_city, entities))
        self._cjk_cities = {city: idx for city, idx in cities.items() if idx >= 0}
        sponsors = {word: idx for word, idx in sponsors.items() if idx >= 0}
        self._sponsors = sponsors
        self._sponsor_word = (re.compile(
            '(?<![\uac00-\ud7a3])(' + '|'.join(sorted(sponsors, key=len, reverse=True))
            + ')' + _KO_CLUB_AFTER) if sponsors else None)

    def __bool__(self) -> bool:
        return bool(self._clubs or self._cjk_cities or self._sponsors or self._ru_clubs)

    def quoted_ru(self, rows: list, folded: Mapping[str, tuple],
                  languages: Mapping[str, str | None], sporty: Callable[[], bool]
                  ) -> tuple[list, list[Unlinked]]:
        """Rule 52: ``(rows, clubs)``: a place written in quotes in a Russian field of a
        sports item is a club (rule 7 drops the place; a match report names the club so:
        "«Интер» обыграл «Барселону»"). The listed club whose Russian name starts with that
        word in the same case (FC Barcelona; «Бавария», FC Bayern Munich) takes the place's
        row, and so does the one listed club whose other names hold the city's English name
        ("«Реймсом»": Stade de Reims, which has no Russian name); for a city no listed club
        has, the club is an unlinked organisation named by the city's Russian name, which is
        the nominative ("проиграл «Химкам»": Химки). ``rows`` is the same list when it changes
        nothing."""
        fields = {field for field, parts in folded.items() if languages.get(field) == 'ru'
                  and any(quote in parts[0] for quote in _OPENING_QUOTES)}
        if not fields:
            return rows, []     # (most Russian items: no quote, nothing to look at)
        out = None
        clubs: list[Unlinked] = []
        is_sporty = None
        for n, row in enumerate(rows):
            idx, field, alias, _rule, _ctx, start, stop = row
            if field not in fields:
                continue
            club = self._ru_clubs.get(alias.casefold())
            if club is None and self._ru_names[idx] is None:
                continue
            if club is None and self._clubs.get(self._en_names[idx], -1) >= 0:
                club = self._clubs[self._en_names[idx]]
            norm = folded[field][0]
            a, b = _norm_span(folded[field], start, stop)
            if not (a and norm[a - 1] in _OPENING_QUOTES and norm[b:b + 1] in _CLOSING_QUOTES):
                continue
            if is_sporty is None:
                is_sporty = sporty()
            if not is_sporty:
                return rows, []
            if club is None:
                clubs.append(Unlinked('organizations', field, NameSpan(
                    'organization', a, b, self._ru_names[idx], 'club')))
                continue
            if out is None:
                out = list(rows)
            out[n] = (club, field, alias, 'club_city', None, start, stop)
        return (rows if out is None else out), clubs

    def apply_cjk(self, rows: list, folded: Mapping[str, tuple],
                  languages: Mapping[str, str | None], sporty: Callable[[], bool]) -> list:
        """Rule 42: ``rows`` with the clubs a Chinese, Japanese or Korean sports report
        (``sporty()``: a sport keyword, an athlete or a club named) names by their city or, in
        Korean, by their sponsor. A city whose name
        a listed club's is, less its club word (切尔西 of 切尔西队), is that club in an item
        that names another club or a league (曼城夺得3连胜与曼联和切尔西同分; 알렉산더-아놀드(리버풀)),
        unless it is where something happens (在利物浦, 리버풀에서, リバプールで, 利物浦市); a Korean
        club's sponsor written as a word (두산과 롯데의 빅매치, 두산-롯데전) is that club, in place of
        the company."""
        fields = [f for f in folded if languages.get(f) in _CJK_CLUB_LANGUAGES]
        if not fields or not (self._cjk_cities or self._sponsor_word):
            return rows
        asked: list = []

        def report() -> bool:
            if not asked:
                asked.append(bool(sporty()))
            return asked[0]
        out = list(rows)
        changed = False
        if self._cjk_cities and any(self._is_club[row[0]] for row in rows):
            for n, row in enumerate(rows):
                idx, field, alias, _rule, _ctx, start, stop = row
                club = self._cjk_cities.get(alias)
                if club is None or not self._is_city[idx] or field not in fields:
                    continue
                norm = folded[field][0]
                a, b = _norm_span(folded[field], start, stop)
                if (_CJK_PLACE_AFTER.match(norm, b) is not None
                        or norm[max(0, a - 1):a] in _CJK_PLACE_BEFORE or not report()):
                    continue
                out[n] = (club, field, alias, 'club_city', None, start, stop)
                changed = True
        if self._sponsor_word is not None:
            for field in fields:
                if languages.get(field) != 'ko':
                    continue
                text = folded[field][1]
                if not any(word in text for word in self._sponsors):
                    continue            # (most texts: a substring test is half the regex's time)
                found = [(m.start(1), m.end(1), m.group(1))
                         for m in self._sponsor_word.finditer(text)]
                if not found or not report():
                    continue
                out = [row for row in out if row[1] != field
                       or not any(row[5] < b and a < row[6] for a, b, _w in found)]
                out += [(self._sponsors[word], field, word, 'club_sponsor', None, a, b)
                        for a, b, word in found]
                changed = True
        return out if changed else rows

    def apply(self, rows: list, folded: Mapping[str, tuple],
              languages: Mapping[str, str | None], unresolved: Sequence = ()) -> list:
        """``rows`` with rule 8 applied (the same list when it changes nothing). ``unresolved``:
        the matches that needed context and found none (:meth:`EntityMatcher.mention_rows`),
        as ``(entity indexes, field, alias, start, stop)``: in a match report, such a word
        that is one listed club's (Tottenham, the club or the London district; Newcastle, a
        town of Australia or South Africa) is that club."""
        fields = [f for f in folded if languages.get(f) in _CLUB_LANGUAGES]
        if not fields:
            return rows + self._world_bodies(folded, unresolved) if unresolved else rows
        scored = []             # whether the item has a score somewhere (found once, if asked)
        is_city, clubs = self._is_city, self._clubs
        listed: list = []       # the clubs' spans per field (found once, if asked)
        out = None
        for n, row in enumerate(rows):
            idx, field, alias, _rule, _ctx, start, stop = row
            if not is_city[idx] or field not in fields:
                continue
            club = clubs.get(alias.casefold())
            if club is None or not (self._in_match(folded, languages, field, start, stop, scored)
                                    or self._beside_club(rows, folded, field, start, stop,
                                                         listed)):
                continue
            if out is None:
                out = list(rows)
            out[n] = None if club < 0 else (club, field, alias, 'club_city', None, start, stop)
        if out is not None:
            # (and the same name where an opponent's word comes before it, which without a
            # score says too little alone: "un premier match ... contre Gérone" of an item
            # that lists "Gérone, Stuttgart, le PSV Eindhoven")
            named = {(row[1], row[2].casefold()): row[0] for row in out
                     if row is not None and row[3] == 'club_city'}
            for n, row in enumerate(out):
                if (row is None or row[3] == 'club_city' or not is_city[row[0]]
                        or (row[1], row[2].casefold()) not in named):
                    continue
                norm = folded[row[1]][0]
                a, _b = _norm_span(folded[row[1]], row[5], row[6])
                if _AGAINST.search(norm[max(0, a - 16):a]):
                    out[n] = (named[row[1], row[2].casefold()], *row[1:3], 'club_city', None,
                              *row[5:7])
        added = []
        for ids, field, alias, start, stop in unresolved:
            if field not in fields:
                continue
            club = clubs.get(alias.casefold())
            if club is None:
                sports = [idx for idx in ids if self._is_club[idx]]
                club = sports[0] if len(sports) == 1 else -1
            if club >= 0 and self._in_match(folded, languages, field, start, stop, scored):
                added.append((club, field, alias, 'club_city', None, start, stop))
        added += self._world_bodies(folded, unresolved, {(row[1], row[5]) for row in added})
        if out is not None:
            rows = [row for row in out if row is not None]
        return rows + added if added else rows

    def _beside_club(self, rows: Sequence[tuple], folded: Mapping[str, tuple], field: str,
                     start: int, stop: int, listed: list) -> bool:
        """Whether the name at ``start, stop`` of ``field`` is listed with a club the item
        names, right before or after it ("Everton, Liverpool and Arne Slot are charged",
        "Liverpool and Everton"): then it is a club too (``listed`` remembers the clubs' spans
        per field)."""
        if not listed:
            spans: dict = {}
            cities: dict = {}
            for row in rows:
                span = _norm_span(folded[row[1]], row[5], row[6])
                if self._is_club[row[0]]:
                    spans.setdefault(row[1], []).append(span)
                elif self._is_city[row[0]] and row[2].casefold() in self._clubs:
                    cities.setdefault(row[1], []).append(span)
            # (a list goes on through the clubs it names by city: "Gérone, Stuttgart, le PSV
            # Eindhoven": Gérone is beside a club once Stuttgart is one)
            for key, found in spans.items():
                norm = folded[key][0]
                todo = [span for span in cities.get(key, ()) if span not in found]
                while todo:
                    near = [span for span in todo if _beside(norm, span, found)]
                    if not near:
                        break
                    found.extend(near)
                    todo = [span for span in todo if span not in near]
            listed.append(spans)
        spans = listed[0].get(field)
        if not spans:
            return False
        norm = folded[field][0]
        span = _norm_span(folded[field], start, stop)
        return span in spans or _beside(norm, span, spans)

    def _world_bodies(self, folded: Mapping[str, tuple], unresolved: Sequence,
                      taken: set = frozenset()) -> list:
        """The unresolved acronyms of a world sports body (IOC, COI, WBC, IBF: no country to
        confirm them) in an item that speaks of sport, in any language: "die Entscheidung des
        IOC, russische Athleten wieder zuzulassen", "чемпион мира по версии WBC"."""
        bodies = [(ids[0], field, alias, start, stop) for ids, field, alias, start, stop
                  in unresolved if len(ids) == 1 and self._is_world_body[ids[0]]
                  and (field, start) not in taken]
        if not bodies or not any(_SPORTING.search(parts[1]) for parts in folded.values()):
            return []
        return [(idx, field, alias, 'sports_body', None, start, stop)
                for idx, field, alias, start, stop in bodies]

    @staticmethod
    def _in_match(folded: Mapping[str, tuple], languages: Mapping[str, str | None], field: str,
                  start: int, stop: int, scored: list, positions: bool = True) -> bool:
        """Whether the name at ``start, stop`` of ``field`` stands where a match report names
        a team: next to a match verb, after the Spanish club article, or, in an item with a
        score, after "against" or before an English plural verb (``scored`` remembers whether
        the item has a score). ``positions``: also next to an English or French player's or
        manager's word, which names a club ("Tottenham defender") but not a national team
        ("Zimbabwe goalkeeper Energy Murambadoro" is a Zimbabwean)."""
        norm = folded[field][0]
        a, b = _norm_span(folded[field], start, stop)
        before = norm[max(0, a - 16):a]
        lang = languages.get(field)
        if (_MATCH_VERB_AFTER.match(norm, b) is not None
                or _MATCH_VERB_BEFORE.search(before) is not None
                or (lang == 'es' and _ES_CLUB_ARTICLE.search(before) is not None)
                or (lang == 'de' and (_DE_CLUB_BEFORE.search(before) is not None
                                      or _DE_CLUB_AFTER.match(norm, b) is not None))
                or (positions and lang == 'en' and _EN_CLUB_AFTER.match(norm, b) is not None)
                or (positions and lang == 'fr'
                    and _FR_CLUB_BEFORE.search(norm, max(0, a - 32), a) is not None)):
            return True
        # Weaker cues, which a score in the item must back: "against" before the name, or in
        # English a plural verb after it (British English gives a team a plural verb, a city
        # a singular one: "Chelsea have delivered", "London has"), unless the name ends a
        # list ("London and Paris are")
        if not (_AGAINST.search(before)
                or (lang == 'en' and _EN_TEAM_PLURAL.match(norm, b) is not None
                    and _EN_LISTED.search(before) is None
                    and not _EN_LISTED_AFTER.match(norm, b))):
            return False
        if not scored:
            scored.append(_any_score(folded))
        return scored[0]


def _any_score(folded: Mapping[str, tuple]) -> bool:
    """Whether any field has a match's score (not a vote: "ruled 6-3")."""
    return any(not _VOTE.search(parts[0], max(0, m.start() - 12), m.start())
               for parts in folded.values() for m in _SCORE.finditer(parts[0]))


# Rule 12: what follows a place at once to make a demonym or an origin of it, per language, and
# the words that start with the same character but say something of the place (日本人口 "Japan's
# population", 日本人権 "human rights in Japan", 중국산업 "China's industry"). Not Chinese: its
# labelled news counts 中国人 ("the Chinese") as naming China (real_dev3 rd3-zh-02)
_DEMONYM_AFTER = {
    # (and 基地: 那覇基地, 横須賀基地 are bases named after their towns, not the towns; nor is a
    # railway line named after its end the town: 鹿児島本線, 九州新幹線, 箱崎線)
    # (nor is a licence plate's office town: 所沢ナンバーの軽自動車, 品川ナンバー)
    'ja': re.compile('(?:人(?![口権気工民事])|系|製|産(?!業)|基地|本線|新幹線|線(?![路量香])'
                     '|ナンバー)'),
    'ko': re.compile('(?:산(?!업|하|맥)|인(?![구권터])|계(?=[ .,·인]))'),
}
#: and after a country only: 이스라엘군, 러시아군 "the Israeli, Russian forces" (after a town,
#: 군 is its county: 양평군)
_FORCES_AFTER = {'ko': re.compile('군(?!사|도)')}
#: the languages rule 12 reads
DEMONYM_LANGUAGES = frozenset(_DEMONYM_AFTER)
#: what may stand between places listed together before one suffix (중국·베트남산)
_LISTED_WITH = frozenset('·・、/')
#: Rule 12, Korean 북미 as the pair North Korea and the United States: the words of talks and
#: relations between two countries after it (북미 고위급 회담, 북미 대화, 북미 관계)
_KO_NK_US = '북미'
_KO_PAIR_AFTER = re.compile(
    ' ?(?:대화|회담|협상|관계|정상|고위급|실무|간|사이|비핵화|공동성명|합의|협의|갈등|교착|양국|수교)')


def country_governments(entities: Sequence) -> dict[tuple[int, str], int]:
    """Rule 57's look-up: ``{(entity index, name): country entity index}`` of the national
    governments' Chinese names that are a Chinese name of the country and 政府 (中国政府,
    英國政府; not 香港特区政府)."""
    country_of = {e.country: idx for idx, e in enumerate(entities)
                  if e.kind == 'place' and e.type == 'country' and e.country}
    names = {idx: {alias for lang, alias in entities[idx].aliases if lang == 'zh'}
             for idx in country_of.values()}
    return {(idx, alias): country_of[e.country] for idx, e in enumerate(entities)
            if e.kind == 'organization' and e.type == 'government_body'
            and e.country in country_of
            for lang, alias in e.aliases
            if lang == 'zh' and alias.endswith('政府')
            and alias[:-2] in names[country_of[e.country]]}


#: the languages rule 57 reads
GOVERNMENT_LANGUAGES = frozenset({'zh', 'ja'})


def government_countries(rows: Sequence[tuple], governments: Mapping[tuple[int, str], int],
                         languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 57: a national government named by its Chinese name (中国政府, ``governments``:
    :func:`country_governments`) names its country too, as a country's name before a word
    does in Chinese (美国总统); in a Japanese field, which writes it alike, it is the country
    alone (中国政府は声明を出した), as Japanese news is labelled. ``rows`` is the same list
    when no such name is found."""
    found = [n for n, row in enumerate(rows) if (row[0], row[2]) in governments
             and languages.get(row[1]) in GOVERNMENT_LANGUAGES]
    if not found:
        return rows
    out = list(rows)
    for n in found:
        row = rows[n]
        country = (governments[row[0], row[2]], *row[1:3], 'government_country', None,
                   *row[5:])
        if languages.get(row[1]) == 'ja':
            out[n] = country
        else:
            out.append(country)
    return out


def cjk_demonyms(rows: Sequence[tuple], kinds_of: Sequence[str],
                 countries: Sequence[str | None], folded: Mapping[str, tuple],
                 languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 12: ``rows`` without the places that a demonym or origin suffix follows at once in a
    Japanese or Korean field (日本人, 中国産, 日本製, 중국산, 미국인), nor the places listed
    right before such a one with ·, ・, 、 or / (중국·베트남산). ``kinds_of[entity index]``: its
    tag kind; ``countries[entity index]``: the code of a country entity, None for any other."""
    drop: set[int] = set()
    by_field: dict[str, list] = {}
    for n, row in enumerate(rows):
        if kinds_of[row[0]] == 'places' and languages.get(row[1]) in _DEMONYM_AFTER:
            by_field.setdefault(row[1], []).append(n)
    for field, numbers in by_field.items():
        suffix = _DEMONYM_AFTER[languages[field]]
        forces = _FORCES_AFTER.get(languages[field])
        norm = folded[field][0]
        spans = sorted((*_norm_span(folded[field], rows[n][5], rows[n][6]), n) for n in numbers)
        starts = {a: n for a, _b, n in spans}
        for a, b, n in reversed(spans):      # last first: a listed place looks at the next one
            if suffix.match(norm, b) or (forces is not None and countries[rows[n][0]]
                                         and forces.match(norm, b)):
                drop.add(n)
            elif (norm.startswith(_KO_NK_US, a) and b - a == 2 and languages[field] == 'ko'
                  and _KO_PAIR_AFTER.match(norm, b)):
                drop.add(n)
            elif norm[b:b + 1] in _LISTED_WITH and starts.get(b + 1) in drop:
                drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


#: what follows a Japanese surname alone (石川選手, 山口氏, 田中容疑者), not a place's name; not
#: the titles a town's head takes (山口市長, 石川県知事)
_JA_PERSON_AFTER = re.compile('(?:選手|氏|さん|容疑者|被告|監督|投手|捕手|九段|八段|名人|議員)')


def japanese_surnames(rows: Sequence[tuple], unlinked: Sequence[Unlinked],
                      kinds_of: Sequence[str], countries: Sequence[str | None],
                      folded: Mapping[str, tuple],
                      languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 28: ``rows`` without the places that are a Japanese person's surname in a Japanese
    field: most Japanese surnames are places' names too (石川, 山口, 福田). A place is dropped
    where a person the detector found in the item begins with it (石川 in a headline, 石川佳純選手
    in the body), or where a person's word follows it at once (石川選手, 山口氏). Not a
    country's name. ``countries[entity index]``: the code of a country entity, else None."""
    surnames = {u.span.text[:k] for u in unlinked
                if u.kind == 'persons' and languages.get(u.field) == 'ja'
                and 3 <= len(u.span.text) <= 5 for k in (1, 2, 3) if k < len(u.span.text)}
    drop = set()
    for n, row in enumerate(rows):
        idx, field = row[0], row[1]
        if (kinds_of[idx] != 'places' or countries[idx] is not None
                or languages.get(field) != 'ja'):
            continue
        norm = folded[field][0]
        a, b = _norm_span(folded[field], row[5], row[6])
        if norm[a:b] in surnames or _JA_PERSON_AFTER.match(norm, b):
            drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


#: Rule 29: the words for a ship, per language, that a ship's name follows (die Fregatte
#: "Hessen", крейсер «Москва», the destroyer Carney, le porte-avions Charles-de-Gaulle):
#: matched at the end of the text before a mention (case-folded), the name in quotes or not.
#: German compounds end in the word (Kreuzfahrtschiff); English and Spanish leave out
#: "ship", "ferry" and "crucero", which are also verbs or other words
_SHIP_WORDS = {
    'de': r'\w*(?:schiff|fregatte|korvette|zerstörer|kreuzer|flugzeugträger|u-boot|'
          r'tanker|frachter|fähre|eisbrecher|einsatzgruppenversorger|minenjagdboot|'
          r'schnellboot|flaggschiff)',
    'en': r'(?:frigate|corvette|destroyer|cruiser|aircraft carrier|warship|submarine|vessel|'
          r'tanker|freighter|cruise ship|container ship|icebreaker|patrol boat|flagship)',
    'fr': r'(?:frégate|corvette|destroyer|croiseur|porte-avions|porte-hélicoptères|'
          r'sous-marin|navire|pétrolier|paquebot|brise-glace|vaisseau amiral)',
    'es': r'(?:fragata|corbeta|destructor|portaaviones|submarino|buque|petrolero|'
          r'rompehielos|buque insignia)',
    'ru': r'(?:фрегат|корвет|эсмин[е]?ц|крейсер|авианос[е]?ц|подводн\w+ лодк\w+|судн\w|'
          r'танкер|ледокол|корабл\w+)\w*',
}
_SHIP_BEFORE = {lang: re.compile(f'(?<!\\w){words} ?["„“”«»\'‚‘’]? ?$')
                for lang, words in _SHIP_WORDS.items()}
SHIP_LANGUAGES = frozenset(_SHIP_WORDS)
# the stems one of which a text must hold for the rule to look at its mentions (a quick test)
_SHIP_STEMS = {
    'de': ('schiff', 'fregatte', 'korvette', 'zerstörer', 'kreuzer', 'träger', 'u-boot', 'tanker',
           'frachter', 'fähre', 'eisbrecher', 'versorger', 'boot'),
    'en': ('frigate', 'corvette', 'destroyer', 'cruiser', 'carrier', 'warship', 'submarine',
           'vessel', 'tanker', 'freighter', 'ship', 'icebreaker', 'boat'),
    'fr': ('frégate', 'corvette', 'destroyer', 'croiseur', 'porte-', 'sous-marin', 'navire',
           'pétrolier', 'paquebot', 'brise-glace', 'vaisseau'),
    'es': ('fragata', 'corbeta', 'destructor', 'portaaviones', 'submarino', 'buque', 'petrolero',
           'rompehielos'),
    'ru': ('фрегат', 'корвет', 'эсмин', 'крейсер', 'авианос', 'лодк', 'судн', 'танкер', 'ледокол',
           'корабл'),
}


def ship_names(rows: Sequence[tuple], kinds_of: Sequence[str], folded: Mapping[str, tuple],
               languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 29: ``rows`` without the places and persons written right after a word for a ship
    (die Fregatte "Hessen" is a warship, not the Land; крейсер «Москва» not the city; der
    Flugzeugträger "Charles de Gaulle" not the general). ``kinds_of[entity index]``: the
    entity's tag kind."""
    # (the fields that hold a word for a ship: most hold none)
    shipping = {field: pattern for field, lang in languages.items() if field in folded
                for pattern in (_ship_pattern(lang, folded[field][1]),) if pattern is not None}
    if not shipping:
        return list(rows)
    drop = set()
    for n, row in enumerate(rows):
        pattern = shipping.get(row[1])
        if pattern is None or kinds_of[row[0]] not in ('places', 'persons'):
            continue
        text, start = folded[row[1]][1], row[5]
        if start and pattern.search(text, max(0, start - 40), start):
            drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


def ship_persons(unlinked: Sequence[Unlinked], folded: Mapping[str, tuple],
                 languages: Mapping[str, str | None]) -> list[Unlinked]:
    """Rule 29 for the detected persons: ``unlinked`` without a person named right after a word
    for a ship (der Flugzeugträger "Charles de Gaulle")."""
    out = []
    patterns: dict[str, re.Pattern | None] = {}     # per field, looked up once
    for name in unlinked:
        start = name.span.start
        if name.kind == 'persons' and start:
            if name.field not in patterns:
                patterns[name.field] = _ship_pattern(languages.get(name.field),
                                                      folded[name.field][1])
            pattern = patterns[name.field]
            text = folded[name.field][0]
            # (a Russian name the text declines, whose span the detector named in the nominative,
            # is a person: a ship's name keeps its nominative, "командира воздушного судна
            # Рустема Салихова" is the aircraft's captain)
            if (pattern is not None and text[start:name.span.stop] == name.span.text
                    and pattern.search(text[max(0, start - 40):start].casefold())):
                continue
        out.append(name)
    return out


def _ship_pattern(lang: str | None, text: str) -> re.Pattern | None:
    """Rule 29's test for a word for a ship right before a mention in ``text`` (case-folded)
    in ``lang``; None when the language has none or the text holds no word for a ship."""
    stems = _SHIP_STEMS.get(lang)
    if stems is None or not any(stem in text for stem in stems):
        return None
    return _SHIP_BEFORE[lang]


# Rule 30: a street, square, school or station named after a person: the word before the name in
# Russian, French and Spanish (улица Ленина, rue Victor Hugo, avenida Simón Bolívar), after it
# in English (Lincoln Memorial, Martin Luther King Jr. Boulevard)
_STREET_BEFORE = {
    'ru': re.compile(r'(?<!\w)(?:улиц\w*|ул\.|проспект\w*|площад\w*|пл\.|переул\w*|'
                     r'бульвар\w*|набережн\w*|шоссе|алле\w*|сквер\w*|станци\w+ метро|'
                     r'метро|имени|им\.) ?$'),
    'fr': re.compile(r'(?<!\w)(?:rue|avenue|boulevard|bd|place|quai|allée|impasse|square|cours|'
                     r'lycée|collège|école|stade|gare|station|pont) ?$'),
    'es': re.compile(r'(?<!\w)(?:calle|avenida|avda\.|av\.|plaza|paseo|bulevar|colegio|escuela|'
                     r'liceo|estadio|puente|glorieta|aeropuerto) ?$'),
}
# (in the text as written: a street's word is capitalised in its name; the rest of a name the
# detector stopped short of may come between, one more word and a suffix, "Martin Luther [King
# Jr.] Boulevard", but not a title-case headline's small word, "Xi At Airport")
_STREET_AFTER = {
    'en': re.compile(r'(?: (?!(?:At|In|On|To|For|By|Of|And|The|With|From|After|Near|Over|Into)'
                     r'\b)[A-Z][a-z]+)?(?: (?:[A-Z]\.|Jr\.?|Sr\.?|II|III))* '
                     r'(?:Street|St\.|Avenue|Ave\.|Boulevard|Blvd\.?|Square|Road|Drive|Bridge|'
                     r'Memorial|High School|Elementary School|Middle School|Airport|Station|'
                     r'Stadium)(?!\w)'),
}
STREET_LANGUAGES = frozenset(_STREET_BEFORE) | frozenset(_STREET_AFTER)


def street_persons(rows: Sequence[tuple], kinds_of: Sequence[str], folded: Mapping[str, tuple],
                   languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 30: ``rows`` without the listed persons who name a street, a square, a school or a
    station: written right after a word for one in Russian, French and Spanish ("ДТП на улице
    Ленина", "rue Victor Hugo", "avenida Simón Bolívar") or right before one in English
    ("the Lincoln Memorial", "on Martin Luther King Jr. Boulevard"). A statue or a museum of
    the person (памятник Ленину) still names the person. ``kinds_of[entity index]``: the
    entity's tag kind."""
    drop = set()
    for n, row in enumerate(rows):
        if kinds_of[row[0]] != 'persons':
            continue
        lang = languages.get(row[1])
        parts, start = folded[row[1]], row[5]
        before, after = _STREET_BEFORE.get(lang), _STREET_AFTER.get(lang)
        if ((before is not None and start and before.search(parts[1], max(0, start - 25), start))
                or (after is not None
                    and after.match(parts[0], _norm_span(parts, start, row[6])[1]))):
            drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


def street_unlinked(unlinked: Sequence[Unlinked], folded: Mapping[str, tuple],
                    languages: Mapping[str, str | None]) -> list[Unlinked]:
    """Rule 30 for the detected persons: ``unlinked`` without a person who names a street
    ("rue Victor Hugo", "Martin Luther King Jr. Boulevard")."""
    out = []
    for name in unlinked:
        lang = languages.get(name.field)
        before, after = _STREET_BEFORE.get(lang), _STREET_AFTER.get(lang)
        if name.kind == 'persons' and (before is not None or after is not None):
            norm = folded[name.field][0]
            start, stop = name.span.start, name.span.stop
            if ((before is not None and start
                 and before.search(norm[max(0, start - 25):start].casefold()))
                    or (after is not None and after.match(norm, stop))):
                continue
        out.append(name)
    return out


# Rule 31: an acronym in capitals that only some languages write for an entity
_ACRONYM = re.compile(r'[A-Z]{2,5}')


def foreign_acronyms(entities: Sequence) -> dict[int, dict[str, frozenset]]:
    """Rule 31's table: ``{entity index: {acronym: the languages that write it}}`` for the
    acronyms (2 to 5 Latin capitals) an entity lists under some languages but neither English
    nor Indonesian, whose press writes both (PCC, the Chinese Communist Party in French; CPI,
    the International Criminal Court in French and Spanish; RN, the National Rally in French;
    not BI, Bank Indonesia, or DPR, which Indonesia's English-language press writes too)."""
    out: dict[int, dict[str, frozenset]] = {}
    for idx, e in enumerate(entities):
        langs: dict[str, set] = {}
        for lang, alias in e.aliases:
            if _ACRONYM.fullmatch(alias):
                langs.setdefault(alias, set()).add(lang)
        foreign = {alias: frozenset(ls) for alias, ls in langs.items()
                   if not ls & {'en', 'id'}}
        if foreign:
            out[idx] = foreign
    return out


def acronyms_in_their_language(rows: Sequence[tuple], acronyms: Mapping[int, Mapping],
                               languages: Mapping[str, str | None],
                               written_in: frozenset) -> list[tuple]:
    """Rule 31: ``rows`` without an entity named by an acronym that only other languages than
    the field's write for it (``acronyms``: :func:`foreign_acronyms`): in an English or
    Chinese report on prices, CPI is the consumer price index, not the French or Spanish name
    of the International Criminal Court; PCC in an English text is no Parti communiste chinois.
    A field of unknown language, or of one the gazetteer writes no alias in (``written_in``;
    Portuguese, Italian: they write ONU, OMS, FMI too), keeps them."""
    out = []
    for row in rows:
        written = acronyms.get(row[0])
        if written is not None:
            langs = written.get(row[2])
            lang = languages.get(row[1])
            if langs is not None and lang in written_in and lang not in langs:
                continue
        out.append(row)
    return out


def party_branches(rows: Sequence[tuple], is_party: Sequence[bool], kinds_of: Sequence[str],
                   folded: Mapping[str, tuple],
                   languages: Mapping[str, str | None]) -> list[tuple]:
    """Rule 13: ``rows`` without the places written right after a listed party's name in a
    German field (SVP Zürich, SPD Berlin: the party's branch). ``is_party[entity index]``: a
    political party; ``kinds_of[entity index]``: its tag kind."""
    ends: dict[str, set[int]] = {}          # field -> where a party's name ends (normalised)
    for row in rows:
        if is_party[row[0]] and languages.get(row[1]) == 'de':
            ends.setdefault(row[1], set()).add(_norm_span(folded[row[1]], row[5], row[6])[1])
    if not ends:
        return list(rows)
    drop = set()
    for n, row in enumerate(rows):
        field = row[1]
        if kinds_of[row[0]] == 'places' and field in ends:
            a = _norm_span(folded[field], row[5], row[6])[0]
            if a >= 1 and folded[field][0][a - 1] == ' ' and (a - 1) in ends[field]:
                drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


# Rule 15: a title in book-title brackets (a publication, a work, a document)
_BOOK_TITLE = re.compile('[《〈]([^《》〈〉]{1,60})[》〉]')
TITLE_LANGUAGES = frozenset({'zh', 'ja'})


#: the characters after 军 (forces) that make it a word's first half: 军事 military, 军售 arms
#: sales, 军费 military spending, 军工 arms industry, 军火 munitions, 军备 armament, 军演
#: drills, 军训 military training (a name ending in 军 read across such a word is none)
_ACROSS_JUN = frozenset('事售费費工火备備演训訓')


def titles_and_streets(rows: Sequence[tuple], kinds_of: Sequence[str],
                       folded: Mapping[str, tuple],
                       languages: Mapping[str, str | None]) -> list[tuple]:
    """Rules 15 to 19 and 22: ``rows`` without the organisations found inside a Chinese or
    Japanese title in book-title brackets that they are only a part of, without the places that
    name a street in Chinese, without the Chinese names read across a word (韩军 in 军事, 北区
    in 渝北区), without a Japanese place whose name starts another town's (大和 in 大和町) or a
    team's (ブラジル in ブラジル代表), and without a person whose name starts a prize's (李光耀
    in 李光耀水源荣誉大奖).
    ``kinds_of[entity index]``: its tag kind."""
    titles: dict[str, list[tuple[int, int]]] = {}
    streets: set[str] = set()
    military: set[str] = set()
    districts: set[str] = set()
    towns: set[str] = set()
    prizes: set[str] = set()
    for field, parts in folded.items():
        language = languages.get(field)
        if language == 'ja' and ('町' in parts[0] or '村' in parts[0] or '代表' in parts[0]
                                 or '区' in parts[0]):
            towns.add(field)
        if language in TITLE_LANGUAGES and ('奖' in parts[0] or '獎' in parts[0]
                                            or '賞' in parts[0]):
            prizes.add(field)
        if language in TITLE_LANGUAGES and ('《' in parts[0] or '〈' in parts[0]):
            found = [m.span(1) for m in _BOOK_TITLE.finditer(parts[0])]
            if found:
                titles[field] = found
        if language == 'zh':
            if '街' in parts[0] or any(word in parts[0] for word in _MARKET_WORDS):
                streets.add(field)
            if '军' in parts[0] or '軍' in parts[0]:
                military.add(field)
            if '区' in parts[0] or '區' in parts[0]:
                districts.add(field)
    touched = titles.keys() | streets | military | districts | towns | prizes
    if not touched:
        return list(rows)
    drop = set()
    for n, row in enumerate(rows):
        field, kind = row[1], kinds_of[row[0]]
        if field not in touched:
            continue
        norm = folded[field][0]
        a, b = _norm_span(folded[field], row[5], row[6])
        if field in military:
            if norm[b - 1:b] in ('军', '軍') and norm[b:b + 1] in _ACROSS_JUN:
                drop.add(n)         # 韩军 in 美韩军事, 俄军 in 中俄军演, 台军 in 对台军售
                continue
        if field in districts and kind == 'places':
            if (b - a == 2 and _DIRECTION_DISTRICT.fullmatch(norm, a, b) and a
                    and script_of(norm[a - 1]) == HAN and norm[a - 1] not in _PARENT_LEVELS):
                drop.add(n)         # 北区 inside 渝北区 (not after 东京都: Tokyo's own ward)
                continue
        if field in towns and kind == 'places':
            if (norm[b:b + 1] in ('町', '村') and norm[b - 1] not in _JA_UNIT_ENDS
                    and norm[b + 1:b + 2] not in _JA_TOWN_WORDS):
                drop.add(n)         # 大和町 is the town of Daiwa, not the city of Yamato
                continue
            if norm.startswith('代表', b):
                drop.add(n)         # rule 22: ブラジル代表, Brazil's national team
                continue
            if norm[b:b + 1] == '区' and ('市' + norm[a:b] + '区') in norm:
                # rule 18: 大阪市福島区 is Osaka's ward, not Fukushima, and so is a later
                # （福島区） in the same text
                drop.add(n)
                continue
        if field in prizes and kind == 'persons':
            if _PRIZE_AFTER.match(norm, b):
                drop.add(n)         # 李光耀水源荣誉大奖: a prize named after him
                continue
        spans = titles.get(field)
        if spans and kind == 'organizations':
            if any(start <= a and b <= stop and (a, b) != (start, stop)
                   for start, stop in spans):
                drop.add(n)
        elif field in streets and kind == 'places':
            if ((norm[b:b + 1] == '街' and norm[b + 1:b + 2] not in _STREET_WORDS)
                    or norm.startswith(_MARKET_WORDS, b)):
                drop.add(n)
    return [row for n, row in enumerate(rows) if n not in drop] if drop else list(rows)


# Rule 19: a person's name that starts a prize's name (李光耀水源荣誉大奖, 邵逸夫奖, 芥川賞): up to
# six Han characters and 奖/獎/賞, none of them a verb of winning or awarding (李光耀获奖 is
# "Lee won a prize")
_PRIZE_AFTER = re.compile('(?:(?![获獲得颁頒领領赢贏授受])[\u4e00-\u9fff]){0,6}?[奖獎賞]')

# Rule 18: a Japanese place's bare name right before 町 or 村 is another municipality's name
# (三原市本郷町や大和町: the town of Daiwa, not the city of Yamato); not after a name that ends in
# its own unit (広島市, 長野県), nor before the words 町家, 町屋, 町並み (a town's houses)
_JA_UNIT_ENDS = frozenset('市町村県都府道区郡')
_JA_TOWN_WORDS = frozenset('家屋並')

# Rule 17: a district named by a direction alone (北区, Tokyo's Kita; 南区) that ends a
# longer Chinese district's name (渝北区, 江北区, 河北区)
_DIRECTION_DISTRICT = re.compile('[东西南北中東][区區]')
#: the level of a parent unit right before a ward's name (东京都北区, 大阪市北区)
_PARENT_LEVELS = frozenset('都市县縣府道省')

# Rule 16: 街 that starts a word of its own after a place (街头 "the streets", 街道, 街区, 街市)
_STREET_WORDS = frozenset('头頭道区區坊市上')
#: ... and a shopping area or night market named after a place (Taipei's 寧夏商圈, 四平商圈 and
#: 承德汽車商圈 are named for its streets, which are named for mainland places; 寧夏夜市)
_MARKET_WORDS = ('商圈', '夜市')


# Rule 24: a US state's or Canadian province's AP-style abbreviation after a place's name and a
# comma: "WYNNE, Ark. (AP)", "in St. John's, N.L." (datelines and running text of North American
# news); the state, by its English name(s) in the gazetteer
_AP_STATES = {
    'Ala.': ('US', 'Alabama'), 'Ariz.': ('US', 'Arizona'), 'Ark.': ('US', 'Arkansas'),
    'Calif.': ('US', 'California'), 'Colo.': ('US', 'Colorado'),
    'Conn.': ('US', 'Connecticut'), 'Del.': ('US', 'Delaware'), 'Fla.': ('US', 'Florida'),
    'Ga.': ('US', 'Georgia (U.S. state)'), 'Ill.': ('US', 'Illinois'),
    'Ind.': ('US', 'Indiana'), 'Kan.': ('US', 'Kansas'), 'Kans.': ('US', 'Kansas'),
    'Ky.': ('US', 'Kentucky'), 'La.': ('US', 'Louisiana'), 'Md.': ('US', 'Maryland'),
    'Mass.': ('US', 'Massachusetts'), 'Mich.': ('US', 'Michigan'),
    'Minn.': ('US', 'Minnesota'), 'Miss.': ('US', 'Mississippi'), 'Mo.': ('US', 'Missouri'),
    'Mont.': ('US', 'Montana'), 'Neb.': ('US', 'Nebraska'), 'Nev.': ('US', 'Nevada'),
    'N.H.': ('US', 'New Hampshire'), 'N.J.': ('US', 'New Jersey'),
    'N.M.': ('US', 'New Mexico'), 'N.Y.': ('US', 'New York (state)'),
    'N.C.': ('US', 'North Carolina'), 'N.D.': ('US', 'North Dakota'),
    'Okla.': ('US', 'Oklahoma'), 'Ore.': ('US', 'Oregon'), 'Pa.': ('US', 'Pennsylvania'),
    'R.I.': ('US', 'Rhode Island'), 'S.C.': ('US', 'South Carolina'),
    'S.D.': ('US', 'South Dakota'), 'Tenn.': ('US', 'Tennessee'), 'Tex.': ('US', 'Texas'),
    'Vt.': ('US', 'Vermont'), 'Va.': ('US', 'Virginia'), 'Wash.': ('US', 'Washington (state)'),
    'W.Va.': ('US', 'West Virginia'), 'Wis.': ('US', 'Wisconsin'), 'Wyo.': ('US', 'Wyoming'),
    'N.L.': ('CA', 'Newfoundland and Labrador'), 'Nfld.': ('CA', 'Newfoundland and Labrador'),
    'N.S.': ('CA', 'Nova Scotia'), 'N.B.': ('CA', 'New Brunswick'),
    'P.E.I.': ('CA', 'Prince Edward Island'), 'B.C.': ('CA', 'British Columbia'),
    'Ont.': ('CA', 'Ontario'), 'Que.': ('CA', 'Quebec'), 'Alta.': ('CA', 'Alberta'),
    'Sask.': ('CA', 'Saskatchewan'), 'Man.': ('CA', 'Manitoba'),
    'N.W.T.': ('CA', 'Northwest Territories')}
_AP_STATE = re.compile(
    r", (" + '|'.join(re.escape(a) for a in sorted(_AP_STATES, key=len, reverse=True))
    + r")(?=[\s(),;:—–-]|\Z)")
# the place before it: capitalised words (or a dateline's capitals), ending at the comma
_PLACE_BEFORE_COMMA = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}\Z")
# ... and the postal codes ("Cincinnati, OH", "(Taos, NM)"), which are words too (ID, OR, IN, ME,
# OK, HI): only after a US place the matcher found right before the comma
_POSTAL_STATES = {
    'AL': 'Alabama', 'AK': 'Alaska', 'AZ': 'Arizona', 'AR': 'Arkansas', 'CA': 'California',
    'CO': 'Colorado', 'CT': 'Connecticut', 'DE': 'Delaware', 'FL': 'Florida',
    'GA': 'Georgia (U.S. state)', 'HI': 'Hawaii', 'ID': 'Idaho', 'IL': 'Illinois',
    'IN': 'Indiana', 'IA': 'Iowa', 'KS': 'Kansas', 'KY': 'Kentucky', 'LA': 'Louisiana',
    'ME': 'Maine', 'MD': 'Maryland', 'MA': 'Massachusetts', 'MI': 'Michigan',
    'MN': 'Minnesota', 'MS': 'Mississippi', 'MO': 'Missouri', 'MT': 'Montana',
    'NE': 'Nebraska', 'NV': 'Nevada', 'NH': 'New Hampshire', 'NJ': 'New Jersey',
    'NM': 'New Mexico', 'NY': 'New York (state)', 'NC': 'North Carolina',
    'ND': 'North Dakota', 'OH': 'Ohio', 'OK': 'Oklahoma', 'OR': 'Oregon',
    'PA': 'Pennsylvania', 'RI': 'Rhode Island', 'SC': 'South Carolina', 'SD': 'South Dakota',
    'TN': 'Tennessee', 'TX': 'Texas', 'UT': 'Utah', 'VT': 'Vermont', 'VA': 'Virginia',
    'WA': 'Washington (state)', 'WV': 'West Virginia', 'WI': 'Wisconsin', 'WY': 'Wyoming'}
_POSTAL_STATE = re.compile(r", (" + '|'.join(_POSTAL_STATES) + r")(?=[\s(),;:—–-]|\Z)")


def ap_states(entities) -> dict[str, int]:
    """``{abbreviation: entity index}`` for rule 24: each abbreviation's state or province, the
    region of its country with that English name (none when the gazetteer lacks it)."""
    by_name: dict[tuple[str, str], int] = {}
    for idx, e in enumerate(entities):
        if e.kind == 'place' and e.type == 'region' and e.country in ('US', 'CA'):
            by_name.setdefault((e.country, e.name), idx)
    return {**{abbr: by_name[key] for abbr, key in _AP_STATES.items() if key in by_name},
            **{code: by_name[('US', name)] for code, name in _POSTAL_STATES.items()
               if ('US', name) in by_name}}


def state_abbreviations(rows: Sequence[tuple], states: Mapping[str, int],
                        countries: Sequence[str | None], kinds_of: Sequence[str],
                        folded: Mapping[str, tuple], languages: Mapping[str, str]) -> list[tuple]:
    """Rule 24: ``rows`` and a row of the state for each AP-style abbreviation after a place's
    name and a comma in an English field ("WYNNE, Ark."), without the places of another
    country named right before that comma (St. John's, N.L. is not Antigua's capital); and
    for each postal code after a US place the matcher found ("Cincinnati, OH")."""
    added, dropped = [], set()
    for field, parts in folded.items():
        if languages.get(field) != 'en' or ', ' not in parts[0]:
            continue
        norm, _folded, offsets = parts
        postal = [m for m in _POSTAL_STATE.finditer(norm)
                  if any(row[1] == field and countries[row[0]] == 'US'
                         and kinds_of[row[0]] == 'places'
                         and _norm_span(parts, row[5], row[6])[1] == m.start()
                         for row in rows)]
        for m in [*_AP_STATE.finditer(norm), *postal]:
            idx = states.get(m.group(1))
            comma = m.start()
            if (idx is None or not comma or not (norm[comma - 1].isalnum()
                                                  or norm[comma - 1] in "'’.")
                    or not _PLACE_BEFORE_COMMA.search(norm, max(0, comma - 60), comma)):
                continue
            a, b = m.start(1), m.end(1)
            if offsets is not None:
                a, b = bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)
            added.append((idx, field, m.group(1), 'state_abbreviation', None, a, b))
            for n, row in enumerate(rows):
                if (row[1] == field and kinds_of[row[0]] == 'places'
                        and _norm_span(parts, row[5], row[6])[1] == comma
                        and countries[row[0]] not in (None, countries[idx])):
                    dropped.add(n)
    if not added:
        return list(rows)
    kept = [row for n, row in enumerate(rows) if n not in dropped]
    order = {field: n for n, field in enumerate(folded)}
    return sorted(kept + added, key=lambda row: (order[row[1]], row[5]))


# Rule 25: a country in a team's place in a sports report names its national team: before 代表
# or 戦 in Japanese (日本代表, パラグアイ戦), before 대표팀 or 국가대표 in Korean ("콜롬비아 국가대표로
# 에콰도르 국가대표팀과 맞붙었다"), before 队 in Chinese (中国队),
# after сборная in Russian (сборная России, между сборными России и Финляндии), and where rule
# 8 reads a club (a match verb, or "against" or an English plural verb in an item with a score:
# "Frankreich gewann gegen Schweden 2:1"). The team is an unlinked organisation named as
# English Wikipedia titles them ("Germany national football team"; by the sport the item names:
# ice hockey, basketball, volleyball, else football). The country stays tagged as a place.
_TEAM_AFTER = {
    'ja': re.compile('代表(?![団取者部質的作曲権])|戦(?![争略闘車術後前時中線没死])'),
    'ko': re.compile(' ?(?:축구 |농구 |배구 |야구 |하키 )?(?:국가대표팀?|대표팀)'),
    'zh': re.compile('(?:国家|國家)?(?:队|隊)(?![伍员員列长長友])|男足|国足|國足'),
}
# the words of those cues that a text without a sport's keyword may still hold
_TEAM_CUES = ('대표팀', '국가대표', '队', '隊', '男足', '国足', '國足', 'сборн')
_TEAM_BEFORE_RU = re.compile(r"\bсборн(?:ая|ой|ую|ые|ых|ыми|ым)(?: (?:[А-ЯЁ]\w+ и|команд\w*))? $")
_SPORT_KIND = (
    (re.compile(r"hockey|хокке|евротур|ホッケー|하키|冰球", re.IGNORECASE), 'ice hockey'),
    (re.compile(r"basketball|basket-ball|baloncesto|баскетбол|バスケットボール|농구|篮球|籃球",
                re.IGNORECASE), 'basketball'),
    (re.compile(r"volleyball|volley-ball|voleibol|волейбол|バレーボール|배구|排球|女排|男排",
                re.IGNORECASE), 'volleyball'),
    (re.compile(r"rugby|регби|ラグビー|럭비|橄榄球|欖球", re.IGNORECASE), 'rugby union'),
)
_WOMEN = re.compile(r"women's|\bwomen\b|女子|女足|女排|여자|женск|Frauen|fémin|femenin",
                    re.IGNORECASE)
# the English Wikipedia titles that do not follow "<country> national football team"
_FOOTBALL_TEAM = {'United States': "United States men's national soccer team",
                  'Ireland': 'Republic of Ireland national football team',
                  "Côte d'Ivoire": 'Ivory Coast national football team'}


def _sport_of(texts: str) -> tuple[str, bool]:
    """The sport ``texts`` name (football unless another) and whether a women's team."""
    sport = next((name for pattern, name in _SPORT_KIND if pattern.search(texts)), 'football')
    return sport, _WOMEN.search(texts) is not None


def _team_name(country: str, sport: str, women: bool) -> str:
    """The English Wikipedia title of ``country``'s national team in ``sport``."""
    if sport == 'football':
        if women:
            return (f"{country} women's national soccer team" if country == 'United States'
                    else f"{country} women's national football team")
        return _FOOTBALL_TEAM.get(country) or f'{country} national football team'
    if sport == 'rugby union':
        return (f"{country} women's national rugby union team" if women
                else f'{country} national rugby union team')
    return f"{country} {'women' if women else 'men'}'s national {sport} team"


def national_teams(rows: Sequence[tuple], countries: Sequence[str | None],
                   folded: Mapping[str, tuple], languages: Mapping[str, str | None],
                   sporty: Callable[[], bool]) -> list[Unlinked]:
    """Rule 25 (see above): the national teams the countries of ``rows`` stand for, as unlinked
    organisations, once each (``countries[entity index]``: the English name of a country or
    territory, None for other entities). ``sporty()``: whether the item reads as a sports
    report (a sport topic's keyword in it), which a team's place alone does not prove in
    Japanese and the Latin-script languages."""
    is_sporty: list = []
    if not _once(is_sporty, sporty) and not any(cue in parts[0] for parts in folded.values()
                                                  for cue in _TEAM_CUES):
        return []       # (most items: no sports report, no team's word)
    found: dict[int, Unlinked] = {}        # by the country's entity index
    sport = None
    scored: list = []
    for row in rows:
        idx = row[0]
        if countries[idx] is None or idx in found:
            continue
        field, start, stop = row[1], row[5], row[6]
        lang = languages.get(field)
        parts = folded[field]
        norm = parts[0]
        a, b = _norm_span(parts, start, stop)
        if lang in _TEAM_AFTER:
            team = _TEAM_AFTER[lang].match(norm, b) is not None
            if team and lang == 'ja' and not _once(is_sporty, sporty):
                team = False        # 日本代表 may be a delegate; パラグアイ戦 a war's battle
        elif lang == 'ru':
            team = _TEAM_BEFORE_RU.search(norm, max(0, a - 40), a) is not None
        elif lang in _CLUB_LANGUAGES:
            team = (_once(is_sporty, sporty)
                    and ClubCities._in_match(folded, languages, field, start, stop, scored,
                                             positions=False))
        else:
            team = False
        if not team:
            continue
        if sport is None:
            sport = _sport_of(' '.join(p[0] for p in folded.values()))
        name = _team_name(countries[idx], *sport)
        found[idx] = Unlinked('organizations', field, NameSpan('organization', a, b, name, 'team'))
    return list(found.values())


def _once(answer: list, ask: Callable[[], bool]) -> bool:
    """``ask()``, asked once (``answer`` remembers it)."""
    if not answer:
        answer.append(ask())
    return answer[0]
