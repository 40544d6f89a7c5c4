"""Feed lists: a text file of URLs (``#`` comments) or an OPML subscription file.

What goes in: the bytes of one list. What comes out: its entries, as written (trimmed), in
file order, without duplicates. Entries are not checked here: a bad URL is the list's data, and
the fetch stage turns each one into a ``bad_url`` dead letter while the other feeds are
fetched. Only a list that cannot be read as a whole raises :class:`FeedListError`.

A list is named by a :mod:`transforms.datafiles` reference: a local path, ``pkg://PACKAGE/FILE``
or any scheme Beam's ``FileSystems`` reads (``gs://``, ``s3://``, ...).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from transforms.datafiles import DataFileError, read_bytes

__all__ = ['load_feed_list', 'parse_feed_list', 'FeedListError']

_UNSAFE = re.compile(rb'<!\s*(DOCTYPE|ENTITY)', re.IGNORECASE)
_MAX_LIST_BYTES = 16 * 1024 * 1024


class FeedListError(ValueError):
    """A feed list that cannot be read as a whole; the message names the file."""


def load_feed_list(path: str) -> list[str]:
    """The entries listed in ``path``, as written, in file order, without duplicates.

    OPML (a file starting with ``<``) contributes the ``xmlUrl`` of every ``outline`` that has
    one; a text file one entry per line, blank lines and ``#`` comments ignored. Entries are
    not validated (see the module docstring). Raises :class:`FeedListError` only when the file
    cannot be read, is over 16 MiB, is text that is not UTF-8, or is OPML that is not
    well-formed, has another root element, or has a DOCTYPE (no entity tricks).
    """
    try:
        data = read_bytes(path, _MAX_LIST_BYTES)
    except DataFileError as exc:
        raise FeedListError(f'cannot read feed list: {exc}') from exc
    return parse_feed_list(data, path)


def parse_feed_list(data: bytes, name: str = '<feed list>') -> list[str]:
    text_start = data.lstrip(b'\xef\xbb\xbf \t\r\n')
    urls = _parse_opml(data, name) if text_start.startswith(b'<') else _parse_text(data, name)
    return list(dict.fromkeys(urls))


def _parse_text(data: bytes, name: str) -> list[str]:
    try:
        text = data.decode('utf-8-sig')
    except UnicodeDecodeError as exc:
        raise FeedListError(f'{name}: not UTF-8 text: {exc}') from exc
    urls = []
    for line in text.splitlines():
        # an inline comment needs whitespace before '#', since '#' may start a URL fragment
        line = re.split(r'(?:^|\s)#', line, maxsplit=1)[0].strip()
        if not line:
            continue
        urls.append(line)
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
            urls.append(url)
    return urls
