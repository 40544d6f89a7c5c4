"""The whole job, twice, against a local feed server: the second run gets a 304 and adds nothing."""
from __future__ import annotations

import glob
import os
import subprocess
import sys

import orjson
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__)))))


def _run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, '-m', 'pipeline', 'run', *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def _lines(pattern: str) -> list[dict]:
    out = []
    for path in sorted(glob.glob(pattern)):
        with open(path, 'rb') as handle:
            out += [orjson.loads(line) for line in handle if line.strip()]
    return out


@pytest.mark.slow
def test_cli_twice_second_run_is_not_modified(server, kit, tmp_path):
    entries = [range(3)]
    feed = server.route('/world/rss.xml', kit.FeedResource(
        lambda: kit.rss_feed(entries[0]), 'application/rss+xml; charset=utf-8'))
    gone = server.url('/missing.xml')
    state = str(tmp_path / 'state')

    def run(n: int) -> tuple[dict, str]:
        out = str(tmp_path / f'out{n}')
        proc = _run(['--feed', feed, '--feed', gone, '--allow-private-networks',
                     '--output', out, '--state', state])
        assert proc.returncode == 0, proc.stderr[-3000:]
        with open(os.path.join(out, 'run.json'), 'rb') as handle:
            return orjson.loads(handle.read()), out

    first, out1 = run(1)
    by_url = {o['url']: o for o in first['feeds']}
    assert by_url[feed]['status'] == 'ok' and by_url[feed]['items'] == 3
    assert by_url[gone]['status'] == 'error' and by_url[gone]['reason'] == 'http_error'
    items = _lines(os.path.join(out1, 'items*.jsonl'))
    assert len(items) == 3 and all(i['source']['kind'] == 'feed' for i in items)
    dead = _lines(os.path.join(out1, 'dead_letter*.jsonl'))
    assert [(d['error']['stage'], d['error']['reason'], d['input']['location'])
            for d in dead] == [('fetch', 'http_error', gone)]
    assert first['counts']['read'] == 4 and first['counts']['dead_letter'] == 1

    second, out2 = run(2)
    by_url = {o['url']: o for o in second['feeds']}
    assert by_url[feed]['status'] == 'not_modified' and by_url[feed]['http_status'] == 304
    assert by_url[gone]['status'] == 'not_due'
    hits = server.hits('/world/rss.xml')
    assert len(hits) == 2 and hits[1].headers.get('if-none-match')
    assert len(server.hits('/missing.xml')) == 1
    assert second['counts']['read'] == 0
    assert _lines(os.path.join(out2, 'items*.jsonl')) == []

    entries[0] = range(5)
    third, out3 = run(3)
    assert {o['url']: o['items'] for o in third['feeds']}[feed] == 2
    assert sorted(i['guid'] for i in _lines(os.path.join(out3, 'items*.jsonl'))) == [
        'news.example.com-story-3', 'news.example.com-story-4']
