"""Places and national bodies of Korea, Japan and China named in their own news, in their own
script and in the other two CJK languages, linked to entities with English names (issue 14):
Korean provinces and their short forms (충북, 경남), Seoul's and Busan's gu, Korean cities that
GeoNames lacks in Hangul (성남, 포항), Japanese prefectures in their 県 / 府 form (大阪府 is not
the city of Osaka), Tokyo's wards, Chinese provinces in Japanese and Korean, Shanghai's
districts, and ministries, prosecutors and courts.

Data: curated/districts.yaml, curated/regions.yaml (JP-, KR-, CN- overrides) and the
"# CJK institutions" block of curated/organizations_more.yaml. The precision guard: short forms
that are words (경기 "game", 고양이 "cat", 화성 "Mars", 청주 "rice wine") are no alias, nor are
names that begin common words (금융위기, 公安部门); a generic ministry name another country's
body shares (법무부) counts only with a place of that country.
"""
import pytest

from tests.transforms.tag.shipped import tag_names as _names


@pytest.mark.parametrize('lang,title,body,expected', [
    # Korean provinces: full and short forms, new official names
    ('ko', '충북·경남 폭우 피해 잇따라',
     '충청북도와 경상남도에 시간당 50㎜가 넘는 비가 내려 주민 수백 명이 대피했다.',
     {'North Chungcheong Province', 'South Gyeongsang Province'}),
    ('ko', '', '강원특별자치도는 올겨울 산불 예방을 위해 감시 인력을 늘리기로 했다.',
     {'Gangwon Province'}),
    # Seoul's gu (long and short forms) and landmarks
    ('ko', '', '서울 용산 대통령실 앞과 광화문 일대에서 대규모 집회가 열렸다.',
     {'Seoul', 'Yongsan District', 'Gwanghwamun'}),
    ('ko', '', '여의도 국회 앞에서 시작된 행진은 마포구와 서대문구를 거쳐 은평구에서 끝났다.',
     {'Yeouido', 'Mapo District', 'Seodaemun District', 'Eunpyeong District'}),
    # Busan's gu, Korean cities in their short form
    ('ko', '', '부산 해운대구 아파트값이 상승세를 이어갔고 성남과 포항에서도 거래가 늘었다.',
     {'Busan', 'Haeundae District', 'Seongnam', 'Pohang'}),
    ('ko', '', '판문점에서 남북 군사회담이 열렸다.', {'Panmunjom'}),
    # Japanese prefectures: 府 / 県 forms are the prefecture, not the city
    ('ja', '大阪府のコロナ死者、累計1958人に', '大阪府は3日、新たに15人の死亡を発表した。',
     {'Osaka Prefecture'}),
    ('ja', '', '福島県と宮城県で震度5弱を観測した。', {'Fukushima Prefecture', 'Miyagi Prefecture'}),
    ('ja', '', '東京都文京区と杉並区で停電が発生した。', {'Tokyo', 'Bunkyō', 'Suginami'}),
    ('ja', '', '首相は永田町で記者団に語った。', {'Nagatachō'}),
    # Korean province in Japanese, Chinese province in Japanese and Korean
    ('ja', '', '韓国の京畿道で鳥インフルエンザが確認された。', {'South Korea', 'Gyeonggi Province'}),
    ('ja', '', '中国広東省と雲南省で大雨が続いている。', {'China', 'Guangdong', 'Yunnan'}),
    ('ko', '', '중국 광둥성 선전에서 전기차 공장이 문을 열었다.', {'China', 'Guangdong'}),
    ('zh', '', '内蒙古自治区和宁夏回族自治区出现沙尘暴。', {'Inner Mongolia', 'Ningxia'}),
    # Shanghai's districts, Xiong'an
    ('zh', '', '上海杨浦区和虹口区启动防汛应急响应。',
     {'Shanghai', 'Yangpu District', 'Hongkou District'}),
    ('zh', '', '雄安新区建设进入新阶段。', {"Xiong'an New Area"}),
])
def test_cjk_places_linked(tagger, lang, title, body, expected):
    assert expected <= _names(tagger, body, lang, 'places', title)


