"""Topics on short items (headline + one sentence): the headline fallback of
:mod:`transforms.tag.topics`, with the texts that showed it, and the short German and French
items of the dev set reaching a topic with the shipped rules."""
import json
import os

import pytest

from transforms.model import new_item
from transforms.tag import Tagger, TagSettings, tag_item
from transforms.tag.settings import REPO_ROOT
from transforms.tag.topics import parse_topics

RULES = {
    'threshold': 4.0, 'min_keywords': 2, 'title_weight': 2.0,
    'topics': {
        'disasters': {'name': 'Disasters', 'keywords': {'en': {'explosion': 2, 'fire': 1.5}}},
        'education': {'name': 'Education', 'keywords': {'en': {'schools': 2}}},
        'conflict': {'name': 'Conflict', 'keywords': {'en': {'defence': 1.5}}},
    },
}


def _topics(rules, title, body):
    scored = rules.score({'title': title, 'body': body}, {'title': 'en', 'body': 'en'})
    return [topic.id for topic, _score, _hits in scored]


@pytest.fixture(scope='module')
def rules():
    return parse_topics(RULES)


def test_strong_keyword_in_headline_and_body_counts_for_two_when_nothing_else_qualifies(rules):
    # the Arabic "explosion at Bandar Abbas port" item of the dev set, in English
    assert _topics(rules, 'Explosion at Bandar Abbas port',
                   'Iranian media reported an explosion at the port.') == ['disasters']


def test_the_same_word_twice_in_the_body_alone_stays_one(rules):
    assert _topics(rules, 'Port closed', 'An explosion, then another explosion.') == []


def test_weak_keyword_repeated_stays_one(rules):
    # "deputy defence minister held for bribery": defence is no conflict story
    assert _topics(rules, 'Former deputy defence minister detained',
                   'The former deputy defence minister was detained.') == []


def test_beside_a_qualified_topic_a_repeated_word_is_a_side_subject(rules):
    # the flood report whose schools closed: disasters, not education
    assert _topics(rules, 'Explosion and fire: schools closed',
                   'An explosion started a fire; schools stay closed.') == ['disasters']


def _rows(name):
    path = os.path.join(REPO_ROOT, 'tests', 'data', 'tagging', name)
    with open(path, encoding='utf-8') as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope='module')
def shipped():
    return Tagger.from_settings(TagSettings(kinds=('topics',)))


@pytest.mark.parametrize('item_id', ['v-de-s01', 'v-de-s02', 'v-fr-s01', 'v-fr-s05',
                                     'v-ar-01'])
def test_short_dev_items_reach_their_topics(shipped, item_id):
    row = next(r for r in _rows('wide_dev.jsonl') if r['id'] == item_id)
    lang = row['language']
    item = new_item(id=row['id'], title=row['title'], body=row['body'], language=lang,
                    languages={'title': lang, 'body': lang})
    got = {t['id'] for t in tag_item(item, shipped)['tags']['topics']}
    assert got == set(row['expected']['topics'])
