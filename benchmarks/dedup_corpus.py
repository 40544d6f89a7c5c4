"""A seeded, labeled evaluation corpus for deduplication.

``generate(stories, seed)`` returns ``(items, labels)``: normalized items (as the normalize stage
emits them: every contract key, plain-text bodies, canonical URLs) and, for each item id, the id
of the story it tells. Two items are a true duplicate pair when they tell the same story.

Stories are multi-paragraph news texts composed from topic templates whose slots take the
story's own entities and numbers plus free phrasing (attribution verbs, time phrases, hedges), so
two texts about the same event share facts and many phrases without sharing whole paragraphs.
Publishers wrap their articles in heavy boilerplate (multi-line headers and footers, inline
"Advertisement" and "Read more" lines). Every variant kind the dedup stage must catch is
generated: tracking URL, same article in two feeds, syndicated copy in another publisher's
wrapper, re-wrapped print copy, update with a paragraph appended (same URL, and republished at
a new URL), corrected headline (same URL, and at a new URL), truncated lead on an aggregator,
Unicode/entity variants. Hard negatives: every pair of different stories inside one
publisher's boilerplate, and pairs of different outlets covering the same event with the same
people, places, numbers and quote.  About one story in ten is Japanese or Chinese.
"""
from __future__ import annotations

import datetime as dt
import random

from transforms.model import new_item

__all__ = ['generate', 'VARIANT_KINDS']

VARIANT_KINDS = ('tracking', 'two_feeds', 'syndicated', 'print', 'update', 'update_newurl',
                 'headline', 'headline_newurl', 'truncated', 'unicode')

FIRST = ('Maria', 'James', 'Aiko', 'Rahul', 'Elena', 'Omar', 'Sofia', 'Daniel', 'Lina', 'Victor',
         'Grace', 'Hiroshi', 'Amara', 'Lucas', 'Nadia', 'Peter', 'Yuki', 'Carlos', 'Fatima',
         'Jonas',
         'Irene', 'Samuel', 'Mei', 'Tomas', 'Leila', 'Andrew', 'Priya', 'Felix', 'Zainab', 'Marco')
LAST = ('Okafor', 'Lindqvist', 'Tanaka', 'Mehta', 'Petrova', 'Haddad', 'Rossi', 'Fischer',
        'Nguyen', 'Alvarez', 'Kowalski', 'Mensah', 'Sato', 'Dubois', 'Costa', 'Novak', 'Brennan',
        'Ibrahim', 'Larsen', 'Moreau', 'Castillo', 'Hoffmann', 'Park', 'Silva', 'Andersen',
        'Kaplan', 'Ortega', 'Yilmaz', 'Walsh', 'Bauer')
CITIES = ('Lisbon', 'Nairobi', 'Osaka', 'Pune', 'Gdansk', 'Porto Alegre', 'Leeds', 'Tampere',
          'Da Nang', 'Cordoba', 'Accra', 'Brno', 'Surabaya', 'Valencia', 'Quebec City', 'Tbilisi',
          'Medellin', 'Aarhus', 'Cebu', 'Marseille', 'Busan', 'Kraków', 'Mombasa', 'Adelaide')
ORGS = ('the Ministry of Finance', 'the central bank', 'the transport authority',
        'the health ministry', 'the regional council', 'the energy regulator',
        'the national statistics office', 'the port authority', 'the teachers union',
        'the water utility', 'the electoral commission', 'the competition authority',
        'the civil aviation agency', 'the housing department', 'the environment agency')
COMPANIES = ('Norvex', 'Helio Grid', 'Baltic Freight', 'Quanta Foods', 'Meridian Air',
             'Solenne Pharma', 'Kestrel Motors', 'Tidewater Bank', 'Oakline Retail', 'Vireo Labs',
             'Northway Rail', 'Pinecrest Steel', 'Lumen Telecom', 'Atlas Cement',
             'Coralis Shipping')
TEAMS = ('the Harbour Kings', 'FC Riverside', 'the Northern Lights', 'United Tigers',
         'Atletico Sur', 'the Red Foxes', 'Dynamo East', 'the Coastal Sharks')
