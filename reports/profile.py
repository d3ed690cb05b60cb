"""Store -> Profile: everything known about one company, each fact with its source."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlite_utils import Database

import store
from reports.model import (
    ContradictionRow,
    DealRow,
    FleetRow,
    Footnote,
    NewsRow,
    Overview,
    PersonRow,
    Profile,
    RelatedRow,
    UnconfirmedRow,
)
from reports.summary import write_summary
from reports.trust import Thresholds, is_confirmed
from store import contradictions, profiles

QUOTE_CHARS = 220
MAX_NEWS = 12
MAX_RELATED = 8
MENTION_MONTHS = 36  # the mentions chart's span: three years back from the latest
# Long tables cost time and memory (5,000 rows took 19 s and 540 MiB): the newest rows only.
MAX_DEALS = 150
MAX_FLEET = 60
MAX_PEOPLE = 40
MAX_UNCONFIRMED = 60


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


def build_profile(db: Database, company_id: str,
                  thresholds: Thresholds | None = None) -> Profile:
    """The full profile of a company from the store.

    thresholds: each fact kind's profile threshold (nlp.scorer.threshold(kind, "profile"),
    passed down by the application); facts under it and not corroborated go to the
    "Unconfirmed reports" appendix instead of the main sections (reports.trust).
    """
    company = resolve_company(db, company_id)
    cid = company["id"]
    notes = Footnotes()
    unconfirmed: Pending = []
    people, people_total = _people(db, cid, notes, thresholds, unconfirmed)
    deals, deals_total = _deals(db, cid, notes, thresholds, unconfirmed)
    fleet, fleet_total = _fleet(db, cid, notes, thresholds, unconfirmed)
    found = _contradictions(db, cid, notes)
    appendix = [replace(row, notes=sorted({notes.cite(r) for r in cited}))
                for row, cited in unconfirmed]
    news = _news(db, cid)
    profile = Profile(
        edition="full", overview=_overview(db, company), data_until=_data_until(db, cid),
        summary=[], people=people, deals=deals, fleet=fleet, news=news,
        related=_related(db, cid, deals), mentions_by_month=_mentions_by_month(db, cid),
        footnotes=sorted(notes.notes.values(), key=lambda n: n.number),
        totals={"deals": deals_total, "fleet": fleet_total, "people": people_total,
                "news": len(news), "sources": len(notes.notes),
                "unconfirmed": len(unconfirmed)},
        unconfirmed=appendix, contradictions=found,
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


# Unconfirmed facts with the rows they cite: their notes are numbered after the main sections.
Pending = list[tuple[UnconfirmedRow, list[dict[str, Any]]]]


def _confidence(rows: list[Mapping[str, Any]]) -> float | None:
    known = [r["confidence"] for r in rows if r.get("confidence") is not None]
    return max(known) if known else None


def _people(db: Database, cid: str, notes: Footnotes, thresholds: Thresholds | None,
            unconfirmed: Pending) -> tuple[list[PersonRow], int]:
    """Each confirmed (name, role) once, newest report first; and how many there are."""
    rows = profiles.people_of(db, cid)
    reports: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for row in rows:
        reports.setdefault((row["name"], row["role"]), []).append(row)
    people = []
    for (name, role), found in reports.items():
        confidence, sources = _confidence(found), max(r.get("sources") or 1 for r in found)
        if is_confirmed("person", confidence, sources, thresholds):
            people.append(PersonRow(name, role, 0, confidence, sources))
            continue
        unconfirmed.append((UnconfirmedRow(
            "person", f"{name}, {role or 'role not given'}",
            (found[0].get("published") or "")[:10] or None, confidence, sources, []), found))
    for person in people[:MAX_PEOPLE]:
        person.note = notes.cite(reports[person.name, person.role][0])
    return people[:MAX_PEOPLE], len(people)


def _deals(db: Database, cid: str, notes: Footnotes, thresholds: Thresholds | None,
           unconfirmed: Pending) -> tuple[list[DealRow], int]:
    """The newest confirmed deals (of the MAX_DEALS newest) with their status history; and
    how many confirmed deals there are in all."""
    total = profiles.deal_count(db, cid)
    registry = store.deal_type_registry(db)
    deals = []
    for deal in profiles.deals_of(db, cid, MAX_DEALS):
        parties = profiles.parties_of(db, deal["id"])
        evidence = profiles.evidence_of(db, deal["id"])
        history: list[tuple[str | None, str]] = []
        for e in evidence:
            step = (e["date"], e["status"] or "announced")
            if not history or history[-1][1] != step[1]:
                history.append(step)
        row = DealRow(
            id=deal["id"], type=deal["type"], status=deal["status"] or "announced",
            date=deal["date"], counterparties=[p["name"] for p in parties if p["id"] != cid],
            roles={p["name"]: p["role"] for p in parties}, value=_money(deal),
            quantity=_quantity(deal), history=history,
            notes=[], confidence=deal.get("confidence"), sources=deal.get("sources") or 1,
            label=store.deal_label(registry, deal["type"]),
            plural=store.deal_label(registry, deal["type"], plural=True),
        )
        if is_confirmed("deal", row.confidence, row.sources, thresholds):
            row.notes = sorted({notes.cite(e) for e in evidence})
            deals.append(row)
            continue
        total -= 1
        unconfirmed.append((UnconfirmedRow(
            "deal", f"{row.label} with {', '.join(row.counterparties)} "
            f"({row.status.replace('_', ' ')})", row.date, row.confidence, row.sources, []),
            evidence))
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


def _fleet(db: Database, cid: str, notes: Footnotes, thresholds: Thresholds | None,
           unconfirmed: Pending) -> tuple[list[FleetRow], int]:
    """Every confirmed figure, newest first: the latest per context, earlier ones, conflicts
    flagged; the others go to unconfirmed."""
    rows = []
    for row in profiles.fleet_of(db, cid):
        sources = row.get("sources") or 1
        if is_confirmed("fleet", row.get("confidence"), sources, thresholds):
            rows.append(row)
        elif len(unconfirmed) < MAX_UNCONFIRMED:
            unconfirmed.append((UnconfirmedRow(
                "fleet", f"{'about ' if row['approximate'] else ''}{row['count']:,} "
                f"{row['unit']} ({row['context'] or 'operates'}, {row['scope'] or 'total'})",
                row["as_of"], row.get("confidence"), sources, []), [row]))
    figures: list[FleetRow] = []
    latest: dict[tuple[str, str, str], FleetRow] = {}
    for row in rows[:MAX_FLEET]:
        figure = FleetRow(row["count"], row["unit"], row["context"] or "operates",
                          row["scope"] or "total", bool(row["approximate"]), row["as_of"],
                          notes.cite(row), confidence=row.get("confidence"),
                          sources=row.get("sources") or 1)
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


def _contradictions(db: Database, cid: str, notes: Footnotes) -> list[ContradictionRow]:
    """Fleet figures that disagree and deals reported both completed and called off, each
    pair with both sources."""
    found = []
    for first, second in contradictions.fleet_contradictions(db, cid)[:MAX_UNCONFIRMED]:
        found.append(ContradictionRow(
            "fleet", f"{first['unit']} {first['context'] or 'operates'}, "
            f"{first['scope'] or 'total'}, as of {first['as_of'][:10]}",
            f"{first['count']:,} {first['unit']}", notes.cite(first),
            f"{second['count']:,} {second['unit']}", notes.cite(second)))
    registry = store.deal_type_registry(db)
    for deal_id, pair in contradictions.contradicted_deals(db, cid).items():
        names = [p["name"] for p in profiles.parties_of(db, deal_id) if p["id"] != cid]
        found.append(ContradictionRow(
            "deal", f"{store.deal_label(registry, pair[0]['type'])} with "
            f"{', '.join(names)}",
            "completed", notes.cite(pair[0]),
            pair[1]["status"].replace("_", " "), notes.cite(pair[1])))
    return found


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
            relations.setdefault(name, []).append(deal.relation_to(name))
    for name in relations:
        if name not in together:  # beyond the most frequent: counted on its own
            together[name] = profiles.articles_together(db, cid, name)
    names = sorted(relations, key=lambda n: (-len(relations[n]), -together[n], n))
    names += [n for n in together if n not in relations]
    # "articles together" counts the articles naming both; a relation with none is no relation
    return [RelatedRow(n, together[n], relations.get(n, []))
            for n in names[:MAX_RELATED + len(relations)] if together[n] > 0]


def _mentions_by_month(db: Database, cid: str) -> list[tuple[str, int]]:
    counts = Counter(published[:7] for published in profiles.mention_dates(db, cid)
                     if published)
    return months_with_counts(counts)


def months_with_counts(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Every month from the first with a count to the last, quiet months as 0 (a time axis
    that skipped them would put a gap of years next to one of a month), at most the last
    MENTION_MONTHS."""
    counts = {k: n for k, n in counts.items() if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", k)}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = map(int, last.split("-"))
    months = []
    while len(months) < MENTION_MONTHS:
        key = f"{year:04d}-{month:02d}"
        months.append((key, counts.get(key, 0)))
        if key <= first:
            break
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _data_until(db: Database, cid: str) -> str | None:
    return (profiles.latest_mention_date(db, cid) or "")[:10] or None
