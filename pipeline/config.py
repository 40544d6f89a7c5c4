"""The run configuration: YAML parsed strictly into frozen, typed settings.

Settings come, in order of precedence, from explicit command-line flags, then the config file,
then the defaults of each settings class. Secrets (database URLs) never live in config files:
sections that need one name an environment variable instead.

Relative paths in a config file are relative to the directory of that file, so a config works
from any working directory. Unknown keys and bad values raise :class:`ConfigError` with the key
path and what would be allowed.
"""
from __future__ import annotations

import dataclasses
import os
from typing import Any, Literal, Mapping

import yaml

from transforms.dedup import DedupSettings
from transforms.fetch import FetchSettings
from transforms.normalize import NormalizeSettings
from transforms.read import ReadSettings
from transforms.settings import SettingsError, from_mapping
from transforms.state import StateConfig
from transforms.tag import TagSettings

__all__ = ['Config', 'ConfigError', 'StepSpec', 'load_config', 'default_config_path',
           'REPO_ROOT', 'STAGES']

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAGES = ('normalize', 'filter', 'tag', 'sink')


class ConfigError(ValueError):
    """A configuration error; its message is one line naming the key or file."""


@dataclasses.dataclass(frozen=True)
class InputsSettings:
    PATH_FIELDS = ('files', 'feed_lists')
    files: tuple[str, ...] = ()        # globs of local (or Beam filesystem) files
    feeds: tuple[str, ...] = ()        # feed URLs
    feed_lists: tuple[str, ...] = ()   # files of feed URLs, or OPML files
    # a glob that matches nothing: a warning (a drop folder may be empty) or a usage error
    on_empty_glob: Literal['warn', 'error'] = 'warn'
    # symbolic links a glob matches: read when they stay inside the pattern's directory tree
    # (inside), always, or never; a link not read is a dead letter (link_outside_inputs)
    follow_links: Literal['inside', 'always', 'never'] = 'inside'
    # with a state, files an earlier run read unchanged (same size and mtime) are skipped;
    # true reads every matched file again (``--reread``)
    reread: bool = False


@dataclasses.dataclass(frozen=True)
class OutputSettings:
    PATH_FIELDS = ('dir',)
    # the run's own directory; may be a template of {run_id}, {date} (YYYY-MM-DD), {time}
    # (HHMMSS), {year}, {month}, {day}, {hour} -- all of the run's start, UTC
    dir: str = 'out/{run_id}'
    shards: int = 1                    # files per family; 1 writes DIR/items.jsonl
    write_seen_before: bool = False    # also write DIR/seen_before*.jsonl (always counted)
    latest: bool = True                # with a template: keep a "latest" pointer beside the runs
    # a finished run whose dead letters exceed either limit exits with its own status (3)
    max_dead_letters: int | None = None
    max_dead_letter_ratio: float | None = None   # of counts.read, 0..1

    def validate(self) -> None:
        if self.shards < 1:
            raise ValueError('shards must be at least 1')
        if self.max_dead_letters is not None and self.max_dead_letters < 0:
            raise ValueError('max_dead_letters must be 0 or more')
        if self.max_dead_letter_ratio is not None and not 0 <= self.max_dead_letter_ratio <= 1:
            raise ValueError('max_dead_letter_ratio must be between 0 and 1')
        from .outputs import check_template
        check_template(self.dir)


@dataclasses.dataclass(frozen=True)
class StateSettings:
    PATH_FIELDS = ('dir',)
    dir: str | None = '.newsbeam-state'
    url_env: str | None = None         # name of an environment variable holding a store URL
    enabled: bool = True               # false: no state at all (every run starts fresh)


@dataclasses.dataclass(frozen=True)
class StepSpec:
    """A user's (or built-in) step named in the config's ``steps`` list."""
    stage: Literal['normalize', 'filter', 'tag', 'sink']
    use: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    name: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.use.rsplit(':', 1)[-1].rsplit('.', 1)[-1]


@dataclasses.dataclass(frozen=True)
class Config:
    path: str
    inputs: InputsSettings
    output: OutputSettings
    state: StateSettings
    read: ReadSettings
    fetch: FetchSettings
    normalize: NormalizeSettings
    dedup: DedupSettings
    tag: TagSettings
    steps: tuple[StepSpec, ...]

    def state_config(self) -> StateConfig | None:
        if not self.state.enabled:
            return None
        if self.state.url_env:
            url = os.environ.get(self.state.url_env)
            if not url:
                raise ConfigError(f'state.url_env: environment variable {self.state.url_env} '
                                  f'is not set')
            return StateConfig(url=url)
        return StateConfig(dir=self.state.dir)


_SECTIONS = {
    'inputs': InputsSettings, 'output': OutputSettings, 'state': StateSettings,
    'read': ReadSettings, 'fetch': FetchSettings, 'normalize': NormalizeSettings,
    'dedup': DedupSettings, 'tag': TagSettings,
}
_TOP_KEYS = tuple(_SECTIONS) + ('steps',)
_RUN_SECTIONS = ('inputs', 'output', 'state')


