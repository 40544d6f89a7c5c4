"""HTTPS through the pinned-address connection: SNI, certificate and host name checks."""
from __future__ import annotations

import datetime as dt
import http.server
import ssl
import threading

import pytest

from transforms.fetch.http import FetchError, HttpClient
from transforms.fetch.settings import FetchSettings

x509 = pytest.importorskip('cryptography.x509')
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        b'<title>a</title><link>https://feeds.tls.test/a</link></item></channel></rss>')


def _cert(tmp_path):
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'newsbeam test CA')])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(1)
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                       False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                         critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'feeds.tls.test')]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(2)
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName('feeds.tls.test')]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    (tmp_path / 'ca.pem').write_bytes(ca.public_bytes(pem))
    (tmp_path / 'server.pem').write_bytes(cert.public_bytes(pem) + key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return str(tmp_path / 'ca.pem'), str(tmp_path / 'server.pem')


@pytest.fixture
def tls_server(tmp_path):
    ca, server_pem = _cert(tmp_path)
    sni_seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header('Content-Type', 'application/rss+xml')
            self.send_header('Content-Length', str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(server_pem)
    ctx.sni_callback = lambda sock, name, _ctx: sni_seen.append(name)
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    httpd.daemon_threads = True
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={'poll_interval': 0.05},
                              daemon=True)
    thread.start()
    yield httpd.server_address[1], ca, sni_seen
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def _client(**kw):
    settings = FetchSettings(allowed_networks=('127.0.0.1/32',), connect_timeout=1,
                             total_timeout=2, **kw)
    return HttpClient(settings, resolver=lambda host, port: ['127.0.0.1'])


def test_https_to_pinned_address_verifies_the_host_name(tls_server):
    port, ca, sni = tls_server
    response = _client(ca_bundle=ca).get(f'https://feeds.tls.test:{port}/feed')
    assert response.status == 200 and response.body == FEED
    assert response.connected_to == '127.0.0.1' and sni == ['feeds.tls.test']


def test_https_with_an_untrusted_certificate_fails(tls_server):
    port, _, _ = tls_server
    with pytest.raises(FetchError) as err:
        _client().get(f'https://feeds.tls.test:{port}/feed')
    assert err.value.reason == 'connection_error' and 'TLS' in err.value.message


def test_https_certificate_for_another_name_fails(tls_server):
    port, ca, _ = tls_server
    with pytest.raises(FetchError) as err:
        _client(ca_bundle=ca).get(f'https://evil.tls.test:{port}/feed')
    assert err.value.reason == 'connection_error'


def test_ca_bundle_on_another_file_system_is_read_as_bytes(tls_server):
    """The bundle reaches the TLS context as data (cadata), not as a path on the worker."""
    import uuid

    from tests.pipeline.memfs import MemoryFileSystem
    port, ca, _ = tls_server
    bucket = f'memfs://tls-{uuid.uuid4().hex[:8]}'
    with open(ca, 'rb') as handle:
        MemoryFileSystem.put(f'{bucket}/ca.pem', handle.read())
    try:
        response = _client(ca_bundle=f'{bucket}/ca.pem').get(f'https://feeds.tls.test:{port}/feed')
    finally:
        MemoryFileSystem.drop(bucket)
    assert response.status == 200 and response.body == FEED
