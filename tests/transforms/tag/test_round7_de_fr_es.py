"""Round 7: organisations and places of German, French and Spanish news.

Data only (configs/gazetteer/curated/): organisations the gazetteer lacked (federal courts and
agencies, regional governments and parliaments, ministries, parties, unions, associations,
companies, media, universities; organizations_more.yaml), German genitives and the weak form
after the article of existing names ("des Bundestags", "der Deutsche Wetterdienst") and short
party names (extra_names.yaml, ambiguous.yaml), and towns the generated tier leaves out (four
letters or fewer, a bracket or slash in the GeoNames name, next to a curated city), regions,
islands, mountains and rivers (districts.yaml).
"""
import pytest

from tests.transforms.tag.shipped import tag_text


def _names(tagger, body, lang):
    tags = tag_text(tagger, body, lang)
    return {t['name'] for kind in ('organizations', 'places') for t in tags[kind]}


@pytest.mark.parametrize('lang,body,expected', [
    # German: genitives, weak forms after the article, parties, agencies, media
    ('de', 'Der Haushalt des Bundestags wurde am Freitag in Berlin beschlossen.', {'Bundestag'}),
    ('de', 'Der Deutsche Wetterdienst warnt vor Sturmböen an der Nordsee.', {'Deutscher Wetterdienst'}),
    ('de', 'Der Deutsche Gewerkschaftsbund kritisierte die Pläne des Bundesfinanzministeriums.',
     {'German Trade Union Confederation', 'Federal Ministry of Finance (Germany)'}),
    ('de', 'Die CDU und die Grünen einigten sich, die Linke stimmte im Bundestag dagegen.',
     {'Alliance 90/The Greens', 'The Left (Germany)'}),
    ('de', 'Der Bundesrechnungshof rügte das Bundesverkehrsministerium.',
     {'Federal Court of Auditors (Germany)'}),
    ('de', 'Die Stiftung Warentest und der TÜV Süd prüften Kindersitze.', {'Stiftung Warentest', 'TÜV Süd'}),
    ('de', 'Das Technische Hilfswerk half in Sachsen, das Deutsche Rote Kreuz versorgte Verletzte.',
     {'Technisches Hilfswerk', 'German Red Cross'}),
    ('de', 'Die Ludwig-Maximilians-Universität in München erhielt Exzellenzmittel.', {'LMU Munich'}),
    # German places: bracketed and short town names, regions, rivers
    ('de', 'Das Hochwasser der Oder erreichte Frankfurt (Oder).', {'Frankfurt (Oder)'}),
    ('de', 'In Halle (Saale) und in Jena wurde demonstriert.', {'Halle (Saale)', 'Jena'}),
    ('de', 'Im Allgäu und im Sauerland fiel der erste Schnee.', {'Allgäu', 'Sauerland'}),
    # French
    ('fr', "Matignon et l'Élysée ont confirmé le remaniement.", {'Matignon', 'Élysée'}),
    ('fr', "La FNSEA soutient les agriculteurs bloqués en Bretagne.", {'FNSEA'}),
    ('fr', "France Travail recense trois millions de demandeurs d'emploi à Paris.", {'France Travail'}),
    ('fr', "L'Autorité de sûreté nucléaire a arrêté un réacteur, EDF conteste en France.",
     {'Nuclear Safety Authority (France)'}),
    ('fr', "Le ministère de l'Éducation nationale supprime des postes.",
     {'Ministry of National Education (France)'}),
    ('fr', 'Des orages ont frappé Metz, Caen et le Massif central.', {'Metz', 'Caen', 'Massif Central'}),
    # Spanish
    ('es', 'La Moncloa anunció una rueda de prensa tras el Consejo de Ministros.', {'Moncloa'}),
    ('es', 'El Gobierno de Canarias pidió ayuda para atender a los migrantes llegados a El Hierro.',
     {'Government of the Canary Islands', 'El Hierro'}),
    ('es', 'Renfe y Adif suspendieron los trenes entre Madrid y Andalucía.', {'Adif', 'Renfe'}),
    ('es', 'Coalición Canaria y el PSOE firmaron el acuerdo.', {'Canarian Coalition'}),
    ('es', 'La Real Academia Española presentó el diccionario.', {'Royal Spanish Academy'}),
    ('es', 'Los Pirineos y Sierra Nevada recibieron las primeras nevadas.', {'Sierra Nevada (Spain)'}),
    ('es', 'El temporal afectó a Jaén, Badalona y San Sebastián.', {'Jaén', 'Badalona', 'San Sebastián'}),
    ('es', 'El Athletic Club venció a la Real Sociedad en San Mamés.', {'San Mamés Stadium'}),
    ('es', 'La CNMC y el Consejo de Seguridad Nuclear publicaron sus informes.',
     {'National Commission on Markets and Competition', 'Nuclear Safety Council'}),
    ('fr', 'Le Stade toulousain a battu le Racing 92 en finale du Top 14.',
     {'Stade Toulousain', 'Racing 92', 'Top 14'}),
    ('de', 'Im Landkreis Görlitz und in der Sächsischen Schweiz brannte der Wald.', {'Saxon Switzerland'}),
])
def test_found(tagger, lang, body, expected):
    got = _names(tagger, body, lang)
    assert expected <= got, (expected - got, got)


def test_sierra_nevada_is_no_person(tagger):
    tags = tag_text(tagger, 'Los Pirineos y Sierra Nevada recibieron las primeras nevadas.', 'es')
    assert 'Sierra Nevada' not in {t['name'] for t in tags['persons']}


@pytest.mark.parametrize('lang,body,absent', [
    # words, not names; a body of another country
    ('de', 'Die Sportler trainieren in der Halle in Leipzig.', {'Halle (Saale)'}),
    ('de', 'Das Parlament in Wien stimmte zu.', {'Parliament of Catalonia'}),
    ('de', 'Die Bundesregierung in Wien kündigte an, die Grünen in Österreich stimmten zu.',
     {'Alliance 90/The Greens'}),
    ('es', 'El Senado de México aprobó la reforma en Ciudad de México.', {'Senate of Spain'}),
    ('es', 'El equipo ganó 3-0 al Cádiz en Madrid.', {'Cádiz'}),
    ('en', 'Twenty minutes later the M6 motorway near Birmingham was closed.',
     {'M6 (TV channel)', '20 Minutes (France)'}),
    ('en', 'The Marburg virus outbreak in Rwanda worried the WHO.', {'Marburg'}),
    ('en', 'Seat belts were checked in London by the Senate.', {'SEAT'}),
    ('de', 'Im Landkreis Görlitz und in der Sächsischen Schweiz brannte der Wald.', {'Switzerland'}),
    ('fr', "La RATP et Île-de-France Mobilités annoncent des travaux.", {'Île-de-France'}),
    ('es', 'Las Conferencias Episcopal Argentina y la Conferencia Episcopal de Chile se reunieron.',
     {'Spanish Episcopal Conference'}),
])
def test_not_found(tagger, lang, body, absent):
    assert not (absent & _names(tagger, body, lang))
