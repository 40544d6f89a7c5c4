"""Issue 14, fourteenth round: fixes found on real_dev10 (labelled blind, measured, then looked
at), each with the text that showed it and near misses.

- A person the detector finds in Russian, in the nominative, is the listed person of that full
  name: "Терезы Мэй" (a woman's foreign surname does not decline, which the gazetteer's case
  forms miss) is Theresa May, not an unlinked "Тереза Мэй".
- A given name of two known ones joined by a hyphen (Hans-Stephan, Karl-Heinz, Jean-Claude)
  starts a person like one given name.
- A German preposition contracted with its article (Im, Beim, Am ...) at a sentence's start
  starts no organisation's name ("Im Greifswalder Institut").
- Rule 21: a listed organisation named as the surname of a person the detector found is not
  mentioned there ("Hans-Stephan Bosch" is no mention of Bosch).
"""
import pytest

from tests.transforms.tag.shipped import tag_text


def _names(tagger, body, lang, kind='organizations', title=''):
    return {t['name'] for t in tag_text(tagger, body, lang, title)[kind]}


@pytest.mark.parametrize('body', [
    'Причина кризиса — в позиции Терезы Мэй по выходу Британии из Европейского союза.',
    'Теперь Терезе Мэй придется искать нового министра иностранных дел.',
])
def test_a_russian_oblique_name_is_the_listed_person(tagger, body):
    found = tag_text(tagger, body, 'ru')['persons']
    assert [t['name'] for t in found] == ['Theresa May']
    assert found[0].get('linked', True)


def test_an_unlisted_russian_name_stays_unlinked(tagger):
    # (round 18 listed David Davis, this test's first example: a name no list holds now)
    found = tag_text(tagger, 'Вслед за Дэниелом Харпером в отставку подал и министр.', 'ru')
    assert [(t['name'], t.get('linked')) for t in found['persons']] == [('Дэниел Харпер', False)]


@pytest.mark.parametrize('lang,body,person', [
    ('de', 'Wir sind sehr zufrieden, sagte auch Hans-Stephan Bosch, der für den Betrieb '
           'zuständig ist.', 'Hans-Stephan Bosch'),
    ('de', 'Das sagte Karl-Heinz Bremer am Montag in Kiel.', 'Karl-Heinz Bremer'),
    ('fr', "Selon Marie-Christine Dubreuil, l'usine fermera.", 'Marie-Christine Dubreuil'),
])
def test_a_double_given_name_starts_a_person(tagger, lang, body, person):
    assert person in _names(tagger, body, lang, 'persons')


@pytest.mark.parametrize('body', [
    # one part is no given name: no person
    'Die Landesregierung von Schleswig-Holstein Nord tagte.',
    'The Jordan-Israel Peace Treaty was signed in 1994.',
])
def test_a_hyphenated_word_of_other_names_starts_no_person(tagger, body):
    assert not _names(tagger, body, 'de' if 'Die' in body else 'en', 'persons')


@pytest.mark.parametrize('body,person', [
    ('Die Anlage in Greifswald läuft, sagte Thomas Bosch, der in Deutschland für den Betrieb '
     'zuständig ist.', 'Thomas Bosch'),
    ('Die Anlage in Greifswald läuft, sagte auch Hans-Stephan Bosch, der in Deutschland für '
     'den Betrieb zuständig ist.', 'Hans-Stephan Bosch'),
])
def test_the_surname_of_a_detected_person_is_not_the_company(tagger, body, person):
    # (Germany named: the company's alias would count)
    assert not _names(tagger, body, 'de')
    assert _names(tagger, body, 'de', 'persons') == {person}


def test_a_company_named_alone_stays(tagger):
    # the company named on its own stays
    assert _names(tagger, 'Der Zulieferer Bosch streicht in Stuttgart 3.000 Stellen.', 'de') == {
        'Bosch'}


def test_a_name_run_on_over_a_particle_keeps_the_organisation(tagger):
    # the detector's person runs on over "von der": the organisation at its end is still named
    body = 'Das sagte Andreas Pfeiffer von der Berliner Charité am Dienstag.'
    assert 'Charité' in _names(tagger, body, 'de')


