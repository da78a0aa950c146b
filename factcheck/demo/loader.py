"""Builds the demo desk from factcheck.demo.data, idempotently, through the services.

Claims are entered by the demo editor, reviewed by the demo fact-checker and published by
the demo publisher, so the demo shows the same trail (history, reviewer, two-person rule)
a real desk would.
"""

from collections import Counter

from django.contrib.auth.models import Group, User
from django.db import transaction

from companies.models import Company, CompanyAlias, CompanyGroup
from factcheck import figure_checks, figures, fx_rates, services
from factcheck.models import Article, CheckOperand, Claim, FigureCheck, Source, Status
from factcheck.roles import ensure_roles

from . import chinese, data


def load_users() -> dict[str, User]:
    ensure_roles()
    users = {}
    for username, role, password in data.USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "email": f"{username}@example.org"}
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    return users


def load_companies(counts: Counter) -> dict[str, Company]:
    groups = {}
    for name, slug, description in data.GROUPS:
        groups[slug], created = CompanyGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        counts["groups created" if created else "groups unchanged"] += 1
    companies = {}
    for (
        name,
        slug,
        kind,
        country,
        ticker,
        website,
        description,
        aliases,
        group_slugs,
    ) in data.COMPANIES:
        company, created = Company.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "country": country,
                "ticker": ticker,
                "website": website,
                "description": description,
            },
        )
        counts["companies created" if created else "companies unchanged"] += 1
        for alias in aliases:
            if not CompanyAlias.objects.filter(name__iexact=alias).exists():
                CompanyAlias.objects.create(company=company, name=alias)
        company.groups.add(*(groups[g] for g in group_slugs))
        companies[slug] = company
    return companies


def load_article(text: str | None, counts: Counter) -> Article:
    meta = dict(data.ARTICLE)
    article, created = Article.objects.get_or_create(slug=meta.pop("slug"), defaults=meta)
    counts["articles created" if created else "articles unchanged"] += 1
    if text and not article.text:
        article.text = text
        article.save(update_fields=["text", "updated_at"])
        counts["article text loaded"] += 1
    return article


# Every source the demo's claims cite, the seed article's and the Chinese article's.
ALL_SOURCES = {**data.SOURCES, **chinese.SOURCES}


def _add_sources(claim: Claim, keys: list[str], *, status: str, user) -> None:
    """The claim's sources, through the services; they contradict a claim found inaccurate."""
    stance = Source.Stance.CONTRADICTS if status == Status.INACCURATE else Source.Stance.SUPPORTS
    for key in keys:
        url, title, publisher, published_on, kind, excerpt = ALL_SOURCES[key]
        source = Source(
            claim=claim,
            url=url,
            title=title,
            publisher=publisher,
            published_on=published_on,
            kind=kind,
            excerpt=excerpt,
            stance=stance,
        )
        services.save_source(source=source, user=user)


def _enter_claim(row, article, companies, users) -> Claim:
    (
        _,
        company,
        quote,
        metric,
        written,
        as_of,
        period,
        status,
        note,
        corrected,
        sources,
        publish,
    ) = row
    figure = figures.parse_figure_strict(written)
    claim = services.save_claim(
        claim=Claim(
            article=article,
            company=companies.get(company),
            quote=quote,
            metric=metric,
            value=figure.value,
            unit=figure.unit,
            qualifier=figure.qualifier,
            as_of=as_of,
            period=period,
        ),
        user=users["Editor"],
    )
    _add_sources(claim, sources, status=status, user=users["Editor"])
    claim.refresh_from_db()
    if status == Status.UNVERIFIED:
        return claim
    claim = services.send_to_review(claim=claim, user=users["Editor"])
    if status == Status.IN_REVIEW:
        return claim
    claim = services.give_verdict(
        claim=claim,
        reviewer=users["Fact-checker"],
        status=status,
        note=note,
        corrected_value=figures.parse_figure_strict(corrected).value if corrected else None,
    )
    if publish:
        claim = services.publish_claim(claim=claim, user=users["Publisher"])
    return claim


def load_claims(
    article, companies, users, counts: Counter, *, rows=data.CLAIMS, label: str = "claims"
) -> dict[str, Claim]:
    claims = {}
    for row in rows:
        key, quote = row[0], row[2]
        existing = Claim.objects.filter(article=article, quote=quote).first()
        if existing is not None:
            claims[key] = existing
            counts[f"{label} unchanged"] += 1
            continue
        claims[key] = _enter_claim(row, article, companies, users)
        counts[f"{label} created"] += 1
    return claims


def load_chinese_article(companies, users, counts: Counter) -> dict[str, Claim]:
    """The demo's Chinese article (demo/chinese.py), its claims and its arithmetic check."""
    meta = dict(chinese.ARTICLE)
    article, created = Article.objects.get_or_create(
        slug=meta.pop("slug"), defaults={**meta, "text": chinese.TEXT}
    )
    counts["Chinese articles created" if created else "Chinese articles unchanged"] += 1
    claims = load_claims(
        article, companies, users, counts, rows=chinese.CLAIMS, label="Chinese claims"
    )
    load_checks(claims, counts, rows=chinese.CHECKS)
    return claims


def demo_currencies() -> set[str]:
    """The currencies the demo's figures are in, and the dollar every conversion goes through."""
    rows = [*data.CLAIMS, *chinese.CLAIMS]
    units = {figures.parse_figure_strict(row[4]).unit for row in rows}
    return {unit for unit in units if figures.is_currency(unit)} | {"USD"}


def load_fx_rates(counts: Counter) -> None:
    """Every ECB rate, from 4 Jan 1999, for the demo's currencies (and the dollar).

    The whole history, not just the demo's years: a figure an editor adds to the demo desk
    from any date since 1999 has its ≈ USD. Measured on SQLite: the demo currencies' 20,000
    rates take about 2 s; every currency (220,000) takes 20 s, which `manage.py load_fx` loads.
    Claims stored before their rates were there get their ≈ USD now.
    """
    report = fx_rates.load_ecb_rates(currencies=sorted(demo_currencies()))
    counts["FX rates created"] += report.created
    counts["FX rates unchanged"] += report.unchanged + report.updated + report.kept
    if report.changed_currencies:
        fx_rates.refresh_usd_values(report.changed_currencies)


def load_checks(
    claims: dict[str, Claim], counts: Counter, *, rows=data.CHECKS
) -> list[FigureCheck]:
    """The articles' arithmetic checks, computed once (a second load changes nothing)."""
    loaded = []
    for kind, operand_keys, stated_key, label in rows:
        stated = claims[stated_key] if stated_key else None
        check, created = FigureCheck.objects.get_or_create(kind=kind, stated=stated, label=label)
        if created:
            for position, key in enumerate(operand_keys):
                CheckOperand.objects.create(check_ref=check, claim=claims[key], position=position)
        counts["checks created" if created else "checks unchanged"] += 1
        loaded.append(check)
    figure_checks.recompute(
        FigureCheck.objects.filter(pk__in=[c.pk for c in loaded], computed_at=None)
    )
    return loaded


@transaction.atomic
def load_demo(*, article_text: str | None = None) -> Counter:
    """Load everything; returns what was created and what was already there."""
    counts: Counter = Counter()
    users = load_users()
    load_fx_rates(counts)  # before the claims, whose ≈ USD is computed as they are saved
    companies = load_companies(counts)
    article = load_article(article_text, counts)
    claims = load_claims(article, companies, users, counts)
    load_checks(claims, counts)
    load_chinese_article(companies, users, counts)
    return counts
