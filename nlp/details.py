"""Money and dates as news writes them, read by maintained parsers (price-parser, dateparser).

"C$500 million", "EUR 450 million", "€1,5 Mrd", "$1.2bn", and the wire's "120 mln dlrs" or
"45 mln Canadian dlrs" -> {"amount", "currency"};
"Sept. 28, 2018", "28 September 2018", "2018-09-28" -> "2018-09-28" ("May 2021" -> "2021-05").
"""

from __future__ import annotations

import re
from functools import lru_cache

from price_parser import Price

_SYMBOL = (r"(?:US\$|C\$|A\$|NZ\$|HK\$|S\$|R\$|\$|€|£|¥|₹|"
           r"USD|EUR|GBP|JPY|CNY|RMB|INR|CAD|AUD|CHF|SEK)")
_AMOUNT = r"\d+(?:[.,]\d+)*"
_SCALE = r"(?:trillion|billion|million|thousand|bn|mn|mln|m|b|k|tn|Mrd|Mio|crore|lakh)\b\.?"
# Wire copy names the currency after the amount, abbreviated: "mln dlrs", "mln stg".
_NAMED = (r"(?:(?:(?:US|U\.S\.|Canadian|Australian|Hong Kong|New Zealand)\s)?(?:dollars|dlrs?)"
          r"|(?:Swiss\s|French\s|Belgian\s)?francs|euros?|pounds(?:\ssterling)?|sterling|stg"
          r"|yen|yuan|rupees|marks|guilders|lire|won"
          r"|USD|EUR|GBP|JPY|CNY|INR|CAD|AUD|CHF|SEK)")
MONEY = re.compile(
    rf"(?P<pre>{_SYMBOL})\s?(?P<amount>{_AMOUNT})(?:\s?(?P<scale>{_SCALE}))?"
    rf"|(?P<amount2>{_AMOUNT})\s?(?P<scale2>{_SCALE})?\s+(?P<post>{_NAMED})\b"
    rf"|(?P<amount3>{_AMOUNT})\s?(?P<scale3>{_SCALE})?\s?(?P<sym3>€|£)", re.I)
PER_SHARE = re.compile(r"\s*(?:a|per|each)\s+(?:share|unit)\b", re.I)
SCALES = {"trillion": 10**12, "tn": 10**12, "billion": 10**9, "bn": 10**9, "b": 10**9,
          "mrd": 10**9, "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6, "mio": 10**6,
          "thousand": 10**3, "k": 10**3, "crore": 10**7, "lakh": 10**5}
CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "c$": "CAD",
              "cad": "CAD", "a$": "AUD", "aud": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD",
              "r$": "BRL", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP",
              "gbp": "GBP", "pounds": "GBP", "¥": "JPY", "jpy": "JPY", "yen": "JPY",
              "yuan": "CNY", "cny": "CNY", "rmb": "CNY", "₹": "INR", "inr": "INR",
              "rupees": "INR", "chf": "CHF", "sek": "SEK", "dlrs": "USD", "dlr": "USD",
              "stg": "GBP", "sterling": "GBP", "pounds sterling": "GBP", "marks": "DEM",
              "francs": "FRF", "french francs": "FRF", "swiss francs": "CHF",
              "belgian francs": "BEF", "guilders": "NLG", "lire": "ITL", "won": "KRW"}
for _country, _code in (("us", "USD"), ("u.s.", "USD"), ("canadian", "CAD"),
                        ("australian", "AUD"), ("hong kong", "HKD"), ("new zealand", "NZD")):
    for _word in ("dollars", "dlrs", "dlr"):
        CURRENCIES[f"{_country} {_word}"] = _code


def money(text: str) -> dict | None:
    """The first amount of money in a text that is no price per share, scaled and with an ISO
    currency, or None."""
    for match in MONEY.finditer(text):
        groups = match.groupdict()
        amount_text = groups["amount"] or groups["amount2"] or groups["amount3"]
        symbol = groups["pre"] or groups["post"] or groups["sym3"] or ""
        symbol = re.sub(r"\s+", " ", symbol).lower()
        scale = (groups["scale"] or groups["scale2"] or groups["scale3"] or "").lower()
        scale = scale.rstrip(".")
        if scale in ("m", "b", "k") and not (groups["pre"] or groups["sym3"]):
            continue  # "5 m" without a currency sign is a length
        if PER_SHARE.match(text, match.end()):
            continue  # "28 dlrs a share, or about 215 mln dlrs": the price of one share
        price = Price.fromstring(amount_text, decimal_separator=_decimal(amount_text, scale))
        if price.amount is None:
            continue
        amount = float(price.amount) * SCALES.get(scale, 1)
        return {"amount": round(amount) if amount >= 1 else amount,
                "currency": CURRENCIES.get(symbol, symbol.upper())}
    return None


def _decimal(amount: str, scale: str) -> str | None:
    """"1,5 Mrd" has a decimal comma; "1,500" groups thousands; price-parser guesses the rest."""
    if re.fullmatch(r"\d+,\d{1,2}", amount) and scale:
        return ","
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", amount):
        return "."
    return None


YEAR = re.compile(r"\b(?:19|20)\d\d\b")
DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?![-/]?\d{4})|\d{4}-\d\d-\d\d")


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser  # ~1 s to import: only when a date is read

    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                                      "REQUIRE_PARTS": ["year"]})


def iso_date(text: str) -> str | None:
    """An absolute date in a phrase as ISO (a day, or year-month), or None for relative or
    year-only phrases ("last week", "in 2021")."""
    if not YEAR.search(text) or len(text) > 40:
        return None
    data = _parser().get_date_data(text)
    when = data.date_obj
    if when is None or data.period == "year":
        return None
    if data.period == "month" or not DAY.search(YEAR.sub("", text)):
        return when.strftime("%Y-%m")
    return when.strftime("%Y-%m-%d")
