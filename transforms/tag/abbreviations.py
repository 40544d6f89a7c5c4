"""Japanese one-character country abbreviations: 米 (the United States), 露 (Russia), 英, 仏, 独 ...

Japanese news names countries by one character wherever space is short: in pairs and runs
(``日米首脳会談`` "Japan-US summit", ``米韓合同演習``, ``日米豪印``), before an institution or
a noun of the country (``米政府``, ``露軍``, ``英紙``, ``独首相``), before a name written in
katakana or Latin letters (``仏パリ`` "Paris, France", ``米グーグル`` "Google of the US",
``英BBC``) and as a headline's subject (``米、対中関税を引き上げ``). The characters are common
words on their own (米 rice, 日 day, 中 middle, 朝 morning), so the gazetteer cannot hold them
(no one-character alias is indexed); this module reads them only in those shapes, and only in
Japanese text (text with kana):

* a **run** of two to four different abbreviation characters: the character before it is no
  Han character (so ``在日米軍`` gives nothing for 在日, but the run must start the word) and
  the one after it is no Han character either, or starts a word of :data:`PAIR_HEADS`
  (``関係``, ``首脳``, ``同盟`` ...). Runs that are words of their own are refused unless such a
  head follows: ``日中`` (also "daytime"), ``中日`` (a newspaper, a baseball team), ``中米``
  (Central America), ``中越`` (a region of Niigata); ``欧米`` ("the West") never counts;
* a **single** character of :data:`SINGLE` (not 日 中 朝 台, which are words in too many
  places), after no Han character, before a word of :data:`SINGLE_HEADS`, a katakana or Latin
  letter, or a headline's ``、``/``・``.

Chinese news does the same with its own characters (``俄乌冲突`` "the Russia-Ukraine conflict",
``中美关系``, ``美方`` "the US side", ``以军`` "the Israeli army", ``美媒`` "US media"), in text
without word boundaries, where 美 is "beautiful", 法 "law", 以 "by means of" and 中 "middle":
:func:`chinese_abbreviations` reads a run of two or three (``中美``, ``美日韩``) only before a word
of :data:`ZH_PAIR_HEADS` (关系, 冲突, 峰会 ...), and one character only before 方 ("side", not
方面/方式/方法 ...), 军 (army), 媒 (media) or a leader's title (总统, 外长 ...); 巴 only in 巴以
(Palestine-Israel) and 印巴 (India-Pakistan); 以 (a common function word) only after no Han
character or after a verb of saying or a conjunction (据, 称, 与, 和, 对 ...).

Each abbreviation found stands for its country, as context only: the matcher counts it as an
unconditional mention of the country (rules ``ja_abbreviation``, ``zh_abbreviation``), which
confirms the country's ambiguous names (``仏パリ`` confirms パリ, which alone is no place: パリパリ
"crisp"), but does not tag the country for it - the abbreviation qualifies a name
(``米ノースカロライナ州``) or a relation (``日米同盟``, ``中方``), and labellers of news do not count
it as naming the country (none did on the dev sets: 日米同盟, 日韓関係, 中方, 米ノースカロライナ州).
"""
from __future__ import annotations

import re

__all__ = ['ABBREVIATIONS', 'SINGLE', 'PAIR_HEADS', 'SINGLE_HEADS', 'japanese_abbreviations',
           'ZH_ABBREVIATIONS', 'ZH_PAIR_HEADS', 'ZH_SINGLE_HEADS', 'chinese_abbreviations',
           'KO_ABBREVIATIONS', 'korean_abbreviations']

#: abbreviation character -> ISO 3166-1 code (欧 Europe: part of runs, no country of its own)
ABBREVIATIONS = {
    '日': 'JP', '米': 'US', '中': 'CN', '韓': 'KR', '朝': 'KP', '露': 'RU', '英': 'GB',
    '仏': 'FR', '独': 'DE', '伊': 'IT', '豪': 'AU', '加': 'CA', '印': 'IN', '台': 'TW',
    '比': 'PH', '越': 'VN', '蘭': 'NL', '墨': 'MX', '伯': 'BR', '欧': None,
}
#: the characters that count alone (the others are words in too many places)
SINGLE = frozenset('米露英仏独伊豪加印韓比')
#: words after a run of abbreviations that make it a list of countries
PAIR_HEADS = ('関係', '首脳', '会談', '同盟', '対立', '協議', '外相', '首相', '両国', '両政府',
              '間', '貿易', '摩擦', '共同', '連携', '協力', '安保', '防衛', '軍事', '合同', '電話',
              '経済', '交渉', '合意', '国交', '友好', '戦争', '対話', '政府', '首脳会談', '外交',
              '連合', '国防', '閣僚', '高官', '通商', '関税', '演習', '訓練', '核', '蜜月')
