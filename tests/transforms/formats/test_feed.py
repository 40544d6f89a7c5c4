import codecs
import io

import feedparser
import orjson
import pytest

from transforms.fetch.feeds import fetch_feed
from transforms.fetch.http import Response
from transforms.fetch.settings import FetchSettings
from transforms.formats import feed as feed_module
from transforms.formats.errors import InputError
from transforms.formats.feed import AUTHOR_CHARS, feed_ttl_minutes, parse_feed, parse_feed_bytes
from transforms.formats.limits import FormatLimits

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>World Wire</title><link>https://worldwire.example.com/</link><language>en</language>
<ttl>45</ttl>
<item><title>Ports reopen &amp; trade resumes</title><link>/news/ports?utm_source=rss</link>
<guid isPermaLink="false">ww-1</guid>
<description>&lt;p&gt;Short &lt;b&gt;lead&lt;/b&gt;.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>First paragraph.</p><p>Second.</p>]]></content:encoded>
<pubDate>Fri, 06 Dec 2024 15:34:00 +0900</pubDate><category>Economy</category>
<author>desk@worldwire.example.com (Ana Diaz)</author></item>
<item><title>Second</title><link>https://worldwire.example.com/b</link><description>Plain</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Asia Desk</title>
<link href="https://asia.example.org/"/><id>urn:asia</id><updated>2024-12-06T06:00:00Z</updated>
<entry><title>北朝鮮とロシアが会談</title><link href="https://asia.example.org/a/1"/><id>urn:a1</id>
<published>2024-12-06T15:34:00+09:00</published><updated>2024-12-06T16:00:00+09:00</updated>
<author><name>山田太郎</name></author><content type="html">&lt;p&gt;本文&lt;/p&gt;</content></entry>
</feed>""".encode('utf-8')

JSONFEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "Tech Brief",
"home_page_url": "https://tech.example.net/", "language": "en",
"items": [{"id": 7, "url": "https://tech.example.net/7", "title": "Chips",
"content_html": "<p>Fabs</p>", "date_published": "2024-12-01T10:00:00-05:00",
"authors": [{"name": "Lee"}], "tags": ["technology"]},
{"id": "8", "content_text": "Text only", "date_modified": "2024-12-02T10:00:00Z"}]}"""


def test_rss_entries_become_raw_records():
    records = parse_feed_bytes(RSS, '/in/world.rss', kind='file')
    assert len(records) == 2
    first = records[0]
    assert first['title'] == 'Ports reopen & trade resumes'
    # kept as given; normalisation resolves it against hints.base_url (the channel link here)
    assert first['url'] == '/news/ports?utm_source=rss'
    assert first['hints']['base_url'] == 'https://worldwire.example.com/'
    assert first['guid'] == 'ww-1'
    assert first['body'] == '<p>First paragraph.</p><p>Second.</p>'
    assert first['summary'] == '<p>Short <b>lead</b>.</p>'
    assert set(first['hints']['html']) == {'summary', 'body'}
    assert first['published'] == 'Fri, 06 Dec 2024 15:34:00 +0900'
    assert first['updated'] is None
    assert first['authors'] == ['Ana Diaz']
    assert first['categories'] == ['Economy']
    assert first['language'] == 'en'
    assert first['source'] == {'name': 'World Wire', 'domain': 'worldwire.example.com',
                               'kind': 'file', 'location': '/in/world.rss'}
    assert first['provenance']['format'] == 'rss20'
    assert first['provenance']['entry'] == 0 and records[1]['provenance']['entry'] == 1
    assert feed_ttl_minutes(RSS) == 45


def test_atom_and_base_url():
    records = parse_feed_bytes(ATOM, 'https://asia.example.org/feed', base_url='https://asia.example.org/feed')
    assert [r['title'] for r in records] == ['北朝鮮とロシアが会談']
    assert records[0]['published'] == '2024-12-06T15:34:00+09:00'
    assert records[0]['updated'] == '2024-12-06T16:00:00+09:00'
    assert records[0]['authors'] == ['山田太郎']
    assert records[0]['source']['kind'] == 'feed'
    assert records[0]['hints']['base_url'] == 'https://asia.example.org/feed'
    assert records[0]['provenance']['format'] == 'atom10'


