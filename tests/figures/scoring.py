"""Recall and precision of find_figures against a hand-written list of figures."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from factcheck.figures import find_figures

Expected = list[tuple[Decimal, str, str]]


@dataclass(frozen=True)
class Score:
    """How many expected figures were found (value and unit), and how many finds were wrong."""

    expected: int
    found: int
    right: int
    missed: list[tuple[Decimal, str]]
    wrong: list[str]

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0


def score(text: str, expected: Expected) -> Score:
    """Match found figures to expected ones on (value, unit), each expected figure once."""
    want = Counter((value.normalize(), unit) for value, unit, _ in expected)
    right = 0
    wrong = []
    found = find_figures(text)
    for candidate in found:
        key = (candidate.figure.value.normalize(), candidate.figure.unit)
        if want[key] > 0:
            want[key] -= 1
            right += 1
        else:
            wrong.append(candidate.figure.text)
    missed = [key for key, count in want.items() for _ in range(count)]
    return Score(len(expected), len(found), right, missed, wrong)


def qualifiers_right(text: str, expected: Expected) -> int:
    """How many expected (value, unit, qualifier) triples were found exactly."""
    want = Counter((value.normalize(), unit, qualifier) for value, unit, qualifier in expected)
    got = Counter(
        (c.figure.value.normalize(), c.figure.unit, c.figure.qualifier) for c in find_figures(text)
    )
    return sum((want & got).values())
