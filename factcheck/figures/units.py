"""The unit registry: currencies, scale words and count/physical units, as data.

Everything the grammar and the formatter know about units lives in the tables
below; the functions at the bottom only look things up in them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple


class Currency(NamedTuple):
    """One currency: how news writes it before and after the number, and how we print it."""

    code: str
    symbol: str  # what format_figure prints before the number ("HK$", "RMB ")
    prefixes: tuple[str, ...]  # written before the number: "HK$", "HKD"
    words: tuple[str, ...]  # written after the number: "Hong Kong dollars"


# One row per currency. The ISO code itself is always accepted before and after the number.
CURRENCIES: tuple[Currency, ...] = (
    Currency("USD", "$", ("US$", "U.S.$", "$"), ("US dollars", "U.S. dollars", "dollars")),
    Currency("HKD", "HK$", ("HK$",), ("Hong Kong dollars", "HK dollars")),
    Currency("CNY", "RMB ", ("RMB", "CN¥", "CNY"), ("yuan", "renminbi", "RMB")),
    Currency("EUR", "€", ("€",), ("euros", "euro")),
    Currency("GBP", "£", ("£",), ("pounds sterling", "pounds", "sterling")),
    Currency("JPY", "¥", ("¥", "JP¥", "￥"), ("yen",)),
    Currency("KRW", "₩", ("₩",), ("won",)),
    Currency("INR", "₹", ("₹", "Rs.", "Rs"), ("rupees", "rupee")),
    Currency("TWD", "NT$", ("NT$",), ("New Taiwan dollars", "Taiwan dollars")),
    Currency("SGD", "S$", ("S$",), ("Singapore dollars",)),
    Currency("CAD", "C$", ("C$", "CA$"), ("Canadian dollars",)),
    Currency("AUD", "A$", ("A$", "AU$"), ("Australian dollars",)),
    Currency("NZD", "NZ$", ("NZ$",), ("New Zealand dollars",)),
    Currency("BRL", "R$", ("R$",), ("reais",)),
    Currency("CHF", "CHF ", ("CHF",), ("Swiss francs",)),
    Currency("SEK", "SEK ", ("SEK",), ("Swedish kronor",)),
    Currency("NOK", "NOK ", ("NOK",), ("Norwegian kroner",)),
    Currency("DKK", "DKK ", ("DKK",), ("Danish kroner",)),
    Currency("RUB", "RUB ", ("RUB", "₽"), ("roubles", "rubles")),
    Currency("TRY", "TRY ", ("TRY", "₺"), ("lira",)),
    Currency("ZAR", "ZAR ", ("ZAR",), ("rand",)),
    Currency("MXN", "MXN ", ("MXN", "MX$"), ("Mexican pesos",)),
    Currency("IDR", "IDR ", ("IDR", "Rp"), ("rupiah",)),
    Currency("THB", "THB ", ("THB", "฿"), ("baht",)),
    Currency("MYR", "MYR ", ("MYR", "RM"), ("ringgit",)),
    Currency("ILS", "ILS ", ("ILS", "₪"), ("shekels",)),
    Currency("PLN", "PLN ", ("PLN",), ("zloty",)),
)

# "¥" alone is yen unless the surrounding text says the figure is Chinese (see grammar).
AMBIGUOUS_YEN = ("¥", "￥")
YUAN_CONTEXT_WORDS = ("yuan", "rmb", "renminbi", "cny", "chinese")

# Scale words: written after the number. Single letters only count when written
# straight after a money figure ("£450m", "$2.1B"); see grammar.SINGLE_LETTER_SCALES.
SCALES: dict[str, Decimal] = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "lakh": Decimal(10) ** 5,
    "lakhs": Decimal(10) ** 5,
    "lac": Decimal(10) ** 5,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "crore": Decimal(10) ** 7,
    "crores": Decimal(10) ** 7,
    "cr": Decimal(10) ** 7,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
    "t": Decimal(10) ** 12,
}

# Count and physical units: canonical name -> the ways news writes it (singular and plural).
# Canonical count units are plural ("GPUs"), physical units their SI symbol.
UNITS: dict[str, tuple[str, ...]] = {
    "%": ("%", "percent", "per cent", "pct"),
    "pp": ("percentage points", "percentage point", "pp"),
    "PFLOPS": ("petaFLOPS", "petaflops", "petaflop", "PFLOPS", "PFLOP/s", "PFlops"),
    "EFLOPS": ("exaFLOPS", "exaflops", "exaflop", "EFLOPS", "EFlops"),
    "TFLOPS": ("teraFLOPS", "teraflops", "teraflop", "TFLOPS", "TFlops"),
    "MW": ("MW", "megawatts", "megawatt"),
    "GW": ("GW", "gigawatts", "gigawatt"),
    "kW": ("kW", "kilowatts", "kilowatt"),
    "TWh": ("TWh", "terawatt-hours", "terawatt hours"),
    "GWh": ("GWh", "gigawatt-hours", "gigawatt hours"),
    "MWh": ("MWh", "megawatt-hours", "megawatt hours"),
    "GPUs": ("GPUs", "GPU"),
    "chips": ("chips", "chip"),
    "servers": ("servers", "server"),
    "employees": ("employees", "employee", "staff", "workers", "worker"),
    "users": ("users", "user"),
    "customers": ("customers", "customer", "clients", "client"),
    "subscribers": ("subscribers", "subscriber"),
    "models": ("models", "model"),
    "parameters": ("parameters", "parameter", "params"),
    "tokens": ("tokens", "token"),
    "shares": ("shares",),
    "people": ("people", "persons"),
    "stores": ("stores", "store", "shops", "outlets"),
    "vehicles": ("vehicles", "vehicle", "cars"),
    "data centres": ("data centres", "data centers", "data centre", "data center"),
    "downloads": ("downloads",),
    "patents": ("patents", "patent"),
    "companies": ("companies", "firms", "startups", "start-ups"),
    "homes": ("homes", "households"),
    "jobs": ("jobs", "job", "positions", "roles"),
    "passengers": ("passengers", "visitors", "travellers", "travelers"),
    "factories": ("factories", "plants", "mines"),
    "branches": ("branches", "offices"),
    "orders": ("orders", "contracts", "deals"),
    "devices": ("devices", "smartphones", "phones", "handsets", "robots", "drones"),
    "tonnes": ("tonnes", "tons", "tonne"),
}

# Units that measure computing capacity (metric guess "compute" rather than "count").
COMPUTE_UNITS = frozenset({"PFLOPS", "EFLOPS", "TFLOPS", "GPUs", "chips"})

_BY_CODE = {c.code: c for c in CURRENCIES}
_CURRENCY_LOOKUP: dict[str, str] = {}
for _c in CURRENCIES:
    for _form in (_c.code, *_c.prefixes, *_c.words):
        _CURRENCY_LOOKUP.setdefault(_form.lower(), _c.code)
_UNIT_LOOKUP: dict[str, str] = {}
for _canonical, _forms in UNITS.items():
    for _form in (_canonical, *_forms):
        _UNIT_LOOKUP.setdefault(_form.lower(), _canonical)


def currency_code(word: str) -> str | None:
    """The ISO code for a currency as written ("HK$", "yuan", "usd"), or None."""
    return _CURRENCY_LOOKUP.get(" ".join(word.split()).lower())


def is_currency(unit: str) -> bool:
    """True when `unit` is (or is written as) a currency we know."""
    return currency_code(unit) is not None


def currency_symbol(code: str) -> str:
    """How to print a currency before the number: "USD" -> "$", "CNY" -> "RMB "."""
    currency = _BY_CODE.get(code.upper())
    return currency.symbol if currency else f"{code} "


def normalise_unit(word: str) -> str:
    """The canonical unit for a word: "petaFLOPS" -> "PFLOPS", "yuan" -> "CNY", "GPU" -> "GPUs".

    Unknown words come back stripped but otherwise unchanged.
    """
    cleaned = " ".join(word.split())
    if not cleaned:
        return ""
    code = currency_code(cleaned)
    if code:
        return code
    return _UNIT_LOOKUP.get(cleaned.lower(), cleaned)


def currency_prefix_forms() -> list[str]:
    """Every way a currency is written before a number, longest first (for the regex)."""
    forms = {c.code for c in CURRENCIES}
    for c in CURRENCIES:
        forms.update(c.prefixes)
    return sorted(forms, key=len, reverse=True)


def currency_suffix_forms() -> list[str]:
    """Every way a currency is written after a number, longest first."""
    forms = {c.code for c in CURRENCIES}
    for c in CURRENCIES:
        forms.update(c.words)
    return sorted(forms, key=len, reverse=True)


def unit_forms() -> list[str]:
    """Every way a count or physical unit is written, longest first."""
    forms = set(UNITS)
    for written in UNITS.values():
        forms.update(written)
    return sorted(forms, key=len, reverse=True)
