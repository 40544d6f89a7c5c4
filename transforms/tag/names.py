"""Names that no gazetteer lists: unlinked persons and organisations, and the longer names
(agreements, streets, institutions) that a place name inside them does not make a place.

In: a field's NFKC-normalised text (:func:`transforms.tag.text.nfkc`) and its language, and the
word lists of ``configs/gazetteer/names/`` (built by ``scripts/build_gazetteer.py``):
``given_names.txt`` (given names from gender-guesser's dictionary and the gazetteer's persons,
Russian ones from pymorphy3's), ``common_words.txt`` (the 1,000 most frequent words of eight
Latin-script languages and Russian) and, optional, ``given_names_ru_cases.txt`` (the Russian
given names' oblique case forms, with their nominative), and, optional, the Chinese,
Japanese and Korean surname lists (``zh_surnames.txt`` ``ja_surnames.txt``
``ko_surnames.txt``) of :mod:`transforms.tag.names_cjk`.
Out: :class:`NameSpan` records, in text order:

* ``person``: a known given name followed by one to three capitalised words (name particles such
  as *van*, *de*, *bin* may stand between them; not *von den*, nor *von der* before a common
  noun: *Christoph Wiederkehr von den Neos* is Christoph Wiederkehr, a Neos politician), the
  last of which is no frequent word (unless it is itself a given name: *Letitia James*; in
  Spanish a second surname that is a word ends the name before it: *Daniel Quintero Calle* is
  Daniel Quintero) and no head word (*Paris Agreement* is not a person; nor *la Ville de
  Genève*, a city's word before "de"): *Joaquin Phoenix*, *Paris Hilton*, *Sarah Pochin* (not
  after *im*, *el*, *estadio*: "im Santiago Bernabéu" is a stadium; no hyphenated adjective,
  "Marshall Islands-flagged"; in German a genitive -s before its noun is dropped, "Joachim Löws
  EM-Kader" is Joachim Löw); or, with no known given name, two or three capitalised rare words
  right after a title (*Foreign Minister Wang Yi*, *le ministre Jean-Noël Barrot*, *Menteri Sri
  Mulyani*: the context cue for the given names no dictionary holds; a people's noun is such a
  title, *le Néerlandais Tallon Griekspoor*), or before a role in apposition (*Binyah Kesselly,
  chairman of the board*), or after an age written as
  an adjective, in Russian too (*the 45-year-old Dalton Ross*, *45-летний Гела Кардава*); no
  person after a saint's name (*San Francisco Chimalpa*) nor after a Spanish word for a
  settlement (*la comunidad de Magdalena Chichicaspa* is a village); or a Korean or Chinese
  family name romanised and a given name of two syllables joined by a hyphen (*Ji Gwi-yeon*,
  *Lai Ching-te*), the shape being the cue;
* ``organization``: a run of capitalised words ending in an organisation head (*Greater
  Manchester Police*, *Acme Holdings Inc.*), or an organisation head followed by *of*/*de*/...
  and capitalised words or by capitalised words directly (*Ministry of Finance*, *Instituto
  Geofísico del Perú*, *Badan Pusat Statistik*), its tasks listed with commas before the last
  one's "and" included (*Ministerio de Agricultura, Ganadería y Pesca*), or a run of capitalised
  words followed by its acronym in brackets whose letters are the run's initials in order
  (*Vereinigung Cockpit (VC)*, *Alternative für Deutschland (AfD)*; a country's name such as
  *United Arab Emirates (UAE)* is left to the gazetteer); after a German head (*Amtsgericht*,
  *Polizeipräsidium*) only one name word (two for *Bad Tölz*, *Oberbayern Süd*) and no common
  noun; a French head in lower case before *de* (*la préfecture de l'Isère*, *la mairie de
  Marseille*), whose span covers the head only so that the city stays a place; a company's legal
  form after its name (*Müller GmbH*, *Inditex S.A.*); in Russian, a name in quotes after a
  legal form or a word for a company, club or medium (*ООО «Ромашка»*, *компании «Северсталь»*:
  the name alone); a head with only a generic adjective (*Policía Local*) or a run holding a
  small word of a title-case headline (*Man Shot By Police*) gives none;
* ``name``: the same shapes with the heads of other named things (agreements, streets,
  airports, stadiums, observatories, tournaments: *Paris Agreement*, *l'accord de Paris*,
  *Avenue of the Americas*, *l'Open d'Australie*), which only keep a place inside them from
  counting.

Guarantees: only spaced Latin- or Cyrillic-script text is searched by these shapes (other
scripts give a Chinese transliterated foreign name, 丹尼尔·霍特, the Han and Hangul persons
of :mod:`transforms.tag.names_cjk`, whose cues are surnames and titles, and the persons their
runs of Latin words name by these rules, 首席执行官Michal Nowakowski在, not in quotes nor as a
found name's gloss; in Russian a given name in
an oblique case starts a person too, "голом Ильи Кухарчука", whose span is named in the
nominative, "Илья Кухарчук": see :func:`_ru_nominative`); a span is
at least two words (but a Russian name in quotes, «Ромашка»); every span lies inside one
field. Detection is deliberately conservative: it runs only where capitalisation carries
meaning, and all-capitals text gives no spans.
"""
from __future__ import annotations

import dataclasses
import functools
import os
import re
import unicodedata
from typing import Any, NamedTuple

from transforms.datafiles import DataFileError, read_bytes
from transforms.tag.text import is_shouting

__all__ = ['NameLists', 'NameSpan', 'NameDetector', 'NamesError', 'load_name_lists',
           'unlinked_id', 'cjk_organisation', 'NAME_DOTS', 'CJK_ORG_HEADS']


class NamesError(ValueError):
    """A name-list file that cannot be used; the message names the file."""


@dataclasses.dataclass(frozen=True)
class NameLists:
    given: frozenset[str]           # as written: Sarah, Joaquin
    common: frozenset[str]          # lower case: agreement, police
    # Russian given names in an oblique case: form -> (nominative, 'm' | 'f', cases), the
    # cases among gen acc dat ins prep (Сергея -> Сергей, m, {gen, acc})
    oblique: dict = dataclasses.field(default_factory=dict)
    # the compiled surname patterns of Chinese, Japanese and Korean persons
    # (:func:`transforms.tag.names_cjk.load_cjk_names`); None: no such persons detected
    cjk: Any = None


def load_name_lists(directory: str) -> NameLists:
    """The word lists in ``directory`` (one word a line, UTF-8; see :func:`_oblique_forms`
    for the optional third): a local folder, the
    shipped ``pkg://transforms.defaults/gazetteer/names`` or a ``gs://``/``s3://``/... prefix
    (read through :mod:`transforms.datafiles`)."""
    words = {}
    for name in ('given_names.txt', 'common_words.txt'):
        path = (f'{directory.rstrip("/")}/{name}' if '://' in directory
                else os.path.join(directory, name))
        try:
            text = read_bytes(path).decode('utf-8')
        except DataFileError as exc:
            raise NamesError(str(exc)) from exc
        except UnicodeDecodeError as exc:
            raise NamesError(f'{path}: not UTF-8 text: {exc}') from exc
        words[name] = frozenset(line.strip() for line in text.splitlines() if line.strip())
    from transforms.tag.names_cjk import load_cjk_names    # (it imports this module)
    return NameLists(given=words['given_names.txt'], common=words['common_words.txt'],
                     oblique=_oblique_forms(directory), cjk=load_cjk_names(directory))


def _oblique_forms(directory: str) -> dict:
    """``given_names_ru_cases.txt`` in ``directory`` (lines "<form> <nominative> <m|f>
    <case,case>"), by form; optional: a folder without it finds Russian names in the
    nominative only."""
    path = (f'{directory.rstrip("/")}/given_names_ru_cases.txt' if '://' in directory
            else os.path.join(directory, 'given_names_ru_cases.txt'))
    try:
        text = read_bytes(path).decode('utf-8')
    except DataFileError:
        return {}
    except UnicodeDecodeError as exc:
        raise NamesError(f'{path}: not UTF-8 text: {exc}') from exc
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 4 or parts[2] not in ('m', 'f'):
            raise NamesError(f'{path}: not "<form> <nominative> <m|f> <cases>": {line!r}')
        out[parts[0]] = (parts[1], parts[2], frozenset(parts[3].split(',')))
    return out


class NameSpan(NamedTuple):
    kind: str           # 'person' | 'organization' | 'name'
    start: int          # positions in the normalised field text
    stop: int
    text: str
    source: str = 'names'   # who found it: 'names' (this detector) or 'ner' (a model);
    #                         'family_name': this detector, from a surname's ending alone


# Organisation heads written after the name (Greater Manchester Police, Acme Inc.)
_ORG_AFTER = frozenset('''
Ministry Party Inc. Inc Corp. Corp Corporation Company Co. University College Institute Agency
Commission Council Bank Group Association Federation Foundation Police Army Navy Court Authority
Committee Bureau Department Airlines Airways Motors Holdings Ltd Ltd. GmbH AG plc PLC LLC FC F.C.
Club Union Society Organisation Organization Center Centre Service Services Times Post Herald Journal
Tribune Laboratories Administration Exchange Commission Parliament Assembly Senate Guard Guards Forces
Brigade Front Movement Alliance Coalition Trust Fund Network Institution Academy School
Directorate Constabulary Corps Chamber
Partei Universität Gesellschaft Verband Stiftung Institut
Hospital SE SA S.A. S.A.U. S.L. SL SAS SARL S.p.A. SpA S.r.l. Srl N.V. NV B.V. BV KG KGaA
LLP Ltda PJSC JSC OJSC Oyj ASA Sparkasse Volksbank
Systems Microsystems Technologies Networks Electronics Pharmaceuticals Semiconductor Therapeutics
Biosciences Robotics Aerospace Industries Enterprises
Laboratory Labs Hub Express Studios
'''.split())
# (legal forms of companies: AG SE GmbH KG (DE), S.A. S.L. S.A.U. (ES), SA SAS SARL (FR),
# S.p.A. S.r.l. (IT), N.V. B.V. (NL), plc Ltd LLP (GB), Inc Corp LLC (US), PJSC JSC (RU, in
# English))
# heads of a body two places share and name together (Devon and Cornwall Police, Kent and
# Essex Serious Crime Directorate, Avon and Wiltshire Mental Health Partnership NHS Trust): not
# a school or a company ("Princeton and Yale Law School" are two)
_JOINT_HEADS = frozenset('Police Constabulary Directorate Service Services Trust Authority '
                         'Corps'.split())
# Heads written before the name, with "of"/"de"/... between or capitalised words directly after
_ORG_BEFORE = frozenset('''
Ministry University Bank Department Institute Office Commission Council Federation Association
Academy Court Embassy Agency Bureau Board Church Federal
Ministère Ministerio Ministero Ministério Université Universidad Università Universidade
Universität Banque Banco Banca Instituto Institut Istituto Partido Parti Partito Tribunal
Tribunale Cour Corte Consejo Conseil Consiglio Agence Agencia Agenzia Comisión Commissione
Federación Fédération Federazione Fundación Fondation Fondazione Asociación Associazione
Kementerian Badan Komisi Partai Universitas Dewan Lembaga Mahkamah Pengadilan Majelis
Policía Audiencia Juzgado Fiscalía Diputación Cabildo Xunta Delegación Subdelegación Hospital
Sindicato Confederación Bomberos Guardia Cuerpo Consorcio Cámara Câmara Chambre
Prefectura Gendarmerie Gendarmería CHU CHR Parquet
FC SV TSV VfB VfL TSG SC SpVgg FSV SSV CF CD UD SD RCD AC AS SSC OGC ФК ХК ПФК
Consejería Conselleria Secretaría Ayuntamiento Junta Generalitat Préfecture Mairie
МИД МВД МЧС Минюст Минобороны Минздрав Минфин Минэнерго Минтранс Минпромторг Минсельхоз
Минприроды Минтруд Минкультуры Минобрнауки Минпросвещения Минцифры Минэкономразвития
Генпрокуратура Генштаб Посольство
'''.split())
# (the Russian heads take the country in the genitive straight after: МИД Грузии, Минюст РФ)
_RU_HEADS = frozenset(w for w in _ORG_BEFORE if '\u0400' <= w[0] <= '\u04ff'
                      and w not in ('ФК', 'ХК', 'ПФК'))
_RU_ADJECTIVE_GENITIVE = re.compile('(?:ой|ей|ого|его|ых|их)$')
# German heads (compounds: Amtsgericht, Polizeipräsidium, Landratsamt ...): German writes every
# noun with a capital, so after one of these only the next word is taken as the name ("das
# Landgericht Berlin Anklage erhoben"), with a second one for a compound place name (Bad
# Tölz, Oberbayern Süd): see _GERMAN_PLACE_PREFIXES
_ORG_BEFORE_DE = frozenset('''
Bundesministerium Bundesamt Ministerium Landgericht Oberlandesgericht Amtsgericht
Staatsanwaltschaft Landeskriminalamt Landratsamt Bezirksamt Regierungspräsidium Landesamt
Bundesanstalt Klinikum Universitätsklinikum Hochschule Universität
Polizeiinspektion Polizeidirektion Polizeipräsidium Polizeirevier Polizeistation Polizeiposten
Kriminalpolizeiinspektion Kriminalpolizei Landespolizeidirektion Landespolizeiinspektion
Bundespolizeidirektion Bundespolizeiinspektion Polizeidienststelle Polizeikommissariat
Generalstaatsanwaltschaft Verwaltungsgericht Verwaltungsgerichtshof Sozialgericht
Landessozialgericht Arbeitsgericht Landesarbeitsgericht Finanzgericht Oberverwaltungsgericht
Landesverfassungsgericht Verfassungsgerichtshof Kreisverwaltung Stadtverwaltung
Kreisverwaltungsreferat Bürgeramt Ordnungsamt Gesundheitsamt Jugendamt Bauamt Jobcenter
Feuerwehr Berufsfeuerwehr Stadtwerke Universitätsklinik Uniklinik Kreisklinik
Kreiskrankenhaus Landesamt Landesministerium Staatsministerium Senatsverwaltung
Handwerkskammer Bistum Erzbistum Landeskirche Amtsgericht Stadtsparkasse Kreissparkasse
Kantonspolizei Stadtpolizei Gemeindepolizei Landespolizei Kantonsgericht Obergericht
Bezirksgericht Kantonsspital Landesgericht Bezirkshauptmannschaft Landespolizeidirektion
'''.split())
_ORG_BEFORE = _ORG_BEFORE | _ORG_BEFORE_DE
# the heads of a body another one belongs to, which a connector joins after that one's name
# ("Secretaría de Derechos Humanos del Ministerio de Justicia": two bodies)
_PARENT_HEADS = frozenset('Ministerio Ministry Ministère Ministério Ministero'.split())
# heads of bodies that are not named after a person (unlike a Hospital, Fundación or Instituto
# Juan March): a given name and another word right after one start a person, as Spanish and
# French write a post's holder after the body without a comma (not a court: Juzgado Segundo
# Penal, whose number is also a given name)
_NOT_NAMED_AFTER_PERSONS = frozenset('''
Policía Guardia Generalitat Xunta Junta Ayuntamiento Audiencia Fiscalía Diputación Cabildo
Consejería Conselleria Delegación Subdelegación Prefectura Gendarmería Gendarmerie Préfecture
Mairie Parquet Ministerio Ministère Ministero Ministry
'''.split())
# the German-speaking places among the frequent words of common_words.txt (its intersection
# with the gazetteer's places): these may follow a German head, other frequent words not
_GERMAN_COMMON_PLACES = frozenset('''
Bayern Berlin Deutschland Essen Frankfurt Hamburg Köln Mitte München Stuttgart Wien Schweiz
Österreich Europa Celle
'''.split())
_GERMAN_PLACE_PREFIXES = frozenset('Bad Sankt St Neu Alt Groß Klein Hohen Schwäbisch Bergisch'
                                   .split())
