"""factory_boy factories for the desk's models.

`ClaimFactory` makes an unverified claim; `PublishedClaimFactory` a verified, sourced,
published one, built the way the desk would (the services are not bypassed for the rules
they enforce: tests of those rules call the services directly).
"""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from companies.models import Company, CompanyAlias, CompanyGroup
from factcheck.models import Article, Claim, Source, Status
from factcheck.roles import ensure_roles


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