#: words after a single abbreviation that make it the country's
SINGLE_HEADS = ('政府', '政権', '軍', '大統領', '首相', '紙', '誌', '議会', '上院', '下院',
                '国務省', '国防総省', '国防省', '外務省', '財務省', '商務省', '司法省', '当局',
                '大使館', '連邦', '国務長官', '国防長官', '外相', '国防相', '財務相', '首脳',
                '側', '企業', '大手', '株', '経済', '国債', '市場', '与党', '野党', '情報機関',
                '中央銀行', '中銀', '空軍', '海軍', '陸軍', '国籍', '報道', 'メディア', '通信',
                '放送', '裁判所', '最高裁', '検察', '警察', '捜査当局', '国民', '代表', '選挙',
                '大統領選', '総選挙', '首都', '国内', '全土', '各地', '南部', '北部', '東部',
                '西部', '中部')
#: runs that are words of their own: they count only before a head
_WORD_RUNS = frozenset({'日中', '中日', '中米', '中越', '越中'})
_NEVER = frozenset({'欧米'})

_CHARS = ''.join(ABBREVIATIONS)
_RUN = re.compile(f'[{_CHARS}]{{1,4}}')
_KANA = re.compile('[\u3040-\u30ff]')
_HAN_CLASS = '\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff'
_HAN = re.compile(f'[{_HAN_CLASS}]')
# what any reading needs, searched first (most texts have none): a run after no Han character
_RUN_AT_WORD_START = re.compile(f'(?<![{_HAN_CLASS}])[{_CHARS}]')
_KATAKANA_OR_LATIN = re.compile('[\u30a0-\u30ffA-Za-z]')
_PAIR_HEAD = re.compile('|'.join(sorted(PAIR_HEADS, key=len, reverse=True)))
_SINGLE_HEAD = re.compile('|'.join(sorted(SINGLE_HEADS, key=len, reverse=True)))


def japanese_abbreviations(text: str) -> list[tuple[int, int, str]]:
    """``(start, stop, country code)`` of each abbreviation character read as a country in
    ``text`` (positions of ``text``; nothing unless the text has kana)."""
    if not _KANA.search(text) or not _RUN_AT_WORD_START.search(text):
        return []
    out: list[tuple[int, int, str]] = []
    for match in _RUN.finditer(text):
        start, stop = match.span()
        if start and _HAN.match(text, start - 1):
            continue                        # inside a word: 在日, 訪米, 参加
        run = match.group()
        after = text[stop:stop + 1]
        if len(run) > 1:
            if len(set(run)) < len(run) or run in _NEVER:
                continue
            headed = bool(_PAIR_HEAD.match(text, stop))
            if not headed and (run in _WORD_RUNS or _HAN.match(after or ' ')):
                continue
            out.extend((start + i, start + i + 1, ABBREVIATIONS[ch])
                       for i, ch in enumerate(run) if ABBREVIATIONS[ch])
            continue
        if run not in SINGLE:
            continue
        if (_SINGLE_HEAD.match(text, stop) or (after and _KATAKANA_OR_LATIN.match(after))
                or after in ('、', '・')):
            out.append((start, stop, ABBREVIATIONS[run]))
    return out


#: Chinese abbreviation character -> ISO code (巴: Palestine or Pakistan, by its pair)
ZH_ABBREVIATIONS = {
    '中': 'CN', '美': 'US', '俄': 'RU', '乌': 'UA', '日': 'JP', '韩': 'KR', '朝': 'KP',
    '英': 'GB', '法': 'FR', '德': 'DE', '印': 'IN', '以': 'IL', '巴': None,
}
_ZH_BA = {'巴以': ('PS', 'IL'), '以巴': ('IL', 'PS'), '印巴': ('IN', 'PK'), '巴印': ('PK', 'IN')}
#: words after a run of abbreviations that make it a list of countries
ZH_PAIR_HEADS = ('关系', '冲突', '战争', '贸易', '会谈', '峰会', '两国', '三国', '四国', '双方',
                 '三方', '合作', '联合', '对话', '谈判', '边境', '同盟', '军演', '元首', '外长',
                 '防长', '首脑', '领导人', '经贸', '竞争', '博弈', '建交', '友好', '矛盾', '摩擦',
                 '停火', '和谈', '战事', '局势', '交锋', '对抗', '协议', '联盟', '人质')
#: words after one abbreviation that make it the country's (方: not 方面, 方式 ...)
ZH_SINGLE_HEADS = ('方', '军', '媒', '总统', '外长', '防长', '总理', '首相', '国防部', '外交部',
                   '官员', '政府', '议会')
