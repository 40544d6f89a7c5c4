"""parse_article_text: the layout rules of article text files, one test per rule."""
from __future__ import annotations

import pathlib

import pytest

from transforms.formats.article import parse_article_text
from transforms.formats.errors import InputError
from transforms.formats.limits import FormatLimits
from transforms.model import Reason

SEED = pathlib.Path(__file__).resolve().parents[2] / 'data' / 'normalize' / 'seed_article.txt'

BODY = ('The central bank left its main rate unchanged on Thursday, saying inflation was\n'
        'still above target.\n\nAnalysts had expected the decision.')


def _seed_text() -> str:
    return SEED.read_text(encoding='utf-8')


def test_seed_article_layout():
    record = parse_article_text(_seed_text(), 'seeds/000.txt')
    assert record['title_original'] == '北朝鮮の金総書記とロシアのベロウソフ国防相が会談=北朝鮮兵の増派など協議か'
    assert record['title'].startswith('Pertemuan Kim Jong Il dari Korea Utara')
    assert record['categories'] == ['W解説']
    assert record['published'] == '2024/12/06 15:34 KST'
    assert record['hints']['timezone'] == 'KST'
    assert record['hints']['print_layout'] is True
    assert record['source']['domain'] == 'wowkorea.jp'
    assert record['source']['kind'] == 'file'
    assert record['body'].startswith('Sekretaris Jenderal Korea Utara')
    assert record['body'].endswith('isi spesifik perundingan tersebut.')
    assert 'Copyrights' not in record['body'] and '2024/12/06' not in record['body']
    assert record['provenance'] == {'input': 'seeds/000.txt', 'format': 'article_text',
                                    'parser': 'newsbeam.article_text', 'entry': 0}


def test_crlf_and_bom_and_blank_edges():
    text = '\ufeff\r\n\r\nHeadline here\r\n' + BODY.replace('\n', '\r\n') + '\r\n2024-12-06 09:00 WIB\r\n\r\n'
    record = parse_article_text(text, 'x.txt')
    assert record['title'] == 'Headline here'
    assert '\r' not in record['body']
    assert record['published'] == '2024-12-06 09:00 WIB'
    assert record['hints']['timezone'] == 'WIB'


def test_single_headline_same_script_is_not_title_original():
    record = parse_article_text('Rates held steady\n' + BODY + '\n© 2024 Reuters', 'a.txt')
    assert record['title'] == 'Rates held steady'
    assert record['title_original'] is None
    assert record['body'].startswith('The central bank')


def test_dateline_at_top():
    text = '2024/12/06 15:34 KST\nRates held steady\n' + BODY + '\nCopyright 2024 Example News'
    record = parse_article_text(text, 'a.txt')
    assert record['published'] == '2024/12/06 15:34 KST'
    assert record['title'] == 'Rates held steady'
    assert record['source']['name'] == 'Example News'
    assert record['source']['domain'] is None


def test_dateline_under_headline_with_label():
    text = 'Rates held steady\nPublished: 6 December 2024 09:30 GMT\n' + BODY
    record = parse_article_text(text, 'a.txt')
    assert record['published'] == '6 December 2024 09:30 GMT'
    assert record['body'].startswith('The central bank')


def test_updated_label_goes_to_updated():
    text = 'Rates held steady\n' + BODY + '\nPublished: 2024-12-06 09:00 UTC\nUpdated: 2024-12-06 11:00 UTC'
    record = parse_article_text(text, 'a.txt')
    assert record['published'] == '2024-12-06 09:00 UTC'
    assert record['updated'] == '2024-12-06 11:00 UTC'


