"""The demo desk carries the seed's checks, failing and holding as the issue says."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from factcheck import fx
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


@pytest.fixture
def demo(tmp_path):
    text = tmp_path / "article.txt"
    text.write_text("A test article of our own.")
    call_command("load_demo", "--article-text", str(text), stdout=StringIO())
    return text


def test_the_demo_checks_fail_and_hold_as_the_issue_says(demo):
    found = {c.label: (c.outcome, c.working) for c in FigureCheck.objects.all()}
    assert found == EXPECTED


def test_loading_again_recomputes_nothing(demo):
    before = list(FigureCheck.objects.order_by("pk").values_list("pk", "computed_at"))
    call_command("load_demo", "--article-text", str(demo), stdout=StringIO())
    assert list(FigureCheck.objects.order_by("pk").values_list("pk", "computed_at")) == before


def test_demo_money_figures_have_their_usd_value_and_note(demo):
    rmb = Claim.objects.get(quote="(approximately RMB 24 trillion)")
    assert fx.usd_note(rmb) == "≈ $3.37 trillion at the ECB reference rate of 15 Oct 2024"
    money = Claim.objects.exclude(unit__in=["", "%", "models", "GPUs", "PFLOPS"])
    assert money.exists() and not money.filter(usd_value__isnull=True).exists()


def test_check_figures_lists_the_failures_and_exits_non_zero(demo):
    out = StringIO()
    with pytest.raises(CommandError, match="3 check") as error:
        call_command("check_figures", stdout=out)
    assert error.value.returncode == 1
    printed = out.getvalue()
    assert "6 checks: 2 hold, 3 fail, 0 cannot be computed, 1 show working only." in printed
    assert printed.count("FAILS  check") == 3
    assert "  stated:   claim" in printed and "“representing an 80% decrease”" in printed
    assert "  from:     claim" in printed and "over HK$320 billion" in printed
    assert "  expected: 83.22%" in printed
    assert EXPECTED["SenseTime's fall in market value"][1] in printed


def test_check_figures_exits_zero_when_everything_holds(demo):
    FigureCheck.objects.filter(outcome="fails").delete()
    out = StringIO()
    call_command("check_figures", stdout=out)
    assert "3 checks: 2 hold, 0 fail, 0 cannot be computed, 1 show working only." in out.getvalue()
    assert "Every check holds." in out.getvalue()
