"""A company's page: teaser facts, the full profile's contents, a preview of the sample."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, send_file, url_for
from werkzeug.wrappers import Response

import store
from rivalscope.site.db import get_db
from rivalscope.site.editions import preview_file
from rivalscope.site.extensions import configured, limiter
from rivalscope.site.forms import FullRequestForm, SampleForm
from rivalscope.site.profiled import offered
from rivalscope.site.security import COMPANY_ID
from rivalscope.trust import profile_thresholds
from store.catalogue import company_exists, teaser

bp = Blueprint("company", __name__, url_prefix="/companies")
MAX_NAME_LENGTH = 120


def contents() -> list[tuple[str, str]]:
    """The full profile's sections, as the PDF's table of contents lists them."""
    from reports.render import SECTIONS

    return SECTIONS


def listed_company_id(name_or_id: str) -> str:
    """The id of the catalogue company this URL names (by id, name or alias), else 404.

    Companies without a profile (reports.eligibility) are not offered, so they are 404 too.
    """
    db = get_db()
    company_id = name_or_id if COMPANY_ID.fullmatch(name_or_id or "") else None
    if company_id is None or not company_exists(db, company_id):
        found = store.find_company(db, name_or_id) if len(name_or_id) <= MAX_NAME_LENGTH \
            else None
        if found is None:
            abort(404)
        company_id = found["id"]
    if not offered(company_id):
        abort(404)
    return company_id


def render_company(company_id: str, *, sample_form: SampleForm | None = None,
                   full_form: FullRequestForm | None = None, status: int = 200,
                   limit_wait: int | None = None, limit_form: str | None = None):
    company = teaser(get_db(), company_id, profile_thresholds())
    if company is None:
        abort(404)
    return render_template(
        "company/page.html", company=company, contents=contents(),
        sample_form=sample_form or SampleForm(prefix="sample"),
        full_form=full_form or FullRequestForm(prefix="full"),
        has_preview=preview_file(company_id) is not None, limit_wait=limit_wait,
        limit_form=limit_form,
    ), status


@bp.get("/<company_id>")
def page(company_id: str):
    canonical = listed_company_id(company_id)
    if canonical != company_id:
        return redirect(url_for("company.page", company_id=canonical), 301)
    return render_company(canonical)


@bp.get("/<company_id>/preview.png")
@limiter.limit(configured("PREVIEW_LIMIT_PER_ADDRESS"))
def preview(company_id: str) -> Response:
    canonical = listed_company_id(company_id)
    if canonical != company_id:
        return redirect(url_for("company.preview", company_id=canonical), 301)
    png = preview_file(canonical)
    if png is None:  # not rendered yet: the page shows no picture; never rendered here
        abort(404)
    return send_file(png, mimetype="image/png", max_age=3600)
