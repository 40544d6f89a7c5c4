"""URLs: a link as given in, its canonical form and registrable domain out.

``canonical_url`` keeps only absolute http(s) links (a relative one is resolved against the
record's base URL first; ``javascript:``, ``data:``, ``mailto:`` and the like give ``None``) and
makes equal links look equal: control and invisible characters (zero-width, bidi, soft hyphen,
BOM, noncharacters) removed, scheme and host lowercased (IDN hosts as punycode), credentials and
default ports dropped, dot segments resolved, an empty path as ``/``, the fragment dropped,
tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``, ``mc_eid`` ...) removed,
remaining parameters sorted by name (values of a repeated name keep their order), and AMP/mobile
variants rewritten by the configured :class:`UrlRule` list.

``registrable_domain`` uses tldextract with the public suffix list snapshot bundled in the
package: it never fetches anything over the network and never writes a cache.
"""
from __future__ import annotations

import dataclasses
import functools
import operator
import posixpath
import re
from urllib.parse import quote, unquote, unquote_plus, urljoin, urlsplit, urlunsplit

from transforms.normalize.text import remove_hidden_characters

__all__ = ['UrlRule', 'DEFAULT_URL_RULES', 'DEFAULT_TRACKING_PARAMS', 'DEFAULT_TRACKING_PREFIXES',
           'UrlCanonicalizer', 'canonical_url', 'registrable_domain', 'host_of',
           'load_domain_extractor']


@dataclasses.dataclass(frozen=True)
class UrlRule:
    """A rewrite applied to the canonical URL: ``re.sub(pattern, replace, url)``."""
    pattern: str
    replace: str = ''
    name: str = ''

    def validate(self) -> None:
        try:
            re.compile(self.pattern)
        except re.error as exc:
            raise ValueError(f'url rule {self.name or self.pattern!r}: bad pattern: {exc}') from exc


DEFAULT_URL_RULES: tuple[UrlRule, ...] = (
    # Google AMP cache: https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a -> origin
    UrlRule(r'^https?://[^/]+\.cdn\.ampproject\.org/(?:[a-z]/)*(?:s/)?', 'https://', 'amp-cache'),
    # amp.example.com / m.example.com / mobile.example.com -> www.example.com
    UrlRule(r'^(https?://)(?:amp|m|mobile)\.(?=[^/.]+\.[^/]+)', r'\1www.', 'mobile-host'),
    # /amp/ path segment, trailing /amp, .amp.html
    UrlRule(r'^(https?://[^/]+(?:/[^?]*)?)/amp(?=/|\?|$)', r'\1', 'amp-segment'),
    UrlRule(r'\.amp(\.html?)(?=\?|$)', r'\1', 'amp-suffix'),
    # ?amp, ?amp=1, ?outputType=amp
    UrlRule(r'([?&])(?:amp(?:=1|=true)?|outputType=amp)(?=&|$)&?', r'\1', 'amp-param'),
    UrlRule(r'[?&]$', '', 'empty-query'),
)

DEFAULT_TRACKING_PARAMS: tuple[str, ...] = (
    'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid',
    'ttclid', 'li_fat_id', 'igshid', 'igsh', 'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc',
    '_hsmi', 'hsctatracking', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'wickedid',
    'rb_clickid', 's_cid', 'cmpid', 'ocid', 'icid', 'ncid', 'smid', 'sr_share', 'spm',
    'ref_src', 'ref_url', 'referrer', 'share', 'trk', 'trkCampaign', 'cid', 'ito', 'at_medium',
    'at_campaign', 'wt.mc_id', 'wt_mc', 'fb_ref', 'fb_source', 'feature', 'xtor', 'guccounter',
    'guce_referrer', 'guce_referrer_sig', 'rss', 'from', 'src', 'via',
)
DEFAULT_TRACKING_PREFIXES: tuple[str, ...] = ('utm_', 'pk_', 'mtm_', 'hsa_', 'ga_', 'at_')

