"""Issue 14, fourteenth round: fixes found on real_dev10 (labelled blind, measured, then looked
at), each with the text that showed it and near misses.

- A person the detector finds in Russian, in the nominative, is the listed person of that full
  name: "Терезы Мэй" (a woman's foreign surname does not decline, which the gazetteer's case
  forms miss) is Theresa May, not an unlinked "Тереза Мэй".
- A given name of two known ones joined by a hyphen (Hans-Stephan, Karl-Heinz, Jean-Claude)
  starts a person like one given name.
- A German preposition contracted with its article (Im, Beim, Am ...) at a sentence's start
  starts no organisation's name ("Im Greifswalder Institut").
- Rule 21: a listed organisation named as the surname of a person the detector found is not
  mentioned there ("Hans-Stephan Bosch" is no mention of Bosch).
"""
import pytest

from tests.transforms.tag.shipped import tag_text


def _names(tagger, body, lang, kind='organizations', title=''):
    return {t['name'] for t in tag_text(tagger, body, lang, title)[kind]}


@pytest.mark.parametrize('body', [
    'Причина кризиса — в позиции Терезы Мэй по выходу Британии из Европейского союза.',
    'Теперь Терезе Мэй придется искать нового министра иностранных дел.',
])
def test_a_russian_oblique_name_is_the_listed_person(tagger, body):
    found = tag_text(tagger, body, 'ru')['persons']
    assert [t['name'] for t in found] == ['Theresa May']
    assert found[0].get('linked', True)


def test_an_unlisted_russian_name_stays_unlinked(tagger):
    found = tag_text(tagger, 'Вслед за Дэвидом Дэвисом в отставку подал и министр.', 'ru')
    assert [(t['name'], t.get('linked')) for t in found['persons']] == [('Дэвид Дэвис', False)]


@pytest.mark.parametrize('lang,body,person', [
    ('de', 'Wir sind sehr zufrieden, sagte auch Hans-Stephan Bosch, der für den Betrieb '
           'zuständig ist.', 'Hans-Stephan Bosch'),
    ('de', 'Das sagte Karl-Heinz Bremer am Montag in Kiel.', 'Karl-Heinz Bremer'),
    ('fr', "Selon Marie-Christine Dubreuil, l'usine fermera.", 'Marie-Christine Dubreuil'),
])
def test_a_double_given_name_starts_a_person(tagger, lang, body, person):
    assert person in _names(tagger, body, lang, 'persons')


@pytest.mark.parametrize('body', [
    # one part is no given name: no person
    'Die Landesregierung von Schleswig-Holstein Nord tagte.',
    'The Jordan-Israel Peace Treaty was signed in 1994.',
])
def test_a_hyphenated_word_of_other_names_starts_no_person(tagger, body):
    assert not _names(tagger, body, 'de' if 'Die' in body else 'en', 'persons')


@pytest.mark.parametrize('body,person', [
    ('Die Anlage in Greifswald läuft, sagte Thomas Bosch, der in Deutschland für den Betrieb '
     'zuständig ist.', 'Thomas Bosch'),
    ('Die Anlage in Greifswald läuft, sagte auch Hans-Stephan Bosch, der in Deutschland für '
     'den Betrieb zuständig ist.', 'Hans-Stephan Bosch'),
])
def test_the_surname_of_a_detected_person_is_not_the_company(tagger, body, person):
    # (Germany named: the company's alias would count)
    assert not _names(tagger, body, 'de')
    assert _names(tagger, body, 'de', 'persons') == {person}


def test_a_company_named_alone_stays(tagger):
    # the company named on its own stays
    assert _names(tagger, 'Der Zulieferer Bosch streicht in Stuttgart 3.000 Stellen.', 'de') == {
        'Bosch'}


def test_a_name_run_on_over_a_particle_keeps_the_organisation(tagger):
    # the detector's person runs on over "von der": the organisation at its end is still named
    body = 'Das sagte Andreas Pfeiffer von der Berliner Charité am Dienstag.'
    assert 'Charité' in _names(tagger, body, 'de')


@pytest.mark.parametrize('body,org', [
    ('Im Greifswalder Institut selbst ist eine Fusion nicht geplant.', None),
    ('Beim Bundesamt für Migration und Flüchtlinge gingen Anträge ein.',
     'Federal Office for Migration and Refugees'),
    ('Am Landgericht Berlin beginnt der Prozess.', 'Landgericht Berlin'),
])
def test_a_contracted_preposition_starts_no_organisation(tagger, body, org):
    names = _names(tagger, body, 'de')
    assert not any(n.split()[0] in ('Im', 'Beim', 'Am') for n in names)
    if org:
        assert org in names
