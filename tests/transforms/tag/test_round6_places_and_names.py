"""Issue 14, sixth round: names the gazetteer lacked and the matching rules they needed.

Data (configs/gazetteer/curated/): Korean, Japanese and Chinese names of the wide tier's regions,
persons and organisations by id (aliases_ko/ja/zh.yaml); airports, stadiums and landmarks
(landmarks.yaml); rivers, seas, lakes, islands, mountains (geography.yaml); German Landkreise
(districts_de.yaml); the gu of Daegu, Daejeon, Gwangju, Ulsan (districts.yaml). Build
(scripts/build_gazetteer.py): 부산시 / 유타주 forms of two-syllable Korean names, Korean
GeoNames spellings besides the curated one (라스베이거스 and 라스베가스), Russian adjectives
after к/г/х (Ладожским). Matcher: Korean titles (외교부장 is a minister, not the ministry), the
country of a "country + body" phrase (중국 외교부, ロシア軍) but not of a proper name (Air China).
"""
import sys
from pathlib import Path

import pytest

from tests.transforms.tag.shipped import tag_text

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / 'scripts'))


def _tags(tagger, body, lang, kind):
    return {t['name'] for t in tag_text(tagger, body, lang)[kind]}


@pytest.mark.parametrize('lang,body,expected', [
    # Korean: the city and state suffixes, the standard spelling besides the common one
    ('ko', '부산시에서 축제가 열렸다.', {'Busan'}),
    ('ko', '뉴욕시는 새 정책을 발표했다.', {'New York City'}),
    ('ko', '유타주에서 지진이 발생했다.', {'Utah'}),
    ('ko', '애리조나주 피닉스에서 집회가 열렸다.', {'Arizona', 'Phoenix'}),
    ('ko', '라스베이거스에서 전시회가 열렸다.', {'Las Vegas'}),
    ('ko', '대전 유성구에서 화재가 났다.', {'Daejeon', 'Yuseong District'}),
    # wide-tier regions in CJK scripts
    ('ja', 'ドニプロペトロウシク州で攻撃があった。', {'Dnipropetrovsk Oblast'}),
    ('zh', '克拉斯诺达尔边疆区发生洪灾。', {'Krasnodar Krai'}),
    # airports and stadiums, the city alone stays the city
    ('en', 'Flights were cancelled at Heathrow Airport on Monday.', {'Heathrow Airport'}),
    ('de', 'Der Flughafen Frankfurt meldete am Montag Ausfälle.', {'Frankfurt Airport'}),
    ('de', 'In Frankfurt wurde am Montag gestreikt.', {'Frankfurt'}),
    ('ko', '인천국제공항에서 출국했다.', {'Incheon International Airport'}),
    ('es', 'El partido se jugó en el estadio Santiago Bernabéu.', {'Santiago Bernabéu Stadium'}),
    # water, islands, landforms; Russian case forms
    ('de', 'Am Bodensee wurde ein Boot gefunden.', {'Lake Constance'}),
    ('ru', 'Учения прошли в Баренцевом море.', {'Barents Sea'}),
    ('ko', '한강에서 시신이 발견됐다는 신고가 서울 경찰에 접수됐다.', {'Han River', 'Seoul'}),
    ('en', 'A ship ran aground in the Strait of Gibraltar.', {'Strait of Gibraltar'}),
    # German Landkreise: the district with its word, the town without it
    ('de', 'Im Landkreis Oberhavel gab es einen Unfall.', {'Oberhavel'}),
    ('de', 'Der Kreis Mettmann meldet neue Fälle.', {'Mettmann District'}),
    ('de', 'In Mettmann wurde ein Mann festgenommen.', {'Mettmann'}),
    ('de', 'Die Polizei des Landkreises Göttingen ermittelt.', {'Göttingen District'}),
])
def test_places_found(tagger, lang, body, expected):
    assert _tags(tagger, body, lang, 'places') == expected


