"""The run configuration: YAML parsed strictly into frozen, typed settings.

Settings come, in order of precedence, from explicit command-line flags, then the config file,
then the defaults of each settings class. Secrets (database URLs) never live in config files:
sections that need one name an environment variable instead.

Relative paths in a config file are relative to the directory of that file, so a config works
from any working directory. A config shipped inside a package (``pkg://PACKAGE/FILE``, such as the
embedded default ``pkg://transforms.defaults/local.yaml``) has no directory of its own on the
user's disk: its relative paths resolve as if the file sat in ``./configs/`` of the working
directory, which is where ``configs/local.yaml`` sits in a checkout. Data files the stages read
(tag data, CA bundle, feed lists) may also be ``pkg://`` references or any path Beam's
``FileSystems`` reads (``gs://...``); see :mod:`transforms.datafiles`. Unknown keys and bad values
raise :class:`ConfigError` with the key path and what would be allowed.
"""
from __future__ import annotations

import dataclasses
import glob
import os
from typing import Any, Literal, Mapping

import yaml

from transforms.datafiles import DataFileError, default_data, is_package_ref, read_bytes
from transforms.dedup import DedupSettings
from transforms.fetch import FetchSettings
from transforms.normalize import NormalizeSettings
from transforms.read import ReadSettings
from transforms.settings import SettingsError, from_mapping
from transforms.state import StateConfig
from transforms.tag import TagSettings

__all__ = ['Config', 'ConfigError', 'StepSpec', 'SinkSpec', 'StreamingSettings', 'load_config',
           'default_config_path', 'MAIN_OUTPUT_NAME', 'REPO_ROOT', 'STAGES', 'DEFAULT_CONFIG']

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: the embedded default config, inside the installed package (the repository's
#: ``configs/local.yaml``)
DEFAULT_CONFIG = default_data('local.yaml')
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
class SinkSpec:
    """One entry of ``output.sinks``: a sink written beside the JSONL output (docs/sinks.md)."""
    use: str                           # jsonl, parquet, sqlite, postgres, or module:Class
    name: str | None = None            # run.json sinks.<name>; default: the use value
    families: tuple[str, ...] | None = None   # default: the sink's own
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)   # its ``with:``
    batch_size: int = 500              # records per write_batch (database and user sinks)
    max_attempts: int = 5              # write_batch attempts while the sink is unavailable

    @property
    def label(self) -> str:
        return self.name or self.use.rsplit(':', 1)[-1].rsplit('.', 1)[-1]


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
    # more sinks beside the JSONL: parsed by _parse_sinks (keys use, name, families, with, ...)
    sinks: tuple[SinkSpec, ...] = ()

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
    # a shared store's URL without a password (postgresql://USER@HOST/DB?schema=S, redis://...);
    # the password comes from PGPASSWORD/~/.pgpass, or the whole URL from url_env
    url: str | None = None
    url_env: str | None = None         # name of an environment variable holding a store URL
    enabled: bool = True               # false: no state at all (every run starts fresh)
    # true: dir is on a file system every worker of a distributed runner mounts at that path
    shared_filesystem: bool = False

    def validate(self) -> None:
        if self.url and self.url_env:
            raise ValueError('give url or url_env, not both')
        if self.url:
            from transforms.state import URL_SCHEMES, url_password
            from transforms.redact import redact_url
            if not self.url.startswith(URL_SCHEMES):
                raise ValueError(f'url: {redact_url(self.url)!r} is not a state URL; allowed: '
                                 f'{", ".join(s + "..." for s in URL_SCHEMES)}')
            secret = url_password(self.url)
            if secret:
                raise ValueError(f'url: a password in a config file is refused ({secret} of '
                                 f'{redact_url(self.url)}); put the URL in an environment '
                                 f'variable and name it in state.url_env (or use PGPASSWORD)')


