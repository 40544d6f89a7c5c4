"""Issue 14, eighth round: names the third real-news dev set (Chinese, Japanese, Korean) found
missing from the gazetteer, with their siblings.

Hong Kong's chief executives, politicians, parties and bodies (梁振英, 民建联, 终审法院, 太平山);
South Korean prime ministers, parties of all periods (새누리당, 자유한국당), armed services, banks,
group companies and the clubs and leagues of baseball, football and basketball (a city-and-
sponsor club name such as 청주 KB 스타즈 is the club, not the city); bare Korean city names
(춘천, 화천, 청주); Chinese leaders (汪洋, 王岐山); the seas and troughs of Japanese earthquake news
(日向灘, 南海トラフ); Middle East foreign ministries; US and Israeli forces in Japanese and Korean
(米軍, イスラエル軍, 미군); Chinese car joint ventures and financial papers (广汽丰田, 证券时报).
Curated in configs/gazetteer/curated/organizations_more.yaml, persons_more.yaml, districts.yaml and
aliases_ja/ko/zh.yaml. A label counts only when the tag is linked, so every case asserts the
English name.
"""
import pytest

from tests.transforms.tag.shipped import tag_text


def _names(tags: dict, kind: str) -> set[str]:
    return {t['name'] for t in tags[kind] if t.get('linked', True)}


