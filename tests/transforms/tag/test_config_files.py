"""Loading gazetteers, topics and category mappings; the shipped topics/categories files."""
import json
import os

import pytest

from transforms.datafiles import read_bytes
from transforms.settings import SettingsError, from_mapping
from transforms.tag import (CategoriesError, GazetteerError, TagSettings, TopicsError,
                            load_categories, load_gazetteer, load_topics)
from transforms.tag.gazetteer import gazetteer_files
from transforms.tag.settings import REPO_ROOT
from transforms.tag.topics import parse_topics

HERE = os.path.dirname(__file__)
FIXTURE = os.path.join(REPO_ROOT, 'tests', 'data', 'tagging', 'gazetteer.jsonl')


def write_jsonl(path, rows):
    path.write_text(''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in rows), 'utf-8')
    return str(path)


class TestGazetteer:
    def test_fixture_loads(self):
        entities = load_gazetteer([FIXTURE])
        by_id = {e.id: e for e in entities}
        assert by_id['Q423'].name == 'North Korea' and by_id['Q423'].country == 'KP'
        assert ('id', 'Korea Utara') in by_id['Q423'].aliases
        assert ('en', 'North Korea') in by_id['Q423'].aliases     # the name is an alias
        assert by_id['Q423'].tag() == {'id': 'Q423', 'name': 'North Korea', 'country': 'KP',
                                       'coordinates': [40.0, 127.0]}
        assert by_id['Q7747'].tag() == {'id': 'Q7747', 'name': 'Vladimir Putin'}

    def test_later_file_replaces_and_extends(self, tmp_path):
        user = write_jsonl(tmp_path / 'user.jsonl', [
            {'id': 'Q423', 'name': 'DPRK', 'kind': 'place', 'aliases': {'en': ['Hermit Kingdom']}},
            {'id': 'nb:place:busan-port', 'name': 'Port of Busan', 'kind': 'place'},
        ])
        by_id = {e.id: e for e in load_gazetteer([FIXTURE, user])}
        assert by_id['Q423'].name == 'DPRK'
        assert ('id', 'Korea Utara') not in by_id['Q423'].aliases
        assert 'nb:place:busan-port' in by_id and 'Q159' in by_id

    def test_directory_means_its_jsonl_files(self, tmp_path):
        write_jsonl(tmp_path / 'b.jsonl', [{'id': 'B', 'name': 'Bee', 'kind': 'place'}])
        write_jsonl(tmp_path / 'a.jsonl', [{'id': 'A', 'name': 'Ay', 'kind': 'person'}])
        (tmp_path / 'notes.yaml').write_text('not: loaded')
        assert [e.id for e in load_gazetteer([str(tmp_path)])] == ['A', 'B']

    @pytest.mark.parametrize('row, message', [
        ({'name': 'X', 'kind': 'place'}, '"id"'),
        ({'id': 'X', 'name': 'X', 'kind': 'city'}, 'kind'),
        ({'id': 'X', 'name': 'X', 'kind': 'place', 'country': 'Korea'}, 'country'),
        ({'id': 'X', 'name': 'X', 'kind': 'place', 'coordinates': [100, 0]}, 'coordinates'),
        ({'id': 'X', 'name': 'X', 'kind': 'place', 'aliases': {'en': 'X'}}, 'aliases.en'),
        ([1, 2], 'JSON object'),
    ])
    def test_bad_lines_name_file_and_line(self, tmp_path, row, message):
        path = write_jsonl(tmp_path / 'bad.jsonl', [{'id': 'OK', 'name': 'Ok', 'kind': 'place'}, row])
        with pytest.raises(GazetteerError, match=message) as info:
            load_gazetteer([path])
        assert 'bad.jsonl:2' in str(info.value)

    def test_not_json_and_missing_file(self, tmp_path):
        bad = tmp_path / 'bad.jsonl'
        bad.write_text('{"id": \n')
        with pytest.raises(GazetteerError, match='bad.jsonl:1: not JSON'):
            load_gazetteer([str(bad)])
        with pytest.raises(GazetteerError, match='no such gazetteer'):
            load_gazetteer([str(tmp_path / 'missing.jsonl')])


