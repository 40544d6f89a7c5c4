"""German writes a person's genitive before its noun, "Angela Merkels Politik", "Trumps Zölle":
the gazetteer carries those forms (scripts/build_gazetteer.py de_person_genitive), so the tag
links the person instead of the detector naming an unlinked "Angela Merkel"."""
import pytest

from scripts.build_gazetteer import de_person_genitive
from tests.transforms.tag.shipped import tag_text


@pytest.mark.parametrize('name, forms', [
    ('Angela Merkel', ['Angela Merkels']),
    ('Trump', ['Trumps']),
    ('Olaf Scholz', []),          # Scholz' Rede: the apostrophe is a boundary already
    ('Emmanuel Macron', ['Emmanuel Macrons']),
    ('Xi Jinping', ['Xi Jinpings']),
    ('Tsipras', []),
    ('NATO', []),
    ('Путин', []),
])
def test_genitive_forms(name, forms):
    assert de_person_genitive(name) == forms


def test_genitive_links_the_person(tagger):
    tags = tag_text(tagger, 'Angela Merkels Politik wird in Berlin weiter diskutiert, sagte er.',
                    'de')
    persons = tags['persons']
    assert [p['name'] for p in persons] == ['Angela Merkel']
    assert persons[0].get('linked', True) is True and not persons[0]['id'].startswith('nb:person:x-')
