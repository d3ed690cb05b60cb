"""A company's page: teaser facts, the full profile's contents, a preview of the sample."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, send_file, session
from werkzeug.wrappers import Response

from rivalscope.site.db import get_db
from rivalscope.site.editions import preview_png
from rivalscope.site.forms import FullRequestForm, SampleForm
from rivalscope.site.security import valid_company_id
from rivalscope.trust import profile_thresholds
from store.catalogue import teaser

bp = Blueprint("company", __name__, url_prefix="/companies")


def contents() -> list[tuple[str, str]]:
    """The full profile's sections, as the PDF's table of contents lists them."""
    from reports.render import SECTIONS

    return SECTIONS


def render_company(company_id: str, *, sample_form: SampleForm | None = None,
                   full_form: FullRequestForm | None = None, status: int = 200):
    company = teaser(get_db(), valid_company_id(company_id), profile_thresholds())
    if company is None:
        abort(404)
    return render_template(
        "company/page.html", company=company, contents=contents(),
        sample_form=sample_form or SampleForm(prefix="sample"),
        full_form=full_form or FullRequestForm(prefix="full"),
        analyst=session.get("analyst"),
    ), status


@bp.get("/<company_id>")
def page(company_id: str):
    return render_company(company_id)


@bp.get("/<company_id>/preview.png")
def preview(company_id: str) -> Response:
    png = preview_png(valid_company_id(company_id))
    response = send_file(png, mimetype="image/png", max_age=3600)
    return response
