"""The executive summary, written from the facts of a profile (no facts beyond its own)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reports.model import DealRow, FleetRow, Profile

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
                8: "eight", 9: "nine"}
# What a company did with deals in each status, in the order a deal moves through them.
STATUS_VERBS = {"completed": "completed", "announced": "announced",
                "in_talks": "was in talks on", "rumoured": "was said to be in"}
# Fleet contexts that say how big a fleet is now, before plans.
CURRENT_CONTEXTS = ("operates", "manages", "owns", "leases")


def counted(n: int, label: str, plural: str) -> str:
    """"two partnerships", "one supply deal"."""
    word = NUMBER_WORDS.get(n, str(n))
    return f"{word} {label if n == 1 else plural}"


def listed(parts: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def month(iso: str | None) -> str | None:
    """"2026-03-15" -> "March 2026" (None when there is no usable date)."""
    try:
        return date.fromisoformat((iso or "")[:10]).strftime("%B %Y")
    except ValueError:
        return None


def _deal_sentences(name: str, deals: list[DealRow]) -> list[str]:
    by_status: dict[str, Counter[tuple[str, str, str]]] = {}
    for deal in deals:
        by_status.setdefault(deal.status, Counter())[(deal.type, deal.label, deal.plural)] += 1
    clauses = []
    for status, verb in STATUS_VERBS.items():
        if status in by_status:
            kinds = [counted(n, label, plural) for (_, label, plural), n in sorted(
                by_status[status].items(), key=lambda item: (-item[1], item[0][0]))]
            clauses.append(f"{verb} {listed(kinds)}")
    first = month(min((d.date for d in deals if d.date), default=None))
    since = f"Since {first}, " if first else ""
    sentences = [f"{since}{name} {'; it '.join(clauses)}."]
    latest = deals[0]
    if latest.counterparties:
        when = month(latest.date)
        kind = latest.label
        sentences.append(
            f"The latest, {'an' if kind[0] in 'aeiou' else 'a'} {kind} with "
            f"{listed(latest.counterparties)}{' (' + when + ')' if when else ''}, is "
            f"{latest.status.replace('_', ' ')}.")
    return sentences


def _fleet_sentence(fleet: list[FleetRow]) -> str | None:
    current = [f for f in fleet if not f.superseded]
    now = [f for f in current if f.context in CURRENT_CONTEXTS]
    if not now:
        now = current
    if not now:
        return None
    top = max(now, key=lambda f: (f.count, f.as_of or ""))  # the size of the fleet
    verb = {"plans": "plans to reach"}.get(top.context, top.context)
    about = "about " if top.approximate else ""
    scope = "" if top.scope == "total" else f" ({top.scope})"
    sentence = f"It {verb} {about}{top.count:,} {top.unit}{scope}"
    when = month(top.as_of)
    if when:
        sentence += f" as of {when}"
    rivals = sorted({f.count for f in current if f.conflict and f.context == top.context
                     and f.count != top.count})
    if top.conflict and rivals:
        sentence += f"; other sources that day say {listed([f'{n:,}' for n in rivals])}"
    plans = [f for f in current if f.context == "plans" and f is not top]
    if plans and top.context != "plans":
        sentence += f", and plans to reach {max(f.count for f in plans):,} {plans[0].unit}"
    return sentence + "."


def write_summary(profile: Profile) -> list[str]:
    """A few sentences: deals by status and type, the current fleet, key people, partners."""
    name = profile.overview.name
    sentences = _deal_sentences(name, profile.deals) if profile.deals else []
    fleet = _fleet_sentence(profile.fleet)
    if fleet:
        sentences.append(fleet)
    if profile.people:
        people = [f"{p.name} ({p.role})" if p.role else p.name for p in profile.people[:2]]
        sentences.append(f"Key people include {listed(people)}.")
    alongside = sorted(profile.related, key=lambda r: -r.together)[:3]
    if alongside and alongside[0].together:
        sentences.append(f"It is most often reported alongside "
                         f"{listed([r.name for r in alongside if r.together])}.")
    if not sentences:
        sentences.append(f"No deals, fleet figures or people of {name} have been found yet.")
    return sentences
