"""check_figures: every check recomputed, the failing ones listed with their claims, exit 1."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from factcheck.models import FigureCheck

pytestmark = pytest.mark.django_db

SENSETIME_WORKING = (
    "From HK$320 billion to HK$53.7 billion is a fall of 83.2%; "
    "the article says 80%, which does not hold."
)


def test_check_figures_lists_the_failures_and_exits_non_zero(demo_desk):
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
    assert SENSETIME_WORKING in printed


def test_check_figures_exits_zero_when_everything_holds(demo_desk):
    FigureCheck.objects.filter(outcome="fails").delete()
    out = StringIO()
    call_command("check_figures", stdout=out)
    assert "3 checks: 2 hold, 0 fail, 0 cannot be computed, 1 show working only." in out.getvalue()
    assert "Every check holds." in out.getvalue()
