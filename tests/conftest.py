"""Fixtures shared by the whole suite."""
import glob

import orjson
import pytest


def _read_jsonl(pattern: str) -> list[dict]:
    rows = []
    for path in sorted(glob.glob(str(pattern))):
        with open(path, 'rb') as handle:
            rows += [orjson.loads(line) for line in handle if line.strip()]
    return rows


@pytest.fixture
def read_jsonl():
    """``read_jsonl(pattern)``: every record of the JSONL files matching a glob, in file order."""
    return _read_jsonl


REDIS_HOST, REDIS_PORT = '127.0.0.1', 6379


def _redis_running() -> bool:
    import socket
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as sock:
            sock.sendall(b'PING\r\n')
            return sock.recv(16).startswith(b'+PONG')
    except OSError:
        return False


@pytest.fixture
def redis_url():
    """A ``redis://`` state URL with a fresh key prefix, removed afterwards.

    Skips (with the reason) only where no Redis server answers, as on a user's machine without
    one; the project's machines and CI run one on 127.0.0.1:6379.
    """
    import uuid
    if not _redis_running():
        pytest.skip(f'no Redis server answers on {REDIS_HOST}:{REDIS_PORT}')
    redis = pytest.importorskip('redis', reason='the redis client package is not installed')
    prefix = f'newsbeam-test-{uuid.uuid4().hex}'
    yield f'redis://{REDIS_HOST}:{REDIS_PORT}/0?prefix={prefix}'
    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=0)
    keys = list(client.scan_iter(match=f'{prefix}:*'))
    if keys:
        client.delete(*keys)
    client.close()


POSTGRES_HOST, POSTGRES_PORT = '127.0.0.1', 5432
POSTGRES_ADMIN_URL = f'postgresql://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}/test'


@pytest.fixture
def postgres_state_url():
    """A ``postgresql://`` state URL naming a fresh schema, dropped afterwards.

    Skips (with the reason) only where no PostgreSQL server accepts connections on
    127.0.0.1:5432, as on a user's machine without one; the project's machines and CI run one
    (trust auth, user postgres, database test).
    """
    import socket
    import uuid
    psycopg = pytest.importorskip('psycopg', reason='the psycopg package is not installed')
    try:
        socket.create_connection((POSTGRES_HOST, POSTGRES_PORT), timeout=1).close()
        psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=5).close()
    except (OSError, psycopg.Error) as exc:
        pytest.skip(f'no PostgreSQL server accepts connections on {POSTGRES_HOST}:'
                    f'{POSTGRES_PORT} ({" ".join(str(exc).split())})')
    schema = f'newsbeam_test_{uuid.uuid4().hex[:16]}'
    yield f'{POSTGRES_ADMIN_URL}?schema={schema}'
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def sample_feed_server():
    """``http://127.0.0.1:PORT`` serving ``samples/feeds/`` (loopback only), stopped afterwards."""
    import functools
    import http.server
    import os
    import threading
    from pipeline.config import REPO_ROOT
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=os.path.join(REPO_ROOT, 'samples', 'feeds'))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{server.server_port}'
    server.shutdown()
    server.server_close()


@pytest.fixture
def tagger_builds(monkeypatch):
    """The settings of each tagger built (``Tagger.from_settings`` called) during the test."""
    from transforms.tag import Tagger
    built: list = []
    real = Tagger.from_settings.__func__

    def counting(cls, settings=None):
        built.append(settings)
        return real(cls, settings)
    monkeypatch.setattr(Tagger, 'from_settings', classmethod(counting))
    return built


# --- one build of each tagger per test session ---------------------------------------------------
# Building the tagger from the shipped gazetteer (40,000 entities, one automaton) takes seconds,
# and a hundred tests run the whole pipeline, each of whose runs builds it again: that was most of
# the suite's time. A tagger is a pure function of its settings and the files they name, so the
# suite keeps the ones it built, keyed by the settings and each local file's size and mtime (a test
# that rewrites a file gets a new build). Settings that name remote files (memfs://, gs://) build
# every time. Workers in other processes (multi_processing, Dask) build their own, as in production.

_TAGGERS_KEPT = 4


def _tag_data_key(settings):
    import os

    from transforms.datafiles import is_package_ref
    from transforms.tag import TagSettings
    settings = (settings if settings is not None else TagSettings()).resolved()
    files = []
    for name in TagSettings.PATH_FIELDS:
        value = getattr(settings, name)
        for path in (value if isinstance(value, (list, tuple)) else [value]):
            if path is None or is_package_ref(path):
                continue          # shipped data: the same for the whole session
            if '://' in path:
                return None
            found = [path] if not os.path.isdir(path) else sorted(
                os.path.join(root, f) for root, _, names in os.walk(path) for f in names)
            for f in found:
                try:
                    st = os.stat(f)
                except OSError:
                    return None   # a missing file: let the build report it
                files.append((f, st.st_size, st.st_mtime_ns))
    try:
        hash(settings)
    except TypeError:
        return None
    return settings, tuple(files)


@pytest.fixture(scope='session', autouse=True)
def _one_tagger_build_per_data():
    from transforms.tag import Tagger
    real = Tagger.from_settings.__func__
    kept: dict = {}

    def from_settings(cls, settings=None):
        key = _tag_data_key(settings) if cls is Tagger else None
        if key is None:
            return real(cls, settings)
        if key not in kept:
            if len(kept) >= _TAGGERS_KEPT:
                kept.pop(next(iter(kept)))
            kept[key] = real(cls, settings)
        return kept[key]
    Tagger.from_settings = classmethod(from_settings)
    yield
    Tagger.from_settings = classmethod(real)
