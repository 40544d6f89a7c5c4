import codecs

import pytest

from transforms.formats import decode as decode_module
from transforms.formats.decode import decode_text, sniff_utf16_32
from transforms.formats.errors import InputError

TEXT = 'Pertemuan “Kim” — 北朝鮮の金総書記\r\nbaris kedua\rbaris ketiga\n'


@pytest.mark.parametrize('data, encoding', [
    (TEXT.encode('utf-8'), 'utf-8'),
    (codecs.BOM_UTF8 + TEXT.encode('utf-8'), 'utf-8'),
    (codecs.BOM_UTF16_LE + TEXT.encode('utf-16-le'), 'utf-16-le'),
    (codecs.BOM_UTF16_BE + TEXT.encode('utf-16-be'), 'utf-16-be'),
    (TEXT.encode('utf-16-le'), 'utf-16-le'),
])
def test_unicode_encodings_and_line_ends(data, encoding):
    decoded = decode_text(data)
    assert decoded.encoding == encoding
    assert decoded.text == 'Pertemuan “Kim” — 北朝鮮の金総書記\nbaris kedua\nbaris ketiga\n'


@pytest.mark.parametrize('text, codec', [
    ('北朝鮮の金総書記とロシアのベロウソフ国防相が会談した。両国は軍事協力を強化している。' * 3,
     'shift_jis'),
    ('북한 김정은 총비서와 러시아 벨로우소프 국방장관이 회담했다. 양국은 군사 협력을 강화하고 있다.' * 3,
     'euc-kr'),
    ('Café déjà vu: the naïve façade of “smart” cities, señor. Über alles — «quotes». ' * 3,
     'cp1252'),
])
def test_legacy_encodings_are_detected_not_guessed(text, codec):
    decoded = decode_text(text.encode(codec))
    assert decoded.text == text


def test_mixed_encoding_lines_are_decoded_each_and_flagged():
    data = 'Line one is UTF-8: “ok”.\n'.encode() + 'Ligne deux en cp1252: déjà été.\n'.encode(
        'cp1252') + 'Line three — fine.\n'.encode()
    decoded = decode_text(data)
    assert 'déjà été' in decoded.text and '“ok”' in decoded.text
    assert decoded.warnings == ('mixed_encoding',)


@pytest.mark.parametrize('data, reason', [
    (b'', 'empty'),
    (b'  \n\t\r\n ', 'empty'),
    (codecs.BOM_UTF8 + b'\n', 'empty'),
    (b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' + bytes(range(256)) * 4, 'binary'),
])
def test_bad_inputs_have_stable_reasons(data, reason):
    with pytest.raises(InputError) as err:
        decode_text(data)
    assert err.value.reason == reason


@pytest.mark.parametrize('codec', ['utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be'])
def test_utf16_and_utf32_without_bom_are_recognised(codec):
    data = TEXT.encode(codec)
    assert sniff_utf16_32(data) == codec
    assert decode_text(data).encoding == codec


def test_many_legacy_lines_are_detected_as_a_whole_not_line_by_line(monkeypatch):
    calls = []
    real = decode_module._best_guess

    def counting(data):
        calls.append(len(data))
        return real(data)
    monkeypatch.setattr(decode_module, '_best_guess', counting)
    data = ('Line in UTF-8: “ok”.\n'.encode()
            + 'Ligne en cp1252: déjà été, à côté du théâtre.\n'.encode('cp1252')) * 2000
    decoded = decode_text(data)
    assert decoded.warnings == ('mixed_encoding',)
    assert decoded.text.count('déjà été') == 2000 and decoded.text.count('“ok”') == 2000
    assert len(calls) == 1       # one detection for the bad lines, not 2,000