THINGS = {
    'economy': ('inflation', 'interest rates', 'the budget deficit', 'fuel prices', 'exports',
                'public debt', 'wage growth', 'the housing market', 'consumer spending'),
    'politics': ('the reform bill', 'the coalition agreement', 'the pension plan',
                 'the new border policy', 'the election law', 'the anti-corruption package',
                 'the regional autonomy deal', 'the defence budget'),
    'business': ('the merger', 'quarterly earnings', 'the new factory', 'job cuts',
                 'the takeover bid', 'the product recall', 'the share buyback', 'the IPO'),
    'weather': ('heavy rain', 'the heatwave', 'flooding', 'the storm', 'strong winds',
                'the drought', 'snowfall', 'landslides'),
    'health': ('the vaccine campaign', 'hospital waiting lists', 'the measles outbreak',
               'the new clinic network', 'drug shortages', 'the screening programme'),
    'sports': ('the final', 'the derby', 'the title race', 'the transfer window',
               'the cup semi-final', 'the season opener'),
    'crime': ('the fraud case', 'the robbery', 'the smuggling ring', 'the cyberattack',
              'the bribery trial', 'the arson investigation'),
}
TOPICS = tuple(THINGS)
SAID = ('said', 'told reporters', 'said in a statement', 'told a news conference',
        'wrote on social media', 'said in an interview', 'told lawmakers', 'confirmed')
WHEN = ('on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday',
        'late on Sunday', 'earlier this week', 'last month', 'this morning', 'overnight')
HEDGE = ('', '', '', 'officials said ', 'according to local media, ', 'sources say ',
         'analysts expect ', 'it emerged that ')
ADJ = ('sharp', 'modest', 'unexpected', 'long-awaited', 'controversial', 'record', 'gradual',
       'significant', 'temporary', 'widely expected')
VERB_UP = ('rose', 'climbed', 'jumped', 'increased', 'edged up', 'surged')
VERB_DOWN = ('fell', 'dropped', 'declined', 'slipped', 'eased', 'tumbled')

TEMPLATES = (
    '{hedge}{org_cap} announced a {adj} change to {thing} {when}, a move that {person} '
    'described as necessary.',
    '{person} {said} {when} that {thing} would remain the main concern for {city} over the '
    'coming months.',
    'The figures showed that {thing} {up} by {pct} percent in {city}, the {adj} rise since '
    '{year}.',
    'In {city}, {thing} {down} by {pct} percent, according to data published by {org}.',
    '"{quote}," {person} {said}.',
    '{company} said it would invest {money} million dollars in {city} as part of {thing}.',
    'Critics argued that {thing} had been handled badly and called on {org} to publish the '
    'full report.',
    'About {num} people gathered in the centre of {city} {when} to protest against {thing}.',
    '{person2}, a spokesperson for {org}, {said} that talks with {company} were continuing.',
    'The decision follows months of debate over {thing} and comes ahead of a vote in {month}.',
    'Analysts at {company} expect {thing} to weigh on growth until at least {month} {year2}.',
    'Residents of {city} reported long delays {when} as {thing} disrupted daily life.',
    '{org_cap} has set aside {money} million dollars to deal with {thing}, {person} {said}.',
    'It was not immediately clear how {thing} would affect families outside {city}.',
    'Earlier, {person2} had warned that {thing} could cost the region as much as {money} '
    'million dollars.',
    'The {adj} shift in {thing} surprised many observers, who had predicted a slower pace.',
    'A report by {org} found that {pct} percent of households in {city} were affected by '
    '{thing}.',
    '{person} is expected to meet representatives of {company} in {city} {when}.',
    'Opposition leaders said {thing} showed that the government had lost control of the '
    'situation.',
    'Police in {city} said {num} people had been questioned in connection with {thing}.',
    'The match between {team} and {team2} ended {score} after a {adj} second half in {city}.',
    '{team} have now won {num_small} of their last {num_small2} games, {person} {said}.',
    'Forecasters said {thing} would continue until {month}, with {pct} millimetres expected.',
    'Doctors in {city} said demand linked to {thing} had {up} by {pct} percent since {month}.',
    'Shares in {company} {down} {pct} percent after the news about {thing}.',
    'The next hearing on {thing} is scheduled for {month} {day}, a court official {said}.',
    '{company} declined to comment on {thing} when contacted {when}.',
    'Officials in {city} plan to review {thing} again in {month}, {person2} {said}.',
)
QUOTES = ('We will not let this situation drag on any longer', 'This is a turning point for '
          'the whole region', 'Nobody should pay the price for decisions made in the past',
          'We are ready to work with everyone who wants a solution', 'The numbers speak for '
          'themselves', 'There is still a lot of work ahead of us', 'Our priority is the safety '
          'of every family', 'We expect the first results before the end of the year')
