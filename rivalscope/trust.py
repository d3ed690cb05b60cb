"""The thresholds of nlp's calibration, handed to the stages that may not import nlp
(reports, store): a fact under its kind's profile threshold and not corroborated is
unconfirmed, and a company's profile rule (reports.eligibility) uses the company one."""

from __future__ import annotations

from functools import lru_cache

from reports.eligibility import ProfileRule


@lru_cache(maxsize=1)
def profile_thresholds() -> dict[str, float]:
    """Fact kind -> nlp.scorer.threshold(kind, "profile")."""
    from nlp import scorer

    return {kind: scorer.threshold(kind, "profile") for kind in scorer.KINDS}


def profile_rule(relevance: float | None) -> ProfileRule:
    """Who gets a profile: nlp's company threshold, and the relevance threshold of the
    settings (Settings.relevance_threshold; None: the one nlp's training chose)."""
    if relevance is None:
        from nlp.relevance import threshold

        relevance = threshold()
    return ProfileRule(company_confidence=profile_thresholds()["company"], relevance=relevance)
