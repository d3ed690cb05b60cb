"""Rendered editions for the site: PDFs rendered when missing or stale, served as attachments;
the sample's preview picture, served only as the file the rendering left.

PDFs live outside any static folder (config PDF_DIR) and are only reachable through the
views that check a signed token or an analyst session.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from pathlib import Path

from flask import abort, current_app, send_file
from werkzeug.wrappers import Response

import store
from rivalscope.site.db import get_db
from rivalscope.site.security import EDITIONS, valid_company_id
from rivalscope.trust import profile_thresholds

# One render at a time per edition: two visitors asking at once get one rendering.
_locks: defaultdict[tuple[str, str], threading.Lock] = defaultdict(threading.Lock)
_locks_guard = threading.Lock()
# (store, company, edition) -> when its PDF was last found up to date. Checking means
# rebuilding the profile (tens of ms); within EDITION_RECHECK_SECONDS the file is served as is.
_checked: dict[tuple[str, str, str], float] = {}


def _lock(company_id: str, edition: str) -> threading.Lock:
    with _locks_guard:
        return _locks[(company_id, edition)]


def pdf_dir() -> Path:
    return Path(current_app.config["PDF_DIR"]).resolve()


def ensure_edition(company_id: str, edition: str) -> Path:
    """The up-to-date PDF of an edition, rendered now if missing or its data changed."""
    from reports.batch import edition_path, render_profiles
    from reports.profile import UnknownCompany

    valid_company_id(company_id)
    if edition not in EDITIONS:
        abort(404)
    if store.find_company(get_db(), company_id) is None:
        abort(404)
    out_dir = pdf_dir()
    path = edition_path(out_dir, company_id, edition).resolve()
    if not path.is_relative_to(out_dir):
        abort(404)
    key = (str(current_app.config["DB_PATH"]), company_id, edition)
    recheck = current_app.config["EDITION_RECHECK_SECONDS"]
    if path.is_file() and time.monotonic() - _checked.get(key, -recheck - 1) < recheck:
        return path
    with _lock(company_id, edition):
        try:
            result = render_profiles(current_app.config["DB_PATH"], [company_id],
                                     editions=(edition,), out_dir=out_dir, processes=1,
                                     thresholds=profile_thresholds())
        except UnknownCompany:
            abort(404)
        _checked[key] = time.monotonic()
    if result["failed"] or not path.is_file():
        current_app.logger.error("rendering %s (%s) failed: %s", company_id, edition,
                                 result["failed"])
        abort(503, "The profile could not be prepared; please try again in a minute.")
    return path


def send_edition(company_id: str, edition: str) -> Response:
    """The edition as a download (attachment, never cached by shared caches)."""
    path = ensure_edition(company_id, edition)
    response = send_file(path, mimetype="application/pdf", as_attachment=True,
                         download_name=f"{company_id}-{edition}.pdf", max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def preview_file(company_id: str) -> Path | None:
    """The picture of the sample's first page, made when the sample was rendered, else None."""
    from reports.preview import preview_path

    path = preview_path(pdf_dir(), valid_company_id(company_id)).resolve()
    return path if path.is_relative_to(pdf_dir()) and path.is_file() else None
