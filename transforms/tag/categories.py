"""Source categories mapped to a shared vocabulary through ``configs/categories.yaml``.

In: the categories the normalize stage left in ``item['tags']['categories']`` as
``{"id": <slug>, "name": <raw>}`` (feed ``<category>`` values, markers such as ``<W解説>``), and
a mapping file::

    categories:
      - id: commentary
        name: Commentary
        match: [解説, W解説, 해설, analysis]      # whole raw names, compared case-folded
        regex: ['^(news )?analysis\\b']          # Python regexes, searched case-insensitively

Out: for each raw category, the first rule (in file order) that matches its raw name gives
``{"id", "name"}`` in English; a raw category no rule matches stays as it was. Raw names are
compared NFKC-normalised, case-folded, with surrounding brackets and whitespace removed
(``<W解説>``, ``【速報】``, ``[Opinion]``).
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping


from transforms.tag.files import read_yaml
from transforms.tag.text import fold_phrase

__all__ = ['CategoryRule', 'CategoryMap', 'CategoriesError', 'load_categories',
           'parse_categories', 'raw_key']

_BRACKETS = '<>＜＞【】[]［］〈〉《》()（）「」『』 '


class CategoriesError(ValueError):
    """A categories file that cannot be used; the message names the file and key."""


def raw_key(raw: str) -> str:
    return fold_phrase(raw).strip(_BRACKETS)


@dataclasses.dataclass(frozen=True)
class CategoryRule:
    id: str
    name: str
    names: frozenset[str]
    patterns: tuple[re.Pattern, ...]

    def matches(self, key: str) -> bool:
        return key in self.names or any(p.search(key) for p in self.patterns)


class CategoryMap:
    def __init__(self, rules):
        self.rules: tuple[CategoryRule, ...] = tuple(rules)

    def map(self, raw: str) -> CategoryRule | None:
        """The first rule matching the raw category name, or None."""
        key = raw_key(raw)
        for rule in self.rules:
            if rule.matches(key):
                return rule
        return None


def parse_categories(data, where: str = '<categories>') -> CategoryMap:
    if not isinstance(data, Mapping) or set(data) != {'categories'}:
        raise CategoriesError(f'{where}: expected a mapping with exactly one key, "categories"')
    raw_rules = data['categories']
    if not isinstance(raw_rules, list):
        raise CategoriesError(f'{where}: "categories" must be a list of rules')
    rules = []
    for i, spec in enumerate(raw_rules):
        at = f'{where}: categories[{i}]'
        if not isinstance(spec, Mapping):
            raise CategoriesError(f'{at}: expected a mapping')
        bad = sorted(set(spec) - {'id', 'name', 'match', 'regex'})
        if bad:
            raise CategoriesError(f'{at}: unknown key {bad[0]}; allowed: id, match, name, regex')
        for key in ('id', 'name'):
            if not isinstance(spec.get(key), str) or not spec[key].strip():
                raise CategoriesError(f'{at}.{key}: a non-empty string is required')
        names, patterns = spec.get('match') or [], spec.get('regex') or []
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise CategoriesError(f'{at}.match: expected a list of strings')
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise CategoriesError(f'{at}.regex: expected a list of strings')
        if not names and not patterns:
            raise CategoriesError(f'{at}: give "match" or "regex"')
        compiled = []
        for pattern in patterns:
            try:
                compiled.append(re.compile(pattern, re.IGNORECASE))
            except re.error as exc:
                raise CategoriesError(f'{at}.regex: bad pattern {pattern!r}: {exc}') from exc
        rules.append(CategoryRule(spec['id'].strip(), spec['name'].strip(),
                                  frozenset(raw_key(n) for n in names), tuple(compiled)))
    return CategoryMap(rules)


def load_categories(path: str) -> CategoryMap:
    data = read_yaml(path, CategoriesError)
    return parse_categories(data, path)
