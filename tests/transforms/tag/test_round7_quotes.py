"""Issue 14, seventh round: rule 7 of transforms/tag/context.py, a place in quotes in Russian
text names something else (a club, a ship, a company): real_dev's "Химки" взяли три очка
(the club FC Khimki) was the place Khimki.
"""
import pytest

from tests.transforms.tag.shipped import tag_text


@pytest.mark.parametrize('body,places', [
    ('"Химки" взяли три очка в Казани. "Рубин" проиграл на своем поле "Химкам" со счетом 2:3.',
     {'Kazan'}),
    ('Крейсер «Москва» затонул в Черном море.', {'Black Sea'}),
    ('Жители Химок пожаловались на шум.', {'Khimki'}),
])
def test_a_russian_place_in_quotes_names_something_else(tagger, body, places):
    """Rule 7 of transforms/tag/context.py: a club, a ship, a company named after a place."""
    assert {t['name'] for t in tag_text(tagger, body, 'ru')['places']} == places
