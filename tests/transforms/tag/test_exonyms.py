"""Towns GeoNames names in one language only carry their exonyms: German news finds Nürnberg,
English news Hanover, French news Gand and Bâle (curated/cities.yaml, ids kept); and a Russian
foreign compound spelt with a space in GeoNames ("Санта Барбара") is found in its standard
hyphenated spelling too, so Santa Barbara in California is no longer the Brazilian town."""
import pytest

from tests.transforms.tag.shipped import tag_text


def _places(tags):
    return {t['id'] for t in tags['places']}


@pytest.mark.parametrize('lang, text, place', [
    ('de', 'Die Polizei in Nürnberg sucht nach einem Mann, der am Hauptbahnhof mehrere '
           'Reisende bestohlen haben soll.', 'nb:place:nuremberg-de'),
    ('en', 'A bridge collapsed in Seelze near Hanover, Germany, on Tuesday, killing a '
           'construction worker.', 'nb:place:hannover-de'),
    ('fr', 'Le festival de Gand a attiré un public record cette année en Belgique.',
     'nb:place:gent-be'),
    ('fr', "La foire d'art de Bâle ouvre ses portes en Suisse mardi.", 'nb:place:basel-ch'),
    ('es', 'Un incendio obligó a evacuar un edificio en el centro de Núremberg.',
     'nb:place:nuremberg-de'),
    ('de', 'In Breslau und Stettin fanden am Wochenende Gedenkfeiern statt, teilte Polen mit.',
     'nb:place:wroc-aw-pl'),
])
def test_exonym_finds_the_town(tagger, lang, text, place):
    assert place in _places(tag_text(tagger, text, lang))


def test_hanover_needs_germany_when_the_us_town_shares_it(tagger):
    # "Hanover" is also a town in the United States: with Lower Saxony in the item it is the
    # German city
    tags = tag_text(tagger, 'Police in Hanover, the capital of Lower Saxony, closed the station.')
    assert 'nb:place:hannover-de' in _places(tags)
    assert 'nb:place:hanover-us' not in _places(tags)


def test_russian_hyphenated_compound_is_the_californian_city(tagger):
    tags = tag_text(tagger, 'Санта-Барбара, Калифорния. Актриса скончалась в '
                            'возрасте 62 лет, сообщили родственники.', 'ru')
    places = _places(tags)
    assert 'nb:place:santa-barbara-br' not in places
    assert 'nb:place:santa-barbara-us' in places
