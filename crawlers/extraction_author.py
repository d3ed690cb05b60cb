"""Clean a byline into people's names: no "By", no dates or times, no agencies or job titles
("By JANE ROE, AP Energy Writer" -> "Jane Roe"; "Jo Smith Monday; March" -> "Jo Smith").
Several authors stay "; "-separated, as the extraction writes them."""

from __future__ import annotations

import re

_BY = re.compile(r"^\s*(by|written by|words by|text by)\b[:\s]*", re.I)
_WEEKDAY = re.compile(r"^(mon|tues|wednes|thurs|fri|satur|sun)day$", re.I)
# Months and clock words are names too ("June", "May", "Sun"): only dropped beside a number
# or when nothing else is left.
_DATE_WORD = re.compile(
    r"^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?|updated|published|posted|on|at|am|pm|gmt|utc"
    r"|[ecmp][sd]t)$", re.I)
_HAS_DIGIT = re.compile(r"\d")
# Agencies and job titles: a part of a byline that names one is not a person.
_NOT_A_PERSON = re.compile(
    r"\b(ap|afp|dpa|upi|reuters|bloomberg|xinhua|associated press|press association|pa media"
    r"|staff|writers?|correspondents?|reporters?|editors?|contributors?|columnist|desk"
    r"|news ?service|newswire|wire|team|bureau)\b", re.I)
MAX_NAME_WORDS = 5


def clean_author(byline: str | None) -> str | None:
    """The people a byline names, "; "-separated, or None when it names none."""
    if not byline:
        return None
    names: list[str] = []
    for part in re.split(r"[;|,\n]|\s+-\s+|\s+–\s+", byline):
        part = _BY.sub("", part)
        if _NOT_A_PERSON.search(part):
            continue
        words = [w.strip(".:()[]") for w in part.split() if w.strip(".:()[]")]
        dated = any(_HAS_DIGIT.search(w) for w in words)
        words = [w for w in words if not (_WEEKDAY.match(w) or _HAS_DIGIT.search(w)
                                          or (dated and _DATE_WORD.match(w)))]
        if all(_DATE_WORD.match(w) for w in words):
            continue
        if not words or len(words) > MAX_NAME_WORDS or not any(w[0].isalpha() for w in words):
            continue
        name = " ".join(words)
        if name.isupper() and len(name) > 3:
            name = name.title()
        names.append(name)
    return "; ".join(dict.fromkeys(names)) or None