def test_prefecture_form_is_not_the_city(tagger):
    # 大阪府 alone: the prefecture, and not Osaka the city through its prefix 大阪
    places = _names(tagger, '大阪府は新たな対策を発表した。', 'ja', 'places')
    assert 'Osaka Prefecture' in places and 'Osaka' not in places


@pytest.mark.parametrize('lang,body,expected', [
    ('ko', '대검찰청은 서울중앙지검에 특별수사팀을 꾸렸다.',
     {"Supreme Prosecutors' Office (South Korea)", "Seoul Central District Prosecutors' Office"}),
    ('ko', '서울 도심 개발을 두고 국토교통부와 공정거래위원회가 협의에 나섰다.',
     {'Ministry of Land, Infrastructure and Transport', 'Korea Fair Trade Commission'}),
    ('ja', '東京地検特捜部は、宮内庁の元職員を逮捕した。',
     {'Tokyo District Public Prosecutors Office', 'Imperial Household Agency'}),
    ('ja', '総務省と農林水産省が新たな指針をまとめた。',
     {'Ministry of Internal Affairs and Communications',
      'Ministry of Agriculture, Forestry and Fisheries (Japan)'}),
    ('zh', '最高人民法院和最高人民检察院联合发布司法解释。',
     {"Supreme People's Court", "Supreme People's Procuratorate"}),
    ('zh', '据中国地震台网测定，四川发生5.2级地震。', {'China Earthquake Networks Center'}),
    ('zh', '国家卫生健康委员会在北京召开新闻发布会。', {'National Health Commission'}),
])
def test_cjk_institutions_linked(tagger, lang, body, expected):
    assert expected <= _names(tagger, body, lang, 'organizations')


@pytest.mark.parametrize('lang,body,unwanted', [
    # 경기 is "game" / "the economy": no alias of Gyeonggi Province
    ('ko', '어제 경기에서 한국이 일본을 이겼다. 경기 회복세가 이어지고 있다.', 'Gyeonggi Province'),
    # 고양이 "cat" is not Goyang; 화성 "Mars" is not Hwaseong; 청주 "rice wine" is not Cheongju
    ('ko', '고양이 한 마리가 구조됐다.', 'Goyang'),
    ('ko', '화성 탐사선이 새로운 사진을 보냈다.', 'Hwaseong'),
    ('ko', '청주 한 병을 샀다.', 'Cheongju'),
    # a 2-syllable gu short form followed by a non-particle is another word
    ('ko', '마포대교 위에서 사진을 찍었다.', 'Mapo District'),
])
def test_word_forms_not_places(tagger, lang, body, unwanted):
    assert unwanted not in _names(tagger, body, lang, 'places')


@pytest.mark.parametrize('lang,body,unwanted', [
    # 법무부 with only the United States named: the U.S. Department of Justice, not Korea's
    ('ko', '미국 법무부는 구글을 상대로 반독점 소송을 제기했다.', 'Ministry of Justice (South Korea)'),
    # 教育部 in Japanese news about Taiwan: not China's ministry (bare 教育部 is no alias)
    ('ja', '台湾の教育部は新たな方針を発表した。', 'Ministry of Education (China)'),
    # words a ministry's short name begins (a 3-syllable Hangul or a Han alias matches whatever
    # follows it): 금융위기 "financial crisis", 산업부문 "industrial sector", 公安部门 "police
    # departments", 应急管理部门 "emergency management departments"
    ('ko', '서울 증시는 금융위기 이후 최대 폭으로 떨어졌다.', 'Financial Services Commission'),
    ('ko', '서울시는 산업부문 투자를 늘린다.', 'Ministry of Trade, Industry and Energy'),
    ('zh', '北京市公安部门和应急管理部门联合开展检查。', 'Ministry of Public Security (China)'),
])
def test_generic_ministry_needs_its_country(tagger, lang, body, unwanted):
    assert unwanted not in _names(tagger, body, lang, 'organizations')


def test_generic_ministry_with_its_country(tagger):
    orgs = _names(tagger, '서울중앙지검 수사를 두고 법무부는 새 지침을 발표했다.', 'ko', 'organizations')
    assert 'Ministry of Justice (South Korea)' in orgs
