"""Rendered editions for the site: render on demand when missing or stale, serve as attachments.

PDFs live outside any static folder (config PDF_DIR) and are only reachable through the
views that check a signed token or an analyst session.
"""

from __future__ import annotations

import subprocess  # noqa: S404 - pdftoppm with a fixed argument list, no shell
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
PREVIEW_WIDTH = 640
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


def preview_png(company_id: str) -> Path:
    """A PNG of the sample's first page, cached per rendered version of the sample."""
    pdf = ensure_edition(company_id, "sample")
    edition = store.latest_edition(get_db(), company_id, "sample")
    version = (edition or {}).get("data_hash", "x")[:16]
    previews = pdf_dir() / "previews"
    previews.mkdir(parents=True, exist_ok=True)
    png = previews / f"{company_id}-sample-{version}.png"
    if png.is_file():
        return png
    with _lock(company_id, "preview"):
        if not png.is_file():
            for old in previews.glob(f"{company_id}-sample-*.png"):
                old.unlink(missing_ok=True)
            prefix = png.with_suffix("")
            tmp = prefix.with_name(prefix.name + ".part")
            subprocess.run(  # noqa: S603
                ["pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile",  # noqa: S607
                 "-scale-to-x", str(PREVIEW_WIDTH), "-scale-to-y", "-1", str(pdf), str(tmp)],
                check=True, timeout=60, capture_output=True)
            tmp.with_suffix(".part.png").replace(png)
    return png
