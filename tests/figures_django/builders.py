"""The seed article's checks, built from our own claims (factories, not the demo loader)."""

import datetime as dt

from factcheck.figures import parse_figure_strict
from factcheck.models import CheckOperand, Claim, FigureCheck
from tests.factories import ClaimFactory

OCT_15 = dt.date(2024, 10, 15)


def figure_claim(written: str, quote: str = "", as_of=OCT_15, **kwargs) -> Claim:
    figure = parse_figure_strict(written)
    return ClaimFactory(
        value=figure.value,
        unit=figure.unit,
        qualifier=figure.qualifier,
        quote=quote or f"The figure was {written}.",
        as_of=as_of,
        **kwargs,
    )


def make_check(kind: str, operands: list[Claim], stated: Claim | None, label="") -> FigureCheck:
    check = FigureCheck.objects.create(kind=kind, stated=stated, label=label)
    for position, claim in enumerate(operands):
        CheckOperand.objects.create(check_ref=check, claim=claim, position=position)
    return check
