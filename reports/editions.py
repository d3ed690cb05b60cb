"""Editions: the full profile, and the sample built from a reduced copy of its data.

The sample is a new Profile holding only the first items of each section and the footnotes
those items cite; what it withholds is never in its data, so it cannot leak into the PDF.
"""

from __future__ import annotations

from dataclasses import replace

from reports.model import Footnote, Profile, RelatedRow
from reports.summary import write_summary

SAMPLE_ITEMS = {"deals": 2, "fleet": 1, "people": 2, "news": 3, "related": 3}


def sample_profile(full: Profile) -> Profile:
    """The sample edition of a full profile."""
    deals = full.deals[:SAMPLE_ITEMS["deals"]]
    fleet = [f for f in full.fleet if not f.superseded][:SAMPLE_ITEMS["fleet"]]
    people = full.people[:SAMPLE_ITEMS["people"]]
    cited = {n for d in deals for n in d.notes} | {f.note for f in fleet} | \
        {p.note for p in people}
    renumber = {old: new for new, old in enumerate(sorted(cited), start=1)}
    secret, hidden = _withheld_quotes(full, deals), _hidden(full, deals, people)
    footnotes = [Footnote(renumber[n.number], n.title, n.publisher, n.date, n.url,
                          "" if n.quote in secret or _names_any(n.quote, hidden) else n.quote)
                 for n in full.footnotes if n.number in renumber]
    sample = replace(
        full, edition="sample", summary=[],
        deals=[replace(d, notes=[renumber[n] for n in d.notes], history=d.history[-1:])
               for d in deals],
        fleet=[replace(f, note=renumber[f.note]) for f in fleet],
        people=[replace(p, note=renumber[p.note]) for p in people],
        news=_news(full, deals, people), related=_related(full, deals),
        mentions_by_month=[], footnotes=footnotes, changes=[],
        totals={k: v for k, v in full.totals.items() if k != "unconfirmed"},
        # Only confirmed facts reach a sample: the full edition's main sections hold no other.
        unconfirmed=[], contradictions=[],
    )
    sample.summary = [*write_summary(sample), _coverage(sample)]
    return sample


def _coverage(sample: Profile) -> str:
    totals = sample.totals
    return (f"This sample shows {len(sample.deals)} of {totals.get('deals', 0)} deals, "
            f"{len(sample.fleet)} of {totals.get('fleet', 0)} fleet figures and "
            f"{len(sample.people)} of {totals.get('people', 0)} people; the full edition "
            "holds them all, each with its source.")


def withheld(profile: Profile) -> dict[str, str]:
    """Section anchor -> what the full edition adds there (for the sample's contents page)."""
    if profile.edition != "sample":
        return {}
    totals = profile.totals

    def more(key: str, shown: int, noun: str, extra: str = "") -> str:
        rest = max(0, totals.get(key, 0) - shown)
        return f"+{rest} more {noun}{extra} in the full edition" if rest else ""

    return {key: text for key, text in {
        "people": more("people", len(profile.people), "people"),
        "deals": more("deals", len(profile.deals), "deals", " with status histories"),
        "fleet": more("fleet", len(profile.fleet), "fleet figures",
                      ", the history and conflicting reports"),
        "news": more("news", len(profile.news), "headlines"),
        "related": "every partner and counterparty in the full edition",
        "charts": "mentions over time and deals by type in the full edition",
        "changes": "what changed since the previous edition in the full edition",
        "sources": more("sources", len(profile.footnotes), "sources"),
    }.items() if text}


def _related(full: Profile, deals: list) -> list[RelatedRow]:
    """Related companies the sample's own deals name (others would hint at withheld deals),
    with only the relations those deals show."""
    shown: dict[str, list[str]] = {}
    for deal in deals:
        for name in deal.counterparties:
            shown.setdefault(name, []).append(deal.relation_to(name))
    return [replace(r, deals=shown[r.name]) for r in full.related
            if r.name in shown][:SAMPLE_ITEMS["related"]]


def _hidden(full: Profile, deals: list, people: list) -> set[str]:
    """Counterparties and people of the full edition that the sample does not show."""
    shown = {n for d in deals for n in d.counterparties} | {p.name for p in people}
    return ({n for d in full.deals for n in d.counterparties} |
            {p.name for p in full.people}) - shown


def _names_any(text: str, names: set[str]) -> bool:
    return any(name.lower() in text.lower() for name in names)


def _withheld_quotes(full: Profile, deals: list) -> set[str]:
    """The evidence sentences of the deals the sample withholds: one sentence can be the
    source of a fact the sample shows and of a deal it withholds, and then the sample shows
    that fact's source without the sentence."""
    by_number = {n.number: n for n in full.footnotes}
    shown = {id(d) for d in deals}
    return {by_number[number].quote for d in full.deals if id(d) not in shown
            for number in d.notes if number in by_number}


def _news(full: Profile, deals: list, people: list) -> list:
    """The newest headlines, leaving out any that name a withheld counterparty or person."""
    hidden = _hidden(full, deals, people)
    news = [n for n in full.news if not _names_any(n.title, hidden)]
    return news[:SAMPLE_ITEMS["news"]]