def test_json_feed():
    records = parse_feed_bytes(JSONFEED, '/in/tech.json', kind='file')
    assert [r['guid'] for r in records] == ['7', '8']
    assert records[0]['hints']['html'] == ['body'] and records[1]['hints']['html'] == []
    assert records[0]['authors'] == ['Lee'] and records[0]['categories'] == ['technology']
    assert records[1]['body'] == 'Text only' and records[1]['updated'] == '2024-12-02T10:00:00Z'
    assert records[0]['provenance']['format'] == 'jsonfeed11'
    assert records[0]['source']['domain'] == 'tech.example.net'


def test_wrong_charset_header_does_not_make_mojibake():
    records = parse_feed_bytes(ATOM, 'u', content_type='application/atom+xml; charset=iso-8859-1')
    assert records[0]['title'] == '北朝鮮とロシアが会談'


def test_feedparser_is_never_given_a_path(tmp_path):
    secret = tmp_path / 'secret.xml'
    secret.write_bytes(RSS)
    with pytest.raises(InputError) as err:
        parse_feed_bytes(str(secret).encode(), 'x')
    assert err.value.reason == 'not_a_feed'


@pytest.mark.parametrize('body, reason', [
    (b'', 'empty'),
    (b'   \n', 'empty'),
    (b'<!DOCTYPE html><html><body><h1>Just a moment...</h1></body></html>', 'not_a_feed'),
    (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
     b'<rss version="2.0"><channel><title>&lol2;</title></channel></rss>', 'unsafe_xml'),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss/>',
     'unsafe_xml'),
    ('<?xml version="1.0" encoding="utf-16"?><!DOCTYPE r [<!ENTITY a "b">]><rss/>'.encode(
        'utf-16'), 'unsafe_xml'),
    (b'<rss version="2.0"><channel><title>T</title><item><title>cut', 'parse_error'),
    (b'{"version": "1", "items": []}', 'not_a_feed'),
    (b'{not json', 'not_a_feed'),
])
def test_bad_feeds(body, reason):
    with pytest.raises(InputError) as err:
        parse_feed_bytes(body, 'loc')
    assert err.value.reason == reason


def test_inputs_that_make_feedparser_raise_are_parse_errors():
    body = b'<rss version="2.0"><channel><item><title>&#xD800;</title></item></channel></rss>'
    try:
        records = parse_feed_bytes(body, 'loc')
    except InputError as err:
        assert err.reason in ('parse_error', 'not_a_feed')
    else:  # a feedparser version that copes is fine too, as long as it does not raise
        assert len(records) == 1


def test_giant_author_is_cut_before_parsing():
    body = (b'<rss version="2.0"><channel><title>T</title><item><title>x</title><author>'
            + b'a' * 60000 + b'</author></item></channel></rss>')
    records = parse_feed_bytes(body, 'loc')
    assert len(records[0]['authors'][0]) <= 512


# the safety check sees characters, whatever the encoding ---------------------------------------

def _xml(declared, bomb):
    doctype = '<!DOCTYPE rss [<!ENTITY a "%s">]>' % ('x' * 5000) if bomb else ''
    title = '&a;' * 1000 if bomb else 'Caf\u00e9'
    return (f'<?xml version="1.0" encoding="{declared}"?>{doctype}<rss version="2.0"><channel>'
            f'<title>{title}</title><item><title>Item \u00e9</title></item></channel></rss>')


