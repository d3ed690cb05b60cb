"""Store -> Profile: everything known about one company, each fact with its source."""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Any

from sqlite_utils import Database

import store
from reports.model import (
    DealRow,
    FleetRow,
    Footnote,
    NewsRow,
    Overview,
    PersonRow,
    Profile,
    RelatedRow,
)
from reports.summary import write_summary
from store import profiles

QUOTE_CHARS = 220
MAX_NEWS = 12
MAX_RELATED = 8
# Long tables cost time and memory (5,000 rows took 19 s and 540 MiB): the newest rows only.
MAX_DEALS = 150
MAX_FLEET = 60
MAX_PEOPLE = 40


class UnknownCompany(LookupError):
    """No company by that name; the message suggests close matches."""


class Footnotes:
    """Numbers the sources in the order facts cite them; one number per article+sentence."""

    def __init__(self) -> None:
        self.notes: dict[tuple[str, str], Footnote] = {}

    def cite(self, row: dict[str, Any]) -> int:
        key = (row["article_id"], row.get("sentence") or "")
        if key not in self.notes:
            self.notes[key] = Footnote(
                number=len(self.notes) + 1, title=row.get("title") or "(untitled)",
                publisher=row.get("source"), date=(row.get("published") or "")[:10] or None,
                url=row.get("url"), quote=shorten(row.get("sentence") or ""),
            )
        return self.notes[key].number


