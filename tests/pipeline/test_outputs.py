"""Run directories, templates, the completion marker and the latest pointer (plain functions)."""
import os

import orjson
import pytest

from pipeline.outputs import (OutputDirInUse, check_template, is_template, latest_base,
                              prepare_run_directory, run_directory, update_latest,
                              write_run_json)


def test_templates_fill_the_runs_id_and_start():
    assert run_directory('runs/{date}/{run_id}', 'R1', '2024-12-06T06:34:05Z') == \
        'runs/2024-12-06/R1'
    assert run_directory('o/{year}/{month}/{day}/{hour}{time}', 'R', '2024-12-06T06:34:05Z') == \
        'o/2024/12/06/06063405'
    assert run_directory('plain/dir', 'R', '2024-12-06T06:34:05Z') == 'plain/dir'
    assert is_template('a/{run_id}') and not is_template('a/b')
    with pytest.raises(ValueError, match=r'unknown template field \{runid\}'):
        check_template('a/{runid}')
    with pytest.raises(ValueError, match='not a valid template'):
        check_template('a/{run_id')


def test_latest_lives_in_the_templates_static_part():
    assert latest_base('runs/{date}/{run_id}') == 'runs'
    assert latest_base('/var/lib/newsbeam/runs/{run_id}') == '/var/lib/newsbeam/runs'
    assert latest_base('{run_id}') == '.'
    assert latest_base('out/demo') is None


def test_a_directory_with_a_completed_run_is_refused(tmp_path):
    write_run_json(str(tmp_path), {'run_id': 'R0'})
    with pytest.raises(OutputDirInUse, match='already holds run R0'):
        prepare_run_directory(str(tmp_path), 'R1', '.work')


def test_leftovers_of_an_incomplete_run_are_moved_aside(tmp_path):
    (tmp_path / 'items.jsonl').write_text('x\n')
    (tmp_path / 'beam-temp-items-1').mkdir()
    (tmp_path / '.work').mkdir()
    (tmp_path / '.work' / 'run_id').write_text('R0')
    prepare_run_directory(str(tmp_path), 'R1', '.work')
    aside = tmp_path / '_incomplete' / 'R0'
    assert (aside / 'items.jsonl').read_text() == 'x\n' and (aside / 'beam-temp-items-1').is_dir()
    assert (tmp_path / '.work' / 'run_id').read_text() == 'R1'
    assert not (tmp_path / 'items.jsonl').exists()


def test_run_json_is_written_whole_and_latest_moves(tmp_path):
    run = tmp_path / 'runs' / '2024-12-06' / 'R1'
    run.mkdir(parents=True)
    write_run_json(str(run), {'run_id': 'R1'})
    assert orjson.loads((run / 'run.json').read_bytes()) == {'run_id': 'R1'}
    assert not any(p.name.endswith('.tmp') for p in run.iterdir())
    update_latest(str(tmp_path / 'runs'), str(run))
    assert os.path.realpath(tmp_path / 'runs' / 'latest') == str(run)
    assert (tmp_path / 'runs' / 'LATEST').read_text().strip() == '2024-12-06/R1'
