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

Each abbreviation found stands for its country; the matcher adds it as a mention with the
rule ``ja_abbreviation`` (unconditional, so it is context for the country's ambiguous places:
``仏パリ`` confirms パリ).
"""
from __future__ import annotations

import re

__all__ = ['ABBREVIATIONS', 'SINGLE', 'PAIR_HEADS', 'SINGLE_HEADS', 'japanese_abbreviations']

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
_HAN = re.compile('[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]')
_KATAKANA_OR_LATIN = re.compile('[\u30a0-\u30ffA-Za-z]')
_PAIR_HEAD = re.compile('|'.join(sorted(PAIR_HEADS, key=len, reverse=True)))
_SINGLE_HEAD = re.compile('|'.join(sorted(SINGLE_HEADS, key=len, reverse=True)))


def japanese_abbreviations(text: str) -> list[tuple[int, int, str]]:
    """``(start, stop, country code)`` of each abbreviation character read as a country in
    ``text`` (positions of ``text``; nothing unless the text has kana)."""
    if not _KANA.search(text):
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