@dataclasses.dataclass(frozen=True)
class StreamingSettings:
    """``newsbeam run --streaming``: how feeds are polled and folders watched continuously.

    ``engine``: ``cycles`` runs the stages in bounded cycles (one small batch pipeline per poll
    interval over what is due or new; the default on the DirectRunner, whose streaming mode cannot
    hold an unbounded pipeline for long), ``beam`` builds one unbounded Beam streaming pipeline
    (``PeriodicImpulse`` sources, windows, keyed state) for streaming runners (Dataflow, Flink);
    ``auto`` picks ``cycles`` on the DirectRunner and ``beam`` elsewhere.
    """
    engine: Literal['auto', 'cycles', 'beam'] = 'auto'
    poll_interval: float = 60.0        # seconds between polls of one feed (politeness may lengthen)
    watch_interval: float | None = None   # seconds between looks at input folders (default: poll)
    window_seconds: float = 60.0       # beam engine: fixed windows of ingestion time
    allowed_lateness: float = 600.0    # beam engine: seconds a window still takes late items
    max_duration: float | None = None  # seconds; then stop cleanly (None: until SIGINT/SIGTERM)
    heartbeat: bool = True             # one line per cycle/window on stderr

    def validate(self) -> None:
        if not self.poll_interval >= 1:
            raise ValueError('poll_interval must be at least 1 second')
        if self.watch_interval is not None and not self.watch_interval >= 1:
            raise ValueError('watch_interval must be at least 1 second')
        if not self.window_seconds >= 1:
            raise ValueError('window_seconds must be at least 1 second')
        if not self.allowed_lateness >= 0:
            raise ValueError('allowed_lateness must be 0 or more seconds')
        if self.max_duration is not None and not self.max_duration > 0:
            raise ValueError('max_duration must be more than 0 seconds')


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
    streaming: StreamingSettings = StreamingSettings()

    def state_config(self) -> StateConfig | None:
        if not self.state.enabled:
            return None
        if self.state.url_env:
            url = os.environ.get(self.state.url_env)
            if not url:
                raise ConfigError(f'state.url_env: environment variable {self.state.url_env} '
                                  f'is not set')
            try:
                StateConfig(url=url).validate()
            except ValueError as exc:
                raise ConfigError(f'state.url_env: {self.state.url_env}: {exc}') from None
            return StateConfig(url=url)
        if self.state.url:
            return StateConfig(url=self.state.url)
        return StateConfig(dir=self.state.dir)


_SECTIONS = {
    'inputs': InputsSettings, 'output': OutputSettings, 'state': StateSettings,
    'read': ReadSettings, 'fetch': FetchSettings, 'normalize': NormalizeSettings,
    'dedup': DedupSettings, 'tag': TagSettings, 'streaming': StreamingSettings,
}
_TOP_KEYS = tuple(_SECTIONS) + ('steps',)
_RUN_SECTIONS = ('inputs', 'output', 'state', 'streaming')


def default_config_path() -> str:
    """``configs/local.yaml`` of the working directory if there is one (a checkout), else the
    shipped one, :data:`DEFAULT_CONFIG`."""
    local = os.path.join('configs', 'local.yaml')
    return local if os.path.isfile(local) else DEFAULT_CONFIG


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


