"""Issue 14, thirty-second round: what real_dev34 (kept unseen through round 31) showed, fixed by
family where there was one, and measured on a new blind set (real_dev35) kept unseen meanwhile.

- Korean and Chinese names romanised with a hyphenated given name ("presiding judge Ji
  Gwi-yeon", "Lai Ching-te") are persons by their shape.
- Korean reporters who sign with the title written solid ("박준호기자 junho@etnews.com"), and
  Korean officials named before a foundation's or a corporation's short name and their title,
  before a numbered title (1차관), before a unit chief's title (통계청 가계수지동향과장) or
  before their age in brackets after a space.
- A Russian sports item's club written in quotes by its city's name («Барселону», «Химкам») is
  the club (rule 52); a name right after "Grand" ends a longer name (rule 53); a country right
  after a Russian word for a championship or a federation is the event's or the body's name
  (rule 54).
- Topic words and names the lists lacked; a Hangul topic keyword inside a longer one of its own
  topic counts once (외교부, not 외교 and 외교부).
"""
import pytest

from tests.transforms.tag.shipped import tag_names as _names, tag_topics as _topics


# --- romanised Korean and Chinese names ---------------------------------------------------------

@pytest.mark.parametrize('body, lang, person', [
    ("His actions damaged South Korea's democracy, presiding judge Ji Gwi-yeon told the court.",
     'en', 'Ji Gwi-yeon'),
    ('Der Richter Ji Gwi-yeon sagte, das Urteil sei endgültig.', 'de', 'Ji Gwi-yeon'),
    ('Taipei mayor Ko Wen-je met the press on Monday.', 'en', 'Ko Wen-je'),
    ('Le juge Pak Chae-won a rendu son verdict.', 'fr', 'Pak Chae-won'),
])
def test_a_hyphenated_romanised_given_name_after_a_family_name_is_a_person(tagger, body, lang,
                                                                            person):
    assert person in _names(tagger, body, lang, 'persons')


@pytest.mark.parametrize('body, lang, bad', [
    # a frequent word before the hyphen is no given name
    ('Lee Self-driving cars were shown at the fair.', 'en', 'Lee Self-driving'),
    # no family name that romanisation writes so
    ('The Well-known author spoke at the event.', 'en', 'The Well-known'),
    ('Ich sah Bob Long-term gestern.', 'de', 'Bob Long-term'),
])
def test_no_person_from_other_hyphenated_words(tagger, body, lang, bad):
    assert bad not in _names(tagger, body, lang, 'persons')


# --- Korean persons ----------------------------------------------------------------------------

@pytest.mark.parametrize('body, person', [
    # a reporter who signs with the title written solid, then the e-mail address
    ('편의점 구매 빈도가 줄었다.\n\n박준호기자 junho@etnews.com', '박준호'),
    ('반드시 실행해야 하는 의무라고 강조했다.\n\n윤희석기자 pioneer@etnews.com', '윤희석'),
    # an agency's short name in 공/공단 or a foundation's in 재단, then the title
    ('김정환 산단공 이사장은 "집단 면역을 형성하는 것이 의무"라고 강조했다.', '김정환'),
    ('최태원 회장의 동거인 김희영 티앤씨재단 이사장을 상대로 소송을 냈다.', '김희영'),
    # a unit chief's title written solid with the unit's name
    ('이진석 통계청 가계수지동향과장은 "금리가 오른 데다"라고 말했다.', '이진석'),
    ('양연수 전주시 생태도시국장은 "사회주택 공급"을 말했다.', '양연수'),
    # a numbered title, and the age in brackets after a space
    ('이날 만찬에는 기재부 측에서는 고형권 1차관과 간부 6명이 참석했다.', '고형권'),
    ('제주 전 남편 살인사건 피의자 고유정 (36·여)의 신상을 공개했다.', '고유정'),
])
def test_korean_persons_of_real_dev34_and_the_older_sets(tagger, body, person):
    assert person in _names(tagger, body, 'ko', 'persons')


