"""Issue 14, seventh round: Chinese (Simplified) news names.

Chinese ministries and agencies with names only China uses (工业和信息化部, 国家税务总局), state
firms, universities and media; current leaders, ministers and spokespeople; foreign figures as
Xinhua writes them (伊维拉, 赵显, 菲佐, 卡尼); Simplified names of Chinese cities that had only
traditional or Japanese forms (长春, 贵阳, 银川). Curated in configs/gazetteer/curated/
aliases_zh.yaml, organizations_more.yaml and persons_more.yaml. A label counts only when the tag
is linked, so every case asserts the English name.
"""
import pytest

from tests.transforms.tag.shipped import tag_text


def _names(tags: dict, kind: str) -> set[str]:
    return {t['name'] for t in tags[kind] if t.get('linked', True)}


@pytest.mark.parametrize('body,kind,expected', [
    ('财政部和国家税务总局联合发布公告，延续实施部分税收优惠政策。', 'organizations',
     {'State Taxation Administration'}),
    ('工业和信息化部、生态环境部和交通运输部联合印发通知。', 'organizations',
     {'Ministry of Industry and Information Technology', 'Ministry of Ecology and Environment (China)',
      'Ministry of Transport (China)'}),
    ('中国移动、中国电信和中国联通公布5G用户数据。', 'organizations',
     {'China Mobile', 'China Telecom', 'China Unicom'}),
    ('中国中车在海外获得高铁订单，中国航天科技集团发布公告。', 'organizations',
     {'CRRC', 'China Aerospace Science and Technology Corporation'}),
    ('中国科学院院士在中国科学技术大学作学术报告。', 'organizations',
     {'Chinese Academy of Sciences', 'University of Science and Technology of China'}),
    ('据人民日报报道，中央广播电视总台将全程直播。', 'organizations',
     {"People's Daily", 'China Media Group'}),
    ('澳大利亚国立大学研究人员在《自然》杂志发表论文。', 'organizations',
     {'Australian National University'}),
    ('东京大学与首尔大学签署学术交流协议。', 'organizations',
     {'University of Tokyo', 'Seoul National University'}),
    ('东部战区组织海空兵力在台湾岛周边开展联合演训。', 'organizations',
     {'Eastern Theater Command'}),
    ('国务院港澳办主任夏宝龙会见香港中联办主任郑雁雄。', 'organizations',
     {'Hong Kong and Macao Affairs Office', 'Hong Kong Liaison Office'}),
    ('国家发展改革委主任郑栅洁介绍了经济形势。', 'organizations',
     {'National Development and Reform Commission'}),
    ('格力电器董事长董明珠、京东创始人刘强东和娃哈哈创始人宗庆后登上富豪榜。', 'persons',
     {'Dong Mingzhu', 'Richard Liu', 'Zong Qinghou'}),
    ('国务院副总理张国清和刘国中分别出席会议，国务委员吴政隆、谌贻琴出席活动。', 'persons',
     {'Zhang Guoqing', 'Liu Guozhong', 'Wu Zhenglong', 'Shen Yiqin'}),
    ('国家金融监督管理总局局长李云泽和中国证监会主席吴清出席论坛。', 'persons',
     {'Li Yunze', 'Wu Qing'}),
    ('国防部新闻发言人张晓刚、吴谦答记者问。', 'persons', {'Zhang Xiaogang', 'Wu Qian'}),
    ('上海市委书记陈吉宁、北京市委书记尹力和广东省委书记黄坤明出席会议。', 'persons',
     {'Chen Jining', 'Yin Li', 'Huang Kunming'}),
    ('澳门特别行政区行政长官岑浩辉出席回归纪念活动。', 'persons', {'Sam Hou Fai'}),
    ('世贸组织总干事伊维拉在日内瓦表示，全球贸易增长放缓。', 'persons', {'Ngozi Okonjo-Iweala'}),
    ('韩国外交部长官赵显在首尔会见中国外长王毅。', 'persons', {'Cho Hyun', 'Wang Yi'}),
    ('意大利总理梅洛尼在罗马会见加拿大总理卡尼。', 'persons', {'Giorgia Meloni', 'Mark Carney'}),
    ('美国众议院议长约翰逊和参议院多数党领袖图恩发表声明。', 'persons',
     {'Mike Johnson', 'John Thune'}),
    ('英国前首相约翰逊在伦敦发表演讲。', 'persons', {'Boris Johnson'}),
    ('台湾民众党主席黄国昌表态。', 'persons', {'Huang Kuo-chang'}),
    ('中国民用航空局和国家铁路局发布春运数据。', 'organizations',
     {'Civil Aviation Administration of China', 'National Railway Administration'}),
    ('亚太经合组织领导人非正式会议在韩国庆州举行。', 'places', {'Gyeongju'}),
    ('柬埔寨参议院主席洪森、老挝总理宋赛和老挝国家主席通伦会见中国代表团。', 'persons',
     {'Hun Sen', 'Sonexay Siphandone', 'Thongloun Sisoulith'}),
    ('肯尼亚总统鲁托和摩尔多瓦总统桑杜出席峰会，以色列国防部长卡茨表示将继续行动。', 'persons',
     {'William Ruto', 'Maia Sandu', 'Israel Katz'}),
    ('云南省昆明市、贵州省贵阳市和吉林省长春市举办招商会。', 'places',
     {'Kunming', 'Guiyang', 'Changchun'}),
    ('宁夏回族自治区银川市和黑龙江省齐齐哈尔市开展合作，江苏省昆山市出台新政。', 'places',
     {'Yinchuan', 'Qiqihar', 'Kunshan'}),
])
def test_chinese_news_names_are_linked(tagger, body, kind, expected):
    assert _names(tag_text(tagger, body, 'zh'), kind) >= expected


