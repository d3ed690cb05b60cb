"""Numbers as news writes them: "1.2 million", "30,000", "10k", "two thousand", "a dozen"."""

from __future__ import annotations

import re

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "a hundred": 100,
}
SCALES = {"hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
          "mn": 1_000_000, "mln": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
          "b": 1_000_000_000}

_WORD = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
_SCALE = "hundred|thousand|million|billion|mln|mn|bn|k|m|b"
# A number phrase: digits (with separators) or number words, then optional scale words.
NUMBER = (
    rf"(?:\d{{1,3}}(?:[,\u202f\u00a0]\d{{3}})+|\d+(?:\.\d+)?|(?:{_WORD})(?:[- ](?:{_WORD}))?)"
    rf"(?:\s*(?:{_SCALE})\b)?(?:\s+(?:hundred|thousand|million|billion)\b)?"
)
NUMBER_RE = re.compile(rf"(?<![\w.]){NUMBER}(?![\w])", re.IGNORECASE)


def parse_number(text: str) -> int | None:
    """The integer a number phrase means, or None ("1.6 million" -> 1600000)."""
    # Thousands are grouped by commas or narrow/no-break spaces, never plain spaces: "400 737
    # Max jets" is 400 jets of a model.
    text = text.strip().lower().replace("\u202f", ",").replace("\u00a0", ",")
    match = re.fullmatch(
        rf"({_number_core()})\s*((?:{_SCALE})?)\s*((?:hundred|thousand|million|billion)?)", text)
    if not match:
        return None
    core, scale, scale2 = match.groups()
    value = _core_value(core)
    if value is None:
        return None
    for word in (scale, scale2):
        if word:
            value *= SCALES[word]
    return round(value)


def _number_core() -> str:
    return rf"\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_WORD})(?:[- ](?:{_WORD}))?"


def _core_value(core: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", core):
        return float(core.replace(",", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", core):
        return float(core)
    parts = re.split(r"[- ]", core)
    if core in WORDS:
        return float(WORDS[core])
    if all(p in WORDS for p in parts):
        return float(sum(WORDS[p] for p in parts))
    return None