@pytest.mark.parametrize('body,lang,kind,expected', [
    # Hong Kong
    ('香港特区前行政长官梁振英和董建华出席了立法会的酒会。', 'zh', 'persons',
     {'Leung Chun-ying', 'Tung Chee-hwa'}),
    ('香港民主党前主席何俊仁和社民连的梁国雄在立法会提出质询。', 'zh', 'persons',
     {'Albert Ho', 'Leung Kwok-hung'}),
    ('香港民建联、工联会和自由党议员支持议案，民主党和公民党议员反对。', 'zh', 'organizations',
     {'Democratic Alliance for the Betterment and Progress of Hong Kong',
      'Hong Kong Federation of Trade Unions', 'Liberal Party (Hong Kong)',
      'Democratic Party (Hong Kong)', 'Civic Party'}),
    ('香港终审法院驳回上诉，廉政公署和香港警务处表示尊重裁决。', 'zh', 'organizations',
     {'Hong Kong Court of Final Appeal', 'Independent Commission Against Corruption (Hong Kong)',
      'Hong Kong Police Force'}),
    ('香港太平山顶和维多利亚港游客如织，铜锣湾和中环商铺人流回升。', 'zh', 'places',
     {'Victoria Peak', 'Victoria Harbour', 'Causeway Bay', 'Central, Hong Kong'}),
    # China
    ('中国全国政协前主席汪洋和前国家副主席王岐山在北京会见外宾。', 'zh', 'persons',
     {'Wang Yang', 'Wang Qishan'}),
    ('前国务院总理朱镕基、全国人大常委会前委员长栗战书和张德江出席纪念活动。', 'zh', 'persons',
     {'Zhu Rongji', 'Li Zhanshu', 'Zhang Dejiang'}),
    ('据证券时报报道，广汽丰田和一汽-大众上月销量增长，上汽大众和华晨宝马持平。', 'zh', 'organizations',
     {'Securities Times', 'GAC Toyota', 'FAW-Volkswagen', 'SAIC Volkswagen', 'BMW Brilliance'}),
    ('中国证券报和上海证券报报道，东风日产与广汽本田公布新车计划。', 'zh', 'organizations',
     {'China Securities Journal', 'Shanghai Securities News', 'Dongfeng Nissan', 'GAC Honda'}),
    ('以军当天空袭加沙地带，美军在红海拦截导弹。', 'zh', 'organizations',
     {'Israel Defense Forces', 'United States Armed Forces'}),
    ('导演徐克、周星驰和演员章子怡、梁朝伟出席电影节，高圆圆和赵又廷在北京举行答谢宴。', 'zh', 'persons',
     {'Tsui Hark', 'Stephen Chow', 'Zhang Ziyi', 'Tony Leung Chiu-wai', 'Gao Yuanyuan', 'Mark Chao'}),
    # Japan
    ('宮崎県沖の日向灘で地震があり、気象庁は南海トラフ地震臨時情報を発表した。', 'ja', 'places',
     {'Hyūga-nada', 'Nankai Trough', 'Miyazaki Prefecture'}),
    ('政府は日本海溝・千島海溝沿いの巨大地震と相模トラフの被害想定を見直した。', 'ja', 'places',
     {'Japan Trench', 'Kuril–Kamchatka Trench', 'Sagami Trough'}),
    ('東京湾と駿河湾、瀬戸内海で高潮に警戒。小笠原諸島と伊豆諸島にも波浪注意報。', 'ja', 'places',
     {'Tokyo Bay', 'Suruga Bay', 'Seto Inland Sea', 'Ogasawara Islands', 'Izu Islands'}),
    ('米ニュースサイト「アクシオス」によると、イスラエル軍はガザから部分撤退する。', 'ja', 'organizations',
     {'Axios', 'Israel Defense Forces'}),
    ('カタール外務省の報道官は、タミム首長がイラン外務省の高官と会談したと明らかにした。', 'ja',
     'organizations', {'Ministry of Foreign Affairs (Qatar)', 'Ministry of Foreign Affairs (Iran)'}),
    ('カタールのタミム首長は14日、停戦案について協議した。', 'ja', 'persons',
     {'Tamim bin Hamad Al Thani'}),
    # (USFJ is its own entity since round 17, as USFK is: no longer the US armed forces)
    ('在日米軍と自衛隊が共同訓練を実施した。', 'ja', 'organizations', {'United States Forces Japan'}),
    ('東京女子医大の元理事長を警視庁が逮捕した。', 'ja', 'organizations',
     {"Tokyo Women's Medical University", 'Tokyo Metropolitan Police Department'}),
    # South Korea
    ('박근혜 대통령은 정홍원 총리 후임으로 이완구 새누리당 원내대표를 지명했다.', 'ko', 'persons',
     {'Chung Hong-won', 'Lee Wan-koo', 'Park Geun-hye'}),
    ('황교안 전 총리와 이낙연, 정세균, 김부겸 전 총리가 행사에 참석했다.', 'ko', 'persons',
     {'Hwang Kyo-ahn', 'Lee Nak-yon', 'Chung Sye-kyun', 'Kim Boo-kyum'}),
    ('새누리당은 자유한국당과 미래통합당을 거쳐 국민의힘이 됐고, 정의당과 바른미래당도 논평을 냈다.',
     'ko', 'organizations',
     {'Saenuri Party', 'Liberty Korea Party', 'United Future Party', 'People Power Party',
      'Justice Party (South Korea)', 'Bareunmirae Party'}),
    ('(춘천=연합뉴스) 강원 화천 부대에서 육군 병사가 숨졌고, 해군과 공군도 점검에 나섰다.', 'ko',
     'organizations', {'Republic of Korea Army', 'Republic of Korea Navy', 'Republic of Korea Air Force',
                       'Yonhap News Agency'}),
    ('(춘천=연합뉴스) 강원 화천과 철원 부대를 점검했다. 청주와 당진에서도 훈련이 열렸다.', 'ko', 'places',
     {'Chuncheon', 'Hwacheon', 'Cheorwon', 'Tangjin'}),
    ('KB국민은행과 신한은행, 우리은행, 하나은행이 대출 금리를 내렸고 기업은행과 산업은행도 동참했다.', 'ko',
     'organizations', {'KB Kookmin Bank', 'Shinhan Bank', 'Woori Bank', 'Hana Bank',
                       'Industrial Bank of Korea', 'Korea Development Bank'}),
    ('삼성생명과 삼성물산, LG에너지솔루션, 현대모비스가 실적을 발표했다.', 'ko', 'organizations',
     {'Samsung Life Insurance', 'Samsung C&T', 'LG Energy Solution', 'Hyundai Mobis'}),
    ('KBO 리그에서 삼성 라이온즈가 두산 베어스를, KIA 타이거즈가 LG 트윈스를 꺾었다.', 'ko',
     'organizations', {'KBO League', 'Samsung Lions', 'Doosan Bears', 'Kia Tigers', 'LG Twins'}),
    ('K리그1에서 울산 HD가 전북 현대와 비겼고 FC서울은 수원 삼성을 이겼다.', 'ko', 'organizations',
     {'K League', 'Ulsan HD FC', 'Jeonbuk Hyundai Motors', 'FC Seoul', 'Suwon Samsung Bluewings'}),
    ('청주 KB 스타즈는 부천 하나은행을, 용인 삼성생명은 아산 우리은행을 꺾었다.', 'ko', 'organizations',
     {'Cheongju KB Stars', 'Bucheon Hana Bank', 'Yongin Samsung Life Blueminx',
      'Asan Woori Bank Woori WON'}),
    ('이재용 회장은 중국 왕양 부총리를 만났고, 용인 에버랜드와 롯데월드에 중국 관광객이 늘었다.', 'ko',
     'places', {'Everland', 'Lotte World'}),
    ('이재용 회장은 방한한 왕양 중국 부총리를 만났다.', 'ko', 'persons', {'Wang Yang', 'Lee Jae-yong'}),
    ('(워싱턴=연합뉴스) 워싱턴DC 연방법원과 백악관 예산관리국이 입장을 냈다.', 'ko', 'organizations',
     {'Office of Management and Budget'}),
    ('(워싱턴=연합뉴스) 워싱턴DC 연방법원이 보류 명령을 내렸다.', 'ko', 'places', {'Washington, D.C.'}),
])
def test_cjk_news_names_are_linked(tagger, body, lang, kind, expected):
    assert _names(tag_text(tagger, body, lang), kind) >= expected


