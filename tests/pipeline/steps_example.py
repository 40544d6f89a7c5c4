"""User steps used by the pipeline tests, as a user's own module would define them."""


def port_tagger(item, ports):
    text = ' '.join(item.get(f) or '' for f in ('title', 'summary', 'body'))
    return {'places': [{'id': f'port:{p.lower()}', 'name': p} for p in ports if p in text]}


def require_body(item, min_chars=1):
    if len(item.get('body') or '') < min_chars:
        return False, f'body shorter than {min_chars} characters'
    return True


def mark_source(item, label='checked'):
    item['extra']['label'] = label
    return item


def failing_sink(item):
    raise RuntimeError(f'the warehouse is down (item {item["id"]})')


def flaky_tagger(item, fail_marker):
    """Raises for items whose title holds ``fail_marker`` (a bug the user later fixes)."""
    if fail_marker and fail_marker in (item.get('title') or ''):
        raise ValueError(f'cannot tag {item["id"]}')
    return {}


def sqlite_sink(item, path, fail_flag=''):
    """A user's database sink: a plain INSERT per item (no upsert), refusing items while the
    file ``fail_flag`` exists and the title starts with a letter from A to M."""
    import os
    import sqlite3
    if fail_flag and os.path.exists(fail_flag) and (item.get('title') or 'Z')[0].upper() <= 'M':
        raise ConnectionError('the database refused the row')
    with sqlite3.connect(path, timeout=30) as db:
        db.execute('CREATE TABLE IF NOT EXISTS rows (id TEXT, title TEXT)')
        db.execute('INSERT INTO rows VALUES (?, ?)', (item['id'], item.get('title')))


def terminate_self(item):
    """A tag step that sends SIGTERM to its own process (the in-process runner: the driver),
    as a scheduler stopping the run would."""
    import os
    import signal
    os.kill(os.getpid(), signal.SIGTERM)
    return {}


def _explode(item):
    raise RuntimeError('the sink transform crashed')


try:
    import apache_beam as _beam

    class ExplodingSink(_beam.PTransform):
        """A sink transform whose failure fails the whole run (exit 1)."""

        def expand(self, items):
            return items | 'Explode' >> _beam.Map(_explode)
except ImportError:  # pragma: no cover
    pass


def sleepy_tagger(item, seconds=1.0):
    """A slow tag step: keeps a run busy so another can try to start meanwhile."""
    import time
    time.sleep(seconds)
    return {}