@pytest.mark.parametrize('lang,body,orgs,places', [
    # a "country + body" phrase names the country too
    ('ko', '중국 외교부는 일본 총리의 발언에 항의했다.',
     {'Ministry of Foreign Affairs (China)'}, {'China', 'Japan'}),
    ('ja', 'ウクライナ東部でロシア軍が攻勢を強めている。',
     {'Russian Armed Forces'}, {'Russia', 'Ukraine'}),
    # a proper name that holds one does not (the labellers' hard negatives)
    ('zh', '中国国际航空公司宣布开通北京至布达佩斯的航线。', None, {'Beijing', 'Budapest'}),
    ('ja', '日本銀行は政策金利を据え置いた。', {'Bank of Japan'}, set()),
    # a Korean title names the office's holder, not the body
    ('ko', '조태열 외교부 장관은 왕이 중국 외교부장과 회담했다.', set(), {'China'}),
    ('ko', '신시아 루미스 미국 상원의원은 말했다.', set(), {'United States'}),
    ('ko', '미국 상원은 법안을 통과시켰다.', {'United States Senate'}, {'United States'}),
])
def test_bodies_and_their_countries(tagger, lang, body, orgs, places):
    tags = tag_text(tagger, body, lang)
    if orgs is not None:
        assert {t['name'] for t in tags['organizations'] if t.get('linked', True)} == orgs
    assert {t['name'] for t in tags['places']} == places


@pytest.mark.parametrize('lang,body', [
    ('ko', '그는 경기에서 져서 지다라는 말을 했다.'),      # 지다 "to lose": no Jeddah
    ('ko', '친구들과 놀러 가자고 말했다.'),                 # 가자 "let's go": no Gaza
    ('ko', '어릴 때부터 그 배우를 동경했다.'),              # 동경 "longing": no Tokyo
    ('de', 'Er ging an der Hand seiner Mutter über die Straße.'),
    ('en', 'The main problem is the cost of the new system.'),
])
def test_no_place_in_ordinary_sentences(tagger, lang, body):
    assert _tags(tagger, body, lang, 'places') == set()


def test_build_adds_names_by_id_and_refuses_unknown_ids(monkeypatch):
    import build_gazetteer as bg
    ents = [{'id': 'nb:place:x-us', 'name': 'X', 'kind': 'place', 'type': 'region',
             'country': 'US', 'aliases': {'en': ['X'], 'ko': []}, 'ambiguous': [],
             '_gen': {'x'}}]
    monkeypatch.setattr(bg, '_load', lambda name: {'nb:place:x-us': ['유타']}
                        if name == 'aliases_ko.yaml' else None)
    bg.add_names_by_id(ents)
    assert ents[0]['aliases']['ko'] == ['유타']
    bg.add_korean_suffix_forms(ents)
    assert ents[0]['aliases']['ko'] == ['유타', '유타주']
    monkeypatch.setattr(bg, '_load', lambda name: {'nb:place:nowhere': ['어디']}
                        if name == 'aliases_ja.yaml' else None)
    with pytest.raises(SystemExit, match='unknown id'):
        bg.add_names_by_id(ents)


def test_korean_suffix_form_another_entity_has_stays_its_own():
    import build_gazetteer as bg
    city = {'id': 'c', 'name': 'Seoul', 'kind': 'place', 'type': 'capital', 'country': 'KR',
            'aliases': {'ko': ['서울']}, 'ambiguous': []}
    body = {'id': 'o', 'name': 'Seoul Metropolitan Government', 'kind': 'organization',
            'type': 'government_body', 'country': 'KR', 'aliases': {'ko': ['서울시']},
            'ambiguous': []}
    bg.add_korean_suffix_forms([city, body])
    assert city['aliases']['ko'] == ['서울']


@pytest.mark.parametrize('phrase,forms', [
    ('Ладожское', ['Ладожского', 'Ладожскому', 'Ладожским', 'Ладожском']),
    ('Морской', ['Морского', 'Морскому', 'Морским', 'Морском']),
    ('Чёрное', ['Чёрного', 'Чёрному', 'Чёрным', 'Чёрном']),
])
def test_russian_adjective_instrumental_after_velars(phrase, forms):
    import build_gazetteer as bg
    assert bg._ru_adj_forms(phrase) == forms