TITLES = ('{person_last} vows action on {thing} as {city} {reacts}',
          '{thing_cap}: {org_short} announces {adj} change',
          '{city} braces for {thing} after {org_short} warning',
          '{company} to invest ${money}m in {city}',
          '{thing_cap} {up} {pct}% in {city}, figures show',
          '{person_last} says {thing} will remain top concern',
          'Thousands protest over {thing} in {city}')
REACTS = ('reacts', 'waits', 'debates', 'protests', 'prepares')
MONTHS = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
          'October', 'November', 'December')

# Japanese and Chinese stories (unspaced scripts)
JA_NAMES = ('田中', '佐藤', '鈴木', '高橋', '伊藤', '渡辺', '山本', '中村', '小林', '加藤',
            '吉田', '山田', '松本', '井上', '木村', '林')
JA_CITIES = ('大阪', '札幌', '福岡', '名古屋', '仙台', '広島', '神戸', '京都', '横浜', '千葉',
             '静岡', '金沢')
JA_THINGS = ('物価上昇', '豪雨被害', '新しい交通計画', '医療制度改革', '観光客の増加',
             '電力不足', '人口減少', '賃上げ交渉', '空き家対策', '子育て支援', '水道料金の改定',
             '港湾整備', '防災訓練', '商店街の再開発')
JA_TEMPLATES = (
    '{city}市は{when}、{thing}への対策として{money}億円の予算を組むと発表した。',
    '{person}市長は記者会見で「{thing}は市民生活に大きな影響を与えている」と述べた。',
    '市の調査によると、{thing}の影響を受けた世帯は全体の{pct}パーセントに上った。',
    '専門家は{thing}が{month}以降も続く可能性があると指摘している。',
    '{city}では{when}、{num}人が集まり{thing}について意見を交わした。',
    '政府は{thing}に関する新たな指針を{month}までにまとめる方針だ。',
    '地元の商店街からは{thing}による売り上げの減少を心配する声が上がっている。',
    '{person}氏は「できるだけ早く具体的な成果を示したい」と話した。',
    '市議会では{thing}をめぐって与野党の議論が続いている。',
    '関係者によると、{thing}の詳しい原因はまだ分かっていないという。',
    '{person}氏によると、{city}の中心部では{when}から{num}件の相談が寄せられている。',
    '{city}の企業{num}社を対象にした調査では、{pct}パーセントが{thing}を懸念していると答えた。',
    '県は{month}に{thing}についての説明会を{city}で開く予定で、{person}氏も出席する。',
    '昨年の同じ時期と比べると、{thing}に関連する費用は{pct}パーセント増えた。',
    '{person}氏は{when}、{city}駅前で市民{num}人と意見交換を行った。',
    '{thing}をめぐり、{city}の住民団体は{month}末までに要望書を提出する方針だ。',
)
JA_TITLES = ('{city}市、{thing}対策に{money}億円', '{thing}、{city}で影響拡大',
             '{person}市長「{thing}に全力で対応」')
JA_WHEN = ('1日', '3日', '10日', '15日', '20日', '先週', '今月上旬')
ZH_NAMES = ('王伟', '李娜', '张强', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周涛', '吴霞',
            '徐明', '孙丽')
ZH_CITIES = ('成都', '杭州', '武汉', '西安', '南京', '青岛', '厦门', '长沙', '苏州', '郑州',
             '昆明', '大连')
ZH_THINGS = ('房价调控', '空气污染治理', '新能源汽车补贴', '城市交通拥堵', '医疗改革',
             '夏季防汛', '就业压力', '旅游市场复苏', '老旧小区改造', '垃圾分类', '农村电商',
             '养老服务')
