"""Topics on real (long) news: side topics with only weak evidence, entity types too weak to
support a topic, the threshold of long texts, and the real-news dev items whose topics the
shipped rules now get right."""
import json
import os

import pytest

from tests.transforms.tag.shipped import tag_text
from transforms.tag.settings import REPO_ROOT
from transforms.tag.topics import parse_topics

RULES = {
    'threshold': 4.0, 'min_keywords': 2,
    'topics': {
        'conflict': {'name': 'Conflict', 'keywords': {'en': {
            'air strike': 2.5, 'defence ministry': 2.5, 'helicopters': 1}}},
        'politics': {'name': 'Politics', 'entity_types': {'politician': 1,
                                                          'government_body': 0.5},
                     'keywords': {'en': {'talks': 1.5, 'kremlin': 1}}},
    },
}
# rd-ru-02 of the real-news dev set, in English: an air strike report that quotes the Kremlin on
# talks and names a governor on the way
TITLE = 'Ukraine will not confirm air strike on Belgorod fuel depot'
BODY = ('The defence ministry would neither confirm nor deny the air strike, the defence ministry '
        'spokesman said. Governor Gladkov said two helicopters carried out the air strike. '
        'The Kremlin said the air strike did not help the talks; the Kremlin spokesman spoke '
        'of the talks again.')
GOVERNOR = [('politician', 'Q1', 'Vyacheslav Gladkov', 'body')]


def _topics(rules, title, body, entities=()):
    scored = rules.score({'title': title, 'body': body}, {'title': 'en', 'body': 'en'},
                         entities=entities)
    return [topic.id for topic, _score, _hits in scored]


def test_a_side_topic_with_weak_evidence_only_needs_a_larger_share():
    assert _topics(parse_topics(dict(RULES, min_share_of_best=0.25)), TITLE, BODY,
                   GOVERNOR) == ['conflict', 'politics']
    rules = parse_topics(dict(RULES, min_share_of_best=0.25, min_share_of_best_weak=0.4))
    assert _topics(rules, TITLE, BODY, GOVERNOR) == ['conflict']
    # a strong word of its own makes it a side subject again
    strong = dict(RULES, min_share_of_best=0.25, min_share_of_best_weak=0.4)
    strong['topics'] = dict(RULES['topics'], politics=dict(
        RULES['topics']['politics'], keywords={'en': {'talks': 2, 'kremlin': 1}}))
    assert _topics(parse_topics(strong), TITLE, BODY, GOVERNOR) == ['conflict', 'politics']
    for bad in (1, -0.1, 'a'):
        with pytest.raises(ValueError, match='min_share_of_best_weak'):
            parse_topics(dict(RULES, min_share_of_best_weak=bad))


def test_an_entity_type_lighter_than_one_adds_score_but_no_support():
    """A central bank (a government body) named in a rates story is not politics support."""
    rules = parse_topics(RULES)
    bodies = [('government_body', 'Q2', 'Bank of England', 'title'),
              ('government_body', 'Q3', 'Office for National Statistics', 'body')]
    # talks twice (3.0) + two bodies (0.5 x 2 in the title, 0.5) = 4.5: the score, one support
    body = 'Talks on pay and talks on rates go on.'
    assert _topics(rules, 'Bank of England holds rates', body, bodies) == []
    # a politician (weight 1) does support
    assert _topics(rules, 'Bank of England holds rates', body, bodies + GOVERNOR) == ['politics']


def test_a_long_text_needs_a_higher_score():
    """``long_text_chars``: rd-ru-09 of the real-news dev set, in English: a report on a
    referendum whose background paragraph names a ceasefire and troops (4.5 points)."""
    rules = {'threshold': 4.0, 'min_keywords': 2, 'topics': {
        'conflict': {'name': 'Conflict', 'keywords': {'en': {'ceasefire': 2.5, 'troops': 2}}}}}
    background = 'In 2008 troops crossed the border; a ceasefire followed. '
    long_body = 'The leader spoke of unity and a referendum on joining. ' * 30 + background
    assert len(long_body) > 1600
    assert _topics(parse_topics(rules), '', long_body) == ['conflict']
    assert _topics(parse_topics(dict(rules, long_text_chars=1000)), '', long_body) == []
    # a short text keeps the plain threshold; a Chinese character counts three letters
    assert _topics(parse_topics(dict(rules, long_text_chars=1000)), '', background) == [
        'conflict']
    zh = parse_topics({'threshold': 4.0, 'min_keywords': 2, 'long_text_chars': 1000, 'topics': {
        'conflict': {'name': 'Conflict', 'keywords': {'zh': {'停火': 2.5, '军队': 2}}}}})
    body = '两国领导人谈到合作。' * 60 + '军队和停火。'   # 606 characters: 1,818 letters
    assert [t.id for t, _, _ in zh.score({'body': body}, {'body': 'zh'})] == []
    assert [t.id for t, _, _ in zh.score({'body': body[-60:]}, {'body': 'zh'})] == ['conflict']
    # the threshold a long text was held to is the one its topic reports (provenance)
    strong = long_body + 'Troops and a ceasefire again; troops and a ceasefire. ' * 3
    scored = parse_topics(dict(rules, long_text_chars=1000)).score({'body': strong})
    assert [(t.id, t.threshold) for t, _, _ in scored] == [
        ('conflict', round(4.0 * (len(strong) / 1000) ** 0.5, 3))]
    assert parse_topics(rules).score({'body': strong})[0][0].threshold == 4.0
    with pytest.raises(ValueError, match='long_text_chars'):
        parse_topics(dict(rules, long_text_chars=-1))


def _rows(name):
    path = os.path.join(REPO_ROOT, 'tests', 'data', 'tagging', name)
    with open(path, encoding='utf-8') as fh:
        return {row['id']: row for row in map(json.loads, fh) if row}


@pytest.mark.parametrize('item_id', [
    'rd-ru-02',     # politics from a governor, the Kremlin, military bodies: a side topic no more
    'rd-ru-04',     # roaming charges abolished: economy (роуминг in headline and body)
    'rd-ru-06',     # a "foreign agent" designation: politics
    'rd-ru-07',     # evacuation under fire is war, not a disaster
    'rd-ru-09',     # referendum, foreign ministry: politics; the 2008 war in the background is not
    'rd-en-04',     # "new laws" in headline and body: politics
])
def test_real_news_dev_items_get_their_topics(tagger, item_id):
    row = _rows('real_dev.jsonl')[item_id]
    lang = row['language']
    got = {t['id'] for t in tag_text(tagger, row['body'], lang, row['title'])['topics']}
    assert got == set(row['expected']['topics'])


def test_biography_law_schools_are_no_education_story(tagger):
    """rd-en-03, a Supreme Court profile: the law schools of a biography are no education
    story. (Its politics, a side topic below 0.55 of crime and law's score, is dropped since
    round 17 raised min_share_of_best: one of the ten right side topics that change lost.)"""
    row = _rows('real_dev.jsonl')['rd-en-03']
    got = {t['id'] for t in tag_text(tagger, row['body'], row['language'], row['title'])['topics']}
    assert 'crime_law' in got and 'education' not in got
