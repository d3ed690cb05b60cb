"""Leads: the free-sample form (-> signed, expiring download link) and full-profile requests.

Both forms answer the same whether or not the email is already known: nothing on the page
tells a visitor who else has asked.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from werkzeug.wrappers import Response

from rivalscope.site.company import render_company
from rivalscope.site.db import get_db
from rivalscope.site.editions import send_edition
from rivalscope.site.extensions import configured, email_key, limiter
from rivalscope.site.forms import FullRequestForm, LeadForm, SampleForm
from rivalscope.site.security import valid_company_id
from rivalscope.site.tokens import make_token, read_token
from rivalscope.trust import profile_thresholds
from store import accounts
from store.catalogue import teaser

bp = Blueprint("leads", __name__)

form_limits = [
    limiter.limit(configured("FORM_LIMIT_PER_ADDRESS"), methods=["POST"]),
    limiter.limit(configured("FORM_LIMIT_PER_EMAIL"), key_func=email_key, methods=["POST"]),
]


def _limited(view):
    for limit in form_limits:
        view = limit(view)
    return view


def save_lead(kind: str, company_id: str, form: LeadForm) -> int:
    return accounts.save_lead(get_db(), {
        "kind": kind, "email": form.email.data.strip().lower(),
        "name": form.name.data.strip(), "company": form.company.data.strip(),
        "profile": company_id, "consent": 1, "ip": request.remote_addr,
    })


def _company(company_id: str) -> dict:
    company = teaser(get_db(), valid_company_id(company_id), profile_thresholds())
    if company is None:
        abort(404)
    return company


@bp.post("/companies/<company_id>/sample")
@_limited
def sample(company_id: str):
    company = _company(company_id)
    form = SampleForm(prefix="sample")
    if not form.validate_on_submit():
        return render_company(company_id, sample_form=form, status=400)
    lead_id = save_lead("sample", company_id, form)
    token = make_token(company_id, lead_id)
    hours = current_app.config["DOWNLOAD_MAX_AGE"] // 3600
    return render_template("leads/sample_ready.html", company=company, token=token,
                           hours=hours)


@bp.post("/companies/<company_id>/full")
@_limited
def full(company_id: str):
    company = _company(company_id)
    form = FullRequestForm(prefix="full")
    if not form.validate_on_submit():
        return render_company(company_id, full_form=form, status=400)
    save_lead("full", company_id, form)
    return render_template("leads/full_received.html", company=company)


@bp.get("/download/<token>")
@limiter.limit(configured("DOWNLOAD_LIMIT_PER_ADDRESS"))
def download(token: str) -> Response | tuple[str, int]:
    payload = read_token(token)
    if payload is None:
        return render_template("leads/link_expired.html"), 403
    return send_edition(valid_company_id(str(payload.get("c", ""))), "sample")
