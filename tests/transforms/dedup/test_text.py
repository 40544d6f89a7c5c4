"""Normalisation, segmentation and shingling (plain functions)."""
import numpy as np

from transforms.dedup import text as T


def test_normalize_folds_entities_unicode_case_and_punctuation():
    a = T.normalize('The mayor&#8217;s &quot;plan&quot; costs \uff11\uff12 million \u2014 '
                    'for the na\u00adtion\u200b\u2019s CAF\u00c9S')
    b = T.normalize("The Mayor's \u201cplan\u201d costs 12 million - for the nation's cafe\u0301s")
    assert a == b == 'the mayor s plan costs 12 million for the nation s cafés'


def test_segments_split_lines_and_sentences_including_cjk():
    text = 'First sentence. Second one!\nAdvertisement\n札幌市は発表した。市議会は審議する。'
    assert T.segments(text) == ['First sentence.', 'Second one!', 'Advertisement',
                                '札幌市は発表した。', '市議会は審議する。']


def test_tokens_split_unspaced_scripts_into_characters_and_keep_words():
    toks = T.tokens(T.normalize('Kim Jong Un met 金総書記 in ภาษาไทย'))
    assert toks == ['kim', 'jong', 'un', 'met', '金', '総', '書', '記', 'in',
                    'ภ', 'า', 'ษ', 'า', 'ไ', 'ท', 'ย']


def test_script_not_language_field_decides_character_shingling():
    ja = T.tokens(T.normalize('札幌市は一日、冬の除雪費用として補正予算案を発表した。'))
    en = T.tokens(T.normalize('Sapporo announced a record snow removal budget on Monday.'))
    mixed = T.tokens(T.normalize('Pertemuan Kim Jong Un (金正恩) dan Menteri Belousov di Pyongyang '
                                 'membahas kerja sama militer.'))
    assert T.is_unspaced_text(ja, 0.3)
    assert not T.is_unspaced_text(en, 0.3)
    assert not T.is_unspaced_text(mixed, 0.3)


def test_shingles_are_order_sensitive_ngrams_and_short_texts_still_get_one():
    h = T.token_hashes(['a', 'b', 'c', 'd', 'e'])
    three = T.shingle_hashes(h, 3)
    assert len(three) == 3
    reordered = T.shingle_hashes(T.token_hashes(['c', 'b', 'a', 'd', 'e']), 3)
    assert len(np.intersect1d(three, reordered)) == 0
    assert len(T.shingle_hashes(T.token_hashes(['only', 'two']), 4)) == 1
    assert len(T.shingle_hashes(T.token_hashes([]), 4)) == 0


def test_fingerprint_equal_for_entity_and_wrap_variants_and_differs_for_edits():
    body = 'The council approved the plan.\nIt takes effect in May.'
    assert T.fingerprint('Plan approved', body) == T.fingerprint(
        'Plan  approved', 'The council approved the plan. It takes\neffect in May.')
    assert T.fingerprint('Plan approved', body) != T.fingerprint('Plan rejected', body)


def test_title_grams_similarity_for_a_corrected_headline():
    a = T.title_grams('Gdansk dock workers strike after pay talks collapse')
    b = T.title_grams('Gdansk dockworkers strike after pay talks collapse')
    c = T.title_grams('Storm Caroline cuts power to 60,000 homes')
    jac = lambda x, y: len(np.intersect1d(x, y)) / len(np.union1d(x, y))  # noqa: E731
    assert jac(a, b) > 0.8
    assert jac(a, c) < 0.1