@pytest.mark.parametrize('body,org', [
    ('Im Greifswalder Institut selbst ist eine Fusion nicht geplant.', None),
    ('Beim Bundesamt für Migration und Flüchtlinge gingen Anträge ein.',
     'Federal Office for Migration and Refugees'),
    ('Am Landgericht Berlin beginnt der Prozess.', 'Landgericht Berlin'),
])
def test_a_contracted_preposition_starts_no_organisation(tagger, body, org):
    names = _names(tagger, body, 'de')
    assert not any(n.split()[0] in ('Im', 'Beim', 'Am') for n in names)
    if org:
        assert org in names


@pytest.mark.parametrize('body,places', [
    ('アーセナル、ブラジル代表FWガブリエウ・ジェズスの獲得を発表！', set()),
    ('日本代表は23日、ドイツと対戦する。', {'Germany'}),
    # the country on its own stays a place
    ('ジェズスはブラジルのサンパウロ出身だ。', {'Brazil', 'São Paulo'}),
])
def test_a_place_before_daihyo_is_a_team(tagger, body, places):
    assert _names(tagger, body, 'ja', 'places') == places


@pytest.mark.parametrize('lang,body,kind,name', [
    # the gazetteer's data: names the lists lacked or had wrong
    ('ru', 'Жену убитого аль-Багдади поймали в Сирии.', 'persons', 'Abu Bakr al-Baghdadi'),
    ('ru', 'Глава МИД Великобритании Борис Джонсон ушел в отставку.', 'organizations',
     'Foreign, Commonwealth and Development Office'),
    ('ko', '한화그룹이 대우조선해양을 2조원에 인수하기로 했다.', 'organizations', 'Hanwha Ocean'),
    ('en', 'The New York State Attorney General is investigating WeWork, whose parent The We '
           'Company lost billions.', 'organizations', 'WeWork'),
    ('de', 'Forscher des Max-Planck-Instituts für Plasmaphysik haben erstmals Heliumplasma '
           'erzeugt.', 'organizations', 'Max Planck Institute for Plasma Physics'),
])
def test_names_the_lists_lacked(tagger, lang, body, kind, name):
    assert name in _names(tagger, body, lang, kind)


def test_a_berlin_airport_is_not_the_new_one(tagger):
    # "Berliner Flughafen" is any Berlin airport (Tegel in 2015), not BER by name
    body = 'Ägyptischer Journalist an Berliner Flughafen festgenommen'
    assert 'Berlin Brandenburg Airport' not in _names(tagger, body, 'de', 'places')
    assert 'Berlin Brandenburg Airport' in _names(tagger, 'Der Flughafen BER öffnet.', 'de',
                                                  'places')


@pytest.mark.parametrize('lang,body,topic', [
    ('en', 'North Korea fires long range missile ahead of Japan-South Korea talks. The ICBM '
           'marks the fourth round of launches in a week.', 'conflict_defence'),
    ('de', 'Nach einem Hackerangriff auf die Hotelkette sind Daten im Darknet veröffentlicht '
           'worden; Hacker haben Kreditkartendaten gestohlen.', 'crime_law'),
    ('fr', "Victime d'un réseau d'escrocs qui a usurpé son identité, elle a perdu son "
           "logement.", 'crime_law'),
    ('ko', '한화그룹이 대우조선해양을 인수하기로 하자 헐값 매각 논란이 불거졌다.', 'economy'),
])
def test_topics_short_items_lacked(tagger, lang, body, topic):
    assert topic in {t['id'] for t in tag_text(tagger, body, lang)['topics']}


def test_the_two_sessions_are_politics(tagger):
    found = tag_text(tagger, '2018全国两会将于3月3日在北京召开。', 'zh',
                     title='2018全国两会 将改革进行到底')
    assert 'politics' in {t['id'] for t in found['topics']}


@pytest.mark.parametrize('body,org', [
    ('Nach einem Hackerangriff auf die Hotelkette "Motel One" sind Daten online.', 'Motel One'),
    ('Der Mineralölkonzern „Nordöl Petrol“ erhöht die Preise.', 'Nordöl Petrol'),
])
def test_a_german_body_named_in_quotes(tagger, body, org):
    assert org in _names(tagger, body, 'de')


