"""Russian person names (issue "Russian inflected forms"), each with the text that showed it
(the real-news dev set, rd-ru-03, rd-ru-06, rd-ru-08): given names in an oblique case, foreign
given names written in Cyrillic, and the gazetteer's Russian case forms of listed persons.

The name detector reads the shipped word lists (``configs/gazetteer/names``); the case forms
are those ``scripts/build_gazetteer.py`` derives.
"""
import json
import os
import sys

import pytest

from transforms.tag.names import NameDetector, _ru_nominative, load_name_lists
from transforms.tag.settings import REPO_ROOT

NAMES = f'{REPO_ROOT}/configs/gazetteer/names'


@pytest.fixture(scope='module')
def detector():
    return NameDetector(load_name_lists(NAMES))


def _persons(detector, text):
    return [s.text for s in detector.spans(text) if s.kind == 'person']


@pytest.mark.parametrize('text, expected', [
    # a given name in the genitive, instrumental ...: the person in the nominative
    ('подмосковный клуб вырвался вперед после гола Ильи Кухарчука. "Рубин" отыгрался',
     ['Илья Кухарчук']),
    ('после автогола капитана гостей Дмитрия Тихого, в которого отскочил мяч',
     ['Дмитрий Тихий']),
    ('мяч, отбитый вратарем Ильей Лантратовым. Но сыграть вничью', ['Илья Лантратов']),
    ('первую победу под руководством Сергея Юрана и покинули зону вылета',
     ['Сергей Юран']),
    ('Минюст РФ внес историка и публициста Евгения Понасенкова в реестр',
     ['Евгений Понасенков']),
    ('защитник Захар Волков после навеса Брайана Идову. Гости победили',   # indeclinable
     ['Захар Волков', 'Брайан Идову']),
    ('рассказал о Сергее Юране', ['Сергей Юран']),
    ('встретился с Анной Ивановой и Марией Захаровой', ['Анна Иванова', 'Мария Захарова']),
    ('визит Владимира Владимировича Путина', ['Владимир Владимирович Путин']),
    # foreign given names in Cyrillic
    ('Пресс-секретарь Белого дома Джен Псаки намерена покинуть', ['Джен Псаки']),
    ('где сменила Дженнифер Палмиери на посту руководителя', ['Дженнифер Палмиери']),
    ('На 56-й минуте Герман Онугха поразил ворота', ['Герман Онугха']),
    # names that are also ordinary words start no person, in any case
    ('Вера Москвы в победу', []),
    ('Надежда России на мир', []),
    ('Любовь Успенская спела', []),
    ('Роман Абрамович купил', []),
    ('Веры Брежневой', []),
])
def test_russian_persons(detector, text, expected):
    assert _persons(detector, text) == expected


def test_oblique_span_covers_the_form_as_written(detector):
    text = 'гол Ильи Кухарчука.'
    span = detector.spans(text)[0]
    assert text[span.start:span.stop] == 'Ильи Кухарчука' and span.text == 'Илья Кухарчук'


@pytest.mark.parametrize('word, gender, cases, expected', [
    ('Кухарчука', 'm', {'gen'}, 'Кухарчук'),
    ('Тихого', 'm', {'gen', 'acc'}, 'Тихий'),
    ('Зеленского', 'm', {'gen'}, 'Зеленский'),
    ('Толстого', 'm', {'gen'}, 'Толстой'),
    ('Лантратовым', 'm', {'ins'}, 'Лантратов'),
    ('Кухарчуком', 'm', {'ins'}, 'Кухарчук'),
    ('Кухарчуку', 'm', {'dat', 'prep'}, 'Кухарчук'),
    ('Кухарчуке', 'm', {'dat', 'prep'}, 'Кухарчук'),
    ('Обамы', 'm', {'gen'}, 'Обама'),
    ('Гайдая', 'm', {'gen'}, 'Гайдай'),
    ('Владимировича', 'm', {'gen'}, 'Владимирович'),
    ('Идову', 'm', {'gen'}, 'Идову'),          # indeclinable: as written
    ('Шойгу', 'm', {'ins'}, 'Шойгу'),
    ('Ивановой', 'f', {'gen'}, 'Иванова'),
    ('Иванову', 'f', {'acc'}, 'Иванова'),
    ('Вольской', 'f', {'ins'}, 'Вольская'),
    ('Владимировны', 'f', {'gen'}, 'Владимировна'),
    ('Клинтон', 'f', {'gen'}, 'Клинтон'),
])
def test_ru_nominative(word, gender, cases, expected):
    assert _ru_nominative(word, gender, frozenset(cases)) == expected


def test_oblique_forms_file_is_optional(tmp_path):
    (tmp_path / 'given_names.txt').write_text('Сергей\n', encoding='utf-8')
    (tmp_path / 'common_words.txt').write_text('the\n', encoding='utf-8')
    lists = load_name_lists(str(tmp_path))
    assert lists.oblique == {}
    assert _persons(NameDetector(lists), 'под руководством Сергея Юрана') == []
    (tmp_path / 'given_names_ru_cases.txt').write_text('Сергея Сергей m acc,gen\n',
                                                       encoding='utf-8')
    lists = load_name_lists(str(tmp_path))
    assert lists.oblique == {'Сергея': ('Сергей', 'm', frozenset({'acc', 'gen'}))}
    assert _persons(NameDetector(lists), 'под руководством Сергея Юрана') == ['Сергей Юран']


def test_shipped_oblique_forms():
    lists = load_name_lists(NAMES)
    assert lists.oblique['Ильи'] == ('Илья', 'm', frozenset({'gen'}))
    assert lists.oblique['Сергея'][0] == 'Сергей'
    assert lists.oblique['Дмитрия'][0] == 'Дмитрий'
    # ordinary words and their forms are no names
    assert not {'Вера', 'Веры', 'Надежда', 'Любовь', 'Роман', 'Романа', 'Лев', 'Льва',
                'Марка'} & (lists.given | set(lists.oblique))
    assert {'Джен', 'Дженнифер', 'Герман', 'Брайан', 'Владимир'} <= lists.given
    assert 'Сталина' not in lists.given        # Stalin's genitive, not a woman's name


def _entity(name):
    path = os.path.join(REPO_ROOT, 'configs', 'gazetteer', 'persons.jsonl')
    with open(path, encoding='utf-8') as fh:
        for line in fh:
            e = json.loads(line)
            if e['name'] == name:
                return e
    raise AssertionError(name)


@pytest.mark.parametrize('name, forms', [
    ('Barack Obama', ['Барака Обамы', 'Обамы', 'Обаме', 'Обамой', 'Барака Обаму']),
    ('John Kerry', ['Джона Керри', 'Джоном Керри']),
])
def test_gazetteer_person_case_forms(name, forms):
    assert set(forms) <= set(_entity(name)['aliases']['ru'])


def test_ru_person_forms():
    sys.path.insert(0, os.path.join(REPO_ROOT, 'scripts'))
    try:
        from build_gazetteer import ru_person_forms
    finally:
        sys.path.pop(0)
    assert 'Барака Обамы' in ru_person_forms('Барак Обама')
    assert 'Джона Керри' in ru_person_forms('Джон Керри')
    assert {'Марии Захаровой', 'Марию Захарову'} <= set(ru_person_forms('Мария Захарова'))
    assert 'Андрея Дуды' in ru_person_forms('Андрей Дуда')
    assert ru_person_forms('Шойгу') == []
