"""tag_item, the built-in Tagger (topics, categories, provenance) and user taggers."""
import copy
import os

import pytest

from transforms.model import new_item
from transforms.tag import TagError, Tagger, TagSettings, tag_item
from transforms.tag.settings import REPO_ROOT
from transforms.tag.topics import parse_topics

FIXTURE = os.path.join(REPO_ROOT, 'tests', 'data', 'tagging', 'gazetteer.jsonl')


@pytest.fixture(scope='module')
def tagger():
    return Tagger.from_settings(TagSettings(gazetteer_paths=(FIXTURE,)))


def ids(item, kind):
    return [t['id'] for t in item['tags'][kind]]


class TestTopics:
    RULES = parse_topics({
        'threshold': 4, 'title_weight': 2, 'max_hits_per_keyword': 2, 'min_keywords': 1,
        'topics': {
            'conflict': {'name': 'Conflict', 'keywords': {
                'en': {'war': 2, 'missile*': 2}, 'fr': {'guerre': 2}}},
            'sport': {'name': 'Sport', 'threshold': 3, 'keywords': {
                'en': {'goal': 1.5, 'war games': -3}, 'fr': {'but': 2}}},
        }})

    def test_threshold_and_title_weight(self):
        # one 'war' in the body: 2 < 4; in the title it counts twice: 4
        assert self.RULES.score({'body': 'The war goes on.'}) == []
        scored = self.RULES.score({'title': 'War goes on'})
        assert [(t.id, s) for t, s, _ in scored] == [('conflict', 4.0)]

    def test_hits_per_keyword_are_capped(self):
        scored = self.RULES.score({'body': 'war war war war war'})
        assert [s for _, s, _ in scored] == [4.0]

    def test_prefix_keyword(self):
        scored = self.RULES.score({'body': 'missiles and a missile launcher'})
        assert scored[0][0].id == 'conflict'
        assert scored[0][2][0] == {'field': 'body', 'alias': 'missile*', 'count': 2, 'weight': 2.0}

    def test_negative_weight(self):
        assert self.RULES.score({'body': 'goal goal in the war games'}) == []
        assert [t.id for t, _, _ in self.RULES.score({'body': 'goal goal'})] == ['sport']

    def test_language_keeps_false_friends_apart(self):
        text = {'body': 'but but, the plan is fine'}
        # language unknown: every keyword applies, so French 'but' (a goal) counts
        assert [t.id for t, _, _ in self.RULES.score(text)] == ['sport']
        assert self.RULES.score(text, {'body': 'en'}) == []
        assert [t.id for t, _, _ in self.RULES.score(text, {'body': 'fr'})] == ['sport']

    def test_min_keywords_needs_different_supporting_keywords(self):
        rules = parse_topics({'threshold': 4, 'min_keywords': 2, 'topics': {
            'conflict': {'name': 'Conflict', 'keywords': {'en': {
                'war': 2, 'troops': 2, 'airstrike': 3}}},
            'education': {'name': 'Education', 'keywords': {'en': {'schools': 2}}}}})
        # one word repeated reaches the score but not the support
        assert rules.score({'title': 'Closed', 'body': 'schools schools'}) == []
        # in the headline and the body it supports twice only when no topic qualified
        # (test_topics_short_items.py): beside one, it is a side subject
        assert [t.id for t, _, _ in rules.score(
            {'title': 'Schools closed', 'body': 'schools schools, war and troops'})] == ['conflict']
        assert rules.score({'body': 'war war war'}) == []
        assert [t.id for t, _, _ in rules.score({'body': 'war and troops'})] == ['conflict']
        # a decisive keyword (weight >= 3) stands for two
        assert [t.id for t, _, _ in rules.score({'title': 'Airstrike'})] == ['conflict']

    def test_short_keywords_match_case_as_written(self):
        rules = parse_topics({'threshold': 2, 'min_keywords': 1, 'topics': {
            'tech': {'name': 'Tech', 'keywords': {'en': {'AI': 2}}},
            'conflict': {'name': 'Conflict', 'keywords': {'en': {'war': 2}}}}})
        assert [t.id for t, _, _ in rules.score({'body': 'New AI rules'})] == ['tech']
        assert rules.score({'body': 'Ai Weiwei, ai, said'}) == []
        for text in ('the war', 'War ends', 'WAR ENDS'):
            assert [t.id for t, _, _ in rules.score({'body': text})] == ['conflict'], text
        assert rules.score({'body': 'forward, software'}) == []

    def test_hangul_keywords_take_verb_endings(self):
        rules = parse_topics({'threshold': 2, 'min_keywords': 1, 'topics': {
            'conflict': {'name': 'Conflict', 'keywords': {'ko': {'공격': 2}}}}})
        assert [t.id for t, _, _ in rules.score({'body': '군이 기지를 공격했다'})] == ['conflict']
        assert rules.score({'body': '반공격'}) == []          # the left edge still counts

    def test_entity_types_count_as_evidence(self):
        rules = parse_topics({'threshold': 4, 'min_keywords': 2, 'topics': {
            'politics': {'name': 'Politics', 'entity_types': {'head_of_state': 1.5},
                         'keywords': {'en': {'talks': 1.5}}}}})
        leaders = [('head_of_state', 'Q1', 'A', 'body'), ('head_of_state', 'Q2', 'B', 'title'),
                   ('head_of_state', 'Q2', 'B', 'body'), ('city', 'Q3', 'C', 'body')]
        scored = rules.score({'title': 'A and B', 'body': 'no keyword here'}, entities=leaders)
        # Q1 once in the body (1.5) + Q2 in the title (1.5 x 2): each entity counted once
        assert [(t.id, s) for t, s, _ in scored] == [('politics', 4.5)]
        assert {h.get('entity') for h in scored[0][2]} == {'Q1', 'Q2'}
        assert rules.score({'body': 'x'}, entities=leaders[:1]) == []

    def test_threshold_override(self):
        lowered = self.RULES.with_threshold(1.0)
        assert [t.id for t, _, _ in lowered.score({'body': 'war'})] == ['conflict']
        assert self.RULES.score({'body': 'war'}) == []