@pytest.mark.parametrize('line, name, domain', [
    ('Copyrights(C)wowkorea.jp 5', 'wowkorea.jp', 'wowkorea.jp'),
    ('© 2024 Reuters. All rights reserved.', 'Reuters', None),
    ('(c) Kompas.com', 'kompas.com', 'kompas.com'),
    ('Copyright © 2023-2024 The Straits Times', 'The Straits Times', None),
    ('版权所有 新华网', '新华网', None),
    ('저작권자 © 연합뉴스 무단전재 및 재배포 금지', '연합뉴스', None),
    ('ⓒ 한겨레신문사 hani.co.kr', 'hani.co.kr', 'hani.co.kr'),
    ('Hak cipta © 2024 Antara', 'Antara', None),
])
def test_copyright_spellings(line, name, domain):
    record = parse_article_text('Rates held steady\n' + BODY + '\n' + line, 'a.txt')
    assert record['source']['name'] == name
    assert record['source']['domain'] == domain
    assert line not in record['body']


@pytest.mark.parametrize('byline, authors', [
    ('By Jane Doe and John Roe', ['Jane Doe', 'John Roe']),
    ('Oleh: Budi Santoso', ['Budi Santoso']),
    ('홍길동 기자', ['홍길동']),
    ('Por María López, Ana Ruiz', ['María López', 'Ana Ruiz']),
])
def test_bylines_under_headline_or_at_bottom(byline, authors):
    top = parse_article_text('Rates held steady\n' + byline + '\n' + BODY, 'a.txt')
    bottom = parse_article_text('Rates held steady\n' + BODY + '\n' + byline + '\n© Example', 'a.txt')
    assert top['authors'] == authors
    assert bottom['authors'] == authors
    assert byline not in top['body'] and byline not in bottom['body']


@pytest.mark.parametrize('first, marker', [
    ('<W解説>北朝鮮の国防相が会談', 'W解説'),
    ('【速報】日銀が金利据え置き', '速報'),
    ('[Analysis] 日銀が金利据え置き', 'Analysis'),
])
def test_category_markers_leave_the_headline(first, marker):
    record = parse_article_text(first + '\nBank of Japan holds rates\n' + BODY, 'a.txt')
    assert record['categories'] == [marker]
    assert record['title'] == 'Bank of Japan holds rates'
    assert marker not in record['title_original']


def test_original_headline_in_other_script_korean_over_english():
    text = '한국은행 기준금리 동결\nBank of Korea holds rates\n' + BODY
    record = parse_article_text(text, 'a.txt')
    assert record['title_original'] == '한국은행 기준금리 동결'
    assert record['title'] == 'Bank of Korea holds rates'


def test_two_lines_only_are_headline_and_body():
    record = parse_article_text('日銀が金利据え置き\nBank of Japan holds rates steady.', 'a.txt')
    assert record['title'] == '日銀が金利据え置き'
    assert record['title_original'] is None
    assert record['body'] == 'Bank of Japan holds rates steady.'


def test_a_date_inside_the_body_stays_in_the_body():
    body = 'Line one of the body.\n2024/12/01 10:00 KST\nLine three.\nLine four.\nLine five.\nLine six.'
    record = parse_article_text('Headline\n' + body + '\n2024/12/06 15:34 KST', 'a.txt')
    assert record['published'] == '2024/12/06 15:34 KST'
    assert '2024/12/01 10:00 KST' in record['body']


@pytest.mark.parametrize('text', ['', '   \n\t\r\n ', '\ufeff', '2024/12/06 15:34 KST\nCopyrights(C)x.jp'])
def test_no_usable_layout_is_bad_article(text):
    with pytest.raises(InputError) as info:
        parse_article_text(text, 'bad.txt')
    assert info.value.reason == Reason.BAD_ARTICLE
    assert info.value.message


def test_first_line_a_paragraph_is_bad_article():
    with pytest.raises(InputError):
        parse_article_text('word ' * 200 + '\nmore', 'bad.txt')


