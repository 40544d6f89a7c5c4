import ipaddress

import pytest

from transforms.fetch.addresses import (BlockedAddress, UrlError, blocked_reason,
                                        check_addresses, parse_target)


@pytest.mark.parametrize('ip, reason', [
    ('127.0.0.1', 'loopback'), ('127.0.0.2', 'loopback'), ('10.1.2.3', 'private'),
    ('172.16.0.1', 'private'), ('192.168.1.1', 'private'), ('169.254.169.254', 'cloud metadata'),
    ('169.254.1.1', 'link-local'),
    ('100.64.0.1', 'CGNAT'), ('100.127.255.254', 'CGNAT'), ('224.0.0.1', 'multicast'),
    ('239.255.255.250', 'multicast'), ('0.0.0.0', 'unspecified'), ('240.0.0.1', 'reserved'),
    ('255.255.255.255', 'reserved'), ('::1', 'loopback'), ('::', 'unspecified'),
    ('fe80::1', 'link-local'), ('fc00::1', 'private'), ('ff02::1', 'multicast'),
    ('192.0.2.10', 'private'), ('198.18.0.1', 'private'),
])
def test_refused_addresses(ip, reason):
    assert blocked_reason(ip) == reason


@pytest.mark.parametrize('ip', ['::ffff:127.0.0.1', '64:ff9b::7f00:1', '2002:a00:1::1',
                                '::ffff:169.254.169.254'])
def test_ipv4_hidden_in_ipv6_is_refused(ip):
    assert blocked_reason(ip) is not None


@pytest.mark.parametrize('ip', ['8.8.8.8', '93.184.215.14', '2001:4860:4860::8888',
                                '100.63.255.255', '100.128.0.1'])
def test_public_addresses_allowed(ip):
    assert blocked_reason(ip) is None


def test_allowed_networks_make_exceptions():
    nets = [ipaddress.ip_network('10.1.0.0/16')]
    assert blocked_reason('10.1.2.3', nets) is None
    assert blocked_reason('10.2.0.1', nets) == 'private'


def test_check_addresses_keeps_only_allowed_and_refuses_all_blocked():
    assert check_addresses('h', ['10.0.0.1', '8.8.8.8'], allow_private=False) == ['8.8.8.8']
    with pytest.raises(BlockedAddress, match='10.0.0.1 \\(private\\)'):
        check_addresses('h', ['10.0.0.1', '127.0.0.1'], allow_private=False)
    assert check_addresses('h', ['127.0.0.1'], allow_private=True) == ['127.0.0.1']
    with pytest.raises(BlockedAddress):
        check_addresses('h', [], allow_private=True)


def test_parse_target():
    t = parse_target('HTTPS://User:p%40ss@News.Example.com:8443/a/b.xml?x=1#frag')
    assert (t.scheme, t.host, t.port, t.request_target) == ('https', 'news.example.com', 8443,
                                                            '/a/b.xml?x=1')
    assert (t.username, t.password) == ('User', 'p@ss')
    assert t.url == 'https://news.example.com:8443/a/b.xml?x=1'
    assert t.host_header == 'news.example.com:8443'
    assert parse_target('http://[::1]/f').host_header == '[::1]'
    assert parse_target('http://bücher.example/feed').host == 'xn--bcher-kva.example'
    assert parse_target('http://example.com').request_target == '/'


@pytest.mark.parametrize('url', ['file:///etc/passwd', 'ftp://example.com/f', 'gopher://x/',
                                 'javascript:alert(1)', 'http:///nohost', 'http://ex ample.com/',
                                 'http://example.com:99999/', 'http://example.com:0/', '',
                                 '/etc/passwd', 'http://exa\nmple.com/'])
def test_bad_urls_refused(url):
    with pytest.raises(UrlError):
        parse_target(url)


# cloud metadata and link-local: closed even with allow_private ---------------------------------

@pytest.mark.parametrize('ip', ['169.254.169.254', '169.254.170.2', '169.254.170.23',
                                '100.100.100.200', 'fd00:ec2::254', 'fd20:ce::254',
                                '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe'])
