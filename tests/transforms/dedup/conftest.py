"""Hand-written news texts and publisher wrappers shared by the dedup tests."""
from __future__ import annotations

import pytest

from transforms.model import new_item

STORIES = {
    'port': [
        'Dock workers at the port of Gdansk walked off the job on Tuesday after talks over a new '
        'pay agreement collapsed late on Monday night.',
        'The union representing about 2,400 workers said the operator had refused to match '
        'inflation, which reached 6.1 percent in the year to March.',
        'Container ships were already queuing outside the harbour by midday, and logistics '
        'companies warned that deliveries to inland warehouses could slip by a week.',
        'A spokesperson for the port authority said contingency plans were in place and that '
        'ferry services to Sweden would run as normal.',
        'Negotiators for both sides are expected to meet again on Thursday at the offices of a '
        'state mediator in Warsaw.',
    ],
    'vaccine': [
        'Health officials in Nairobi launched a door-to-door measles vaccination drive on '
        'Saturday, aiming to reach 300,000 children before the rainy season begins.',
        'The campaign follows an outbreak that has infected more than 1,100 people in informal '
        'settlements since January, most of them under five.',
        'Community health volunteers will carry cold boxes on foot to areas that vehicles '
        'cannot reach, the county health director told reporters.',
        'Doctors say low routine immunisation during the pandemic left a large group of '
        'children without protection against the disease.',
        'Parents who miss the visit can take their children to any public clinic free of charge '
        'until the end of next month.',
    ],
    'rail': [
        'A new high-speed rail line linking Lisbon and Porto will not open before 2031, the '
        'infrastructure minister admitted in parliament on Wednesday.',
        'The first section was originally due to carry passengers in 2028, but delays in land '
        'expropriation and a court challenge over the tender pushed the timetable back.',
        'Opposition lawmakers accused the government of hiding the delay for months and demanded '
        'a full audit of the project budget, now estimated at 4.5 billion euros.',
        'The minister said trains would eventually cover the journey in one hour and fifteen '
        'minutes, less than half the current travel time.',
        'Business groups in the north of the country welcomed the commitment but urged faster '
        'decisions on the stations planned for Coimbra and Aveiro.',
    ],
    'bakery': [
        'A family bakery in Leeds that has made bread on the same street since 1921 will close '
        'its doors next month, its owners announced on Friday.',
        'Rising energy bills tripled the cost of running the ovens overnight, said Margaret '
        'Holloway, whose grandfather founded the business after returning from the war.',
        'Regular customers queued around the corner on Saturday morning to buy a last loaf of '
        'the bakery\'s famous treacle bread.',
        'Local councillors said they would look for a new tenant willing to keep the historic '
        'brick ovens in use.',
        'Holloway said she hoped to publish the family recipes in a book next year so that '
        'the bread would not be forgotten.',
    ],
    'storm': [
        'Storm Caroline brought winds of up to 140 kilometres an hour to the west coast of '
        'Denmark overnight, cutting power to about 60,000 homes.',
        'Rail operators cancelled all trains between Esbjerg and Aarhus until at least noon '
        'while crews cleared fallen trees from the tracks.',
        'The meteorological institute kept its highest warning in place for coastal areas and '
        'advised residents to stay indoors.',
        'Several roofs were torn off in the town of Ringkobing, where firefighters evacuated '
        'a care home as a precaution.',
        'Forecasters expect the wind to ease by Thursday evening as the storm moves east towards '
        'southern Sweden.',
    ],
    'chess': [
        'A 13-year-old from Chennai became the youngest player ever to win the national chess '
        'championship, beating three grandmasters on the way.',
        'She clinched the title with a draw in the final round on Sunday, finishing half a point '
        'ahead of the defending champion.',
        'Her coach said she trains six hours a day and studies endgames on the bus to school.',
        'The win qualifies her for the world junior championship in Montenegro this autumn.',
        'The national federation promised to cover her travel costs and to find her a sponsor.',
    ],
    'museum': [
        'The city museum of Tampere reopened on Sunday after a four-year renovation that '
        'doubled its exhibition space and added a glass roof over the old courtyard.',
        'More than 9,000 visitors came through the doors on the first day, many of them to see '
        'a restored steam engine from the textile mills that once made the city rich.',
        'The renovation cost 38 million euros, most of it paid by the city and a national '
        'heritage fund.',
        'Curators said the new rooms would host travelling exhibitions from Stockholm and Tallinn '
        'from the autumn.',
        'Entry will be free for children and students until the end of the summer.',
    ],
    'election': [
        'Voters in the small island nation of Palau will choose a new parliament on 12 November, '
        'the electoral commission announced on Monday.',
        'Campaigning is expected to focus on fishing rights, tourism after the pandemic and the '
        'rising cost of imported food.',
        'Around 11,000 people are registered to vote, including citizens living abroad who can '
        'cast ballots by post for the first time.',
        'International observers from the Pacific Islands Forum have been invited to monitor the '
        'count.',
        'Results are expected within two days of the polls closing.',
    ],
}

# The same event told by a second outlet in its own, similar words (a hard negative)
PORT_OTHER_OUTLET = [
    'Port workers in Gdansk went on strike on Tuesday after pay talks with the terminal operator '
    'broke down overnight.',
    'Around 2,400 dockers are involved in the walkout, according to their union, which wants '
    'wages to rise in line with inflation of 6.1 percent.',
    'By the afternoon a line of container vessels was waiting at anchor in the Bay of Gdansk.',
    'Ferry connections to Sweden were not affected, the port authority said in a statement.',
    'A state mediator has invited both sides to new talks in Warsaw on Thursday.',
]

