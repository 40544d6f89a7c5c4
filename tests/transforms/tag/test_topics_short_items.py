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


def test_a_side_topic_needs_a_share_of_the_best_score():
    """``min_share_of_best``: the war report of the real-news dev set that named a minister
    and a party on the way (politics 6 against conflict 18.5), in English."""
    rules = {
        'threshold': 4.0, 'min_keywords': 2,
        'topics': {
            'conflict': {'name': 'Conflict', 'keywords': {'en': {
                'troops': 2, 'military': 2, 'shelling': 2.5, 'front': 1.5}}},
            'politics': {'name': 'Politics', 'keywords': {'en': {'minister': 1, 'party': 1}}},
        },
    }
    body = ('Troops shelled the town; military sources said the shelling went on along the '
            'front, troops and military convoys moving. The shelling hit the front again, more '
            'troops arrived, military aid too, and the shelling went on. A minister of the '
            'ruling party and another minister visited; the party said nothing.')
    assert _topics(parse_topics(rules), '', body) == ['conflict', 'politics']
    assert _topics(parse_topics(dict(rules, min_share_of_best=0.25)), '', body) == ['conflict']
    for bad in (1, -0.1, 'a'):
        with pytest.raises(ValueError, match='min_share_of_best'):
            parse_topics(dict(rules, min_share_of_best=bad))
