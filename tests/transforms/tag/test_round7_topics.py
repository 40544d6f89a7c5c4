"""Issue 14, seventh round: topic words short news items were missing (configs/topics.yaml).

Central banks by name (the Federal Reserve, the Fed, FRB, 美联储, 연준, ФРС, BCE) and rate moves
(rate cut, 利下げ, 降息) for the economy; Spanish arrests in the past tense (detuvo, detuvieron)
and drugs for crime; plural forest fires (incendios forestales, feux de forêt) for disasters.
"""
import pytest

from tests.transforms.tag.shipped import tag_text


def _topics(tagger, body, lang):
    return {t['id'] for t in tag_text(tagger, body, lang)['topics']}


@pytest.mark.parametrize('lang,body,topic', [
    ('en', 'The Federal Reserve held interest rates steady on Wednesday, Chair Jerome Powell '
           'told reporters in Washington.', 'economy'),
    ('zh', '美联储宣布降息25个基点。', 'economy'),
    ('ja', 'FRBは利下げを決めた。', 'economy'),
    ('es', 'La Policía Nacional detuvo a cinco personas por tráfico de drogas en Málaga.',
     'crime_law'),
    ('es', 'Los incendios forestales arrasaron más de 10.000 hectáreas en Galicia por la ola '
           'de calor.', 'disasters'),
])
def test_short_items_reach_their_topic(tagger, lang, body, topic):
    assert topic in _topics(tagger, body, lang)


@pytest.mark.parametrize('lang,body', [
    ('en', 'Many residents said they were fed up with the delays on the new road.'),
    ('es', 'El alcalde visitó el barrio y habló con los vecinos sobre las fiestas.'),
])
def test_ordinary_words_make_no_topic(tagger, lang, body):
    assert 'economy' not in _topics(tagger, body, lang)
    assert 'crime_law' not in _topics(tagger, body, lang)
