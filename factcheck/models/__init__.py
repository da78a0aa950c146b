"""The desk's data: articles, the claims they make, sources, corrections, FX rates, checks."""

from .articles import Article
from .checks import CheckOperand, FigureCheck
from .claims import Claim, ClaimQuerySet, Metric, Qualifier, Status
from .corrections import Correction
from .fx import FxRate
from .reports import ReaderReport
from .sources import Source

__all__ = [
    "Article",
    "CheckOperand",
    "Claim",
    "ClaimQuerySet",
    "Correction",
    "FigureCheck",
    "FxRate",
    "Metric",
    "Qualifier",
    "ReaderReport",
    "Source",
    "Status",
]