ENCODINGS = [   # (id, codec, what the declaration says, BOM)
    ('utf-8', 'utf-8', 'utf-8', b''),
    ('utf-8-bom', 'utf-8', 'utf-8', codecs.BOM_UTF8),
    ('utf-16-le-bom', 'utf-16-le', 'UTF-16', codecs.BOM_UTF16_LE),
    ('utf-16-be-bom', 'utf-16-be', 'UTF-16', codecs.BOM_UTF16_BE),
    ('utf-16-le', 'utf-16-le', 'UTF-16', b''),
    ('utf-16-be', 'utf-16-be', 'UTF-16', b''),
    ('utf-32-le-bom', 'utf-32-le', 'UTF-32', codecs.BOM_UTF32_LE),
    ('utf-32-be-bom', 'utf-32-be', 'UTF-32', codecs.BOM_UTF32_BE),
    ('utf-32-le', 'utf-32-le', 'UTF-32', b''),
    ('utf-32-be', 'utf-32-be', 'UTF-32', b''),
    ('ebcdic-cp037', 'cp037', 'IBM037', b''),
    ('ebcdic-cp500', 'cp500', 'ibm500', b''),
]


@pytest.fixture
def no_feedparser(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError('feedparser.parse was called on a document that must be refused')
    monkeypatch.setattr(feedparser, 'parse', refuse)


@pytest.mark.parametrize('codec, declared, bom', [e[1:] for e in ENCODINGS],
                         ids=[e[0] for e in ENCODINGS])
def test_entity_bombs_are_refused_in_every_encoding_before_feedparser(no_feedparser, codec,
                                                                       declared, bom):
    body = bom + _xml(declared, bomb=True).encode(codec)
    with pytest.raises(InputError) as err:
        parse_feed_bytes(body, 'loc')
    assert err.value.reason == 'unsafe_xml'


@pytest.mark.parametrize('codec, declared, bom', [e[1:] for e in ENCODINGS],
                         ids=[e[0] for e in ENCODINGS])
def test_benign_feeds_parse_in_every_encoding(codec, declared, bom):
    records = parse_feed_bytes(bom + _xml(declared, bomb=False).encode(codec), 'loc')
    assert [(r['title'], r['source']['name']) for r in records] == [('Item é', 'Café')]


def test_a_utf16_feed_without_declaration_or_bom_parses():
    body = ('<rss version="2.0"><channel><title>北</title><item><title>記事</title></item>'
            '</channel></rss>').encode('utf-16-be')
    assert [r['title'] for r in parse_feed_bytes(body, 'loc')] == ['記事']


@pytest.mark.parametrize('body', [
    # a quoted system literal holding '>' before the internal subset
    b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "a>b" [<!ATTLIST r a CDATA "x">]><rss/>',
    b'<?xml version="1.0"?><!doctype r [ ]><rss/>',
    # UTF-7 hides '<!ENTITY' from byte patterns
    b'<?xml version="1.0" encoding="utf-7"?>'
    b'+ADwAIQ-DOCTYPE r +AFsAPAAh-ENTITY a "b"+AD4AXQA+-<rss/>',
])
def test_internal_subsets_are_refused_however_written(no_feedparser, body):
    with pytest.raises(InputError) as err:
        parse_feed_bytes(body, 'loc')
    assert err.value.reason == 'unsafe_xml'


def test_an_external_dtd_reference_alone_is_fine():
    body = (b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS '
            b'0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91">'
            b'<channel><title>T</title><item><title>One</title></item></channel></rss>')
    assert [r['title'] for r in parse_feed_bytes(body, 'loc')] == ['One']


class _Client:
    """What fetch_feed needs of an HttpClient: one canned 200 response."""

    def __init__(self, body, content_type):
        self.response = Response(200, {'content-type': content_type}, body, 'https://x.example/f')

    def get(self, url, headers, limiter=None):
        return self.response


@pytest.mark.parametrize('codec, declared, bom', [e[1:] for e in ENCODINGS],
                         ids=[e[0] for e in ENCODINGS])
def test_the_fetch_path_gets_the_same_protection(no_feedparser, codec, declared, bom):
    body = bom + _xml(declared, bomb=True).encode(codec)
    result = fetch_feed(_Client(body, 'application/rss+xml; charset=utf-8'),
                        'https://x.example/f', None, now=0.0, settings=FetchSettings())
    assert result.records == []
    assert result.dead_letter['error']['reason'] == 'unsafe_xml'


# feedparser's slow paths are kept out of reach --------------------------------------------------

@pytest.fixture
def seen_by_feedparser(monkeypatch):
    seen = []
    real = feedparser.parse

    def spy(stream, *args, **kwargs):
        document = stream.read()
        seen.append(document.decode('utf-8'))
        return real(io.BytesIO(document), *args, **kwargs)
    monkeypatch.setattr(feedparser, 'parse', spy)
    return seen


_ITEM = ('<rss version="2.0"{ns}><channel><title>T</title><item><title>x</title>{author}</item>'
         '</channel></rss>')
_DC = ' xmlns:q="http://purl.org/dc/elements/1.1/"'
_A = 'a' * 50_000


@pytest.mark.parametrize('ns, author', [
    ('', f'<author>{_A}</author>'),
    ('', f'<author><![CDATA[{_A}]]></author>'),
    ('', '<author>' + ('a' * 2000 + '<!-- split -->') * 25 + '</author>'),
    ('', '<managingEditor>' + _A + '</managingEditor>'),
    (_DC, f'<q:creator>{_A}</q:creator>'),
    ('', f'<author>{_A}'),                                        # never closed
], ids=['plain', 'cdata', 'comments', 'managingEditor', 'prefixed-dc-creator', 'unclosed'])
def test_a_50kb_author_is_cut_before_feedparser_sees_it(seen_by_feedparser, ns, author):
    # feedparser's e-mail regex took 11 s on a 50,000-character author (FIELD-NOTES)
    records = parse_feed(_ITEM.format(ns=ns, author=author).encode(), 'loc').records
    assert len(seen_by_feedparser) == 1
    assert 'a' * (AUTHOR_CHARS + 1) not in seen_by_feedparser[0]
    assert all(len(a) <= AUTHOR_CHARS for r in records for a in r['authors'])


def test_an_atom_author_with_a_giant_name_is_cut(seen_by_feedparser):
    body = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>x</title>'
            f'<author><name>{_A}</name><email>a@b.example</email></author></entry></feed>')
    records = parse_feed(body.encode(), 'loc').records
    assert [r['title'] for r in records] == ['x']
    assert 'a' * (AUTHOR_CHARS + 1) not in seen_by_feedparser[0]


