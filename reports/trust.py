"""Which facts a profile's main sections show: the confirmed ones.

A fact is confirmed when the pipeline is confident about it (its confidence is at least the
kind's profile threshold, which nlp calibrates and the application passes down: reports does
not import nlp) or when at least CORROBORATING_SOURCES independent sources report it. Facts
stored before the pipeline gave confidences (confidence NULL) were shown before and still are.
"""

from __future__ import annotations

from collections.abc import Mapping

CORROBORATING_SOURCES = 2
# The fact kinds of nlp's calibration (nlp.scorer.KINDS): what `thresholds` is keyed by.
KINDS = ("deal", "fleet", "person", "company")

Thresholds = Mapping[str, float]


def is_confirmed(kind: str, confidence: float | None, sources: int | None,
                 thresholds: Thresholds | None) -> bool:
    """Whether a fact of this kind belongs in the main sections (see the module docstring)."""
    if (sources or 1) >= CORROBORATING_SOURCES or confidence is None:
        return True
    threshold = (thresholds or {}).get(kind)
    return threshold is not None and confidence >= threshold
