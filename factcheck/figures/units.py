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
    zh: tuple[str, ...] = ()  # written after the number in Chinese; the first one is printed


# One row per currency. The ISO code itself is always accepted before and after the number.
CURRENCIES: tuple[Currency, ...] = (
    Currency(
        "USD",
        "$",
        ("US$", "U.S.$", "USD$", "$"),
        ("US dollars", "U.S. dollars", "dollars"),
        ("美元", "美金"),
    ),
    Currency("HKD", "HK$", ("HK$", "HKD$"), ("Hong Kong dollars", "HK dollars"), ("港元", "港币")),
    Currency(
        "CNY",
        "RMB ",
        ("RMB", "CN¥", "RMB¥", "RMB￥", "CNY"),
        ("yuan", "renminbi", "RMB"),
        ("元", "人民币"),
    ),
    Currency("EUR", "€", ("€",), ("euros", "euro"), ("欧元",)),
    Currency("GBP", "£", ("£",), ("pounds sterling", "pounds", "sterling"), ("英镑",)),
    Currency("JPY", "¥", ("¥", "JP¥", "￥"), ("yen", "円"), ("日元", "日圆")),
    Currency("KRW", "₩", ("₩",), ("won",), ("韩元",)),
    Currency("INR", "₹", ("₹", "Rs.", "Rs"), ("rupees", "rupee"), ("印度卢比", "卢比")),
    Currency(
        "TWD", "NT$", ("NT$", "TWD$"), ("New Taiwan dollars", "Taiwan dollars"), ("新台币", "台币")
    ),
    Currency("SGD", "S$", ("S$", "SG$", "SGD$"), ("Singapore dollars",), ("新加坡元", "新元")),
    Currency("CAD", "C$", ("C$", "CA$", "CAD$"), ("Canadian dollars",), ("加元", "加拿大元")),
    Currency("AUD", "A$", ("A$", "AU$", "AUD$"), ("Australian dollars",), ("澳元", "澳大利亚元")),
    Currency("NZD", "NZ$", ("NZ$", "NZD$"), ("New Zealand dollars",), ("新西兰元", "纽元")),
    Currency("BRL", "R$", ("R$",), ("reais",), ("雷亚尔",)),
    Currency("CHF", "CHF ", ("CHF",), ("Swiss francs",), ("瑞士法郎", "瑞郎")),
    Currency("SEK", "SEK ", ("SEK",), ("Swedish kronor",), ("瑞典克朗",)),
    Currency("NOK", "NOK ", ("NOK",), ("Norwegian kroner",), ("挪威克朗",)),
    Currency("DKK", "DKK ", ("DKK",), ("Danish kroner",), ("丹麦克朗",)),
    Currency("RUB", "RUB ", ("RUB", "₽"), ("roubles", "rubles"), ("卢布",)),
    Currency("TRY", "TRY ", ("TRY", "₺"), ("lira",), ("土耳其里拉", "里拉")),
    Currency("ZAR", "ZAR ", ("ZAR",), ("rand",), ("兰特",)),
    Currency("MXN", "MXN ", ("MXN", "MX$", "MXN$"), ("Mexican pesos",), ("墨西哥比索",)),
    Currency("IDR", "IDR ", ("IDR", "Rp"), ("rupiah",), ("印尼盾",)),
    Currency("THB", "THB ", ("THB", "฿"), ("baht",), ("泰铢",)),
    Currency("MYR", "MYR ", ("MYR", "RM"), ("ringgit",), ("林吉特",)),
    Currency("ILS", "ILS ", ("ILS", "₪"), ("shekels",), ("谢克尔",)),
    Currency("PLN", "PLN ", ("PLN",), ("zloty",), ("兹罗提",)),
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
    "×": ("×",),  # a multiple: "3倍", "翻了一番" (×2)
}

