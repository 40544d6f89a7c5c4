"""``newsbeam init DIR``: a starter project -- a commented config and the folders it names.

Goes in: a folder (created when missing). Comes out: ``DIR/newsbeam.yaml`` and the folders
``DIR/inputs/``, ``DIR/out/`` and ``DIR/state/``.

Guarantees:

* an existing ``DIR/newsbeam.yaml`` is never overwritten (:class:`InitError`, exit status 2);
  folders that exist already are left as they are;
* the config runs as written (``newsbeam run --config DIR/newsbeam.yaml``): it reads
  ``inputs/``, writes each run to ``out/<run id>/`` and keeps state in ``state/``;
* every section is there, and every key of every section appears with its default (commented
  out unless the starter sets it). The keys and defaults come from the settings classes
  themselves, so the file cannot fall behind them.
"""
from __future__ import annotations

import dataclasses
import os
import types
from typing import Any, Mapping, NamedTuple

import yaml

from .config import _SECTIONS

__all__ = ['InitError', 'CONFIG_NAME', 'FOLDERS', 'starter_config', 'init_project']

CONFIG_NAME = 'newsbeam.yaml'
FOLDERS = ('inputs', 'out', 'state')


class InitError(Exception):
    """The starter project cannot be written; the message is one line naming the path."""


_HEADER = """\
# newsbeam starter config, written by `newsbeam init`.
#
#   newsbeam run --config {config}    one run: reads inputs/, writes out/<run id>/
#   newsbeam validate {config}        checks this file strictly, runs nothing
#   newsbeam report out                    the newest run's summary (cd here first)
#
# Relative paths are relative to this file's folder. Every section is listed; a key that is
# commented out shows its default: uncomment it to change it. Unknown keys are errors. Data
# files (tag.gazetteer_paths, topics_path, categories_path, fetch.ca_bundle,
# inputs.feed_lists) may be local paths, pkg://PACKAGE/FILE (data shipped in an installed
# package, such as newsbeam's own pkg://transforms.defaults/...), or gs:// and s3:// paths
# where Beam's extra for them is installed.
"""

class _Section(NamedTuple):
    """What the starter says about one section: the comment above it, the keys it sets (their
    values), and a note beside some keys."""
    about: str
    values: Mapping[str, Any] = types.MappingProxyType({})
    notes: Mapping[str, str] = types.MappingProxyType({})


def _frozen(**entries: Any) -> Mapping[str, Any]:
    return types.MappingProxyType(entries)


_SECTION_TEXT: Mapping[str, _Section] = _frozen(
    inputs=_Section(
        'What to read. --input GLOB / --feed URL on the command line replace all of these.',
        _frozen(files=('inputs/*.*', 'inputs/*/*'), feeds=(), feed_lists=()),
        _frozen(files='globs: feed files (.xml .rss .atom .rdf, JSON Feed .json), .jsonl, .txt',
                feeds='feed URLs (http/https), fetched politely',
                feed_lists='files listing feed URLs (one a line, # comments) or OPML',
                on_empty_glob='warn or error when a glob matches nothing')),
    output=_Section(
        'Where each run writes items*.jsonl, duplicates*.jsonl, dead_letter*.jsonl, run.json\n'
        '(last). --output DIR overrides.',
        _frozen(dir='out/{run_id}'),
        _frozen(dir='each run its own folder; out/latest points at the newest',
                max_dead_letters='above this a finished run exits with status 3')),
    state=_Section(
        'What later runs need: the dedup index, feed validators and backoff, files already\n'
        'read. A fresh folder is a fresh start. --state DIR overrides.',
        _frozen(dir='state'),
        _frozen(url_env='name of an environment variable holding a shared store URL')),
    read=_Section(
        'Reading input files: size, depth and time limits (transforms.read.ReadSettings).'),
    fetch=_Section(
        'Fetching feeds: politeness, timeouts, sizes, schedule, allowed networks\n'
        '(transforms.fetch.FetchSettings). user_agent must name a contact.',
        notes=_frozen(ca_bundle='PEM/DER file: the only trust for https feeds when set')),
    normalize=_Section(
        'Cleaning items: dates and time zones, text limits, URL canonicalisation,\n'
        'language detection (transforms.normalize.NormalizeSettings).'),
    dedup=_Section(
        'Duplicates: exact, near (MinHash) and across runs (transforms.dedup.DedupSettings).'),
    tag=_Section(
        'Tags: persons, organisations, places, topics, categories (transforms.tag.TagSettings).\n'
        'extra_gazetteer_paths adds your own entities to the shipped gazetteer.',
        notes=_frozen(gazetteer_paths='the shipped gazetteer; your files here replace it')),
)