ZH_TEMPLATES = (
    '{city}市政府{when}宣布，将投入{money}亿元用于{thing}。',
    '{person}在新闻发布会上表示，{thing}是今年工作的重点之一。',
    '据统计，受{thing}影响的家庭约占全市的百分之{pct}。',
    '专家认为，{thing}的效果可能要到{month}才能显现。',
    '{when}，约{num}名市民参加了关于{thing}的听证会。',
    '有关部门表示，将在{month}前出台{thing}的具体实施细则。',
    '不少企业负责人担心{thing}会增加经营成本。',
    '{person}说：“我们会尽快拿出切实可行的方案。”',
    '市人大代表就{thing}提出了多项建议。',
    '目前，{thing}的相关调查仍在进行中。',
    '{person}透露，{city}已收到约{num}份关于{thing}的意见。',
    '在接受调查的{num}家企业中，有百分之{pct}表示{thing}影响了经营。',
    '{city}计划于{month}召开{thing}专题会议，{person}将出席并讲话。',
    '与去年同期相比，{thing}相关支出增长了百分之{pct}。',
    '{when}，{person}在{city}与{num}名市民代表座谈。',
    '围绕{thing}，{city}多个社区将在{month}底前提交建议。',
)
ZH_TITLES = ('{city}投入{money}亿元推进{thing}', '{thing}成为{city}关注焦点',
             '{person}：全力做好{thing}工作')
ZH_WHEN = ('周一', '周二', '周三', '本周', '上周五', '日前', '近日')


def _publishers() -> list[dict]:
    names = [('The Daily Ledger', 'dailyledger.example'), ('Metro Courier', 'metrocourier.example'),
             ('Globe Wire', 'globewire.example'), ('Northern Post', 'northernpost.example'),
             ('Harbour Times', 'harbourtimes.example'), ('Capital Report', 'capitalreport.example'),
             ('Evening Star', 'eveningstar.example'), ('Pacific Herald', 'pacificherald.example')]
    pubs = []
    for name, domain in names:
        header = [f'{name} | Independent news since 1898',
                  f'Sign in to {name} to save articles, follow topics and comment',
                  'Subscribe now: your first three months of unlimited digital access for just '
                  'one dollar, cancel at any time',
                  f'Home / News / Latest from {name} reporters and correspondents']
        footer = [f'Copyright {name}. All rights reserved. This material may not be published, '
                  'broadcast, rewritten or redistributed without permission.',
                  f'Follow {name} on social media for breaking news, live coverage and analysis '
                  'of the stories that matter to you',
                  'Have a news tip? Contact our newsroom by email or through our secure '
                  'messaging service; we protect our sources',
                  f'Download the {name} app for your phone and get the morning briefing '
                  'delivered every day at seven',
                  'Related topics: politics, economy, world, business, sport, weather, health']
        pubs.append({'name': name, 'domain': domain, 'header': header, 'footer': footer,
                     'lang': 'en'})
    pubs.append({'name': '日本経済ウォッチ', 'domain': 'keizai-watch.example', 'lang': 'ja',
                 'header': ['日本経済ウォッチ｜最新ニュースをお届けします',
                            '会員登録すると全ての記事を無料で読むことができます'],
                 'footer': ['無断転載を禁じます。すべての内容は日本の著作権法並びに国際条約により保護されています。',
                            '公式アプリをダウンロードして毎朝のニュースをチェックしましょう']})
    pubs.append({'name': '新华都市报', 'domain': 'dushibao.example', 'lang': 'zh',
                 'header': ['新华都市报 | 权威新闻 第一时间', '登录后可收藏文章并参与评论互动'],
                 'footer': ['版权所有，未经授权不得转载、摘编或利用其它方式使用上述作品。',
                            '下载客户端，随时随地获取最新资讯和深度报道']})
    return pubs


AGGREGATOR = {'name': 'News Digest', 'domain': 'newsdigest.example'}
MIRROR = {'name': 'World Mirror', 'domain': 'worldmirror.example'}


