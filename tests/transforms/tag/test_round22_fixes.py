"""Issue 14, twenty-second round: families of misses that real_dev24 (kept unseen through round 21)
showed, fixed by kind, and measured on a new blind set (real_dev25) kept unseen meanwhile.

- A level of local government before a generic head makes no name: "The City Council voted"
  (which city's?), like "the Supreme Court" before it.
- Topics in the words the misses used: a council's vote, "la course au pouvoir", the White
  House in Russian, a hedge fund and a billionaire in German, a regulator and an app store in
  Russian, a variety show and its ratings in Korean.
"""
import pytest

from tests.transforms.tag.shipped import tag_text


def _names(tagger, body, lang, kind, title=''):
    return {t['name'] for t in tag_text(tagger, body, lang, title)[kind]}


def _topics(tagger, body, lang, title=''):
    return {t['id'] for t in tag_text(tagger, body, lang, title)['topics']}


# --- generic local bodies ------------------------------------------------------------------------

@pytest.mark.parametrize('body', [
    # rd24-en-03
    'The City Council voted on Wednesday to cap Uber vehicles and other ride-hail services.',
    'The County Court heard the case on Monday.',
    'The State Senate passed the bill late on Thursday.',
])
def test_a_local_level_before_a_generic_head_makes_no_name(tagger, body):
    assert not _names(tagger, body, 'en', 'organizations') - {'Uber'}


def test_a_named_city_before_its_council_still_does(tagger):
    orgs = _names(tagger, 'The Oakland City Council voted on Tuesday to ban the devices.', 'en',
                  'organizations')
    assert 'Oakland City Council' in orgs


# --- topics --------------------------------------------------------------------------------------

@pytest.mark.parametrize('title,body,lang,topic', [
    # rd24-fr-04
    ('Bouteflika évoque la « course au pouvoir » en Algérie',
     'Les Algériens n’ont pas entendu la voix de leur président depuis qu’il a subi un AVC en 2013.',
     'fr', 'politics'),
    # rd24-de-03
    ('Wall-Street-Mogul Steve Cohen: Armer, reicher Hedgefonds-König',
     'Er lebt weiter in Saus und Braus, als hätte es die Wirtschaftskrise nie gegeben: Steve Cohen '
     'ist einer der legendärsten Hedgefondsmanager der Wall Street. Jetzt offenbart der '
     'Milliardär in einem Interview erstmals sein Privatleben.', 'de', 'economy'),
    # rd24-ru-03
    ('СМИ: Белый дом отредактировал стенограмму с упоминанием Украины и НАТО',
     'МОСКВА, 7 мая — РИА Новости. Белый дом внес изменения в официальную стенограмму заявления о '
     'поддержке Украины в вопросе вступления в НАТО, сообщает Fox News. Накануне представитель '
     'Белого дома Карин Жан-Пьер, комментируя возможность присоединения Киева к альянсу, '
     'заявила, что двери организации открыты.', 'ru', 'politics'),
    # rd24-ru-01
    ('Роскомнадзор потребовал от Google снять ограничения с "Улицы героев"',
     'Роскомнадзор потребовал от компании Google вернуть мобильное приложение "Улица героев" в '
     'Google Play, сообщило ведомство в Telegram-канале.', 'ru', 'technology'),
    # rd24-ko-02
    ('절연 7년 만에 父 집 찾은 백일섭 딸',
     '부친과 7년간 절연했다는 배우 백일섭의 딸이 아버지 집에 방문하는 모습이 그려졌다. 14일 '
     'TV조선 예능 \'아빠하고 나하고\'에는 백일섭이 딸과 처음으로 설 명절을 함께 보내는 모습이 '
     '전파를 탔다.', 'ko', 'culture'),
])
def test_topics_in_the_words_of_the_misses(tagger, title, body, lang, topic):
    assert topic in _topics(tagger, body, lang, title)


def test_a_union_vote_is_no_politics(tagger):
    # (short_test s-en-01: "voted" was tried as a politics keyword and dropped for this)
    assert 'politics' not in _topics(tagger, 'Members of the EIS union in Scotland have voted for '
                                     'strike action over pay, the union said on Monday.', 'en',
                                     'Teachers in Scotland vote to strike')
