"""The executive summary, written from the facts of a profile."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reports.model import Profile

PLURALS = {"partnership": "partnerships", "acquisition": "acquisitions", "merger": "mergers",
           "investment": "investments", "supply": "supply deals",
           "joint_venture": "joint ventures", "talks": "sets of talks", "other": "other deals"}
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
                8: "eight", 9: "nine"}


def counted(n: int, deal_type: str) -> str:
    word = NUMBER_WORDS.get(n, str(n))
    noun = deal_type.replace("_", " ") if n == 1 else PLURALS.get(deal_type, deal_type + "s")
    if n == 1 and deal_type == "supply":
        noun = "supply deal"
    if n == 1 and deal_type == "talks":
        noun = "set of talks"
    return f"{word} {noun}"


def write_summary(profile: Profile) -> list[str]:
    """A few sentences: deals by type and status, the latest fleet figure, key people."""
    name = profile.overview.name
    sentences = []
    if profile.deals:
        dates = sorted(d.date for d in profile.deals if d.date)
        since = f"Since {dates[0]}, " if dates else ""
        by_type = Counter(d.type for d in profile.deals)
        parts = [counted(n, t) for t, n in by_type.most_common()]
        listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
        sentences.append(f"{since}{name} was reported in {listed}.")
        latest = profile.deals[0]
        if latest.counterparties:
            sentences.append(
                f"The latest, a {latest.type.replace('_', ' ')} with "
                f"{', '.join(latest.counterparties)}, is {latest.status.replace('_', ' ')}.")
    current = [f for f in profile.fleet if not f.superseded]
    if current:
        top = max(current, key=lambda f: f.count)
        about = "about " if top.approximate else ""
        scope = "" if top.scope == "total" else " (part of its fleet)"
        verb = {"plans": "plans to reach"}.get(top.context, top.context)
        sentences.append(f"It {verb} {about}{top.count:,} {top.unit}{scope}"
                         f"{' as of ' + top.as_of if top.as_of else ''}.")
    if profile.people:
        first = profile.people[0]
        sentences.append(f"Named people include {first.name}"
                         f"{', ' + first.role if first.role else ''}.")
    if not sentences:
        sentences.append(f"No deals, fleet figures or people of {name} have been found yet.")
    return sentences
