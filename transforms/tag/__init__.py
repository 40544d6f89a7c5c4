"""The tag stage: persons, organisations and places from a multilingual gazetteer, topics from
weighted keyword rules, and source categories mapped to a shared vocabulary.

In: items (``transforms.model`` dicts). Out: the same items with ``tags`` filled
(``{"id", "name"}`` lists, English names, de-duplicated, sorted by name then id) and one record
per tag source in ``provenance.tags`` (``{"kind", "id", "field", "alias", "rule", ...}``).

* :class:`TagItems` is the Beam transform; :class:`TagSettings` its settings.
* :func:`tag_item` and :class:`Tagger` are the plain functions underneath; a user's tagger (a
  function returning ``{kind: [tags]}``) is chained with :func:`tag_item` the same way.
* The matching rules (word boundaries, unspaced scripts, longest match, short and ambiguous
  aliases, "City, State") are documented in :mod:`transforms.tag.matcher`; names no list holds
  (unlinked persons and organisations, tagged with ``"linked": false``) and places inside longer
  names in :mod:`transforms.tag.names` and :mod:`transforms.tag.context`; the optional
  statistical NER backend (``tag.ner``, spaCy) in :mod:`transforms.tag.ner`.
"""
from transforms.tag.categories import CategoriesError, CategoryMap, load_categories
from transforms.tag.gazetteer import Entity, GazetteerError, load_gazetteer
from transforms.tag.matcher import EntityMatcher, Mention
from transforms.tag.names import NameDetector, NamesError, load_name_lists
from transforms.tag.ner import NerError, NerSettings
from transforms.tag.settings import TagSettings
from transforms.tag.tagger import TagError, Tagger, TagResult, build_tagger, tag_item
from transforms.tag.topics import TopicRules, TopicsError, load_topics
from transforms.tag.transform import TagItems

__all__ = [
    'TagItems', 'TagSettings', 'Tagger', 'TagResult', 'TagError', 'tag_item', 'build_tagger',
    'Entity', 'EntityMatcher', 'Mention', 'GazetteerError', 'load_gazetteer',
    'TopicRules', 'TopicsError', 'load_topics', 'CategoryMap', 'CategoriesError',
    'load_categories', 'NameDetector', 'NamesError', 'load_name_lists', 'NerSettings', 'NerError',
]
