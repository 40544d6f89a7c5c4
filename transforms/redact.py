"""Credentials out of URLs and messages, before anything is recorded or logged.

What goes in: a URL (or a message that may quote URLs). What comes out: the same text with
every credential replaced by ``***``. Nothing here raises, whatever the input, and the work is
linear in its length. :func:`redact_url` is for one URL; :func:`url_secrets` and
:func:`redact_text` are for texts about a URL (error messages, response excerpts), which may
quote its credentials without the URL around them.

* **User info** (``user:password@``) is replaced whole: ``https://alice:pw@host/f`` becomes
  ``https://***@host/f``. The user name goes too (it is often a token, as in
  ``https://TOKEN@host/``); the ``***@`` marker stays so a reader sees that the feed is
  fetched with credentials, and the URL still parses.
* **Query and fragment parameters** whose name says they hold a secret keep their name and
  lose their value: ``?token=abc&page=2`` becomes ``?token=***&page=2``. Names are compared
  case-insensitively with ``-`` read as ``_``; they are :data:`SECRET_PARAMS`, or end with one
  of :data:`SECRET_PARAM_SUFFIXES` (``x-amz-security-token``, ``X-Goog-Signature``,
  ``private_token``, ``client_secret`` ...). ``&`` and ``;`` both separate parameters.
  Everything else in the URL is kept byte for byte.
* A URL whose authority cannot be read (``http://user:pa/ss@host/``, ``http:///u:p@h``,
  ``http:\\\\u:p@h``) loses everything up to its last ``@``: when in doubt, too much is
  hidden rather than too little.

Known limit: a password with an unescaped ``/``, ``?`` or ``#`` whose first part looks like a
port number (``http://user:1234/x@host``) reads as host ``user``, port 1234 and cannot be
told from an ordinary URL with an ``@`` in its path; it is not redacted.
"""
from __future__ import annotations

import base64
import re
import urllib.parse
from typing import Iterable

__all__ = ['redact_url', 'redact_text', 'url_secrets', 'SECRET_PARAMS', 'SECRET_PARAM_SUFFIXES',
           'MASK', 'MIN_SECRET_CHARS']

MASK = '***'
#: :func:`url_secrets` leaves out shorter strings
MIN_SECRET_CHARS = 3

#: Query/fragment parameter names (lower case, ``-`` read as ``_``) whose value is a secret.
SECRET_PARAMS = frozenset({
    'token', 'access_token', 'refresh_token', 'id_token', 'auth', 'auth_token', 'authorization',
    'jwt', 'key', 'api_key', 'apikey', 'secret', 'client_secret', 'password', 'passwd', 'pwd',
    'pass', 'sig', 'signature', 'credential', 'credentials', 'session', 'sessionid',
    'session_id',
})
#: A parameter whose (normalised) name ends with one of these holds a secret too.
SECRET_PARAM_SUFFIXES = ('token', 'secret', 'password', 'passwd', 'signature', 'credential',
                         'apikey', 'api_key', 'access_key', 'secret_key', 'private_key')

_SCHEME = re.compile(r'[A-Za-z][A-Za-z0-9+.\-]*:')
# host (name, IPv4 or [IPv6]) and optional numeric port: an authority the fetcher can read
_PLAIN_AUTHORITY = re.compile(
    r'(?:\[[0-9A-Za-z:.%]*\]|[^\x00-\x20\x7f\\"<>\[\]^`{|}:@/?#]+)(?::[0-9]*)?')
_PARAM_SEPARATOR = re.compile(r'([&;])')
# a URL quoted in prose: up to white space or a quote, not taking the punctuation after it
_URL_IN_TEXT = re.compile(r'[A-Za-z][A-Za-z0-9+.\-]{0,31}://[^\s<>"\'`]*[^\s<>"\'`.,;:!?)\]}]')


def _authority_end(url: str, begin: int) -> int:
    """Where the authority starting at ``begin`` ends (as ``urllib.parse.urlsplit`` reads it)."""
    ends = [i for i in (url.find(c, begin) for c in '/?#') if i >= 0]
    return min(ends) if ends else len(url)


def _is_secret_name(name: str) -> bool:
    norm = urllib.parse.unquote_plus(name).strip().lower().replace('-', '_')
    return norm in SECRET_PARAMS or norm.endswith(SECRET_PARAM_SUFFIXES)


