"""Facts of an analysis (mentions, fleet figures, people, deals), saved per article.

Every write here is transactional and idempotent: re-running a stage on the same input
leaves the store as it was. Facts are keyed by where they came from (article + offsets), so
re-analysing an article replaces its facts instead of adding to them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from store.companies import company_ref, save_companies
from store.corroboration import facts_of, refresh_sources
from store.deals import drop_unreported, regroup_deals, save_deal
from store.ids import stable_id

FACT_TABLES = ("mentions", "fleet_figures", "people", "deal_evidence")


def save_analysis(db: Database, article: Mapping[str, Any], analysis: Mapping[str, Any],
                  version: str) -> dict[str, int]:
    """Replace one article's facts with those of analysis (the JSON of nlp's Analysis).

    Runs in one transaction: a killed run leaves either the old facts or the new ones.
    Returns counts of what was written.
    """
    art_id = article["id"]
    date = (article.get("published") or "")[:10] or None
    with db.conn:
        old_reports = list(db["deal_evidence"].rows_where(
            "article_id = ?", [art_id], select="parties, deal_id"))
        touched_deals = {r["parties"] for r in old_reports}
        old_facts = facts_of(db, art_id)
        for table in FACT_TABLES:
            db[table].delete_where("article_id = ?", [art_id])
        names = save_companies(db, analysis.get("companies", []))
        mentions = [
            {"id": stable_id(art_id, "m", span["start"]), "article_id": art_id,
             "company_id": names[company["name"]], "surface": span.get("text"),
             "sentence": span.get("sentence"), "start": span["start"], "end": span["end"],
             "confidence": company.get("confidence")}
            for company in analysis.get("companies", [])
            for span in company.get("spans", [])
        ]
        db["mentions"].insert_all(mentions, replace=True)
        fleet = [
            {"id": stable_id(art_id, "f", f.get("start"), f["count"]),
             "company_id": company_ref(db, names, f.get("company")), "count": f["count"],
             "unit": f.get("unit"), "qualifier": f.get("qualifier"),
             "approximate": int(bool(f.get("approximate"))), "context": f.get("context"),
             "scope": f.get("scope", "total"), "share": f.get("share"),
             "as_of": f.get("as_of") or date,
             "article_id": art_id, "sentence": f.get("evidence"), "start": f.get("start"),
             "end": f.get("end"), "confidence": f.get("confidence")}
            for f in analysis.get("fleet_figures", [])
        ]
        db["fleet_figures"].insert_all(fleet, replace=True)
        people = [
            {"id": stable_id(art_id, "p", p["name"], p.get("role"), p.get("company")),
             "name": p["name"], "role": p.get("role"),
             "company_id": company_ref(db, names, p.get("company")), "article_id": art_id,
             "sentence": p.get("evidence"), "start": p.get("start"), "end": p.get("end"),
             "confidence": p.get("confidence")}
            for p in analysis.get("people", [])
        ]
        db["people"].insert_all(people, replace=True)
        for deal in analysis.get("deals", []):
            touched_deals.add(save_deal(db, names, art_id, date, deal))
        for key in touched_deals:
            regroup_deals(db, key)
        drop_unreported(db, {r["deal_id"] for r in old_reports})
        refresh_sources(db, [old_facts, facts_of(db, art_id)])
        db["articles"].update(art_id, {"analyzed_with": version})
    return {"mentions": len(mentions), "fleet_figures": len(fleet), "people": len(people),
            "deals": len(analysis.get("deals", []))}