_STEPS = """\
# Your own steps, by dotted path or a name registered under the entry-point group
# newsbeam.transforms; stage is normalize, filter, tag or sink.
steps: []
#  - stage: tag
#    use: my_package.taggers:port_tagger
#    with: {ports: [Busan, Rotterdam]}
"""


def _plain(value: Any) -> Any:
    """Settings values as YAML can write them (tuples as lists, dataclasses as mappings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _default(field: dataclasses.Field) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    raise InitError(f'setting {field.name} has no default')  # every settings field has one


class _Dumper(yaml.SafeDumper):
    """Block mappings, and lists of plain values on one line (``[a, b]``)."""


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flat = all(not isinstance(v, (list, dict)) for v in data)
    return dumper.represent_sequence('tag:yaml.org,2002:seq', data, flow_style=flat)


_Dumper.add_representer(list, _represent_list)


def _key_lines(name: str, value: Any, note: str | None, active: bool) -> list[str]:
    text = yaml.dump({name: _plain(value)}, Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, default_flow_style=False, width=88).rstrip('\n')
    lines = text.split('\n')
    if note:
        lines[0] = f'{lines[0]:<28} # {note}'
    prefix = '  ' if active else '  # '
    return [prefix + line for line in lines]


def starter_config(config_name: str = CONFIG_NAME) -> str:
    """The text of the starter config: every section, every key (set or commented default)."""
    out = [_HEADER.format(config=config_name)]
    for section, cls in _SECTIONS.items():
        about, values, notes = _SECTION_TEXT.get(section, _Section(''))
        unknown = sorted(set(values) - {f.name for f in dataclasses.fields(cls)})
        if unknown:  # a renamed setting must fail here, not write a config that does not load
            raise InitError(f'starter config names unknown key {section}.{unknown[0]}')
        out.extend(f'# {line}' for line in about.splitlines())
        out.append(f'{section}:')
        for field in dataclasses.fields(cls):
            if not field.init:
                continue
            active = field.name in values
            value = values[field.name] if active else _default(field)
            out.extend(_key_lines(field.name, value, notes.get(field.name), active))
        out.append('')
    out.append(_STEPS)
    return '\n'.join(out)


def init_project(directory: str) -> tuple[str, list[str]]:
    """Write the starter config and create its folders under ``directory``.

    Returns the config's path and the folders made (or found). Raises :class:`InitError` (one
    line) when the config exists already or the folder cannot be written.
    """
    directory = os.path.abspath(directory)
    path = os.path.join(directory, CONFIG_NAME)
    if os.path.exists(path):
        raise InitError(f'{path} exists already; not overwritten (choose another folder, or '
                        f'remove it first)')
    text = starter_config()
    folders = [os.path.join(directory, name) for name in FOLDERS]
    for folder in [directory, *folders]:
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:  # a file in the way, no permission, read-only file system
            raise InitError(f'{folder}: cannot create the folder: {exc.strerror or exc}') from None
    try:
        # 'x': another init racing this one cannot have its config replaced either
        with open(path, 'x', encoding='utf-8') as handle:
            handle.write(text)
    except FileExistsError:
        raise InitError(f'{path} exists already; not overwritten') from None
    except OSError as exc:
        raise InitError(f'{path}: cannot write: {exc.strerror or exc}') from None
    return path, folders
