import pytest

from transforms.formats.errors import InputError
from transforms.formats.feed import feed_ttl_minutes, parse_feed_bytes

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