@pytest.mark.parametrize('body', [
    'Der Film "Das Boot" läuft heute.',             # a work, not a body
    'Das Unternehmen "hat" nichts gesagt.',         # no name in the quotes
])
def test_other_quotes_name_no_body(tagger, body):
    assert not _names(tagger, body, 'de')


@pytest.mark.parametrize('lang,body,kind,name', [
    ('ko', '이진석 통계청 가계수지동향과장은 소득이 줄었다고 했다.', 'organizations', 'Statistics Korea'),
    ('ko', '한화그룹이 대우조선해양을 인수하기로 했다.', 'organizations', 'Hanwha'),
    ('zh', '中研院新科院士魏福全為埃及外科醫師完成手術。', 'organizations', 'Academia Sinica'),
    ('zh', '林口長庚醫院教授江東和成功為幼童做移植。', 'organizations', 'Chang Gung Memorial Hospital'),
    ('ja', 'アーセナル、ブラジル代表FWガブリエウ・ジェズスの獲得を発表！', 'persons', 'Gabriel Jesus'),
    ('zh', '總統票支持馬英九吳敦義，讓台灣繼續向前行。', 'persons', 'Wu Den-yih'),
    ('zh', '主計處預估今年的經濟成長還有4.51%。', 'organizations',
     'Directorate-General of Budget, Accounting and Statistics'),
])
def test_more_names_the_lists_lacked(tagger, lang, body, kind, name):
    assert name in _names(tagger, body, lang, kind)


# --- found on real_dev11 (collected and labelled while real_dev10 was fixed) ---------------

@pytest.mark.parametrize('body', [
    '국방부는 "현 신종 코로나바이러스 감염증(코로나19) 상황으로 교대가 지연됐다"고 밝혔다. 전원 '
    '코로나19 검사를 받았다. 모두 코로나19 음성이었다.',
    '학교폭력 피해자 유족의 소송을 맡고도 재판에 안 나가 패소한 변호사가 입장을 밝혔다.',
    '보수 우파 진영과 시민사회 연대가 집회를 열었다.',
])
def test_a_foreign_towns_two_hangul_syllables_need_its_country(tagger, body):
    # 코로 (Coro) in 코로나, 나가 (Naga) in 나가다, 우파 (Ufa) "right wing", 연대 (Yantai)
    assert not _names(tagger, body, 'ko', 'places')


def test_a_foreign_towns_hangul_name_with_its_country(tagger):
    assert 'Ufa' in _names(tagger, '러시아 우파에서 열린 회의에 정상들이 참석했다.', 'ko', 'places')


def test_build_marks_two_syllable_hangul_town_names():
    from scripts.build_gazetteer import mark_short_hangul_towns
    ents = [{'kind': 'place', 'type': 'city', 'country': 'RU', 'name': 'Ufa',
             'aliases': {'ko': ['우파', '우파시']}, 'ambiguous': []},
            {'kind': 'place', 'type': 'capital', 'country': 'SS', 'name': 'Juba',
             'aliases': {'ko': ['주바']}, 'ambiguous': []},
            {'kind': 'place', 'type': 'city', 'country': 'KR', 'name': 'Yeosu',
             'aliases': {'ko': ['여수']}, 'ambiguous': []}]
    mark_short_hangul_towns(ents)
    assert [e['ambiguous'] for e in ents] == [['우파'], [], []]


@pytest.mark.parametrize('body,places,orgs', [
    ('大阪市福島区の松本病院を運営する医療法人への融資。社会福祉法人「友朋会」（福島区）が建設する。',
     {'Osaka'}, {'松本病院'}),
    # the prefecture on its own stays
    ('福島県の避難指示が解除された。', {'Fukushima Prefecture'}, set()),
])
def test_a_citys_ward_and_a_hospital_by_its_place(tagger, body, places, orgs):
    found = tag_text(tagger, body, 'ja')
    assert {t['name'] for t in found['places']} == places
    assert {t['name'] for t in found['organizations']} >= orgs


