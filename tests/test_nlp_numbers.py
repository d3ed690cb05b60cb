"""Numbers as news writes them (no model needed)."""

from __future__ import annotations

import pytest

from nlp.numbers import parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("30,000", 30_000), ("1.2 million", 1_200_000), ("10k", 10_000), ("3.4m", 3_400_000),
    ("two", 2), ("twenty-five", 25), ("a dozen", 12), ("two thousand", 2_000),
    ("1,028,142", 1_028_142), ("1.5bn", 1_500_000_000), ("450", 450),
])
def test_parse_number_reads_digits_words_and_scales(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "many", "lots of", "1.2.3"])
def test_parse_number_refuses_what_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_plain_spaces_do_not_group_thousands() -> None:
    # "its 400 737 Max jets": 400 jets of a model, not 400,737
    assert parse_number("400 737") is None
    assert parse_number("400\u202f737") == 400_737
    assert parse_number("1\u00a0200") == 1_200
