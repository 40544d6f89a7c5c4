"""A local HTTP server for the fetch tests: real-world-shaped feeds, fault injection, counting.

Every server listens on 127.0.0.1 (port 0), runs in a daemon thread and is shut down by its
fixture; handlers never wait longer than a couple of seconds, so nothing outlives a test.
"""
from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import http.server
import socket
import threading
import time
from typing import Callable

import orjson
import pytest


@dataclasses.dataclass
class Seen:
    at: float
    path: str
    headers: dict
    client: str


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        server: FeedServer = self.server.owner
        path = self.path
        with server.lock:
            server.requests.append(Seen(time.monotonic(), path,
                                        {k.lower(): v for k, v in self.headers.items()},
                                        self.client_address[0]))
        route = server.routes.get(path.split('?', 1)[0])
        try:
            if route is None:
                send(self, 404, b'not here', {'Content-Type': 'text/plain'})
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeouts, size caps): expected in these tests


def send(handler, status: int, body: bytes = b'', headers: dict | None = None) -> None:
    handler.log_request(status)
    handler.send_response_only(status)
    headers = dict(headers or {})
    headers.setdefault('Date', handler.date_time_string())
    headers.setdefault('Content-Length', str(len(body)))
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    if body:
        handler.wfile.write(body)


class _Listener(http.server.ThreadingHTTPServer):
    request_queue_size = 64  # the default 5 drops connections under parallel clients


class FeedServer:
    """A ThreadingHTTPServer on 127.0.0.1 with a route table and a log of requests."""

    def __init__(self, host: str = '127.0.0.1'):
        self.routes: dict[str, Callable] = {}
        self.requests: list[Seen] = []
        self.lock = threading.Lock()
        self.httpd = _Listener((host, 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={'poll_interval': 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str | None = None) -> str:
        return f'http://{host or self.host}:{self.port}{path}'

    def route(self, path: str, handler: Callable) -> str:
        self.routes[path] = handler
        return self.url(path)

    def hits(self, path: str) -> list[Seen]:
        with self.lock:
            return [r for r in self.requests if r.path.split('?', 1)[0] == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def server():
    srv = FeedServer()
    yield srv
    srv.close()


class AcceptCounter:
    """A bare listening socket that counts the connections it accepts (and accepts them)."""

    def __init__(self, host: str):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.accepted += 1
            conn.close()

    def close(self):
        self._stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def accept_counter():
    counters = []

    def make(host: str = '127.0.0.2') -> AcceptCounter:
        counter = AcceptCounter(host)
        counters.append(counter)
        return counter
    yield make
    for counter in counters:
        counter.close()


# realistic feed documents ---------------------------------------------------------------------

def _pubdate(i: int) -> str:
    return email.utils.formatdate(1733400000 + i * 3600, usegmt=True)


def rss_feed(entries: range, *, title: str = 'Example News - World', ttl: int | None = None,
             charset: str = 'utf-8') -> bytes:
    items = []
    for i in entries:
        items.append(f"""
    <item>
      <title>Story {i}: talks resume in Seoul &amp; Tokyo</title>
      <link>https://news.example.com/world/2024/12/story-{i}?utm_source=rss&amp;utm_medium=feed</link>
      <guid isPermaLink="false">news.example.com-story-{i}</guid>
      <dc:creator>Kim Min-ji</dc:creator>
      <category>World</category>
      <category>Asia</category>
      <pubDate>{_pubdate(i)}</pubDate>
      <description><![CDATA[<p>Lead paragraph of story {i}. <a href="/related/{i}">Related</a></p>]]></description>
      <content:encoded><![CDATA[<p>First paragraph of story {i} — with a dash.</p>
        <p>Second paragraph, quoting officials in <b>Seoul</b>.</p>
        <img src="https://cdn.example.com/{i}.jpg" alt="photo"/>]]></content:encoded>
    </item>""")
    ttl_xml = f'\n    <ttl>{ttl}</ttl>' if ttl else ''
    doc = f"""<?xml version="1.0" encoding="{charset}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{title}</title>
    <link>https://news.example.com/world</link>
    <atom:link href="https://news.example.com/world/rss.xml" rel="self" type="application/rss+xml"/>
    <description>World news from Example News</description>
    <language>en-us</language>{ttl_xml}
    <lastBuildDate>{_pubdate(max(entries, default=0))}</lastBuildDate>{''.join(reversed(items))}
  </channel>
</rss>
"""
    return doc.encode(charset)


def atom_feed(entries: range) -> bytes:
    items = ''.join(f"""
  <entry>
    <title type="html">Atom story {i} &lt;em&gt;update&lt;/em&gt;</title>
    <link rel="alternate" type="text/html" href="/articles/{i}.html"/>
    <id>tag:blog.example.org,2024:entry-{i}</id>
    <updated>2024-12-0{1 + i % 9}T10:00:00Z</updated>
    <author><name>Jane Roe</name></author>
    <summary type="html">&lt;p&gt;Summary {i}&lt;/p&gt;</summary>
    <content type="html">&lt;p&gt;Body of atom story {i}.&lt;/p&gt;</content>
  </entry>""" for i in entries)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.org/">
  <title>Example Blog</title>
  <id>tag:blog.example.org,2024:feed</id>
  <updated>2024-12-09T10:00:00Z</updated>
  <link rel="self" href="https://blog.example.org/feed.atom"/>{items}
</feed>
""".encode('utf-8')


def json_feed(entries: range) -> bytes:
    return orjson.dumps({
        'version': 'https://jsonfeed.org/version/1.1',
        'title': 'Example JSON Feed',
        'home_page_url': 'https://json.example.net/',
        'feed_url': 'https://json.example.net/feed.json',
        'items': [{
            'id': f'json-{i}', 'url': f'https://json.example.net/posts/{i}',
            'title': f'JSON story {i}', 'content_html': f'<p>JSON body {i}</p>',
            'date_published': '2024-12-06T06:34:00Z', 'authors': [{'name': 'Lee'}],
            'tags': ['tech'],
        } for i in entries],
    })


class FeedResource:
    """A feed that answers conditional requests like a real server (ETag + Last-Modified)."""

    def __init__(self, render: Callable[[], bytes], content_type: str,
                 extra_headers: dict | None = None):
        self.render = render
        self.content_type = content_type
        self.extra_headers = dict(extra_headers or {})
        self.modified = email.utils.formatdate(1733400000, usegmt=True)

    def __call__(self, handler) -> None:
        body = self.render()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = {'ETag': etag, 'Last-Modified': self.modified, **self.extra_headers}
        if handler.headers.get('If-None-Match') == etag:
            send(handler, 304, b'', {k: v for k, v in headers.items()})
            return
        send(handler, 200, body, {'Content-Type': self.content_type, **headers})

    def touch(self, when: int) -> None:
        self.modified = email.utils.formatdate(when, usegmt=True)


class Kit:
    """What tests build server routes from (importlib mode: tests cannot import conftest)."""
    FeedResource = FeedResource
    send = staticmethod(send)
    rss_feed = staticmethod(rss_feed)
    atom_feed = staticmethod(atom_feed)
    json_feed = staticmethod(json_feed)


@pytest.fixture
def kit():
    return Kit
