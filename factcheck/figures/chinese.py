"""The Chinese figure grammar: figures as a Chinese desk writes them.

    [qualifier] [-] [currency] number [多|余] [scale] [多|余] [unit] [以上|左右|以下…]

e.g. "1570亿美元", "人民币24万亿元", "200亿元人民币", "约合人民币20万亿元", "10多亿元", "三百五十亿",
"1万张GPU卡", "百分之八十", "逾八成", "2.1个百分点", "3倍", "翻了一番".

It produces the same `Match` (and so the same `Figure`) as the English grammar.
Full-width digits and signs ("１２３", "．", "，", "％") are read as their ASCII
twins: `normalise` swaps them one character for one, so spans stay where they were.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .figure import Figure
from .matches import Match, matched_value
from .units import (
    AMBIGUOUS_YEN,
    ZH_COUNT_NOUNS,
    ZH_MEASURE_WORDS,
    currency_code,
    currency_prefix_forms,
    currency_suffix_forms,
    currency_zh_forms,
    normalise_unit,
    unit_forms,
)
from .zh_numerals import DIGITS, parse_numeral

# Words before a figure -> qualifier. "高达"/"多达" ("as high as", "as many as") read as
# up_to, as their English twins "as much as"/"as many as" do.
ZH_QUALIFIER_WORDS: dict[str, str] = {
    "约合": "about",
    "大约": "about",
    "大概": "about",
    "约": "about",
    "将近": "under",
    "接近": "under",
    "近": "under",
    "不到": "under",
    "不足": "under",
    "低于": "under",
    "少于": "under",
    "超过": "over",
    "超": "over",
    "逾": "over",
    "高于": "over",
    "多于": "over",
    "至少": "at_least",
    "不少于": "at_least",
    "不低于": "at_least",
    "最多": "up_to",
    "至多": "up_to",
    "不超过": "up_to",
    "最高": "up_to",
    "高达": "up_to",
    "多达": "up_to",
}

# Words after a figure -> qualifier: "100亿元以上", "300人左右".
ZH_AFTER_WORDS: dict[str, str] = {
    "以上": "at_least",
    "以下": "up_to",
    "以内": "up_to",
    "左右": "about",
    "上下": "about",
}

# "10多亿", "100余家": more than the number written.
_MORE = "多余"

ZH_SCALES: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "十亿": Decimal(10) ** 9,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "十万": Decimal(10) ** 5,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
    "百": Decimal(10) ** 2,
}

# Full-width forms, one character for one (so offsets into the text stay valid).
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％＋－＄　", "0123456789.,%+-$ ")

# Words that end in a qualifier character without being one: 签约 (signed), 最近 (recently).
_NOT_ABOUT = "签合节制公条预"
_NOT_NEARLY = "最附"

# Chinese currency words that may also stand before the number ("人民币24万亿元").
_ZH_PREFIXES = ("人民币", "港币", "新台币", "台币", "美元", "欧元", "日元", "英镑")
# A generic "元" after a Chinese currency word before the number repeats it.
_YUAN = "元"
# Currencies a desk names after "元" ("200亿元人民币", "50亿元港币", "300亿元新台币"): the
# same figures as "人民币200亿元", with the currency at the end.
_NAMED_AFTER_YUAN = ("人民币", "港币", "新台币", "台币")


# "家" counts companies when what follows is one (or nothing): "30家公司", "三家机构", "12家。"
# "800多家医院" counts hospitals, which the registry has no unit for.
_COMPANY_LIKE = "(?:公司|企业|机构|厂商|初创|上市|创业|供应商|银行|券商|基金|投资方|合作伙伴)"
# Words that make "人" a count of staff: "团队300人", "员工……其中两百人".
_STAFF = re.compile(r"员工|雇员|团队|人员|工程师|研究员|职员|裁员|招聘|在职|全职")
_SENTENCE_END = "。！？；\n"


def normalise(text: str) -> str:
    """Full-width digits and signs as ASCII, character for character."""
    return text.translate(_FULL_WIDTH)


def _alternation(forms) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)


def _longest(forms) -> list[str]:
    return sorted(set(forms), key=len, reverse=True)


def _nouns() -> str:
    """The count nouns as a regex ("股" only where it counts shares, not 股东 or 股价)."""
    forms = _longest(n for forms in ZH_COUNT_NOUNS.values() for n in forms)
    return "|".join("股(?![东价权市票])" if f == "股" else re.escape(f) for f in forms)


def _build_pattern() -> re.Pattern[str]:
    digits = "".join(DIGITS)
    cn = (
        rf"(?:[{digits}十][{digits}十百千万亿]*(?:点[{digits}]+[万亿]*)?"
        r"|[百千](?:万亿|亿|万)|万亿)"
    )
    arabic = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?![0-9]|[.,/:][0-9])"
    quals = "|".join(
        (rf"(?<![{_NOT_ABOUT}])约" if w == "约" else rf"(?<![{_NOT_NEARLY}])近" if w == "近" else w)
        for w in _longest(ZH_QUALIFIER_WORDS)
    )
    scales = "|".join(
        {"千": "千(?![米克瓦])", "百": "百(?![米分])"}.get(s, s) for s in _longest(ZH_SCALES)
    )
    ascii_suffixes = [f for f in currency_suffix_forms() if f.isascii()]
    sign_suffixes = [f for f in currency_suffix_forms() if not f.isascii()]
    prefixes = _alternation(_longest([*currency_prefix_forms(), *_ZH_PREFIXES]))
    nouns = _nouns()
    measures = "".join(ZH_MEASURE_WORDS)
    counting = "".join(m for m, unit in ZH_MEASURE_WORDS.items() if unit)
    english_units = _alternation(unit_forms())
    after = "|".join("上下(?!游)" if w == "上下" else w for w in _longest(ZH_AFTER_WORDS))
    end = r"(?:(?<=[0-9A-Za-z])(?![0-9A-Za-z_]|[.,/:][0-9])|(?<![0-9A-Za-z]))"
    pattern = rf"""
        (?<![0-9A-Za-z./$€£¥￥₹₩%+_])(?<![0-9],)(?<![A-Za-z]-)
        (?:(?P<qual>{quals})(?:了|为|达到|达|有)?(?:每[{measures}股])?)?
        (?:(?<![0-9])(?P<sign>[-−]))?
        (?:(?P<prefix>{prefixes})\s?)?
        (?:
            百分之(?:(?P<pctof_cn>{cn})|(?P<pctof_ar>{arabic})|(?P<pctof_all>百))
          | (?<![第几数{digits}十])(?P<cheng>[一二两三四五六七八九])成
                (?P<cheng_tenth>[一二三四五六七八九](?!成))?(?!员|本|立|功|长|交|不变)
          | 翻了?(?:(?P<fan>[一两二三四五六七八九])番|番)
          | (?:(?<![第几数上成])(?P<cn>{cn})(?!几)|(?<!第)(?P<ar>{arabic}))
            (?!\s*(?:[年月号]|日(?![元圆])))
            (?P<more1>[{_MORE}](?![0-9]))?
            (?P<scale>{scales})?
            (?P<more2>[{_MORE}])?
            (?:
                \s*(?P<pct>%)
              | (?P<pp>个百分点|百分点)
              | (?P<times>倍)
              | \s*元(?P<named>{_alternation(_longest(_NAMED_AFTER_YUAN))})
              | \s*(?P<suffix>{_alternation(currency_zh_forms())}|{_alternation(sign_suffixes)})
              | \s*(?P<asuffix>{_alternation(ascii_suffixes)})(?![A-Za-z])
              | (?P<measure>[{measures}])?(?P<noun>{nouns})
              | (?P<counter>人(?![民次均])|台(?!币)|家(?=[\u4e00-\u9fff]{{0,2}}?{_COMPANY_LIKE}|[^\u4e00-\u9fff]|$)
                  |[{counting.replace("人", "").replace("台", "").replace("家", "")}])
              | \s*(?P<unit>{english_units})(?![A-Za-z])
            )?
        )
        (?P<after>{after})?
        {end}
    """
    return re.compile(pattern, re.VERBOSE)


ZH_FIGURE_RE = _build_pattern()
# "用户已突破3亿", "参数量为700亿", "门店2300余家": the noun the number counts, written before it.
_NOUN_BEFORE = re.compile(
    rf"(?:{_nouns()})(?:数量|人数|总数|规模|数|量)?(?:已经|已|共|累计|总计)?"
    r"(?:突破|超过|达到|达|为|有)?$"
)
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_ONLY_BEFORE = re.compile(r"(?:仅|只|只有|仅有|唯一|至少|最多)$")


def has_chinese(text: str) -> bool:
    """True when `text` holds a CJK character or a full-width form."""
    return bool(_CJK.search(text))


def _qualifier(m: re.Match[str]) -> str:
    if m.group("qual"):
        return ZH_QUALIFIER_WORDS[m.group("qual")]
    if m.group("more1") or m.group("more2"):
        return "over"
    if m.group("after"):
        return ZH_AFTER_WORDS[m.group("after")]
    return "exact"


def _unit(m: re.Match[str], text: str) -> tuple[str, bool] | None:
    """The unit and whether it is a lone "¥"; None when prefix and suffix disagree."""
    if m.group("pct") or m.group("pctof_cn") or m.group("pctof_ar") or m.group("pctof_all"):
        return "%", False
    if m.group("cheng"):
        return "%", False
    if m.group("pp"):
        return "pp", False
    if m.group("times") or m.group("fan") is not None or m.group(0).endswith("番"):
        return "×", False
    prefix = m.group("prefix")
    suffix = m.group("named") or m.group("suffix") or m.group("asuffix")
    before = currency_code(prefix) if prefix else None
    after = currency_code(suffix) if suffix else None
    if before and after and before != after and suffix != _YUAN:
        return None  # "US$100亿元" says two currencies
    if before:
        return before, prefix in AMBIGUOUS_YEN
    if after:
        return after, suffix in AMBIGUOUS_YEN
    if m.group("noun"):
        return normalise_unit(m.group("noun")), False
    if m.group("unit"):
        return normalise_unit(m.group("unit")), False
    before_noun = _NOUN_BEFORE.search(text, max(0, m.start() - 12), m.start())
    if before_noun:  # the noun before says more than a measure word's default
        return normalise_unit(_noun_of(before_noun.group(0))), False
    if m.group("counter") == "人" and _speaks_of_staff(text, m.start()):
        return "employees", False
    if m.group("counter"):
        return ZH_MEASURE_WORDS[m.group("counter")], False
    return "", False


def _speaks_of_staff(text: str, at: int) -> bool:
    """True when the words just before `at`, in the same sentence, are about staff."""
    window = text[max(0, at - 20) : at]
    for stop in _SENTENCE_END:
        window = window.rpartition(stop)[2]
    return bool(_STAFF.search(window))


def _noun_of(phrase: str) -> str:
    return next(
        form
        for form in _longest(n for forms in ZH_COUNT_NOUNS.values() for n in forms)
        if phrase.startswith(form)
    )


def _number(m: re.Match[str]) -> tuple[str, Decimal, bool] | None:
    """(mantissa, scale, spelled in Chinese numerals) for the number in the match."""
    if m.group("pctof_all"):
        return "100", Decimal(1), True
    if m.group("cheng"):
        tenths = DIGITS[m.group("cheng")] * 10
        if m.group("cheng_tenth"):
            tenths += DIGITS[m.group("cheng_tenth")]
        return str(tenths), Decimal(1), True
    if m.group(0).endswith("番"):
        doublings = DIGITS[m.group("fan")] if m.group("fan") else 1
        return str(2**doublings), Decimal(1), True
    arabic = m.group("ar") or m.group("pctof_ar")
    spelled = m.group("cn") or m.group("pctof_cn")
    scale = ZH_SCALES[m.group("scale")] if m.group("scale") else Decimal(1)
    if arabic:
        return arabic.replace(",", ""), scale, False
    if not spelled:
        return None
    # "三百五十亿" is 350 written at the 亿 scale, like "350亿"; "一亿两千万" is 12000 万.
    body = spelled.rstrip("万亿")
    tail = spelled[len(body) :]
    tail_scale = Decimal(1)
    for char in tail:
        tail_scale *= ZH_SCALES[char]
    if "点" in body:
        decimal = parse_numeral(body)
        value = decimal * tail_scale if decimal is not None else None
    else:
        integer = parse_numeral(spelled)
        value = integer if integer is not None else None
    if value is None:
        return None
    return f"{(value / tail_scale).normalize():f}", scale * tail_scale, True


def _indefinite(m: re.Match[str], text: str) -> bool:
    """ "一家公司" is "a company"; "仅一家", "至少一家" and "1家" count."""
    if m.group("cn") != "一" or m.group("qual") or m.group("more1") or m.group("more2"):
        return False
    if not (m.group("counter") or m.group("measure")):
        return False
    return not _ONLY_BEFORE.search(text[max(0, m.start() - 2) : m.start()])


def chinese_match(m: re.Match[str], text: str, offset: int = 0) -> Match | None:
    """Turn a Chinese-grammar match (on `normalise`d text) into a Match, or None.

    `text` is the original text the match was made on (for the figure's words).
    """
    number = _number(m)
    unit = _unit(m, text)
    if number is None or unit is None:
        return None
    mantissa, scale, spelled = number
    value = matched_value(m, mantissa, scale)
    if value is None:
        return None
    figure = Figure(
        value=value,
        unit=unit[0],
        qualifier=_qualifier(m),
        text=text[m.start() : m.end()],
        start=m.start() + offset,
        end=m.end() + offset,
    )
    return Match(
        figure,
        mantissa,
        scale,
        unit[1],
        False,
        spelled=spelled,
        indefinite=_indefinite(m, text),
    )


def parse_chinese(text: str) -> Match | None:
    """The whole of `text` as one Chinese figure, or None."""
    m = ZH_FIGURE_RE.fullmatch(normalise(text))
    match = chinese_match(m, text) if m else None
    if match is not None and match.yen_ambiguous:
        # A lone "¥" in a Chinese figure is the yuan (a Chinese desk writes yen as 日元).
        # In an article the finder decides from the sentence instead.
        figure = replace(match.figure, unit="CNY")
        match = replace(match, figure=figure, yen_ambiguous=False)
    return match


def find_chinese(text: str) -> list[Match]:
    """Every figure the Chinese grammar reads in `text` that has Chinese in or around it.

    Figures in English text ("5.1%", "$157 billion") are the English grammar's.
    """
    found = []
    for m in ZH_FIGURE_RE.finditer(normalise(text)):
        around = text[max(0, m.start() - 1) : m.end() + 1]
        if not has_chinese(around):
            continue
        match = chinese_match(m, text)
        if match is not None:
            found.append(match)
    return found


__all__ = ["ZH_FIGURE_RE", "chinese_match", "find_chinese", "normalise", "parse_chinese"]
