"""canonical_url and registrable_domain (no Beam, no network)."""
from __future__ import annotations

import pytest

from transforms.normalize.urls import (DEFAULT_URL_RULES, UrlCanonicalizer, UrlRule, canonical_url,
                                       load_domain_extractor, registrable_domain)


@pytest.mark.parametrize('url, expected', [
    ('HTTP://Example.COM', 'http://example.com/'),
    ('https://example.com:443/a', 'https://example.com/a'),
    ('http://example.com:80/a', 'http://example.com/a'),
    ('https://example.com:8443/a', 'https://example.com:8443/a'),
    ('https://example.com/a#section-2', 'https://example.com/a'),
    ('https://example.com/a?utm_source=x&utm_medium=y&utm_campaign=z&id=3', 'https://example.com/a?id=3'),
    ('https://example.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&msclkid=5', 'https://example.com/a'),
    ('https://example.com/a?b=2&a=1&a=0', 'https://example.com/a?a=1&a=0&b=2'),
    ('https://user:secret@example.com/a', 'https://example.com/a'),
    ('https://example.com/a/./b/../c', 'https://example.com/a/c'),
    ('https://example.com/%7Euser/a%20b', 'https://example.com/~user/a%20b'),
    ('  https://example.com/a\u200b ', 'https://example.com/a'),
    ('//cdn.example.com/x', 'https://cdn.example.com/x'),
    ('https://bücher.de/', 'https://xn--bcher-kva.de/'),
])
def test_canonical_form(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize('url', [
    'javascript:alert(1)', 'JavaScript:void(0)', 'data:text/html,<script>x</script>',
    'mailto:a@b.c', 'ftp://example.com/x', 'file:///etc/passwd', '', None, 'http://', 'not a url',
])
def test_only_absolute_web_urls_survive(url):
    assert canonical_url(url) is None


def test_relative_urls_resolve_against_base():
    assert canonical_url('/a/b?utm_source=x', 'https://Example.com/news/') == 'https://example.com/a/b'
    assert canonical_url('c.html', 'https://example.com/news/') == 'https://example.com/news/c.html'
    assert canonical_url('/a/b') is None
    assert canonical_url('/a', 'javascript:x') is None


@pytest.mark.parametrize('url, expected', [
    ('https://www.example.com/news/story/amp', 'https://www.example.com/news/story'),
    ('https://www.example.com/news/amp/story', 'https://www.example.com/news/story'),
    ('https://www.example.com/story.amp.html', 'https://www.example.com/story.html'),
    ('https://www.example.com/story?amp=1&id=2', 'https://www.example.com/story?id=2'),
    ('https://www.example.com/story?outputType=amp', 'https://www.example.com/story'),
    ('https://m.example.com/story', 'https://www.example.com/story'),
    ('https://amp.example.co.uk/story', 'https://www.example.co.uk/story'),
    ('https://www-example-com.cdn.ampproject.org/c/s/www.example.com/story', 'https://www.example.com/story'),
    ('https://m.com/story', 'https://m.com/story'),
])
def test_default_amp_and_mobile_rules(url, expected):
    assert canonical_url(url) == expected


def test_rules_and_tracking_lists_are_configurable():
    custom = UrlCanonicalizer(rules=(UrlRule(r'^https://old\.example\.com/', 'https://example.com/'),),
                              tracking_params=('sid',), tracking_prefixes=())
    assert custom.canonical('https://old.example.com/a?sid=1&utm_source=x') == (
        'https://example.com/a?utm_source=x')
    assert UrlCanonicalizer(rules=()).canonical('https://m.example.com/a') == 'https://m.example.com/a'
    assert len(DEFAULT_URL_RULES) >= 4


@pytest.mark.parametrize('value, expected', [
    ('news.bbc.co.uk', 'bbc.co.uk'), ('https://www.wowkorea.jp/news/1', 'wowkorea.jp'),
    ('WOWKOREA.JP', 'wowkorea.jp'), ('sub.example.com.au', 'example.com.au'),
    ('regional.kompas.co.id', 'kompas.co.id'), ('192.168.1.1', '192.168.1.1'),
    ('localhost', None), ('co.uk', None), ('', None), (None, None),
])
def test_registrable_domain(value, expected):
    assert registrable_domain(value) == expected


def test_domain_extractor_never_fetches(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError('network access attempted')

    load_domain_extractor.cache_clear()
    monkeypatch.setattr(socket, 'create_connection', refuse)
    monkeypatch.setattr(socket.socket, 'connect', refuse)
    try:
        assert registrable_domain('a.b.example.org') == 'example.org'
    finally:
        load_domain_extractor.cache_clear()


@pytest.mark.parametrize('char', ['\u200b', '\u200d', '\u2060', '\ufeff', '\u200e', '\u202e',
                                  '\u2066', '\u2069', '\u00ad', '\u2061', '\U000e0001', '\ufffe',
                                  '\x85', '\t', '\n'])
def test_invisible_characters_do_not_make_another_link(char):
    plain = canonical_url('https://example.com/news/story-1?id=2')
    assert canonical_url(f'{char}https://exam{char}ple.com/news/{char}story-1?id={char}2{char}') \
        == plain
    assert canonical_url(f'/news/story-1{char}?id=2', f'https://example.com/{char}') == plain


@pytest.mark.parametrize('url', ['http://[::1', 'http://[::1]x/', 'https://[x]/', 'http://a b.com/',
                                 'http://example.com:99999/', 'http://\ud800.com/', 5, ['x']])
def test_broken_links_give_none_not_an_exception(url):
    assert canonical_url(url) is None
    assert registrable_domain(url) in (None, 'example.com')
