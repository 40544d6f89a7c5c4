"""redact_url / url_secrets / redact_text: credentials out, everything else kept, never raises."""
from __future__ import annotations

import base64
import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.redact import redact_text, redact_url, url_secrets


@pytest.mark.parametrize('url, expected', [
    # user info goes whole, the marker stays
    ('http://user:s3cret@127.0.0.1:8080/feed.rss', 'http://***@127.0.0.1:8080/feed.rss'),
    ('https://ghp_TOKEN123@github.com/o/r/releases.atom',
     'https://***@github.com/o/r/releases.atom'),
    ('HTTPS://User:p%40ss@News.Example.com/a?x=1#f', 'HTTPS://***@News.Example.com/a?x=1#f'),
    ('http://u:p@ss@host/f', 'http://***@host/f'),         # an unescaped '@' in the password
    ('http://u:p@[::1]:8080/f', 'http://***@[::1]:8080/f'),
    ('  http://a:bcd@h/', '  http://***@h/'),
    # secret parameters keep their name, lose their value; the rest is kept byte for byte
    ('https://h/f?token=abc&page=2', 'https://h/f?token=***&page=2'),
    ('https://h/f?Access_Token=abc&api-key=k1;sig=s2&amp;apikey=k3',
     'https://h/f?Access_Token=***&api-key=***;sig=***&amp;apikey=***'),
    ('https://b.s3.example/f?X-Amz-Credential=AK%2F1&X-Amz-Signature=ff&X-Amz-Date=2024',
     'https://b.s3.example/f?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Date=2024'),
    ('https://h/f?key=AIza&password=pw&private_token=t&client_secret=c&q=key',
     'https://h/f?key=***&password=***&private_token=***&client_secret=***&q=key'),
    ('https://h/cb#access_token=zz&token_type=bearer',
     'https://h/cb#access_token=***&token_type=bearer'),
    ('https://h/f?token=&key', 'https://h/f?token=&key'),   # nothing to hide
    ('https://h/a/token=x/f', 'https://h/a/token=x/f'),       # the path is not a query
    # nothing to redact: unchanged
    ('https://mastodon.social/@user.rss', 'https://mastodon.social/@user.rss'),
    ('http://bücher.example/feed?page=2', 'http://bücher.example/feed?page=2'),
    ('http://[::1', 'http://[::1'),
    ('', ''),
    # unreadable authorities: everything up to the last '@' goes
    ('http://user:pa/ss@host/feed', 'http://***@host/feed'),
    ('http://user:p#ss@host/', 'http://***@host/'),
    ('http://user:p?ss@host/', 'http://***@host/'),
    ('http:///u:pw1@h/x', 'http://***@h/x'),
    ('http:\\\\u:pw1@h/x', '***@h/x'),
    ('user:pass@host/feed', '***@host/feed'),
])
def test_redact_url(url, expected):
    assert redact_url(url) == expected


def test_redact_url_takes_anything_and_never_raises():
    assert redact_url(None) == 'None'
    assert redact_url(b'http://a:bcd@h/\xff') == 'http://***@h/\udcff'
    assert redact_url('http://a:b\ud800c@h/') == 'http://***@h/'

    class Hostile:
        def __str__(self):
            raise RuntimeError('no')
    assert redact_url(Hostile()) == '***'


def test_url_secrets_lists_what_a_message_could_quote():
    found = url_secrets('http://alice:p%40ss1@h/f?token=t0k%2Fen&page=2')
    assert 'p%40ss1' in found and 'p@ss1' in found          # raw and percent-decoded
    assert 'alice:p%40ss1' in found
    assert base64.b64encode(b'alice:p@ss1').decode() in found  # an echoed Authorization header
    assert 't0k%2Fen' in found and 't0k/en' in found
    assert 'alice' not in found   # a user name beside a password would blank common words
    assert 'TOKEN12' in url_secrets('https://TOKEN12@h/')   # a user name alone may be a token
    assert url_secrets('http://a:b@h/') == ('YTpi', 'a:b')  # one- and two-letter parts left out
    assert url_secrets('https://h/feed') == ()
    assert list(url_secrets('http://u:longer-secret@h/?sig=abc')) == sorted(
        url_secrets('http://u:longer-secret@h/?sig=abc'), key=len, reverse=True)


def test_redact_text():
    text = ('timeout fetching http://h/f?token=abc&x=1 (final URL https://u:pw9@c/), '
            'server said "bad password hunter2" at https://mastodon.social/@me')
    assert redact_text(text, ['hunter2']) == (
        'timeout fetching http://h/f?token=***&x=1 (final URL https://***@c/), '
        'server said "bad password ***" at https://mastodon.social/@me')
    assert redact_text('(final URL http://h/?sig=abc), then http://u:pw@h.') == (
        '(final URL http://h/?sig=***), then http://***@h.')
    assert redact_text(None) == 'None'


_USER = st.text(alphabet=st.characters(blacklist_categories=('Cs',)), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(user=_USER, password=st.text(min_size=3, max_size=16), path=st.text(max_size=20),
       query=st.text(max_size=20))
def test_a_quoted_password_never_survives(user, password, path, query):
    """Whatever the user name, password, path and query, the percent-encoded password (what a
    well-formed URL holds) is gone from the redacted URL."""
    quoted = urllib.parse.quote(password, safe='')
    url = (f'https://{urllib.parse.quote(user, safe="")}:{quoted}@feeds.example.com/'
           f'{path}?{query}')
    redacted = redact_url(url)
    assert redacted.startswith('https://***@feeds.example.com/')
    assert quoted not in redacted[len('https://***@feeds.example.com/'):] or quoted in (
        path + '?' + query)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_on_any_text(text):
    assert isinstance(redact_url(text), str)
    assert isinstance(url_secrets(text), tuple)
    assert isinstance(redact_text(text, [text]), str)
