"""Which companies the site offers: those that get a profile (reports.eligibility's rule,
with nlp's company threshold and the settings' relevance, PROFILE_RELEVANCE)."""

from __future__ import annotations

from flask import current_app

from reports.eligibility import ProfileRule, is_profiled, profiled
from rivalscope.site.db import get_db
from rivalscope.trust import profile_rule


def site_rule() -> ProfileRule:
    return profile_rule(current_app.config.get("PROFILE_RELEVANCE"))


def profiled_ids() -> list[str]:
    """The ids of every company the catalogue lists."""
    return [row["id"] for row in profiled(get_db(), site_rule())]


def offered(company_id: str) -> bool:
    """Whether the site offers this company's profile."""
    return is_profiled(get_db(), company_id, site_rule())
