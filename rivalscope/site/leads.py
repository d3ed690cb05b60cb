"""Leads: the free-sample form (-> a signed, expiring link emailed to the address given) and
full-profile requests; analysts are told of each by email (sent in the background: outbox).

Both forms answer the same whether or not the email is already known: nothing on the page
tells a visitor who else has asked. Each accepted form redirects to a page that can be
reloaded, bookmarked or reached with Back (post/redirect/get).
"""

from __future__ import annotations

from email.message import Message

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

import store
from rivalscope.site import mail
from rivalscope.site.company import listed_company_id, render_company
from rivalscope.site.db import get_db, write_lock
from rivalscope.site.editions import send_edition
from rivalscope.site.extensions import configured, email_key, limiter
from rivalscope.site.forms import FullRequestForm, LeadForm, SampleForm
from rivalscope.site.outbox import Letter, outbox
from rivalscope.site.security import valid_company_id
from rivalscope.site.tokens import make_token, read_token

bp = Blueprint("leads", __name__)
FORM_ANCHORS = {"sample": "sample", "full": "full-profile"}


def _accepted(response: Response) -> bool:
    """Only an accepted form counts against the limits, not one sent back with a mistake."""
    return response.status_code == 303


form_limits = [
    limiter.limit(configured("FORM_LIMIT_PER_ADDRESS"), methods=["POST"],
                  deduct_when=_accepted),
    limiter.limit(configured("FORM_LIMIT_PER_EMAIL"), key_func=email_key, methods=["POST"],
                  deduct_when=_accepted),
]


def _limited(view):
    for limit in form_limits:
        view = limit(view)
    return view


def save_lead(kind: str, company_id: str, form: LeadForm) -> int:
    with write_lock:
        return store.save_lead(get_db(), {
            "kind": kind, "email": form.email.data.strip().lower(),
            "name": form.name.data.strip(), "company": form.company.data.strip(),
            "profile": company_id, "consent": 1, "ip": request.remote_addr,
            "created_at": store.now(),
        })


def site_url(endpoint: str, **values: str) -> str:
    """An absolute link for an email: on SITE_URL when set (never on a visitor's Host)."""
    base = (current_app.config.get("SITE_URL") or request.url_root).rstrip("/")
    return base + url_for(endpoint, **values)


def _notices(kind: str, company: dict, form: LeadForm) -> list[Message]:
    """One message per analyst address about this lead."""
    body = render_template("email/new_lead.txt", kind=kind, company=company, form=form,
                           page=site_url("company.page", company_id=company["id"]),
                           leads=site_url("analysts.leads", company=company["id"]))
    subject = f"New {kind} lead: {company['name']} ({form.company.data.strip()})"
    return [mail.message(address, subject[:150], body) for address in mail.notify_addresses()]


@bp.post("/companies/<company_id>/sample")
@_limited
def sample(company_id: str):
    company_id = listed_company_id(company_id)
    form = SampleForm(prefix="sample")
    if not form.validate_on_submit():
        return render_company(company_id, sample_form=form, status=400)
    lead_id = save_lead("sample", company_id, form)
    token = make_token(company_id, lead_id)
    result = {"company": company_id, "token": token, "emailed": False, "failed": False}
    if mail.configured():
        company = store.company_name(get_db(), company_id) or {}
        link = site_url("leads.download", token=token)
        hours = current_app.config["DOWNLOAD_MAX_AGE"] // 3600
        body = render_template("email/sample_link.txt", company=company, link=link,
                               hours=hours, name=form.name.data.strip())
        to_lead = mail.message(form.email.data.strip(),
                               f"Your Rivalscope sample: {company['name']}", body)
        # Sent in the background (one connection: the prospect's link, then the notices).
        queued = outbox().post([Letter(to_lead, lead_id),
                                *(Letter(notice) for notice in _notices("sample", company,
                                                                        form))])
        # The link goes only to the address given; the page never shows it.
        result = {"company": company_id, "token": None, "emailed": queued,
                  "failed": not queued}
    session["sample_result"] = result
    return redirect(url_for("leads.sample_result", company_id=company_id), 303)


@bp.get("/companies/<company_id>/sample")
def sample_result(company_id: str):
    company_id = listed_company_id(company_id)
    result = session.get("sample_result") or {}
    if result.get("company") != company_id:
        return redirect(url_for("company.page", company_id=company_id, _anchor="sample"))
    company = store.company_name(get_db(), company_id)
    hours = current_app.config["DOWNLOAD_MAX_AGE"] // 3600
    return render_template("leads/sample_ready.html", company=company, hours=hours,
                           token=result.get("token"), emailed=result.get("emailed"),
                           failed=result.get("failed"))


@bp.post("/companies/<company_id>/full")
@_limited
def full(company_id: str):
    company_id = listed_company_id(company_id)
    form = FullRequestForm(prefix="full")
    if not form.validate_on_submit():
        return render_company(company_id, full_form=form, status=400)
    save_lead("full", company_id, form)
    if mail.configured():
        company = store.company_name(get_db(), company_id) or {}
        outbox().post([Letter(notice) for notice in _notices("full", company, form)])
    session["full_result"] = company_id
    return redirect(url_for("leads.full_result", company_id=company_id), 303)


@bp.get("/companies/<company_id>/full")
def full_result(company_id: str):
    company_id = listed_company_id(company_id)
    if session.get("full_result") != company_id:
        return redirect(url_for("company.page", company_id=company_id, _anchor="full-profile"))
    return render_template("leads/full_received.html",
                           company=store.company_name(get_db(), company_id))


def form_page_after_limit(wait: int) -> Response | None:
    """A lead form refused by its rate limit: the page again, with the typed data kept."""
    if request.method != "POST" or request.endpoint not in ("leads.sample", "leads.full"):
        return None
    company_id = (request.view_args or {}).get("company_id", "")
    try:
        company_id = listed_company_id(company_id)
    except HTTPException:  # an unknown company: the plain 429 page
        return None
    forms = {"sample_form": SampleForm(prefix="sample"),
             "full_form": FullRequestForm(prefix="full")}
    body, status = render_company(company_id, limit_wait=wait, status=429,
                                  limit_form=FORM_ANCHORS[request.endpoint.split(".")[1]],
                                  **forms)
    return current_app.make_response((body, status))


@bp.get("/download/<token>")
@limiter.limit(configured("DOWNLOAD_LIMIT_PER_ADDRESS"))
def download(token: str) -> Response | tuple[str, int]:
    payload = read_token(token)
    company_id = str((payload or {}).get("c", ""))
    lead_id = (payload or {}).get("l")
    lead = store.lead(get_db(), lead_id) if isinstance(lead_id, int) else None
    # The link is bound to the lead it was made for: its company, its sample.
    if payload is None or lead is None or lead["kind"] != "sample" or \
            lead["profile"] != company_id:
        if payload is not None:
            valid_company_id(company_id)
        return render_template("leads/link_expired.html"), 403
    return send_edition(valid_company_id(company_id), "sample")