@pytest.mark.parametrize('body,lang,kind,unwanted', [
    # 汪洋 alone is "vast ocean"; Wang Yang needs a Chinese context
    ('船只消失在一片汪洋之中。', 'zh', 'persons', 'Wang Yang'),
    # 民主党 in a US item is the American party, not Hong Kong's
    ('美国民主党和共和党在国会激烈辩论。', 'zh', 'organizations', 'Democratic Party (Hong Kong)'),
    # 自由党 in a Canadian item is Canada's Liberal Party
    ('加拿大自由党在大选中获胜，卡尼将继续担任总理。', 'zh', 'organizations', 'Liberal Party (Hong Kong)'),
    # 人民力量 is also a phrase ("people's strength")
    ('依靠人民力量，推动乡村振兴。', 'zh', 'organizations', 'People Power (Hong Kong)'),
    # 太平山 is Victoria Peak, not the town of Pingshan (平山)
    ('梁振英位于太平山山顶的住宅。', 'zh', 'places', 'Pingshan'),
    # 日向灘 is the sea, not the town of Hyūga; 南海トラフ is no South China Sea
    ('震源地は日向灘で、南海トラフ巨大地震との関連を調べた。', 'ja', 'places', 'Hyūga'),
    ('震源地は日向灘で、南海トラフ巨大地震との関連を調べた。', 'ja', 'places', 'South China Sea'),
    # 广汽丰田 is the joint venture, not Toyota itself
    ('天奇股份确认中标广汽丰田公司涂装车间项目。', 'zh', 'organizations', 'Toyota'),
    # a club of its city: 부천 하나은행 / 청주 KB 스타즈 are clubs, not Bucheon or Cheongju
    ('5위 부천 하나외환과 3위 청주 KB 스타즈의 격차가 줄었다.', 'ko', 'places', 'Bucheon'),
    ('5위 부천 하나외환과 3위 청주 KB 스타즈의 격차가 줄었다.', 'ko', 'places', 'Cheongju'),
    # KDB생명 is the (former) basketball club / insurer, not the Korea Development Bank
    ('구리 KDB생명은 4연패에서 탈출했다.', 'ko', 'organizations', 'Korea Development Bank'),
    # 용인 삼성생명 is the club; bare 삼성생명 stays the insurer
    ('용인 삼성생명은 홈에서 이겼다.', 'ko', 'organizations', 'Samsung Life Insurance'),
    # 육군 of another country is not the South Korean army
    ('러시아 육군이 우크라이나 동부에서 공세를 펼쳤다.', 'ko', 'organizations', 'Republic of Korea Army'),
    # 해군 in a US item
    ('미국 해군 항공모함이 남중국해에 진입했다.', 'ko', 'organizations', 'Republic of Korea Navy'),
])
def test_cjk_near_misses_are_not_tagged(tagger, body, lang, kind, unwanted):
    assert unwanted not in _names(tag_text(tagger, body, lang), kind)
