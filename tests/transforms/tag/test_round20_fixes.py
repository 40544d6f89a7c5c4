"""Issue 14, twentieth round: families of misses that every earlier dev set shows, fixed by
kind rather than by name, and measured on a new blind set (real_dev22) kept unseen meanwhile.

- A country's armed forces named by its adjective and a word for army, in every language
  (curated/armed_forces.yaml, expanded by scripts/build_gazetteer.armed_forces_forms): "the
  Israeli military", "das israelische Militär", "l'armée israélienne", "el ejército israelí",
  "израильская армия"; the Chinese short forms (台军, 俄军) not across a word (对台军售 arms
  sales to Taiwan, 中俄军演 Chinese-Russian drills).
- A wide-list entry that repeats a curated one gives it the names it lacks (tests/configs).
"""
import pytest

from scripts.build_gazetteer import armed_forces_forms
from tests.transforms.tag.shipped import tag_text


def _names(tagger, body, lang, kind, title=''):
    return {t['name'] for t in tag_text(tagger, body, lang, title)[kind]}


# --- armed forces by the country's adjective ---------------------------------------------------

@pytest.mark.parametrize('body,lang,org', [
    # rd20-en-06, rd21-de-05: the labels name the IDF
    ('The Israeli military spokesperson said troops had entered central Gaza.', 'en',
     'Israel Defense Forces'),
    ('Eine Geisel wurde übergeben. Das israelische Militär nahm sie in Empfang.', 'de',
     'Israel Defense Forces'),
    # rd4-de-04: the genitive
    ('Das Regionalkommando des amerikanischen Militärs teilte mit, es habe angegriffen.', 'de',
     'United States Armed Forces'),
    ("L'armée israélienne a frappé le sud de Gaza dans la nuit.", 'fr', 'Israel Defense Forces'),
    ('Las Fuerzas Armadas rusas avanzan en el este de Ucrania.', 'es', 'Russian Armed Forces'),
    ('El ejército israelí atacó el sur de Gaza.', 'es', 'Israel Defense Forces'),
    ('Украинская армия отступила от Авдеевки, сообщает агентство.', 'ru',
     'Armed Forces of Ukraine'),
    ('По данным израильской армии, удар был нанесён ночью.', 'ru', 'Israel Defense Forces'),
    ('The Chinese military held drills near the island on Monday.', 'en',
     "People's Liberation Army"),
    ('Die türkische Armee griff Stellungen im Norden Syriens an.', 'de', 'Turkish Armed Forces'),
    # rd19-zh-06, rd15-ko-01: navies the lists lacked
    ('针对台湾海军近期接连曝出的枪械丢失事件，台军表示将彻查。', 'zh', 'Republic of China Navy'),
    ('针对台湾海军近期接连曝出的枪械丢失事件，台军表示将彻查。', 'zh',
     'Republic of China Armed Forces'),
    ('이번 계약은 필리핀 해군 현대화 계획의 일환이다.', 'ko', 'Philippine Navy'),
])
def test_armed_forces_by_the_countrys_adjective(tagger, body, lang, org):
    assert org in _names(tagger, body, lang, 'organizations')


@pytest.mark.parametrize('body,lang,org', [
    # 军 before 售, 演 ... starts a word: arms sales to Taiwan, Chinese-Russian drills
    ('外交部发言人表示，中方坚决反对美国对台军售。', 'zh', 'Republic of China Armed Forces'),
    ('中俄军演将于下月在日本海举行。', 'zh', 'Russian Armed Forces'),
    ('美韩军事演习引发朝鲜强烈反应。', 'zh', 'Republic of Korea Armed Forces'),
    # the German dative would start a compound: "des russischen militär-industriellen Komplexes"
    ('Er soll Informationen über ein Unternehmen des russischen militär-industriellen '
     'Komplexes gesammelt haben.', 'de', 'Russian Armed Forces'),
    # Russian военные are servicemen, not a body
    ('Украинские военные попали на видео во время разминирования.', 'ru',
     'Armed Forces of Ukraine'),
    # an old war's army is left out: 德军 in a history piece is the Wehrmacht
    ('1944年德军在诺曼底遭遇盟军登陆。', 'zh', 'Bundeswehr'),
])
def test_no_armed_forces_across_a_word(tagger, body, lang, org):
    assert org not in _names(tagger, body, lang, 'organizations')


def test_a_separate_branch_keeps_its_name(tagger):
    # "US army" is the United States Army, not the armed forces as a whole
    orgs = _names(tagger, 'A US Army spokesman said the base would reopen.', 'en',
                  'organizations')
    assert 'United States Army' in orgs and 'United States Armed Forces' not in orgs


def test_armed_forces_forms_expand_stems_and_keep_the_rest():
    forms = armed_forces_forms({'X Forces': {
        'en': ['Xish~'], 'de': ['xisch~'], 'fr': ['xienne~'], 'es': ['xio/xias~'],
        'ru': ['иксск~'], 'zh': ['X军队'], 'except': ['Xish army']}})['X Forces']
    assert forms['en'] == ['Xish military', 'Xish armed forces']
    assert 'xische Armee' in forms['de'] and 'xischen Militärs' in forms['de']
    assert forms['fr'] == ['armée xienne', 'forces armées xiennes']
    assert forms['es'] == ['ejército xio', 'Fuerzas Armadas xias']
    assert 'иксской армии' in forms['ru'] and forms['zh'] == ['X军队']
    with pytest.raises(SystemExit):
        armed_forces_forms({'X': {'es': ['xio~']}})          # no plural
    with pytest.raises(SystemExit):
        armed_forces_forms({'X': {'zh': ['X~']}})            # no expansion for zh
