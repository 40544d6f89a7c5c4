"""Regenerate the seed-article variants of the golden corpus (run by hand, not by pytest).

    .venv/bin/python tests/data/normalize/make_seed_variants.py

* seed_rewrapped.txt  -- the seed's text re-wrapped at 72 columns, paragraphs separated by blank
                         lines, TeX ``quotes'' kept, CRLF line ends and a BOM;
* seed_mojibake.txt   -- the seed's UTF-8 bytes decoded as Windows-1252 (classic double encoding);
* seed_dateline_top.txt -- the dateline on top and a byline under the headlines;
* seed_markup.html    -- the seed's body as an HTML page: paragraphs, inline markup, entities
                         (some double-escaped), a script, a style block, navigation and a footer.
"""
import html
import pathlib
import textwrap

import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252

from transforms.context import RunContext
from transforms.formats.article import parse_article_text
from transforms.normalize import NormalizeSettings, normalize_record

HERE = pathlib.Path(__file__).resolve().parent
seed_text = (HERE / 'seed_article.txt').read_text(encoding='utf-8')
seed = normalize_record(parse_article_text(seed_text, 'seed'), NormalizeSettings(),
                        RunContext('gen', '2026-11-27T06:00:00Z'))
raw_lines = seed_text.rstrip('\n').split('\n')
paragraphs = seed['body'].split('\n\n')

tex = [p.replace('\u201c', '``').replace('\u201d', "''") for p in paragraphs]
wrapped = '\n\n'.join(textwrap.fill(p, 72, break_on_hyphens=False) for p in tex)
rewrapped = '\ufeff' + '\n'.join([raw_lines[0], raw_lines[1], wrapped, raw_lines[-2], raw_lines[-1]])
(HERE / 'seed_rewrapped.txt').write_bytes(rewrapped.replace('\n', '\r\n').encode('utf-8'))

mojibake = seed_text.encode('utf-8').decode('sloppy-windows-1252')
(HERE / 'seed_mojibake.txt').write_text(mojibake, encoding='utf-8')


def markup(paragraph: str, index: int) -> str:
    escaped = html.escape(paragraph, quote=False)
    escaped = escaped.replace('\u201c', '&ldquo;').replace('\u201d', '&#8221;')
    escaped = escaped.replace('Kim Jong Il', '<b>Kim Jong Il</b>', 1)
    escaped = escaped.replace('Korea Utara', 'Korea&amp;nbsp;Utara', 1)  # double-escaped
    if index == 1:
        escaped = escaped.replace('Rusia', '<a href="https://www.wowkorea.jp/?utm_source=x">Rusia</a>', 1)
    if index == 2:
        escaped = escaped.replace('Belousov', 'Belo\u00adusov', 1)  # soft hyphen
    return f'<p class="txt">{escaped}</p>'


page = ('<!DOCTYPE html><html><head><title>wowkorea</title><style>p{color:red}</style>'
        '<script>var tracking = "<p>not text</p>";</script></head><body>'
        '<nav><ul><li>Home</li><li>News</li></ul></nav><article>\n'
        + '\n'.join(markup(p, i) for i, p in enumerate(paragraphs))
        + '\n<div class="share"><script>share()</script></div></article>'
        '<footer>Copyrights(C)wowkorea.jp</footer></body></html>')
(HERE / 'seed_markup.html').write_text(page, encoding='utf-8')
print('wrote', len(paragraphs), 'paragraphs')

# seed_dateline_top.txt -- dateline first, a byline under the headlines, copyright still last.
top = [raw_lines[-2], raw_lines[0], raw_lines[1], 'By Kim Min-ji', *raw_lines[2:-2], raw_lines[-1]]
(HERE / 'seed_dateline_top.txt').write_text('\n'.join(top) + '\n', encoding='utf-8')