# Chinese count nouns, read after a number with or without a measure word ("1万张GPU卡",
# "1亿用户"); canonical unit -> the nouns, longest first where they overlap.
ZH_COUNT_NOUNS: dict[str, tuple[str, ...]] = {
    "GPUs": ("GPU卡", "GPU", "显卡", "加速卡", "算力卡"),
    "chips": ("芯片",),
    "servers": ("服务器",),
    "companies": ("初创公司", "创业公司", "上市公司", "公司", "企业"),
    "employees": ("员工", "雇员", "职员", "工程师", "研究员"),
    "users": ("用户",),
    "customers": ("客户",),
    "models": ("大模型", "模型"),
    "parameters": ("参数",),
    "data centres": ("数据中心", "智算中心"),
    "stores": ("门店",),
    "factories": ("工厂",),
    "patents": ("专利",),
    "vehicles": ("汽车", "车辆"),
    "devices": ("机器人", "手机"),
    "jobs": ("岗位",),
    "shares": ("股",),
    "developers": ("开发者",),
}

# Chinese measure words (量词) -> the unit they count when no known noun follows
# ("3家上市公司" -> companies, "2000名研发人员" -> employees). "" means the measure word
# counts nothing by itself: a known noun must follow ("200个大模型").
ZH_MEASURE_WORDS: dict[str, str] = {
    "张": "GPUs",
    "块": "",
    "台": "servers",
    "家": "companies",
    "名": "employees",
    "人": "people",  # employees where the sentence speaks of staff (see chinese.py)
    "位": "",
    "个": "",
    "款": "",
    "颗": "chips",
    "辆": "vehicles",
    "座": "",
    "项": "",
}

# How format_figure_zh writes a count unit after the number ("5.4万张GPU").
ZH_UNIT_PRINT: dict[str, str] = {
    "GPUs": "张GPU",
    "chips": "颗芯片",
    "servers": "台服务器",
    "companies": "家公司",
    "employees": "名员工",
    "users": "名用户",
    "customers": "名客户",
    "models": "个大模型",
    "parameters": "个参数",
    "data centres": "座数据中心",
    "×": "倍",
    "pp": "个百分点",
}

# Units that measure computing capacity (metric guess "compute" rather than "count").
COMPUTE_UNITS = frozenset({"PFLOPS", "EFLOPS", "TFLOPS", "GPUs", "chips"})

_BY_CODE = {c.code: c for c in CURRENCIES}
_CURRENCY_LOOKUP: dict[str, str] = {}
for _c in CURRENCIES:
    for _form in (_c.code, *_c.prefixes, *_c.words, *_c.zh):
        _CURRENCY_LOOKUP.setdefault(_form.lower(), _c.code)
_UNIT_LOOKUP: dict[str, str] = {}
for _canonical, _forms in UNITS.items():
    for _form in (_canonical, *_forms):
        _UNIT_LOOKUP.setdefault(_form.lower(), _canonical)
for _canonical, _forms in ZH_COUNT_NOUNS.items():
    for _form in _forms:
        _UNIT_LOOKUP.setdefault(_form.lower(), _canonical)

# A currency sign may also follow the number ("10 €", "25.00€", "100 ¥").
_SIGNS = "$€£¥￥₩₹₽₺฿₪"


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
    """Every way a currency is written after a number, longest first.

    Words and codes ("yuan", "EUR"), and every prefix that carries a currency sign
    ("€", "HK$", "¥"): "10 €" and "25.00€" are how much of Europe writes money.
    """
    forms = {c.code for c in CURRENCIES}
    for c in CURRENCIES:
        forms.update(c.words)
        forms.update(p for p in c.prefixes if any(sign in p for sign in _SIGNS))
    return sorted(forms, key=len, reverse=True)


def currency_zh_forms() -> list[str]:
    """Every Chinese currency word ("美元", "港币", "元"), longest first."""
    return sorted({w for c in CURRENCIES for w in c.zh}, key=len, reverse=True)


def currency_zh_word(code: str) -> str | None:
    """How a Chinese desk writes a currency after the number: "USD" -> "美元"."""
    currency = _BY_CODE.get(code.upper())
    return currency.zh[0] if currency and currency.zh else None


def unit_forms() -> list[str]:
    """Every way a count or physical unit is written, longest first."""
    forms = set(UNITS)
    for written in UNITS.values():
        forms.update(written)
    return sorted(forms, key=len, reverse=True)