def test_too_much_markup_is_refused_before_feedparser(no_feedparser):
    body = (b'<rss version="2.0"><channel><title>T</title><item>' + b'<x/>' * 1000
            + b'</item></channel></rss>')
    with pytest.raises(InputError) as err:
        parse_feed(body, 'loc', limits=FormatLimits(max_feed_tags=500))
    assert err.value.reason == 'too_large' and 'max_feed_tags' in err.value.message


# one entry, one outcome ------------------------------------------------------------------------

def _json_feed(items, **feed):
    return orjson.dumps({'version': 'https://jsonfeed.org/version/1.1', 'title': 'F',
                         'items': items, **feed})


def test_a_json_feed_item_of_the_wrong_shape_costs_only_itself():
    body = _json_feed([
        {'id': 1, 'title': 'authors five', 'authors': 5},
        {'id': 2, 'title': 'deep', 'authors': 'DEEP'},
        [1, 2],
        {'id': {'x': 1}, 'title': 5, 'summary': 'typed', 'tags': 5, 'author': 7,
         'date_published': 20240101, 'url': ['u']},
        {'id': 5, 'title': 'good', 'authors': [{'name': 'Lee'}, 'Kim', {'name': None}],
         'tags': ['a', 1]},
    ], authors=5).replace(b'"DEEP"', b'[' * 500 + b']' * 500)    # ~1 KB, 500 lists deep
    parsed = parse_feed(body, '/in/f.json', kind='file')
    assert [(r['guid'], r['title'], r['authors'], r['categories']) for r in parsed.records] == [
        ('1', 'authors five', [], []), (None, None, [], []), ('5', 'good', ['Lee', 'Kim'], ['a'])]
    assert [(f.entry, f.reason) for f in parsed.failures] == [(1, 'too_deep'), (2, 'bad_json')]
    warned = [sorted(w['field'] for w in r['quality']['warnings']) for r in parsed.records]
    assert warned == [['authors'], ['author', 'date_published', 'id', 'tags', 'title', 'url'],
                      ['tags']]
    for record in parsed.records:
        orjson.dumps(record)
    with pytest.raises(InputError) as err:       # the all-or-nothing form names the failure
        parse_feed_bytes(body, '/in/f.json')
    assert err.value.reason == 'too_deep' and 'entry 1' in err.value.message


