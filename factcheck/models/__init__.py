"""The desk's data: articles, the claims they make, sources, corrections, FX rates, checks."""

from .articles import Article
from .checks import CheckOperand, FigureCheck
from .claims import Claim, ClaimQuerySet, Metric, Qualifier, Status
from .comments import Comment
from .corrections import Correction
from .fx import FxRate
from .reports import ReaderReport
from .retractions import Retraction
from .sources import Source
from .versions import PublicVersion

__all__ = [
    "Article",
    "CheckOperand",
    "Claim",
    "ClaimQuerySet",
    "Comment",
    "Correction",
    "FigureCheck",
    "FxRate",
    "Metric",
    "PublicVersion",
    "Qualifier",
    "ReaderReport",
    "Retraction",
    "Source",
    "Status",
]
