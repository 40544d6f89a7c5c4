"""Authors: raw bylines in (a string, a list of strings, or feed-style ``{"name", "email"}``
mappings), a list of clean, distinct names out.

Removed: "By"/"Oleh"/"Por"/"Von"/... prefixes, e-mail addresses and URLs, parenthesised agency
or role notes, role words (``Staff Writer``, ``Correspondent``, ``기자``, ``記者`` ...). Split on
``,`` ``;`` ``&`` ``|`` ``/`` ``、`` ``·`` and the word "and" in several languages. Parts that are
only a role, have no letters, or are longer than a name can be are dropped. Values of other
types, and lists nested more than a few levels deep, are ignored: ``clean_authors`` never raises.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from transforms.normalize.text import clean_line

__all__ = ['clean_authors']

_PREFIX = re.compile(
    r'^(?:(?:(?:additional\s+)?reporting|written|reported|text|words|story|photos?|edited|'
    r'editing|compiled|translated)\s+by|by|oleh|por|par|'
    r'von|di|door|av|af|от|penulis|reporter|wartawan|laporan|autor|auteur|author|texto|text)'
    r'\s*[:：]?\s+', re.IGNORECASE)
_EMAIL = re.compile(r'[(<\[]?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[)>\]]?')
_URL = re.compile(r'https?://\S+|www\.\S+')
_PAREN = re.compile(r'\s*[(（\[【][^)）\]】]{0,60}[)）\]】]')
_SPLIT = re.compile(r'\s*(?:[,;&|/、·]|\s(?:and|dan|y|und|et|e|en|och|og|i|и)\s)\s*', re.IGNORECASE)
_ROLE_WORDS = (
    r'(?:senior\s+|chief\s+|special\s+|foreign\s+|political\s+|staff\s+|contributing\s+|'
    r'associate\s+|managing\s+|deputy\s+|news\s+)*'
    r'(?:staff\s+writer|staff\s+reporter|writer|reporter|correspondent|editor|contributor|'
    r'columnist|photographer|journalist|analyst|wartawan|jurnalis|redaktur|koresponden|'
    r'kontributor|redaksi|rédacteur|rédactrice|correspondant|envoyé spécial|periodista|'
    r'corresponsal|redakteur|korrespondent)'
)
_ROLE_ONLY = re.compile(rf'^(?:{_ROLE_WORDS}|staff|newsroom|desk)$', re.IGNORECASE)
_ROLE_SUFFIX = re.compile(rf'\s*(?:[-–—,]\s*)?\b{_ROLE_WORDS}\s*$', re.IGNORECASE)
_CJK_ROLE_SUFFIX = re.compile(r'\s*(?:선임기자|기자|특파원|통신원|記者|特派員|編集委員|论说员|记者|編輯|编辑|通讯员)\s*$')
_HAS_LETTER = re.compile(r'[^\W\d_]')
# Lower-case words that belong inside names (van der Berg, bin Salman, de la Cruz).
_NAME_PARTICLES = frozenset({'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos',
                             'das', 'du', 'la', 'le', 'bin', 'binti', 'al', 'el', 'ibn', 'ter'})


_MAX_NESTING = 8   # bylines come as lists of strings or mappings; deeper parts are ignored


def _raw_names(value: Any, depth: int = 0) -> Iterable[str]:
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        name = value.get('name') or value.get('email')
        if isinstance(name, str):
            yield name
    elif isinstance(value, (list, tuple)) and depth < _MAX_NESTING:
        for part in value:
            yield from _raw_names(part, depth + 1)


def clean_authors(value: Any, max_chars: int = 200, max_authors: int = 20) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    for raw in _raw_names(value):
        text = clean_line(raw[: max_chars * 10])
        text = _URL.sub(' ', _EMAIL.sub(' ', text))
        text = _PAREN.sub(' ', text)
        text = _PREFIX.sub('', text.strip())
        for part in _SPLIT.split(text):
            part = _PREFIX.sub('', part.strip(' \t-–—:.'))
            part = _CJK_ROLE_SUFFIX.sub('', part)
            if _ROLE_ONLY.match(part):
                continue
            part = _ROLE_SUFFIX.sub('', part).strip(' \t-–—:.,')
            if not part or not _HAS_LETTER.search(part) or len(part) > max_chars:
                continue
            words = part.split()
            if len(words) > 6:  # a sentence, not a name
                continue
            lower = sum(1 for w in words if w[0].islower() and w not in _NAME_PARTICLES)
            if len(words) >= 3 and lower * 2 > len(words):  # mostly lower-case words: prose
                continue
            key = part.casefold()
            if key not in seen:
                seen.add(key)
                names.append(part)
            if len(names) >= max_authors:
                return names
    return names