class _Story:
    """One event and the entities every text about it uses."""

    def __init__(self, rng: random.Random, lang: str):
        self.lang = lang
        self.topic = rng.choice(TOPICS)
        if lang == 'en':
            self.person = f'{rng.choice(FIRST)} {rng.choice(LAST)}'
            self.person2 = f'{rng.choice(FIRST)} {rng.choice(LAST)}'
            self.city = rng.choice(CITIES)
            self.org = rng.choice(ORGS)
            self.company = rng.choice(COMPANIES)
            self.thing = rng.choice(THINGS[self.topic])
            self.team, self.team2 = rng.sample(TEAMS, 2)
            self.quote = rng.choice(QUOTES)
        elif lang == 'ja':
            self.person, self.city, self.thing = (rng.choice(JA_NAMES), rng.choice(JA_CITIES),
                                                  rng.choice(JA_THINGS))
        else:
            self.person, self.city, self.thing = (rng.choice(ZH_NAMES), rng.choice(ZH_CITIES),
                                                  rng.choice(ZH_THINGS))
        self.numbers = {'pct': rng.randint(2, 60), 'money': rng.randint(5, 900),
                        'num': rng.choice((120, 300, 450, 800, 1200, 2500, 5000, 12000)),
                        'year': rng.randint(1995, 2019), 'year2': rng.randint(2025, 2027),
                        'month': rng.choice(MONTHS), 'day': rng.randint(1, 28),
                        'score': f'{rng.randint(0, 4)}-{rng.randint(0, 4)}',
                        'num_small': rng.randint(3, 7), 'num_small2': rng.randint(8, 12)}

    def fill(self, rng: random.Random, template: str) -> str:
        n = self.numbers
        if self.lang != 'en':
            when = rng.choice(JA_WHEN if self.lang == 'ja' else ZH_WHEN)
            return template.format(city=self.city, person=self.person, thing=self.thing,
                                   when=when, money=n['money'] * rng.choice((1, 1, 2)),
                                   pct=n['pct'] + rng.choice((0, 0, 1, 3)),
                                   num=n['num'] * rng.choice((1, 1, 2)),
                                   month=f'{rng.randint(1, 12)}月')
        org = self.org
        text = template.format(
            hedge=rng.choice(HEDGE), org=org, org_cap=org[0].upper() + org[1:], adj=rng.choice(ADJ),
            thing=self.thing, when=rng.choice(WHEN), person=self.person, person2=self.person2,
            said=rng.choice(SAID), city=self.city, up=rng.choice(VERB_UP),
            down=rng.choice(VERB_DOWN), pct=n['pct'] + rng.choice((0, 0, 1, 2)),
            year=n['year'], quote=self.quote, company=self.company,
            money=n['money'] * rng.choice((1, 1, 2, 3)), num=n['num'] * rng.choice((1, 1, 2)),
            month=n['month'], year2=n['year2'], team=self.team, team2=self.team2,
            score=n['score'], num_small=n['num_small'], num_small2=n['num_small2'],
            day=n['day'])
        return text[0].upper() + text[1:]

    def title(self, rng: random.Random) -> str:
        n = self.numbers
        if self.lang != 'en':
            pool = JA_TITLES if self.lang == 'ja' else ZH_TITLES
            return rng.choice(pool).format(city=self.city, thing=self.thing, person=self.person,
                                           money=n['money'])
        return rng.choice(TITLES).format(
            person_last=self.person.split()[-1], thing=self.thing,
            thing_cap=self.thing[0].upper() + self.thing[1:], city=self.city,
            reacts=rng.choice(REACTS), org_short=self.org.replace('the ', '').title(),
            adj=rng.choice(ADJ), company=self.company, money=n['money'], up=rng.choice(VERB_UP),
            pct=n['pct'])

    def paragraphs(self, rng: random.Random) -> list[str]:
        pool = TEMPLATES if self.lang == 'en' else (JA_TEMPLATES if self.lang == 'ja'
                                                    else ZH_TEMPLATES)
        if self.lang == 'en' and self.topic != 'sports':
            pool = tuple(t for t in pool if '{team' not in t)
        count = rng.randint(4, 7)
        paras = []
        for _ in range(count):
            k = rng.randint(2, 4)
            sep = ' ' if self.lang == 'en' else ''
            paras.append(sep.join(self.fill(rng, rng.choice(pool)) for _ in range(k)))
        return paras


