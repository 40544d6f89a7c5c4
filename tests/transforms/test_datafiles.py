"""Data files through one door: shipped ``pkg://`` resources, local paths, Beam file systems.

The ``memfs://`` file system (tests/pipeline/memfs.py) stands for gs:// or s3://: product code
reaches it only through Beam's ``FileSystems``, as it would a bucket.
"""
import os
import uuid

import pytest

from tests.pipeline.memfs import MemoryFileSystem
from transforms import datafiles
from transforms.datafiles import DataFileError, exists, folder_files, read_bytes
from transforms.fetch import FetchSettings, load_feed_list
from transforms.fetch.settings import load_ca_bundle
from transforms.tag import TagSettings, Tagger, load_gazetteer, load_topics
from transforms.tag.gazetteer import GazetteerError

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIGS = os.path.join(REPO, 'configs')


@pytest.fixture
def bucket():
    """A fresh ``memfs://`` prefix, forgotten afterwards."""
    prefix = f'memfs://bucket-{uuid.uuid4().hex[:8]}'
    yield prefix
    MemoryFileSystem.drop(prefix)


def _copy_to(bucket: str, name: str) -> str:
    with open(os.path.join(CONFIGS, name), 'rb') as handle:
        MemoryFileSystem.put(f'{bucket}/{name}', handle.read())
    return f'{bucket}/{name}'


class TestPackageReferences:
    def test_shipped_defaults_are_the_configs_folder(self):
        assert datafiles.default_data('topics.yaml') == 'pkg://transforms.defaults/topics.yaml'
        with open(os.path.join(CONFIGS, 'topics.yaml'), 'rb') as handle:
            assert read_bytes(datafiles.default_data('topics.yaml')) == handle.read()
        listed = folder_files(datafiles.default_data('gazetteer'), '.jsonl')
        assert [ref.rsplit('/', 1)[1] for ref in listed] == sorted(
            n for n in os.listdir(os.path.join(CONFIGS, 'gazetteer')) if n.endswith('.jsonl'))
        assert all(ref.startswith('pkg://transforms.defaults/gazetteer/') for ref in listed)
        assert exists(datafiles.default_data('gazetteer'))
        assert folder_files(datafiles.default_data('local.yaml'), '') is None

    @pytest.mark.parametrize('ref, message', [
        ('pkg://transforms.defaults/nope.yaml', 'no such file'),
        ('pkg://transforms.defaults/gazetteer', 'is a folder'),
        ('pkg://transforms.defaults/../setup.py', 'no ".."'),
        ('pkg://no_such_package_here/x.yaml', 'package no_such_package_here is not installed'),
        ('pkg:///x.yaml', 'expected pkg://PACKAGE/PATH'),
    ])
    def test_bad_references_name_themselves(self, ref, message):
        with pytest.raises(DataFileError) as err:
            read_bytes(ref)
        assert message in str(err.value) and ref in str(err.value)
        assert '\n' not in str(err.value)

    def test_missing_resource_does_not_exist(self):
        assert not exists('pkg://transforms.defaults/nope.yaml')


class TestLocalAndBeamFileSystems:
    def test_local_file_folder_and_limit(self, tmp_path):
        (tmp_path / 'a.jsonl').write_bytes(b'12345')
        (tmp_path / 'b.txt').write_bytes(b'x')
        assert read_bytes(str(tmp_path / 'a.jsonl')) == b'12345'
        assert folder_files(str(tmp_path), '.jsonl') == [str(tmp_path / 'a.jsonl')]
        assert folder_files(str(tmp_path / 'a.jsonl'), '.jsonl') is None
        with pytest.raises(DataFileError, match='larger than 4 bytes'):
            read_bytes(str(tmp_path / 'a.jsonl'), max_bytes=4)
        with pytest.raises(DataFileError, match='no such file'):
            read_bytes(str(tmp_path / 'nope'))
        with pytest.raises(DataFileError, match='is a folder'):
            read_bytes(str(tmp_path))

    def test_gz_file_is_given_as_it_is(self, tmp_path):
        (tmp_path / 'x.gz').write_bytes(b'not gzip at all')
        assert read_bytes(str(tmp_path / 'x.gz')) == b'not gzip at all'

    def test_object_store_paths_go_through_beam(self, bucket):
        MemoryFileSystem.put(f'{bucket}/g/one.jsonl', b'1')
        MemoryFileSystem.put(f'{bucket}/g/two.jsonl', b'2')
        MemoryFileSystem.put(f'{bucket}/g/notes.md', b'3')
        assert read_bytes(f'{bucket}/g/two.jsonl') == b'2'
        assert exists(f'{bucket}/g/one.jsonl') and exists(f'{bucket}/g')
        assert not exists(f'{bucket}/h')
        assert folder_files(f'{bucket}/g', '.jsonl') == [f'{bucket}/g/one.jsonl',
                                                         f'{bucket}/g/two.jsonl']
        assert folder_files(f'{bucket}/h', '.jsonl') is None
        with pytest.raises(DataFileError, match='no such file'):
            read_bytes(f'{bucket}/g/three.jsonl')

    def test_scheme_without_a_file_system_is_one_line(self):
        with pytest.raises(DataFileError) as err:
            read_bytes('nosuchscheme://bucket/gazetteer.jsonl')
        message = str(err.value)
        assert 'nosuchscheme://bucket/gazetteer.jsonl' in message and 'apache-beam[' in message
        assert '\n' not in message

    def test_cloud_scheme_without_its_client_names_the_extra(self):
        import importlib.util
        if importlib.util.find_spec('boto3') is not None:
            pytest.skip('boto3 is installed here: s3:// has its file system')
        with pytest.raises(DataFileError) as err:
            read_bytes('s3://bucket/ca.pem')
        assert str(err.value) == ('s3://bucket/ca.pem: no file system for s3:// is installed '
                                  '(pip install "apache-beam[aws]")')