_ZH_NOT_SIDE = frozenset('面式法案向针便言程位块阵舟圆')
#: what may stand right before 以 read as Israel (以 is "by means of", 所以 "so", 可以 "can")
_ZH_BEFORE_YI = frozenset('据称与和及对向遭被令让指就')
#: characters that make a word with an abbreviation character right after them (其中 "among
#: them", 今日 "today", 立法 "legislation", 道德 "morality", 欧美 "the West", 王朝 "dynasty")
_ZH_WORDS_BEFORE = {
    '中': frozenset('其集之空心当从在期途暗手眼意居正命射打猜高初'),
    '日': frozenset('今昨明每前近次当节生假周星工平终连白旭末往原同'),
    '法': frozenset('方办做说想看立司执宪违合非依守用算手书兵魔语国'),
    '德': frozenset('道品美公师功医仁厚积'),
    '英': frozenset('精群菁'),
    '美': frozenset('欧拉南北甜完健赞华优精审唯柔'),
    '印': frozenset('打复翻烙脚手刻盖影排付编承'),
    '朝': frozenset('王清唐明宋元本今早六南'),
}


def _zh_word_before(before: str, first: str) -> bool:
    if first == '以':           # 所以, 可以, 加以 ...: Israel only after a verb of saying & co.
        return bool(_HAN.match(before)) and before not in _ZH_BEFORE_YI
    return before in _ZH_WORDS_BEFORE.get(first, ())


_ZH_CHARS = ''.join(ZH_ABBREVIATIONS)
_ZH_RUN = re.compile(f'[{_ZH_CHARS}]{{1,3}}')
_ZH_PAIR_HEAD = re.compile('|'.join(sorted(ZH_PAIR_HEADS, key=len, reverse=True)))
_ZH_SINGLE_HEAD = re.compile('|'.join(sorted(ZH_SINGLE_HEADS, key=len, reverse=True)))
# what any reading needs, searched first (most texts have none): a run right before a head
_ZH_RUN_BEFORE_HEAD = re.compile(
    f"[{_ZH_CHARS}](?={'|'.join(sorted(ZH_PAIR_HEADS + ZH_SINGLE_HEADS, key=len, reverse=True))})")


def chinese_abbreviations(text: str) -> list[tuple[int, int, str]]:
    """``(start, stop, country code)`` of each abbreviation character read as a country in
    Chinese ``text`` (nothing in text with kana: Japanese has its own, see
    :func:`japanese_abbreviations`)."""
    if _KANA.search(text) or not _ZH_RUN_BEFORE_HEAD.search(text):
        return []
    out: list[tuple[int, int, str]] = []
    for match in _ZH_RUN.finditer(text):
        start, stop = match.span()
        run = match.group()
        if start and _zh_word_before(text[start - 1], run[0]):
            if len(run) == 1:
                continue
            run, start = run[1:], start + 1     # 其中 + 美日关系: the run starts after it
        if len(run) > 1:
            if len(set(run)) < len(run) or not _ZH_PAIR_HEAD.match(text, stop):
                continue
            if '巴' in run:
                codes = _ZH_BA.get(run)
                if codes is None:
                    continue
            else:
                codes = tuple(ZH_ABBREVIATIONS[ch] for ch in run)
            out.extend((start + i, start + i + 1, code) for i, code in enumerate(codes))
            continue
        code = ZH_ABBREVIATIONS[run]
        head = _ZH_SINGLE_HEAD.match(text, stop)
        if code is None or head is None:
            continue
        if head.group() == '方' and text[stop + 1:stop + 2] in _ZH_NOT_SIDE:
            continue
        out.append((start, stop, code))
    return out


#: Korean headline Hanja -> ISO code: Korean news writes a country as one Hanja character set
#: apart from the Hangul around it (美 WSJ, 北 미사일 발사, 中 외교부, 文 방美). Not 韓, Korea
#: itself, which qualifies the home country's people and trades (韓 가수 "Korean singer", 韓 조선
#: "Korea's shipbuilding") where the labellers name no place
KO_ABBREVIATIONS = {
    '美': 'US', '中': 'CN', '日': 'JP', '北': 'KP', '英': 'GB', '佛': 'FR', '獨': 'DE',
    '露': 'RU', '伊': 'IT', '印': 'IN', '濠': 'AU', '豪': 'AU', '加': 'CA',
}
_KO_CHAR = re.compile(f"[{''.join(KO_ABBREVIATIONS)}]")
_HANGUL = re.compile('[\uac00-\ud7a3]')


def korean_abbreviations(text: str) -> list[tuple[int, int, str]]:
    """``(start, stop, country code)`` of each Hanja character that stands for a country in
    Korean ``text`` (text with Hangul): one character with no Han character, digit or Latin
    letter on either side (美 WSJ, 美·中 갈등, 방美; not 3日 "the 3rd", 中企 "small firms"),
    and not a word's Hanja gloss in brackets (대법원(大法院))."""
    if not _HANGUL.search(text):
        return []
    out: list[tuple[int, int, str]] = []
    for match in _KO_CHAR.finditer(text):
        start, stop = match.span()
        before, after = text[start - 1:start] if start else '', text[stop:stop + 1]
        if (before and (_HAN.match(before) or before.isdigit() or before.isascii()
                        and before.isalpha())
                or after and (_HAN.match(after) or after.isdigit())
                or before == '(' and after == ')'):
            continue
        out.append((start, stop, KO_ABBREVIATIONS[match.group()]))
    return out
