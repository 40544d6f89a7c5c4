"""Fixtures shared by the whole suite."""
import glob

import orjson
import pytest


def _read_jsonl(pattern: str) -> list[dict]:
    rows = []
    for path in sorted(glob.glob(str(pattern))):
        with open(path, 'rb') as handle:
            rows += [orjson.loads(line) for line in handle if line.strip()]
    return rows


@pytest.fixture
def read_jsonl():
    """``read_jsonl(pattern)``: every record of the JSONL files matching a glob, in file order."""
    return _read_jsonl
