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