def test_a_json_feed_nested_past_orjsons_own_limit_is_too_deep():
    body = (b'{"version": "https://jsonfeed.org/version/1", "items": [' + b'[' * 2000
            + b']' * 2000 + b']}')
    with pytest.raises(InputError) as err:
        parse_feed(body, 'loc')
    assert err.value.reason == 'too_deep'


def test_an_rss_entry_that_fails_to_become_a_record_costs_only_itself(monkeypatch):
    real = feed_module._entry_record

    def flaky(entry, index, **kwargs):
        if entry.get('title') == 'bad':
            raise TypeError('an unforeseen shape')
        return real(entry, index, **kwargs)
    monkeypatch.setattr(feed_module, '_entry_record', flaky)
    body = (b'<rss version="2.0"><channel><title>T</title><item><title>one</title></item>'
            b'<item><title>bad</title></item><item><title>three</title></item></channel></rss>')
    parsed = parse_feed(body, 'loc')
    assert [r['title'] for r in parsed.records] == ['one', 'three']
    assert [(f.entry, f.reason, f.excerpt) for f in parsed.failures] == [(1, 'parse_error', 'bad')]


@pytest.mark.parametrize('body', [
    RSS.replace(b'<item><title>Second', b'<item><title>Second</title></item><item><title>Third'),
    _json_feed([{'id': i, 'title': str(i)} for i in range(3)]),
], ids=['rss', 'jsonfeed'])
def test_entries_past_the_cap_are_one_too_large_failure(body):
    parsed = parse_feed(body, 'loc', limits=FormatLimits(max_feed_entries=2))
    assert len(parsed.records) == 2
    assert [(f.entry, f.reason) for f in parsed.failures] == [(2, 'too_large')]
    assert 'max_feed_entries' in parsed.failures[0].message


def test_long_text_values_are_cut_and_said_so():
    parsed = parse_feed(RSS, 'loc', limits=FormatLimits(max_field_chars=10))
    first = parsed.records[0]
    assert len(first['title']) == 10 and 'title' in first['quality']['truncated']


def test_author_runs_longer_than_any_email_part_are_cut_and_real_bylines_kept(seen_by_feedparser):
    byline = 'Jane Doe, John Smith, Ana Díaz, Kim Min-jun and the Associated Press desk ' * 2
    body = _ITEM.format(ns='', author=f'<author>{byline.strip()}</author>'
                        '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">'
                        + 'x' * 150 + '</dc:creator>')
    records = parse_feed(body.encode(), 'loc').records
    assert 'x' * 65 not in seen_by_feedparser[0]
    assert byline.strip() in seen_by_feedparser[0] and len(byline.strip()) < AUTHOR_CHARS
    assert records[0]['authors']


@pytest.mark.parametrize('author', [
    '<author>x' * 100_000,                                   # never closed
    ''.join(f'<p{i}:author>x' for i in range(50_000)),       # a new prefix each time
    '<author><x/>' * 100_000 + '</author>',                  # nested, one close for all
], ids=['unclosed', 'prefixes', 'nested'])
def test_author_cutting_stays_linear_on_malformed_markup(author):
    # each of these made a per-element search for the closing tag scan to the end of the text
    text = _ITEM.format(ns='', author=author)
    assert feed_module._cut_author_text(text).startswith('<rss version="2.0">')
