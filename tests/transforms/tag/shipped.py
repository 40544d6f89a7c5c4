"""Helpers of the tagging tests that run the shipped tagger on a text."""
from transforms.model import new_item
from transforms.tag import tag_item


def tag_text(tagger, body: str, lang: str = 'en', title: str = '') -> dict:
    """The tags (``{kind: [tag, ...]}``) of one item of ``title`` and ``body`` in ``lang``."""
    item = new_item(id='x', title=title, body=body, language=lang,
                    languages={'title': lang, 'body': lang})
    return tag_item(item, tagger)['tags']


def tag_names(tagger, body: str, lang: str, kind: str, title: str = '') -> set[str]:
    """The names of one kind's tags (``persons``, ``organizations``, ``places``) of one item."""
    return {t['name'] for t in tag_text(tagger, body, lang, title)[kind]}


def tag_topics(tagger, body: str, lang: str, title: str = '') -> set[str]:
    """The topic ids of one item."""
    return {t['id'] for t in tag_text(tagger, body, lang, title)['topics']}
