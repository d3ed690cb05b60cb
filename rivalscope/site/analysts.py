"""The analysts' area: sign-in, full-edition downloads, the leads list and its CSV export."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response

from rivalscope.site.db import get_db
from rivalscope.site.editions import send_edition
from rivalscope.site.extensions import configured, limiter
from rivalscope.site.forms import LoginForm, LogoutForm
from rivalscope.site.security import valid_company_id
from store import accounts

bp = Blueprint("analysts", __name__, url_prefix="/analysts")

# Checked when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password")
LEAD_COLUMNS = ("created_at", "kind", "profile", "name", "email", "company", "consent", "ip")


def add_user(db, username: str, password: str) -> None:
    """Create or replace an analyst account (the password is stored as a salted hash)."""
    accounts.save_user(db, username, generate_password_hash(password))


def analyst_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not session.get("analyst"):
            return redirect(url_for("analysts.login", next=request.path))
        return view(*args, **kwargs)
    return wrapped


def _safe_next(target: str | None) -> str:
    """Only a local path (never //host or a full URL) is a place to return to."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return url_for("analysts.leads")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(configured("LOGIN_LIMIT_PER_ADDRESS"), methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.find_user(get_db(), form.username.data)
        password_hash = user["password_hash"] if user else _DUMMY_HASH
        if check_password_hash(password_hash, form.password.data) and user:
            session.clear()
            session["analyst"] = user["username"]
            session.permanent = True
            return redirect(_safe_next(request.args.get("next")))
        flash("Wrong username or password.", "error")
        return render_template("analysts/login.html", form=form), 401
    status = 400 if request.method == "POST" else 200
    return render_template("analysts/login.html", form=form), status


@bp.post("/logout")
def logout() -> Response:
    if LogoutForm().validate_on_submit():
        session.clear()
    return redirect(url_for("catalogue.index"))


@bp.get("/companies/<company_id>/full.pdf")
@analyst_required
@limiter.limit(configured("DOWNLOAD_LIMIT_PER_ADDRESS"))
def full_pdf(company_id: str) -> Response:
    return send_edition(valid_company_id(company_id), "full")


@bp.get("/leads")
@analyst_required
def leads() -> str:
    rows = accounts.leads(get_db(), limit=500)
    return render_template("analysts/leads.html", leads=rows, logout_form=LogoutForm())


def _cell(value: Any) -> Any:
    """Spreadsheets run cells that start with = + - @: such visitor text is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@bp.get("/leads.csv")
@analyst_required
def leads_csv() -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LEAD_COLUMNS)
    for row in accounts.leads(get_db(), newest_first=False):
        writer.writerow([_cell(row.get(c)) for c in LEAD_COLUMNS])
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = "attachment; filename=rivalscope-leads.csv"
    response.headers["Cache-Control"] = "private, no-store"
    return response
