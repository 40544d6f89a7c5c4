"""Text cleaning rules, one function at a time (no Beam)."""
from __future__ import annotations

import pytest

from transforms.normalize.text import (clean_key, clean_line, clean_text, collapse_whitespace,
                                       decode_entities, fix_encoding, html_to_text,
                                       join_print_layout, looks_like_html, normalize_quotes,
                                       remove_hidden_characters, strip_invisible, truncate)


def test_html_to_text_keeps_paragraphs_drops_code_and_furniture():
    html = ('<html><head><title>T</title><style>p{}</style></head><body><nav>Menu</nav>'
            '<h1>Head</h1><p>One <a href="javascript:x()">link</a>\n  text.</p>'
            '<ul><li>a</li><li>b</li></ul><p>Two<br/>lines</p><script>evil()</script>'
            '<ruby>漢<rt>かん</rt></ruby><footer>(c) X</footer></body></html>')
    text = collapse_whitespace(html_to_text(html))
    assert text == 'Head\n\nOne link text.\n\na\n\nb\n\nTwo\nlines\n\n漢'


def test_html_to_text_svg_and_comments_removed():
    assert collapse_whitespace(html_to_text(
        '<p>a<!-- hidden --><svg><script>x</script><text>svg text</text></svg>b</p>')) == 'ab'


def test_looks_like_html_ignores_comparisons():
    assert looks_like_html('<p>x</p>')
    assert not looks_like_html('5 < 6 and 7 > 3')
    assert not looks_like_html('a <b and c')


@pytest.mark.parametrize('raw, expected', [
    ('Tom &amp; Jerry', 'Tom & Jerry'),
    ('Tom &amp;amp; Jerry', 'Tom & Jerry'),
    ('&amp;amp;quot;x&amp;amp;quot;', '"x"'),
    ('AT&T and R&D', 'AT&T and R&D'),
    ('&#8220;hi&#x201D;', '\u201chi\u201d'),
])
def test_decode_entities(raw, expected):
    assert decode_entities(raw) == expected


def test_fix_encoding_repairs_double_encoded_utf8_but_not_correct_text():
    assert fix_encoding('cafÃ© crÃ¨me') == 'café crème'
    correct = 'Le “café” — naïve façade, Ελλάδα, 東京'
    assert fix_encoding(correct) == correct


def test_strip_invisible_keeps_joiners_between_letters_only():
    assert strip_invisible('a\u200bb\u200ec\u202ed\x07e\x00') == 'abcde'
    assert strip_invisible('می\u200cخواهم') == 'می\u200cخواهم'
    assert strip_invisible('a\u200db') == 'ab'
    assert strip_invisible('x\r\ny\rz') == 'x\ny\nz'


def test_quotes():
    assert normalize_quotes("``Yes,'' he said") == '\u201cYes,\u201d he said'
    assert normalize_quotes('He said "no"') == 'He said "no"'
    assert normalize_quotes('He said "no"', curl_straight=True) == 'He said \u201cno\u201d'
    assert normalize_quotes('``A" and \u201cB"') == '\u201cA\u201d and \u201cB\u201d'
    assert normalize_quotes("it's Tom's") == "it's Tom's"


def test_print_layout_joins_lines_not_paragraphs():
    text = ('This sentence was broken by the printer in the middle of a clause and\n'
            'continues on this line until it finally ends.\n'
            'Another sentence follows on the next line, and it was wrapped after\n'
            'the comma.\n\nNew paragraph.')
    assert join_print_layout(text) == (
        'This sentence was broken by the printer in the middle of a clause and continues on '
        'this line until it finally ends.\n\nAnother sentence follows on the next line, and it '
        'was wrapped after the comma.\n\nNew paragraph.')


def test_print_layout_full_width_sentence_end_is_a_wrap_not_a_paragraph():
    text = ('The first sentence fills the whole printed line up to the margin.\n'
            'The second sentence continues the same paragraph after the wrap.')
    assert join_print_layout(text) == text.replace('\n', ' ')


def test_print_layout_cjk_and_leading_comma():
    assert join_print_layout('東京都は本日\n発表した。') == '東京都は本日発表した。'
    assert join_print_layout('according to a spokesman\n, troops were moved') == (
        'according to a spokesman, troops were moved')
    assert join_print_layout('serangan\nmiliter') == 'serangan militer'


def test_print_layout_list_items_stay_on_their_lines():
    text = 'The measures are as follows and apply to all regions:\n- first\n- second'
    assert join_print_layout(text) == (
        'The measures are as follows and apply to all regions:\n\n- first\n\n- second')


def test_clean_line_is_single_line():
    assert clean_line(' A \n B\t C ') == 'A B C'


def test_clean_text_nfc():
    assert clean_text('e\u0301') == '\u00e9'


def test_truncate_at_word_boundary():
    text = 'alpha beta gamma delta'
    assert truncate(text, 100) == (text, False)
    assert truncate(text, 12) == ('alpha beta', True)
    assert truncate(text, 14) == ('alpha beta gam', True)  # no boundary near enough
    assert truncate('x' * 20, 10) == ('x' * 10, True)


def test_surrogates_are_paired_or_replaced():
    from transforms.normalize.text import fix_surrogates
    assert fix_surrogates('a\ud83d\ude00b') == 'a\U0001F600b'
    assert fix_surrogates('a\ud800b') == 'a\ufffdb'
    assert clean_text('<p>x\udc00y</p>', html=True) == 'x\ufffdy'


