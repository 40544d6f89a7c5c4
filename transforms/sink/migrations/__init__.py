"""Versioned schema migrations of the database sinks, one list per dialect.

Goes in: nothing (data). Comes out: :data:`POSTGRES` and :data:`SQLITE`, each a tuple of
:class:`Migration` in version order, and :func:`latest_version`.

A migration is never edited once released: a change of the schema is a new migration with the
next version number, added to both lists (the two dialects keep the same version numbers, so
``schema_migrations`` means the same in both). ``transforms/sink/sql.py`` applies the missing
ones in one transaction under a lock and records each in ``schema_migrations``; a database that
records a version newer than :func:`latest_version` is refused. PostgreSQL statements name the
schema as ``{schema}`` (filled in with the quoted schema name); SQLite has no schemas, and its
tables live in the database file the sink is given.
"""
from __future__ import annotations

from typing import NamedTuple

from . import postgres, sqlite

__all__ = ['Migration', 'POSTGRES', 'SQLITE', 'latest_version', 'for_dialect']


class Migration(NamedTuple):
    """One schema change: ``statements`` run in order inside the migrating transaction."""
    version: int
    name: str
    statements: tuple[str, ...]


def _build(raw: tuple[tuple[int, str, tuple[str, ...]], ...]) -> tuple[Migration, ...]:
    migrations = tuple(Migration(v, n, s) for v, n, s in raw)
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):  # a packaging mistake, caught at import
        raise ValueError(f'migration versions must be 1, 2, 3, ... in order, not {versions}')
    return migrations


POSTGRES: tuple[Migration, ...] = _build(postgres.MIGRATIONS)
SQLITE: tuple[Migration, ...] = _build(sqlite.MIGRATIONS)

if len(POSTGRES) != len(SQLITE):  # both dialects move together
    raise ValueError('the PostgreSQL and SQLite migration lists must have the same versions')


def for_dialect(dialect: str) -> tuple[Migration, ...]:
    """The migrations of ``dialect`` (``postgres`` or ``sqlite``)."""
    if dialect == 'postgres':
        return POSTGRES
    if dialect == 'sqlite':
        return SQLITE
    raise ValueError(f'unknown dialect {dialect!r}; allowed: postgres, sqlite')


def latest_version() -> int:
    """The schema version this code writes."""
    return len(POSTGRES)
