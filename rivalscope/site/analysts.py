"""The analysts' area: sign-in, full-edition downloads, the leads list and its CSV export."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response

import store
from rivalscope.site.accounts import check_credentials, end_all_sessions, start_session
from rivalscope.site.db import get_db
from rivalscope.site.editions import send_edition
from rivalscope.site.extensions import configured, limiter
from rivalscope.site.forms import LoginForm, LogoutForm
from rivalscope.site.localtime import day_start_utc, parse_day
from rivalscope.site.redirects import safe_path
from rivalscope.site.security import valid_company_id

bp = Blueprint("analysts", __name__, url_prefix="/analysts")

LEAD_COLUMNS = ("created_at", "kind", "profile", "profile_name", "name", "email", "company",
                "consent", "ip", "emailed_at")
LEADS_PAGE_SIZE = 50
LEAD_KINDS = ("sample", "full")


def analyst_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not g.get("analyst"):
            return redirect(url_for("analysts.login", next=request.path))
        return view(*args, **kwargs)
    return wrapped


@bp.get("/")
def home() -> Response:
    return redirect(url_for("analysts.leads"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(configured("LOGIN_LIMIT_PER_ADDRESS"), methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        account = check_credentials(form.username.data, form.password.data)
        if account is not None:
            start_session(account)
            return redirect(safe_path(request.args.get("next"), url_for("analysts.leads")))
        flash("Wrong username or password.", "error")
        return render_template("analysts/login.html", form=form, limit_wait=None), 401
    status = 400 if request.method == "POST" else 200
    return render_template("analysts/login.html", form=form, limit_wait=None), status


def login_page_after_limit(wait: int) -> Response | None:
    """A sign-in refused by its rate limit: the form again (name kept) and when to retry."""
    if request.method != "POST" or request.endpoint != "analysts.login":
        return None
    body = render_template("analysts/login.html", form=LoginForm(), limit_wait=wait)
    return current_app.make_response((body, 429))


@bp.post("/logout")
def logout() -> Response:
    if LogoutForm().validate_on_submit() and g.get("analyst"):
        end_all_sessions(g.analyst)
    return redirect(url_for("catalogue.index"))


@bp.get("/companies/<company_id>/full.pdf")
@analyst_required
@limiter.limit(configured("DOWNLOAD_LIMIT_PER_ADDRESS"))
def full_pdf(company_id: str) -> Response:
    return send_edition(valid_company_id(company_id), "full")


def _lead_filter() -> tuple[store.LeadFilter, dict[str, str]]:
    """The filter from the query string, and the values to show back in the form."""
    args = request.args
    kind = args.get("kind", "") if args.get("kind", "") in LEAD_KINDS else ""
    company = args.get("company", "")[:120]
    since_day, until_day = parse_day(args.get("from")), parse_day(args.get("to"))
    where = store.LeadFilter(
        company=company, kind=kind,
        since=day_start_utc(since_day) if since_day else "",
        until=day_start_utc(until_day, days_later=1) if until_day else "")
    shown = {"company": company, "kind": kind,
             "from": since_day.isoformat() if since_day else "",
             "to": until_day.isoformat() if until_day else ""}
    return where, shown


def _page() -> int:
    try:
        return max(1, min(int(request.args.get("page", "1")), 100_000))
    except ValueError:
        return 1


@bp.get("/leads")
@analyst_required
def leads() -> str:
    where, shown = _lead_filter()
    page = _page()
    db = get_db()
    rows = store.leads(db, where, LEADS_PAGE_SIZE + 1, (page - 1) * LEADS_PAGE_SIZE)
    return render_template("analysts/leads.html", leads=rows[:LEADS_PAGE_SIZE],
                           has_next=len(rows) > LEADS_PAGE_SIZE, page=page, shown=shown,
                           filter_args={k: v for k, v in shown.items() if v},
                           profiles=store.lead_profiles(db), kinds=LEAD_KINDS)


def _cell(value: Any) -> Any:
    """Spreadsheets run cells that start with = + - @: such visitor text is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@bp.get("/leads.csv")
@analyst_required
def leads_csv() -> Response:
    where, _shown = _lead_filter()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LEAD_COLUMNS)
    for row in reversed(store.leads(get_db(), where)):
        writer.writerow([_cell(row.get(c)) for c in LEAD_COLUMNS])
    # The byte order mark tells Excel the file is UTF-8 (else "Müller" comes out garbled).
    response = Response(out.getvalue().encode("utf-8-sig"), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = "attachment; filename=rivalscope-leads.csv"
    response.headers["Cache-Control"] = "private, no-store"
    return response
