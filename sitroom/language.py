"""Language: tell which language an article is in, and refuse what we cannot read.

py3langid's naive Bayes model (97 languages, shipped in the package) on the
cleaned text. Only English is supported for now: any other language with a
confident reading raises ``UnsupportedLanguage`` (reason ``language: xx``), so
an article is never dropped silently. A text too short to judge is processed
as English but its ``article.language`` stays null: we do not know it.

Reads: ``article.text``. Writes: ``article.language``.
"""

from __future__ import annotations

import threading

from .errors import UnsupportedLanguage
from .record import Article

SUPPORTED = {"en"}
MIN_CHARS = 40  # below this the model's reading is noise
MIN_CONFIDENCE = 0.9
_lock = threading.Lock()
_ident = None


def _identifier():
    global _ident
    with _lock:
        if _ident is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _ident


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability), or (None, 0.0) for text too short to judge."""
    sample = text[:5000]
    if len(sample.strip()) < MIN_CHARS:
        return None, 0.0
    code, prob = _identifier().classify(sample)
    return code, float(prob)


def check_language(article: Article) -> Article:
    code, prob = detect(article.text)
    if code is not None and code not in SUPPORTED and prob >= MIN_CONFIDENCE:
        raise UnsupportedLanguage(code, input=article.input)
    article.language = code if code in SUPPORTED else None
    return article
