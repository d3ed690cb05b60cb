"""The labelled news corpus (outside the project) and its story-level train/test split."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
DEFAULT_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"


def eval_dir() -> Path:
    """Where the shared evaluation data lives (RIVALSCOPE_EVAL overrides)."""
    return Path(os.environ.get("RIVALSCOPE_EVAL", DEFAULT_EVAL))


@dataclass(frozen=True)
class Labelled:
    id: str
    text: str
    gold: dict


def split_ids(name: str) -> list[str]:
    """The ids of one split ("train" or "test"), as the repo's id list has them."""
    path = CORPUS_DIR / f"{name}.txt"
    return [line.strip() for line in path.read_text().splitlines()
            if line.strip() and not line.startswith("#")]


def load_gold(root: Path | None = None) -> dict[str, dict]:
    news = (root or eval_dir()) / "news"
    rows = [json.loads(line) for line in (news / "gold.jsonl").read_text().splitlines()
            if line.strip()]
    return {row["id"]: row for row in rows}


def load_aliases(root: Path | None = None) -> dict[str, list[str]]:
    return json.loads(((root or eval_dir()) / "news" / "aliases.json").read_text())


def load_split(name: str, root: Path | None = None) -> list[Labelled]:
    """The labelled articles of one split, in id-list order."""
    news = (root or eval_dir()) / "news"
    gold = load_gold(root)
    out = []
    for article_id in split_ids(name):
        text = json.loads((news / "articles" / f"{article_id}.json").read_text())["text"]
        out.append(Labelled(article_id, text, gold[article_id]))
    return out