_GERMAN_PLACE_SUFFIXES = frozenset('Nord Süd Ost West Mitte Nordost Nordwest Südost Südwest'
                                   # (the two Appenzells: Kantonspolizei Appenzell Ausserrhoden)
                                   ' Ausserrhoden Innerrhoden'.split())
# noun endings of German common nouns: a word with one is no place's or company's name
# and the nouns (or compounds ending in them) a German head is most often followed by in a
# clause ("als das Gesundheitsamt Kontaktpersonen ermittelte", "sucht die Feuerwehr Zeugen")
_GERMAN_NOUN_END = re.compile(
    r'(?:ung|ungen|heit|keit|schaft|tion|tionen|tät|nis|nisse|ismus|ling|lich|ische|ischen'
    r'|isten|innen|weise|kräfte|personen|daten|zahlen|fälle|kosten|mittel|gelder|regeln'
    r'|anträge|leute|kinder|männer|frauen|bürger|mitarbeiter|beamte|beamten|ergebnisse'
    r'|angaben|zeugen|opfer|täter|verdächtige|vorwürfe|schäden|strafe|anklage|klage|haft'
    r'|bilanz|alarm|patienten|fragen|probleme|einsätze|einsatz|hilfe|unterstützung|bericht'
    r'|berichte|stellung|auskunft|details|warnung|warnungen)$', re.IGNORECASE)
# heads written last that are German words (some English ones too): no connector may stand
# before them ("Biologen der Universität Bonn" is the Universität Bonn; "die Führung der
# Organisation", "der Chef der Bank", "Vorsitzende der Union" are common nouns, as German
# names put such a head first: "Verband der Feuerwehren"); no English or French name puts a
# connector before them either (Bank of England, Union des ...: head first)
_ORG_AFTER_DE = frozenset('Partei Universität Gesellschaft Verband Stiftung Institut '
                          'Organisation Organization Union Bank Front Institution'.split())
# German legal forms: a name before one holds no connector ("in dem Lager der Ingmar Heuer
# GmbH" names Ingmar Heuer GmbH; "Müller und Söhne GmbH" may hold "und")
_LEGAL_FORMS_DE = frozenset('GmbH AG KG KGaA SE'.split())
# adjectives that make no name on their own after a head ("Policía Local", "Audiencia
# Provincial", "Federal Court": which one?); a place or name after them does. (round 22:
# also the words for a level of local government before one, "The City Council voted":
# which city's?)
_GENERIC_COMPLEMENTS = frozenset('''
Local Municipal Nacional Provincial Regional Federal Central General Superior Supremo Suprema
Supreme National Civil Constitucional Autonómica Autonómico Militar Penal Central Territorial
Nationale Régional Régionale Départemental Départementale Municipale Populaire Superiore
City Town County State
'''.split())
# heads written last that make no name with a generic adjective alone ("the Supreme Court",
# "National Police", "Federal Court": which one?), unlike a medium's ("National Post")
_GENERIC_HEADS = frozenset('''
Court Assembly Police Bank Council Parliament Senate Army Navy Guard Committee Commission
Authority Administration Agency Service Forces Government Ministry
'''.split())
# Heads of named things other than organisations: a place inside them is no place
_NAME_AFTER = frozenset('''
Agreement Agreements Accord Accords Treaty Protocol Convention Declaration Charter Act Doctrine
Summit Conference Talks Process Format Airport Stadium Arena Station Observatory Museum
Cathedral Bridge Tower Street Avenue Road Boulevard Square Highway Motorway Palace Hotel Prize
Hostel Motel Resort Casino Lodge House Castle Abbey Church Chapel Manor Mansion Cemetery
Award Awards Cup League Open Games Olympics Marathon Festival Biennale Zoo Gardens Hall Theatre
Theater Opera Philharmonic Orchestra Marina Harbour Harbor Port Canal Tunnel Pass Gate Wall
Abkommen Vertrag Flughafen Bahnhof Straße Strasse Platz Allee Brücke Stadion
Bowl
'''.split())
# (round 19: a church named for its saint, "la iglesia de San Francisco", "l'église
# Saint-Michel": no place San Francisco or Saint-Michel); the words that take the saint's name
# right after them too, without "de" (_CHURCH_BEFORE_NAME)
_CHURCH_WORDS = frozenset('''
iglesia catedral basílica parroquia capilla église cathédrale basilique chapelle chiesa
cattedrale basilica igreja
'''.split())
# (round 37: "porte", a Paris or Brussels gate and square named after the city it faces, "porte
# de Namur", "porte de Versailles")
_NAME_BEFORE = frozenset('''
Avenue Treaty Battle Siege Duke Duchess Prince Princess Archbishop Bishop Bay Statue Port
accord accords traité traités protocole convention rue avenue boulevard place quai pont gare
porte Porte aéroport stade acuerdo acuerdos tratado calle avenida plaza puente aeropuerto
estadio paseo
accordo trattato via piazza aeroporto stadio Abkommen Vertrag Flughafen
Accord Accords Traité Traités Protocole Acuerdo Acuerdos Tratado Tratados Protocolo Convenio
Pacto Accordo Trattato Agreement Protocol
Perjanjian Jalan Bandara Stadion Bandar Universitas
convento monasterio ermita santuario templo abbaye
Liga Ligue
Casa Palacio palacio Palais
Open Abierto
'''.split()) | {w for church in _CHURCH_WORDS | {'convento', 'monasterio', 'ermita', 'santuario',
                                               'templo', 'abbaye'}
               for w in (church, church[0].upper() + church[1:])}
# (round 27: a street's word in lower case takes its name with no "de" too, "la calle León XIII
# de Sevilla", "rue Victor Hugo": a street, not a person whose words are then no place)
_STREET_WORDS = frozenset('calle avenida paseo rue avenue boulevard quai piazza plaza'.split())
# a church's (or street's) word in lower case right before its saint's name, with no "de" ("la
# iglesia San Francisco", "l'église Saint-Michel", which _DE does not find)
_CHURCH_BEFORE_NAME = re.compile(
    r"(?<![^\s'’])(" + '|'.join(sorted(_CHURCH_WORDS | _STREET_WORDS)) + r") (?=[A-ZÀ-Þ])")
# a part of each church or street word (its second to fifth letters) that a text without any
# of them lacks: a quick test before the regex
_CHURCH_STEMS = tuple(sorted({w[1:5] for w in _CHURCH_WORDS | _STREET_WORDS}))
_DATE_WORDS = frozenset('''
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December
'''.split())
_NOT_SURNAMES = _DATE_WORDS | frozenset('''
Mr Mrs Ms Dr Prof Sir Lady Lord President Prime Minister King Queen Pope Jr Jr. Sr Tech
Roja
Fürst Fürstin Prinz Prinzessin König Königin Herzog Herzogin Graf Gräfin Kaiser Kaiserin Papst
Princesse Roi Reine Duc Duchesse Comte Comtesse Rey Reina Príncipe Princesa Duque Duquesa
'''.split())
# (Tech: Georgia Tech, Virginia Tech are universities; Roja: the Cruz Roja, the Red Cross, is
# no person named Cruz; a noble's or monarch's title starts the next person's name: "Andrea
# Casiraghi Fürstin Charlène" names two)
# Small words English capitalises in a title-case headline ("Man Shot By Police In Leeds"):
# a run of capitalised words holding one is a headline's words, not a name
_TITLE_CASE_SMALL = frozenset('''
In By At For To With After On And Of From Over Into Is Are Was As Be Has Have Will Says Say
Said Than Up Out Off Amid Against Before Near
'''.split())
# ... of which those no surname is: a given name's run of capitalised words that holds one is
# a title-case headline's words ("Young Boy At New Mexico Compound"), not a person (not "In",
# "To", "Will", "Say", "Said": Moon Jae In, Tommy To, George Will, Fazıl Say, Edward Said)
_HEADLINE_WORDS = frozenset('''
At By For With After From Over Into Is Are Was Has Have Says Than Amid Against Before Near
'''.split())
# German prepositions contracted with an article (im = in dem): no name starts with one
_DE_CONTRACTED = frozenset('Im Am Beim Vom Zum Zur Ins Ans Aufs Durchs Fürs Ums Übers'.split())
# (with the indefinite articles and demonstratives, capitalised at a sentence's start: "Eine
# Partei allerdings, die ..." (a party) names no body, nor "Cette Assemblée")
_ARTICLES = frozenset('''
The A An Le La Les L' El Los Las Der Die Das Il Lo Gli I Ein Eine Einen Einem Einer Eines Dem
Diese Dieser Dieses Diesen Diesem Jede Jeder Jedes Kein Keine Keinen Un Une Uno Una Unos Unas
Cette Ces Este Esta Estos Estas
'''.split())
# Words that introduce a person's name (a role, rank or form of address), compared in lower
# case; after one of them two or three capitalised words are a person even without a known
# given name ("Foreign Minister Wang Yi", "le ministre Jean-Noël Barrot", "Menteri Sri
# Mulyani"): the context cue for the many given names no dictionary holds
_TITLES = frozenset('''
president vice-president minister premier chancellor secretary senator sen. representative rep.
governor gov. mayor judge justice general gen. admiral colonel col. lieutenant lt. captain
commander ambassador commissioner chairman chairwoman chairperson ceo founder spokesman
spokeswoman spokesperson professor prof. dr. dr mr. mr mrs. mrs ms. ms sir dame lord lady king
queen prince princess pope cardinal archbishop bishop rabbi imam sheikh coach manager striker
midfielder defender goalkeeper keeper forward winger chief captain actor actress singer rapper
author writer novelist filmmaker director lawyer attorney prosecutor detective sergeant officer
inspector
präsident präsidentin bundespräsident bundespräsidentin kanzler kanzlerin bundeskanzler
bundeskanzlerin ministerin bundesminister bundesministerin ministerpräsident
ministerpräsidentin außenminister außenministerin innenminister innenministerin finanzminister
finanzministerin verteidigungsminister verteidigungsministerin wirtschaftsminister
wirtschaftsministerin gesundheitsminister gesundheitsministerin bürgermeister bürgermeisterin
oberbürgermeister oberbürgermeisterin regierungschef regierungschefin staatschef staatschefin
sprecher sprecherin trainer trainerin vorsitzende vorsitzender parteichef parteichefin
richter richterin professorin schauspieler schauspielerin sänger sängerin
nationalrat nationalrätin ständerat ständerätin landrat landrätin stadtrat stadträtin
abgeordnete abgeordneter
président présidente ministre chancelier chancelière maire porte-parole m. mme directeur
directrice entraîneur sélectionneur secrétaire sénateur sénatrice député députée juge général
acteur actrice chanteur chanteuse
presidente presidenta ministro ministra alcalde alcaldesa canciller secretario secretaria
portavoz juez jueza senador senadora diputado diputada gobernador gobernadora director
directora entrenador seleccionador
presiden menteri gubernur bupati ketua direktur jenderal wakil kapolri
'''.split())

# A people's noun before a name is its title in sports and culture news ("le Néerlandais Tallon
# Griekspoor", "du Français Arthur Fils", "die Schweizerin Jil Teichmann", "Dutchman ..."):
# French and German write it capitalised after an article, English has its own nouns; compared
# as written, capitalised (the French and German adjectives are lower case: "der deutsche
# Benediktiner"; nor the German place's adjective that is capitalised, "Schweizer")
_DEMONYM_NOUNS = frozenset('''
français française néerlandais néerlandaise belge suisse allemand allemande espagnol espagnole
italien italienne britannique anglais anglaise écossais écossaise irlandais irlandaise gallois
galloise américain américaine canadien canadienne russe ukrainien ukrainienne biélorusse serbe
croate slovène slovaque tchèque polonais polonaise danois danoise norvégien norvégienne suédois
suédoise finlandais finlandaise autrichien autrichienne portugais portugaise grec grecque
bulgare roumain roumaine hongrois hongroise géorgien géorgienne argentin argentine brésilien
brésilienne chilien chilienne colombien colombienne mexicain mexicaine japonais japonaise
chinois chinoise australien australienne kazakh kazakhe marocain marocaine algérien
algérienne tunisien tunisienne sénégalais sénégalaise camerounais camerounaise ivoirien
ivoirienne turc turque israélien israélienne iranien iranienne monégasque luxembourgeois
luxembourgeoise sud-africain sud-africaine néo-zélandais néo-zélandaise
schweizerin franzose französin niederländer niederländerin brite
britin engländer engländerin schotte schottin ire irin spanier spanierin italiener italienerin
österreicher österreicherin amerikaner amerikanerin us-amerikaner us-amerikanerin kanadier
kanadierin russin ukrainer ukrainerin polin tscheche tschechin däne dänin norweger
norwegerin schwede schwedin finne finnin japaner japanerin chinesin australier australierin
brasilianer brasilianerin argentinier argentinierin belgier belgierin serbin kroate kroatin
grieche griechin türke türkin
dutchman dutchwoman frenchman frenchwoman englishman englishwoman scotsman scotswoman irishman
irishwoman welshman welshwoman briton spaniard swede
'''.split())

