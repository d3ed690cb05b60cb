"""The trained scorer: a spaCy text classifier per fact kind, over a candidate's features.

Weights live in nlp/models/<kind>/ (a spaCy pipeline with one `textcat_multilabel`
component, trained by `make train` from the train split) and are read offline. Raw scores
are mapped to calibrated probabilities by the Platt parameters in nlp/models/calibration.json
(fitted on cross-validated scores of the train split); the same file holds each kind's
thresholds: `emit` (what `analyze` reports) and `profile` (what a profile's main sections
show).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from nlp.candidates import Candidate

MODELS = Path(__file__).parent / "models"
KINDS = ("deal", "fleet", "person", "company")
LABEL = "FACT"


class ScorerMissing(RuntimeError):
    """The trained weights are not in the package (run `make train`)."""


@lru_cache(maxsize=1)
def calibration(models: Path = MODELS) -> dict[str, dict[str, Any]]:
    path = models / "calibration.json"
    if not path.exists():
        raise ScorerMissing(f"{path} is missing: run `make train` to build the scorer")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def load_model(kind: str, models: Path = MODELS) -> Language:
    path = models / kind
    if not path.exists():
        raise ScorerMissing(f"{path} is missing: run `make train` to build the scorer")
    return spacy.load(path)


def calibrated(raw: float, params: dict[str, Any]) -> float:
    """Platt scaling of a raw score: 1 / (1 + exp(a * logit(raw) + b))."""
    raw = min(max(raw, 1e-6), 1 - 1e-6)
    z = params.get("a", -1.0) * math.log(raw / (1 - raw)) + params.get("b", 0.0)
    return 1.0 / (1.0 + math.exp(min(max(z, -50.0), 50.0)))


def raw_scores(model: Language, feature_lists: list[list[str]]) -> list[float]:
    """The classifier's raw probability for each candidate's features."""
    docs = [Doc(model.vocab, words=features or ["empty"]) for features in feature_lists]
    return [doc.cats.get(LABEL, 0.0) for doc in model.pipe(docs)]


def score(candidates: list[Candidate], models: Path = MODELS) -> None:
    """Sets each candidate's calibrated score, in place."""
    params = calibration(models)
    for kind in KINDS:
        group = [c for c in candidates if c.kind == kind]
        if not group:
            continue
        raws = raw_scores(load_model(kind, models), [c.features for c in group])
        for candidate, raw in zip(group, raws, strict=True):
            candidate.score = round(calibrated(raw, params[kind]), 3)


def threshold(kind: str, which: str = "emit", models: Path = MODELS) -> float:
    """A kind's threshold: "emit" (what analyze reports) or "profile" (main sections)."""
    return float(calibration(models)[kind][which])
