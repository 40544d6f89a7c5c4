"""PostgreSQL migrations: ``(version, name, statements)``; ``{schema}`` is the quoted schema.

Never edit a released migration; add the next version (and the same version to ``sqlite.py``).
"""
from __future__ import annotations

__all__ = ['MIGRATIONS']

# The columns items and duplicates share: every contract key typed, the nested ones as JSONB,
# the whole record as JSONB, and the run-time columns (which run wrote the row last and when,
# which run wrote it first).
_STORY_COLUMNS = """
    id               text PRIMARY KEY,
    url              text,
    canonical_url    text,
    guid             text,
    title            text,
    title_original   text,
    summary          text,
    body             text,
    language         text,
    published        timestamptz,
    updated          timestamptz,
    ingested_at      timestamptz,
    authors          jsonb NOT NULL DEFAULT '[]',
    source_name      text,
    source_domain    text,
    source_kind      text,
    source_location  text,
    source           jsonb,
    tags             jsonb,
    dedup            jsonb,
    languages        jsonb,
    quality          jsonb,
    provenance       jsonb,
    extra            jsonb,
    record           jsonb NOT NULL,
    run_id           text,
    first_run_id     text,
    written_at       timestamptz NOT NULL DEFAULT now(),
    first_written_at timestamptz NOT NULL DEFAULT now()"""

_V1 = (
    f'CREATE TABLE {{schema}}.items ({_STORY_COLUMNS}\n)',
    'CREATE INDEX items_published ON {schema}.items (published)',
    'CREATE INDEX items_source_published ON {schema}.items (source_domain, published)',
    # hash, not btree: a URL longer than a btree index row (2.7 kB) must not refuse the item
    'CREATE INDEX items_canonical_url ON {schema}.items USING hash (canonical_url)',
    # jsonb_path_ops: the smaller, faster GIN for containment (tags @> '{"places": [...]}')
    'CREATE INDEX items_tags ON {schema}.items USING gin (tags jsonb_path_ops)',
    """CREATE TABLE {schema}.item_tags (
    item_id text NOT NULL REFERENCES {schema}.items (id) ON DELETE CASCADE,
    kind    text NOT NULL,
    tag_id  text NOT NULL,
    name    text,
    PRIMARY KEY (item_id, kind, tag_id)
)""",
    'CREATE INDEX item_tags_kind_tag ON {schema}.item_tags (kind, tag_id)',
    f"""CREATE TABLE {{schema}}.duplicates ({_STORY_COLUMNS},
    duplicate_of     text,
    dedup_method     text,
    similarity       double precision
)""",
    'CREATE INDEX duplicates_duplicate_of ON {schema}.duplicates (duplicate_of)',
    """CREATE TABLE {schema}.dead_letter (
    key              text PRIMARY KEY,
    stage            text NOT NULL,
    reason           text NOT NULL,
    message          text,
    location         text,
    excerpt          text,
    item_id          text,
    origin           text,
    record           jsonb NOT NULL,
    written_at       timestamptz NOT NULL DEFAULT now(),
    first_written_at timestamptz NOT NULL DEFAULT now()
)""",
    'CREATE INDEX dead_letter_reason ON {schema}.dead_letter (stage, reason)',
    """CREATE TABLE {schema}.runs (
    run_id      text PRIMARY KEY,
    started_at  timestamptz,
    finished_at timestamptz,
    counts      jsonb,
    summary     jsonb NOT NULL,
    written_at  timestamptz NOT NULL DEFAULT now()
)""",
)

MIGRATIONS = (
    (1, 'items, item_tags, duplicates, dead_letter, runs', _V1),
)
