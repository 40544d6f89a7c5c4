"""decode_xml: the encoding of an XML document, found as the XML specification says."""
import codecs

import pytest

from transforms.formats.errors import InputError
from transforms.formats.xmltext import UTF8_DECLARATION, decode_xml, utf8_document

DOC = '<?xml version="1.0" encoding="{}"?><rss><title>Café 北</title></rss>'


@pytest.mark.parametrize('data, encoding', [
    (DOC.format('utf-8').encode('utf-8'), 'utf-8'),
    (codecs.BOM_UTF8 + DOC.format('utf-8').encode('utf-8'), 'utf-8'),
    (codecs.BOM_UTF16_LE + DOC.format('utf-16').encode('utf-16-le'), 'utf-16-le'),
    (codecs.BOM_UTF16_BE + DOC.format('utf-16').encode('utf-16-be'), 'utf-16-be'),
    (DOC.format('utf-16').encode('utf-16-le'), 'utf-16-le'),
    (DOC.format('utf-16').encode('utf-16-be'), 'utf-16-be'),
    (codecs.BOM_UTF32_LE + DOC.format('utf-32').encode('utf-32-le'), 'utf-32-le'),
    (codecs.BOM_UTF32_BE + DOC.format('utf-32').encode('utf-32-be'), 'utf-32-be'),
    (DOC.format('utf-32').encode('utf-32-le'), 'utf-32-le'),
    (DOC.format('utf-32').encode('utf-32-be'), 'utf-32-be'),
    (DOC.format('gb18030').encode('gb18030'), 'gb18030'),
    (DOC.format('windows-1252').replace('北', '€').encode('cp1252'), 'cp1252'),
    # the declaration says UTF-16 but the bytes are ASCII-based: the declaration is ignored
    (DOC.format('utf-16').encode('utf-8'), 'utf-8'),
    # a declared encoding the bytes do not decode in falls through to UTF-8
    (DOC.format('ascii').encode('utf-8'), 'utf-8'),
    (DOC.format('no-such-codec').encode('utf-8'), 'utf-8'),
])
def test_unicode_and_declared_encodings(data, encoding):
    decoded = decode_xml(data)
    assert decoded.encoding == encoding
    assert decoded.text.endswith(('<title>Café 北</title></rss>', '<title>Café €</title></rss>'))
    assert not decoded.text.startswith('\ufeff')


def test_ebcdic_is_read_in_the_code_page_it_declares():
    text = '<?xml version="1.0" encoding="ibm500"?><rss><title>[Café]</title></rss>'
    decoded = decode_xml(text.encode('cp500'))
    assert (decoded.encoding, decoded.text) == ('cp500', text)
    decoded = decode_xml(text.replace('ibm500', 'no-such').encode('cp037'))
    assert decoded.encoding == 'cp037'


def test_the_http_charset_is_the_weakest_evidence():
    body = '<rss><title>Café</title></rss>'
    assert decode_xml(body.encode('utf-8'), 'text/xml; charset=iso-8859-1').encoding == 'utf-8'
    assert decode_xml(body.encode('cp1252'),
                      'application/rss+xml; charset="windows-1252"').encoding == 'cp1252'
    # a charset that cannot be right for ASCII-based bytes is not used
    assert decode_xml(body.encode('latin-1'), 'text/xml; charset=utf-16').text.endswith(
        'Café</title></rss>')


def test_bytes_no_encoding_fits():
    with pytest.raises(InputError) as err:
        decode_xml(b'\x00\x00\x3c\x00' + b'\x00' * 40)
    assert err.value.reason == 'bad_encoding'


def test_utf8_document_declares_what_it_is():
    assert utf8_document('<?xml version="1.0" encoding="utf-16"?><rss/>') == (
        UTF8_DECLARATION + '<rss/>').encode()
    assert utf8_document('<rss>北</rss>') == (UTF8_DECLARATION + '<rss>北</rss>').encode()
