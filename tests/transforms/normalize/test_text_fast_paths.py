"""The fast paths of clean_text/clean_line (simple markup converted without nh3/lexbor; plain
text skipping the invisible-character, odd-space and mojibake passes) give exactly what the
full chain gives. Random inputs are built from the pieces where the two could part ways."""
import random
import unicodedata

import pytest

from transforms.normalize import text as text_module
from transforms.normalize.text import clean_line, clean_text

_TAGS = ['<p>', '</p>', '<div>', '</div>', '<h2>', '</h2>', '<ul>', '</ul>', '<ol>', '</ol>',
         '<li>', '</li>', '<blockquote>', '</blockquote>', '<b>', '</b>', '<em>', '</em>',
         '<strong>', '</strong>', '<span>', '</span>', '<i>', '</i>', '<br>', '<br/>', '<br />',
         '<hr>', '<wbr>', '<code>', '</code>', '<section>', '</section>', '<figure>',
         '</figure>', '<figcaption>', '</figcaption>',
         # not fast-path material: must fall back, and still agree
         '</br>', '<P>', '<a href="x">', '</a>', '<pre>', '</pre>', '<table>', '<td>', '<!-- c -->',
         '<script>x</script>', '<img src=x>', '<p class="a">', '</hr>']
_TEXT = ['Officials said', ' the budget', ' was approved.', 'Read more: here', 'Baca juga',
         'caf\u00e9', 'caf\u00c3\u00a9', '\u201cquoted\u201d', '"straight"', "it's", '``tex\'\'',
         ' ', '  ', '\n', '\n\n', '\t', '\r\n', '\f', '\u00a0', '\u2003', '\u3000', '\u200b',
         '\u200d', '\u034f', '\u115f', '\u2028', '\u0085', '\x07', '\ufeff', '\u00ad',
         '&amp;', '&lt;p&gt;', '&quot;', '&#39;', '&#x27;', '&nbsp;', '&#8217;', '&#x2014;',
         '&amp;amp;', '&copy;', ' & ', 'a > b', '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645',
         '\u65e5\u672c\u8a9e', '\U0001F600', '[\u2026]', 'Continue reading \u2192', '...',
         'e\u0301', '\u2000', '\ufffe', '\u00c2\u00a0', 'x' * 190, 'Read more: ' + 'y' * 185]
# Pieces that send the text down the full path (or make the parser decide).
_RISKY = ['&<b>amp;amp;amp;amp;lt;</b>', '&<wbr>amp;', '\x00', '&#10;', '&#32;', '&#0;', '&#x80;', '&#150;', '&copy', 'AT&T', '&', '&#',
          '5 < 6', '<', '\ud83d', '&#xD800;', '&#1114112;']


def _sample(rng: random.Random) -> str:
    risky = rng.random() < 0.3
    pieces = []
    for _ in range(rng.randint(1, 14)):
        roll = rng.random()
        if roll < 0.4:
            pieces.append(rng.choice(_TAGS) if risky else rng.choice(_TAGS[:37]))
        elif risky and roll < 0.5:
            pieces.append(rng.choice(_RISKY))
        else:
            pieces.append(rng.choice(_TEXT))
    return ''.join(pieces)


_CONTAINERS = ['div', 'blockquote', 'section', 'article', 'figure', 'figcaption', 'ul', 'ol']
_BLOCKS = ['p', 'h1', 'h3', 'h6']
_INLINE = ['b', 'i', 'em', 'strong', 'span', 'small', 'q', 's', 'code', 'time']


def _tree(rng: random.Random, parent: str = '', depth: int = 0) -> str:
    """Nested markup mostly within the fast path's content model (sometimes just outside)."""
    out = []
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.45 or depth > 3:
            out.append(rng.choice(_TEXT))
        elif roll < 0.55:
            out.append(rng.choice(['<br>', '<br />', '<wbr>', '<hr>']))
        else:
            if parent in ('ul', 'ol') and rng.random() < 0.8:
                name = 'li'
            elif parent in _BLOCKS or parent in _INLINE:
                name = rng.choice(_INLINE) if rng.random() < 0.95 else rng.choice(_BLOCKS)
            else:
                name = rng.choice(_CONTAINERS + _BLOCKS + _INLINE + ['li'])
            close = '' if rng.random() < 0.05 else f'</{name}>'
            out.append(f'<{name}>{_tree(rng, name, depth + 1)}{close}')
    return ''.join(out)


@pytest.fixture
def slow(monkeypatch):
    def run(fn, *args, **kwargs):
        with monkeypatch.context() as patch:
            patch.setattr(text_module, '_simple_html_to_text', lambda markup: None)
            patch.setattr(text_module, '_is_plain', lambda text: False)
            return fn(*args, **kwargs)
    return run


@pytest.mark.parametrize('seed', range(4))
def test_fast_paths_agree_with_the_full_chain(slow, seed):
    rng = random.Random(seed)
    for _ in range(1500):
        value = _sample(rng) if rng.random() < 0.5 else _tree(rng)
        html = rng.random() < 0.8
        layout = rng.random() < 0.2
        curl = rng.random() < 0.2
        assert clean_text(value, html=html, print_layout=layout, curl_straight_quotes=curl) == \
            slow(clean_text, value, html=html, print_layout=layout, curl_straight_quotes=curl), \
            repr(value)
        assert clean_line(value, html=html) == slow(clean_line, value, html=html), repr(value)


def test_simple_markup_takes_the_fast_path():
    fast = text_module._simple_html_to_text
    assert fast('<p>One &amp; two</p><p>Three<br>four</p>') is not None
    assert fast('Plain &quot;lead&quot; text') is not None
    assert fast('<ul><li><b>x</b></li></ul>') is not None
    # Markup the HTML parser would restructure, or references it reads its own way.
    for markup in ('<p>a<div>b</div></p>', 'a</div>b', '<li>a</li>', '<b>a<p>b</p></b>',
                   '&<b>amp;amp;amp;amp;lt;</b>', '&<wbr>#39;',
                   '<p class="x">a</p>', '&copy 2024', '&#x80;', '&#10;', 'a\x00b', '5 < 6'):
        assert fast(markup) is None, markup


def test_no_printable_character_becomes_special_under_nfc():
    # The plain-text path skips the odd-space pass after NFC: NFC must not create one.
    for code in range(0x110000):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF or not ch.isprintable() or ch in text_module._SPECIAL_CHARS:
            continue
        normalized = unicodedata.normalize('NFC', ch)
        if normalized != ch:
            assert not set(normalized) & text_module._SPECIAL_CHARS, hex(code)
