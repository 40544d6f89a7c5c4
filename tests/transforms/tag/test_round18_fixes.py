"""Issue 14, eighteenth round.

- Another country's body (was context rule 27) now lives in the matcher, beside the case it
  already handled after の/的: a generic body right after another country's name, solid or
  after a space (필리핀 국방부), is that country's body and not the home country's, whatever
  context would later confirm; a listed name written solid after a country (香港汇丰银行)
  stays.
- A country's name with 海 before 軍/军 is the country's navy, not a sea (日本海軍 is not the
  Sea of Japan, フィリピン海軍 not the Philippine Sea); the sea stays before 軍事/军演 (the
  sea's military bases and exercises).
"""
import pytest

from tests.transforms.tag.shipped import tag_text


def _names(tagger, body, lang, kind, title=''):
    return {t['name'] for t in tag_text(tagger, body, lang, title)[kind]}


@pytest.mark.parametrize('body', [
    # rd15-ko-01 (Yonhap), spaced: the Philippines' ministry and navy in a Korean story
    '(서울=연합뉴스) 방위사업청은 26일 필리핀 국방부와 계약을 체결했다. 필리핀 해군 현대화 계획이다.',
    # written solid, as Korean headlines often do
    '(서울=연합뉴스) 방위사업청은 26일 필리핀국방부와 계약을 체결했다. 한국 정부가 발표했다.',
])
def test_another_countrys_generic_body_is_not_ours(tagger, body):
    orgs = _names(tagger, body, 'ko', 'organizations')
    assert 'Defense Acquisition Program Administration' in orgs
    assert not {'Ministry of National Defense (South Korea)', 'Republic of Korea Navy'} & orgs


def test_a_listed_body_solid_after_a_country_stays(tagger):
    body = '香港汇丰银行宣布裁员，中国北京分行不受影响。'
    assert 'HSBC' in _names(tagger, body, 'zh', 'organizations')


def test_after_no_the_foreign_body_as_before(tagger):
    # the matcher's older case: カタールの外務省 is Qatar's ministry, not Japan's
    body = '日本政府は、カタールの外務省と協議したと発表した。東京で会談した。'
    assert 'Ministry of Foreign Affairs (Japan)' not in _names(tagger, body, 'ja',
                                                               'organizations')


@pytest.mark.parametrize('body,lang,sea', [
    ('日本海軍の戦艦大和が沈没した。', 'ja', 'Sea of Japan'),
    ('フィリピン海軍の艦艇が航行した。', 'ja', 'Philippine Sea'),
    ('中国海军与菲律宾海军在南海对峙。', 'zh', 'Philippine Sea'),
])
def test_a_countrys_navy_is_no_sea(tagger, body, lang, sea):
    assert sea not in _names(tagger, body, lang, 'places')


@pytest.mark.parametrize('body,lang,sea', [
    ('韓国海軍は日本海で訓練した。', 'ja', 'Sea of Japan'),
    ('中国在南海军演，菲律宾海巡逻。', 'zh', 'South China Sea'),
    ('南シナ海軍事拠点の近くを航行した。', 'ja', 'South China Sea'),
])
def test_the_sea_stays_near_a_navy(tagger, body, lang, sea):
    assert sea in _names(tagger, body, lang, 'places')
