"""Hypothesis strategies for hostile news inputs: JSON values and item-shaped objects, raw
bytes, and mutations of the bundled samples."""
import glob
import json
import os

from hypothesis import strategies as st

from pipeline.config import REPO_ROOT

SAMPLES = os.path.join(REPO_ROOT, 'samples')
SAMPLE_FEEDS = sorted(glob.glob(os.path.join(SAMPLES, 'feeds', '*')))
SAMPLE_LINES = [line for line in open(os.path.join(SAMPLES, 'items', 'partners.jsonl'), 'rb')
                if line.strip()]
SAMPLE_ARTICLES = sorted(glob.glob(os.path.join(SAMPLES, 'articles', '*.txt'))) + [
    os.path.join(SAMPLES, '000_f2941d14c663b832.txt')]

ITEM_KEYS = ['id', 'url', 'link', 'guid', 'title', 'headline', 'summary', 'description', 'body',
             'content', 'text', 'published', 'date', 'pubDate', 'published_at', 'updated',
             'authors', 'author', 'source', 'tags', 'categories', 'keywords', 'language',
             'extra', 'dedup', 'provenance', 'canonical_url', 'title_original']

# text with the characters that break naive code: controls, C1, invisible and bidi marks,
# noncharacters, lone surrogates, RTL and CJK, combining marks
_NASTY = ('\x00\x01\x1b\x7f\x85\x9f\u00ad\u200b\u200d\u200e\u202e\u2066\ufeff\ufffe\uffff'
          '\ud800\udfff\U0010ffff\u0301\u05d0\u0627\u4e2d\u3042\ud55c<>&"\'\\/`\n\r\t ')
nasty_text = st.text(alphabet=st.sampled_from(_NASTY) | st.characters(), max_size=80)
urlish = st.one_of(
    st.sampled_from(['http://[::1', 'javascript:alert(1)', 'http://user:pw@example.com/a',
                     'https://example.com/a?utm_source=x#f', '//no-scheme', 'http://',
                     'http://exa mple.com', 'http://example.com:99999/', 'file:///etc/passwd',
                     'data:text/html,<b>x</b>', 'http://%zz.example/']),
    nasty_text)
dates = st.one_of(st.sampled_from(['10000-01-01', '0000-00-00', '2024-13-45T99:99:99Z',
                                   '1e30', '-1', 'Tue, 31 Feb 2024 25:61:00 +9999',
                                   '2024/12/06 15:34 KST', '']),
                  st.integers(min_value=-2**70, max_value=2**70), nasty_text)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | nasty_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(nasty_text, inner, max_size=4),
    max_leaves=20)


def deeply_nested(depth: int):
    value = 'x'
    for _ in range(depth):
        value = [value]
    return value


item_objects = st.dictionaries(
    st.sampled_from(ITEM_KEYS) | nasty_text,
    st.one_of(json_values, urlish, dates, st.integers(1, 600).map(deeply_nested)),
    max_size=8)


def _dumps(value) -> bytes:
    # ensure_ascii writes lone surrogates as \\udXXX escapes: valid JSON text, hostile content
    return json.dumps(value, ensure_ascii=True, allow_nan=False).encode('ascii')


def _mutate(data: bytes, ops) -> bytes:
    out = bytearray(data)
    for kind, pos, blob in ops:
        if not out:
            out += blob
            continue
        pos %= len(out)
        if kind == 'flip':
            out[pos] ^= 0xFF
        elif kind == 'cut':
            del out[pos:]
        elif kind == 'insert':
            out[pos:pos] = blob
        elif kind == 'dup':
            out[pos:pos] = out[pos:pos + 200]
    return bytes(out)


mutations = st.lists(st.tuples(st.sampled_from(['flip', 'cut', 'insert', 'dup']),
                               st.integers(0, 10**6),
                               st.sampled_from([b'<!DOCTYPE x [<!ENTITY a "aaaa">]>', b'&a;',
                                                b'\x00', b'\xff\xfe', b'\xef\xbb\xbf',
                                                b']]>', b'<![CDATA[', b'&#xD800;',
                                                b'&#x110000;', b'{"', b'\n', b'\r\n'])
                               | st.binary(max_size=16)),
                     max_size=6)

jsonl_lines = st.one_of(
    item_objects.map(_dumps),
    json_values.map(_dumps),
    st.binary(max_size=120),
    st.tuples(st.sampled_from(SAMPLE_LINES), mutations).map(lambda t: _mutate(t[0], t[1])),
).map(lambda line: line.replace(b'\n', b' ').replace(b'\r', b' '))

jsonl_files = st.lists(jsonl_lines, min_size=1, max_size=12).map(
    lambda lines: b'\n'.join(lines) + b'\n')


def _read(path: str) -> bytes:
    with open(path, 'rb') as handle:
        return handle.read()


feed_files = st.tuples(st.sampled_from(SAMPLE_FEEDS), mutations).map(
    lambda t: (os.path.splitext(t[0])[1], _mutate(_read(t[0]), t[1])))
article_files = st.one_of(
    st.tuples(st.sampled_from(SAMPLE_ARTICLES), mutations).map(lambda t: _mutate(_read(t[0]), t[1])),
    nasty_text.map(lambda t: t.encode('utf-8', 'surrogatepass')),
    st.binary(max_size=400))
