"""Everything tests build: factory_boy factories, ready-made desks and the claim form's data.

`ClaimFactory` makes an unverified claim; `PublishedClaimFactory` a verified, sourced,
published one, built the way the desk would (the services are not bypassed for the rules
they enforce: tests of those rules call the services directly).

The ready-made desks are functions, so both a fixture (`desk` in tests/conftest.py) and a
test that needs its own copy can call them: `build_desk` (the public site's small desk),
`build_chart_desk` (a company whose revenue chart could mislead) and `hostile_desk`
(hostile text in every field). `claim_post` is the POST data of the claim admin form;
`figure_claim`, `make_check`, `FxRateFactory` and `write_ecb_zip` build figures as written,
arithmetic checks between them and exchange rates.
"""

import datetime as dt
import zipfile
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from companies.models import Company, CompanyAlias, CompanyGroup
from factcheck.figures import parse_figure_strict
from factcheck.models import Article, CheckOperand, Claim, FigureCheck, FxRate, Source, Status
from factcheck.roles import ensure_roles
from tests.security import hostile


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """UserFactory(role="Publisher") puts the user in that group."""
        if create and extracted:
            if not Group.objects.filter(name=extracted).exists():
                ensure_roles()  # a transactional test flushed the migration's groups
            self.groups.add(Group.objects.get(name=extracted))


class CompanyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyGroup
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.LazyAttribute(lambda g: g.name.lower().replace(" ", "-"))


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.LazyAttribute(lambda c: c.name.lower().replace(" ", "-").replace(".", ""))
    kind = Company.Kind.STARTUP
    country = "CN"


class CompanyAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyAlias

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        django_get_or_create = ["slug"]

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    author = "A. Writer"
    publication = "The Test Gazette"
    published_on = dt.date(2024, 10, 15)
    url = factory.Sequence(lambda n: f"https://news.example.org/article-{n}")


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    company = factory.SubFactory(CompanyFactory)
    quote = factory.Sequence(lambda n: f"Its valuation reached ${n + 1} billion.")
    metric = "valuation"
    value = factory.Sequence(lambda n: Decimal(n + 1) * 10**9)
    unit = "USD"
    qualifier = "exact"
    as_of = dt.date(2024, 10, 2)
    status = Status.UNVERIFIED
    created_by = factory.SubFactory(UserFactory)
    # Whoever entered it changed its basis, as services.save_claim records.
    basis_editors = factory.LazyAttribute(lambda c: [c.created_by.pk] if c.created_by else [])


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://ir.example.com/release-{n}")
    title = "Press release"
    publisher = "Example Corp"
    kind = Source.Kind.PRESS_RELEASE


class VerdictClaimFactory(ClaimFactory):
    """A claim with a source and a verdict, not yet published."""

    class Meta:
        skip_postgeneration_save = True

    status = Status.VERIFIED
    basis_editors = factory.LazyFunction(list)  # the verdict was given after the last change
    note = "Matches the company's press release."
    reviewed_by = factory.SubFactory(UserFactory)
    reviewed_at = factory.LazyFunction(timezone.now)
    source = factory.RelatedFactory(SourceFactory, factory_related_name="claim")


class PublishedClaimFactory(VerdictClaimFactory):
    """A verified, sourced claim that the public can see."""

    published_at = factory.LazyFunction(timezone.now)


# Ready-made desks

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