def test_metadata_endpoints_are_refused_even_with_private_networks_allowed(ip):
    assert blocked_reason(ip, allow_private=True).startswith('cloud metadata')
    with pytest.raises(BlockedAddress, match='cloud metadata'):
        check_addresses('metadata.test', [ip], allow_private=True)


@pytest.mark.parametrize('ip', ['169.254.1.1', 'fe80::1', '::ffff:169.254.0.9'])
def test_link_local_is_refused_even_with_private_networks_allowed(ip):
    assert blocked_reason(ip, allow_private=True).startswith('link-local')


@pytest.mark.parametrize('ip', ['127.0.0.1', '10.0.0.5', '192.168.1.1', '100.64.0.1',
                                'fc00::1', '::1', '::ffff:10.0.0.1'])
def test_private_networks_allowed_opens_the_local_ranges(ip):
    assert blocked_reason(ip, allow_private=True) is None


def test_a_metadata_endpoint_opens_only_when_its_own_address_is_listed():
    def nets(*cidrs):
        return [ipaddress.ip_network(c) for c in cidrs]
    assert blocked_reason('169.254.169.254', nets('169.254.169.254/32')) is None
    assert blocked_reason('::ffff:169.254.169.254', nets('169.254.169.254/32')) is None
    assert blocked_reason('fd00:ec2::254', nets('fd00:ec2::254/128')) is None
    for broad in ('169.254.0.0/16', '0.0.0.0/0', '169.254.169.0/24'):
        assert blocked_reason('169.254.169.254', nets(broad), allow_private=True) == \
            'cloud metadata'
    assert blocked_reason('fd00:ec2::254', nets('fd00::/8'), allow_private=True) == \
        'cloud metadata'
    # a listed link-local range opens the rest of it
    assert blocked_reason('169.254.10.10', nets('169.254.0.0/16')) is None
    assert check_addresses('imds', ['169.254.169.254'], allow_private=False,
                           allowed_networks=['169.254.169.254/32']) == ['169.254.169.254']
    assert check_addresses('imds', ['169.254.169.254'], allow_private=True,
                           allowed_networks=['169.254.169.254/32']) == ['169.254.169.254']


def test_allowed_networks_open_only_what_they_list():
    assert check_addresses('h', ['127.0.0.1'], allow_private=False,
                           allowed_networks=['127.0.0.0/8']) == ['127.0.0.1']
    with pytest.raises(BlockedAddress, match='10.0.0.5 \\(private\\)'):
        check_addresses('h', ['10.0.0.5'], allow_private=False, allowed_networks=['127.0.0.0/8'])
    # a mix: only what is allowed is kept, in resolver order
    assert check_addresses('h', ['169.254.169.254', '10.0.0.5', '127.0.0.1'],
                           allow_private=True) == ['10.0.0.5', '127.0.0.1']


def test_a_resolver_answer_that_is_no_address_is_refused():
    assert blocked_reason('not-an-ip') == 'not an IP address'
    with pytest.raises(BlockedAddress, match='not an IP address'):
        check_addresses('h', ['not-an-ip'], allow_private=True)


@pytest.mark.parametrize('bad', ['10.0.0.0/33', 'intranet', '300.1.2.3/8', ''])
def test_settings_refuse_a_bad_network_and_name_it(bad):
    from transforms.fetch import FetchSettings
    with pytest.raises(ValueError, match=f'allowed_networks: {bad!r}'):
        FetchSettings(allowed_networks=['127.0.0.0/8', bad])


@pytest.mark.parametrize('url', ['http://[::1', 'http://user:secret99@host:port/',
                                 'http://u:secret99@ho\uff03st/', 'http://[v1.x]/',
                                 'https://' + 'a' * 64 + '.example/',
                                 'https://' + 'abc.' * 64 + 'example/', 'http://a..b/'])
def test_unparseable_urls_are_refused_without_quoting_their_parts(url):
    with pytest.raises(UrlError) as info:
        parse_target(url)
    assert 'secret99' not in str(info.value)   # urllib quotes the netloc or port it rejects
