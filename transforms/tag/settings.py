"""``TagSettings``: what the tag stage reads from the ``tag`` section of a config."""
from __future__ import annotations

import dataclasses
import os
from typing import ClassVar

from transforms.datafiles import default_data
from transforms.model import TAG_KINDS
from transforms.tag.ner import NerSettings

__all__ = ['TagSettings', 'REPO_ROOT', 'TEXT_FIELDS']

#: The repository root (two levels above ``transforms/tag/``): relative paths given in code
#: (not from a config file, which resolves its own) resolve against it in :meth:`resolved`.
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TEXT_FIELDS = ('title', 'title_original', 'summary', 'body')


@dataclasses.dataclass(frozen=True)
class TagSettings:
    """Settings of the tag stage; every field has a default.

    * ``gazetteer_paths``: JSONL files or directories of them, loaded in order; a later entity with
      the same id replaces an earlier one. Default: the shipped gazetteer
      (``pkg://transforms.defaults/gazetteer``, the repository's ``configs/gazetteer``, read from
      each worker's installed copy); set it to your own files to replace it. Paths may be local
      or any scheme Beam's ``FileSystems`` reads (``gs://``, ``s3://``).
    * ``extra_gazetteer_paths``: loaded after ``gazetteer_paths``: the way to *extend* the shipped
      gazetteer (add entities, or correct one by repeating its id) without naming where it lives.
    * ``topics_path`` / ``categories_path``: the topic taxonomy and the category mapping; ``null``
      switches topics / category mapping off.
    * ``fields``: the item fields searched.
    * ``kinds``: the tag kinds this stage fills (a subset of ``persons``, ``organizations``,
      ``places``, ``topics``, ``categories``).
    * ``topic_threshold``: overrides every topic's threshold from the topics file.
    * ``max_topics``: at most this many topics per item, the best-scoring ones.
    * ``max_short_alias_letters``: aliases with at most this many letters need exact case.
    * ``min_cjk_alias_chars``: unspaced-script aliases shorter than this are not matched.
    * ``max_field_chars``: only the first this many characters of a field are searched, which
      bounds the cost of a pathological item.
    * ``require_capital``: an alias written with an initial capital matches only capitalised
      text (``turkey`` is not Turkey); turn off for lower-cased sources.
    * ``names_path``: the directory of the name detector's word lists
      (:mod:`transforms.tag.names`): persons and organisations no gazetteer lists are tagged
      with ``"linked": false``, and a place inside a longer name is no place; ``null``
      switches the detector off.
    * ``repeat_confirms``: an alias that needs context and names one entity only counts when
      the item names it this many times (0: never).
    * ``ner``: the optional statistical NER backend (:mod:`transforms.tag.ner`:
      ``{backend: spacy, model: en_core_web_sm}``); its persons and organisations join the name
      detector's under the same rules. ``null`` (the default): off.
    """
    PATH_FIELDS: ClassVar[tuple[str, ...]] = ('gazetteer_paths', 'extra_gazetteer_paths',
                                              'topics_path', 'categories_path', 'names_path')

    gazetteer_paths: tuple[str, ...] = (default_data('gazetteer'),)
    extra_gazetteer_paths: tuple[str, ...] = ()
    topics_path: str | None = default_data('topics.yaml')
    categories_path: str | None = default_data('categories.yaml')
    fields: tuple[str, ...] = TEXT_FIELDS
    kinds: tuple[str, ...] = TAG_KINDS
    topic_threshold: float | None = None
    max_topics: int = 3
    max_short_alias_letters: int = 3
    min_cjk_alias_chars: int = 2
    max_field_chars: int = 200_000
    require_capital: bool = True
    names_path: str | None = default_data('gazetteer/names')
    repeat_confirms: int = 3
    ner: NerSettings | None = None

    def validate(self) -> None:
        bad = sorted(set(self.kinds) - set(TAG_KINDS))
        if bad:
            raise ValueError(f'kinds: {bad[0]!r} is not a tag kind; '
                             f'allowed: {", ".join(TAG_KINDS)}')
        bad = sorted(set(self.fields) - set(TEXT_FIELDS))
        if bad:
            raise ValueError(f'fields: {bad[0]!r} is not a text field; allowed: '
                             f'{", ".join(TEXT_FIELDS)}')
        if self.max_topics < 0:
            raise ValueError('max_topics must be >= 0')
        if self.max_short_alias_letters < 0:
            raise ValueError('max_short_alias_letters must be >= 0')
        if self.min_cjk_alias_chars < 1:
            raise ValueError('min_cjk_alias_chars must be >= 1')
        if self.max_field_chars < 1:
            raise ValueError('max_field_chars must be >= 1')
        if self.repeat_confirms < 0:
            raise ValueError('repeat_confirms must be >= 0')

    def __post_init__(self) -> None:
        # tuples, so the settings stay hashable and picklable when built in code from lists
        for name in ('gazetteer_paths', 'extra_gazetteer_paths', 'fields', 'kinds'):
            value = getattr(self, name)
            if isinstance(value, str):
                raise ValueError(f'{name}: expected a list, got a string')
            object.__setattr__(self, name, tuple(value))
        self.validate()

    def resolved(self, base: str = REPO_ROOT) -> 'TagSettings':
        """A copy with relative local paths made absolute against ``base`` (default: the repo
        root); ``pkg://`` references and URLs (``gs://...``) are left as they are."""
        def fix(path):
            if path is None or os.path.isabs(path) or '://' in path:
                return path
            return os.path.join(base, path)
        return dataclasses.replace(
            self, gazetteer_paths=tuple(fix(p) for p in self.gazetteer_paths),
            extra_gazetteer_paths=tuple(fix(p) for p in self.extra_gazetteer_paths),
            topics_path=fix(self.topics_path), categories_path=fix(self.categories_path),
            names_path=fix(self.names_path))

    @property
    def all_gazetteer_paths(self) -> tuple[str, ...]:
        return self.gazetteer_paths + self.extra_gazetteer_paths