def _resolve_ner_model(tag: dict, base: str) -> dict:
    """``tag.ner.model`` names an installed spaCy package (``en_core_web_sm``) or a model
    directory; a directory given relative (``models/ner``, ``./ner``, or a bare name that is a
    directory beside the config file) is made absolute against ``base`` like every other path
    in a config file, so the config works from any working directory. A bare name with no such
    directory stays a package name."""
    ner = tag.get('ner')
    if not isinstance(ner, Mapping) or not isinstance(ner.get('model'), str):
        return tag
    model = ner['model'].strip()
    if not model or os.path.isabs(model) or '://' in model:
        return tag
    expanded = os.path.expanduser(model)
    candidate = os.path.normpath(os.path.join(base, expanded))
    looks_like_path = (os.sep in model or '/' in model or model.startswith(('.', '~')))
    if looks_like_path or os.path.isdir(candidate):
        return {**tag, 'ner': {**ner, 'model': candidate}}
    return tag


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
                out[field.name] = [v if os.path.isabs(v) or '://' in v else os.path.join(root, v)
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


_SINK_KEYS = ('use', 'name', 'families', 'with', 'batch_size', 'max_attempts')
_SINK_FAMILIES = ('items', 'duplicates', 'dead_letter', 'filtered', 'seen_before')
#: the name run.json gives the JSONL output of output.dir; no sink may take it
MAIN_OUTPUT_NAME = 'output'


def _parse_sink(i: int, entry: Any, path: str) -> SinkSpec:
    where = f'{path}: output.sinks[{i}]'
    if not isinstance(entry, Mapping):
        raise ConfigError(f'{where}: expected a mapping with use, name, families, with')
    unknown = sorted(set(entry) - set(_SINK_KEYS))
    if unknown:
        raise ConfigError(f'{where}: unknown key {unknown[0]}; allowed: '
                          f'{", ".join(_SINK_KEYS)}')
    use = entry.get('use')
    if not isinstance(use, str) or not use:
        raise ConfigError(f'{where}.use: a sink type (jsonl, parquet, sqlite, postgres) or a '
                          f'dotted path to a sink class is required')
    name = entry.get('name')
    if name is not None and (not isinstance(name, str) or not name.replace('_', '').replace(
            '-', '').isalnum()):
        raise ConfigError(f'{where}.name: expected a plain name (letters, digits, - and _), '
                          f'not {name!r}')
    families = entry.get('families')
    if families is not None:
        if isinstance(families, str) or not isinstance(families, list) or not families:
            raise ConfigError(f'{where}.families: expected a list of '
                              f'{", ".join(_SINK_FAMILIES)}')
        for family in families:
            if family not in _SINK_FAMILIES:
                raise ConfigError(f'{where}.families: {family!r} is not allowed; allowed: '
                                  f'{", ".join(_SINK_FAMILIES)}')
        families = tuple(dict.fromkeys(families))
    params = entry.get('with') or {}
    if not isinstance(params, Mapping):
        raise ConfigError(f'{where}.with: expected a mapping of parameters')
    numbers = {}
    for key, default in (('batch_size', 500), ('max_attempts', 5)):
        value = entry.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f'{where}.{key}: expected a whole number of at least 1, not '
                              f'{value!r}')
        numbers[key] = value
    return SinkSpec(use=use, name=name, families=families, params=dict(params), **numbers)


def _sink_paths(spec: SinkSpec, base: str) -> SinkSpec:
    """A built-in sink's path parameters (its class's ``PATH_PARAMS``, e.g. the SQLite sink's
    ``path``) made absolute relative to ``base``, like every other path in a config file."""
    import importlib
    from transforms.sink.base import BUILTIN_SINKS
    target = BUILTIN_SINKS.get(spec.use)
    if target is None or not spec.params:
        return spec
    module, _, attr = target.partition(':')
    names = getattr(getattr(importlib.import_module(module), attr, None), 'PATH_PARAMS', ())
    params = {k: (os.path.normpath(os.path.join(base, os.path.expanduser(v)))
                  if k in names and isinstance(v, str) and v and '://' not in v else v)
              for k, v in spec.params.items()}
    return dataclasses.replace(spec, params=params)


def _parse_sinks(raw: Any, path: str) -> tuple[SinkSpec, ...]:
    """``output.sinks``: a list of sink entries; names unique, ``output`` reserved."""
    if not isinstance(raw, list):
        raise ConfigError(f'{path}: output.sinks: expected a list of {{use, name, families, '
                          f'with}}')
    specs = tuple(_parse_sink(i, entry, path) for i, entry in enumerate(raw))
    seen: set[str] = set()
    for i, spec in enumerate(specs):
        if spec.label == MAIN_OUTPUT_NAME or spec.label in seen:
            why = ('reserved for the JSONL output' if spec.label == MAIN_OUTPUT_NAME
                   else 'taken by an earlier sink')
            raise ConfigError(f'{path}: output.sinks[{i}].name: {spec.label!r} is {why}; give '
                              f'each sink its own name')
        seen.add(spec.label)
    return specs


