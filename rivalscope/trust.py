"""The profile thresholds of nlp's calibration, handed to the stages that may not import nlp
(reports, store): a fact under its kind's threshold and not corroborated is unconfirmed."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def profile_thresholds() -> dict[str, float]:
    """Fact kind -> nlp.scorer.threshold(kind, "profile")."""
    from nlp import scorer

    return {kind: scorer.threshold(kind, "profile") for kind in scorer.KINDS}
