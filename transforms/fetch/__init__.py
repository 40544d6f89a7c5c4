"""The feed fetching stage: feed URLs in, raw records (one per new entry) out.

Public API: :class:`FetchFeeds` (the transform), :class:`FetchSettings`, :func:`load_feed_list`.
The building blocks (:class:`HttpClient`, :func:`fetch_feed`, the address checks and the
scheduling functions) are importable from their modules for tests and tools.
"""
from __future__ import annotations

from .feedlist import FeedListError, load_feed_list
from .settings import FetchSettings
from .transform import OUTCOMES_TAG, FetchFeeds

__all__ = ['FetchFeeds', 'FetchSettings', 'load_feed_list', 'FeedListError', 'OUTCOMES_TAG']
