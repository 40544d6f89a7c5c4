"""The optional statistical NER backend (``tag.ner``, :mod:`transforms.tag.ner`).

A tiny spaCy model is trained here (``spacy.blank('en')`` + an ``ner`` pipe, a few dozen
sentences, a few epochs), saved under ``tmp_path`` and loaded through a config file, so the
tests show the backend wired end to end: a name only the model knows (no given name, no
organisation head, in no list) becomes an unlinked tag; a name the gazetteer knows stays the
linked entity; a place inside a model's organisation name is no place; a field in another
language than the model's is not read; a missing model or a missing spaCy is a one-line usage
error at preflight.
"""
import random
import sys

import pytest

spacy = pytest.importorskip('spacy')

from pipeline.config import load_config  # noqa: E402
from pipeline.run import UsageError, _check_paths  # noqa: E402
from transforms.model import new_item  # noqa: E402
from transforms.tag import Tagger, TagSettings, tag_item  # noqa: E402
from transforms.tag.ner import NerError, NerSettings, load_ner  # noqa: E402
from transforms.tag.settings import REPO_ROOT  # noqa: E402

GAZETTEER = f'{REPO_ROOT}/tests/data/tagging/gazetteer.jsonl'
NAMES = f'{REPO_ROOT}/configs/gazetteer/names'

# (sentence template, entities): {P} a person, {O} an organisation; names no list holds
PERSONS = ['Zorvath Quillan', 'Brelka Tomsund', 'Yuvik Marrowan', 'Donald Trump']
ORGS = ['Vantrel Moscow', 'Omnibrook Ketterly', 'Praxeon Drimble']
TEMPLATES = ['{P} said on Monday that {O} would appeal.',
             'Officials at {O} met {P} in the capital.',
             '{P} has led {O} since last year.',
             'A spokesman for {O} declined to comment on {P}.']


def _examples(nlp):
    from spacy.training import Example

    rng = random.Random(7)
    out = []
    for i in range(36):
        template = TEMPLATES[i % len(TEMPLATES)]
        person, org = PERSONS[i % len(PERSONS)], ORGS[rng.randrange(len(ORGS))]
        text = template.replace('{P}', person).replace('{O}', org)
        ents = []
        for name, label in ((person, 'PERSON'), (org, 'ORG')):
            start = text.index(name)
            ents.append((start, start + len(name), label))
        out.append(Example.from_dict(nlp.make_doc(text), {'entities': sorted(ents)}))
    return out


@pytest.fixture(scope='module')
def model_dir(tmp_path_factory):
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank('en')
    ner = nlp.add_pipe('ner')
    for label in ('PERSON', 'ORG'):
        ner.add_label(label)
    examples = _examples(nlp)
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(0)
    for _ in range(15):
        rng.shuffle(examples)
        for start in range(0, len(examples), 8):
            nlp.update(examples[start:start + 8], sgd=optimizer, drop=0.1)
    path = tmp_path_factory.mktemp('ner') / 'tiny_model'
    nlp.to_disk(path)
    return str(path)


def _config(tmp_path, model: str):
    path = tmp_path / 'newsbeam.yaml'
    path.write_text(
        'inputs:\n  files: []\n'
        'tag:\n'
        f'  gazetteer_paths: [{GAZETTEER}]\n'
        '  topics_path: null\n  categories_path: null\n'
        f'  names_path: {NAMES}\n'
        f'  ner: {{backend: spacy, model: {model}}}\n', encoding='utf-8')
    return load_config(str(path))


def _item(text, language='en'):
    return new_item(id='n1', title='Talks in the capital', body=text, language=language,
                    languages={'title': language, 'body': language})


TEXT = 'Zorvath Quillan said on Monday that Vantrel Moscow would appeal. Donald Trump met ' \
       'officials in Moscow.'


