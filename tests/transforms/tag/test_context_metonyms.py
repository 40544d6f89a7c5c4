"""Seats of power named for the institution (the Kremlin, the White House) as organisations, and
names inside longer names (rule 5 of :mod:`transforms.tag.context`), with the texts (short
excerpts) that showed them (real_dev rd-ru-02, rd-ru-03, rd-en-03, rd-zh-01).

A small gazetteer written here checks the rules; the shipped one checks the data.
"""
import json

import pytest

from tests.transforms.tag.shipped import tag_text
from transforms.tag import Tagger, TagSettings
from transforms.tag.settings import REPO_ROOT

NAMES = f'{REPO_ROOT}/configs/gazetteer/names'


def _entity(id_, name, kind, country, aliases, lang='en'):
    out = {'id': id_, 'name': name, 'kind': kind, 'type': 'city' if kind == 'place' else 'ngo',
           'country': country, 'aliases': {lang: aliases}, 'ambiguous': []}
    if kind == 'place':
        out['coordinates'] = [0.0, 0.0]
    return out


ENTITIES = [
    _entity('nb:organization:harvard-university', 'Harvard University', 'organization', 'US',
            ['Harvard University', 'Harvard']),
    _entity('nb:organization:yale-university', 'Yale University', 'organization', 'US',
            ['Yale University', 'Yale']),
    _entity('nb:organization:apple', 'Apple Inc.', 'organization', 'US', ['Apple']),
    _entity('nb:person:abraham-lincoln', 'Abraham Lincoln', 'person', 'US', ['Abraham Lincoln']),
    _entity('nb:person:boris-johnson', 'Boris Johnson', 'person', 'GB', ['约翰逊'], 'zh'),
    _entity('Q30', 'United States', 'place', 'US', ['美国'], 'zh'),
]


@pytest.fixture(scope='module')
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp('gaz') / 'entities.jsonl'
    path.write_text(''.join(json.dumps(e) + '\n' for e in ENTITIES), encoding='utf-8')
    return Tagger.from_settings(TagSettings(gazetteer_paths=(str(path),), topics_path=None,
                                            categories_path=None, names_path=NAMES))


def _tags(tagger, body, lang='en', title=''):
    tags = tag_text(tagger, body, lang, title)
    return {kind: sorted(t['name'] for t in tags[kind])
            for kind in ('persons', 'organizations', 'places')}


class TestNamedAfterSomeone:
    def test_law_schools(self, small):
        # rd-en-03: Harvard Law School is not Harvard University
        got = _tags(small, 'After graduating from Princeton and Yale Law School, he joined the '
                           'department. She graduated from Emory University and then Harvard Law '
                           'School.')
        assert 'Harvard University' not in got['organizations']
        assert 'Yale University' not in got['organizations']
        assert {'Harvard Law School', 'Yale Law School'} <= set(got['organizations'])

    def test_the_university_alone_stays(self, small):
        got = _tags(small, 'She studied law at Harvard and taught at Yale University.')
        assert got['organizations'] == ['Harvard University', 'Yale University']

    def test_a_person_the_school_is_named_after(self, small):
        got = _tags(small, 'Teachers at Abraham Lincoln High School marched on Monday.')
        assert got['persons'] == []
        assert got['organizations'] == ['Abraham Lincoln High School']

    def test_a_company_with_its_legal_form_stays(self, small):
        # Inc., Corporation, Group ... are the company's own formal name
        got = _tags(small, 'Shares of Apple Inc. rose on Monday.')
        assert 'Apple Inc.' in got['organizations']

    def test_chinese_person_inside_an_organisation(self, small):
        # rd-zh-01: 约翰逊航天中心 is the Johnson Space Center, not Boris Johnson
        got = _tags(small, '美国宇航局约翰逊航天中心发言人丹尼尔·霍特表示：宇航员不允许喝酒。', 'zh')
        assert 'Boris Johnson' not in got['persons']
        assert '约翰逊航天中心' in got['organizations']

    @pytest.mark.parametrize('text', [
        '英国前首相约翰逊表示，他将出席会议。',
        '约翰逊致信美国科学院，呼吁加强合作。',      # a verb, then an organisation
    ])
    def test_chinese_person_alone_stays(self, small, text):
        got = _tags(small, text, 'zh')
        assert got['persons'] == ['Boris Johnson']


class TestRussianAdjectiveTail:
    def test_name_runs_on_to_its_noun(self, small):
        # rd-ru-01: the detector stopped at the capitalised adjective (МЧС Донецкой)
        got = _tags(small, 'Ранее глава МЧС Донецкой народной республики (ДНР) Алексей '
                           'Кострубицкий заявил, что разминирование займёт годы.', 'ru')
        assert 'МЧС Донецкой народной республики' in got['organizations']
        assert 'МЧС Донецкой' not in got['organizations']

    def test_name_ending_in_a_noun_stays(self, small):
        got = _tags(small, 'В МИД Грузии заявили, что не признают выборы.', 'ru')
        assert got['organizations'] == ['МИД Грузии']


class TestShippedGazetteer:
    @pytest.mark.parametrize('text, lang, name', [
        # rd-ru-02, rd-ru-03
        ('Песков заявил, что в Кремле не видят причин для беспокойства.', 'ru', 'Kremlin'),
        ('По словам представителя Кремля, переговоры продолжатся.', 'ru', 'Kremlin'),
        ('Пресс-секретарь Белого дома Джен Псаки намерена покинуть свою должность, '
         'сообщает издание Axios. Псаки работала в администрации президента США.', 'ru',
         'White House'),
        ('The White House said on Tuesday that the talks would continue.', 'en', 'White House'),
        ('La Maison-Blanche a démenti ces informations.', 'fr', 'White House'),
        ("Das Weiße Haus äußerte sich nicht. Im Weißen Haus hieß es, man prüfe den Fall.", 'de',
         'White House'),
        ('The Pentagon announced new aid for Ukraine.', 'en',
         'United States Department of Defense'),
        ('Downing Street declined to comment.', 'en', 'Downing Street'),
        # rd-zh-01: NASA's usual Chinese name
        ('美国宇航局约翰逊航天中心发言人表示。', 'zh', 'NASA'),
    ])
    def test_seat_of_power_is_an_organisation(self, tagger, text, lang, name):
        got = _tags(tagger, text, lang)
        assert name in got['organizations']
        assert name not in got['places']

    def test_the_buildings_own_name_is_a_place(self, tagger):
        got = _tags(tagger, 'Le président a reçu le chancelier au palais de l\'Élysée.', 'fr')
        assert 'Élysée Palace' in got['places']

    def test_supreme_court_in_a_us_text(self, tagger):
        # rd-en-03: "Supreme Court" alone is the US one where the text is about the US
        got = _tags(tagger, 'Alito, a Trenton, New Jersey, native, joined the Supreme Court '
                             'in 2006.', title='Supreme Court hears gun case')
        assert 'Supreme Court of the United States' in got['organizations']

    def test_supreme_court_without_us_context(self, tagger):
        got = _tags(tagger, 'The Supreme Court in Nairobi ruled on the election.')
        assert 'Supreme Court of the United States' not in got['organizations']