_DROP_SCHEMES = ('javascript:', 'data:', 'vbscript:', 'mailto:', 'tel:', 'file:', 'about:',
                 'blob:', 'ftp:')
_HOST_OK = re.compile(r'^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$')
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_PATH_PLAIN = re.compile(r"[A-Za-z0-9/:@!$&'()*+,;=._~-]*\Z")


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


class UrlCanonicalizer:
    """Compiled canonicalisation rules; build once per settings, call per URL."""

    def __init__(self, rules=DEFAULT_URL_RULES, tracking_params=DEFAULT_TRACKING_PARAMS,
                 tracking_prefixes=DEFAULT_TRACKING_PREFIXES):
        self._rules = tuple((re.compile(rule.pattern, re.IGNORECASE), rule.replace)
                            for rule in rules)
        self._any_rule = _any_of(rule.pattern for rule in rules)
        self._params = frozenset(p.lower() for p in tracking_params)
        self._prefixes = tuple(p.lower() for p in tracking_prefixes)

    def absolute(self, url: str | None, base_url: str | None = None) -> str | None:
        """The link made absolute (resolved against ``base_url``), or None if it is not http(s)."""
        if not isinstance(url, str):
            return None
        # Controls and invisible characters (zero-width, bidi, soft hyphen, BOM ...) are no
        # part of a link (browsers drop tabs and newlines too): the same link, the same id.
        url = remove_hidden_characters(url).strip()
        if not url.isascii():
            url = url.encode('utf-8', 'replace').decode('utf-8')  # lone surrogates -> '?'
        if not url or url.lower().startswith(_DROP_SCHEMES):
            return None
        if url.startswith('//'):
            url = 'https:' + url
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if not parts.scheme:
            base = self.absolute(base_url) if base_url else None
            if not base:
                # "www.example.com/path" without a scheme is a host, not a relative path.
                if re.match(r'^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:/|$)', url, re.I):
                    url = 'https://' + url
                else:
                    return None
            else:
                url = urljoin(base, url)
            try:
                parts = urlsplit(url)
            except ValueError:
                return None
        if parts.scheme.lower() not in ('http', 'https') or not (
                parts.netloc.lower() if _PLAIN_NETLOC.match(parts.netloc) else parts.hostname):
            return None
        return url

    def canonical(self, url: str | None, base_url: str | None = None) -> str | None:
        absolute = self.absolute(url, base_url)
        if absolute is None:
            return None
        return self.canonical_absolute(absolute)

    def canonical_absolute(self, absolute: str) -> str | None:
        """:meth:`canonical` for a URL that :meth:`absolute` already returned."""
        try:
            parts = urlsplit(absolute)
            hostname, port = _host_and_port(parts)
        except ValueError:
            return None
        scheme = parts.scheme.lower()
        host = (hostname or '').rstrip('.')
        try:
            host = host.encode('idna').decode('ascii').lower() if not host.isascii() else host.lower()
        except UnicodeError:
            return None
        if not host or not _HOST_OK.match(host):
            return None
        if ':' in host and not host.startswith('['):
            host = f'[{host}]'
        netloc = host
        if port is not None and not (scheme == 'http' and port == 80) and not (
                scheme == 'https' and port == 443):
            netloc = f'{host}:{port}'
        path = _clean_path(parts.path)
        query = self._clean_query(parts.query)
        if path[:1] == '/':
            # What urlunsplit gives for these parts, without its argument coercion.
            canonical = f'{scheme}://{netloc}{path}?{query}' if query else \
                f'{scheme}://{netloc}{path}'
        else:
            canonical = urlunsplit((scheme, netloc, path, query, ''))
        # One search for all rules first: most URLs match none, and then every sub is a no-op.
        if self._any_rule is None or self._any_rule.search(canonical):
            for pattern, replace in self._rules:
                canonical = pattern.sub(replace, canonical)
        return canonical

    def _clean_query(self, query: str) -> str:
        """Tracking parameters out, the rest sorted by name (a stable sort: the values of a
        repeated name keep their order). Pairs keep their own spelling: decoding and
        re-encoding every query would cost more than it gains."""
        if not query:
            return ''
        kept = []
        params, prefixes = self._params, self._prefixes
        for pair in query.split('&'):
            if not pair:
                continue
            name = pair.partition('=')[0]
            if '%' in name or '+' in name:
                name = unquote_plus(name)
            lowered = name.lower()      # _is_tracking, inline: this loop runs per parameter
            if not (lowered in params or lowered.startswith(prefixes)):
                kept.append((name, pair))
        if len(kept) == 1:
            return kept[0][1]
        kept.sort(key=_FIRST)
        return '&'.join([pair for _, pair in kept])

    def _is_tracking(self, name: str) -> bool:
        name = name.lower()
        return name in self._params or name.startswith(self._prefixes)


