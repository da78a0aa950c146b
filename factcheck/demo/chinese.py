"""The demo desk's Chinese article: written for the demo by the project's authors.

A short news piece in Simplified Chinese on the AI companies' figures, with its claims
(quoted as the text words them, so the article page marks them), sources and one
arithmetic slip: 智谱AI's valuation is said to rise 80% from about 20 to about 30 billion
yuan, which is 50%. The figures follow the public sources named; the article itself, its
author and its publication are the demo's own (example.com addresses).
"""

import datetime as dt

ARTICLE = {
    "slug": "ai-ledger-zh",
    "title": "大模型公司的账本：估值攀升与亏损并存",
    "author": "林晓",
    "publication": "示例财经",
    "published_on": dt.date(2024, 11, 20),
    "url": "https://news.example.com/2024/11/ai-ledger",
    "language": "zh-hans",
}

TEXT = """\
2024年，中国大模型创业公司的融资节奏明显加快。月之暗面在年初完成新一轮融资后，估值达到约25亿美元，成为资本市场关注的焦点。

智谱AI同样受到投资者追捧。2023年，公司估值约人民币200亿元；到2024年已升至约人民币300亿元，涨幅高达80%。

已上市的公司处境则截然不同。商汤科技2024年上半年亏损24.77亿元，仍在为算力投入买单；而英伟达在2025财年第二季度的净利润达到166亿美元，同比增长168%。

市场研究机构的预测依然乐观。国际数据公司预计，到2027年全球生成式人工智能解决方案支出将达到1430亿美元。
"""

# Sources beside the seed article's (demo/data.py SOURCES): url, title, publisher,
# published_on, kind, excerpt.
SOURCES = {
    "moonshot-round-zh": (
        "https://finance.example.com/2024/02/moonshot-round",
        "月之暗面完成新一轮融资",
        "示例财经",
        dt.date(2024, 2, 19),
        "news",
        "报道称，月之暗面本轮融资后估值约25亿美元。",
    ),
    "zhipu-2023-zh": (
        "https://finance.example.com/2023/10/zhipu-valuation",
        "智谱AI年内累计融资逾25亿元",
        "示例财经",
        dt.date(2023, 10, 20),
        "news",
        "报道称，智谱AI估值约人民币200亿元。",
    ),
    "zhipu-2024-zh": (
        "https://finance.example.com/2024/09/zhipu-valuation",
        "智谱AI估值升至约300亿元",
        "示例财经",
        dt.date(2024, 9, 12),
        "news",
        "报道称，智谱AI最新估值约人民币300亿元，较2023年上升约五成。",
    ),
}

# As demo/data.py CLAIMS: key, company slug, quote, metric, value as written, as_of,
# period, status, note, corrected value as written, source keys, published?
CLAIMS = [
    (
        "zh-moonshot-valuation",
        "moonshot-ai",
        "估值达到约25亿美元",
        "valuation",
        "约25亿美元",
        dt.date(2024, 2, 19),
        "",
        "verified",
        "融资报道给出的估值约为25亿美元。",
        "",
        ["moonshot-round-zh"],
        True,
    ),
    (
        "zh-zhipu-2023",
        "zhipu-ai",
        "公司估值约人民币200亿元",
        "valuation",
        "约人民币200亿元",
        dt.date(2023, 10, 20),
        "",
        "verified",
        "2023年的报道给出约人民币200亿元。",
        "",
        ["zhipu-2023-zh"],
        True,
    ),
    (
        "zh-zhipu-2024",
        "zhipu-ai",
        "已升至约人民币300亿元",
        "valuation",
        "约人民币300亿元",
        dt.date(2024, 9, 12),
        "",
        "verified",
        "2024年的报道给出约人民币300亿元。",
        "",
        ["zhipu-2024-zh"],
        True,
    ),
    (
        "zh-zhipu-rise",
        "zhipu-ai",
        "涨幅高达80%",
        "change",
        "80%",
        dt.date(2024, 9, 12),
        "",
        "inaccurate",
        "从约200亿元升至约300亿元，涨幅为50%，不是80%。",
        "50%",
        ["zhipu-2023-zh", "zhipu-2024-zh"],
        True,
    ),
    (
        "zh-sensetime-loss",
        "sensetime",
        "亏损24.77亿元",
        "net_loss",
        "24.77亿元",
        dt.date(2024, 6, 30),
        "H1 2024",
        "verified",
        "商汤2024年中期业绩公告：期内亏损人民币24.77亿元。",
        "",
        ["hkexnews-sensetime"],
        True,
    ),
    (
        "zh-nvidia-income",
        "nvidia",
        "净利润达到166亿美元",
        "net_income",
        "166亿美元",
        dt.date(2024, 7, 28),
        "Q2 FY2025",
        "verified",
        "英伟达2025财年第二季度业绩公告：GAAP净利润166亿美元。",
        "",
        ["nvidia-q2fy25"],
        True,
    ),
    (
        "zh-nvidia-growth",
        "nvidia",
        "同比增长168%",
        "change",
        "168%",
        dt.date(2024, 7, 28),
        "Q2 FY2025",
        "verified",
        "同一公告：净利润同比增长168%。",
        "",
        ["nvidia-q2fy25"],
        True,
    ),
    (
        "zh-idc-forecast",
        "idc",
        "将达到1430亿美元",
        "forecast",
        "1430亿美元",
        dt.date(2027, 12, 31),
        "2027",
        "verified",
        "IDC的预测原文为2027年1430亿美元。",
        "",
        ["idc-genai"],
        True,
    ),
]

# As demo/data.py CHECKS: kind, operand claim keys, stated claim key, label.
CHECKS = [
    (
        "percent_change",
        ["zh-zhipu-2023", "zh-zhipu-2024"],
        "zh-zhipu-rise",
        "智谱AI估值的涨幅",
    ),
]
