import pytest

from companies.models import Company
from tests.factories import CompanyAliasFactory, CompanyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zero_one():
    company = CompanyFactory(name="01.AI", slug="01-ai")
    CompanyAliasFactory(company=company, name="ZeroOne AI")
    CompanyAliasFactory(company=company, name="LeadOne AI")
    return company


@pytest.mark.parametrize(
    "text", ["01.AI", "01.ai", "01-ai", "ZeroOne AI", "leadone ai", "  LeadOne AI "]
)
def test_lookup_by_name_slug_or_alias_ignoring_case(zero_one, text):
    assert Company.objects.lookup(text) == zero_one


@pytest.mark.parametrize("text", ["", "Zhipu A1", "ZeroOne"])
def test_lookup_of_an_unknown_name_is_none(zero_one, text):
    assert Company.objects.lookup(text) is None


def test_name_index_maps_every_name_in_two_queries(zero_one, django_assert_num_queries):
    CompanyFactory(name="SenseTime", slug="sensetime")
    with django_assert_num_queries(2):
        index = Company.objects.name_index()
    assert index["zeroone ai"] == zero_one and index["01-ai"] == zero_one
    assert index["sensetime"].name == "SenseTime"


def test_a_nul_character_matches_no_company(db):
    # PostgreSQL refuses NUL in text; a query string or CSV cell may carry one.
    assert Company.objects.lookup("Open\x00AI") is None
