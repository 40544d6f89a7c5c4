import pytest

from transforms.fetch import FeedListError, load_feed_list


def test_text_list_with_comments(tmp_path):
    path = tmp_path / 'feeds.txt'
    path.write_text('\ufeff# my feeds\nhttps://a.example/rss.xml\n\n  http://b.example/feed#top  '
                    '# inline comment\nhttps://a.example/rss.xml\n', encoding='utf-8')
    assert load_feed_list(str(path)) == ['https://a.example/rss.xml', 'http://b.example/feed#top']


def test_bad_urls_in_a_text_list_are_kept_for_the_fetch_stage(tmp_path):
    """A bad line is the list's data, not a reason to stop the run: it is returned as written
    and the fetch stage dead-letters it (bad_url) while the other feeds are fetched."""
    path = tmp_path / 'feeds.txt'
    path.write_text('https://a.example/rss\nfile:///etc/passwd\nhttp://[::1\nnot a url at all\n'
                    'http://user:pw@h.example/f  # private\nhttps://b.example/rss\n',
                    encoding='utf-8')
    assert load_feed_list(str(path)) == [
        'https://a.example/rss', 'file:///etc/passwd', 'http://[::1', 'not a url at all',
        'http://user:pw@h.example/f', 'https://b.example/rss']


def test_opml_nested_outlines(tmp_path):
    path = tmp_path / 'subs.opml'
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Subscriptions</title></head><body>
  <outline text="News">
    <outline type="rss" text="World" xmlUrl="https://news.example.com/world/rss.xml"/>
    <outline type="rss" text="Tech" xmlurl="https://tech.example.org/atom.xml" htmlUrl="https://tech.example.org/"/>
  </outline>
  <outline text="no feed here" htmlUrl="https://x.example/"/>
</body></opml>""")
    assert load_feed_list(str(path)) == ['https://news.example.com/world/rss.xml',
                                         'https://tech.example.org/atom.xml']


@pytest.mark.parametrize('doc, match', [
    ('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "x">]><opml><body>'
     '<outline xmlUrl="https://e.example/&a;"/></body></opml>', 'DOCTYPE'),
    ('<opml><body><outline xmlUrl="https://e.example/"></body>', 'well-formed'),
    ('<rss><channel/></rss>', 'expected <opml>'),
])
def test_bad_opml(tmp_path, doc, match):
    path = tmp_path / 'subs.opml'
    path.write_text(doc)
    with pytest.raises(FeedListError, match=match):
        load_feed_list(str(path))


def test_bad_urls_in_opml_are_kept_for_the_fetch_stage(tmp_path):
    path = tmp_path / 'subs.opml'
    path.write_text('<opml><body><outline text="x" xmlUrl="javascript:alert(1)"/>'
                    '<outline xmlUrl=" https://ok.example/feed "/><outline xmlUrl="http://[::1"/>'
                    '</body></opml>')
    assert load_feed_list(str(path)) == ['javascript:alert(1)', 'https://ok.example/feed',
                                         'http://[::1']


def test_a_list_that_is_not_utf8_text_is_refused(tmp_path):
    path = tmp_path / 'feeds.txt'
    path.write_bytes(b'https://a.example/rss\n\xff\xfe\n')
    with pytest.raises(FeedListError, match='not UTF-8'):
        load_feed_list(str(path))


def test_missing_file(tmp_path):
    with pytest.raises(FeedListError, match='cannot read'):
        load_feed_list(str(tmp_path / 'nope.txt'))
