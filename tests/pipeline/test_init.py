"""``newsbeam init DIR``: the starter config and folders, and that they run as written."""
import dataclasses
import os
import re
import shutil

import pytest
import yaml

from pipeline.cli import main
from pipeline.config import _SECTIONS, REPO_ROOT, describe, load_config
from pipeline.init import CONFIG_NAME, FOLDERS, InitError, init_project, starter_config

SEED = os.path.join(REPO_ROOT, 'samples', '000_f2941d14c663b832.txt')


def _uncommented(text: str) -> str:
    """The starter config with every commented-out key line switched on."""
    return re.sub(r'^  # ', '  ', text, flags=re.MULTILINE)


def test_every_section_and_key_is_there():
    text = starter_config()
    data = yaml.safe_load(text)
    assert list(data) == [*_SECTIONS, 'steps']
    everything = yaml.safe_load(_uncommented(text))
    for section, cls in _SECTIONS.items():
        names = [f.name for f in dataclasses.fields(cls) if f.init]
        assert list(everything[section] or {}) == names, section
    assert data['steps'] == []


def test_commented_defaults_are_the_defaults(tmp_path):
    """Switching every commented key on changes nothing: each shows its real default."""
    (tmp_path / 'as_written.yaml').write_text(starter_config(), encoding='utf-8')
    (tmp_path / 'all_keys.yaml').write_text(_uncommented(starter_config()), encoding='utf-8')
    written = describe(load_config(str(tmp_path / 'as_written.yaml')))
    everything = describe(load_config(str(tmp_path / 'all_keys.yaml')))
    written.pop('path'), everything.pop('path')
    assert everything == written


def test_starter_values(tmp_path):
    path, folders = init_project(str(tmp_path / 'news'))
    assert path == str(tmp_path / 'news' / CONFIG_NAME)
    assert folders == [str(tmp_path / 'news' / name) for name in FOLDERS]
    assert all(os.path.isdir(f) for f in folders)
    config = load_config(path)
    assert config.inputs.files == (str(tmp_path / 'news' / 'inputs' / '*.*'),
                                   str(tmp_path / 'news' / 'inputs' / '*' / '*'))
    assert config.output.dir == str(tmp_path / 'news' / 'out' / '{run_id}')
    assert config.state.dir == str(tmp_path / 'news' / 'state')
    assert config.tag.gazetteer_paths == ('pkg://transforms.defaults/gazetteer',)
    assert main(['validate', path]) == 0


def test_refuses_to_overwrite(tmp_path, capsys):
    assert main(['init', str(tmp_path)]) == 0
    assert 'newsbeam run --config' in capsys.readouterr().out
    (tmp_path / CONFIG_NAME).write_text('# mine\n', encoding='utf-8')
    assert main(['init', str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert 'exists already; not overwritten' in err and '\n' not in err
    assert (tmp_path / CONFIG_NAME).read_text(encoding='utf-8') == '# mine\n'


def test_a_file_in_the_way_is_one_line(tmp_path, capsys):
    (tmp_path / 'inputs').write_text('x')
    with pytest.raises(InitError, match='inputs: cannot create the folder'):
        init_project(str(tmp_path))
    assert not (tmp_path / CONFIG_NAME).exists()
    assert main(['init']) == 2 and main(['init', 'a', 'b']) == 2
    assert 'init takes one argument' in capsys.readouterr().err


def test_help_names_init(capsys):
    assert main(['--help']) == 0
    assert 'newsbeam init DIR' in capsys.readouterr().out


@pytest.mark.slow
def test_written_config_runs_as_is(tmp_path, read_jsonl, capsys):
    """Empty inputs folder: a completed run that read nothing. A copied sample: one item."""
    path, folders = init_project(str(tmp_path / 'news'))
    assert main(['run', '--config', path]) == 0
    out = tmp_path / 'news' / 'out'
    first = (out / 'latest').resolve()
    assert (first / 'run.json').is_file()
    assert read_jsonl(first / 'items*.jsonl') == []
    shutil.copy(SEED, folders[0])
    assert main(['run', '--config', path]) == 0
    second = (out / 'latest').resolve()
    assert second != first
    items = read_jsonl(second / 'items*.jsonl')
    assert len(items) == 1 and items[0]['tags']['places']    # tagged with the shipped data
    assert os.listdir(tmp_path / 'news' / 'state')
    capsys.readouterr()
