"""Matching rules of transforms/tag/matcher.py: boundaries, unspaced scripts, longest match,
short and ambiguous aliases."""
import pytest

from transforms.tag.gazetteer import parse_entity
from transforms.tag.matcher import EntityMatcher, PhraseIndex
from transforms.tag.text import fold_phrase, fold_text


def entity(id, name, kind='place', aliases=None, country=None, ambiguous=None, type=None):
    data = {'id': id, 'name': name, 'kind': kind, 'aliases': aliases or {}}
    if country:
        data['country'] = country
    if ambiguous:
        data['ambiguous'] = ambiguous
    if type:
        data['type'] = type
    return parse_entity(data)


ENTITIES = [
    entity('Q423', 'North Korea', aliases={'id': ['Korea Utara'], 'ja': ['北朝鮮'], 'ko': ['북한'],
                                           'fr': ['Corée du Nord']}, country='KP'),
    entity('Q884', 'South Korea', aliases={'en': ['Korea'], 'ko': ['한국']}, country='KR',
           ambiguous=['Korea']),
    entity('Q159', 'Russia', aliases={'ja': ['ロシア'], 'ko': ['러시아'], 'ar': ['روسيا'],
                                      'ru': ['Россия']}, country='RU'),
    entity('Q30', 'United States', aliases={'en': ['US', 'U.S.'], 'id': ['AS'], 'ja': ['米', '米国'], 'zh': ['美国'],
                                            'ko': ['미국']}, country='US'),
    entity('Q17', 'Japan', aliases={'ja': ['日', '日本']}, country='JP'),
    entity('Q842', 'Oman', aliases={'ja': ['オマーン']}, country='OM'),
    entity('Q912', 'Mali', aliases={'ja': ['マリ']}, country='ML'),
    entity('Q668', 'India', aliases={'ja': ['インド'], 'ko': ['인도']}, country='IN'),
    entity('Q252', 'Indonesia', aliases={'ja': ['インドネシア'], 'ko': ['인도네시아']}, country='ID'),
    entity('Q1490', 'Tokyo', aliases={'ja': ['東京']}, country='JP'),
    entity('Q34600', 'Kyoto', aliases={'ja': ['京都']}, country='JP'),
    entity('Q230', 'Georgia', country='GE'),
    entity('Q1428', 'Georgia (U.S. state)', aliases={'en': ['Georgia']}, country='US'),
    entity('Q994', 'Tbilisi', country='GE'),
    entity('Q23556', 'Atlanta', country='US'),
    entity('Q7747', 'Vladimir Putin', 'person', {'en': ['Putin']}, country='RU'),
    entity('Q4172393', 'Andrey Belousov', 'person', {'en': ['Belousov']}, country='RU',
           ambiguous=['Belousov']),
    entity('Q1065', 'United Nations', 'organization', {'en': ['UN']}, ambiguous=['UN']),
    entity('Q1150', 'Korean Central News Agency', 'organization',
           {'id': ['Kantor Berita Pusat Korea']}, country='KP'),
]


@pytest.fixture(scope='module')
def matcher():
    return EntityMatcher(ENTITIES)


def names(matcher, text, field='body'):
    return sorted({m.entity.name for m in matcher.find({field: text})})


class TestFolding:
    def test_nfkc_and_case_fold_meet_one_key(self):
        assert fold_phrase('Ｋｏｒｅａ  UTARA') == 'korea utara'
        assert fold_phrase('ﾛｼｱ') == 'ロシア'          # half-width katakana

    def test_offsets_when_case_folding_lengthens(self):
        norm, folded, offsets = fold_text('Straße US')
        assert folded == 'strasse us'
        assert offsets is not None and norm[offsets[folded.index('us')]] == 'U'

    def test_match_after_a_lengthening_character_maps_back(self, matcher):
        # 'ß' folds to 'ss': the exact-case check must look at the right characters
        assert names(matcher, 'Die Straße führt in die US-Botschaft') == ['United States']


class TestWordBoundaries:
    def test_not_inside_a_latin_word(self, matcher):
        assert names(matcher, 'A woman from Omanville met the Malian envoy') == []

    def test_punctuation_and_possessive_are_boundaries(self, matcher):
        assert names(matcher, "Oman's ruler and (Mali) officials") == ['Mali', 'Oman']

    def test_latin_alias_next_to_cjk_script_is_a_boundary(self):
        m = EntityMatcher([entity('Q7184', 'NATO', 'organization', country=None)])
        assert names(m, 'NATO加盟国の首脳') == ['NATO']
        assert names(m, 'NATOs') == []

    def test_case_insensitive_for_long_aliases(self, matcher):
        assert names(matcher, 'KOREA UTARA MENOLAK') == ['North Korea']

    def test_accented_alias(self, matcher):
        assert names(matcher, 'La Corée du Nord a tiré un missile') == ['North Korea']

    def test_arabic_proclitic_and(self, matcher):
        assert names(matcher, 'وروسيا') == ['Russia']
        assert names(matcher, 'بروسيا') == ['Russia']

    def test_arabic_letters_glued_on_the_right_are_another_word(self, matcher):
        assert names(matcher, 'روسياتي') == []


