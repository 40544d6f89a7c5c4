"""The error a format parser raises for an input that cannot become records."""
from __future__ import annotations

__all__ = ['InputError', 'WRONG_TYPE']

#: the ``quality.warnings`` reason for an optional field of the wrong shape, left out of the
#: record (the item is kept); the normalize stage uses the same string
WRONG_TYPE = 'wrong_type'


class InputError(Exception):
    """An input that cannot be parsed; ``reason`` is a stable string from ``model.Reason``."""

    def __init__(self, reason: str, message: str):
        super().__init__(f'{reason}: {message}')
        self.reason = reason
        self.message = message
