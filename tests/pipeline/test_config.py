import os
import textwrap

import pytest

from pipeline.cli import main
from pipeline.config import ConfigError, REPO_ROOT, load_config, with_overrides
from transforms import datafiles

LOCAL = os.path.join(REPO_ROOT, 'configs', 'local.yaml')


def _write(tmp_path, text, name='c.yaml'):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding='utf-8')
    return str(path)


def test_shipped_local_config_loads_with_paths_relative_to_it():
    config = load_config(LOCAL)
    assert config.inputs.files == (os.path.join(REPO_ROOT, 'samples', '*.*'),
                                   os.path.join(REPO_ROOT, 'samples', '*', '*'))
    assert config.output.dir == os.path.join(REPO_ROOT, 'out', 'local', '{run_id}')
    assert config.state.dir == os.path.join(REPO_ROOT, '.newsbeam-state')
    assert config.steps == ()


def test_default_is_local_yaml():
    assert load_config(None).path == os.path.abspath(LOCAL) or load_config(None).path.endswith(
        os.path.join('configs', 'local.yaml'))


@pytest.mark.parametrize('text, message', [
    ('inptus: {}\n', 'unknown key inptus; allowed: inputs, output, state, read, fetch, '
                     'normalize, dedup, tag, streaming, steps'),
    ('output: {dri: x}\n', 'unknown key output.dri; allowed: dir, latest, max_dead_letter_ratio, '
                            'max_dead_letters, shards, sinks, write_seen_before'),
    ('output: {dir: "runs/{runid}"}\n', 'unknown template field {runid}'),
    ('output: {shards: 0}\n', 'shards must be at least 1'),
    ('output: {shards: many}\n', 'output.shards: expected a whole number'),
    ('inputs: {files: "a/*"}\n', 'inputs.files: expected a list'),
    ('read: {max_file_bytes: -1}\n', 'max_file_bytes must be positive'),
    ('fetch: {allow_private_networks: maybe}\n', 'fetch.allow_private_networks: expected true or false'),
    ('steps: [{stage: enrich, use: x.y}]\n', "steps[0].stage: 'enrich' is not allowed"),
    ('steps: [{stage: tag, use: x.y, wiht: {}}]\n', 'unknown key steps[0].wiht'),
    ('- just\n- a list\n', 'the top level must be a mapping'),
    ('output: [1]\n', 'output: expected a mapping'),
    ('inputs: {files: [a\n', 'not valid YAML at line'),
])
def test_strict_errors_name_the_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as err:
        load_config(_write(tmp_path, text))
    assert message in str(err.value)
    assert '\n' not in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match='config file not found'):
        load_config(str(tmp_path / 'nope.yaml'))


def test_empty_file_means_all_defaults(tmp_path):
    config = load_config(_write(tmp_path, ''))
    assert config.output.dir == str(tmp_path / 'out' / '{run_id}') and config.inputs.files == ()
    assert config.state.dir == str(tmp_path / '.newsbeam-state')
    # the shipped tag data: package references each worker resolves against its own install
    assert config.tag.gazetteer_paths == ('pkg://transforms.defaults/gazetteer',)
    assert all(datafiles.exists(p) for p in config.tag.gazetteer_paths)


def test_overrides():
    config = with_overrides(load_config(LOCAL), **{'output.dir': '/tmp/x', 'state.dir': None})
    assert config.output.dir == '/tmp/x'
    assert config.state.dir == os.path.join(REPO_ROOT, '.newsbeam-state')


def test_validate_command(tmp_path, capsys):
    assert main(['validate', LOCAL]) == 0
    assert 'valid' in capsys.readouterr().out
    assert main(['validate', _write(tmp_path, 'dedup: {nope: 1}\n')]) == 2
    err = capsys.readouterr().err
    assert err.startswith('newsbeam: ') and 'dedup.nope' in err and err.count('\n') == 1
    steps = _write(tmp_path, 'steps: [{stage: tag, use: "tests_helpers_missing.mod:fn"}]\n',
                   'steps.yaml')
    assert main(['validate', steps]) == 2
    assert 'cannot import tests_helpers_missing.mod' in capsys.readouterr().err
    params = _write(tmp_path, 'steps: [{stage: tag, use: "os.path:join", with: {}}]\n', 'p.yaml')
    assert main(['validate', params]) == 0


def test_a_broken_gazetteer_is_a_usage_error_naming_the_file(tmp_path, capsys):
    bad = tmp_path / 'gaz.jsonl'
    bad.write_text('{"id": "Q1", "name": "X", "kind": "planet"}\n', encoding='utf-8')
    config = _write(tmp_path, f'tag: {{extra_gazetteer_paths: ["{bad}"]}}\n')
    assert main(['validate', config]) == 2
    err = capsys.readouterr().err
    assert 'gaz.jsonl' in err and err.count('\n') == 1


def test_embedded_default_outside_a_checkout_resolves_against_the_working_directory(
        tmp_path, monkeypatch):
    """Installed (no configs/local.yaml here), the default is the packaged copy; its paths
    resolve as if it sat in ./configs/, and its sample globs only where ./samples/ exists."""
    from pipeline.config import DEFAULT_CONFIG
    monkeypatch.chdir(tmp_path)
    config = load_config(None)
    assert config.path == DEFAULT_CONFIG == 'pkg://transforms.defaults/local.yaml'
    assert config.output.dir == str(tmp_path / 'out' / 'local' / '{run_id}')
    assert config.state.dir == str(tmp_path / '.newsbeam-state')
    assert config.inputs.files == ()
    (tmp_path / 'samples').mkdir()
    assert load_config(None).inputs.files == (str(tmp_path / 'samples' / '*.*'),
                                              str(tmp_path / 'samples' / '*' / '*'))
    assert load_config(LOCAL).path == LOCAL   # an explicit file keeps its own directory


def test_embedded_default_without_inputs_asks_for_them(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(['run']) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith('newsbeam: no inputs: give --input GLOB or --feed URL')
    assert 'newsbeam init DIR' in err and '\n' not in err
    assert not (tmp_path / 'out').exists()


def test_package_config_that_does_not_exist(tmp_path):
    with pytest.raises(ConfigError, match='pkg://transforms.defaults/nope.yaml: no such file'):
        load_config('pkg://transforms.defaults/nope.yaml')