class TestUnspacedScripts:
    def test_japanese_without_spaces(self, matcher):
        assert names(matcher, '北朝鮮の金総書記とロシアの国防相が会談') == ['North Korea', 'Russia']

    def test_single_cjk_character_aliases_never_match(self, matcher):
        assert names(matcher, '米の値段が日ごとに上がる') == []

    def test_two_character_alias_inside_a_han_compound_in_japanese(self, matcher):
        # 東京都庁: 京都 sits inside Han on both sides and overlaps 東京 (longest/leftmost wins)
        assert names(matcher, '東京都庁で会見した') == ['Tokyo']
        # 京都 alone between kana is a word
        assert names(matcher, 'きょうは京都で会見した') == ['Kyoto']

    def test_two_character_alias_flanked_by_han_in_japanese_is_refused(self):
        m = EntityMatcher([entity('Q34600', 'Kyoto', aliases={'ja': ['京都']}, country='JP')])
        assert names(m, 'これは東京都庁の話です') == []
        assert names(m, '京都府の知事は') == ['Kyoto']

    def test_chinese_two_character_alias_between_han_counts(self, matcher):
        # no kana: Chinese has no word-edge signal, so the guard does not apply
        assert names(matcher, '他说美国将加征关税') == ['United States']

    def test_thai_without_spaces(self):
        m = EntityMatcher([entity('Q1861', 'Bangkok', aliases={'th': ['กรุงเทพ']}, country='TH')])
        assert names(m, 'นายกรัฐมนตรีเดินทางไปกรุงเทพเมื่อวานนี้') == ['Bangkok']

    def test_katakana_alias_inside_a_longer_katakana_word(self, matcher):
        assert names(matcher, 'マリアさんとオマーン政府') == ['Oman']
        assert names(matcher, 'マリ政府は') == ['Mali']

    def test_longest_match_in_katakana(self, matcher):
        assert names(matcher, 'インドネシアの首都') == ['Indonesia']

    def test_hangul_particles_attach_on_the_right(self, matcher):
        assert names(matcher, '북한은 러시아의 요청에 따라 미국과 협상') == [
            'North Korea', 'Russia', 'United States']

    def test_hangul_two_syllable_alias_needs_a_particle(self, matcher):
        assert names(matcher, '인도는 성장했다') == ['India']
        assert names(matcher, '그는 서류를 인도했다') == []        # 인도했다 = handed over
        assert names(matcher, '인도네시아 정부') == ['Indonesia']

    def test_hangul_headline_short_locative(self, matcher):
        # headlines shorten 에서 to 서: 미국서 = "in the US"; a longer run is still no particle
        assert names(matcher, '미국서 대규모 시위') == ['United States']
        assert names(matcher, '인도서류 검토') == []

    def test_hangul_alias_not_inside_a_longer_word_on_the_left(self, matcher):
        assert names(matcher, '남북한 관계') == []


class TestLongestMatch:
    def test_longer_alias_beats_the_shorter_it_contains(self, matcher):
        found = matcher.find({'body': 'Kantor Berita Pusat Korea melaporkan'})
        assert [m.entity.name for m in found] == ['Korean Central News Agency']

    def test_longest_wins_over_partial_overlap(self):
        m = EntityMatcher([entity('A', 'Alpha Beta'), entity('B', 'Beta Gamma Delta')])
        assert names(m, 'Alpha Beta Gamma Delta') == ['Beta Gamma Delta']

    def test_equal_length_overlap_goes_to_the_leftmost(self):
        m = EntityMatcher([entity('A', 'Alpha Beta'), entity('B', 'Beta Gamma')])
        assert names(m, 'Alpha Beta Gamma') == ['Alpha Beta']


