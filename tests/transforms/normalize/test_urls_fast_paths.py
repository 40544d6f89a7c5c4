"""canonical_url's shortcuts (plain host names read without urllib's netloc parsing, one joined
search before the rewrite rules, direct reassembly) give what the full path gives."""
import itertools
import re

import pytest

from transforms.normalize import urls as urls_module
from transforms.normalize.urls import UrlCanonicalizer, UrlRule

_HOSTS = ['Example.COM', 'example.com.', 'amp.example.com', 'm.example.co.uk', 'user:pw@host.org',
          'host.org:8080', 'host.org:443', 'host.org:80', 'host.org:99999', 'host.org:x',
          '[::1]:8000', '[fe80::1%25eth0]', 'xn--bcher-kva.example', 'bücher.example', '',
          'a_b.example.com', 'host%41.com', 'www-example-com.cdn.ampproject.org']
_PATHS = ['', '/', '/a/../b/./c', '//x//y', '/amp/', '/story.amp.html', '/p%7Eq r', '/a/amp',
          '/~user/', '/é']
_QUERIES = ['', '?utm_source=x&b=2&a=1', '?amp', '?amp=1&x=1', '?outputType=amp', '?&', '?a=1&',
            '?UTM_Medium=y', '?b=2&a=1&b=1', '?%75tm_source=x', '?fbclid=1#frag']
_SCHEMES = ['https://', 'HTTP://', 'http://']
_RULE_SETS = [
    None,
    (UrlRule(r'^(https?://)(\w)\2', r'\1', 'backref'), UrlRule(r'/print$', '', 'print')),
    (UrlRule(r'(?i)^https://old\.', 'https://new.', 'inline-flag'),),
    (),
]


@pytest.mark.parametrize('rules', _RULE_SETS)
def test_shortcuts_agree_with_the_full_path(monkeypatch, rules):
    fast = UrlCanonicalizer() if rules is None else UrlCanonicalizer(rules)
    slow = UrlCanonicalizer() if rules is None else UrlCanonicalizer(rules)
    slow._any_rule = None
    urls = [s + h + p + q for s, h, p, q in itertools.product(_SCHEMES, _HOSTS, _PATHS, _QUERIES)]
    urls += ['//cdn.example.com/x', '/relative?utm_source=1', 'www.example.com/a', 'mailto:x@y']
    expected = {}
    with monkeypatch.context() as patch:
        patch.setattr(urls_module, '_PLAIN_NETLOC', re.compile(r'(?!)'))
        for url in urls:
            expected[url] = slow.canonical(url, 'https://Base.example/dir/')
    for url in urls:
        assert fast.canonical(url, 'https://Base.example/dir/') == expected[url], url


def test_rules_that_cannot_be_joined_are_not():
    assert urls_module._any_of([r'(a)\1']) is None
    assert urls_module._any_of([r'(?i)x']) is None
    assert urls_module._any_of([r'(?P<n>a)', r'(?P<n>b)']) is None
    assert urls_module._any_of([]) is None
    assert urls_module._any_of([r'^https?://m\.', r'\.amp$']).search('https://m.x.com/')
