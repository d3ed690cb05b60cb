"""Companies and their aliases: saved from analyses, found by name, listed by mentions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from store.ids import slugify
from store.rows import get


def save_companies(db: Database, companies: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Upsert the analysis' companies; returns name -> company id, for canonical names and
    (where no canonical name is the same) aliases: a fact may name its company by a former
    name ("ALD Automotive" for Ayvens)."""
    ids: dict[str, str] = {}
    alias_ids: dict[str, str] = {}
    for company in companies:
        company_id = company.get("id") or slugify(company["name"])
        other = None if get(db, "companies", company_id) else _other_form_of(db, company)
        if other:
            company_id = other[0]
        ids[company["name"]] = company_id
        # Merged forms keep the longer name ("Voltera Charging").
        row = {"id": company_id} if other and not other[1] else \
            {"id": company_id, "name": company["name"]}
        for key in ("kind", "country", "short_form"):
            if company.get(key):
                row[key] = company[key]
        if company.get("parent"):
            parent_id = slugify(company["parent"])
            db["companies"].insert({"id": parent_id, "name": company["parent"]}, ignore=True)
            row["parent_id"] = parent_id
        db["companies"].upsert(row, pk="id")
        aliases = {company["name"], *company.get("aliases", [])}
        db["company_aliases"].insert_all(
            [{"alias": alias, "company_id": company_id} for alias in aliases], ignore=True
        )
        for alias in aliases:
            alias_ids.setdefault(alias, company_id)
    return {**alias_ids, **ids}


def _other_form_of(db: Database, company: Mapping[str, Any]) -> tuple[str, bool] | None:
    """The one stored unknown company that is this unknown company under its short or long
    name ("Voltera" in one story, "Voltera Charging" in another): its id, and whether this
    name is the longer one. nlp decides what a short form is (the analysis' `short_form`,
    nlp.company_forms); here the forms are only compared. Known companies (with a kind, from
    the gazetteer) are never merged this way: "Ford" is not "Ford Credit"."""
    name = company["name"]
    if company.get("kind") or company.get("id"):
        return None
    matches = [(row["id"], False) for row in db.query(
        "select id from companies where kind is null and short_form = ?", [name])]
    if company.get("short_form"):
        matches += [(row["id"], True) for row in db.query(
            "select id from companies where kind is null and name = ?", [company["short_form"]])]
    return matches[0] if len(matches) == 1 else None


def company_ref(db: Database, ids: dict[str, str], name: str | None) -> str | None:
    """The id of a company named by a fact (adding the company if the analysis did not)."""
    if not name:
        return None
    if name not in ids:
        ids.update(save_companies(db, [{"name": name}]))
    return ids[name]


def find_company(db: Database, name_or_id: str) -> dict[str, Any] | None:
    """A company by id, canonical name or alias (case-insensitive), else None."""
    row = get(db, "companies", name_or_id) or get(db, "companies", slugify(name_or_id))
    if row:
        return row
    for match in db.query(
        "select c.* from companies c join company_aliases a on a.company_id = c.id "
        "where lower(a.alias) = lower(?) or lower(c.name) = lower(?) limit 1",
        [name_or_id, name_or_id],
    ):
        return match
    return None


def companies_by_mentions(db: Database, minimum: int = 1) -> list[dict[str, Any]]:
    """Companies with at least `minimum` mentions, most mentioned first."""
    return list(db.query(
        "select c.*, count(m.id) as mentions, count(distinct m.article_id) as articles "
        "from companies c join mentions m on m.company_id = c.id "
        "group by c.id having count(m.id) >= ? order by mentions desc, c.name",
        [minimum],
    ))