def test_single_original_headline_followed_directly_by_body():
    body = ('Sekretaris Jenderal Korea Utara bertemu dengan Menteri Pertahanan Rusia di Pyongyang pada\n'
            'tanggal 29 bulan lalu dan membahas kerja sama militer kedua negara yang terus meningkat.\n'
            'Kantor Berita Pusat Korea melaporkan pertemuan itu keesokan harinya.')
    record = parse_article_text('北朝鮮の金総書記とロシアの国防相が会談\n' + body, 'a.txt')
    assert record['title'] == '北朝鮮の金総書記とロシアの国防相が会談'
    assert record['title_original'] is None
    assert record['body'].startswith('Sekretaris Jenderal')


def test_full_width_first_body_line_ending_in_full_stop_is_not_a_headline():
    body = ('The central bank left its main interest rate unchanged on Thursday again.\n'
            'Analysts had expected the decision after inflation stayed above target.\n'
            'The next meeting is scheduled for late January, the bank said today.')
    record = parse_article_text('日銀が金利を据え置き\n' + body, 'a.txt')
    assert record['title'] == '日銀が金利を据え置き'
    assert record['title_original'] is None


@pytest.mark.parametrize('line', [
    'By the end of the year, prices had risen by 5%.',
    'By the numbers: what the budget means for you',
    'Oleh karena itu, pemerintah menaikkan harga.',
])
def test_sentences_starting_like_bylines_stay_text(line):
    top = parse_article_text(line + '\n' + BODY, 'a.txt')
    assert top['title'] == line and top['authors'] == []
    bottom = parse_article_text('Headline\n' + BODY + '\n' + line, 'a.txt')
    assert bottom['authors'] == [] and bottom['body'].endswith(line)


def test_byline_with_roles():
    record = parse_article_text('Headline\n' + BODY + '\nReporting by Jane Doe; Editing by John Roe',
                                'a.txt')
    assert record['authors'] == ['Jane Doe', 'John Roe']


def test_sentence_about_copyright_is_body_text():
    last = 'The publisher said it would sue the start-up for copyright infringement next month.'
    record = parse_article_text('Headline\n' + BODY + '\n' + last, 'a.txt')
    assert record['body'].endswith(last)
    assert record['source']['name'] is None


@pytest.mark.parametrize('line, name', [
    ('<저작권자 © 연합뉴스, 무단 전재 및 재배포 금지>', '연합뉴스'),
    ('Kompas.com © 2024', 'kompas.com'),
    ('Reuters. Copyright 2024. All rights reserved.', 'Reuters'),
])
def test_more_copyright_layouts(line, name):
    record = parse_article_text('Headline\n' + BODY + '\n' + line, 'a.txt')
    assert record['source']['name'] == name
    assert line not in record['body']


# hostile layouts cost linear time --------------------------------------------------------------

def test_a_million_blank_lines_are_stripped_in_linear_time():
    # pop(0) per blank line made this quadratic: 200,000 blank lines took 6 s
    text = '\n' * 1_000_000 + 'Headline here\n' + '\n' * 1_000_000 + BODY + '\n' * 1_000_000
    record = parse_article_text(text, 'a.txt')
    assert record['title'] == 'Headline here' and record['body'] == BODY


def test_a_giant_first_line_is_not_a_headline_in_another_language():
    text = '北朝鮮' * 100_000 + '\nPertemuan Kim Jong Il\n' + BODY
    with pytest.raises(InputError) as err:
        parse_article_text(text, 'a.txt')
    assert err.value.reason == Reason.BAD_ARTICLE


def test_leading_markers_are_taken_a_bounded_number_of_times():
    with pytest.raises(InputError):
        parse_article_text('[x]' * 100_000 + ' Headline\n' + BODY, 'a.txt')
    record = parse_article_text('[a][b] Headline\n' + BODY, 'a.txt')
    assert record['title'] == 'Headline' and record['categories'] == ['a', 'b']


def test_long_body_is_cut_and_said_so():
    record = parse_article_text('Headline\n' + 'word ' * 1000, 'a.txt',
                                FormatLimits(max_field_chars=100))
    assert len(record['body']) == 100 and record['quality']['truncated'] == ['body']