def _params(text: str, secrets: list[str]) -> str:
    pieces = _PARAM_SEPARATOR.split(text)   # separators kept as pieces of their own
    for i, piece in enumerate(pieces):
        name, eq, value = piece.partition('=')
        if eq and value and _is_secret_name(name):
            secrets.extend((value, urllib.parse.unquote_plus(value)))
            pieces[i] = f'{name}={MASK}'
    return ''.join(pieces)


def _userinfo_secrets(userinfo: str, secrets: list[str]) -> None:
    secrets.append(userinfo)
    raw_user, sep, raw_password = userinfo.partition(':')
    user, password = urllib.parse.unquote(raw_user), urllib.parse.unquote(raw_password)
    # a user name alone is often a token; beside a password it is left to the whole-userinfo
    # entry, so that a common name ("feeds") does not blank out every message that quotes it
    secrets.extend((raw_password, password, urllib.parse.unquote(userinfo)) if sep
                   else (raw_user, user))
    raw = f'{user}:{password}'.encode('utf-8', 'surrogatepass')
    secrets.append(base64.b64encode(raw).decode('ascii'))  # as an echoed Authorization header


def _redact(url: str) -> tuple[str, list[str]]:
    secrets: list[str] = []
    start = len(url) - len(url.lstrip())
    scheme = _SCHEME.match(url, start)
    after_scheme = scheme.end() if scheme else start
    if url.startswith('//', after_scheme):
        begin = after_scheme + 2
        end = _authority_end(url, begin)
        at = url.rfind('@', begin, end)
        if at < 0 and not _PLAIN_AUTHORITY.fullmatch(url, begin, end):
            # an authority the fetcher cannot read: a password with '/', '?' or '#' in it may
            # have split it, so everything up to the last '@' may be user info
            at = url.rfind('@', end)
            if at >= 0:
                end = _authority_end(url, at + 1)
    else:
        # no '//': no authority by the book, but "user:pw@host/..." or "http:\\u:p@h" still
        # carry credentials before their first '/', '?' or '#'
        begin = start
        end = _authority_end(url, begin)
        at = url.rfind('@', begin, end)
    if at >= 0:
        _userinfo_secrets(url[begin:at], secrets)
        head = f'{url[:begin]}{MASK}{url[at:end]}'
    else:
        head = url[:end]
    rest = url[end:]
    hash_at = rest.find('#')
    path_query, fragment = (rest, '') if hash_at < 0 else (rest[:hash_at], rest[hash_at:])
    q_at = path_query.find('?')
    if q_at >= 0:
        path_query = path_query[:q_at + 1] + _params(path_query[q_at + 1:], secrets)
    if '=' in fragment:
        fragment = '#' + _params(fragment[1:], secrets)
    return head + path_query + fragment, [s for s in secrets if s]


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode('utf-8', 'surrogateescape')
    return str(value)


def redact_url(url: str) -> str:
    """``url`` with its user info replaced by ``***`` and its secret parameter values too.

    Never raises: a value that is not a string is turned into one first, and if anything
    goes wrong everything up to the last ``@`` is replaced.
    """
    try:
        return _redact(_as_text(url))[0]
    except Exception:  # the contract is "never raises": fall back to the bluntest cut
        try:
            text = _as_text(url)
            at = text.rfind('@')
            return text if at < 0 else MASK + text[at:]
        except Exception:
            return MASK


def url_secrets(url: str) -> tuple[str, ...]:
    """The credentials ``url`` carries (user info, its parts, secret parameter values, raw
    and percent-decoded), longest first: for :func:`redact_text` on messages about ``url``.

    Strings shorter than :data:`MIN_SECRET_CHARS` are left out: blanking every ``a`` of a
    message would hide more than it protects (the URL itself is always redacted whole).
    """
    try:
        found = _redact(_as_text(url))[1]
    except Exception:
        return ()
    return tuple(sorted({s for s in found if len(s) >= MIN_SECRET_CHARS}, key=len,
                        reverse=True))


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every ``scheme://`` URL in it passed through :func:`redact_url` and every
    literal occurrence of ``secrets`` replaced by ``***``. Never raises."""
    try:
        text = _as_text(text)
        text = _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)
        for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
            text = text.replace(secret, MASK)
        return text
    except Exception:
        return MASK
