"""The demo desk carries the seed's checks, failing and holding as the issue says."""

from io import StringIO

import pytest
from django.core.management import call_command

from factcheck.figures import format_figure
from factcheck.models import Claim, FigureCheck

pytestmark = pytest.mark.django_db

EXPECTED = {
    "SenseTime's fall in market value": (
        "fails",
        "From HK$320 billion to HK$53.7 billion is a fall of 83.2%; "
        "the article says 80%, which does not hold.",
    ),
    "CloudWalk's loss of market value in yuan": (
        "holds",
        "RMB 46 billion − RMB 11.5 billion = RMB 34.5 billion; "
        "the article says over RMB 30 billion, which holds.",
    ),
    "CloudWalk's fall in market value in percent": (
        "fails",
        "From RMB 46 billion to RMB 11.5 billion is a fall of 75%; "
        "the article says 70%, which does not hold.",
    ),
    "NVIDIA's market cap in yuan": (
        "holds",
        "$3.39 trillion at 7.1149 CNY per USD (the ECB reference rate of 15 Oct 2024) is "
        "RMB 24.1 trillion; the article says about RMB 24 trillion, which holds.",
    ),
    "SenseTime's fall in share price": ("shown", "From HK$9.7 to HK$1.62 is a fall of 83.3%."),
    # The demo's own Chinese article carries a slip of its own (factcheck/demo/chinese.py).
    "智谱AI估值的涨幅": (
        "fails",
        "From RMB 20 billion to RMB 30 billion is a rise of 50%; "
        "the article says 80%, which does not hold.",
    ),
}


def test_the_demo_checks_fail_and_hold_as_the_issue_says(demo_desk):
    found = {c.label: (c.outcome, c.working) for c in FigureCheck.objects.all()}
    assert found == EXPECTED


def test_loading_again_recomputes_nothing(demo_desk):
    before = list(FigureCheck.objects.order_by("pk").values_list("pk", "computed_at"))
    call_command("load_demo", "--article-text", str(demo_desk), stdout=StringIO())
    assert list(FigureCheck.objects.order_by("pk").values_list("pk", "computed_at")) == before


def test_demo_money_figures_have_their_usd_value(demo_desk):
    rmb = Claim.objects.get(quote="(approximately RMB 24 trillion)")
    assert format_figure(rmb.usd_value, "USD", digits=3) == "$3.37 trillion"
    money = Claim.objects.exclude(unit__in=["", "%", "models", "GPUs", "PFLOPS"])
    assert money.exists() and not money.filter(usd_value__isnull=True).exists()
