"""The profile's charts: real pygal SVG, read back from the data: URL."""

from __future__ import annotations

import base64
import re

from reports.charts import LABELLED_MONTHS, deals_chart, mentions_chart
from reports.profile import MENTION_MONTHS, months_with_counts


def svg_of(data_url: str) -> str:
    assert data_url.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(data_url.split(",", 1)[1]).decode()


def months(n: int) -> list[tuple[str, int]]:
    return [(f"{2021 + i // 12}-{i % 12 + 1:02d}", 3 + i % 4) for i in range(n)]


def named_months(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>(\d{4}-\d\d)</text>", svg)


def printed_values(svg: str) -> list[str]:
    return re.findall(r'<text[^>]*class="value"[^>]*>(\d+)</text>', svg)


def test_a_short_history_names_every_month_and_prints_the_values() -> None:
    svg = svg_of(mentions_chart(months(8)))
    assert named_months(svg) == [m for m, _ in months(8)]
    assert printed_values(svg) == [str(n) for _, n in months(8)]  # the count above each bar


def test_a_quiet_month_has_a_bar_of_zero_and_no_printed_zero() -> None:
    svg = svg_of(mentions_chart([("2026-01", 2), ("2026-02", 0), ("2026-03", 5)]))
    assert printed_values(svg) == ["2", "5"]


def test_a_long_history_names_every_nth_month_and_leaves_values_to_the_axis() -> None:
    history = months(40)
    svg = svg_of(mentions_chart(history))
    named = named_months(svg)
    assert 2 <= len(named) <= LABELLED_MONTHS
    assert named[0] == "2021-01" and set(named) < {m for m, _ in history}
    assert printed_values(svg) == []
    assert svg.count('class="rect reactive') == len(history)  # still one bar per month


def test_no_chart_without_enough_data() -> None:
    assert mentions_chart(months(1)) is None
    assert deals_chart([]) is None
    assert "joint venture" in svg_of(deals_chart(["joint_venture", "supply"]))


def test_the_months_axis_keeps_quiet_months_and_the_last_three_years() -> None:
    assert months_with_counts({"2024-11": 2, "2025-02": 1}) == [
        ("2024-11", 2), ("2024-12", 0), ("2025-01", 0), ("2025-02", 1)]
    span = months_with_counts({"2015-06": 4, "2025-12": 1, "2025-13": 9, "20xx-01": 1})
    assert len(span) == MENTION_MONTHS and span[-1] == ("2025-12", 1)
    assert span[0] == ("2023-01", 0)
    assert months_with_counts({}) == [] and months_with_counts({"2026": 3}) == []