class TestShortAndAmbiguousAliases:
    def test_short_alias_needs_exact_case(self, matcher):
        assert names(matcher, 'Presiden AS Trump') == ['United States']
        assert names(matcher, 'as well as us') == []
        assert names(matcher, 'Us and them') == []

    def test_short_alias_in_a_shouted_headline_needs_context(self, matcher):
        assert names(matcher, 'PLEASE TELL US WHAT HAPPENED', 'title') == []
        found = matcher.find({'title': 'TRUMP TELLS US ALLIES TO PAY MORE', 'body': 'In Atlanta, ...'})
        assert {m.entity.name for m in found} == {'Atlanta', 'United States'}

    def test_ambiguous_alias_without_context_is_dropped(self, matcher):
        assert names(matcher, 'Belousov spoke on Tuesday.') == []
        assert names(matcher, 'the UN Security Council') == []

    def test_ambiguous_alias_with_its_country(self, matcher):
        found = matcher.find({'body': 'Belousov arrived from Russia.'})
        belousov = [m for m in found if m.entity.name == 'Andrey Belousov']
        assert belousov and belousov[0].rule == 'in_context' and belousov[0].context == 'RU'

    def test_ambiguous_alias_with_another_alias_of_the_same_entity(self):
        m = EntityMatcher([entity('Q4172393', 'Andrey Belousov', 'person', {'en': ['Belousov']},
                                  country='RU', ambiguous=['Belousov'])])
        found = m.find({'title': 'Belousov visits', 'body': 'Andrey Belousov said'})
        assert {(x.field, x.rule) for x in found} == {('title', 'in_context'), ('body', 'alias')}

    def test_ambiguous_mentions_do_not_confirm_each_other(self, matcher):
        assert names(matcher, 'Belousov and Korea') == []

    def test_shared_alias_resolved_by_context(self, matcher):
        assert names(matcher, 'Georgia (Tbilisi) protests') == ['Georgia', 'Tbilisi']
        assert names(matcher, 'Atlanta, Georgia') == ['Atlanta', 'Georgia (U.S. state)']
        assert names(matcher, 'Georgia votes on Sunday') == []

    def test_context_from_another_field(self, matcher):
        found = matcher.find({'title': 'Putin meets Belousov', 'body': 'Nothing else.'})
        assert {m.entity.name for m in found} == {'Vladimir Putin', 'Andrey Belousov'}


class TestPhraseIndex:
    def test_prefix_keyword_has_no_right_boundary(self):
        index = PhraseIndex()
        index.add('militer*', 'k', prefix=True)
        index.build()
        assert [p for _, _, p in index.scan(fold_text('militernya')[1])] == [('k',)]
        assert list(index.scan(fold_text('antimiliter')[1])) == []

    def test_too_short_phrases_are_not_indexed(self):
        index = PhraseIndex()
        assert index.add('米', 'x') is False
        assert index.add('A', 'x') is False
        assert index.add('米国', 'x') is True

    def test_scan_before_build_is_an_error(self):
        with pytest.raises(RuntimeError):
            list(PhraseIndex().scan('text'))

    def test_build_frees_its_tables_and_keeps_its_size(self):
        # the build tables are dropped after compiling (memory); the index still knows its
        # size, matches as before, and refuses phrases added too late
        index = PhraseIndex()
        index.add('Korea Utara', 'k')
        index.add('US', 'u', exact_case=True)
        index.add('militer*', 'm', prefix=True)
        assert len(index) == 3
        index.build()
        assert len(index) == 3
        assert [p for _, _, p in index.scan(fold_text('Korea Utara')[1])] == [('k',)]
        with pytest.raises(RuntimeError):
            index.add('Korea Selatan', 'k2')
        with pytest.raises(RuntimeError):
            index.add('UN', 'n', exact_case=True)
        with pytest.raises(RuntimeError):
            index.build()


class TestCapitals:
    M = None

    @classmethod
    def setup_class(cls):
        cls.M = EntityMatcher([entity('Q43', 'Turkey', country='TR'),
                               entity('Q298', 'Chile', country='CL'),
                               entity('Q1', 'al-Qaeda', 'organization')])

    def test_lowercase_common_word_is_not_the_place(self):
        assert names(self.M, 'Thanksgiving turkey prices rose; chile peppers too') == []

    def test_capitalised_proper_noun_matches(self):
        assert names(self.M, 'Turkey and Chile signed a deal') == ['Chile', 'Turkey']
        assert names(self.M, 'TURKEY AND CHILE SIGN DEAL') == ['Chile', 'Turkey']

    def test_lowercase_alias_matches_any_case(self):
        assert names(self.M, 'Al-Qaeda claimed it') == ['al-Qaeda']

    def test_rule_can_be_turned_off(self):
        m = EntityMatcher([entity('Q43', 'Turkey', country='TR')], require_capital=False)
        assert names(m, 'visiting turkey next week') == ['Turkey']


def test_exact_and_prefix_phrases_sharing_a_key():
    index = PhraseIndex()
    index.add('nato', 'alias')
    index.add('nato*', 'keyword', prefix=True)
    index.build()
    found = lambda text: [p for _, _, p in index.scan(fold_text(text)[1])]
    assert found('NATO summit') == [('alias', 'keyword')]
    assert found('natomembers') == [('keyword',)]      # only the prefix phrase runs on


def test_case_sensitive_phrase_positions_after_a_lengthening_fold():
    index = PhraseIndex()
    index.add('UN', 'un', exact_case=True)
    index.build()
    norm, folded, offsets = fold_text('Maßnahmen der UN heute')
    (start, stop, payloads), = index.scan(folded, norm=norm, offsets=offsets)
    assert folded[start:stop] == 'un' and payloads == ('un',)