TITLES = {
    'port': 'Gdansk dock workers strike after pay talks collapse',
    'vaccine': 'Nairobi starts door-to-door measles vaccination drive',
    'rail': 'Lisbon-Porto high-speed line delayed to 2031, minister admits',
    'bakery': 'Century-old Leeds bakery to close as energy bills soar',
    'storm': 'Storm Caroline cuts power to 60,000 homes in Denmark',
    'chess': 'Chennai girl, 13, becomes youngest national chess champion',
    'museum': 'Tampere museum reopens after four-year renovation',
    'election': 'Palau sets parliamentary election for 12 November',
}

JA_STORY = [
    '北海道の札幌市は一日、冬の除雪費用として過去最大となる二百五十億円の補正予算案を発表した。',
    '今季は十二月の降雪量が平年の一・五倍に達し、幹線道路の除雪作業が追いつかない状況が続いていた。',
    '市の担当者は記者会見で「市民の安全な通行を最優先に、作業員と重機を増やして対応する」と述べた。',
    '一方、除雪作業員の高齢化が進んでおり、人手の確保が大きな課題になっている。',
    '市議会は来週にも臨時会を開き、補正予算案を審議する予定だ。',
]
JA_OTHER = [
    '大阪市は三日、市内の公立小学校で給食費を来年度から無償化する方針を明らかにした。',
    '対象となる児童はおよそ十一万人で、必要な費用は年間約八十億円と見込まれている。',
    '市長は「子育て世帯の負担を少しでも軽くしたい」と話し、財源は基金の取り崩しで賄うとした。',
    '保護者からは歓迎の声が上がる一方、持続可能性を疑問視する意見も出ている。',
    '市は年内に詳しい制度設計をまとめ、議会に条例改正案を提出する。',
]
ZH_STORY = [
    '杭州市政府周二宣布，将在未来三年内投入一百二十亿元，用于改造城区老旧住宅小区。',
    '这项计划预计惠及约十五万户居民，重点包括加装电梯、更新供水管网和改善停车条件。',
    '市住房部门负责人在新闻发布会上表示，改造工程将优先安排在建成三十年以上的小区。',
    '不少居民表示，老小区没有电梯，老年人上下楼十分困难，希望工程尽快启动。',
    '首批项目计划于今年九月开工，明年底前完成。',
]
ZH_OTHER = [
    '成都市交通部门日前发布消息，地铁十九号线二期工程将于下月底开通试运营。',
    '新线路全长约四十三公里，设车站十二座，连接天府新区和双流国际机场。',
    '开通后，从市中心到机场的通行时间将缩短至三十分钟左右。',
    '运营单位表示，试运营初期列车运行间隔为八分钟，高峰时段将适当加密。',
    '市民可通过手机应用查询首末班车时间和换乘信息。',
]


def publisher(name: str, domain: str) -> dict:
    return {
        'name': name, 'domain': domain,
        'header': [f'{name} | Independent journalism since 1901',
                   f'Sign in to {name} to save articles and follow the topics you care about',
                   'Subscribe today: unlimited digital access for one dollar a week, cancel '
                   'anytime'],
        'footer': [f'Copyright {name}. All rights reserved. This material may not be '
                   'published, broadcast, rewritten or redistributed without permission.',
                   f'Follow {name} on social media for breaking news and live coverage of the '
                   'stories that matter',
                   'Have a news tip? Contact our newsroom securely by email or messaging app',
                   f'Download the {name} app and get our morning briefing every day at seven'],
    }


LEDGER = publisher('The Daily Ledger', 'dailyledger.example')
COURIER = publisher('Metro Courier', 'metrocourier.example')


def wrap(pub: dict, paragraphs: list[str]) -> str:
    return '\n'.join(pub['header'] + list(paragraphs) + pub['footer'])


def make_item(item_id: str, title: str, body: str, *, domain: str, url: str | None = None,
              guid: str | None = None, published: str = '2025-03-01T08:00:00Z',
              canonical: str | None = None, summary: str | None = None) -> dict:
    url = url or f'https://{domain}/news/{item_id}'
    return new_item(id=item_id, url=url, canonical_url=canonical or url, guid=guid, title=title,
                    body=body, summary=summary, published=published, language='en',
                    source={'name': domain, 'domain': domain, 'kind': 'feed',
                            'location': f'https://{domain}/feed'})


class _Texts:
    stories = STORIES
    titles = TITLES
    port_other_outlet = PORT_OTHER_OUTLET
    ja_story, ja_other, zh_story, zh_other = JA_STORY, JA_OTHER, ZH_STORY, ZH_OTHER
    ledger, courier = LEDGER, COURIER
    wrap = staticmethod(wrap)
    publisher = staticmethod(publisher)
    item = staticmethod(make_item)


@pytest.fixture
def texts() -> type:
    """The texts, wrappers and the item builder, for tests to compose variants from."""
    return _Texts


@pytest.fixture
def ledger_items() -> list[dict]:
    """Five different Daily Ledger stories in the Ledger's heavy boilerplate."""
    return [make_item(f'ledger-{key}', TITLES[key], wrap(LEDGER, STORIES[key]),
                      domain=LEDGER['domain'], guid=f'ledger-{key}',
                      published=f'2025-03-0{i + 1}T08:00:00Z')
            for i, key in enumerate(('port', 'vaccine', 'rail', 'bakery', 'storm'))]


@pytest.fixture
def courier_items() -> list[dict]:
    """Metro Courier stories (its own boilerplate), so the Courier's wrapper is recognisable."""
    return [make_item(f'courier-{key}', TITLES[key], wrap(COURIER, STORIES[key]),
                      domain=COURIER['domain'], guid=f'courier-{key}',
                      published=f'2025-03-0{i + 1}T09:00:00Z')
            for i, key in enumerate(('chess', 'museum', 'election'))]
