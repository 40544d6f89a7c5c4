"""The optional statistical NER backend: a spaCy model's entities as name spans.

Why: the gazetteer and the name detector (:mod:`transforms.tag.names`) find only what a list or
a capitalisation shape holds; a trained model also finds names with no known given name and no
organisation head (*Zorvath Quillan*, *Mistral AI*). It is optional and off by default: spaCy and
a model are large, the model is language-specific, and its precision is the model's, not ours.

In: ``tag.ner`` (:class:`NerSettings`), a field's normalised text and its primary language.
Out: :class:`transforms.tag.names.NameSpan` records (``person`` / ``organization``), the same
records the name detector gives, so :func:`transforms.tag.context.review_mentions` applies the
same rules to both: a gazetteer mention over a span wins (the linked entity is tagged, not the
span), a place inside a span is no place, and the spans left become tags with stable
``nb:person:x-<slug>`` / ``nb:organization:x-<slug>`` ids and ``"linked": false``.

Guarantees and limits:

* the model is loaded once, by :func:`load_ner` (called from ``Tagger.from_settings``, i.e. once
  per worker in ``DoFn.setup`` and once in the driver's preflight); nothing is kept in module
  globals;
* spaCy missing, a model that cannot be loaded or one without an entity recogniser is a
  :class:`NerError` (a ``ValueError``) with a one-line message naming the key and what to
  install, which preflight turns into a usage error before anything runs;
* the model only sees fields in its own language (``nlp.lang``, or ``ner.languages``); a
  multi-language model (``xx``) sees every field;
* only the model's pipes that the recogniser needs run (``ner``, ``entity_ruler``, ``tok2vec``,
  ``transformer``): a tagger or parser in the package costs nothing;
* a span must have ``ner.min_chars`` characters, persons ``ner.min_person_words`` words (a lone
  surname is usually a later mention of a full name in the same item), and no span is emitted
  for words written in capitals only (headlines in capitals give models false names).
"""
from __future__ import annotations

import dataclasses
from typing import Any, Literal

from transforms.tag.names import NameSpan
from transforms.tag.text import is_shouting

__all__ = ['NerSettings', 'NerError', 'NerBackend', 'load_ner', 'INSTALL_HINT']

#: what the messages tell a user to run
INSTALL_HINT = "pip install 'newsbeam[ner]'"
# the pipes an entity recogniser may need; every other pipe of the model is disabled
_NEEDED_PIPES = ('tok2vec', 'transformer', 'ner', 'entity_ruler', 'span_ruler')


class NerError(ValueError):
    """The NER backend cannot be used as configured; one line naming the ``ner.*`` key."""


@dataclasses.dataclass(frozen=True)
class NerSettings:
    """``tag.ner``: the statistical NER backend (off unless the section is given).

    * ``backend``: ``spacy`` (the only one).
    * ``model``: an installed spaCy model package (``en_core_web_sm``) or a model directory
      (``nlp.to_disk``); in a config file a relative directory is relative to the config
      file's folder (a bare name is a package unless such a directory sits there).
    * ``languages``: the primary languages (``en``, ``de``) of the fields the model reads;
      empty: the model's own language (``nlp.lang``; every field for a ``xx`` model).
    * ``person_labels`` / ``organization_labels``: the model's entity labels that become
      persons / organisations (other labels are not used: places come from the gazetteer).
    * ``min_person_words``: a person needs this many words; ``min_chars``: any span this many
      characters.
    """
    backend: Literal['spacy'] = 'spacy'
    model: str = ''
    languages: tuple[str, ...] = ()
    person_labels: tuple[str, ...] = ('PERSON', 'PER')
    organization_labels: tuple[str, ...] = ('ORG',)
    min_person_words: int = 2
    min_chars: int = 3

    def validate(self) -> None:
        if not self.model.strip():
            raise ValueError('model: give an installed spaCy model package or a model '
                             'directory (e.g. en_core_web_sm)')
        if self.min_person_words < 1:
            raise ValueError('min_person_words must be at least 1')
        if self.min_chars < 1:
            raise ValueError('min_chars must be at least 1')
        if set(self.person_labels) & set(self.organization_labels):
            raise ValueError('person_labels and organization_labels must not share a label')

    def __post_init__(self) -> None:
        for name in ('languages', 'person_labels', 'organization_labels'):
            value = getattr(self, name)
            if isinstance(value, str):
                raise ValueError(f'{name}: expected a list, got a string')
            object.__setattr__(self, name, tuple(value))
        self.validate()


class NerBackend:
    """A loaded model and what to keep of its entities; :meth:`spans` is the per-field call."""

    def __init__(self, nlp: Any, settings: NerSettings):
        self._nlp = nlp
        self._settings = settings
        model_lang = getattr(nlp, 'lang', None) or 'xx'
        self.languages = (frozenset(settings.languages) if settings.languages
                          else None if model_lang == 'xx' else frozenset((model_lang,)))
        self._kinds = {**{label: 'person' for label in settings.person_labels},
                       **{label: 'organization' for label in settings.organization_labels}}

    def reads(self, language: str | None) -> bool:
        """Whether a field of primary ``language`` is given to the model."""
        return self.languages is None or language in self.languages

    def spans(self, texts: dict[str, str]) -> dict[str, list[NameSpan]]:
        """The person and organisation spans of each field text, in text order."""
        fields = [f for f, text in texts.items() if text and not is_shouting(text)]
        out: dict[str, list[NameSpan]] = {}
        for field, doc in zip(fields, self._nlp.pipe(texts[f] for f in fields)):
            found = []
            for ent in doc.ents:
                kind = self._kinds.get(ent.label_)
                if kind is None:
                    continue
                text = ent.text
                if len(text) < self._settings.min_chars:
                    continue
                if kind == 'person' and len(text.split()) < self._settings.min_person_words:
                    continue
                found.append(NameSpan(kind, ent.start_char, ent.end_char, text, 'ner'))
            if found:
                out[field] = found
        return out


def load_ner(settings: NerSettings) -> NerBackend:
    """Import spaCy and load ``settings.model`` (see the module doc for the errors)."""
    try:
        import spacy
    except ImportError:
        raise NerError(f'ner.backend: spacy is not installed; {INSTALL_HINT} and install a '
                       f'model (python -m spacy download en_core_web_sm)') from None
    try:
        nlp = spacy.load(settings.model)
    except (OSError, ValueError, ImportError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise NerError(f'ner.model: cannot load spaCy model {settings.model!r} (an installed '
                       f'package such as en_core_web_sm, or a model directory; python -m spacy '
                       f'download en_core_web_sm): {first[:200]}') from None
    if not any(name in nlp.pipe_names for name in ('ner', 'entity_ruler', 'span_ruler')):
        raise NerError(f'ner.model: spaCy model {settings.model!r} has no entity recogniser '
                       f'(pipes: {", ".join(nlp.pipe_names) or "none"})')
    keep = [name for name in nlp.pipe_names if name in _NEEDED_PIPES]
    nlp.select_pipes(enable=keep)
    return NerBackend(nlp, settings)