# titles that are no one's surname: a run holding one is a title before a name, not a name
# ("Vice Chairman Jun": Vice is also a Croatian given name)
_OFFICE_WORDS = frozenset('''
chairman chairwoman chairperson president minister secretary governor mayor spokesman
spokeswoman spokesperson ceo commissioner ambassador chancellor senator premier
'''.split())
# Latin-script capital letters, for a regex that finds capitalised words only (Python's re has
# no \p{Lu}); with the lower-case heads (accord de, rue de) these are all the words a name needs
_UPPER = ''.join(re.escape(chr(c)) for c in (*range(0x250), *range(0x400, 0x530))
                 if chr(c).isupper())
_LOWER_HEADS = frozenset(w for w in _NAME_BEFORE if w.islower())
# Organisation heads that French (and Spanish, Italian) writes in lower case before "de" and a
# name: "la préfecture de l'Isère", "le conseil départemental du Nord", "la mairie de
# Marseille"; by their last word (the one before "de"), the whole head (compared in lower
# case: "Conseil départemental du Nord" starts a sentence)
_LOWER_ORG_HEADS: dict[str, list[str]] = {}
# (not the French courts, "le tribunal correctionnel de Paris": the labelled sets name the
# city there, not the court)
for _head in '''
conseil départemental|conseil régional
|conseil municipal|conseil général|préfecture|sous-préfecture|gendarmerie|mairie|université
|parquet|ministère|centre hospitalier|centre hospitalier universitaire|commissariat|rectorat
|hôpital|ayuntamiento|audiencia provincial|juzgado|universidad|fiscalía|diputación|policía local
|policía municipal|tribunale|procura|questura|prefettura|università|ministero
'''.replace('\n', '').split('|'):
    _LOWER_ORG_HEADS.setdefault(_head.rsplit(' ', 1)[-1], [])
    _LOWER_ORG_HEADS[_head.rsplit(' ', 1)[-1]] += [_head]
del _head
_LOWER_ORG_PHRASES = frozenset(p for heads in _LOWER_ORG_HEADS.values() for p in heads)
_CAPITALISED = re.compile(
    rf"[{_UPPER}](?:(?<=S)\.(?:A\.U|A|L|p\.A|r\.l)\.|(?<=[NB])\.V\."
    rf"|[^\W_]*(?:['’\-][^\W\d_]+)*\.?)")
# (the first alternatives: legal forms written with dots, S.A. S.L. S.p.A. N.V., one token)
# where a lower-case head may stand: right before "de", "du", "d'" ... (cheaper to find than
# the heads themselves)
_DE = re.compile(r" d(?:e|u|es|el|i|ella)?(?: la)?[ '’]")
# what may stand between the words of one name: a space, or connectors (Ministry of Finance,
# Avenue of the Americas, Instituto Geofísico del Perú, détroit d'Ormuz) ...
_CONNECTOR_GAP = re.compile(
    r"(?: (?:of|for|on|de|du|des|del|della|di|dei|degli|von|der|für|zur|zum|al)"
    r"(?: (?:the|la|le|los|las))? | (?:d|l|de l|de la l)['’])")
# ... and, inside a person's name, particles (Ludwig van Beethoven, Mohammed bin Salman)
_PARTICLE_GAP = re.compile(
    r" (?:van|von|de|da|du|di|dos|del|bin|ibn|al|el|ben)(?: (?:der|den|la|los))? ")
# (not a bare der/den/das/la/le: German and French articles, "Frank Witzel den Deutschen
# Buchpreis")
# How one token follows the one before (:func:`_gaps`): flags, as "de" is both a connector
# and a particle (María Dolores de Cospedal, Instituto de Salud); 0: not at all
_SPACE, _CONNECTOR, _PARTICLE, _AND = 1, 2, 4, 8
_JOINS = _SPACE | _CONNECTOR
# ... and "and" between two capitalised words, which a body's name after its head and a
# connector may hold (Consejería de Educación y Cultura, Department of Health and Human
# Services, Ministerium für Umwelt und Verbraucherschutz)
_AND_GAPS = frozenset((' and ', ' y ', ' und ', ' et ', ' e '))
# a body's name's tasks listed after its first one (NameDetector.spans): commas, then "and" before
# the last, each one or two capitalised words (not an acronym: "Ministry of Defence, NATO and")
# after an optional connector
_TASK = (r"(?:(?:des|du|de la|de l['’]|de|del|of|for) )?"
         r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ][\w'’-]*(?: [A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ][\w'’-]*)?")
_LISTED_TASKS = re.compile(rf"(?:, {_TASK}){{1,4}},? (?:and|y|e|et|und) {_TASK}(?![\w'’-])")
# an acronym in brackets right after a name: "Vereinigung Cockpit (VC)", "Bundesamt für
# Sicherheit in der Informationstechnik (BSI)"
_ACRONYM = re.compile(r" \(([A-ZÄÖÜ][A-Za-zÄÖÜ&]{1,7})\)")
# the small words a name with an acronym may hold beyond the connectors (National Aeronautics
# and Space Administration)
_ACRONYM_GAP = re.compile(r" (?:and|und|et|y|e|dan|in der|in|im|and the|for the|pour la)? ?")
# words of a country's or region's name: an acronym after them names a place, not a body
# the words for a city before its name with "de" ("la Ville de Genève", "Ciudad de México"):
# given names too (Ville, Villa), whose person this is not
_CITY_WORDS = frozenset('Ville Cité Ciudad Villa Città Cidade'.split())
_PLACE_WORDS = frozenset('''
Republic Kingdom States Emirates Islands Island Province Region Territory Territories Oblast
Republik Königreich Staaten République Royaume República Reino Estados Republik Kepulauan
'''.split())


# the words right before a capitalised word that make it no person's name: a German article
# fused with a preposition (im, am, beim, vom, zum: "im Santiago Bernabéu", a stadium), a
# Spanish article (no person takes one: "en el Santiago Bernabéu") and stadium words
_NOT_BEFORE_PERSON = re.compile(
    r"(?:^|[\s(])(?:im|am|beim|vom|zum|ins|el|del|estadio|Estadio|stade|Stade|stadio|Stadion)"
    r" \Z")
# the Spanish heads of things named after a person, right before the name (also after an
# acronym in brackets: "los institutos de Educación Secundaria (IES) Francisco Salzillo de
# Alcantarilla" names a school): what follows is the thing, no person
_NAMED_AFTER_BEFORE = re.compile(
    r"(?:IES|CEIP|Colegio|Instituto|Escuela|Liceo|Hospital|Calle|Avenida|Plaza|Paseo"
    r"|Fundación|Premio|Centro|Parque|Estación|Aeropuerto|Teatro|Auditorio|Polideportivo"
    r"|Pabellón|Residencia|Biblioteca|Museo|Puerto|Estadio|Cátedra|Real)\)? \Z")
# the Spanish words for a settlement before its name, which is often a saint's or a person's
# ("la comunidad de Magdalena Chichicaspa", "el poblado de San Francisco Chimalpa", "la colonia
# Guadalupe Victoria"): what follows is the place, no person
_SETTLEMENT_BEFORE = re.compile(
    r"(?:comunidad|poblado|pueblo|municipio|localidad|colonia|barrio|ejido|ranchería|"
    r"delegación|alcaldía|fraccionamiento|parroquia|vereda|corregimiento) (?:de )?\Z")
# words no person's name holds: an adjective made with a hyphen (Islands-flagged, Paris-based,
# Kremlin-backed) or a German compound with an acronym (EM-Kader, CDU-Chef)
_NOT_NAME_WORD = re.compile(r"-[a-zäöüß]{3,}$|^[A-ZÄÖÜ]{2,}\d*-[A-ZÄÖÜ]")
# a run of two to four capitalised Latin words in a CJK text (a foreign name the text keeps in
# its own letters), and what a text must hold to have one
_LATIN_RUN = re.compile(r"(?<![A-Za-z])[A-Z][a-zà-öø-ÿ'’]+(?:[ -][A-Z][A-Za-zà-öø-ÿ'’]+){1,3}"
                        r"(?![A-Za-z])")
_LATIN_RUN_START = re.compile('[A-Z][a-z]+ [A-Z]')
# the quotes a CJK text sets a title or a product's name in (‘헬리오 커브(Helio Curve)’: the
# normalised text writes typographic quotes as ASCII ones, which open and close alike)
_QUOTES = (('「', '」'), ('『', '』'), ('《', '》'), ('〈', '〉'))
_SAME_QUOTES = ("'", '"')


