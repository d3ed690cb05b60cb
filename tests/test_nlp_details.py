"""Money and dates as news writes them, through the maintained parsers."""

from __future__ import annotations

import pytest

from nlp.details import iso_date, money


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("for C$500 million in cash", 500_000_000, "CAD"),
    ("valued at EUR 450 million", 450_000_000, "EUR"),
    ("rund €1,5 Mrd", 1_500_000_000, "EUR"),
    ("a $1.2bn round", 1_200_000_000, "USD"),
    ("for 120 mln dlrs", 120_000_000, "USD"),
    ("for about 1.5 billion dlrs", 1_500_000_000, "USD"),
    ("for 45 mln Canadian dlrs", 45_000_000, "CAD"),
    ("for 30 mln stg", 30_000_000, "GBP"),
    ("for 12 mln Swiss francs", 12_000_000, "CHF"),
    ("for 900 mln yen", 900_000_000, "JPY"),
    ("for 75 mln marks", 75_000_000, "DEM"),
    # a price per share is not the deal's value
    ("for 31 dlrs a share in cash, or about 240 mln dlrs", 240_000_000, "USD"),
    ("at $12 per share, valuing the lessor at $1.1 billion", 1_100_000_000, "USD"),
])
def test_money_in_news_and_wire_styles(text, amount, currency) -> None:
    assert money(text) == {"amount": amount, "currency": currency}


@pytest.mark.parametrize("text", ["a 5 m long bus", "its 12 mln shares", "up 4 pct"])
def test_no_money_without_a_currency(text) -> None:
    assert money(text) is None


@pytest.mark.parametrize(("text", "iso"), [
    ("Sept. 28, 2018", "2018-09-28"), ("2018-09-28", "2018-09-28"),
    ("28 September 2018", "2018-09-28"), ("May 2021", "2021-05"), ("in 2021", None),
    ("last week", None)])
def test_dates_as_iso(text, iso) -> None:
    assert iso_date(text) == iso
