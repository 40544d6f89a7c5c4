"""SQLite migrations: ``(version, name, statements)``, the same versions as ``postgres.py``.

SQLite has no schemas: the tables live in the database file the sink is given. Times are RFC
3339 text in UTC (``2024-12-06T06:34:00Z``: they sort and compare as text, and SQLite's date
functions read them); JSON columns hold JSON text (query them with ``json_extract`` /
``json_each``). Never edit a released migration; add the next version.
"""
from __future__ import annotations

__all__ = ['MIGRATIONS']

_STORY_COLUMNS = """
    id               TEXT PRIMARY KEY NOT NULL,
    url              TEXT,
    canonical_url    TEXT,
    guid             TEXT,
    title            TEXT,
    title_original   TEXT,
    summary          TEXT,
    body             TEXT,
    language         TEXT,
    published        TEXT,
    updated          TEXT,
    ingested_at      TEXT,
    authors          TEXT NOT NULL DEFAULT '[]',
    source_name      TEXT,
    source_domain    TEXT,
    source_kind      TEXT,
    source_location  TEXT,
    source           TEXT,
    tags             TEXT,
    dedup            TEXT,
    languages        TEXT,
    quality          TEXT,
    provenance       TEXT,
    extra            TEXT,
    record           TEXT NOT NULL,
    run_id           TEXT,
    first_run_id     TEXT,
    written_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    first_written_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"""

_V1 = (
    f'CREATE TABLE items ({_STORY_COLUMNS}\n)',
    'CREATE INDEX items_published ON items (published)',
    'CREATE INDEX items_source_published ON items (source_domain, published)',
    'CREATE INDEX items_canonical_url ON items (canonical_url)',
    """CREATE TABLE item_tags (
    item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    tag_id  TEXT NOT NULL,
    name    TEXT,
    PRIMARY KEY (item_id, kind, tag_id)
) WITHOUT ROWID""",
    'CREATE INDEX item_tags_kind_tag ON item_tags (kind, tag_id)',
    f"""CREATE TABLE duplicates ({_STORY_COLUMNS},
    duplicate_of     TEXT,
    dedup_method     TEXT,
    similarity       REAL
)""",
    'CREATE INDEX duplicates_duplicate_of ON duplicates (duplicate_of)',
    """CREATE TABLE dead_letter (
    key              TEXT PRIMARY KEY NOT NULL,
    stage            TEXT NOT NULL,
    reason           TEXT NOT NULL,
    message          TEXT,
    location         TEXT,
    excerpt          TEXT,
    item_id          TEXT,
    origin           TEXT,
    record           TEXT NOT NULL,
    written_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    first_written_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)""",
    'CREATE INDEX dead_letter_reason ON dead_letter (stage, reason)',
    """CREATE TABLE runs (
    run_id      TEXT PRIMARY KEY NOT NULL,
    started_at  TEXT,
    finished_at TEXT,
    counts      TEXT,
    summary     TEXT NOT NULL,
    written_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)""",
)

MIGRATIONS = (
    (1, 'items, item_tags, duplicates, dead_letter, runs', _V1),
)