def shorten(sentence: str, limit: int = QUOTE_CHARS) -> str:
    """A short quote: the sentence, cut at a word boundary (never the whole article)."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + " …"


def resolve_company(db: Database, name: str) -> dict[str, Any]:
    """The company called name (id, name or alias), else UnknownCompany with suggestions."""
    row = store.find_company(db, name)
    if row is not None:
        return row
    # Names and aliases, case-folded, each pointing at its company's canonical name.
    known: dict[str, str] = {}
    for row in profiles.names_and_aliases(db):
        known.setdefault(row["name"].casefold(), row["name"])
        if row["alias"]:
            known.setdefault(row["alias"].casefold(), row["name"])
    matches = difflib.get_close_matches(name.casefold(), list(known), n=6, cutoff=0.5)
    close = list(dict.fromkeys(known[m] for m in matches))[:3]
    hint = f"; did you mean {', '.join(close)}?" if close else \
        "; `rivalscope companies` lists the known ones"
    raise UnknownCompany(f"no company called {name!r}{hint}")


def build_profile(db: Database, company_id: str) -> Profile:
    """The full profile of a company from the store."""
    company = resolve_company(db, company_id)
    cid = company["id"]
    notes = Footnotes()
    people, people_total = _people(db, cid, notes)
    deals, deals_total = _deals(db, cid, notes)
    fleet, fleet_total = _fleet(db, cid, notes)
    news = _news(db, cid)
    profile = Profile(
        edition="full", overview=_overview(db, company), data_until=_data_until(db, cid),
        summary=[], people=people, deals=deals, fleet=fleet, news=news,
        related=_related(db, cid, deals), mentions_by_month=_mentions_by_month(db, cid),
        footnotes=sorted(notes.notes.values(), key=lambda n: n.number),
        totals={"deals": deals_total, "fleet": fleet_total, "people": people_total,
                "news": len(news), "sources": len(notes.notes)},
    )
    profile.summary = write_summary(profile)
    return profile


def _overview(db: Database, company: dict[str, Any]) -> Overview:
    aliases = sorted(set(profiles.aliases_of(db, company["id"])) - {company["name"]})
    parent = None
    if company.get("parent_id"):
        parent_row = store.find_company(db, company["parent_id"])
        parent = parent_row["name"] if parent_row else None
    subsidiaries = profiles.subsidiaries_of(db, company["id"])
    return Overview(company["id"], company["name"], company.get("kind"), company.get("country"),
                    parent, aliases, subsidiaries)


def _people(db: Database, cid: str, notes: Footnotes) -> tuple[list[PersonRow], int]:
    """Each (name, role) once, newest report first; and how many there are in all."""
    rows = profiles.people_of(db, cid)
    first: dict[tuple[str, str | None], dict[str, Any]] = {}
    for row in rows:
        first.setdefault((row["name"], row["role"]), row)
    kept = list(first.values())[:MAX_PEOPLE]
    return [PersonRow(r["name"], r["role"], notes.cite(r)) for r in kept], len(first)


def _deals(db: Database, cid: str, notes: Footnotes) -> tuple[list[DealRow], int]:
    """The newest MAX_DEALS deals with their status history; and how many there are in all."""
    total = profiles.deal_count(db, cid)
    deals = []
    for deal in profiles.deals_of(db, cid, MAX_DEALS):
        parties = profiles.parties_of(db, deal["id"])
        evidence = profiles.evidence_of(db, deal["id"])
        history: list[tuple[str | None, str]] = []
        for e in evidence:
            step = (e["date"], e["status"] or "announced")
            if not history or history[-1][1] != step[1]:
                history.append(step)
        deals.append(DealRow(
            id=deal["id"], type=deal["type"], status=deal["status"] or "announced",
            date=deal["date"], counterparties=[p["name"] for p in parties if p["id"] != cid],
            roles={p["name"]: p["role"] for p in parties}, value=_money(deal),
            quantity=_quantity(deal), history=history,
            notes=sorted({notes.cite(e) for e in evidence}),
        ))
    return deals, total


def _money(deal: dict[str, Any]) -> str | None:
    if not deal.get("value"):
        return None
    amount = deal["value"]
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if amount >= size:
            return f"{deal['currency'] or ''} {amount / size:g} {word}".strip()
    return f"{deal['currency'] or ''} {amount:,.0f}".strip()


def _quantity(deal: dict[str, Any]) -> str | None:
    if not deal.get("quantity"):
        return None
    return f"{deal['quantity']:,} {deal.get('quantity_unit') or 'units'}"


def _fleet(db: Database, cid: str, notes: Footnotes) -> tuple[list[FleetRow], int]:
    """Every figure, newest first: the latest per context, earlier ones, conflicts flagged."""
    rows = profiles.fleet_of(db, cid)
    figures: list[FleetRow] = []
    latest: dict[tuple[str, str, str], FleetRow] = {}
    for row in rows[:MAX_FLEET]:
        figure = FleetRow(row["count"], row["unit"], row["context"] or "operates",
                          row["scope"] or "total", bool(row["approximate"]), row["as_of"],
                          notes.cite(row))
        key = (figure.context, figure.scope, figure.unit)
        if key in latest:
            newest = latest[key]
            if newest.as_of == figure.as_of and newest.count != figure.count:
                # Two sources, same date, different figures: show both, flagged.
                newest.conflict = figure.conflict = True
            else:
                figure.superseded = True
        else:
            latest[key] = figure
        figures.append(figure)
    return figures, len(rows)


def _news(db: Database, cid: str) -> list[NewsRow]:
    return [NewsRow(r["title"] or "(untitled)", (r["published"] or "")[:10] or None,
                    r["source"], r["url"])
            for r in profiles.news_of(db, cid, MAX_NEWS)]


def _related(db: Database, cid: str, deals: list[DealRow]) -> list[RelatedRow]:
    """Deal counterparties first (most deals first), then companies most often alongside."""
    together = profiles.mentioned_alongside(db, cid, MAX_RELATED)
    relations: dict[str, list[str]] = {}
    for deal in deals:
        for name in deal.counterparties:
            role = deal.roles.get(name)
            label = deal.type.replace("_", " ")
            relations.setdefault(name, []).append(
                f"{label} ({role})" if role and role != "partner" else label)
    names = sorted(relations, key=lambda n: (-len(relations[n]), -together.get(n, 0), n))
    names += [n for n in together if n not in relations]
    return [RelatedRow(n, together.get(n, 0), relations.get(n, []))
            for n in names[:MAX_RELATED + len(relations)]]


def _mentions_by_month(db: Database, cid: str) -> list[tuple[str, int]]:
    counts = Counter(published[:7] for published in profiles.mention_dates(db, cid)
                     if published)
    return sorted(counts.items())


def _data_until(db: Database, cid: str) -> str | None:
    return (profiles.latest_mention_date(db, cid) or "")[:10] or None