def test_boilerplate_lines_are_dropped_but_sentences_that_mention_them_stay():
    from transforms.normalize.text import drop_boilerplate_lines
    text = ('Harga beras naik.\nBaca juga: Harga cabai melonjak\nADVERTISEMENT\n'
            'SCROLL TO CONTINUE WITH CONTENT\n[Related] Other story\n'
            'Read more about the decision in our explainer, the minister said.\n'
            'Lesen Sie auch: Inflation sinkt\n関連記事：日銀が会合\nThe end.')
    assert drop_boilerplate_lines(text) == (
        'Harga beras naik.\nRead more about the decision in our explainer, the minister said.'
        '\nThe end.')
    assert drop_boilerplate_lines('No furniture here.') == 'No furniture here.'


def test_clean_text_drops_boilerplate_paragraphs_from_html():
    html = '<p>Story text.</p><p><strong>Baca juga:</strong> <a href="/x">Lain</a></p><p>More text.</p>'
    assert clean_text(html, html=True) == 'Story text.\n\nMore text.'


def test_print_layout_indented_lines_open_paragraphs():
    text = ('\u3000東京都は本日、新たな対策を発表した。対策には補助金の\n拡充が含まれる'
            '予定で、来月から実施される。\n\u3000都の担当者は「早期に効果を出したい」と話した。')
    assert join_print_layout(text) == (
        '東京都は本日、新たな対策を発表した。対策には補助金の拡充が含まれる予定で、来月から実施される。'
        '\n\n都の担当者は「早期に効果を出したい」と話した。')
    assert clean_text(text, print_layout=True).startswith('東京都は本日')
    all_indented = '  one line that wraps\n  into the next'
    assert join_print_layout(all_indented) == 'one line that wraps into the next'


def test_feed_tails_are_cleaned():
    html = ('<p>The council approved the budget on Monday [&#8230;]</p>'
            '<p>The post Council approves budget appeared first on Example News.</p>')
    assert clean_text(html, html=True) == 'The council approved the budget on Monday…'
    assert clean_text('Prices rose again. Continue reading →') == 'Prices rose again.'
    assert clean_text('Prices rose again and Read more »') == 'Prices rose again and…'
    assert clean_text('Children should read more') == 'Children should read more'
    assert clean_text('A list [a] b [c]') == 'A list [a] b [c]'


# ----------------------------------------------------------------- hostile characters
NONCHARACTERS = ['\ufffe', '\uffff', '\ufdd0', '\ufdef', '\U0001fffe', '\U0010ffff']


@pytest.mark.parametrize('char', NONCHARACTERS)
def test_noncharacters_are_removed_from_text_and_lines(char):
    assert clean_text(f'Rates{char} held{char}.\n\nNext{char}') == 'Rates held.\n\nNext'
    assert clean_line(f'{char}Rates held{char}') == 'Rates held'
    assert clean_text(f'<p>a{char}b</p>', html=True) == 'ab'


@pytest.mark.parametrize('raw, expected', [
    ('a\x85b\x9fc', 'abc'),                     # stray C1 controls go, never '…' or 'Ÿ'
    ('Markets\x8d rally\x81', 'Markets rally'),
    ('Wait\x85what', 'Waitwhat'),
    ('\x93Quoted\x94 and don\x92t', '\u201cQuoted\u201d and don\u2019t'),   # cp1252 as Latin-1
    ('1990\x962000 \x96 a span of \x8010 bn\x85',
     '1990\u20132000 \u2013 a span of \u20ac10 bn\u2026'),
    ('\x93Quoted\x94 but a\x85b', 'Quoted but ab'),   # one implausible stray: none is read
    ('Caf\u00c3\u00a9', 'Caf\u00e9'),           # UTF-8 read as cp1252 is still repaired
    ('\u00e2\u0080\u00a6 and \u00e3\u0081\u008d', '\u2026 and \u304d'),   # C1 inside sequences
    ('\u00e0\u0080\u0080x', '\u00e0x'),         # not UTF-8 after all: strays
])
def test_c1_controls_become_characters_only_as_mojibake(raw, expected):
    assert clean_line(raw) == expected
    assert clean_text(raw) == expected


def test_fix_encoding_leaves_stray_c1_to_strip_invisible():
    assert strip_invisible(fix_encoding('a\x85b\x9fc')) == 'abc'
    assert fix_encoding('plain caf\u00e9') == 'plain caf\u00e9'


@pytest.mark.parametrize('char', [
    '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f', '\u202a', '\u202b',
    '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u00ad', '\u061c',
    '\u180e', '\u2061', '\U000e0001', '\U000e0041', '\x00', '\x85', '\ufffe', '\ufdd0'])
def test_clean_key_removes_every_invisible_character(char):
    assert clean_key(f'g{char}2') == 'g2'
    assert clean_key(f'{char} tag:example.com,2024:{char}story-1 {char}') == \
        'tag:example.com,2024:story-1'
    assert remove_hidden_characters(f'https://x.com/a{char}b') == 'https://x.com/ab'


def test_clean_key_whitespace_nfc_and_surrogates():
    assert clean_key(' a\t b\n\u00a0c ') == 'a b c'
    assert clean_key('cafe\u0301') == clean_key('caf\u00e9') == 'caf\u00e9'
    assert clean_key('g\ud800') == 'g\ufffd'
    assert clean_key('\u200b\u2066') == ''
    assert clean_key('\U0001F469\u200d\U0001F4BB') == '\U0001F469\U0001F4BB'   # keys only
