"""normalize_record and NormalizeSettings (no Beam)."""
from __future__ import annotations

import pytest

from transforms.context import RunContext
from transforms.model import Reason, new_raw_record
from transforms.normalize import NormalizeError, NormalizeSettings, Normalizer, normalize_record
from transforms.settings import SettingsError, from_mapping

RUN = RunContext(run_id='r1', started_at='2026-11-27T06:00:00Z', pipeline_version='9.9.9')
SETTINGS = NormalizeSettings()


def raw(**fields):
    return new_raw_record(kind='feed', location='https://example.com/rss', fmt='rss20',
                          parser='feedparser', entry=3, **fields)


def test_item_shape_provenance_and_hints_consumed():
    item = normalize_record(raw(title='Hello world', guid='g', extra={'k': [1]}), SETTINGS, RUN)
    assert 'hints' not in item and 'categories' not in item
    assert item['provenance'] == {'input': 'https://example.com/rss', 'format': 'rss20',
                                  'parser': 'feedparser', 'entry': 3, 'run_id': 'r1',
                                  'pipeline_version': '9.9.9'}
    assert item['ingested_at'] == RUN.started_at
    assert item['extra'] == {'k': [1]}
    assert item['source']['kind'] == 'feed'


def test_id_is_stable_across_runs_and_input_is_not_mutated():
    record = raw(title='Hello', url='https://example.com/a?utm_source=x')
    before = repr(record)
    one = normalize_record(record, SETTINGS, RUN)
    two = normalize_record(record, SETTINGS, RunContext('r2', '2026-11-28T00:00:00Z'))
    assert one['id'] == two['id']
    assert repr(record) == before


def test_no_content_and_bad_types_raise_normalize_error():
    with pytest.raises(NormalizeError) as info:
        normalize_record(raw(title='<br>', body='  ', hints={'html': ['title']}), SETTINGS, RUN)
    assert info.value.reason == Reason.NO_CONTENT
    bad = raw(title='ok')
    bad['body'] = {'unexpected': 1}
    with pytest.raises(NormalizeError) as info:
        normalize_record(bad, SETTINGS, RUN)
    assert info.value.reason == Reason.NORMALIZE_ERROR
    with pytest.raises(NormalizeError):
        normalize_record(['not', 'a', 'dict'], SETTINGS, RUN)


def test_title_original_equal_to_title_is_dropped():
    item = normalize_record(raw(title='Same', title_original=' Same '), SETTINGS, RUN)
    assert item['title_original'] is None


def test_language_falls_back_to_title_and_languages_per_field():
    item = normalize_record(raw(title='北朝鮮の金総書記とロシアの国防相が会談'), SETTINGS, RUN)
    assert item['language'] == 'ja'
    assert item['languages'] == {'title': 'ja'}


def test_summary_language_reuses_body_when_it_is_the_lead():
    body = ('The central bank left its main interest rate unchanged on Thursday, saying '
            'inflation remained above its target.')
    item = normalize_record(raw(title='Rates', summary=body[:90], body=body), SETTINGS, RUN)
    assert item['languages']['summary'] == item['languages']['body'] == 'en'


def test_input_cap_marks_truncation():
    settings = NormalizeSettings(max_input_chars=1000)
    item = normalize_record(raw(title='Big', body='word ' * 10_000), settings, RUN)
    assert item['quality']['truncated'] == ['body']
    assert len(item['body']) <= 1000


def test_source_given_as_string_and_domain_from_url():
    record = raw(title='x', url='https://news.example.co.uk/a')
    record['source'] = 'Example News'
    item = normalize_record(record, SETTINGS, RUN)
    assert item['source']['name'] == 'Example News'
    assert item['source']['domain'] == 'example.co.uk'


def test_existing_tags_are_kept_and_categories_added():
    record = raw(title='x', categories=['Politik'])
    record['tags']['places'] = [{'id': 'jakarta', 'name': 'Jakarta'}]
    item = normalize_record(record, SETTINGS, RUN)
    assert item['tags']['places'] == [{'id': 'jakarta', 'name': 'Jakarta'}]
    assert item['tags']['categories'] == [{'id': 'politik', 'name': 'Politik'}]


def test_normalizer_reuse_gives_identical_results():
    normalizer = Normalizer(SETTINGS, RUN)
    records = [raw(title=f'Story {i}', authors=['By Jane Doe'], categories=['World'],
                   url=f'https://m.example.com/{i}') for i in range(3)] * 2
    first = [normalizer(r) for r in records]
    again = [normalize_record(r, SETTINGS, RUN) for r in records]
    assert first == again
    assert first[0]['authors'] == ['Jane Doe']
    first[0]['authors'].append('mutated')
    assert normalizer(records[0])['authors'] == ['Jane Doe']


def test_settings_from_mapping_strict():
    settings = from_mapping(NormalizeSettings, {
        'default_timezone': 'Asia/Jakarta', 'timezone_abbreviations': {'cst': 'Asia/Shanghai'},
        'url_rules': [{'pattern': '^http://', 'replace': 'https://', 'name': 'https'}],
        'language_candidates': ['en', 'id']}, 'normalize')
    assert settings.timezone_abbreviations['CST'] == 'Asia/Shanghai'
    assert settings.language_candidates == ('en', 'id')
    for bad, fragment in [
        ({'nope': 1}, 'unknown key normalize.nope'),
        ({'default_timezone': 'Mars/Olympus'}, 'default_timezone'),
        ({'timezone_abbreviations': {'X': 'Nowhere'}}, 'timezone_abbreviations.X'),
        ({'url_rules': [{'pattern': '('}]}, 'bad pattern'),
        ({'max_body_chars': 0}, 'max_body_chars'),
        ({'language_min_confidence': 2}, 'language_min_confidence'),
        ({'month_first': 'yes'}, 'month_first'),
    ]:
        with pytest.raises(SettingsError, match=fragment):
            from_mapping(NormalizeSettings, bad, 'normalize')


def test_lone_surrogates_anywhere_still_give_a_serialisable_item():
    import orjson
    record = raw(title='T\ud800', body='<p>b\udc00</p>', guid='g\udc00', url='https://x.com/\ud800',
                 authors=['By A\ud800 B'], categories=['c\ud800'], hints={'html': ['body']})
    record['source'] = {'name': 'n\ud800', 'domain': 'd\udc00.com'}
    item = normalize_record(record, SETTINGS, RUN)
    orjson.dumps(item)
    assert item['source']['domain'] == 'x.com'   # the broken source domain is not used
    assert item['body'] == 'b\ufffd'


def test_random_markup_never_raises_anything_but_normalize_error():
    import random
    rng = random.Random(5)
    pieces = ['<p>', '</p>', '<script>', '&amp;', '&#xD800;', '\ud800', 'é', 'Ã©', '日', '``',
              "''", '\x00', '\u202e', 'javascript:', '2024/12/06 15:34 KST', ' ', '\n', 'a', '<']
    for _ in range(300):
        fields = {f: ''.join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
                  for f in ('title', 'summary', 'body', 'url', 'published', 'guid')}
        try:
            normalize_record(raw(hints={'html': ['body'], 'print_layout': True}, **fields),
                             SETTINGS, RUN)
        except NormalizeError as exc:
            assert exc.reason in (Reason.NO_CONTENT, Reason.NORMALIZE_ERROR)
