"""Districts of big cities and second-level units (départements, provinces, counties, London
boroughs, Regierungsbezirke, Chinese autonomous prefectures) in local news, with the texts (short
excerpts) that showed them missing (wide_dev v-en-01, v-fr-01, v-fr-s02, v-de-s02, w-en-03,
w-de-01), and the words and other names that must not become one (the precision guard).

The shipped gazetteer: curated/districts.yaml and the generated second-level regions
(scripts/gazetteer_sources.py: generated_subregions, overrides in curated/regions.yaml).
"""
import pytest

from tests.transforms.tag.shipped import tag_text


def _places(tagger, body, lang='en', title=''):
    return sorted(t['name'] for t in tag_text(tagger, body, lang, title)['places'])


@pytest.mark.parametrize('lang,title,body,expected', [
    # a French département: the prefect's, a forest fire's
    ('fr', 'Incendie à Marseille : un immeuble évacué',
     "Un incendie s'est déclaré dans un immeuble du 3e arrondissement de Marseille. Le préfet des "
     "Bouches-du-Rhône s'est rendu sur place.", {'Marseille', 'Bouches-du-Rhône'}),
    ('fr', "Incendie de forêt dans l'Aude",
     "Plus de 2 000 hectares ont brûlé dans l'Aude, où un feu de forêt a forcé l'évacuation de "
     "plusieurs villages.", {'Aude'}),
    # New York's borough as written in running text: "the Bronx"
    ('en', 'New York attorney general sues landlord',
     'Letitia James sued a Brooklyn landlord, accusing the company of raising rents for hundreds '
     'of tenants in Queens and the Bronx.', {'Brooklyn', 'Queens', 'The Bronx'}),
    # a Regierungsbezirk (and Bayern, which needs a place of its country, now has one)
    ('de', 'Zwei Tote bei Unwetter in Bayern',
     'Bei schweren Gewittern sind in Oberbayern zwei Menschen von umstürzenden Bäumen erschlagen '
     'worden.', {'Bavaria', 'Upper Bavaria'}),
    # a Manchester neighbourhood, a London borough, an Irish county
    ('en', '', 'Police were called to a house in Cheetham Hill, Manchester.',
     {'Cheetham Hill', 'Manchester'}),
    ('en', '', 'The council in Tower Hamlets said the school would reopen.', {'Tower Hamlets'}),
    ('en', '', 'Flooding closed roads across Co. Cork overnight.', {'County Cork'}),
    # Berlin's Bezirke, Munich's quarters, Seoul's gu, a Chinese autonomous prefecture
    ('de', '', 'Die Polizei in Marzahn-Hellersdorf und Schwabing sucht Zeugen.',
     {'Marzahn-Hellersdorf', 'Schwabing'}),
    ('ko', '', '서울 강남구 일대에서 화재가 발생했다.', {'Gangnam District', 'Seoul'}),
    ('zh', '', '四川甘孜州发生地震。', {'Garzê Tibetan Autonomous Prefecture', 'Sichuan'}),
])
def test_local_units_found(tagger, lang, title, body, expected):
    assert expected <= set(_places(tagger, body, lang, title))


@pytest.mark.parametrize('lang,body,unwanted', [
    # words and other names that a unit's name also is
    ('fr', 'Des migrants ont tenté de traverser la Manche depuis Calais.', {'Manche'}),
    ('fr', "L'armée a bombardé Ras al-Ain et Ain Issa.", {'Ain'}),
    ('fr', 'Trente personnes ont été blessées à Lyon.', {'Trentino'}),
    ('de', 'Die neue PISA-Studie zeigt Schwächen in Mathematik.', {'Pisa'}),
    ('de', 'Der Präsident des Landes sprach in Berlin.', {'Landes'}),
    ('ja', 'ケリー元国務長官が東京を訪問した。', {'County Kerry'}),
    ('en', 'Manchester United lost at Old Trafford on Sunday.', {'Trafford'}),
    ('de', 'Die Stadt Bozen feiert ihr Jubiläum.', {'South Tyrol'}),
])
def test_words_are_not_units(tagger, lang, body, unwanted):
    assert not unwanted & set(_places(tagger, body, lang))
