"""Feed lists: a text file of URLs (``#`` comments) or an OPML subscription file."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .addresses import UrlError, parse_target

__all__ = ['load_feed_list', 'parse_feed_list', 'FeedListError']

_UNSAFE = re.compile(rb'<!\s*(DOCTYPE|ENTITY)', re.IGNORECASE)
_MAX_LIST_BYTES = 16 * 1024 * 1024


class FeedListError(ValueError):
    """A feed list that cannot be read; the message names the file and the line or element."""


def load_feed_list(path: str) -> list[str]:
    """The feed URLs listed in ``path``, in file order, without duplicates.

    OPML (a file starting with ``<``) contributes every ``outline`` with an ``xmlUrl``; a text
    file one URL per line, blank lines and ``#`` comments ignored. Every URL must be absolute
    http(s). OPML with a DOCTYPE is refused (no entity tricks). Raises :class:`FeedListError`.
    """
    try:
        with open(path, 'rb') as fh:
            data = fh.read(_MAX_LIST_BYTES + 1)
    except OSError as exc:
        raise FeedListError(f'{path}: cannot read feed list: {exc.strerror or exc}') from exc
    if len(data) > _MAX_LIST_BYTES:
        raise FeedListError(f'{path}: feed list larger than {_MAX_LIST_BYTES} bytes')
    return parse_feed_list(data, path)


def parse_feed_list(data: bytes, name: str = '<feed list>') -> list[str]:
    text_start = data.lstrip(b'\xef\xbb\xbf \t\r\n')
    urls = _parse_opml(data, name) if text_start.startswith(b'<') else _parse_text(data, name)
    return list(dict.fromkeys(urls))


def _checked(url: str, where: str) -> str:
    try:
        parse_target(url)
    except UrlError as exc:
        raise FeedListError(f'{where}: {url!r} is not a feed URL: {exc}') from exc
    return url


def _parse_text(data: bytes, name: str) -> list[str]:
    try:
        text = data.decode('utf-8-sig')
    except UnicodeDecodeError as exc:
        raise FeedListError(f'{name}: not UTF-8 text: {exc}') from exc
    urls = []
    for number, line in enumerate(text.splitlines(), 1):
        # an inline comment needs whitespace before '#', since '#' may start a URL fragment
        line = re.split(r'(?:^|\s)#', line, maxsplit=1)[0].strip()
        if not line:
            continue
        urls.append(_checked(line, f'{name}:{number}'))
    return urls


def _parse_opml(data: bytes, name: str) -> list[str]:
    if _UNSAFE.search(data):
        raise FeedListError(f'{name}: OPML with a DOCTYPE or entity declaration is refused')
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FeedListError(f'{name}: not well-formed OPML: {exc}') from exc
    if root.tag.lower() != 'opml':
        raise FeedListError(f'{name}: root element is <{root.tag}>, expected <opml>')
    urls = []
    for outline in root.iter():
        if not isinstance(outline.tag, str) or outline.tag.lower() != 'outline':
            continue
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        url = (attrs.get('xmlurl') or '').strip()
        if url:
            urls.append(_checked(url, f'{name}: outline {attrs.get("text") or attrs.get("title") or ""!r}'))
    return urls