def test_a_hospital_in_a_place_is_no_name(tagger):
    assert not _names(tagger, '患者は北京的医院に運ばれた。', 'zh')


@pytest.mark.parametrize('body,person,org', [
    ('La familia del expresidente de la Generalitat Jordi Pujol escondió dinero.',
     'Jordi Pujol', None),
    ('De la Mata ha citado al antiguo número dos de la Policía Eugenio Pino.', 'Eugenio Pino',
     None),
    # bodies named after a person keep the name
    ('El director del Hospital Gregorio Marañón habló ayer.', None,
     'Hospital Gregorio Marañón'),
    ('El caso llegó al Juzgado Segundo Penal de Distrito.', None,
     'Juzgado Segundo Penal de Distrito'),
])
def test_a_person_right_after_a_body(tagger, body, person, org):
    persons, orgs = _names(tagger, body, 'es', 'persons'), _names(tagger, body, 'es')
    if person:
        assert person in persons and not any(person in o for o in orgs)
    if org:
        assert org in orgs and not persons


def test_a_citys_court_by_number(tagger):
    body = 'Das Landgericht München I hat in einer Patentklage entschieden.'
    assert _names(tagger, body, 'de') == {'Landgericht München I'}


@pytest.mark.parametrize('lang,body,orgs', [
    ('ru', 'Ryanair, как и TUI, использует самолеты Boeing-737-800.', {'Ryanair'}),
    ('en', 'The airline flies Airbus-A320 jets.', set()),
    ('ru', 'Boeing заявил о прибыли.', {'Boeing'}),
])
def test_a_makers_name_joined_to_a_model_number(tagger, lang, body, orgs):
    assert _names(tagger, body, lang) & {'Boeing', 'Airbus', 'Ryanair'} == orgs


def test_a_side_topic_needs_close_to_half_the_best_score(tagger):
    # a drugs raid near a school: crime (22), with education (6) named on the way; a side
    # topic now needs 0.45 of the best topic's score (0.25 before)
    body = ('Die Polizei hat in Palma einen Drogenring zerschlagen und zwölf Verdächtige '
            'festgenommen. Die Ermittler fanden Drogen in mehreren Wohnungen. Die Festnahme '
            'folgte monatelangen Ermittlungen der Polizei. Die Drogen wurden auch vor einer '
            'Schule verkauft, wo Schüler die Händler bemerkten. Die Polizei kontrolliert nun '
            'die Schule.')
    assert [t['id'] for t in tag_text(tagger, body, 'de')['topics']] == ['crime_law']


def test_a_close_second_topic_stays(tagger):
    body = ('Die Regierung beschließt ein neues Gesetz gegen Drogenhandel: Der Bundestag stimmte '
            'am Freitag zu, die Opposition kritisierte den Minister. Die Polizei soll Dealer '
            'schneller festnehmen, Gerichte sollen härtere Strafen verhängen.')
    topics = {t['id'] for t in tag_text(tagger, body, 'de')['topics']}
    assert topics == {'politics', 'crime_law'}


@pytest.mark.parametrize('lang,body,org', [
    ('es', 'La Consejería de Educación y Cultura anunció ayer el plan.',
     'Consejería de Educación y Cultura'),
    ('es', 'La Junta Intermunicipal de Agua Potable y Alcantarillado de Zacatecas subió las '
           'tarifas.', 'Junta Intermunicipal de Agua Potable y Alcantarillado de Zacatecas'),
    ('en', 'A spokesman for the Department of Climate Change and Energy said on Monday.',
     'Department of Climate Change and Energy'),
    ('de', 'Das Ministerium für Umwelt und Verbraucherschutz prüft den Fall.',
     'Ministerium für Umwelt und Verbraucherschutz'),
])
def test_a_bodys_name_may_hold_and(tagger, lang, body, org):
    assert org in _names(tagger, body, lang)


def test_and_before_an_article_ends_the_name(tagger):
    # "y la OTAN": a second body, not part of the first one's name
    names = _names(tagger, 'El Ministerio de Defensa y la OTAN firmaron el acuerdo.', 'es')
    assert 'Ministerio de Defensa' in names and 'NATO' in names