def _iso(t: dt.datetime) -> str:
    return t.strftime('%Y-%m-%dT%H:%M:%SZ')


def _wrap(pub: dict, paras: list[str], rng: random.Random, titles: list[str]) -> str:
    """An article body inside its publisher's boilerplate, with inline ad/read-more lines."""
    body = list(paras)
    if pub['lang'] == 'en' and len(body) > 2:
        body.insert(rng.randint(1, len(body) - 1), 'Advertisement')
        body.insert(rng.randint(1, len(body) - 1), f'Read more: {rng.choice(titles)}')
    return '\n'.join(pub['header'] + body + pub['footer'])


def _rewrap(text: str, rng: random.Random) -> str:
    """Print layout: hard line breaks every 50-70 characters, some words hyphenated."""
    words = text.split()
    lines, line = [], ''
    width = rng.randint(50, 70)
    for word in words:
        if len(line) + len(word) + 1 > width:
            if len(word) > 8 and rng.random() < 0.15:
                cut = len(word) // 2
                lines.append(f'{line} {word[:cut]}-'.strip())
                line = word[cut:]
                continue
            lines.append(line)
            line = word
        else:
            line = f'{line} {word}'.strip()
    lines.append(line)
    return '\n'.join(lines)


def _unicode_variant(text: str, rng: random.Random) -> str:
    out = text.replace("'", '&#8217;').replace('&', '&amp;') if rng.random() < 0.5 else \
        text.replace('"', '\u201c', 1).replace('"', '\u201d', 1)
    out = out.replace(' percent', '\u00a0percent')
    digits = str.maketrans('0123456789', '０１２３４５６７８９')
    out = out.translate(digits) if rng.random() < 0.5 else out
    return out.replace('tion', 'ti\u00adon')


def _correct_headline(title: str, rng: random.Random) -> str:
    words = title.split()
    if len(words) < 3:
        return title + ' (corrected)'
    i = rng.randrange(1, len(words))
    words[i] = rng.choice(('new', 'major', 'revised', 'updated', words[i].lower()))
    return ' '.join(words)


