"""No wording of a test-split article in the project's code or tests.

The test split (nlp/corpus/test.txt) is read as scores only; a run of 8 or more words of one
of its articles in nlp/ or tests/ means a rule, a pattern or a test was written from it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nlp.training.corpus import eval_dir, split_ids

ROOT = Path(__file__).resolve().parent.parent
RUN = 8
SCANNED = ("nlp", "tests")
SUFFIXES = {".py", ".json", ".jsonl", ".txt", ".toml", ".cfg", ".md", ".html", ".j2", ".xml"}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1)}


def test_runs_find_a_copied_sentence_and_not_a_rewritten_one() -> None:
    article = runs("Norvane Mobility agreed on Monday to buy the van rental arm of Quellis")
    assert runs("x = 'agreed on Monday to buy the van rental arm'") & article
    assert not runs("Brimfield said on Tuesday it would purchase the truck unit") & article


def test_no_test_article_wording_in_code_or_tests() -> None:
    articles = eval_dir() / "news" / "articles"
    if not articles.is_dir():
        pytest.skip(f"the labelled corpus is not at {articles}")
    forbidden: dict[tuple[str, ...], str] = {}
    for article_id in split_ids("test"):
        text = json.loads((articles / f"{article_id}.json").read_text())["text"]
        for run in runs(text):
            forbidden.setdefault(run, article_id)
    found = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file() or "models" in path.parts:
                continue
            for run in runs(path.read_text(encoding="utf-8", errors="replace")):
                if run in forbidden:
                    found.append(f"{path.relative_to(ROOT)}: '{' '.join(run)}' "
                                 f"({forbidden[run]})")
    assert not found, "test-split wording in the project:\n" + "\n".join(found[:20])
