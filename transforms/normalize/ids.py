"""Stable item ids: the same on every run for the same story from the same place.

The id is a 32-hex-digit BLAKE2b digest of ``(place, key)`` where *place* is the source's
registrable domain, else its location (feed URL or file path), and *key* is the first of: the
source's own guid, the canonical URL, the normalised title plus the published instant. Nothing
run-dependent (run id, ingestion time, worker) enters it.
"""
from __future__ import annotations

import hashlib
import unicodedata

__all__ = ['item_id', 'title_key']


def title_key(title: str | None) -> str:
    """Title folded for identity: NFKC, case-folded, whitespace collapsed."""
    if not title:
        return ''
    return ' '.join(unicodedata.normalize('NFKC', title).casefold().split())


def item_id(*, place: str | None, guid: str | None, canonical_url: str | None,
            title: str | None, published: str | None) -> str:
    if guid:
        kind, key = 'guid', guid.strip()
    elif canonical_url:
        kind, key = 'url', canonical_url
    else:
        kind, key = 'title', f'{title_key(title)}\x1f{published or ""}'
    material = '\x1f'.join(('v1', (place or '').lower(), kind, key))
    return hashlib.blake2b(material.encode('utf-8', 'surrogatepass'), digest_size=16).hexdigest()
