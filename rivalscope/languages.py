"""Article languages: which ones the pipeline analyses, and what language an article is in.

Pages often declare their language wrongly (a site template that says "en" on every page,
or none at all), so the text decides: py3langid's guess wins when it is sure and the text
is long enough to judge; else the declared language is kept.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# The languages `extract` analyses: one entry per spaCy pipeline nlp can run. Adding a
# language is adding its code here (with the pipeline in nlp). Others are stored and skipped.
SUPPORTED_LANGUAGES = ("en",)

# Below this many characters a guess is not trusted over the page's own declaration.
MIN_DETECT_CHARS = 200
# py3langid's normalised probability at or above which its guess is trusted.
MIN_DETECT_PROBABILITY = 0.9
DETECT_CHARS = 5000  # the first characters are enough to tell a language


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """The language of text (ISO 639-1) and the detector's probability."""
    language, probability = _identifier().classify(text[:DETECT_CHARS])
    return language, float(probability)


def article_language(declared: str | None, text: str) -> tuple[str | None, str]:
    """The article's language and how it was found: "detected", "declared" or "unknown"."""
    declared = (declared or "").split("-")[0].split("_")[0].lower() or None
    if len(text.strip()) >= MIN_DETECT_CHARS or not declared:
        language, probability = detect(text)
        if probability >= MIN_DETECT_PROBABILITY or not declared:
            return language, "detected"
    return (declared, "declared") if declared else (None, "unknown")


def is_supported(language: str | None) -> bool:
    """Whether extract analyses articles in this language (unknown: analysed, as before)."""
    return language is None or language in SUPPORTED_LANGUAGES