@pytest.mark.parametrize('body, bad', [
    # a word before an e-mail address is no reporter without the title
    ('문의는 고객센터 help@example.com 으로 하면 된다.', '고객센'),
    # 공사 is "construction" too: no body word, no person
    ('공사 현장에서 일하는 노동자가 다쳤다.', '공사 현'),
])
def test_no_korean_person_without_the_cue(tagger, body, bad):
    assert not any(bad in name for name in _names(tagger, body, 'ko', 'persons'))


# --- rule 52: Russian clubs in quotes -----------------------------------------------------------

def test_a_citys_name_in_quotes_in_a_russian_match_report_is_the_listed_club(tagger):
    body = ('Итальянский «Интер» обыграл испанскую «Барселону» в матче третьего тура Лиги '
            'чемпионов. После двух матчей «Бавария» лидирует в турнирной таблице группы С.')
    orgs = _names(tagger, body, 'ru', 'organizations')
    assert {'Inter Milan', 'FC Barcelona', 'FC Bayern Munich'} <= orgs
    places = _names(tagger, body, 'ru', 'places')
    assert 'Barcelona' not in places and 'Bavaria' not in places


def test_a_city_no_listed_club_has_is_an_unlinked_club_in_the_nominative(tagger):
    # (round 36: "Химкам" of real_dev's text is FC Khimki now, whose English name holds the
    # city's: the test takes a city no listed club is named after)
    body = ('Программу 23-го тура чемпионата России по футболу открыл матч в Казани. "Рубин" '
            'проиграл на своем поле "Сызрани" со счетом 2:3.')
    assert 'Сызрань' in _names(tagger, body, 'ru', 'organizations')
    assert 'Syzran' not in _names(tagger, body, 'ru', 'places')


def test_a_city_a_listed_club_is_named_after_is_that_club(tagger):
    # rd-ru-08 (round 36): FC Khimki has no Russian name in the gazetteer, its English one
    # holds the city's
    body = ('Программу 23-го тура чемпионата России по футболу открыл матч в Казани. "Рубин" '
            'проиграл на своем поле "Химкам" со счетом 2:3.')
    assert 'FC Khimki' in _names(tagger, body, 'ru', 'organizations')
    assert 'Khimki' not in _names(tagger, body, 'ru', 'places')


def test_a_city_in_quotes_outside_sport_is_no_club(tagger):
    body = ('Компания «Барселону» не упоминала: речь шла о поставках в Милан и о новом '
            'законопроекте о налогах.')
    assert 'FC Barcelona' not in _names(tagger, body, 'ru', 'organizations')


def test_an_unquoted_city_in_a_match_report_stays_a_place(tagger):
    body = ('Хоккеисты отправятся в Липецк и Пензу на выездные матчи сезона, команда набрала '
            'девять очков.')
    assert 'Lipetsk' in _names(tagger, body, 'ru', 'places')


# --- rule 53: a name after Grand -----------------------------------------------------------------

@pytest.mark.parametrize('body, lang, kind, bad', [
    ('Le Grand Raid de 175 km est parti de Vannes vendredi à 19 h 20.', 'fr', 'organizations',
     'RAID (French police)'),
])
def test_a_name_right_after_grand_ends_a_longer_name(tagger, body, lang, kind, bad):
    assert bad not in _names(tagger, body, lang, kind)


def test_the_name_alone_still_counts(tagger):
    body = "Le Raid est intervenu à Paris dans la nuit pour interpeller le suspect."
    assert 'RAID (French police)' in _names(tagger, body, 'fr', 'organizations')


# --- rule 54: a Russian championship's or federation's country ---------------------------------

@pytest.mark.parametrize('body, bad', [
    ('Программу 23-го тура чемпионата России по футболу открыл матч в Казани.', 'Russia'),
    ('Пресс-служба Федерация бобслея России сообщила, что федерация собирается подать иск.',
     'Russia'),
    ('Поражение в полуфинале Открытого чемпионата Австралии от Новака Джоковича.', 'Australia'),
])
def test_a_championships_or_federations_country_is_no_place(tagger, body, bad):
    assert bad not in _names(tagger, body, 'ru', 'places')


