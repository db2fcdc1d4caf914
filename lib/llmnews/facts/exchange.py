"""Dated exchange rates to yuan, shipped as data (``data/exchange_rates.csv``).

A price in US dollars is converted with the rate of its own month when the table has it, else of
its year, else of the nearest year the table holds (earlier years first); every converted row
records the rate and the period it came from, so a reader can redo the arithmetic. The rates are
approximate averages stated from general knowledge (the file's ``source_note`` says so per row):
good enough to place a price on a log scale, not for accounting.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import lru_cache

from llmnews import paths
from llmnews.dates import PartialDate
from llmnews.errors import LlmnewsError

__all__ = ["EXCHANGE_RATES_PATH", "ExchangeRateError", "exchange_rates", "rate_to_cny"]

EXCHANGE_RATES_PATH = paths.PACKAGE_DATA_DIR / "exchange_rates.csv"


class ExchangeRateError(LlmnewsError):
    """No rate for a currency, or a malformed rate table."""


@lru_cache(maxsize=1)
def exchange_rates() -> dict[tuple[str, str], tuple[Decimal, str]]:
    """``{(currency, period): (cny_per_unit, source_note)}``; period ``YYYY`` or ``YYYY-MM``."""
    table = {}
    with open(EXCHANGE_RATES_PATH, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                PartialDate.from_iso(row["period"])
                table[(row["currency"], row["period"])] = (Decimal(row["cny_per_unit"]), row["source_note"])
            except (KeyError, ValueError, ArithmeticError) as exc:
                raise ExchangeRateError(f"{EXCHANGE_RATES_PATH}, row {number}: {exc}") from exc
    return table


def rate_to_cny(currency: str, date: PartialDate | None) -> tuple[Decimal, str, str]:
    """``(cny_per_unit, period_used, note)`` for ``currency`` at ``date`` (CNY itself is 1).

    The note says how the period was chosen: the date's own month or year, or the nearest year
    the table holds when the date is outside it or unknown (then the latest year).
    """
    if currency == "CNY":
        return Decimal(1), "", ""
    table = exchange_rates()
    years = sorted({p[:4] for (c, p) in table if c == currency})
    if not years:
        raise ExchangeRateError(f"no exchange rate for {currency!r} in {EXCHANGE_RATES_PATH}")
    if date is not None and date.month is not None and (currency, date.truncate("month").iso()) in table:
        period, how = date.truncate("month").iso(), "rate of the month"
    elif date is not None and (currency, str(date.year)) in table:
        period, how = str(date.year), "rate of the year"
    elif date is not None:
        period = min(years, key=lambda y: (abs(int(y) - date.year), y))
        how = f"{date.year} is outside the table: nearest year"
    else:
        period, how = years[-1], "no date: latest year in the table"
    rate, source = table[(currency, period)]
    return rate, period, f"{how} ({source})"