_FIRST = operator.itemgetter(0)
_PLAIN_NETLOC = re.compile(r'[A-Za-z0-9.-]+\Z')


def _host_and_port(parts) -> tuple[str | None, int | None]:
    """``(parts.hostname, parts.port)``; a netloc that is a plain host name (no credentials,
    port, brackets or zone) is read without urllib's parsing of it, twice. ValueError as
    ``parts.port`` raises it."""
    netloc = parts.netloc
    if _PLAIN_NETLOC.match(netloc):
        return netloc.lower(), None
    return parts.hostname, parts.port


def _any_of(patterns) -> re.Pattern | None:
    """One case-insensitive pattern that matches wherever one of ``patterns`` would, or None
    when they cannot be joined safely (backreferences, inline flags, bad syntax)."""
    patterns = list(patterns)
    if not patterns:
        return None
    if any(re.search(r'\\[1-9]|\(\?P=|\(\?[aiLmsux-]', p) for p in patterns):
        return None
    try:
        return re.compile('|'.join(f'(?:{p})' for p in patterns), re.IGNORECASE)
    except re.error:
        return None


def _clean_path(path: str) -> str:
    if not path:
        return '/'
    if '/.' in path:
        trailing = path.endswith(('/', '/.', '/..'))
        path = posixpath.normpath(path)
        if path.startswith('//'):
            path = '/' + path.lstrip('/')
        if trailing and path != '/':
            path += '/'
    if _PATH_PLAIN.match(path):
        return path
    # Re-quote so that equal paths have one spelling (%7E and ~, raw spaces and %20).
    return quote(unquote(path), safe=_PATH_SAFE.replace('%', ''))


def canonical_url(url: str | None, base_url: str | None = None,
                  canonicalizer: UrlCanonicalizer | None = None) -> str | None:
    """Canonical form of ``url`` with the default rules (or ``canonicalizer``'s)."""
    return (canonicalizer or _default_canonicalizer()).canonical(url, base_url)


@functools.lru_cache(maxsize=1)
def _default_canonicalizer() -> UrlCanonicalizer:
    return UrlCanonicalizer()


@functools.lru_cache(maxsize=1)
def load_domain_extractor():
    """tldextract over its bundled public suffix list snapshot: no network, no disk cache."""
    import tldextract
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def registrable_domain(url_or_host: str | None, extractor=None) -> str | None:
    """``news.bbc.co.uk`` -> ``bbc.co.uk``; an IP address or a bare suffix gives the host/None."""
    if not url_or_host or not isinstance(url_or_host, str):
        return None
    value = url_or_host.strip().lower()
    host = host_of(value) if '/' in value or ':' in value else value
    if not host:
        return None
    host = host.rstrip('.')
    if re.match(r'^\d{1,3}(?:\.\d{1,3}){3}$', host) or host.startswith('['):
        return host
    if not host.isascii():
        try:
            host = host.encode('idna').decode('ascii')
        except UnicodeError:
            return None
    if not _HOST_OK.match(host):
        return None
    extractor = extractor or load_domain_extractor()
    parts = extractor(host)
    if parts.domain and parts.suffix:
        return f'{parts.domain}.{parts.suffix}'
    if parts.domain and '.' not in host:
        return None
    return None