def test_the_country_named_elsewhere_in_the_item_still_counts(tagger):
    body = ('Федерация хоккея России утвердила состав участников. Команды из России и Беларуси '
            'сыграют в новом сезоне.')
    assert 'Russia' in _names(tagger, body, 'ru', 'places')


# --- topic words real_dev34 lacked --------------------------------------------------------------

@pytest.mark.parametrize('title, body, lang, topic', [
    ('En direct, guerre en Ukraine : Volodymyr Zelensky juge important le soutien de la Pologne',
     'Le président ukrainien a reçu à Kiev le président polonais sortant, Andrzej Duda.', 'fr',
     'conflict_defence'),
    ("On a traversé en pleine nuit le golfe du Morbihan avec les traileurs de l'Ultra Marin",
     "Les premiers traileurs sont arrivés à Arzon. Particularité de l'ultra-trail breton : les "
     'concurrents embarquent à bord de semi-rigides.', 'fr', 'sport'),
    ('Urtasun cancela el Premio Nacional de Tauromaquia',
     'El departamento ha suprimido el galardón de este año.', 'es', 'culture'),
    ('Muere un trabajador al derrumbarse la escalera de un garaje afectado por la dana',
     'Un operario de la empresa contratada para limpiar el lodo ha fallecido.', 'es',
     'disasters'),
    ('嘉陵江流域综合规划获批',
     '嘉陵江是长江上游重要生态屏障和水源涵养区。规划提出流域保护治理的主要任务，提高流域水安全保障能力和'
     '水资源管理水平。', 'zh', 'environment'),
    ('Байдена снова уличили во лжи',
     'Байден был впервые избран в Сенат США в 1972 году, в начале его политической карьеры. '
     'Президент выступил с речью.', 'ru', 'politics'),
])
def test_topic_words_of_real_dev34(tagger, title, body, lang, topic):
    assert topic in _topics(tagger, body, lang, title)


def test_a_hangul_keyword_inside_a_longer_one_counts_once(tagger):
    # 코로나 is a prefix of 코로나19: the word is one piece of health evidence, not two, and an
    # economy story that names the pandemic as its cause stays economy alone
    title = "편의점 '세 번' 갈 때…쿠팡・배민 '네 번' 시켰다"
    body = ('코로나19 발생 이후 쿠팡과 배달의민족의 구매 빈도가 편의점을 앞지른 것으로 나타났다. '
            '쿠팡의 월 결제건수는 늘었고 매출은 94% 증가했다. 코로나19 유행 기간에 카드결제 '
            '내역이 늘어난 상위 브랜드로 집계됐다. 소비 위축으로 편의점 매출은 줄었고 온라인 '
            '판매는 늘었다. 코로나19 발생 이후 소비자들이 쿠팡을 더 자주 이용했다. 산업통상'
            '자원부에 따르면 시장 매출이 감소했다. 배민도 매출이 늘었다.')
    assert _topics(tagger, body, 'ko', title) == {'economy'}


def test_a_boy_is_no_storm(tagger):
    body = 'El niño Dana jugaba en el parque con sus amigos y su perro.'
    assert 'disasters' not in _topics(tagger, body, 'es', 'Un día en el parque')


# --- names the lists lacked ----------------------------------------------------------------------

