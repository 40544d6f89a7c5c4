"""Whole runs over generated batches of hostile files: the run finishes (exit 0), nothing is
lost (the counts balance and equal the files' line counts), and nothing hangs (a run over a
batch has a time limit)."""
import glob
import gzip
import os
import subprocess
import sys
import tempfile

import orjson
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from pipeline.config import REPO_ROOT

from .conftest import RUN_EXAMPLES
from .strategies import article_files, feed_files, jsonl_files

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]

batches = st.fixed_dictionaries({
    'jsonl': st.lists(jsonl_files, max_size=3),
    'gz': st.lists(jsonl_files, max_size=1),
    'feeds': st.lists(feed_files, max_size=3),
    'articles': st.lists(article_files, max_size=3),
})


def _lines(pattern: str) -> int:
    return sum(1 for path in glob.glob(pattern) for line in open(path, 'rb') if line.strip())


# no shrinking: every step of it is a whole run; the failing batch is printed as it is
@settings(max_examples=RUN_EXAMPLES, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(batch=batches)
def test_a_run_over_hostile_files_finishes_and_loses_nothing(batch):
    with tempfile.TemporaryDirectory() as tmp:
        drop = os.path.join(tmp, 'in')
        os.makedirs(drop)
        n = 0
        for data in batch['jsonl']:
            n += 1
            open(os.path.join(drop, f'f{n}.jsonl'), 'wb').write(data)
        for data in batch['gz']:
            n += 1
            open(os.path.join(drop, f'f{n}.jsonl.gz'), 'wb').write(gzip.compress(data))
        for ext, data in batch['feeds']:
            n += 1
            open(os.path.join(drop, f'f{n}{ext}'), 'wb').write(data)
        for data in batch['articles']:
            n += 1
            open(os.path.join(drop, f'f{n}.txt'), 'wb').write(data)
        open(os.path.join(drop, 'anchor.txt'), 'wb').write(b'Headline\n\nA body line.\n')
        out = os.path.join(tmp, 'out')
        proc = subprocess.run(
            [sys.executable, '-m', 'pipeline', 'run', '--input', os.path.join(drop, '*'),
             '--output', out, '--state', os.path.join(tmp, 'state')],
            cwd=REPO_ROOT, capture_output=True, timeout=300,
            env={**os.environ, 'NEWSBEAM_LOG_LEVEL': 'WARNING'})
        assert proc.returncode == 0, proc.stderr.decode(errors='replace')[-3000:]
        summary = orjson.loads(open(os.path.join(out, 'run.json'), 'rb').read())
        counts = summary['counts']
        assert summary['balanced'] is True
        assert counts['read'] == sum(v for k, v in counts.items() if k != 'read')
        for family in ('items', 'duplicates', 'dead_letter'):
            assert _lines(os.path.join(out, f'{family}*.jsonl')) == counts[family]
        for line in open(os.path.join(out, 'dead_letter.jsonl'), 'rb'):
            record = orjson.loads(line)
            assert set(record['error']) == {'stage', 'reason', 'message'}
            assert record['error']['reason'] and record['error']['stage']