def parse_config(data: Mapping[str, Any] | None, path: str, base: str | None = None) -> Config:
    """Build a :class:`Config` from parsed YAML ``data`` read from ``path``; relative paths
    resolve against ``base`` (default: the directory of ``path``)."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ConfigError(f'{path}: the top level must be a mapping of sections')
    unknown = sorted(set(data) - set(_TOP_KEYS))
    if unknown:
        raise ConfigError(f'{path}: unknown key {unknown[0]}; allowed: {", ".join(_TOP_KEYS)}')
    base = base or os.path.dirname(os.path.abspath(path))
    sections = {}
    for name, cls in _SECTIONS.items():
        raw = data.get(name)
        if raw is not None and not isinstance(raw, Mapping):
            raise ConfigError(f'{path}: {name}: expected a mapping')
        root = base if name in _RUN_SECTIONS else REPO_ROOT
        values = {**_path_defaults(cls, root), **_resolve_paths(dict(raw or {}), cls, base)}
        if name == 'tag':
            values = _resolve_ner_model(values, base)
        sinks = values.pop('sinks', None) if name == 'output' else None
        try:
            sections[name] = from_mapping(cls, values, name)
        except SettingsError as exc:
            raise ConfigError(f'{path}: {exc}') from None
        if sinks is not None:
            sections[name] = dataclasses.replace(sections[name], sinks=tuple(
                _sink_paths(spec, base) for spec in _parse_sinks(sinks, path)))
    return Config(path=path if is_package_ref(path) else os.path.abspath(path),
                  steps=_parse_steps(data.get('steps')), **sections)


def _glob_root(pattern: str) -> str:
    """The folder a local glob starts in: its longest leading part without wildcards."""
    parts = pattern.split(os.sep)
    for i, part in enumerate(parts):
        if glob.has_magic(part):
            return os.sep.join(parts[:i]) or os.sep
    return os.path.dirname(pattern)


def _shipped_default(config: Config) -> Config:
    """The embedded default outside a checkout: its inputs are the checkout's ``samples/``
    globs, kept only where such a folder exists under the working directory. Elsewhere it has no
    inputs, so ``newsbeam run`` asks for ``--input``/``--feed`` (exit 2) instead of running on
    nothing."""
    files = tuple(p for p in config.inputs.files
                  if '://' in p or os.path.isdir(_glob_root(p)))
    return dataclasses.replace(config, inputs=dataclasses.replace(config.inputs, files=files))


def load_config(path: str | None) -> Config:
    """Read and parse a config file (a local path or a ``pkg://`` reference); ``None`` means
    the embedded default."""
    path = path or default_config_path()
    base = None
    try:
        if is_package_ref(path):
            text = read_bytes(path).decode('utf-8')
            base = os.path.join(os.getcwd(), 'configs')
        elif not os.path.isfile(path):
            raise ConfigError(f'config file not found: {path}')
        else:
            with open(path, encoding='utf-8') as handle:
                text = handle.read()
        data = yaml.safe_load(text)
    except DataFileError as exc:
        raise ConfigError(f'config file: {exc}') from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, 'problem_mark', None)
        where = f' at line {mark.line + 1}' if mark else ''
        raise ConfigError(f'{path}: not valid YAML{where}: '
                          f'{getattr(exc, "problem", exc)}') from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f'{path}: cannot be read: {exc}') from None
    config = parse_config(data, path, base)
    return _shipped_default(config) if path == DEFAULT_CONFIG else config


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