class TestStageDataThroughFileSystems:
    def test_gazetteer_folder_and_file_from_a_bucket(self, bucket):
        for name in ('persons.jsonl', 'places.jsonl'):
            _copy_to(bucket, f'gazetteer/{name}')
        MemoryFileSystem.put(f'{bucket}/mine.jsonl',
                             b'{"id": "x:port", "name": "Port of Busan", "kind": "place"}\n')
        entities = load_gazetteer([f'{bucket}/gazetteer', f'{bucket}/mine.jsonl'])
        shipped = load_gazetteer([os.path.join(CONFIGS, 'gazetteer', 'persons.jsonl'),
                                  os.path.join(CONFIGS, 'gazetteer', 'places.jsonl')])
        assert entities[:-1] == shipped and entities[-1].name == 'Port of Busan'
        with pytest.raises(GazetteerError, match='no such gazetteer file or directory'):
            load_gazetteer([f'{bucket}/missing'])

    def test_bad_line_names_the_object_and_line(self, bucket):
        MemoryFileSystem.put(f'{bucket}/bad.jsonl', b'{"id": "a", "name": "A", "kind": "place"}\n'
                                                    b'{oops\n')
        with pytest.raises(GazetteerError, match=f'{bucket}/bad.jsonl:2: not JSON'):
            load_gazetteer([f'{bucket}/bad.jsonl'])

    def test_tagger_from_a_bucket_equals_the_local_one(self, bucket):
        """Settings naming a bucket build the same tagger as the same files on disk."""
        names = ('topics.yaml', 'categories.yaml', 'gazetteer/persons.jsonl',
                 'gazetteer/countries.jsonl')
        for name in names:
            _copy_to(bucket, name)
        remote = TagSettings(gazetteer_paths=(f'{bucket}/gazetteer',),
                             topics_path=f'{bucket}/topics.yaml',
                             categories_path=f'{bucket}/categories.yaml', names_path=None)
        local = TagSettings(gazetteer_paths=tuple(os.path.join(CONFIGS, n) for n in names[2:]),
                            topics_path=os.path.join(CONFIGS, 'topics.yaml'),
                            categories_path=os.path.join(CONFIGS, 'categories.yaml'),
                            names_path=None)
        item = {'title': 'Tokyo talks: Japan and South Korea discuss trade', 'summary': None,
                'body': 'Officials from Japan met in Seoul.', 'title_original': None,
                'categories': ['World']}
        tagged = Tagger.from_settings(remote).annotate(item)
        assert tagged == Tagger.from_settings(local).annotate(item)
        assert tagged.tags.get('places')
        assert load_topics(f'{bucket}/topics.yaml').topics

    def test_feed_list_from_a_bucket(self, bucket):
        MemoryFileSystem.put(f'{bucket}/feeds.txt', b'# mine\nhttps://a.example/rss\n')
        assert load_feed_list(f'{bucket}/feeds.txt') == ['https://a.example/rss']

    def test_ca_bundle_is_read_as_bytes(self, bucket, tmp_path):
        certifi = pytest.importorskip('certifi')
        with open(certifi.where(), 'rb') as handle:
            pem = handle.read()
        MemoryFileSystem.put(f'{bucket}/ca.pem', pem)
        assert load_ca_bundle(f'{bucket}/ca.pem') == pem.decode('ascii')
        assert FetchSettings(ca_bundle=f'{bucket}/ca.pem').ca_bundle == f'{bucket}/ca.pem'
        (tmp_path / 'junk.pem').write_bytes(b'-----BEGIN CERTIFICATE-----\nAAAA\n')
        with pytest.raises(ValueError, match='ca_bundle: .*junk.pem: no usable certificate'):
            FetchSettings(ca_bundle=str(tmp_path / 'junk.pem'))
        with pytest.raises(ValueError, match='ca_bundle: .*nope.pem: no such file'):
            FetchSettings(ca_bundle=f'{bucket}/nope.pem')