def default_config_path() -> str:
    """``configs/local.yaml`` of the working directory if there is one, else the shipped one."""
    local = os.path.join('configs', 'local.yaml')
    return local if os.path.isfile(local) else os.path.join(REPO_ROOT, 'configs', 'local.yaml')


def _resolve_paths(section: dict, cls: type, base: str) -> dict:
    """Make the ``PATH_FIELDS`` of a section absolute, relative to ``base``."""
    def resolve(value):
        if not isinstance(value, str) or not value or '://' in value:
            return value
        return os.path.normpath(os.path.join(base, os.path.expanduser(value)))
    out = dict(section)
    for name in getattr(cls, 'PATH_FIELDS', ()):
        if name in out:
            value = out[name]
            out[name] = [resolve(v) for v in value] if isinstance(value, list) else resolve(value)
    return out


def _path_defaults(cls: type, root: str) -> dict:
    """Default values of path fields made absolute against ``root``.

    A stage whose defaults name shipped files (``configs/...``) must find them whatever the
    working directory (root: the repository); the run's own paths (output, state) default to
    places beside the config file (root: its directory). Absolute defaults are left as they are.
    """
    out = {}
    for field in dataclasses.fields(cls):
        if field.name in getattr(cls, 'PATH_FIELDS', ()) and field.default is not dataclasses.MISSING:
            value = field.default
            if isinstance(value, str) and value and not os.path.isabs(value) and '://' not in value:
                out[field.name] = os.path.join(root, value)
            elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                out[field.name] = [v if os.path.isabs(v) else os.path.join(root, v)
                                   for v in value]
    return out


def _parse_steps(raw: Any) -> tuple[StepSpec, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError('steps: expected a list of {stage, use, with}')
    steps = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, Mapping):
            raise ConfigError(f'steps[{i}]: expected a mapping with stage, use, with')
        entry = dict(entry)
        allowed = {'stage', 'use', 'with', 'name'}
        unknown = sorted(set(entry) - allowed)
        if unknown:
            raise ConfigError(f'unknown key steps[{i}].{unknown[0]}; allowed: '
                              f'{", ".join(sorted(allowed))}')
        if entry.get('stage') not in STAGES:
            raise ConfigError(f'steps[{i}].stage: {entry.get("stage")!r} is not allowed; '
                              f'allowed: {", ".join(STAGES)}')
        if not isinstance(entry.get('use'), str) or not entry['use']:
            raise ConfigError(f'steps[{i}].use: a dotted path or a registered step name is '
                              f'required')
        params = entry.get('with') or {}
        if not isinstance(params, Mapping):
            raise ConfigError(f'steps[{i}].with: expected a mapping of parameters')
        steps.append(StepSpec(stage=entry['stage'], use=entry['use'], params=dict(params),
                              name=entry.get('name')))
    return tuple(steps)


def parse_config(data: Mapping[str, Any] | None, path: str) -> Config:
    """Build a :class:`Config` from parsed YAML ``data`` read from ``path``."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ConfigError(f'{path}: the top level must be a mapping of sections')
    unknown = sorted(set(data) - set(_TOP_KEYS))
    if unknown:
        raise ConfigError(f'{path}: unknown key {unknown[0]}; allowed: {", ".join(_TOP_KEYS)}')
    base = os.path.dirname(os.path.abspath(path))
    sections = {}
    for name, cls in _SECTIONS.items():
        raw = data.get(name)
        if raw is not None and not isinstance(raw, Mapping):
            raise ConfigError(f'{path}: {name}: expected a mapping')
        root = base if name in _RUN_SECTIONS else REPO_ROOT
        values = {**_path_defaults(cls, root), **_resolve_paths(dict(raw or {}), cls, base)}
        try:
            sections[name] = from_mapping(cls, values, name)
        except SettingsError as exc:
            raise ConfigError(f'{path}: {exc}') from None
    return Config(path=os.path.abspath(path), steps=_parse_steps(data.get('steps')), **sections)


def load_config(path: str | None) -> Config:
    """Read and parse a config file; ``None`` means the embedded default."""
    path = path or default_config_path()
    if not os.path.isfile(path):
        raise ConfigError(f'config file not found: {path}')
    try:
        with open(path, encoding='utf-8') as handle:
            data = yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        mark = getattr(exc, 'problem_mark', None)
        where = f' at line {mark.line + 1}' if mark else ''
        raise ConfigError(f'{path}: not valid YAML{where}: '
                          f'{getattr(exc, "problem", exc)}') from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f'{path}: cannot be read: {exc}') from None
    return parse_config(data, path)


def with_overrides(config: Config, **changes: Any) -> Config:
    """A copy of ``config`` with command-line overrides applied to its sections."""
    out = config
    for dotted, value in changes.items():
        if value is None:
            continue
        section, _, key = dotted.partition('.')
        current = getattr(out, section)
        out = dataclasses.replace(out, **{section: dataclasses.replace(current, **{key: value})})
    return out


def describe(config: Config) -> dict:
    """A plain-data view of the config, for logs and run.json."""
    def plain(value):
        if dataclasses.is_dataclass(value):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, Mapping):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value
    return plain(config)