class TestTopicsFile:
    def test_shipped_taxonomy(self):
        rules = load_topics(os.path.join(REPO_ROOT, 'configs', 'topics.yaml'))
        ids = {t.id for t in rules.topics}
        assert {'politics', 'conflict_defence', 'economy', 'technology', 'health', 'sport',
                'environment', 'crime_law', 'science', 'culture', 'disasters'} <= ids
        assert {'en', 'id', 'ja', 'ko', 'zh', 'ru', 'es', 'fr', 'de', 'ar'} <= rules.languages

    @pytest.mark.parametrize('data, message', [
        ({'topics': {}}, 'topics'),
        ({'topics': {'x': {'keywords': {'en': {'a b': 1}}}}}, 'name'),
        ({'topics': {'x': {'name': 'X', 'keywords': {'en': {'war': 'high'}}}}}, 'number'),
        ({'topics': {'x': {'name': 'X', 'keywords': {'en': {'war': 1}}, 'colour': 1}}},
         'unknown key colour'),
        ({'treshold': 1, 'topics': {'x': {'name': 'X', 'keywords': {'en': {'war': 1}}}}},
         'unknown key treshold'),
        ({'topics': {'x': {'name': 'X', 'keywords': {'ru': {'войн* мир': 1}}}}},
         'may only end a keyword'),
    ])
    def test_bad_topics(self, data, message):
        with pytest.raises(TopicsError, match=message):
            parse_topics(data)

    def test_unreadable(self, tmp_path):
        (tmp_path / 't.yaml').write_text('topics: [unclosed')
        with pytest.raises(TopicsError, match='not valid YAML'):
            load_topics(str(tmp_path / 't.yaml'))


class TestCategoriesFile:
    def test_shipped_mapping(self):
        cats = load_categories(os.path.join(REPO_ROOT, 'configs', 'categories.yaml'))
        assert cats.map('W解説').id == 'commentary'
        assert cats.map('<解説>').name == 'Commentary'
        assert cats.map('【速報】').id == 'breaking'
        assert cats.map('Opinion').id == 'opinion'
        assert cats.map('News Analysis').id == 'commentary'
        assert cats.map('Gardening') is None

    @pytest.mark.parametrize('text, message', [
        ('categories: {}', 'list'),
        ('categories: [{id: x, name: X}]', 'match'),
        ('categories: [{id: x, name: X, regex: ["("]}]', 'bad pattern'),
        ('categories: [{id: x, match: [a]}]', 'name'),
        ('other: 1', 'exactly one key'),
    ])
    def test_bad_categories(self, tmp_path, text, message):
        (tmp_path / 'c.yaml').write_text(text)
        with pytest.raises(CategoriesError, match=message):
            load_categories(str(tmp_path / 'c.yaml'))


class TestSettings:
    def test_defaults_resolve_to_shipped_files(self):
        settings = TagSettings().resolved()
        # package references, resolved by each worker against its own installed copy
        assert settings.gazetteer_paths == ('pkg://transforms.defaults/gazetteer',)
        assert settings.topics_path == 'pkg://transforms.defaults/topics.yaml'
        assert settings.categories_path == 'pkg://transforms.defaults/categories.yaml'
        shipped = os.path.join(REPO_ROOT, 'configs')
        assert read_bytes(settings.topics_path) == open(os.path.join(shipped, 'topics.yaml'),
                                                        'rb').read()
        assert [f.rsplit('/', 1)[1] for f in gazetteer_files(settings.gazetteer_paths)] == sorted(
            n for n in os.listdir(os.path.join(shipped, 'gazetteer')) if n.endswith('.jsonl'))
        assert TagSettings.PATH_FIELDS == ('gazetteer_paths', 'extra_gazetteer_paths',
                                           'topics_path', 'categories_path', 'names_path')
        assert settings.names_path == 'pkg://transforms.defaults/gazetteer/names'
        assert read_bytes(settings.names_path + '/given_names.txt') == open(
            os.path.join(shipped, 'gazetteer', 'names', 'given_names.txt'), 'rb').read()

    def test_from_mapping_is_strict(self):
        s = from_mapping(TagSettings, {'gazetteer_paths': ['a.jsonl', 'b'], 'max_topics': 2})
        assert s.gazetteer_paths == ('a.jsonl', 'b') and s.max_topics == 2
        with pytest.raises(SettingsError, match='unknown key tag.gazeteer'):
            from_mapping(TagSettings, {'gazeteer_paths': []}, 'tag')
        with pytest.raises(SettingsError, match='kinds'):
            from_mapping(TagSettings, {'kinds': ['people']}, 'tag')
        with pytest.raises(SettingsError, match='fields'):
            from_mapping(TagSettings, {'fields': ['url']}, 'tag')

    def test_extra_paths_extend_the_shipped_gazetteer(self, tmp_path):
        from transforms.tag import Tagger, tag_item
        from transforms.model import new_item
        user = write_jsonl(tmp_path / 'ports.jsonl', [
            {'id': 'nb:place:port-of-busan', 'name': 'Port of Busan', 'kind': 'place',
             'aliases': {'ko': ['부산항']}, 'country': 'KR'}])
        settings = from_mapping(TagSettings, {'extra_gazetteer_paths': [user]})
        assert settings.all_gazetteer_paths[-1] == user
        out = tag_item(new_item(body='Port of Busan and Russia'), Tagger.from_settings(settings))
        assert {'Port of Busan', 'Russia'} <= {t['name'] for t in out['tags']['places']}

    def test_absolute_paths_are_kept(self, tmp_path):
        s = TagSettings(gazetteer_paths=[str(tmp_path)], topics_path=None).resolved()
        assert s.gazetteer_paths == (str(tmp_path),) and s.topics_path is None