@pytest.mark.parametrize('body, lang, kind, name', [
    ("Les combats opposent les Forces armées maliennes (FAMa) aux jihadistes. L'armée malienne a "
     'répliqué à Gao.', 'fr', 'organizations', 'Malian Armed Forces'),
    ("Des jihadistes alliés aux séparatistes du Front de Libération de l'Azawad (FLA) ont attaqué "
     'au Mali.', 'fr', 'organizations', 'Azawad Liberation Front'),
    ('Des tirs à Kati, près de Bamako, et des détonations à Gao et Sévaré, au Mali.', 'fr',
     'places', 'Gao'),
    ('Des tirs à Kati, près de Bamako, et des détonations à Gao et Sévaré, au Mali.', 'fr',
     'places', 'Kati'),
    ('Des tirs à Kati, près de Bamako, et des détonations à Gao et Sévaré, au Mali.', 'fr',
     'places', 'Sévaré'),
    ('les premiers traileurs sont arrivés à Arzon pour traverser le golfe du Morbihan.', 'fr',
     'places', 'Gulf of Morbihan'),
    ('строительства атомной электростанции в венгерском Пакше.', 'ru', 'places', 'Paks'),
    ('На второй минуте голом отличился полузащитник Хакан Чалханоглу.', 'ru', 'persons',
     'Hakan Çalhanoğlu'),
    ('央视网消息：国家副主席韩正在北京会见加拿大工业部长乔利率领的代表团、丹麦诺和诺德基金会主席索文森。',
     'zh', 'organizations', 'CCTV.com'),
    ('央视网消息：国家副主席韩正在北京会见加拿大工业部长乔利率领的代表团、丹麦诺和诺德基金会主席索文森。',
     'zh', 'persons', 'Mélanie Joly'),
    ('央视网消息：国家副主席韩正在北京会见加拿大工业部长乔利率领的代表团、丹麦诺和诺德基金会主席索文森。',
     'zh', 'organizations', 'Novo Nordisk Foundation'),
    ('《嘉陵江流域综合规划》获水利部批复。该规划由长江水利委员会编制完成。', 'zh', 'organizations',
     'Changjiang Water Resources Commission'),
    ('《嘉陵江流域综合规划》获水利部批复。该规划由长江水利委员会编制完成。', 'zh', 'places',
     'Jialing River'),
    ('【カザニ（ロシア）＝北口節子】ロシアのカザニで行われた水泳の世界選手権。', 'ja', 'places',
     'Kazan'),
    ('쿠팡과 배달의민족의 구매 빈도가 편의점 브랜드 GS25와 CU를 앞질렀다고 오픈서베이가 밝혔다.', 'ko',
     'organizations', 'Baemin'),
    ('쿠팡과 배달의민족의 구매 빈도가 편의점 브랜드 GS25와 CU를 앞질렀다고 오픈서베이가 밝혔다.', 'ko',
     'organizations', 'Opensurvey'),
    ('한국산업단지공단은 노동조합과 특별휴가제도를 도입했다고 1일 밝혔다.', 'ko', 'organizations',
     'Korea Industrial Complex Corporation'),
    ('El departamento, dirigido por Ernest Urtasun, de Sumar, ha suprimido el galardón.', 'es',
     'organizations', 'Sumar'),
    ("If either side launches an appeal, the case will go up to the Supreme Court in Seoul, "
     "South Korea.", 'en', 'organizations', 'Supreme Court of Korea'),
])
def test_names_of_real_dev34(tagger, body, lang, kind, name):
    assert name in _names(tagger, body, lang, kind)


@pytest.mark.parametrize('body, lang, kind, bad', [
    # Gao is a Chinese family name, Kati a given name: the Malian towns need context
    ('The actor Gao met Kati at the festival in Beijing.', 'en', 'places', 'Gao'),
    ('The actor Gao met Kati at the festival in Beijing.', 'en', 'places', 'Kati'),
    # 乔利 alone, with no Canadian context nor a title, is no one listed
    ('乔利说，这场比赛很精彩。', 'zh', 'persons', 'Mélanie Joly'),
    # CU without Korean context is no convenience-store chain
    ('The CU Boulder team won the game.', 'en', 'organizations', 'CU (store)'),
    # the Supreme Court of a story about the United States is the US court
    ('The Supreme Court in Washington ruled on the case, the White House said.', 'en',
     'organizations', 'Supreme Court of Korea'),
])
def test_names_of_real_dev34_only_where_meant(tagger, body, lang, kind, bad):
    assert bad not in _names(tagger, body, lang, kind)


def test_a_delivery_platform_and_its_operator_are_two_companies(tagger):
    body = '배민을 운영하는 우아한형제들 역시 지난해 매출이 늘었다.'
    assert {'Baemin', 'Woowa Brothers'} <= _names(tagger, body, 'ko', 'organizations')