# A company whose revenue a reader could be misled about: old yuan figures without a rate,
# fiscal years beside a quarter, an inaccurate figure and an undated one.
# as_of, period, RMB billions, ≈ USD billions (None: no reference rate), status
PEARL_RIVER_REVENUE = [
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
    """Pearl River AI and its published revenue figures: returns (company, claims)."""
    company = CompanyFactory(name="Pearl River AI", slug="pearl-river-ai")
    claims = []
    for as_of, period, rmb, usd, status in PEARL_RIVER_REVENUE:
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


def hostile_desk(*, published: bool = True, status: str = Status.VERIFIED) -> Claim:
    """A company, article, claim and source with hostile text in every text field.

    Written with the ORM, past the forms' validation, as data that came in some other way
    (an old import, a restored dump): rendering must be safe whatever is stored.
    """
    company = Company.objects.create(
        name=(hostile.SCRIPT + hostile.RTL + " Corp")[:200],
        slug="hostile-corp",
        ticker=hostile.ATTRIBUTE[:40],
        description=hostile.ALL[:500],
        website=hostile.JS_URL,
    )
    article = Article.objects.create(
        title=(hostile.SCRIPT_CLOSE + hostile.ALL)[:300],
        slug="hostile-article",
        author=hostile.ATTRIBUTE[:200],
        publication=(hostile.SVG + hostile.RTL)[:200],
        url=hostile.JS_URL,
        text=f"{hostile.ALL}\nIts valuation reached {hostile.SCRIPT} billion.\n{hostile.LONG}",
    )
    claim = Claim.objects.create(
        article=article,
        company=company,
        quote=f"Its valuation reached {hostile.SCRIPT} billion. {hostile.ALL}",
        metric="valuation",
        value=Decimal("157000000000"),
        unit="USD",
        as_of=dt.date(2024, 10, 2),
        period=hostile.ATTRIBUTE[:40],
        note=hostile.ALL + hostile.LONG,
        status=status,
        published_at=timezone.now() if published else None,
    )
    Source.objects.create(
        claim=claim,
        url=hostile.JS_URL,
        archive_url=hostile.DATA_URL,
        title=(hostile.SCRIPT_CLOSE + hostile.ALL)[:300],
        publisher=hostile.ATTRIBUTE[:200],
        excerpt=hostile.ALL,
    )
    return claim


# Form data


def claim_post(
    *,
    quote="OpenAI's valuation reached $157 billion",
    value="$157 billion",
    unit="",
    sources=(),
    seen_version=None,
    initial_sources=0,
    **extra,
) -> dict:
    """The claim admin form's POST data: a valuation as written, `sources` as inline rows."""
    data = {
        "quote": quote,
        "metric": "valuation",
        "value": value,
        "unit": unit,
        "qualifier": "exact",
        "as_of": "2024-10-02",
        "period": "",
        "note": "",
        "corrected_value": "",
        "article": "",
        "company": "",
        "sources-TOTAL_FORMS": str(len(sources)),
        "sources-INITIAL_FORMS": str(initial_sources),
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    if seen_version is not None:
        data["seen_version"] = str(seen_version)
    for i, source in enumerate(sources):
        row = {
            "url": "",
            "kind": "press_release",
            "stance": "supports",
            "title": "",
            "publisher": "",
            "excerpt": "",
            "published_on": "",
            "accessed_on": "",
            "archive_url": "",
            **source,
        }
        for key, value_ in row.items():
            data[f"sources-{i}-{key}"] = value_
    data.update(extra)
    return data


# Figures, arithmetic checks and exchange rates (factcheck/figure_checks.py, fx_rates.py)

OCT_15 = dt.date(2024, 10, 15)


class FxRateFactory(factory.django.DjangoModelFactory):
    """A rate in the FX table; give `source` to make it one the desk amended or added."""

    class Meta:
        model = FxRate

    currency = "USD"
    date = OCT_15
    per_eur = Decimal("1.0903")
    source = "ECB reference rate"


def figure_claim(written: str, quote: str = "", as_of=OCT_15, **kwargs) -> Claim:
    """A claim of the figure as written ("HK$53.7 billion"), its quote saying it."""
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
    """An arithmetic check on these claims, in order; not computed yet."""
    check = FigureCheck.objects.create(kind=kind, stated=stated, label=label)
    for position, claim in enumerate(operands):
        CheckOperand.objects.create(check_ref=check, claim=claim, position=position)
    return check


def write_ecb_zip(path, rows: dict[str, dict[str, str]]):
    """An eurofxref-hist.zip laid out as the ECB's: one row a day, newest first, N/A gaps.

    `rows` maps ISO days to {currency: units per euro}.
    """
    codes = sorted({code for day in rows.values() for code in day})
    lines = ["Date," + ",".join(codes) + ","]
    for day in sorted(rows, reverse=True):
        lines.append(day + "," + ",".join(rows[day].get(c, "N/A") for c in codes) + ",")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("eurofxref-hist.csv", "\n".join(lines) + "\n")
    return path
