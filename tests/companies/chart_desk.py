"""A company whose revenue a reader could be misled about: old yuan figures without a rate,
fiscal years beside a quarter, an inaccurate figure and an undated one."""

import datetime as dt
from decimal import Decimal

from factcheck.models import Status
from tests.factories import CompanyFactory, PublishedClaimFactory

# as_of, period, RMB billions, ≈ USD billions (None: no reference rate), status
REVENUE = [
    (dt.date(2003, 12, 31), "FY2003", "1.2", None, Status.VERIFIED),
    (dt.date(2004, 12, 31), "FY2004", "1.5", None, Status.VERIFIED),
    (dt.date(2019, 12, 31), "FY2019", "6.1", "0.876", Status.VERIFIED),
    (dt.date(2021, 12, 31), "FY2021", "9.4", "1.48", Status.VERIFIED),
    (dt.date(2022, 12, 31), "FY2022", "30", "4.35", Status.INACCURATE),
    (dt.date(2023, 12, 31), "FY2023", "12.7", "1.79", Status.VERIFIED),
    (dt.date(2024, 6, 30), "Q2 FY2024", "3.3", "0.454", Status.VERIFIED),
    (None, "", "8", "1.2", Status.VERIFIED),
]


def build_chart_desk():
    company = CompanyFactory(name="Pearl River AI", slug="pearl-river-ai")
    claims = []
    for as_of, period, rmb, usd, status in REVENUE:
        claims.append(
            PublishedClaimFactory(
                company=company,
                metric="revenue",
                quote=f"revenue of RMB {rmb} billion",
                value=Decimal(rmb) * 10**9,
                unit="CNY",
                usd_value=Decimal(usd) * 10**9 if usd else None,
                as_of=as_of,
                period=period,
                status=status,
                corrected_value=Decimal(13) * 10**9 if status == Status.INACCURATE else None,
            )
        )
    return company, claims
