"""The catalogue: every profiled company, searchable (SQLite FTS) and filterable."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from rivalscope.site.db import get_db
from rivalscope.site.profiled import profiled_ids
from store.catalogue import CatalogueQuery, catalogue, facets, fts_query

bp = Blueprint("catalogue", __name__)


def _page() -> int:
    try:
        return max(1, min(int(request.args.get("page", "1")), 1000))
    except ValueError:
        return 1


@bp.get("/")
def index() -> str:
    query = CatalogueQuery(
        q=request.args.get("q", "")[:200], kind=request.args.get("kind", "")[:60],
        country=request.args.get("country", "")[:60], page=_page(),
        profiled=profiled_ids(),
    )
    db = get_db()
    if query.q.strip() and fts_query(query.q) is None:
        # Only punctuation: nothing to search for (it used to match every company).
        return render_template(
            "catalogue/index.html", query=query, companies=[], has_next=False,
            facets=facets(db),
            query_error="Type a word or part of a company name to search for."), 400
    companies, has_next = catalogue(db, query)
    return render_template("catalogue/index.html", query=query, companies=companies,
                           has_next=has_next, facets=facets(db), query_error=None)
