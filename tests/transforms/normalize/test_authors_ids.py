"""Authors cleaning and stable ids (no Beam)."""
from __future__ import annotations

import pytest

from transforms.normalize.authors import clean_authors
from transforms.normalize.ids import item_id, title_key
from transforms.normalize.record import slugify


@pytest.mark.parametrize('raw, expected', [
    ('By Jane Doe', ['Jane Doe']),
    ('by JANE DOE and John Roe', ['JANE DOE', 'John Roe']),
    ('Jane Doe, Senior Correspondent', ['Jane Doe']),
    ('Jane Doe (jane@example.com)', ['Jane Doe']),
    ('jane@example.com (Jane Doe)', []),
    ('Reporting by Jane Doe; Editing by John Roe', ['Jane Doe', 'John Roe']),
    ('Oleh: Budi Santoso', ['Budi Santoso']),
    ('Por María López y Ana Ruiz', ['María López', 'Ana Ruiz']),
    ('Von Max Mustermann und Erika Musterfrau', ['Max Mustermann', 'Erika Musterfrau']),
    ('홍길동 기자', ['홍길동']),
    ('(山田太郎記者)', []),
    ('山田太郎記者、佐藤花子特派員', ['山田太郎', '佐藤花子']),
    (['Jane Doe', 'jane doe', {'name': 'John Roe', 'email': 'j@r.com'}], ['Jane Doe', 'John Roe']),
    ('Staff Writer', []),
    ('', []),
    (None, []),
    ('This is clearly a whole sentence and not the name of any author at all', []),
])
def test_clean_authors(raw, expected):
    assert clean_authors(raw) == expected


def test_clean_authors_caps():
    assert clean_authors([f'Person {i}' for i in range(50)], max_authors=3) == [
        'Person 0', 'Person 1', 'Person 2']
    assert clean_authors('Ludwig van Beethoven') == ['Ludwig van Beethoven']
    assert clean_authors('A' * 300, max_chars=200) == []


def test_item_id_prefers_guid_then_url_then_title():
    base = dict(place='example.com', guid='g1', canonical_url='https://example.com/a',
                title='Title', published='2024-12-06T06:34:00Z')
    same_guid = dict(base, canonical_url='https://example.com/b', title='Other')
    assert item_id(**base) == item_id(**same_guid)
    no_guid = dict(base, guid=None)
    assert item_id(**no_guid) == item_id(**dict(no_guid, title='Changed title'))
    assert item_id(**no_guid) != item_id(**dict(no_guid, canonical_url='https://example.com/b'))
    by_title = dict(no_guid, canonical_url=None)
    assert item_id(**by_title) == item_id(**dict(by_title, title='  TITLE '))
    assert item_id(**by_title) != item_id(**dict(by_title, published='2024-12-07T06:34:00Z'))
    assert item_id(**base) != item_id(**dict(base, place='other.org'))
    assert len(item_id(**base)) == 32


def test_title_key_and_slugify():
    assert title_key('  Ｔｏｋｙｏ  News ') == 'tokyo news'
    assert slugify('World News') == 'world-news'
    assert slugify('W解説') == 'w解説'
    assert slugify(' Sport & Culture! ') == 'sport-culture'