def generate(stories: int = 600, seed: int = 7, variant_rate: float = 0.7,
             same_event_rate: float = 0.15) -> tuple[list[dict], dict[str, str]]:
    """``(items, labels)``: items in a shuffled order, ``labels[id]`` the story each tells."""
    rng = random.Random(seed)
    pubs = _publishers()
    en_pubs = [p for p in pubs if p['lang'] == 'en']
    items: list[dict] = []
    labels: dict[str, str] = {}
    base_time = dt.datetime(2025, 3, 1, 6, 0, 0)
    seen_titles = ['Markets open higher', 'Weather warning for the weekend']
    counter = 0

    def add(story_label: str, pub: dict, title: str, body: str, url: str, guid: str | None,
            published: dt.datetime, summary: str | None = None, canonical: str | None = None,
            lang: str = 'en', kind: str = 'original') -> None:
        nonlocal counter
        counter += 1
        item_id = f'i{counter:07d}'
        items.append(new_item(
            id=item_id, url=url, canonical_url=canonical or url, guid=guid, title=title,
            summary=summary, body=body, language=lang, published=_iso(published),
            source={'name': pub['name'], 'domain': pub['domain'], 'kind': 'feed',
                    'location': f'https://{pub["domain"]}/feed.xml'},
            extra={'corpus_variant': kind}))
        labels[item_id] = story_label

    for s in range(stories):
        lang = 'ja' if rng.random() < 0.05 else ('zh' if rng.random() < 0.05 else 'en')
        pub = next(p for p in pubs if p['lang'] == lang) if lang != 'en' else rng.choice(en_pubs)
        story = _Story(rng, lang)
        label = f's{s}'
        title = story.title(rng)
        paras = story.paragraphs(rng)
        t0 = base_time + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 20))
        slug = f'{s}-{rng.randint(1000, 9999)}'
        url = f'https://{pub["domain"]}/news/{slug}'
        guid = f'{pub["domain"]}-{s}'
        body = _wrap(pub, paras, rng, seen_titles)
        add(label, pub, title, body, url, guid, t0, summary=paras[0][:200], lang=lang)
        seen_titles.append(title)

        if rng.random() < variant_rate:
            kinds = rng.sample(VARIANT_KINDS, rng.randint(1, 3))
            for kind in kinds:
                t = t0 + dt.timedelta(minutes=rng.randint(5, 600))
                if kind == 'tracking':
                    add(label, pub, title, body, f'{url}?utm_source=twitter&utm_medium=social',
                        f'{guid}-tw', t, canonical=url, lang=lang, kind=kind)
                elif kind == 'two_feeds':
                    add(label, pub, title, body, url, f'{guid}-section', t,
                        summary=paras[0][:120], lang=lang, kind=kind)
                elif kind == 'syndicated':
                    other = rng.choice([p for p in pubs if p is not pub]
                                       if lang != 'en' else [p for p in en_pubs if p is not pub])
                    credit = [f'This article was originally published by {pub["name"]}.'] \
                        if lang == 'en' else []
                    syn_title = title if rng.random() < 0.6 else _correct_headline(title, rng)
                    add(label, other, syn_title, _wrap(other, credit + paras, rng, seen_titles),
                        f'https://{other["domain"]}/wire/{slug}', f'{other["domain"]}-w{s}', t,
                        lang=lang, kind=kind)
                elif kind == 'print':
                    add(label, pub, title, _rewrap(' '.join(paras), rng),
                        f'https://epaper.{pub["domain"]}/page/{rng.randint(1, 40)}/{s}',
                        f'print-{guid}', t + dt.timedelta(hours=12), lang=lang, kind=kind)
                elif kind in ('update', 'update_newurl'):
                    extra = story.paragraphs(rng)[0]
                    upd = paras + [('Update: ' if lang == 'en' else '【更新】') + extra]
                    new_url = url if kind == 'update' else f'{url}-update'
                    add(label, pub, title, _wrap(pub, upd, rng, seen_titles), new_url,
                        guid if kind == 'update' else f'{guid}-u', t + dt.timedelta(hours=3),
                        lang=lang, kind=kind)
                elif kind in ('headline', 'headline_newurl'):
                    new_url = url if kind == 'headline' else f'{url}-corrected'
                    add(label, pub, _correct_headline(title, rng), body, new_url,
                        guid if kind == 'headline' else f'{guid}-c', t, lang=lang, kind=kind)
                elif kind == 'truncated':
                    lead = paras[0]
                    if len(paras) > 1 and rng.random() < 0.5:
                        lead = f'{lead} {paras[1]}'
                    cut = max(60, int(len(lead) * rng.uniform(0.7, 1.0)))
                    more = f'Read the full story at {pub["name"]}.' if lang == 'en' else ''
                    add(label, AGGREGATOR, title, f"{lead[:cut].rstrip()}… {more}".strip(),
                        f'https://{AGGREGATOR["domain"]}/r/{s}', f'digest-{s}', t, lang=lang,
                        kind=kind)
                elif kind == 'unicode':
                    add(label, MIRROR, _unicode_variant(title, rng),
                        _unicode_variant('\n'.join(paras), rng),
                        f'https://{MIRROR["domain"]}/{slug}', f'mirror-{s}', t, lang=lang,
                        kind=kind)

        if lang == 'en' and rng.random() < same_event_rate:
            # another outlet covers the same event: same people, places, numbers and quote
            other = rng.choice([p for p in en_pubs if p is not pub])
            o_paras = story.paragraphs(rng)
            o_title = story.title(rng)
            add(f'{label}-other', other, o_title, _wrap(other, o_paras, rng, seen_titles),
                f'https://{other["domain"]}/news/{s}-o', f'{other["domain"]}-o{s}',
                t0 + dt.timedelta(minutes=rng.randint(10, 300)), kind='same_event')

    rng.shuffle(items)
    return items, labels


def true_pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    """Every unordered pair of item ids telling the same story."""
    groups: dict[str, list[str]] = {}
    for item_id, label in labels.items():
        groups.setdefault(label, []).append(item_id)
    pairs = set()
    for ids in groups.values():
        ids.sort()
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    return pairs
