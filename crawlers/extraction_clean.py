"""Boilerplate trafilatura leaves in an article's text: the headline repeated as the first line,
lines that are nothing but a link (related stories), and calls to action (subscribe, follow us,
comment counts, "Read more:" lead-ins). Measured by benchmarks/extraction.py."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_WORDS = re.compile(r"\w+")
# Whole lines that are site furniture, in the words sites everywhere use for it: one named
# pattern each (verbose regexes), so benchmarks/extraction_cv.py can judge each one. Only
# patterns with a gain on held-out pages in its 5-fold cross-validation are kept ("share
# this", "N min read", "click here for more information", shortcodes and newsletter sign-ups
# fired on single pages and showed none: dropped, F1 on all 123 pages 0.9805 -> 0.9794).
FURNITURE_PATTERNS: dict[str, str] = {
    # lead-ins of links to other stories: "Related: ...", "Read more: ...", "SEE ALSO | ..."
    "link lead-in": r"""(related(\ \w+)?|read\ more|see\ more|read\ also|also\ read|also\ on\ \S+
        |more\ from|recommended|don'?t\ miss|watch|listen|see\ also)\W*[:|\]\-–]""",
    # headings of such lists, alone on their line
    "list heading": r"""(related|read\ more|see\ more|don.?t\ miss|more\ stories
        |you\ may\ also\ like|most\ (read|popular|viewed|shared)(\ in\ [\w\ ]+)?
        |related\ (stories|articles|posts|coverage))\W*$""",
    "comment count": r"\d*\s*comments?\W*$",
    "filed under": r"filed\ under\b",
    "tell us": r"tell\ us\ what\ you\ think",
    "reading time": r"""(reading\ time|read\ time|tempo\ de\ leitura|tiempo\ de\ lectura
        |temps\ de\ lecture|lesezeit)\W*\d+""",
    "copyright": r"(copyright|©)\s.{0,60}\d{4}",
    # credits: the reporters' names are not the story's people
    "reporting by": r"\(?(additional\ )?reporting\ by\b",
    "contributed reporting":
        r".{0,200}\bcontributed\ (reporting|to\ this\ (report|story|article))\b.{0,40}$",
    "sources": r"sources?:\ .{0,60}$",
}
# Calls to action that may follow a sentence of the line ("Have a tip? ... Follow her on X").
CALL_TO_ACTION_PATTERNS: dict[str, str] = {
    "follow us": r"follow\ .{0,60}\bon\ (twitter|facebook|instagram|linkedin)",
}


def compile_furniture(names: set[str] | None = None) -> tuple[re.Pattern[str] | None,
                                                                re.Pattern[str] | None]:
    """The furniture and call-to-action regexes from the named patterns (default: all)."""
    furniture = [p for n, p in FURNITURE_PATTERNS.items() if names is None or n in names]
    actions = [p for n, p in CALL_TO_ACTION_PATTERNS.items() if names is None or n in names]
    return (re.compile(r"^\W*(" + "|".join(f"(?:{p})" for p in furniture) + ")", re.I | re.X)
            if furniture else None,
            re.compile(r"(^|[.!?…]\s+)(" + "|".join(f"(?:{p})" for p in actions) + ")",
                       re.I | re.X) if actions else None)


_BOILERPLATE, _CALL_TO_ACTION = compile_furniture()
MAX_TITLE_LINE = 2  # the headline repeated after at most two short lines (kickers)
MAX_KICKER_WORDS = 4
MAX_BOILERPLATE_WORDS = 60  # a longer line is prose, whatever it starts with
MIN_LINK_LINE_WORDS = 4  # shorter link-only lines are often names, products or URLs in the story
# A form inside an article is a sign-up, lead or search box; the block around it goes too, up
# to this many words (a form wrapping the whole page, as ASP.NET sites do, is left alone).
MAX_FORM_BLOCK_WORDS = 80
_BLOCKS = {"div", "aside", "section", "fieldset"}


def prune_form_blocks(tree: HtmlElement) -> None:
    """Remove small forms (newsletter, "download a sample", search) and the block holding them."""
    for form in list(tree.iter("form")):
        if form.getparent() is None or _word_count(form) > MAX_FORM_BLOCK_WORDS:
            continue
        block = form
        for _ in range(3):
            parent = block.getparent()
            if (parent is None or parent.tag not in _BLOCKS or parent.find(".//h1") is not None
                    or _word_count(parent) > MAX_FORM_BLOCK_WORDS):
                break
            block = parent
        if block.getparent() is not None:  # not inside a block dropped for an earlier form
            block.drop_tree()


def _word_count(element: HtmlElement) -> int:
    return len(element.text_content().split())


def link_texts(tree: HtmlElement) -> set[str]:
    """The text of every link on the page, whitespace-normalised and lower-cased."""
    return {" ".join(a.text_content().split()).lower() for a in tree.iter("a")}


def clean_text(text: str, title: str | None, links: set[str]) -> str:
    """The article text without the repeated headline, link-only lines and furniture lines."""
    title_words = _normal(title or "")
    lines = text.split("\n")
    start = _body_start(lines, title_words)
    kept = []
    for line in lines[start:]:
        words = _normal(line)
        if not words:
            continue
        if is_furniture(line, words) or is_link_line(line, links):
            continue
        kept.append(line)
    return "\n".join(kept)


def _body_start(lines: list[str], title_words: str) -> int:
    """Where the body starts: after the headline when the text repeats it among its first
    lines, with only a short kicker ("Suppliers", "Fleet news") or a blank line above it."""
    for number, line in enumerate(lines[:MAX_TITLE_LINE + 1]):
        words = _normal(line)
        if is_repeated_title(words, title_words):
            return number + 1
        if len(words.split()) > MAX_KICKER_WORDS or line.rstrip().endswith((".", "!", "?")):
            break
    return 0


def is_repeated_title(words: str, title_words: str) -> bool:
    """The headline again as the body's first line (the title is stored on its own)."""
    return bool(title_words) and words == title_words


def is_furniture(line: str, words: str) -> bool:
    """A short line in the words sites use for their furniture (see _BOILERPLATE)."""
    line = line.strip()
    return len(words.split()) < MAX_BOILERPLATE_WORDS and bool(
        (_BOILERPLATE and _BOILERPLATE.search(line))
        or (_CALL_TO_ACTION and _CALL_TO_ACTION.search(line)))


def is_link_line(line: str, links: set[str]) -> bool:
    """A line that is the whole text of one of the page's links: a related story, not prose."""
    return (len(line.split()) >= MIN_LINK_LINE_WORDS
            and " ".join(line.lstrip("-•* ").split()).lower() in links)


def _normal(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))
