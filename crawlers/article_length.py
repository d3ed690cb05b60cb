"""Is an extracted text long enough to be an article? Words where the script separates them
with spaces, characters where it does not (Chinese, Japanese, Thai, ...): counted by spaces, a
whole Chinese article is a handful of "words" and was dropped."""

from __future__ import annotations

import re

MIN_WORDS = 40  # less is a menu, a teaser or an error page, not an article
# Scripts written without spaces: about two characters a word in Chinese and Japanese news
# text, so 40 words are some 80-100 characters.
MIN_CHARACTERS_WITHOUT_SPACES = 100
WITHOUT_SPACES = re.compile(
    "[\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]"  # Thai, Lao, Myanmar, Khmer
)


def article_size(text: str) -> tuple[int, int]:
    """(words counted by spaces, characters of scripts written without spaces)."""
    return len(text.split()), len(WITHOUT_SPACES.findall(text))


def too_short(text: str) -> str | None:
    """Why the text is too short to be an article, or None when it is long enough."""
    words, characters = article_size(text)
    if words >= MIN_WORDS or characters >= MIN_CHARACTERS_WITHOUT_SPACES:
        return None
    if characters:
        return f"only {characters} characters"
    return f"only {words} words"
