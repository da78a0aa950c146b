"""Fixtures shared by the whole suite: users in each role, the public desk, a fresh cache."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import (
    ArticleFactory,
    CompanyAliasFactory,
    CompanyFactory,
    PublishedClaimFactory,
    UserFactory,
    build_desk,
)

DATA = Path(__file__).parent / "data"
CHINESE_TEXT = "深度求索本周公布新模型。公司估值约人民币300亿元，较去年翻了一番。"

# The cross-cutting suites: everything under tests/<name>/ carries the marker <name>, so
# `pytest -m security` runs one suite and `pytest -m "not browser"` leaves one out.
SUITES = ("browser", "replica", "scale", "security")


def pytest_collection_modifyitems(items):
    tests = Path(__file__).parent
    for item in items:
        parts = item.path.relative_to(tests).parts if item.path.is_relative_to(tests) else ()
        if parts and parts[0] in SUITES:
            item.add_marker(parts[0])


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def seed_article_text() -> str:
    """The seed article's text from ../shared/seed; tests that need it skip where it is absent."""
    path = Path(settings.FACTDESK_SEED_ARTICLE)
    if not path.exists():
        pytest.skip(f"the seed article is not at {path} (it is not copied into the repository)")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def editor(db):
    return UserFactory(username="edna", role="Editor")


@pytest.fixture
def fact_checker(db):
    return UserFactory(username="fiona", role="Fact-checker")


@pytest.fixture
def publisher(db):
    return UserFactory(username="pablo", role="Publisher")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True)


@pytest.fixture
def desk(db) -> dict:
    """The public site's small desk (tests.factories.build_desk): two companies in a group,
    an article with its text, four public claims, a draft and an unpublished verdict."""
    return build_desk()


@pytest.fixture
def chinese_claim(db):
    """A public claim quoted from a Chinese article, about a company with a Chinese alias."""
    company = CompanyFactory(name="DeepSeek Test", slug="deepseek-test")
    CompanyAliasFactory(company=company, name="深度求索")
    article = ArticleFactory(
        slug="zh-piece", title="模型公司估值", text=CHINESE_TEXT, language="zh-hans"
    )
    return PublishedClaimFactory(
        article=article,
        company=company,
        quote="公司估值约人民币300亿元",
        value=Decimal("30000000000"),
        unit="CNY",
        qualifier="about",
    )


@pytest.fixture
def role_users(editor, fact_checker, publisher):
    return {"editor": editor, "fact_checker": fact_checker, "publisher": publisher}


@pytest.fixture(autouse=True)
def _public_version_moves_per_statement(request):
    """Inside a test's one transaction, let the public version move at each statement.

    On PostgreSQL the triggers that raise it are deferred to commit (migration 0013), and a
    test that is not transactional never commits. Making them immediate for that
    transaction moves the version as each write happens, as the commits would have.
    """
    if "_django_db_helper" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.db import connection

    if connection.vendor == "postgresql" and connection.in_atomic_block:
        from factcheck.models.versions import VERSIONED_TABLES

        names = ", ".join(f"public_version_{table}" for table in VERSIONED_TABLES)
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")
    yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (a flushed database restarts the version at 1)."""
    from django.core.cache import cache

    from factcheck.middleware import LOCAL_PAGES

    cache.clear()
    LOCAL_PAGES.clear()
    yield