def test_model_names_become_unlinked_tags_through_the_config(tmp_path, model_dir):
    config = _config(tmp_path, model_dir)
    assert config.tag.ner == NerSettings(model=model_dir)
    tagger = Tagger.from_settings(config.tag)
    out = tag_item(_item(TEXT), tagger)
    persons = {t['id']: t for t in out['tags']['persons']}
    # only the model knows this name: no given name, no list
    assert persons['nb:person:x-zorvath-quillan'] == {
        'id': 'nb:person:x-zorvath-quillan', 'name': 'Zorvath Quillan', 'linked': False}
    # a gazetteer hit wins over the model's span of the same name
    assert 'Q22686' in persons and 'nb:person:x-donald-trump' not in persons
    orgs = {t['id'] for t in out['tags']['organizations']}
    assert 'nb:organization:x-vantrel-moscow' in orgs
    # Moscow is tagged (the second sentence), but from that mention only
    moscow = [p for p in out['provenance']['tags'] if p['id'] == 'Q649']
    assert moscow and all(p['count'] == 1 for p in moscow)
    rules = {p['id']: p['rule'] for p in out['provenance']['tags']}
    assert rules['nb:person:x-zorvath-quillan'] == 'ner_unlinked'


def test_without_the_backend_the_name_is_not_found(tmp_path, model_dir):
    settings = _config(tmp_path, model_dir).tag
    import dataclasses
    plain = Tagger.from_settings(dataclasses.replace(settings, ner=None))
    out = tag_item(_item(TEXT), plain)
    assert 'nb:person:x-zorvath-quillan' not in {t['id'] for t in out['tags']['persons']}


def test_the_model_reads_only_its_language(tmp_path, model_dir):
    tagger = Tagger.from_settings(_config(tmp_path, model_dir).tag)
    out = tag_item(_item(TEXT, language='de'), tagger)
    assert 'nb:person:x-zorvath-quillan' not in {t['id'] for t in out['tags']['persons']}
    both = Tagger.from_settings(TagSettings(
        gazetteer_paths=(GAZETTEER,), topics_path=None, categories_path=None, names_path=None,
        ner=NerSettings(model=model_dir, languages=('en', 'de'))))
    out = tag_item(_item(TEXT, language='de'), both)
    assert 'nb:person:x-zorvath-quillan' in {t['id'] for t in out['tags']['persons']}


def test_tag_items_loads_the_model_in_setup(tmp_path, model_dir):
    import apache_beam as beam
    from apache_beam.testing.util import assert_that, equal_to

    from transforms.tag import TagItems

    settings = _config(tmp_path, model_dir).tag
    with beam.Pipeline() as p:
        out = p | beam.Create([_item(TEXT)]) | TagItems(settings)
        names = out['items'] | beam.Map(
            lambda item: sorted(t['name'] for t in item['tags']['persons']))
        assert_that(names, equal_to([['Donald Trump', 'Zorvath Quillan']]))


def test_missing_model_is_a_usage_error_naming_the_key(tmp_path):
    config = _config(tmp_path, str(tmp_path / 'no_such_model'))
    with pytest.raises(UsageError) as err:
        _check_paths(config)
    message = str(err.value)
    assert '\n' not in message
    assert 'ner.model' in message and 'spacy download' in message


def test_missing_spacy_is_a_usage_error_with_the_install_command(tmp_path, monkeypatch):
    config = _config(tmp_path, 'en_core_web_sm')
    monkeypatch.setitem(sys.modules, 'spacy', None)        # import spacy raises ImportError
    with pytest.raises(UsageError) as err:
        _check_paths(config)
    message = str(err.value)
    assert '\n' not in message
    assert 'ner.backend' in message and "pip install 'newsbeam[ner]'" in message


def test_settings_are_checked():
    with pytest.raises(ValueError, match='model'):
        NerSettings()
    with pytest.raises(ValueError, match='share'):
        NerSettings(model='x', person_labels=('ORG',))
    with pytest.raises(NerError, match='ner.model'):
        load_ner(NerSettings(model='/nonexistent/model/dir'))


def test_relative_model_directory_resolves_against_the_config_folder(tmp_path, monkeypatch):
    folder = tmp_path / 'project'
    (folder / 'models' / 'ner').mkdir(parents=True)
    (folder / 'ner-bare').mkdir()
    path = folder / 'newsbeam.yaml'
    elsewhere = tmp_path / 'elsewhere'
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)           # the working directory is not the config's folder
    for written, expected in (('models/ner', folder / 'models' / 'ner'),
                              ('./models/ner', folder / 'models' / 'ner'),
                              ('ner-bare', folder / 'ner-bare'),          # a directory beside it
                              ('en_core_web_sm', 'en_core_web_sm')):      # a package name
        path.write_text(f'tag:\n  ner: {{backend: spacy, model: {written}}}\n', encoding='utf-8')
        assert load_config(str(path)).tag.ner.model == str(expected), written
