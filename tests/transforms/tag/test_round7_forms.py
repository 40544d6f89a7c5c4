"""Issue 14, seventh round: inflected forms and places the build was missing or had wrong.

Russian krais decline their noun in -й (Краснодарский край -> в Краснодарском крае), which the
build's phrase forms (scripts/build_gazetteer.py ru_phrase_forms) did not generate: "В
Краснодарском крае и Ростовской области" found the oblast only. And the 26 federal subjects
that had no entry (pycountry has no English or Russian names for them: curated in
configs/gazetteer/curated/regions.yaml). Indonesian: "Kota Bogor" (the city of Bogor) is no
Kota (India), "Polda Metro Jaya" no Metro (Lampung: dropped, a word far more than a town),
"Jakarta Selatan" stays Jakarta (as the labelled sets write it).
"""
import sys
from pathlib import Path

import pytest

from tests.transforms.tag.shipped import tag_text

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / 'scripts'))


def test_russian_phrase_forms_of_a_noun_in_short_i():
    import build_gazetteer as bg
    assert bg.ru_phrase_forms('Краснодарский край') == [
        'Краснодарского края', 'Краснодарскому краю', 'Краснодарским краем', 'Краснодарском крае']


@pytest.mark.parametrize('body,expected', [
    ('В Краснодарском крае и Ростовской области ввели режим ЧС.',
     {'Krasnodar Krai', 'Rostov Oblast'}),
    ('Губернатор выехал в Ставропольский край, а затем к жителям Алтайского края.',
     {'Stavropol Krai', 'Altai Krai'}),
])
def test_russian_krais_in_oblique_cases(tagger, body, expected):
    assert {t['name'] for t in tag_text(tagger, body, 'ru')['places']} >= expected


@pytest.mark.parametrize('body,expected', [
    ('В Алтайском крае и Республике Алтай бушуют пожары.', {'Altai Krai', 'Altai Republic'}),
    ('Жители Карелии и Республики Коми пожаловались на перебои.',
     {'Republic of Karelia', 'Komi Republic'}),
    ('Губернатор Курганской области и глава Хакасии провели встречу.',
     {'Kurgan Oblast', 'Khakassia'}),
    ('В Томской области и Забайкальском крае объявили режим ЧС.',
     {'Tomsk Oblast', 'Zabaykalsky Krai'}),
])
def test_every_russian_federal_subject_is_a_region(tagger, body, expected):
    assert {t['name'] for t in tag_text(tagger, body, 'ru')['places']} == expected


def test_no_federal_subject_is_missing():
    """Each first-level subdivision of Russia in ISO 3166-2 is a gazetteer region (or a city
    of its own: Moscow, Saint Petersburg, Sevastopol)."""
    import pycountry
    import orjson
    root = Path(__file__).resolve().parents[3] / 'configs' / 'gazetteer'
    codes, names = set(), set()
    for name in ('regions.jsonl', 'places.jsonl'):
        for line in (root / name).read_text(encoding='utf-8').splitlines():
            ent = orjson.loads(line)
            if ent.get('country') == 'RU':
                codes.add(ent['id'].rsplit('-', 1)[-1])
                names.add(ent['name'])
    missing = {s.code for s in pycountry.subdivisions.get(country_code='RU')
               if s.code.split('-')[1].lower() not in codes
               and s.code not in ('RU-MOW', 'RU-SPE')}
    # (two curated regions keep an id without the code)
    assert missing <= {'RU-BEL', 'RU-KRS'}
    assert {'Belgorod Oblast', 'Kursk Oblast'} <= names


def test_indonesian_city_words_are_no_towns(tagger):
    places = {t['name'] for t in tag_text(
        tagger, 'Banjir melanda Kabupaten Bekasi dan Kota Bogor, Jawa Barat. Polda Metro Jaya '
        'menangkap tersangka di Jakarta Selatan.', 'id')['places']}
    assert places == {'Bekasi', 'Bogor', 'West Java', 'Jakarta'}


def test_kota_in_india_stays_a_city(tagger):
    places = {t['name'] for t in tag_text(
        tagger, 'Students in Kota, Rajasthan, protested on Monday, Indian media reported.',
        'en')['places']}
    assert 'Kota' in places



@pytest.mark.parametrize('alias,forms', [
    # after the article a strong adjective is weak: "der Deutsche Wetterdienst"
    ('Deutscher Wetterdienst', ['Deutschen Wetterdienst', 'Deutsche Wetterdienst',
                                'Deutschen Wetterdiensts', 'Deutschen Wetterdienstes']),
    ('Vereinigtes Königreich', ['Vereinigten Königreich', 'Vereinigte Königreich',
                                'Vereinigten Königreichs', 'Vereinigten Königreiches']),
    ('Europäische Union', ['Europäischen Union']),
    # words on -er that are no declining adjective make no forms (they made "Frankfurten
    # Allgemeine", "Hannoven 96")
    ('Frankfurter Allgemeine', []),
    ('Münchener Rück', []),
    ('Hannover 96', []),
    ('Bayer AG', []),
])
def test_german_phrase_forms(alias, forms):
    import build_gazetteer as bg
    assert bg.de_phrase_forms(alias) == forms


@pytest.mark.parametrize('lang,body,kind,name', [
    ('de', 'Der Deutsche Wetterdienst warnt vor Sturm.', 'organizations', 'Deutscher Wetterdienst'),
    ('de', 'Das Vereinigte Königreich verlässt die EU.', 'places', 'United Kingdom'),
    ('de', 'Die EU verhängt neue Sanktionen gegen Russland.', 'organizations', 'European Union'),
    ('en', 'The UK is leaving the EU.', 'places', 'United Kingdom'),
    ('es', 'La UE impone sanciones a Rusia.', 'organizations', 'European Union'),
])
def test_the_union_and_the_kingdom_by_their_abbreviations_and_forms(tagger, lang, body, kind,
                                                                    name):
    assert name in {t['name'] for t in tag_text(tagger, body, lang)[kind]}


@pytest.mark.parametrize('lang,body', [
    ('en', 'Prices are quoted in US$ and rose 3%.'),
    ('pt', 'Eu acho que vamos ganhar.'),
])
def test_short_words_stay_no_entity(tagger, lang, body):
    tags = tag_text(tagger, body, lang)
    assert not tags['places'] and not tags['organizations']


def test_a_lower_case_phrase_replaces_its_capitalised_twin():
    """The build keeps one form per case-folded name; a phrase in lower case also matches the
    capitalised text, so it is the one kept (French writes institutions in lower case); a single
    word keeps its capital ("paris" is French for bets)."""
    import build_gazetteer as bg
    aliases = {}
    bg._add(aliases, 'fr', ['Préfecture de police de Paris', 'préfecture de police de Paris',
                            'Paris'])
    bg._add(aliases, 'fr', ['paris'])
    assert aliases['fr'] == ['préfecture de police de Paris', 'Paris']


@pytest.mark.parametrize('body,org', [
    ('La préfecture de police de Paris a interdit la manifestation.',
     'Paris Police Prefecture'),
    ('Le parquet national financier a ouvert une enquête.',
     "National Financial Prosecutor's Office"),
])
def test_french_institutions_in_lower_case(tagger, body, org):
    assert org in {t['name'] for t in tag_text(tagger, body, 'fr')['organizations']}
