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
    party_weighted(candidates, params["deal"].get("party_weighted"))


def party_weighted(candidates: list[Candidate], params: dict[str, Any] | None) -> None:
    """Sets each deal candidate's score, in place, to how likely it is together with its
    least likely company (a deal is right only where every party is a company): the product
    of its score and that company's (joint_products), calibrated again (params: Platt's,
    fitted by `make train` on the held-out products; None leaves the product).

    Chosen by 5-fold CV on train, deals F1 (normal / every held-out company unknown / that
    with the rules silent on half their facts): 0.597 / 0.553 / 0.540 before; 0.599 / 0.564
    / 0.553 with the product and a party floor of 0.45 instead of 0.3
    (nlp.decide.PARTY_FLOOR), and on another draw of the folds deals gained 0.012 / 0.013 /
    0.024; 0.601 / 0.566 / 0.550 calibrated again, as shipped. The other kinds held or
    gained. CV precision 0.80 is reached at recall 0.345 (0.227 before)."""
    for deal, product in joint_products(candidates):
        deal.score = round(calibrated(product, params) if params else product, 3)


def joint_products(candidates: list[Candidate]) -> list[tuple[Candidate, float]]:
    """Each deal candidate with its score times its least likely company's."""
    company = {c.key[0]: c.score for c in candidates if c.kind == "company"}
    return [(c, c.score * min(company.get(name, 0.0) for name in c.key[1]))
            for c in candidates if c.kind == "deal"]


def threshold(kind: str, which: str = "emit", models: Path = MODELS) -> float:
    """A kind's threshold: "emit" (what analyze reports) or "profile" (main sections)."""
    return float(calibration(models)[kind][which])
