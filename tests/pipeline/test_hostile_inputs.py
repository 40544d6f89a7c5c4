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


def _utf32_entity_bomb() -> bytes:
    entity = 'x' * 50_000
    refs = '&e;' * 10_000
    doc = (f'<?xml version="1.0" encoding="UTF-32"?>\n<!DOCTYPE rss [<!ENTITY e "{entity}">]>\n'
           f'<rss version="2.0"><channel><title>t</title><item><title>{refs}</title>'
           f'<link>https://example.com/a</link></item></channel></rss>')
    return doc.encode('utf-32')


def test_one_run_over_the_hostile_inputs_of_the_issue(tmp_path, read_jsonl):
    """Every case of the hostile-input issue in one run: it finishes, the counts balance, each
    bad record is one dead letter and the good records around it are items."""
    import gzip
    drop = tmp_path / 'in'
    drop.mkdir()
    good = [orjson.dumps({'title': f'Good story {i}', 'body': f'Body of good story number {i}.',
                          'url': f'https://example.com/{i}'}) for i in range(1000)]
    # a bad optional field shape keeps the item; a bad source URL is one line, not the file
    (drop / 'shapes.jsonl').write_bytes(b'\n'.join([
        b'{"title":"t1","body":"b","tags":{"categories":null}}',
        b'{"title":"t2","body":"b","tags":{"categories":5}}',
        b'{"title":"t3","body":"b","authors":' + b'[' * 500 + b'"x"' + b']' * 500 + b'}',
        b'{"title":"t","source":"http://[::1"}',
    ] + good) + b'\n')
    (drop / 'feed.json').write_bytes(orjson.dumps({
        'version': 'https://jsonfeed.org/version/1.1', 'title': 'f',
        'items': [{'id': '1', 'title': 'JSON item', 'content_text': 'text', 'authors': 5},
                  {'id': '2', 'title': 'Second JSON item', 'content_text': 'more text'}]}))
    (drop / os.fsdecode(b'caf\xe9.jsonl')).write_bytes(
        b'{"title":"Undecodable name","body":"still read"}\n')
    (drop / 'bomb.rss').write_bytes(_utf32_entity_bomb())
    (drop / 'lines.jsonl.gz').write_bytes(gzip.compress(b'{"title":"same","body":"x"}\n' * 5000))
    config = tmp_path / 'c.yaml'
    config.write_text('read: {max_records_per_file: 2000}\n')
    out = tmp_path / 'out'
    assert main(['run', '--config', str(config), '--input', str(drop / '*'),
                 '--output', str(out), '--state', str(tmp_path / 'state')]) == 0
    summary = _summary(out)
    counts = summary['counts']
    assert counts['read'] == counts['items'] + counts['duplicates'] + counts['dead_letter']
    items = read_jsonl(str(out / 'items*.jsonl'))
    titles = {i['title'] for i in items}
    assert {'t1', 't2', 'JSON item', 'Second JSON item', 'Undecodable name'} <= titles
    assert sum(1 for t in titles if t.startswith('Good story')) == 1000
    dead = read_jsonl(str(out / 'dead_letter*.jsonl'))
    by_reason = {}
    for d in dead:
        by_reason.setdefault(d['error']['reason'], []).append(d['input']['location'])
    assert any(loc.endswith('bomb.rss') for loc in by_reason['unsafe_xml'])
    assert any('shapes.jsonl' in loc for loc in by_reason.get('too_deep', []))
    assert any('lines.jsonl.gz' in loc for loc in by_reason['too_large'])
    # 2000 lines of the gzip file read, the rest one dead letter
    gz = [i for i in items + read_jsonl(str(out / 'duplicates*.jsonl'))
          if 'lines.jsonl.gz' in i['provenance']['input']]
    assert len(gz) == 2000
    assert any('caf\\xe9.jsonl' in i['provenance']['input'] for i in items)


def test_credentials_of_a_feed_url_are_written_nowhere(tmp_path, read_jsonl,
                                                       sample_feed_server):
    out = tmp_path / 'out'
    host = sample_feed_server.split('//', 1)[1]
    url = f'http://reader:s3cret-pw@{host}/worldwire.rss?token=t0ken9'
    assert main(['run', '--feed', url, '--allow-private-networks', '--output', str(out),
                 '--state', str(tmp_path / 'state')]) == 0
    assert read_jsonl(str(out / 'items*.jsonl'))
    for path in out.iterdir():
        if path.is_file():
            text = path.read_text(errors='replace')
            assert 's3cret-pw' not in text and 't0ken9' not in text, path.name


def test_a_bad_url_in_a_feed_list_is_one_dead_letter_not_the_end_of_the_run(
        tmp_path, read_jsonl, sample_feed_server):
    listing = tmp_path / 'feeds.txt'
    listing.write_text(f'http://[::1\nftp://example.com/feed\n'
                       f'{sample_feed_server}/worldwire.rss\n')
    config = tmp_path / 'c.yaml'
    config.write_text(f'inputs: {{feed_lists: ["{listing}"]}}\n')
    out = tmp_path / 'out'
    assert main(['run', '--config', str(config), '--allow-private-networks',
                 '--output', str(out), '--state', str(tmp_path / 'state')]) == 0
    assert len(read_jsonl(str(out / 'items*.jsonl'))) == 6
    bad = [d for d in read_jsonl(str(out / 'dead_letter*.jsonl'))
           if d['error']['reason'] == 'bad_url']
    assert len(bad) == 2
