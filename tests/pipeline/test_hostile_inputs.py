"""Hostile inputs through the whole command: what a glob matches is read or counted, never
silently dropped, and no input ends the run."""
import os

import orjson

from pipeline.cli import main
from pipeline.config import REPO_ROOT

PARTNERS = os.path.join(REPO_ROOT, 'samples', 'items', 'partners.jsonl')


def _summary(out):
    return orjson.loads((out / 'run.json').read_bytes())


def _drop_folder(tmp_path):
    drop = tmp_path / 'in'
    drop.mkdir()
    (drop / 'good.jsonl').write_bytes(open(PARTNERS, 'rb').read())
    os.mkfifo(drop / 'fifo.jsonl')                        # would block a reader forever
    os.symlink('/dev/zero', drop / 'zero.jsonl')          # would never end
    (drop / 'folder.jsonl').mkdir()                       # a directory the glob matches
    os.symlink(tmp_path / 'gone.jsonl', drop / 'dangling.jsonl')
    secret = tmp_path / 'outside.jsonl'                   # outside the input tree
    secret.write_text('{"title": "a private line", "body": "not for the dead letters"}\n')
    os.symlink(secret, drop / 'outside.jsonl')
    (drop / 'sub').mkdir()
    (drop / 'sub' / 'inside.jsonl').write_text('{"title": "linked inside", "body": "b"}\n')
    os.symlink(drop / 'sub' / 'inside.jsonl', drop / 'inside-link.jsonl')
    return drop


def test_special_files_are_counted_with_a_reason_and_never_read(tmp_path, read_jsonl):
    drop = _drop_folder(tmp_path)
    out = tmp_path / 'out'
    assert main(['run', '--input', str(drop / '*.jsonl'), '--output', str(out),
                 '--state', str(tmp_path / 'state')]) == 0
    summary = _summary(out)
    dead = read_jsonl(str(out / 'dead_letter*.jsonl'))
    reasons = {os.path.basename(d['input']['location']): d['error']['reason'] for d in dead
               if d['error']['stage'] == 'read' and d['error']['reason'] != 'bad_json'}
    assert reasons == {'fifo.jsonl': 'not_a_regular_file', 'zero.jsonl': 'link_outside_inputs',
                       'folder.jsonl': 'not_a_regular_file', 'dangling.jsonl': 'dangling_link',
                       'outside.jsonl': 'link_outside_inputs'}
    assert not any('a private line' in orjson.dumps(d).decode() for d in dead)
    items = read_jsonl(str(out / 'items*.jsonl'))
    assert 'linked inside' in {i['title'] for i in items}     # a link inside the tree is read
    counts = summary['counts']
    assert counts['read'] == counts['items'] + counts['duplicates'] + counts['dead_letter']
    assert summary['dead_letter_by_reason']['read.not_a_regular_file'] == 2


def test_links_out_of_the_tree_are_read_when_configured(tmp_path, read_jsonl):
    drop = _drop_folder(tmp_path)
    for name in ('fifo.jsonl', 'zero.jsonl', 'folder.jsonl'):
        path = drop / name
        path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
    config = tmp_path / 'c.yaml'
    config.write_text('inputs: {follow_links: always}\n')
    out = tmp_path / 'out'
    assert main(['run', '--config', str(config), '--input', str(drop / '*.jsonl'),
                 '--output', str(out), '--state', str(tmp_path / 'state')]) == 0
    assert 'a private line' in {i['title'] for i in read_jsonl(str(out / 'items*.jsonl'))}