def _quoted(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` lies inside quotes on its line: a pair of
    :data:`_QUOTES` opened and not closed before it, or an odd number of ASCII quotes."""
    line = text.rfind('\n', 0, at) + 1
    return (any(text.count(q, line, at) % 2 for q in _SAME_QUOTES)
            or any(text.rfind(open_, line, at) > text.rfind(close, line, at)
                   for open_, close in _QUOTES))


# a given name and a surname's initial, then the age, as police and court news anonymise a
# suspect or victim: "Jeremías M., de 30 años", "Max M. (30)", "Sarah K., 24,"
_INITIALLED = re.compile(
    r"(?<![\w.])([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+) ([A-ZÀ-ÖØ-Þ])\.(?=,? \(\d{1,3}\)|,? de \d{1,3} años"
    r"|, \d{1,3}[,.]| \(\d{1,3}\))")
# a Korean or Chinese name romanised with its given name's two syllables joined by a hyphen,
# after a family name that romanisation writes so ("Ji Gwi-yeon", "Han Duck-soo", "Lai
# Ching-te", "Ko Wen-je"): the shape itself is the cue, no given-name list holds such names.
# Not the family names that are English words a sentence may start with (Do, So, An, Go, No)
_EAST_ASIAN_FAMILY = frozenset('''
Kim Lee Yi Rhee Park Pak Choi Choe Jung Jeong Chung Kang Cho Jo Yoon Yun Jang Chang Lim Im Han
Oh Seo Suh Shin Kwon Hwang Ahn Song Jeon Jun Chun Hong Ji Yoo Yu Moon Mun Bae Baek Paik Heo Huh
Nam Noh Roh Ha Kwak Sung Cha Joo Ju Woo Koo Ku Min Ryu Jin Won Chae Byun Yeo Ban Hyun Son Yang
Ko Lai Tsai Hou Chen Lin Wang Liu Huang Wu Cheng Hsieh Kuo Hsu Chu Su Lu Ma Lo Kao Chiang Yeh
Tseng Fu Shih Chou Teng Hung Tu Peng Chiu Chao Ho Lam Wong Leung Cheung Chan Tang Tam Yip Tse Ng
Kwok Mak Fung Tung Hui Yau Lau Tsang Chow Siu Li Law Luk Yuen Hon Sun Hu Tian Teo Goh Tan Ong
Koh Chua Ang Tay Toh Low Seah Quek Kuan Hsiao Chien Chai Pai Pan Yen Chuang Liang Yao Ting
'''.split())
# (looked for from each hyphen: the family name and the given name's first part right before
# it, its second part right after; the family name checked in the set. A search of the whole
# text took 17 us per text, an alternation of the 150 names tried at every position 50)
_HYPHENED_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]{0,5}) ([A-Z][a-z]{1,5})$")
_HYPHENED_AFTER = re.compile(r"[A-Za-z][a-z]{1,5}(?![\w'’-])")
# the words for a saint that start places' names (Santa Cruz, San José, São Paulo): a given
# name in the lists (Santa, Santo), never a person's here (not Santos: Santos Cerdán)
_SAINTS = frozenset('San Santa Santo São Sao Saint Sainte St'.split())
#: endings of surnames of Russian, Ukrainian, Polish, Georgian, Armenian, Central Asian and
#: Azerbaijani families as Latin-script news writes them (Mirzoyev, Fayzov, Rachabalizoda,
#: Pawlikowski, Yeslyamova, Saakashvili, Pashinyan, Aliyev): right after a rare capitalised word
#: that no list holds as a given name (Muhammadsobir, Dalerjon), such a word ends a person's
#: name. Not after a vowel for -ov/-ev (Kiev), and not the towns that end so: their names are
#: linked places, which take the span first (Rostov, Saratov).
_SURNAME_ENDING = re.compile(
    r'(?:[^aeiouy]ov|[^aeiou]ova|[^aeiouy]ev|[^aeiou]eva|yev|yeva|zoda|zade|zadeh|enko|'
    r'ovich|evich|ovna|evna|[vw]ski|[vw]sky|skiy|skaya|shvili|[ai]dze|[^aeiou]yan)$')
_SURNAME_TAILS = ('ov', 'va', 'ev', 'da', 'de', 'eh', 'ko', 'ch', 'na', 'ki', 'ky', 'iy', 'ya',
                  'li', 'ze', 'an')
# German abstract nouns by their ending, which no surname has: plurals (Konsultationen,
# Verhandlungen, Gemeinschaften) and singulars (Abteilung, Freiheit, Gesellschaft: "Enis
# Abteilung" is Eni's department; an -ung needs five letters before it, as Hartung and Jung
# are surnames): such a word after a given name is no surname
_GERMAN_NOUN_END_NO_SURNAME = re.compile(
    '(?:tionen|ungen|heiten|keiten|schaften|[a-zäöüß]{5}ung|heit|keit|schaft|tion|ität)$')
# name endings that are no German genitive -s (Iohannis, Tsipras, Torres, Voss)
_NOT_GENITIVE_ENDS = ('ss', 'us', 'is', 'os', 'as', 'ys', 'x', 'z', 'es')
# frequent German function words, for _reads_as
_GERMAN_WORDS = re.compile(r"\b(?:der|und|das|nicht|ist|sich|auf|dem|wird|eine|von|im|zu"
                           r"|für|nach|bei|wurde|hat|sind|auch|er|sie|ein|über|noch|wie"
                           r"|aber|oder|wenn|als|zur|zum|vom|beim|gegen|nur|mehr|wegen|seit"
                           r"|durch)\b", re.IGNORECASE)


_CYRILLIC = re.compile('[а-яё]')


# frequent Spanish function words, for _reads_as
_SPANISH_WORDS = re.compile(r"\b(?:el|los|las|del|que|por|una|para|según|también|está|fue)\b")
# a language's frequent function words, and how many different ones make a text of it
_FUNCTION_WORDS = {'de': (_GERMAN_WORDS, 2), 'es': (_SPANISH_WORDS, 3)}


@functools.lru_cache(maxsize=256)
def _reads_as(text: str, language: str) -> bool:
    """Whether ``text`` reads as ``language`` ('de' or 'es'): enough different frequent
    function words of it (two German, three Spanish) in its first 400 characters."""
    words, enough = _FUNCTION_WORDS[language]
    return len(set(words.findall(text, 0, 400))) >= enough


# A Russian organisation's legal form (ООО ПАО АО ...), a sports club's (ФК ХК ...) or a word
# for a company, party, club or medium in any case, then its name in quotes, capitalised
_RU_ORG_WORD = re.compile(
    r"(?:ООО|ОАО|ЗАО|ПАО|НАО|АО|НКО|АНО|ГК|ФГУП|ГУП|МУП|ФГБУ|ГБУ|ФК|ХК|ПФК|МФК|БК|ВК"
    r"|(?i:(?:авиа)?компани[яиюей]|банк[аеуом]?|холдинг[аеуом]?|концерн[аеуом]?"
    r"|корпораци[яиюей]|парти[яиюей]|движени(?:е|я|ю|ем|и)|клуб[аеуом]?|фонд[аеуом]?"
    r"|агентств[оауе]|агентством|издани(?:е|я|ю|ем|и)|издательств[оауе]|газет[аыеуой]"
    r"|телеканал[аеуом]?|радиостанци[яиюей]|завод[аеуом]?|комбинат[аеуом]?"
    r"|предприяти(?:е|я|ю|ем|и)|организаци[яиюей]|ассоциаци[яиюей]|объединени(?:е|я|ю|ем|и)"
    r"|ритейлер[аеуом]?"
    r"|застройщик[аеуом]?|ретейлер[аеуом]?|связи))")
# ("оператор связи «МТС»": the word right before the quote is "связи"; the neuter nouns in -ие
# end in -ием in the instrumental: "с движением «Мир Луганщине»")
_RU_QUOTE = re.compile(r'(?<= )[«"„]')
_RU_QUOTED_NAME = re.compile(r'([А-ЯЁA-Z][^«»"“„.!?\n]{0,60}?)[»"“]')


# German nouns for a body, alone or as a compound's head (Hotelkette, Mineralölkonzern,
# Tageszeitung, Fernsehsender, Modehändler), before a name in quotes
_DE_ORG_WORD = re.compile(
    r"[A-ZÄÖÜ][a-zäöüß]*(?:kette|konzern|unternehmen|firma|gesellschaft|verein|partei|zeitung"
    r"|magazin|sender|bank|anbieter|hersteller|händler|verband|agentur|airline|startup"
    r"|Unternehmen|Firma|Konzern|Kette|Gesellschaft|Verein|Partei|Zeitung|Magazin|Sender|Bank"
    r"|Anbieter|Hersteller|Händler|Verband|Agentur|Airline|Startup)")
_DE_QUOTE = re.compile(r'(?<= )["„»]')
_DE_QUOTED_NAME = re.compile(r'([A-ZÄÖÜ0-9][^"“„«».!?\n]{0,50}?)["“«]')


# English nouns for what a company is, right before its name (an apposition without
# quotes): "law firm AJ Park", "Another law firm, Mayne Wetherell, offers", "carmaker Rivian"
_EN_COMPANY_WORDS = ('firm', 'company', 'lender', 'insurer', 'carmaker', 'automaker', 'retailer',
                     'airline', 'broadcaster', 'startup', 'start-up', 'chipmaker', 'drugmaker',
                     'brewer', 'conglomerate', 'consultancy', 'bank')
#: the name after such a noun (and its comma), matched at the position after each noun that
#: str.find finds
_EN_DESCRIBED_NAME = re.compile(
    r",? ([A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|&)){0,2})(?![\w&'’-]| [A-Z])")
#: first words that make no company's name after such a noun: a title ("company CEO Tim Cook"),
#: a pronoun, an article or a conjunction ("the firm He", "a company In")
_NOT_DESCRIBED = frozenset('''
CEO CFO COO CTO Chairman Chairwoman Chief President Founder Director Spokesman Spokeswoman
Spokesperson Executive Head Boss Chair Vice Senior Managing General Board Its It He She They We
I The This That These Those A An In On At For And But Or As If When While After Before
'''.split())


def _quoted_bodies(text: str, quote: re.Pattern, word: re.Pattern,
                   name: re.Pattern) -> list[NameSpan]:
    """The organisations named in quotes (``quote``: an opening quote after a space) right
    after a ``word`` for what they are: the quoted ``name`` (not one with a space at either
    end)."""
    out = []
    for q in quote.finditer(text):
        before = text.rfind(' ', 0, q.start() - 1) + 1
        if not word.fullmatch(text, before, q.start() - 1):
            continue
        m = name.match(text, q.end())
        if m and m.group(1).strip() == m.group(1):
            out.append(NameSpan('organization', m.start(1), m.end(1), m.group(1)))
    return out


class _Token(NamedTuple):
    start: int
    stop: int
    word: str           # without a final dot unless it is a head written with one
    capital: bool       # False: a lower-case head (accord, rue)
    possessive: bool    # written with 's: a name may end here but runs on no further


# _Token from one tuple, made in C: the tokenizer makes one per capitalised word of a text,
# and the NamedTuple's own __new__ is a Python-level call
_new_token = functools.partial(tuple.__new__, _Token)
_POSSESSIVE_ENDS = ("'s", "’s")


def _tokens(text: str) -> tuple[list[_Token], list[int]]:
    """The capitalised words of ``text`` and the lower-case heads before a "de", in order, and
    their :func:`_gaps` (found in the same pass when there is no such head)."""
    out = []
    append = out.append
    new_token = _new_token
    gaps = []
    gap_append = gaps.append
    connector, particle = _CONNECTOR_GAP.fullmatch, _PARTICLE_GAP.fullmatch
    a_stop = -2             # the previous token's stop; -2: none (or after a possessive)
    for m in _CAPITALISED.finditer(text):
        start = m.start()
        if start and text[start - 1].isalpha():
            continue                      # a capital inside a word (iPhone)
        word = m.group()
        stop = start + len(word)
        possessive = False
        last = word[-1]
        # (most words end in neither a dot nor 's: no slicing for them)
        if last == '.' and word not in _ORG_AFTER:
            word = word[:-1]
            stop -= 1
            last = word[-1:]
        if last == 's' and word.endswith(_POSSESSIVE_ENDS) and len(word) > 2:
            possessive = True
            word = word[:-2]
            stop -= 2
        if len(word) > 4 and word.isupper():
            continue                      # a word in capitals is no name word here
        append(new_token((start, stop, word, True, possessive)))
        # the gap from the token before (as _gaps finds it)
        if start == a_stop + 1:
            gap_append(_SPACE if text[a_stop] == ' ' else 0)
        elif a_stop >= 0 and start - a_stop <= 12:
            gap = text[a_stop:start]
            gap_append((_CONNECTOR if connector(gap) else 0)
                       | (_PARTICLE if particle(gap) else 0)
                       | (_AND if gap in _AND_GAPS else 0))
        else:
            gap_append(0)
        a_stop = -2 if possessive else stop
    heads = []
    for m in _DE.finditer(text):
        start = text.rfind(' ', 0, m.start()) + 1
        start = max(start, text.rfind("'", 0, m.start()) + 1, text.rfind('’', 0, m.start()) + 1)
        word = text[start:m.start()]
        if word in _LOWER_HEADS:
            heads.append(_Token(start, m.start(), word, False, False))
            continue
        phrases = _LOWER_ORG_HEADS.get(word.lower())
        if phrases:
            # the longest head written here (tribunal correctionnel, not a bare tribunal)
            for phrase in sorted(phrases, key=len, reverse=True):
                first = m.start() - len(phrase)
                if (first >= 0 and text[first:m.start()].lower() == phrase
                        and (first == 0 or not text[first - 1].isalpha())):
                    head = text[first:m.start()]
                    # (written with a capital, Ayuntamiento or Audiencia Provincial, it is
                    # an organisation's name like any other: see _organisation)
                    if head not in _ORG_BEFORE:
                        heads.append(_Token(first, m.start(), head, head[0].isupper(), False))
                    break
    if any(stem in text for stem in _CHURCH_STEMS):
        for m in _CHURCH_BEFORE_NAME.finditer(text):
            heads.append(_Token(m.start(1), m.end(1), m.group(1), False, False))
    if heads:
        # a head written with capitals (Tribunal correctionnel de Lyon, Audiencia Provincial
        # de Madrid) replaces the tokens of its words
        out = sorted([t for t in out if not any(h.start <= t.start < h.stop for h in heads)]
                     + heads)
        gaps = _gaps(text, out)
    return out, gaps


def _gaps(text: str, tokens: list[_Token]) -> list[int]:
    """How each token follows the one before it (item ``k``: from ``tokens[k - 1]`` to
    ``tokens[k]``; item 0 is 0): right after a space (_SPACE), after connectors (_CONNECTOR)
    and/or name particles (_PARTICLE), or not at all (0; always after a possessive). Most
    capitalised words stand alone (a sentence's first word, a lone name): found here, once,
    that lets every later step pass them by."""
    out = [0] * len(tokens)
    for k in range(1, len(tokens)):
        a, b = tokens[k - 1], tokens[k]
        if a.possessive:
            continue
        a_stop, b_start = a.stop, b.start
        if b_start == a_stop + 1:
            if text[a_stop] == ' ':
                out[k] = _SPACE
        elif b_start - a_stop <= 12:
            gap = text[a_stop:b_start]
            out[k] = ((_CONNECTOR if _CONNECTOR_GAP.fullmatch(gap) else 0)
                      | (_PARTICLE if _PARTICLE_GAP.fullmatch(gap) else 0)
                      | (_AND if gap in _AND_GAPS else 0))
    return out


# Chinese writes a foreign person's name as transliterated syllables joined by a middle dot
# (丹尼尔·霍特 Daniel Hott, 哈立德·泰穆尔·阿克拉姆); these are the characters of the standard
# transliteration table that are rarely ordinary words, so a name's parts are the runs of them
# on both sides of the dots (总统唐纳德·特朗普: 统 ends the run)
_TRANSLIT = frozenset(
    '阿埃艾爱安昂奥澳巴芭拜班邦鲍贝本比彼毕碧宾波伯勃博布查达戴丹德登迪蒂丁杜敦多厄恩尔法菲斐'
    '费芬弗伏福盖冈戈哥格根古圭哈海汉翰豪赫亨洪胡怀霍基吉加贾杰捷金津卡凯坎康考柯科克肯库夸奎'
    '昆拉莱赖兰朗劳勒雷蕾黎里利莉琳卢鲁伦罗洛吕马玛迈麦曼梅蒙米敏莫默姆穆纳娜奈南内尼妮涅纽努'
    '诺欧帕潘佩彭皮珀普齐奇恰乔切钦琴丘萨塞赛桑瑟森沙莎尚舍施什斯索塔泰坦汤特滕提廷托瓦万威韦'
    '维温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤约扎泽詹兹佐祖立逊茨朔夫娅丽露芙黛薇嘉琪沙蒙侯')
#: the middle dots that join the parts of a transliterated name (CJK punctuation variants)
NAME_DOTS = '·・•‧'
# A name in a list of names (_enumerated_persons): two to four capitalised words or initials,
# after an honorific that is no part of it; and what separates two names of the list
_LISTED_NAME = re.compile(
    r"(?<![\w.])(?:(?:Mrs?|Ms|Dr|Prof|Sir|Dame)\.? )?"
    r"((?:[A-Z][a-z'’-]+|(?:[A-Z]\.){1,3})(?: (?:[A-Z][a-z'’-]+|(?:[A-Z]\.){1,3})){1,3})"
    r"(?![\w'’-])")
_LIST_SEPARATOR = re.compile(r',\s+(?:and\s+)?|\s+and\s+')
#: the characters of _TRANSLIT as Taiwan and Hong Kong write them (OpenCC s2tw, s2hk)
_TRANSLIT_TRADITIONAL = frozenset(
    '亞倫傑內凱勞呂喬奧婭岡庫愛懷揚欽歐湯溫漢澤烏爾瑪畢盧約納紐維羅茲萊萬蓋薩蘭裏裡誇諾謝貝費賈賓賴'
    '賽達遜邁錫韋馬魯鮑麗麥齊')
# A foreign person's name in Han or katakana followed by the name in Latin letters in
# brackets (帕爾馬（James Palmer）, as normalised text has it: ASCII brackets): the person, named
# by the Latin name; the transliteration before it is no place (帕爾馬 is not Palma)
_CJK_THEN_LATIN = re.compile(
    '(?:[{c}]{{2,8}}|[\u30a1-\u30fa\u30fc{d}]{{2,16}})'
    "\\(([A-Z][a-z]+(?:[ -](?:[A-Z]\\.|[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    "|(?:de|van|von|di|da|le|la|bin|al)(?= ))){{1,4}})\\)".format(
        c=''.join(sorted(_TRANSLIT | _TRANSLIT_TRADITIONAL)), d=NAME_DOTS))
_TRANSLIT_NAME = re.compile(
    '[{c}]{{2,5}}(?:[{d}][{c}]{{1,6}}(?:-[{c}]{{1,6}})?)+'.format(
        c=''.join(sorted(_TRANSLIT)), d=NAME_DOTS))
# A Chinese company by its registered name, right after a list's or a clause's mark (与中国移动、
# 中移物联网有限公司、华为): two to twelve Han characters and its legal form, not starting with
# a preposition, a conjunction or a pronoun (据, 与, 该: "据北京某科技有限公司" names none) and
# holding no preposition ("屋苑由置佳物業服務有限公司管理" names none either)
_ZH_COMPANY = re.compile(
    '(?:^|(?<=[、，,：:；;（(「『“"\\s]))'
    '(?![据在由与和向对被让把从为将是及等该其这那此某據對讓從為將這該於])'
    '((?:(?![由向被把据在与從對據於])[\\u4e00-\\u9fff]){2,12}?'
    '(?:股份有限公司|有限责任公司|有限責任公司|有限公司))')

# Chinese companies listed before 等 and a word for companies ("九洲药业、汉缆股份、新和成等上市公司",
# "康恩贝、新洋丰等上市公司大股东"): each item of two to six Han characters, the list after a
# clause's mark
_ZH_LISTED_COMPANIES = re.compile(
    '(?:^|(?<=[、，,：:；;（(「『“"\\s]))'
    '((?:[\\u4e00-\\u9fff]{2,6}、){1,8}[\\u4e00-\\u9fff]{2,6})'
    '等(?:多家|\\d+家|几家|数家)?(?:上市公司|公司|券商|银行|銀行|保险公司|保險公司|车企|車企|药企|藥企)')
_LIST_ITEM = re.compile('[^、]+')

# An outlet in a byline's brackets, by the word its name ends in: a Korean paper's before its
# reporter and title ("[이뉴스투데이 조은주 기자]"), a Taiwanese site's before its desk
# ("【健康醫療網／編輯部整理】", full-width brackets as NFKC leaves them, the slash made ASCII)
_BYLINE_OUTLET = re.compile(
    '\\[((?:(?!기자)[\uac00-\ud7a3A-Za-z0-9]){1,10}?'
    '(?:뉴스|일보|신문|투데이|경제|타임스|저널|방송|데일리|닷컴|미디어|포스트|헤럴드|비즈|위크))'
    ' ?[\uac00-\ud7a3]{2,4} ?(?:인턴|객원|수습)?(?:기자|특파원)'
    '|【([\u4e00-\u9fff]{1,8}?(?:網|网|報|报|社|新聞|新闻|週刊|周刊|電視台|电视台|雜誌|杂志))[/】]')

# A Chinese or Japanese organisation's name often starts with its country or city: 瑞典“一带一路”
# 研究所 (a Swedish institute), 美国联邦航空管理局 (the US FAA), 纽约州立大学 (SUNY). After a
# place, up to ten characters of the same word (no punctuation, no particle such as 的 or 和)
# and then one of these heads make the place part of an organisation's name
CJK_ORG_HEADS = (
    '研究所 研究中心 研究院 科学院 科學院 基金会 基金會 论坛 論壇 协会 協會 学会 學會 委员会 委員會 '
    '大学 大學 学院 學院 银行 銀行 集团 集團 公司 日报 日報 时报 時報 电视台 電視台 通讯社 通訊社 '
    '管理局 航天局 宇航局 航天中心 统计局 統計局 外交部 国防部 國防部 商务部 商務部 财政部 財政部 卫生部 '
    '衛生部 教育部 司法部 国务院 國務院 法院 议会 議會 国会 國會 共产党 共產黨 工党 民主党 共和党 '
    # (Japanese forms: 日本バレーボール協会, 日本スケート連盟, 日本経済新聞; 太平洋聯盟, the
    # Pacific League)
    '協会 連盟 联盟 聯盟 委員会 機構 財団 新聞 '
    # a country's mission in a place: 中国驻圣保罗总领馆, 中國駐澳洲大使館
    '大使馆 大使館 总领馆 總領館 总领事馆 總領事館 领事馆 領事館 '
    # (round 13: an association, 中國香港網球總會)
    '总会 總會 '
    # (round 19: a chamber of commerce or trade body, 香港資訊科技商會; a union, 香港職工會)
    '商会 商會 工会 工會').split()
# (what it may run over: no particle, preposition or verb of a sentence: 华盛顿同美国财政部
# is "in Washington with the US Treasury", 雅加达会见中国国务院 "met the State Council in
# Jakarta", 杭州市余杭区举办数字经济论坛 "held a forum in Hangzhou")
_CJK_NOT_IN_ORG_NAME = '|'.join((
    *'会见 会晤 会谈 举办 举行 召开 出席 访问 表示 宣布 发布 公布 参加 主办 承办 成立 签署 发表 接见 '
     '致电 通话 视察 考察 调研'.split(),
    '同[美中日韩俄英法德印澳加欧各]',         # 同 "with" before a country (not 共同体, 同济)
    # a count of them, or "a certain": 黃陵縣一間煤礦公司 is "a coal mining company in
    # Huangling County", 上海某公司 "a company in Shanghai"
    '[一两兩几幾数數多][间間家个個所座]', '某',
    # (round 19: a leader's title and what he said, 加拿大总理特鲁多刚刚就美国国会 "Canada's PM
    # Trudeau just ... on the US Congress", 英国首相鲍里斯形容国会 "UK PM Boris described Congress")
    *'总理 總理 首相 总统 總統 主席 外长 外長 发言人 發言人 刚刚 剛剛 形容 称 稱 说 說'.split(),
    # (round 34: "major", 美国主要航空公司 "the major US airlines")
    '主要'))
#: the organs of a province, city or prefecture, which follow its name directly (浙江省委,
#: 北京市公安局, 浙江证监局 "the CSRC's Zhejiang bureau", 神奈川県警 "Kanagawa prefectural police")
CJK_LOCAL_ORGAN_HEADS = (
    '省政府 市政府 区政府 县政府 人民政府 公安局 公安厅 公安分局 气象局 '
    '氣象局 教育厅 教育局 卫健委 发改委 证监局 银保监局 金融监管局 监管局 税务局 财政厅 财政局 商务厅 '
    '商务局 人民检察院 检察院 人大常委会 海关 県警 府警 道警 県庁 府庁 都庁 市役所 区役所 県議会 市議会 '
    '都議会 教育委員会 '
    # (round 12: the bureaus of a city or county, 重庆市体育局, 嘉義縣消防局, 北市衛生局; a
    # township office, 金湖鎮公所; a district prosecutors' office, 嘉義地檢署; a police district,
    # 深水埗警區; in traditional script too)
    '體育局 体育局 消防局 衛生局 卫生局 交通局 環保局 环保局 警察局 警察廳 警察厅 文化局 民政局 '
    '社會局 社会局 勞工局 劳工局 建設局 建设局 水利局 公所 地檢署 地检署 檢察署 警區 警区 '
    '縣政府 區政府 公安廳 財政局 教育廳 區議會 区议会 縣議會 市議會 '
    # (round 13: a police precinct and its station, 高雄楠梓警分局, 加昌派出所; a Japanese
    # police station, 広島中央警察署; a Japanese court named by its seat, 高知地裁)
    '分局 派出所 警察署 地裁 高裁 家裁 地方裁判所 高等裁判所 家庭裁判所 '
    # (round 17: a city's traffic police and weather office, its election commission and other
    # bureaus, 北京市交管局, 北京市气象台, 高市選委會, 上海市应急管理局)
    '交管局 交警支队 交警大队 交警總隊 气象台 氣象台 選委會 选委会 应急管理局 應急管理局 地震局 '
    '市场监管局 市場監管局 住建局 住建委 规划局 規劃局 城管局 水务局 水務局 交通委 人社局 医保局 '
    '醫保局 环保署 環保署 衛生署 卫生署 消防處 消防处').split()
_CJK_ORG_FILLER = ('(?:[“”「」『』"]|(?!' + _CJK_NOT_IN_ORG_NAME + ')'
                   '[^\\W的和与與及在是对對向从從将將等也都了被为為跟のがはをにでとも])')
#: heads that make an organisation of the place right before them, with nothing between:
#: 太平洋聯盟 (the Pacific League), 太平洋联盟 (the Pacific Alliance), a hospital named by its
#: place (北京医院, 松本病院, 長庚醫院; "a hospital in Beijing" takes a word between, 北京的医院,
#: 北京一家医院). (Not the others: 美国公司 is "American companies", 中国银行业 "Chinese banking".)
_CJK_LEAGUE_HEADS = ('联盟', '聯盟', '連盟', '医院', '醫院', '病院')
_CJK_ORG_AFTER_PLACE = re.compile(
    '(?:' + '|'.join(_CJK_LEAGUE_HEADS) + ')'
    # (a head with 长 after it is an office, 印尼前外交部长 "Indonesia's former foreign
    # minister", 公安局长 "the police chief", not the body; with 门 it is the common noun
    # 部门 "department, sector": 英国公共卫生部门 "the UK's public health authorities")
    '|(?:' + _CJK_ORG_FILLER + '{1,10}?' + '(?:' + '|'.join(CJK_ORG_HEADS) + ')(?![长長门門])'
    '|' + _CJK_ORG_FILLER + '{0,3}?' + '(?:' + '|'.join(CJK_LOCAL_ORGAN_HEADS) + ')'
    '(?![长長门門])'
    # (after a place's name that ends in its level: 浙江省 + 政府, 神奈川県 + 警)
    '|(?<=[省市区县州區縣])(?:委(?!书记|副书记|常委)|政府|人大)'
    '|(?<=[県府道都])(?:警|庁|議会)|(?<=[市区])(?:役所|議会))')


# Every name the pattern finds ends in one of these characters within this many characters
# of the place (ten of filler and the longest head): a search for them first spares most places
# the pattern's alternatives (a tenth of the time, most places starting no organisation)
_CJK_ORG_LAST = re.compile('[' + ''.join(sorted(
    {h[-1] for h in (*CJK_ORG_HEADS, *CJK_LOCAL_ORGAN_HEADS, *_CJK_LEAGUE_HEADS)}
    | set('委府大警庁会所'))) + ']')
_CJK_ORG_REACH = 10 + max(map(len, (*CJK_ORG_HEADS, *CJK_LOCAL_ORGAN_HEADS)))


def cjk_organisation(text: str, place_stop: int) -> int | None:
    """The end of the organisation's name that a place ending at ``place_stop`` starts, in
    Chinese or Japanese text (see CJK_ORG_HEADS), or None."""
    if _CJK_ORG_LAST.search(text, place_stop, place_stop + _CJK_ORG_REACH) is None:
        return None
    m = _CJK_ORG_AFTER_PLACE.match(text, place_stop)
    return m.end() if m else None


# The organs of a Korean province, city, county or district, written right after its name:
# 강원도청 (the provincial office, also a sports team's employer), 서울시청, 서울경찰청,
# 서울시교육청, 부산지방법원, 수원지검, 경기도의회
_KO_ORG_AFTER_PLACE = re.compile(
    '(?<=[도시군구])청(?![년소])|(?:도청|시청|군청|구청|경찰청|지방경찰청|경찰서|교육청|소방서|소방본부'
    '|지방법원|지법|지방검찰청|지검|도의회|시의회|군의회|구의회|의회)(?![장원])'
    # (and a research body named after it, glued: 한반도연구센터, 한반도평화연구원, 일본연구소)
    '|[\uac00-\ud7a3]{0,6}?(?:연구센터|연구소|연구원)(?![장들])')


def korean_organisation(text: str, place_stop: int) -> int | None:
    """The end of the organisation's name that a place ending at ``place_stop`` starts in
    Korean text (its office, police, court or council: 강원도청, 서울경찰청), or None."""
    m = _KO_ORG_AFTER_PLACE.match(text, place_stop)
    return m.end() if m else None


def _cased_script(text: str) -> bool:
    """Mostly Latin or Cyrillic letters: scripts where a capital starts a name (the detector's
    word lists are Latin and Cyrillic)."""
    sample = text[:300]
    if sample.isascii():
        return True
    # characters up to U+00FF (Latin-1), or those of cp1251 (ASCII, Cyrillic, typographic
    # quotes and dashes), counted in C; accented letters beyond Latin-1 (ł, ş, ő) are few in a
    # Latin-script text, and Arabic or CJK text has only its spaces and digits there
    least = 0.8 * len(sample)
    return (len(sample.encode('latin-1', 'ignore')) >= least
            or len(sample.encode('cp1251', 'ignore')) >= least)


# Russian and Ukrainian letters in Latin (BGN/PCGN-like), for the ids of Cyrillic names
_CYRILLIC_LATIN = str.maketrans({
    'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'e', 'ж': 'zh', 'з': 'z',
    'и': 'i', 'й': 'y', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r',
    'с': 's', 'т': 't', 'у': 'u', 'ф': 'f', 'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh',
    'щ': 'shch', 'ъ': '', 'ы': 'y', 'ь': '', 'э': 'e', 'ю': 'yu', 'я': 'ya', 'і': 'i',
    'ї': 'yi', 'є': 'ye', 'ґ': 'g'})


#: an age written as an adjective in the nominative right before a name: "45-летний",
#: "32-летняя" (the nominative's: "45-летнего Гелы" is another case), "45-year-old"
_AGE_BEFORE = re.compile(r'(?<![\w-])\d{1,3}-(?:летн(?:ий|яя)|year-old) $')


def _after_age(text: str, start: int) -> bool:
    """Whether an age as an adjective (:data:`_AGE_BEFORE`) stands right before ``start``: a
    title as good as a role's for the rare words after it."""
    return (start > 3 and text[start - 1] == ' ' and text[start - 2] in 'йяd'
            and _AGE_BEFORE.search(text, max(0, start - 14), start) is not None)


#: a role in apposition right after a name, the cue for the given names no list holds in news's
#: "said X, the president of ...": "Binyah Kesselly, chairman of the board", "Agato Simamora,
#: head of Bali's immigration department", "Izaskun Lesaka, la jefa del aparato militar"; the
#: role a known one or a word for a head, chief or spokesperson, after an article or none
_APPOSITION = re.compile(
    r", (?:(?:the|a|an|la|le|el|der|die|l') ?)?(?:(?:former|deputy|vice|senior|ex|then) )?"
    r"(?:chairman|chairwoman|chairperson|president|director|head|chief|spokesman|spokeswoman|"
    r"spokesperson|minister|secretary|governor|mayor|ceo|founder|leader|professor|commander|"
    r"presidente|presidenta|jefe|jefa|directora?|portavoz|ministr[oa]|président|présidente|"
    r"directeur|directrice|porte-parole|ministre|chef|chefin|präsident|präsidentin|sprecher|"
    r"sprecherin|leiter|leiterin)\b")


def _before_apposition(text: str, stop: int) -> bool:
    """Whether a role in apposition (:data:`_APPOSITION`) follows right after ``stop``."""
    return text.startswith(', ', stop) and _APPOSITION.match(text, stop) is not None


# A given name, a nickname of one or two capitalised words in straight or curly quotes, and
# a surname of one or two capitalised words (Steven "Mustafa" Hawthorne, Earvin “Magic”
# Johnson)
_NICKNAMED = re.compile(
    rf'\b([{_UPPER}][a-zà-ÿ]+) ["“]([{_UPPER}][\w.’\'-]*(?: [{_UPPER}][\w.’\'-]*)?)["”] '
    rf'([{_UPPER}][a-zà-ÿ’\'-]+(?: [{_UPPER}][a-zà-ÿ’\'-]+)?)\b')


def _with_persons(found: list[NameSpan], candidates) -> list[NameSpan]:
    """``found`` and the persons of ``candidates`` (``(start, stop, name)``) that overlap no
    span of ``found``, in text order; ``found`` itself where none is new (the detector's
    post-passes: :meth:`NameDetector._latin_persons`, ``_initialled_persons``,
    ``_hyphened_persons``, ``_nicknamed_persons``)."""
    new = [NameSpan('person', a, b, name) for a, b, name in candidates
           if not any(s.start < b and a < s.stop for s in found)]
    return sorted([*found, *new], key=lambda s: (s.start, s.stop)) if new else found


def unlinked_id(kind: str, text: str) -> str:
    """The stable id of an unlinked tag: ``nb:<kind>:x-<slug of the name as written>``; the
    slug is ASCII (accents dropped, Cyrillic transliterated: Сергей Лавров ->
    ``sergey-lavrov``), or the name's own letters for scripts with no such mapping (CJK)."""
    s = unicodedata.normalize('NFKD', text.lower().translate(_CYRILLIC_LATIN))
    s = ''.join(c for c in s if not unicodedata.combining(c))
    slug = (re.sub(r'[^a-z0-9]+', '-', s).strip('-')
            or re.sub(r'[\W_]+', '-', text.lower()).strip('-') or 'unnamed')
    return f'nb:{kind}:x-{slug}'


# A Russian surname (or patronymic) in an oblique case, back to the nominative: per case of
# the given name before it, (ending, letters before it, replacement) rules, first match wins;
# "" letters: any. A surname that matches none is indeclinable (Керри, Шойгу, Лукашенко, a
# woman's Клинтон) and stays as written. Masculine adjectival surnames in -ого/-ым are -ий
# after a velar or hushing letter (Тихого: Тихий, Зеленского) and -ой otherwise (Толстого)
_RU_VOWELS = 'аеёиоуыэюя'
_RU_CONSONANTS = 'бвгджзклмнпрстфхцчшщ'
_RU_VELAR = 'гкхжшчщ'
_RU_MASCULINE = {
    'gen': (('его', '', 'ий'), ('ого', _RU_VELAR, 'ий'), ('ого', '', 'ой'),
            ('а', _RU_CONSONANTS, ''), ('я', _RU_VOWELS, 'й'), ('я', _RU_CONSONANTS, 'ь'),
            ('ии', '', 'ия'), ('ы', '', 'а'), ('и', _RU_VELAR, 'а')),
    'ins': (('им', '', 'ий'), ('ым', 'вн', ''), ('ым', '', 'ой'), ('ом', _RU_CONSONANTS, ''),
            ('ем', 'жшчщц', ''), ('ем', _RU_VOWELS, 'й'), ('ем', _RU_CONSONANTS, 'ь'),
            ('ой', _RU_CONSONANTS, 'а'), ('ей', _RU_CONSONANTS, 'я')),
    'prep': (('ем', '', 'ий'), ('ом', _RU_VELAR, 'ий'), ('ом', '', 'ой'),
             ('е', _RU_CONSONANTS, ''), ('е', _RU_VOWELS, 'й'), ('ии', '', 'ия')),
    'dat': (('ему', '', 'ий'), ('ому', _RU_VELAR, 'ий'), ('ому', '', 'ой'),
            ('у', _RU_CONSONANTS, ''), ('ю', _RU_VOWELS, 'й'), ('ю', _RU_CONSONANTS, 'ь'),
            ('ии', '', 'ия'), ('е', _RU_CONSONANTS, 'а')),
}
_RU_MASCULINE['acc'] = _RU_MASCULINE['gen']
# -ым after -ов/-ин (Лантратовым: Лантратов) is the "вн" entry's work: see _ru_nominative
_RU_FEMININE_OBLIQUE = (('ской', '', 'ская'), ('цкой', '', 'цкая'), ('ой', 'вн', 'а'),
                        ('ой', '', 'ая'), ('ы', '', 'а'), ('и', _RU_VELAR, 'а'),
                        ('е', _RU_CONSONANTS, 'а'))
_RU_FEMININE = {
    'gen': _RU_FEMININE_OBLIQUE, 'dat': _RU_FEMININE_OBLIQUE, 'ins': _RU_FEMININE_OBLIQUE,
    'prep': _RU_FEMININE_OBLIQUE,
    'acc': (('скую', '', 'ская'), ('цкую', '', 'цкая'), ('у', 'вн', 'а'), ('ую', '', 'ая'),
            ('у', _RU_CONSONANTS, 'а')),
}
_RU_CASE_ORDER = ('gen', 'acc', 'ins', 'prep', 'dat')   # prep before dat: Илье Кухарчуке


def _ru_nominative(word: str, gender: str, cases: frozenset) -> str:
    """The nominative of a Russian surname or patronymic ``word`` written after a given name
    of ``gender`` in one of ``cases`` (Кухарчука, m, {gen}: Кухарчук; Ивановой, f: Иванова;
    Владимировича: Владимирович); as written when no rule applies (an indeclinable name:
    a Georgian one in -дзе, Екатерине Котрикадзе, Ираклии Кобахидзе)."""
    if word.endswith('дзе'):
        return word
    rules = _RU_FEMININE if gender == 'f' else _RU_MASCULINE
    for case in _RU_CASE_ORDER:
        if case not in cases:
            continue
        for ending, before, replacement in rules[case]:
            if not word.endswith(ending) or len(word) < len(ending) + 2:
                continue
            stem = word[:-len(ending)]
            if before == 'вн':
                # the Russian surname and patronymic stems: -ов/-ев/-ёв/-ин/-ын (Иванов-ой,
                # Лантратов-ым) and -овн/-евн (Владимировн-ой)
                if not stem.endswith(('ов', 'ев', 'ёв', 'ин', 'ын', 'вн')):
                    continue
            elif before and stem[-1] not in before:
                continue
            return stem + replacement
    return word


class NameDetector:
    """Finds :class:`NameSpan` records in a field's normalised text (see the module doc)."""

    def __init__(self, lists: NameLists):
        self._given = lists.given
        self._common = lists.common
        self._oblique = lists.oblique
        self._cjk = lists.cjk

    @property
    def cjk(self):
        """The Han, kana and Hangul name lists (:class:`~transforms.tag.names_cjk.CjkNames`),
        or None."""
        return self._cjk

    def is_given_name(self, word: str) -> bool:
        """Whether ``word`` is a given name the detector knows (in any case it lists)."""
        return word in self._given or word in self._oblique

    def is_name_or_word(self, word: str) -> bool:
        """Whether ``word`` is a given name or one of the frequent words (any case) the
        detector knows: a name repeated in an item may be a person's or the word's, not a
        place's (matcher rule 3, ``repeated``). Not a word in capitals: an acronym (UK, EU)
        is no word of the lists."""
        if word.isupper():
            return False
        return word in self._given or word in self._oblique or word.casefold() in self._common

    def spans(self, text: str) -> list[NameSpan]:
        if not text:
            return []
        if not _cased_script(text):
            found = ([NameSpan('person', m.start(), m.end(), m.group())
                      for m in _TRANSLIT_NAME.finditer(text)]
                     if any(dot in text for dot in NAME_DOTS) else [])
            if '(' in text:
                found = self._glossed_persons(text, found)
            if '有限' in text:
                found = sorted(found + [NameSpan('organization', m.start(1), m.end(1), m.group(1))
                                        for m in _ZH_COMPANY.finditer(text)],
                               key=lambda span: (span.start, span.stop))
            if '等' in text and '、' in text:
                listed = [NameSpan('organization', m.start(1) + i.start(), m.start(1) + i.end(),
                                   i.group())
                          for m in _ZH_LISTED_COMPANIES.finditer(text)
                          for i in _LIST_ITEM.finditer(m.group(1))]
                if listed:
                    found = sorted(found + listed, key=lambda span: (span.start, span.stop))
            if '[' in text or '【' in text:
                outlets = [NameSpan('organization', m.start(g), m.end(g), m.group(g))
                           for m in _BYLINE_OUTLET.finditer(text) for g in (1, 2)
                           if m.group(g)]
                if outlets:
                    found = sorted(found + outlets, key=lambda span: (span.start, span.stop))
            # and the Han and Hangul persons their surname and title give away (imported
            # here: names_cjk imports this module), then the persons in Latin letters
            if self._cjk is not None:
                from transforms.tag.names_cjk import cjk_person_spans
                found = cjk_person_spans(text, found, self._cjk)
            if _LATIN_RUN_START.search(text):
                found = self._latin_persons(text, found)
            return found
        if is_shouting(text):
            return []
        tokens, gaps = _tokens(text)
        out: list[NameSpan] = []
        acronyms = self._acronym_names(text, tokens, gaps) if '(' in text else {}
        # every shape but a name with its acronym runs on from its first token to the next
        # one: only those tokens (most capitalised words stand alone) may start a span
        starts = [k - 1 for k, gap in enumerate(gaps) if gap]
        if acronyms:
            starts = sorted(set(starts).union(acronyms))
        quoted = (self._quoted_organisations(text)
                  if '«' in text or '"' in text and _CYRILLIC.search(text) else [])
        if '„' in text or '"' in text or '»' in text:
            # German: a body named in quotes after the word for what it is (Hotelkette "Motel
            # One", Partei „Die Linke“)
            german = self._quoted_german_bodies(text)
            if german:
                quoted = sorted(quoted + german, key=lambda s: (s.start, s.stop))
        if ' the ' in text or ' of ' in text:
            # English: a company right after the word for what it is (law firm AJ Park); the
            # nouns looked for in English-looking text only (17 searches of every text took
            # 8 us per 1,000 characters, more than the rest of the shape)
            described = self._described_companies(text)
            if described:
                quoted = sorted(quoted + described, key=lambda s: (s.start, s.stop))
        after = 0           # the first token after the last span found
        for i in starts:
            if i < after:
                continue
            if quoted and any(q.start <= tokens[i].start < q.stop for q in quoted):
                continue
            span = (acronyms.get(i) or self._organisation(tokens, gaps, i)
                    or self._person(text, tokens, gaps, i))
            if span is None:
                continue
            kind, first, last = span[:3]
            start, stop = tokens[first].start, tokens[last].stop
            if (kind == 'person' and len(tokens[last].word) == 1 and len(span) == 3
                    and text[stop:stop + 1] == '.'):
                stop += 1           # an initial keeps its dot: "Alik K.", not "Alik K"
            # (a Russian person in an oblique case is named in the nominative)
            name = span[3] if len(span) > 3 and span[3] is not None else text[start:stop]
            source = span[4] if len(span) > 4 else 'names'  # 'family_name': review_mentions
            if (kind == 'organization' and first and first - 1 >= after
                    and tokens[last].word in _JOINT_HEADS and tokens[first - 1].capital
                    and text[tokens[first - 1].stop:start] == ' and '
                    and (not gaps[first - 1] & _SPACE or tokens[first - 2].word == 'The')
                    and tokens[first - 1].word not in _TITLE_CASE_SMALL
                    and len(span) == 3):
                # a body two places share, named with both: "Devon and Cornwall Police",
                # "Kent and Essex Serious Crime Directorate" (the run had stopped at "and")
                first -= 1
                start = tokens[first].start
                name = text[start:stop]
            elif (kind == 'organization' and first >= 2 and first - 2 >= after
                    and tokens[last].word in _JOINT_HEADS and tokens[first - 1].capital
                    and text[tokens[first - 1].stop:start] == ' and '
                    and gaps[first - 1] == _SPACE and tokens[first - 2].capital
                    and tokens[first - 2].word not in _ARTICLES
                    and (not gaps[first - 2] & _SPACE or first >= 3
                         and tokens[first - 3].word in _ARTICLES)
                    and not {tokens[first - 2].word, tokens[first - 1].word} & _TITLE_CASE_SMALL
                    and tokens[first - 1].word.casefold() in self._common
                    and len(span) == 3):
                # a country's or place's name and a noun before "and": "Nigeria Security and
                # Civil Defence Corps" (a body's two tasks)
                first -= 2
                start = tokens[first].start
                name = text[start:stop]
            if (kind == 'organization' and len(span) == 3 and text.startswith(', ', stop)
                    and tokens[first].word in _ORG_BEFORE):
                # a body's tasks listed with commas before the last one's "and": "Ministerio
                # de Ciencia, Tecnología e Innovación", "Asociación de Clínicas, Sanatorios y
                # Hospitales Privados", "ministère de l'Économie, des Finances et de la Relance"
                # (not a list of persons or bodies after it: "Ministerio de Salud, Juan Pérez y
                # ...", "Bank of Kigali, Equity Group and ...")
                m = _LISTED_TASKS.match(text, stop)
                if m is not None and not any(
                        self.is_given_name(w) or w in _ORG_AFTER or w in _ORG_BEFORE
                        for w in _CAPITALISED.findall(m.group())):
                    stop = m.end()
                    name = text[start:stop]
                    while last + 1 < len(tokens) and tokens[last + 1].start < stop:
                        last += 1
            if kind == 'organization' and not tokens[first].capital:
                # a lower-case head's organisation (la mairie de Marseille) is
                # placed on its head only: the city after it stays a place too, as French
                # writes the institution as a common noun and the city as the name
                stop = tokens[first].stop
            out.append(NameSpan(kind, start, stop, name, source))
            after = last + 1
        if quoted:
            out = sorted([s for s in out
                          if not any(q.start < s.stop and s.start < q.stop for q in quoted)]
                         + quoted, key=lambda s: (s.start, s.stop))
        if len(out) >= 2 and ',' in text:
            out = self._enumerated_persons(text, out)
        if '. (' in text or '., ' in text:
            out = self._initialled_persons(text, out)
        if '-' in text:
            out = self._hyphened_persons(text, out)
        if '"' in text or '“' in text:
            out = self._nicknamed_persons(text, out)
        return out

    def _latin_persons(self, text: str, found: list[NameSpan]) -> list[NameSpan]:
        """``found`` with the persons a run of Latin words in a Chinese, Japanese or Korean
        text names, as the Latin-script rules find them there: a known given name and a
        family name (联合首席执行官Michal Nowakowski在社交平台, 研究员Claire Newman表示,
        麥道威(Gayle Laakmann McDowell)); not a run in quotes, a title or a product
        (‘헬리오 커브(Helio Curve)’), nor the gloss of a name found (rule 48's: 簡嘉良(Johnny
        Chien))."""
        def candidates():
            for m in _LATIN_RUN.finditer(text):
                if _quoted(text, m.start()) or (
                        text[m.start() - 1:m.start()] == '('
                        and any(s.stop == m.start() - 1 for s in found)):
                    continue    # a quoted title, or a detected name's gloss (rule 48's)
                for span in self.spans(m.group()):
                    if span.kind == 'person' and ' ' in span.text:
                        yield m.start() + span.start, m.start() + span.stop, span.text
        return _with_persons(found, candidates())

    def _initialled_persons(self, text: str, found: list[NameSpan]) -> list[NameSpan]:
        """``found`` with the persons police and court news names by a given name and the
        initial of the surname, then the age: "Jeremías M., de 30 años", "Max M. (30)",
        "Sarah K., 24," (the given name a listed one; the span keeps the initial's dot)."""
        return _with_persons(found, ((m.start(1), m.end(2) + 1, text[m.start(1):m.end(2) + 1])
                                     for m in _INITIALLED.finditer(text)
                                     if self.is_given_name(m.group(1))))

    def _hyphened_persons(self, text: str, found: list[NameSpan]) -> list[NameSpan]:
        """``found`` with the Korean and Chinese persons named in romanisation by a family
        name and a hyphenated given name (:data:`_EAST_ASIAN_FAMILY`: "presiding judge Ji
        Gwi-yeon"), where the given name's first part is no frequent word ("Lee Self-driving"
        names no one)."""
        def candidates():
            at = text.find('-', 1)
            while at != -1:
                m = _HYPHENED_BEFORE.search(text, max(0, at - 13), at)
                if (m is not None and m.group(1) in _EAST_ASIAN_FAMILY
                        and m.group(2).casefold() not in self._common):
                    after = _HYPHENED_AFTER.match(text, at + 1)
                    if after is not None:
                        yield m.start(), after.end(), text[m.start():after.end()]
                at = text.find('-', at + 1)
        return _with_persons(found, candidates())

    def _nicknamed_persons(self, text: str, found: list[NameSpan]) -> list[NameSpan]:
        """``found`` with the persons named with a nickname in quotes between the given name
        and the surname, as written (Steven "Mustafa" Hawthorne, whose surname is then no
        place), the given name a listed one."""
        return _with_persons(found, ((m.start(), m.end(), m.group())
                                     for m in _NICKNAMED.finditer(text)
                                     if self.is_given_name(m.group(1))))

    def _enumerated_persons(self, text: str, found: list[NameSpan]) -> list[NameSpan]:
        """``found`` with the persons of a list of names: in a run of at least three names of
        two to four capitalised words each, separated by commas (and "and"), of which at least
        two and at least half are persons the detector found and none another kind of name,
        every name is a person, whole ("The officers are Victor Olanrewaju Fayemi, Comfort
        Danladi, Akibi Michael Olusola and Mrs A.A. Jonathan": Comfort Danladi too, and Akibi
        Michael Olusola, not Michael Olusola), unless a name found runs over its edge or it
        ends in a frequent word."""
        persons = [s for s in found if s.kind == 'person']
        if not any(b.start - a.stop <= 80 and ',' in text[a.stop:b.start]
                   for a, b in zip(persons, persons[1:])):
            return found        # (most texts: no two persons a comma apart)
        runs: list[list] = []
        previous = None
        for m in _LISTED_NAME.finditer(text):
            if previous is not None and _LIST_SEPARATOR.fullmatch(text, previous.end(),
                                                                  m.start()):
                runs[-1].append(m)
            else:
                runs.append([m])
            previous = m
        out = list(found)
        changed = False
        for run in runs:
            if len(run) < 3:
                continue
            inside = [[s for s in found if m.start(1) <= s.start and s.stop <= m.end()]
                      for m in run]
            named = sum(1 for spans in inside if spans and spans[0].kind == 'person')
            if (named < 2 or 2 * named < len(run)
                    or any(s.kind != 'person' for spans in inside for s in spans)):
                continue        # a list of bodies and persons names no person by its place
            for m, spans in zip(run, inside):
                a, b = m.start(1), m.end(1)
                if (any(s.start < b and a < s.stop and not (a <= s.start and s.stop <= b)
                        for s in found)
                        or m.group(1).rsplit(' ', 1)[-1].casefold() in self._common):
                    continue
                if len(spans) == 1 and (spans[0].start, spans[0].stop) == (a, b):
                    continue
                for span in spans:
                    out.remove(span)
                out.append(NameSpan('person', a, b, m.group(1)))
                changed = True
        return sorted(out, key=lambda s: (s.start, s.stop)) if changed else found

    def _glossed_persons(self, text: str, found: list[NameSpan]) -> list[NameSpan]:
        """``found`` and the persons a Chinese or Japanese text names in its script with the
        Latin name in brackets after it (帕爾馬（James Palmer）): a span over both, named by
        the Latin name, when that starts with a given name the lists know and ends in no
        frequent word ((Victoria Harbour) is a place). A span already found there stays."""
        out = list(found)
        for m in _CJK_THEN_LATIN.finditer(text):
            latin = m.group(1)
            words = latin.replace('-', ' ').split()
            if (words[0] not in self._given or words[-1].casefold() in self._common
                    or any(s.start < m.end() and m.start() < s.stop for s in found)):
                continue
            out.append(NameSpan('person', m.start(), m.end(), latin))
        return sorted(out, key=lambda s: (s.start, s.stop)) if len(out) > len(found) else found

    @staticmethod
    def _quoted_organisations(text: str) -> list[NameSpan]:
        """Russian organisations named in quotes after their legal form or a word for what
        they are (ООО «Ромашка», ПАО «Сбербанк», ФК «Химки», компании «Северсталь»): the name
        in the quotes, which keeps its nominative in every case of the word before it."""
        return _quoted_bodies(text, _RU_QUOTE, _RU_ORG_WORD, _RU_QUOTED_NAME)

    def _described_companies(self, text: str) -> list[NameSpan]:
        """Companies named right after an English noun for what they are ("law firm AJ Park",
        "Another law firm, Mayne Wetherell,"): one to three capitalised words that end at a
        lower-case word, start with no title, pronoun, date word or given name, and are no
        frequent words alone."""
        found = []
        for word in _EN_COMPANY_WORDS:
            at = text.find(word)
            while at >= 0:
                stop = at + len(word)
                if not (at and (text[at - 1].isalnum() or text[at - 1] in '-_')):
                    m = _EN_DESCRIBED_NAME.match(text, stop)
                    if m is not None:
                        found.append(m)
                at = text.find(word, stop)
        out = []
        for m in sorted(found, key=lambda m: m.start(1)):
            name = m.group(1).rstrip('.')
            words = name.split(' ')
            first = words[0]
            if (first in _NOT_DESCRIBED or first in _NOT_SURNAMES or first in self._given
                    or (len(words) == 1 and first.casefold() in self._common)):
                continue
            out.append(NameSpan('organization', m.start(1), m.start(1) + len(name), name))
        return out

    @staticmethod
    def _quoted_german_bodies(text: str) -> list[NameSpan]:
        """German organisations named in quotes right after a noun for what they are
        (Hotelkette "Motel One", die Partei „Die Linke“, beim Sender »RTL«): the quoted name."""
        return _quoted_bodies(text, _DE_QUOTE, _DE_ORG_WORD, _DE_QUOTED_NAME)

    # --- shapes ---------------------------------------------------------------------------

    @staticmethod
    def _run(tokens: list, gaps: list, i: int, connectors: bool = True) -> int:
        """The last index of the run of capitalised words from ``i`` (joined by spaces, and
        by connectors when ``connectors``)."""
        joins = _SPACE | _CONNECTOR if connectors else _SPACE
        j = i
        while j + 1 < len(tokens) and tokens[j + 1].capital and gaps[j + 1] & joins:
            j += 1
        return j

    def _organisation(self, tokens: list, gaps: list, i: int):
        tok = tokens[i]
        if tok.word in _ARTICLES:
            return None
        lower = tok.word.lower()
        lower_org = lower in _LOWER_ORG_PHRASES and (
            not tok.capital or i + 1 < len(tokens) and gaps[i + 1] & _CONNECTOR)
        if not tok.capital or lower_org or lower in _LOWER_HEADS:
            # a head that is a common noun takes a connector and one capitalised run:
            # "l'accord de Paris", "Accord de Paris", "rue de Russie" (not "estadio Santiago
            # Bernabéu de Madrid", "Via Paris"); an organisation's head the same way: "le
            # conseil départemental du Nord", "la préfecture de l'Isère" (_LOWER_ORG_HEADS)
            if (i + 1 < len(tokens) and tokens[i + 1].capital
                    and (gaps[i + 1] & _CONNECTOR
                         or gaps[i + 1] == _SPACE and (lower in _CHURCH_WORDS
                                                       or lower in _STREET_WORDS))):
                last = self._run(tokens, gaps, i + 1, connectors=False)
                if lower_org:
                    if all(t.word in _GENERIC_COMPLEMENTS for t in tokens[i + 1:last + 1]):
                        return None
                    return 'organization', i, last
                return 'name', i, last
            return None
        last, n = i, len(tokens)          # (self._run(tokens, gaps, i), written out)
        while last + 1 < n and gaps[last + 1] & _JOINS and tokens[last + 1].capital:
            if gaps[last + 1] == _CONNECTOR and tokens[last + 1].word in _DATE_WORDS:
                break                       # "... of Medicine on Wednesday": a date, not a name
            last += 1
        # head first: "Ministry of Finance", "Instituto Geofísico del Perú", "Avenue of the
        # Americas"
        if tok.word in _ORG_BEFORE or tok.word in _NAME_BEFORE:
            if tok.word in _ORG_BEFORE and any(gaps[k] & _CONNECTOR
                                               for k in range(i + 1, last + 1)):
                # the name after a connector may hold "and" (Consejería de Educación y Cultura)
                while last + 1 < n and gaps[last + 1] & _AND and tokens[last + 1].capital:
                    last += 1
                    while last + 1 < n and gaps[last + 1] & _JOINS and tokens[last + 1].capital:
                        last += 1
            for j in range(i + 1, last + 1):
                if tokens[j].word in _TITLE_CASE_SMALL:
                    last = j - 1    # a title-case headline: "Hospital After Crash"
                    break
            if tok.word in _ORG_BEFORE and tok.word not in _PARENT_HEADS:
                # a body's part, then the ministry it belongs to, are two bodies: "Secretaría
                # de Derechos Humanos del Ministerio de Justicia" (the ministry starts a span
                # of its own)
                for j in range(i + 2, last + 1):
                    if gaps[j] & _CONNECTOR and tokens[j].word in _PARENT_HEADS:
                        last = j - 1
                        break
            if tok.word in _ORG_BEFORE_DE and last > i and gaps[i + 1] == _SPACE:
                # a German head and the name straight after it: one word, two for a compound
                # place name (Polizeiinspektion Bad Tölz, Polizeipräsidium Oberbayern Süd),
                # and none that is a common noun ("das Landgericht Berlin Anklage", "die
                # Stadtverwaltung Bürger")
                end = i + 1
                if (end < last and gaps[end + 1] == _SPACE
                        and (tokens[end].word in _GERMAN_PLACE_PREFIXES
                             or tokens[end + 1].word in _GERMAN_PLACE_SUFFIXES)):
                    end += 1
                word = tokens[end].word     # (Tölz, not Bad; Oberbayern, not Süd)
                if end > i + 1 and word in _GERMAN_PLACE_SUFFIXES:
                    word = tokens[i + 1].word
                if _GERMAN_NOUN_END.search(word) or (word.casefold() in self._common
                                                     and word not in _GERMAN_COMMON_PLACES):
                    return None
                last = end
                if (last + 1 < n and gaps[last + 1] == _SPACE
                        and tokens[last + 1].word in ('I', 'II', 'III')):
                    last += 1       # a city's courts by number: Landgericht München I
            if last > i + 1 and tok.word in _RU_HEADS:
                # a Russian body takes its country's or region's name in the genitive, one
                # word or an adjective and a noun (МИД Грузии, МИД Южной Кореи): what follows
                # is a person ("МИД Германии Хайко Маас", "МИД Литвы Линасом Линкявичюсом")
                last = (i + 2 if _RU_ADJECTIVE_GENITIVE.search(tokens[i + 1].word)
                        and gaps[i + 2] == _SPACE else i + 1)
            # a person named right after the name starts at a given name followed by another
            # word: "глава МИД Грузии Давид Залкалиани", "Ministry of Finance John Smith said"
            # (straight after a body no one names after a person: "de la Generalitat Jordi
            # Pujol", "el número dos de la Policía Eugenio Pino")
            for j in range(i + 1 if tok.word in _NOT_NAMED_AFTER_PERSONS else i + 2, last):
                if tokens[j].word in self._given and gaps[j + 1] & _SPACE:
                    last = j - 1
                    break
            if last > i:
                if tok.word in _ORG_BEFORE:
                    # "Policía Local", "Audiencia Provincial": which one? no name yet
                    if all(t.word in _GENERIC_COMPLEMENTS for t in tokens[i + 1:last + 1]):
                        return None
                    return 'organization', i, last
                return 'name', i, last
            return None
        # head last: the last capitalised word of the run (or an earlier one) is a head
        if (tok.word in _TITLE_CASE_SMALL or tok.word in _DATE_WORDS
                or tok.word in _DE_CONTRACTED):
            # (a weekday starts no name: "On Monday Palo Alto Networks"; nor a German
            # preposition with its article, capitalised at a sentence's start: "Im Greifswalder
            # Institut", "Beim Bundesamt für Migration")
            return None
        if (i + 1 < n and gaps[i + 1] & _CONNECTOR and (tok.word.casefold() in self._common
                                                         or tok.word.lower() in _OFFICE_WORDS)):
            return None         # "Shares of Palo Alto Networks": the name starts after "of"
            # (and "el CEO de McLaren Group" after "de")
        for j in range(last, i, -1):
            word = tokens[j].word
            if word in _TITLE_CASE_SMALL:
                return None     # a title-case headline: "Man Shot By Police In Leeds"
            if word in _ORG_AFTER:
                if word == 'FC' and j < last and gaps[j + 1] == _SPACE:
                    # "FC" with a name after it heads that name ("Beim Topclub FC Chelsea" is
                    # FC Chelsea, as German writes English clubs), it does not end the run
                    continue
                if word in _ORG_AFTER_DE and any(gaps[k] != _SPACE for k in range(i + 1, j + 1)):
                    # "Biologen der Universität Bonn": a German noun and an article
                    continue
                if word in _LEGAL_FORMS_DE and any(gaps[k] & _CONNECTOR
                                                   for k in range(i + 1, j + 1)):
                    continue
                if (gaps[j] & _CONNECTOR and j < last and gaps[j + 1] == _SPACE
                        and word in _ORG_BEFORE):
                    # a head after a connector that starts a name of its own: "la Unidad de
                    # VIH del Hospital Civil de Guadalajara" names the hospital, not "VIH del
                    # Hospital"
                    return None
                if j < last and gaps[j + 1] & _CONNECTOR and word not in _ORG_AFTER_DE:
                    # the head's own complement runs on: "McGill University School of
                    # Medicine", "Federal Reserve Bank of New York", "Communist Party of China"
                    return 'organization', i, last
                if word in _GENERIC_HEADS and all(
                        t.word in _GENERIC_COMPLEMENTS
                        for t in tokens[i + (tok.word in _ARTICLES):j]):
                    return None     # "Supreme Court", "National Police": which one?
                return 'organization', i, j
            if word in _NAME_AFTER:
                return 'name', i, j
        return None

    @staticmethod
    def _acronym_names(text: str, tokens: list, gaps: list) -> dict[int, tuple]:
        """Names followed by their acronym in brackets, by the index of their first token:
        the run of capitalised words before " (ABC)" (joined by spaces, connectors and "and")
        from the nearest word whose initial starts the acronym, when the initials of the run
        hold the acronym's letters in order. An organisation, or a named thing when its head
        says so (Inflation Reduction Act (IRA)); a country's name (Republic, Emirates ...)
        is left to the gazetteer."""
        ends = {t.stop: k for k, t in enumerate(tokens) if t.capital}
        out: dict[int, tuple] = {}
        for m in _ACRONYM.finditer(text):
            k = ends.get(m.start())
            if k is None:
                continue
            letters = ''.join(c for c in m.group(1) if c.isupper())    # AfD: A, D
            if len(letters) < 2:
                continue
            first = k
            while first > 0 and tokens[first - 1].capital:
                if not gaps[first] & (_SPACE | _CONNECTOR) and not _ACRONYM_GAP.fullmatch(
                        text[tokens[first - 1].stop:tokens[first].start]):
                    break
                first -= 1
            for start in range(k - 1, first - 1, -1):
                words = [t.word for t in tokens[start:k + 1]]
                if words[0][0] != letters[0] or words[0] in _ARTICLES:
                    continue
                initials = iter(w[0].upper() for w in words)
                if all(letter in initials for letter in letters):
                    if any(w in _PLACE_WORDS for w in words):
                        break
                    kind = ('name' if words[-1] in _NAME_AFTER or words[0] in _NAME_BEFORE
                            else 'organization')
                    out[start] = (kind, start, k)
                    break
        return out

    def _person(self, text: str, tokens: list, gaps: list, i: int):
        tok = tokens[i]
        if tok.possessive:
            return None
        titled = False
        family = False
        oblique = None
        apposed = None
        if tok.word in _SAINTS or (i and gaps[i] == _SPACE and tokens[i - 1].word in _SAINTS):
            return None     # "Santa Cruz", "San Pedro", "Saint Laurent": a place or a saint
            # (and "San Francisco Chimalpa" names no Francisco Chimalpa)
        if tok.word in self._given:
            pass                                    # a known given name: the usual cue
        elif '-' in tok.word and self._double_given(tok.word):
            pass                                    # Hans-Stephan, Jean-Claude, Anne-Marie
        elif tok.word in self._oblique:
            oblique = self._oblique[tok.word]       # Сергея (Юрана): see _ru_nominative
        elif self._before_family_name(tokens, gaps, i):
            family = True                           # Muhammadsobir Fayzov, Dalerjon Mirzoyev
        else:
            # no known given name: a title right before the name is the cue, and then every
            # word of the name must be a rare word (not "Minister Said Thursday ...")
            # (Latin script only: in Russian the words after a title are mostly in another
            # case, "глава Северной Осетии", and all-capital words are acronyms)
            # (an age written as an adjective in the nominative is a title in either script:
            # "45-летний Гела Кардава", "the 45-year-old Dalton Ross")
            if tok.word.isupper() or not self._name_word(tok.word):
                return None
            if (_after_age(text, tok.start) if tok.word[0] > '\u024f'
                    else (self._after_title(text, tok.start) or _after_age(text, tok.start))
                    and tok.word.lower().removesuffix('s') not in _TITLES):
                pass
            elif (tok.word[0] <= '\u024f' and i + 1 < len(tokens) and gaps[i + 1] == _SPACE
                  and not (i and gaps[i] == _SPACE and tokens[i - 1].capital
                           and tokens[i - 1].word.casefold() not in self._common)
                  and _before_apposition(text, tokens[i + 1].stop)):
                # (two rare words and a role in apposition after them: "Binyah Kesselly,
                # chairman of the board"; not the end of a longer run of capitalised rare words,
                # "Cae en Francia Izaskun Lesaka" is lost that way; the name must end at the
                # comma, checked below)
                apposed = tokens[i + 1].stop
            else:
                return None         # (nor a title in the plural: "Lord Justices Clarke")
            titled = True
        j = i
        surname = None
        genitive = False
        k = i + 1
        # (up to three words after the given name, one more after a particle: Diana Marlen
        # Montes de Oca Ramos)
        last = i + 3
        # a middle initial and its dot: "William H. Macy", "Samuel L. Jackson" (the dot makes
        # no gap of its own between the two words, as it does at a sentence's end)
        initial = (i + 2 < len(tokens) and gaps[i + 1] & _SPACE and len(tokens[i + 1].word) == 1
                   and text[tokens[i + 1].stop:tokens[i + 2].start] == '. '
                   and tokens[i + 2].capital and len(tokens[i + 2].word) > 1)
        while k < len(tokens) and k <= last and tokens[k].capital:
            # "de" is a connector and a particle: María Dolores de Cospedal
            if not gaps[k] & (_SPACE | _PARTICLE) and not (initial and k == i + 2):
                break
            if not gaps[k] & _SPACE:
                if k == i + 1 and tok.word in _CITY_WORDS:
                    return None     # "la Ville de Genève": the city, not Ville Valo
                # "Christoph Wiederkehr von den Neos", "Hans Meier von der Polizei": a party,
                # a body after "von den" (no name's particle in the news) or after "von der"
                # and a common noun (not von der Leyen) is where the person is from
                gap = text[tokens[k - 1].stop:tokens[k].start]
                if gap == ' von den ' or (gap == ' von der '
                                          and tokens[k].word.casefold() in self._common):
                    break
                last = i + 4
            word = tokens[k].word
            if word in _HEADLINE_WORDS:
                return None     # "Young Boy At New Mexico Compound": a headline's words
            # (not every article: "Il" ends Kim Jong Il)
            if (word in _NOT_SURNAMES or word in _ORG_AFTER or word in _NAME_AFTER
                    or word in ('The', 'A', 'An')):
                break
            if word.lower() in _OFFICE_WORDS:
                return None     # "Vice Chairman Jun": a title, whose first word is a given name
            # no adjective made with a hyphen ("Marshall Islands-flagged", "Paris-based") nor
            # a German compound noun with an acronym (Löws EM-Kader, CDU-Chef)
            if _NOT_NAME_WORD.search(word):
                break
            # "Kader von Joachim Löw": after a particle, a given name and a word after it
            # are a person of their own
            if (not gaps[k] & _SPACE and word in self._given and k + 1 < len(tokens)
                    and tokens[k + 1].capital and gaps[k + 1] & _SPACE):
                break
            # "le maire de la Ville de Genève Sami Kanaan": a given name and a word after it,
            # later on past a particle, are where the person starts (Ville is a Finnish given
            # name and the French word for a city)
            if (last > i + 3 and word in self._given and k + 1 < len(tokens)
                    and tokens[k + 1].capital and gaps[k + 1] & _SPACE
                    and tokens[k + 1].word not in _NOT_SURNAMES):
                return None
            surname, j = word, k
            if tokens[k].possessive:
                break
            # German writes a name's genitive with a bare -s before its noun: "Joachim Löws
            # EM-Kader", "Angela Merkels Politik" (a name ending in s takes an apostrophe)
            if (k + 1 < len(tokens) and gaps[k + 1] == _SPACE and word.endswith('s')
                    and not word.endswith(_NOT_GENITIVE_ENDS) and len(word) > 3
                    and tokens[k + 1].word not in self._given and _reads_as(text, 'de')):
                genitive = True
                break
            k += 1
        if surname is None:
            return None
        if (_NOT_BEFORE_PERSON.search(text, max(0, tok.start - 9), tok.start)
                or _NAMED_AFTER_BEFORE.search(text, max(0, tok.start - 15), tok.start)
                or _SETTLEMENT_BEFORE.search(text, max(0, tok.start - 20), tok.start)):
            return None     # "im Santiago Bernabéu", "el estadio Santiago Bernabéu", "el IES
            # Antonio Menárguez Costa", "la comunidad de Magdalena Chichicaspa"
        if genitive:
            stem = tokens[j].word[:-1]
            if stem.casefold() in self._common and stem not in self._given:
                return None
            start = tokens[i].start
            return 'person', i, j, text[start:tokens[j].stop - 1]
        if (_GERMAN_NOUN_END_NO_SURNAME.search(surname) and surname not in self._given
                and _reads_as(text, 'de')):
            return None     # "die Regierung in Paris Konsultationen abhalten": a noun
        if (surname.casefold() in self._common and surname not in self._given
                and not (j == i + 1 and surname.isalpha() and len(surname) > 2
                         and self._after_title(text, tok.start))):
            # (a given name and one word after a title or a people's noun: "du Français Arthur
            # Fils", fils being "son")
            # a second surname that is also a word ("Daniel Quintero Calle": calle, street):
            # the person is named by the first ("Daniel Quintero"), in Spanish only, where
            # two surnames are the rule
            prior = tokens[j - 1].word if j > i + 1 else None
            if (prior is None or oblique is not None or titled or gaps[j] != _SPACE
                    or prior.casefold() in self._common or not _reads_as(text, 'es')):
                return None
            j -= 1
        if titled and not all(self._name_word(t.word) and t.word not in self._given
                              for t in tokens[i + 1:j + 1]):
            return None         # ... nor a given name later on: the person starts there
        if apposed is not None and tokens[j].stop != apposed:
            return None
        if oblique is not None:
            # a given name in an oblique case: one or two Cyrillic words after it (surname,
            # or patronymic and surname), each put back into the nominative
            if j > i + 2 or not all(t.word[0] >= '\u0400' for t in tokens[i + 1:j + 1]):
                return None
            nominative, gender, cases = oblique
            return 'person', i, j, ' '.join(
                [nominative] + [_ru_nominative(t.word, gender, cases)
                                for t in tokens[i + 1:j + 1]])
        if family:
            return 'person', i, j, None, 'family_name'
        return 'person', i, j

    def _before_family_name(self, tokens: list, gaps: list, i: int) -> bool:
        """Whether token ``i``, a rare capitalised word in Latin letters, is followed (one space
        away) by a rare word of five letters or more with a surname's ending
        (:data:`_SURNAME_ENDING`; not "Gov."): a given name
        no list holds, before its family name. Two words exactly: a third capitalised word
        makes it a longer name of something else (Lokomotiv Rostov Arena)."""
        # (the next word's ending first: most words fail there, at the cost of one endswith)
        if i + 1 >= len(tokens) or gaps[i + 1] != _SPACE:
            return False
        nxt = tokens[i + 1]
        if (not nxt.word.endswith(_SURNAME_TAILS) or len(nxt.word) < 5 or not nxt.capital
                or nxt.word.isupper() or not _SURNAME_ENDING.search(nxt.word)):
            return False
        tok = tokens[i]
        if (tok.word[0] > '\u024f' or tok.word.isupper() or not self._name_word(tok.word)
                or tok.word.lower() in _TITLES or not self._name_word(nxt.word)):
            return False
        return not (i + 2 < len(tokens) and tokens[i + 2].capital and gaps[i + 2] == _SPACE)

    def _double_given(self, word: str) -> bool:
        """A given name of two known ones joined by a hyphen (Hans-Stephan, Karl-Heinz,
        Jean-Claude): the lists hold few such pairs, and German and French write many."""
        first, _, second = word.partition('-')
        return first in self._given and second in self._given

    def _name_word(self, word: str) -> bool:
        """A word that may be part of a name found by its title alone: a given name, or a
        word (each part of a hyphenated one) that is no frequent word."""
        return word in self._given or all(
            part in self._given or part.casefold() not in self._common
            for part in word.split('-') if part)

    @staticmethod
    def _after_title(text: str, start: int) -> bool:
        """Whether the word right before ``start`` (one space away) is a title (_TITLES)."""
        if start < 2 or text[start - 1] != ' ':
            return False
        before = text.rfind(' ', 0, start - 1) + 1
        word = text[before:start - 1]
        # "l'actrice", "d'entraîneur": the word after an elided article
        word = word[word.rfind("'") + 1:] if "'" in word else word
        word = word[word.rfind('’') + 1:] if '’' in word else word
        # any German minister's compound: "Energieminister Dan Etete", "Agrarministerin"
        return (word.lower() in _TITLES or word.endswith(('minister', 'ministerin'))
                or (word[:1].isupper() and word.lower() in _DEMONYM_NOUNS))
