"""Exact numbers: Chinese and Arabic numerals with 万/亿, shares and ratios, the exchange-rate table."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest

from llmnews.dates import PartialDate
from llmnews.errors import LlmnewsError
from llmnews.facts import exchange
from llmnews.facts.numbers import NUMBER, NumberError, exact, parse_fraction, parse_number


@pytest.mark.parametrize("written, value", [
    ("0.0008", "0.0008"),          # stays exact: a float would print 0.0008 but hold 0.000799999…
    ("3.24万", "32400"),
    ("3.24 万", "32400"),          # outlet spacing
    ("1300亿", "130000000000"),
    ("一千三百亿", "130000000000"),
    ("百万", "1000000"),           # cn2an refuses a numeral that starts with its unit
    ("千亿", "100000000000"),
    ("万亿", "1000000000000"),
    ("两百", "200"),
    ("七十亿", "7000000000"),
    ("一点五", "1.5"),
    ("一点五亿", "150000000"),
    ("零点一", "0.1"),
    ("1,000", "1000"),
    ("二〇二四", "2024"),
])
def test_parse_number_is_exact(written, value):
    assert exact(parse_number(written)) == value
    assert isinstance(parse_number(written), Decimal)


def test_decimals_never_pass_through_float():
    # 0.1 + 0.2 in floats is 0.30000000000000004; read as written it is 0.3
    assert parse_number("0.1") + parse_number("0.2") == Decimal("0.3")


@pytest.mark.parametrize("bad", ["", "abc", "亿点", "1.2.3", "十点"])
def test_parse_number_refuses_what_is_no_number(bad):
    with pytest.raises(NumberError):
        parse_number(bad)
    assert issubclass(NumberError, LlmnewsError)


@pytest.mark.parametrize("written, value", [
    ("50%", Fraction(1, 2)), ("百分之一", Fraction(1, 100)), ("2/3", Fraction(2, 3)),
    ("三分之二", Fraction(2, 3)), ("一半", Fraction(1, 2)), ("1/400", Fraction(1, 400)),
    ("99.3%", Fraction(993, 1000)),
])
def test_parse_fraction(written, value):
    assert parse_fraction(written) == value


def test_exact_text_of_fractions():
    assert exact(Fraction(-1, 2)) == "-0.5"
    assert exact(Fraction(-2, 3)) == "-2/3"  # no finite decimal: kept as a fraction
    assert exact(Decimal("8E-4")) == "0.0008"


def test_number_pattern_skips_codes_versions_and_names():
    found = [m.group() for m in re.finditer(NUMBER, "GPT-4与GSM8k及Orion-14B，共3.24 万张")]
    assert found == ["3.24 万"]


def test_exchange_rate_of_the_month_then_the_year_then_the_nearest_year():
    rate, period, note = exchange.rate_to_cny("USD", PartialDate(2024, 5, 14))
    assert period == "2024-05" and rate == Decimal("7.24") and "month" in note
    assert exchange.rate_to_cny("USD", PartialDate(2023))[1] == "2023"
    assert exchange.rate_to_cny("USD", PartialDate(2019, 3))[1] == "2022"
    assert exchange.rate_to_cny("CNY", None)[0] == Decimal(1)
    with pytest.raises(exchange.ExchangeRateError):
        exchange.rate_to_cny("EUR", PartialDate(2024))


def test_every_rate_row_has_a_source_note():
    table = exchange.exchange_rates()
    assert len(table) >= 4 * 13  # 2022-2025: twelve months and the year each
    assert all(note for _, note in table.values())
    assert all(Decimal(6) < rate < Decimal(8) for rate, _ in table.values())