class TestTagItem:
    def test_tags_sorted_deduplicated_and_provenance(self, tagger):
        item = new_item(title='Putin and Belousov meet in Moscow',
                        body='Vladimir Putin met Andrey Belousov in Moscow, Russia. Putin said.')
        out = tag_item(item, tagger)
        assert ids(out, 'persons') == ['Q4172393', 'Q7747']        # Andrey..., Vladimir...
        assert ids(out, 'places') == ['Q649', 'Q159']                 # Moscow, Russia
        prov = out['provenance']['tags']
        putin_body = [p for p in prov if p['id'] == 'Q7747' and p['field'] == 'body']
        assert {(p['alias'], p['count']) for p in putin_body} == {('Vladimir Putin', 1),
                                                                   ('Putin', 1)}
        belousov_title = [p for p in prov if p['id'] == 'Q4172393' and p['field'] == 'title']
        assert belousov_title[0]['rule'] == 'in_context'
        assert all({'kind', 'id'} <= set(p) for p in prov)

    def test_input_item_is_not_modified(self, tagger):
        item = new_item(title='Russia', body='Russia and Ukraine')
        before = copy.deepcopy(item)
        tag_item(item, tagger)
        assert item == before

    def test_existing_tags_kept_and_merged(self, tagger):
        item = new_item(body='Russia said.', tags={'places': [{'id': 'Q159', 'name': 'Russia'},
                                                              {'id': 'x', 'name': 'Atlantis'}],
                                                   'persons': [], 'organizations': [],
                                                   'topics': [], 'categories': []})
        out = tag_item(item, tagger)
        assert out['tags']['places'] == [{'id': 'x', 'name': 'Atlantis'},
                                         {'id': 'Q159', 'name': 'Russia'}]

    def test_categories_mapped_and_unmapped_kept(self, tagger):
        item = new_item(title='x', tags={'persons': [], 'organizations': [], 'places': [],
                                         'topics': [], 'categories': [
                                             {'id': 'w解説', 'name': 'W解説'},
                                             {'id': 'gardening', 'name': 'Gardening'}]})
        out = tag_item(item, tagger)
        assert out['tags']['categories'] == [{'id': 'commentary', 'name': 'Commentary'},
                                             {'id': 'gardening', 'name': 'Gardening'}]
        assert {'kind': 'categories', 'id': 'commentary', 'field': 'categories',
                'alias': 'W解説', 'rule': 'categories'} in out['provenance']['tags']

    def test_topics_get_score_in_provenance(self, tagger):
        item = new_item(title='Missile strike', language='en',
                        body='Troops and artillery moved to the front line as the war '
                             'entered its third year; the defence minister said.')
        out = tag_item(item, tagger)
        assert 'conflict_defence' in ids(out, 'topics')
        record = [p for p in out['provenance']['tags'] if p['kind'] == 'topics'][0]
        assert record['score'] >= record['threshold'] and record['matches']

    def test_user_tagger_function_chains_after_the_builtin(self, tagger):
        seen = {}

        def port_tagger(item):
            seen['places'] = [t['id'] for t in item['tags']['places']]
            return {'places': [{'id': 'nb:place:busan-port', 'name': 'Port of Busan'}]}

        out = tag_item(new_item(body='Russia and the port'), tagger, port_tagger)
        assert seen['places'] == ['Q159']                  # it saw the built-in tags
        assert ids(out, 'places') == ['nb:place:busan-port', 'Q159']
        assert out['provenance']['tags'][-1]['rule'] == 'tagger'
        assert out['provenance']['tags'][-1]['tagger'].endswith('port_tagger')

    def test_user_tagger_object_with_tags_for(self):
        class Fixed:
            name = 'fixed'

            def tags_for(self, item):
                return {'topics': [{'id': 'shipping', 'name': 'Shipping'}]}

        out = tag_item(new_item(body='x'), Fixed())
        assert out['tags']['topics'] == [{'id': 'shipping', 'name': 'Shipping'}]
        assert out['provenance']['tags'] == [{'kind': 'topics', 'id': 'shipping',
                                              'rule': 'tagger', 'tagger': 'fixed'}]

    def test_tags_for_returns_tags_to_add(self, tagger):
        tags = tagger.tags_for(new_item(body='Yonhap reported from Pyongyang'))
        assert tags['organizations'] == [{'id': 'Q1363', 'name': 'Yonhap News Agency'}]
        assert tags['places'][0]['id'] == 'Q18808'

    @pytest.mark.parametrize('answer, message', [
        ({'people': []}, 'unknown tag kind'),
        ({'places': [{'id': 'x'}]}, '"id" and "name"'),
        ({'places': 'Busan'}, 'list'),
        (['Busan'], 'mapping'),
    ])
    def test_bad_user_answers_raise_tag_error(self, answer, message):
        with pytest.raises(TagError, match=message):
            tag_item(new_item(body='x'), lambda item: answer)

    def test_field_of_wrong_type_raises_tag_error(self, tagger):
        item = new_item(body='x')
        item['title'] = ['not', 'text']
        with pytest.raises(TagError, match="field 'title'"):
            tag_item(item, tagger)

    def test_kinds_setting_limits_output(self):
        t = Tagger.from_settings(TagSettings(gazetteer_paths=(FIXTURE,), kinds=('places',)))
        out = tag_item(new_item(body='Putin in Moscow; war, troops, missiles, artillery'), t)
        assert ids(out, 'places') == ['Q649'] and out['tags']['persons'] == []
        assert out['tags']['topics'] == []


def test_release_free_memory_offers_the_heap_back_on_glibc():
    # built once per worker after compiling the automata; never raises, a no-op off glibc
    import platform
    from transforms.tag.tagger import release_free_memory
    assert release_free_memory() is (platform.libc_ver()[0] == 'glibc')
