"""Issue 14, seventh round: Chinese matching rules.

- A place before a listed organisation (中国清华大学 "China's Tsinghua University") names where
  the organisation is: rule 4 of transforms/tag/context.py no longer makes the whole phrase an
  unlinked organisation that hides the listed one; in Japanese a particle (の, が, と ...)
  ends the phrase (中国の清華大学 is China's Tsinghua University).
- Chinese persons after the titles of experts, artists, athletes and officers (首席统计师王萍萍,
  演员刘德华, 司令员胡中明上将), before the verbs news writes after them (解读, 提醒, 上将), and
  a photographer's byline (记者李明摄: 摄 "photo by" is no given name).
- Rule 4's organisation after a place no longer runs over a verb or "with" + country
  (华盛顿同美国财政部, 雅加达会见中国国务院, 余杭区举办数字经济论坛); a ministry followed by 长
  is its minister (财政部长, 外交部长), not the ministry; a name the detector finds as a person
  (外长王毅) that is a listed person's alias needing context is that person (Wang Yi).
- Japanese persons right after an occupation (会社員山田太郎容疑者（45）): the kanji before
  the name no longer make it part of a word when they are an occupation.
"""
import pytest

from tests.transforms.tag.shipped import tag_text


def _names(tagger, body, kind, lang='zh'):
    return {t['name'] for t in tag_text(tagger, body, lang)[kind]}


@pytest.mark.parametrize('body,organisation,place', [
    ('中国清华大学教授表示。', 'Tsinghua University', 'China'),
    ('日本早稻田大学、中国清华大学和北京大学的学者参加了会议。', 'Tsinghua University', 'China'),
])
def test_a_place_before_a_listed_organisation_keeps_the_organisation(tagger, body,
                                                                      organisation, place):
    assert organisation in _names(tagger, body, 'organizations')
    assert place in _names(tagger, body, 'places')
    assert not any(name.startswith('中国清华') for name in
                   _names(tagger, body, 'organizations'))


def test_japanese_particle_after_a_place_starts_no_organisation_name(tagger):
    body = '中国の清華大学と韓国のサムスン電子が提携した。'
    assert _names(tagger, body, 'organizations', 'ja') >= {'Tsinghua University',
                                                           'Samsung Electronics'}
    assert _names(tagger, body, 'places', 'ja') >= {'China', 'South Korea'}


def test_a_place_that_starts_an_unlisted_name_still_makes_one(tagger):
    # 天津音乐学院 is the Tianjin Conservatory, not "a conservatory in Tianjin"
    orgs = _names(tagger, '天津音乐学院星空电子交响乐团成立于2019年。', 'organizations')
    assert '天津音乐学院' in orgs


@pytest.mark.parametrize('body,person', [
    ('国家统计局首席统计师王萍萍解读数据。', '王萍萍'),
    ('首席经济学家李迅雷认为，降息空间仍然存在。', '李迅雷'),
    ('演员刘德华出席首映礼。', '刘德华'),
    ('球员武磊在比赛中打进一球。', '武磊'),
    ('中国海军司令员胡中明上将出席仪式。', '胡中明'),
    ('记者李明摄', '李明'),
])
def test_chinese_persons_after_more_titles(tagger, body, person):
    assert person in _names(tagger, body, 'persons')


@pytest.mark.parametrize('body', [
    '多位专家学者参加了研讨会，与会专家一致认为改革势在必行。',
    '工程师们连续工作了三天，项目经理表示进展顺利。',
    '医生建议多喝水，分析师预计股市将上涨，经济学家认为通胀可控。',
    '负责人介绍说，项目总投资超过十亿元。',
    '主播在直播中推荐了多款产品，评论员指出问题所在。',
])
def test_titles_without_a_name_make_no_person(tagger, body):
    assert _names(tagger, body, 'persons') == set()


@pytest.mark.parametrize('body,persons', [
    ('警視庁は、東京都新宿区の会社員山田太郎容疑者（45）を逮捕した。', {'山田太郎'}),
    ('無職佐藤花子容疑者（32）と会社役員鈴木一郎容疑者（58）を逮捕した。', {'佐藤花子', '鈴木一郎'}),
])
def test_japanese_person_after_an_occupation(tagger, body, persons):
    assert _names(tagger, body, 'persons', 'ja') == persons


@pytest.mark.parametrize('body', ['同社社長は記者会見で陳謝した。', '会社員の男性が死亡した。'])
def test_japanese_word_before_a_title_is_still_no_person(tagger, body):
    assert _names(tagger, body, 'persons', 'ja') == set()


@pytest.mark.parametrize('body,places,orgs', [
    ('国务院副总理何立峰在华盛顿同美国财政部长贝森特举行会谈。',
     {'Washington, D.C.', 'United States'}, {'State Council of China'}),
    ('印尼总统普拉博沃在雅加达会见中国国务院总理李强。',
     {'Jakarta', 'China', 'Indonesia'}, {'State Council of China'}),
    ('浙江省杭州市余杭区举办数字经济论坛。', {'Hangzhou', 'Zhejiang'}, set()),
])
def test_an_organisation_after_a_place_stops_at_a_verb(tagger, body, places, orgs):
    assert _names(tagger, body, 'places') >= places
    assert _names(tagger, body, 'organizations') == orgs


def test_a_ministry_before_its_title_is_the_minister(tagger):
    assert _names(tagger, '外交部长王毅会见了美国国务卿。', 'organizations') == set()
    assert 'Ministry of Foreign Affairs of the People\'s Republic of China' not in _names(
        tagger, '外交部长王毅会见了美国国务卿。', 'organizations')


@pytest.mark.parametrize('body', ['国务委员兼外长王毅会见美国国务卿鲁比奥。',
                                  '外交部长王毅会见了美国国务卿。'])
def test_a_detected_person_that_is_a_listed_name_needing_context(tagger, body):
    tags = tag_text(tagger, body, 'zh')['persons']
    wang = [t for t in tags if t['name'] == 'Wang Yi']
    assert wang and wang[0]['id'] == 'nb:person:wang-yi'
    assert not any(t['name'] == '王毅' for t in tags)


@pytest.mark.parametrize('body,places', [
    ('发展中国家的经济增长前景良好。', set()),
    ('中国是最大的发展中国家。', {'China'}),
    ('中国家电企业出口增长。', {'China'}),
])
def test_developing_countries_name_no_china(tagger, body, places):
    """发展中国家 is 发展中 + 国家 ("developing countries"), not 中国."""
    assert _names(tagger, body, 'places') == places
