"""Deduplication stage: exact and near-duplicate detection, within a run and across runs."""
from __future__ import annotations

from .settings import DedupSettings
from .transform import DeduplicateItems

__all__ = ['DedupSettings', 'DeduplicateItems']
