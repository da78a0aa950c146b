"""The demo-like desk the public-site tests share (also used by the browser tests)."""

import datetime as dt
from decimal import Decimal

from factcheck.models import Status
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    CompanyFactory,
    CompanyGroupFactory,
    PublishedClaimFactory,
    VerdictClaimFactory,
)

ARTICLE_TEXT = (
    "Lumen Robotics had a quiet spring.\n"
    "Its valuation reached $3 billion in March, the company said. Investors cheered.\n"
    "Revenue fell to RMB 120 million, a drop that surprised analysts.\n"
    "A rival, Quill Labs, claims 40,000 GPUs."
)


def build_desk() -> dict:
    """Two companies in a group, one article with text, public and non-public claims."""
    group = CompanyGroupFactory(name="Test Tigers", slug="test-tigers")
    lumen = CompanyFactory(name="Lumen Robotics", slug="lumen-robotics")
    quill = CompanyFactory(name="Quill Labs", slug="quill-labs")
    lumen.groups.add(group)
    quill.groups.add(group)
    article = ArticleFactory(
        title="Robots and money",
        slug="robots-and-money",
        author="Ann Author",
        publication="The Test Gazette",
        published_on=dt.date(2024, 10, 15),
        url="https://news.example.org/robots",
        text=ARTICLE_TEXT,
    )
    valuation = PublishedClaimFactory(
        article=article,
        company=lumen,
        quote="Its valuation reached $3 billion",
        metric="valuation",
        value=Decimal("3000000000"),
        unit="USD",
        usd_value=Decimal("3000000000"),
        as_of=dt.date(2024, 3, 31),
    )
    earlier = PublishedClaimFactory(
        article=article,
        company=lumen,
        quote="valued at $1.5 billion a year earlier",
        metric="valuation",
        value=Decimal("1500000000"),
        unit="USD",
        usd_value=Decimal("1500000000"),
        as_of=dt.date(2023, 3, 31),
    )
    revenue = PublishedClaimFactory(
        article=article,
        company=lumen,
        quote="Revenue fell to RMB 120 million",
        metric="revenue",
        value=Decimal("120000000"),
        unit="CNY",
        usd_value=Decimal("16600000"),
        as_of=dt.date(2023, 12, 31),
        period="FY2023",
        status=Status.INACCURATE,
        corrected_value=Decimal("102000000"),
        note="The annual report gives RMB 102 million.",
    )
    gpus = PublishedClaimFactory(
        article=article,
        company=quill,
        quote="claims 40,000 GPUs",
        metric="compute",
        value=Decimal("40000"),
        unit="GPUs",
        as_of=None,
        status=Status.UNVERIFIABLE,
    )
    draft = ClaimFactory(
        article=article, company=quill, quote="Investors cheered", metric="other", value=1, unit=""
    )
    unpublished = VerdictClaimFactory(
        article=article,
        company=quill,
        quote="A rival, Quill Labs",
        metric="funding",
        value=Decimal("999000000"),
        unit="USD",
    )
    return {
        "group": group,
        "lumen": lumen,
        "quill": quill,
        "article": article,
        "valuation": valuation,
        "earlier": earlier,
        "revenue": revenue,
        "gpus": gpus,
        "draft": draft,
        "unpublished": unpublished,
        "public": [valuation, earlier, revenue, gpus],
    }