@pytest.mark.parametrize('body,kind,unwanted', [
    # the dev labels tag no organisation for the bare ministry of "外交部发言人"
    ('外交部发言人在北京表示，中方坚决反对美国向台湾出售武器。', 'organizations',
     'Ministry of Foreign Affairs (China)'),
    # 韩国经济日报 is the Korea Economic Daily, not China's 经济日报
    ('韩国经济日报报道，三星电子利润大增。', 'organizations', 'Economic Daily'),
    # the Shangri-La Dialogue is no visit to the town of Shangri-La
    ('美国防长赫格塞斯在香格里拉对话会上发表演讲。', 'places', 'Shangri-La'),
    # 长城 is the wall, 长城汽车 the carmaker
    ('他在长城脚下拍照。', 'organizations', 'Great Wall Motor'),
    # 快手 alone is a word ("quick hand"); the company is 快手科技
    ('他的手很快手速惊人。', 'organizations', 'Kuaishou'),
    # 约翰逊 is Mike Johnson in a US item and Boris Johnson in a British one
    ('美国众议院议长约翰逊发表声明。', 'persons', 'Boris Johnson'),
    ('英国前首相约翰逊在伦敦发表演讲。', 'persons', 'Mike Johnson'),
    # 卡尼 with Canada is Mark Carney, not Kearney (Nebraska)
    ('意大利总理梅洛尼在罗马会见加拿大总理卡尼。', 'places', 'Kearney'),
])
def test_chinese_near_misses_are_not_tagged(tagger, body, kind, unwanted):
    assert unwanted not in _names(tag_text(tagger, body, 'zh'), kind)


def test_university_beats_its_city_name(tagger):
    """南京大学 and 中山大学 are universities; 南京市 and 中山市 still the cities."""
    tags = tag_text(tagger, '南京市和中山市联合举办展会，南京大学和中山大学的学生参加。', 'zh')
    assert {'Nanjing University', 'Sun Yat-sen University'} <= _names(tags, 'organizations')
    assert {'Nanjing', 'Zhongshan'} <= _names(tags, 'places')
