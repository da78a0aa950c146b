"""Hand-written answers for the metric and date guesses on two articles of our own.

tests/data/articles/halden-robotics.txt and yunqi-ai-zh.txt were written with traps: a
sentence that raises money *at* a valuation, dates as months, quarters and days, a
figure that lost money "a year before" (its date is not the one in the sentence), a
forecast "by 2027". Each row: the figure as written, the metric it measures, and the
date it refers to as the claims CSV writes it (None: the sentence names none). The
answers are what the figures mean, not what the guesser said; the misses are scored.
"""

GUESS_SAMPLES = {
    "halden-robotics.txt": [
        ("$600 million", "funding", "2024-02"),
        ("$2.5 billion", "valuation", "2024-02"),
        ("$400 million", "valuation", "2021"),
        ("$112 million", "revenue", "2023-Q3"),
        ("41 percent", "change", "2023-Q3"),
        ("$37 million", "net_loss", "2023-Q3"),
        ("$52 million", "net_loss", "2022-Q3"),  # "a year before" the quarter named
        ("$210 million", "net_income", "2023"),
        ("$3.1 billion", "revenue", "2023"),
        ("$18.4 billion", "market_cap", "2024-10-15"),
        ("$42.17", "share_price", "2024-10-15"),
        ("$3.42 trillion", "market_cap", "2024-10"),
        ("more than $3 billion", "valuation", None),  # "today": the sentence names no date
        ("$1 billion", "forecast", "2027"),  # "by 2027"
    ],
    "yunqi-ai-zh.txt": [
        ("6亿美元", "funding", "2024-02"),
        ("25亿美元", "valuation", "2024-02"),
        ("12亿元", "revenue", "2023"),
        ("3.5亿元", "net_loss", "2023"),
        ("300亿港元", "market_cap", "2024-10-15"),
        ("15.2港元", "share_price", "2024-10-15"),
        ("2000万元", "net_income", "2023-Q3"),
    ],
}
