"""Helpers for the deploy/ tests: a small Dockerfile reader (no Docker engine runs here)."""
from __future__ import annotations

import json
import os
import shlex
from typing import NamedTuple

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Instruction(NamedTuple):
    """One Dockerfile instruction: ``KEYWORD`` upper-cased, its raw argument text, the stage
    (``FROM`` count, 0-based) it belongs to, and its flags (``--from=build``)."""
    keyword: str
    text: str
    stage: int
    flags: dict

    def exec_form(self) -> list[str]:
        """A JSON-array argument (``ENTRYPOINT ["newsbeam"]``) as a list."""
        value = json.loads(self.text)
        assert isinstance(value, list) and all(isinstance(v, str) for v in value), self.text
        return value

    def commands(self) -> list[list[str]]:
        """A shell-form ``RUN``'s commands, split at ``&&``, each split like a shell would."""
        out: list[list[str]] = [[]]
        for word in shlex.split(self.text, posix=True):
            if word == '&&':
                out.append([])
            else:
                out[-1].append(word)
        return [c for c in out if c]


def read_dockerfile(path: str) -> list[Instruction]:
    """The instructions of a Dockerfile: continuation lines joined, comments dropped, leading
    ``--flag=value`` options of COPY/ADD/RUN taken apart."""
    with open(path, encoding='utf-8') as handle:
        lines = handle.read().splitlines()
    logical, pending = [], ''
    for line in lines:
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith('#')):
            continue
        if pending and stripped.startswith('#'):
            continue  # a comment inside a continuation
        if stripped.endswith('\\'):
            pending += stripped[:-1] + ' '
            continue
        logical.append(pending + stripped)
        pending = ''
    assert not pending, f'{path}: ends inside a continuation'
    out, stage = [], -1
    for line in logical:
        keyword, _, text = line.partition(' ')
        keyword = keyword.upper()
        if keyword == 'FROM':
            stage += 1
        flags = {}
        text = text.strip()
        while keyword in ('COPY', 'ADD', 'RUN') and text.startswith('--'):
            flag, _, text = text.partition(' ')
            name, _, value = flag[2:].partition('=')
            flags[name] = value
            text = text.strip()
        out.append(Instruction(keyword, text, stage, flags))
    return out


@pytest.fixture
def dockerfile():
    """``dockerfile('deploy/docker/Dockerfile')``: its instructions (path from the repo root)."""
    return lambda relative: read_dockerfile(os.path.join(ROOT, relative))
