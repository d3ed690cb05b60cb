"""Charts as inline SVG (pygal), embedded as data: URLs: nothing is fetched."""

from __future__ import annotations

import base64
import math
from collections import Counter

import pygal
from pygal.style import Style

STYLE = Style(background="white", plot_background="white", foreground="#333",
              foreground_strong="#111", foreground_subtle="#999", colors=("#0b3d5c", "#e07a1f",
                                                                          "#4f8a3a", "#8a3a6b"),
              font_family="DejaVu Sans", label_font_size=11, major_label_font_size=11,
              title_font_size=13)
CONFIG = {"style": STYLE, "width": 640, "height": 260, "js": [], "show_legend": False,
          "disable_xml_declaration": False, "print_values": True, "print_zeroes": False,
          "print_values_position": "top"}
LABELLED_MONTHS = 12


def _data_url(chart: pygal.graph.graph.Graph) -> str:
    svg = chart.render()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def mentions_chart(by_month: list[tuple[str, int]]) -> str | None:
    """Mentions per month, as a data: URL (None with fewer than two months).

    Past LABELLED_MONTHS bars the values are left to the y axis and only every n-th month is
    named: dozens of labels are unreadable, and each is a text WeasyPrint lays out."""
    if len(by_month) < 2:
        return None
    every = math.ceil(len(by_month) / LABELLED_MONTHS)
    chart = pygal.Bar(title="Mentions per month", x_label_rotation=30,
                      **{**CONFIG, "print_values": every == 1}, x_labels_major_every=every,
                      show_minor_x_labels=every == 1)
    chart.x_labels = [month for month, _ in by_month]
    chart.add("mentions", [count for _, count in by_month])
    if max(count for _, count in by_month) < 10:
        chart.y_labels = list(range(0, max(count for _, count in by_month) + 1))
    return _data_url(chart)


def deals_chart(deal_types: list[str]) -> str | None:
    """Deals by type, as a data: URL (None without deals)."""
    if not deal_types:
        return None
    counts = Counter(t.replace("_", " ") for t in deal_types)
    chart = pygal.HorizontalBar(title="Deals by type", **CONFIG)
    chart.y_labels = list(range(0, max(counts.values()) + 1))  # whole deals, no 0.2 steps
    chart.x_labels = list(counts)
    chart.add("deals", list(counts.values()))
    return _data_url(chart)
