"""Chinese names of the demo companies: lookup and the finder's name index know them."""

from collections import Counter

import pytest

from companies.models import Company
from factcheck import figures
from factcheck.demo.loader import load_companies

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_companies():
    return load_companies(Counter())


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("商汤科技", "sensetime"),
        ("商汤", "sensetime"),
        ("云从科技", "cloudwalk"),
        ("英伟达", "nvidia"),
        ("月之暗面", "moonshot-ai"),
        ("智谱AI", "zhipu-ai"),
        ("智谱ai", "zhipu-ai"),
        ("智谱华章", "zhipu-ai"),
        ("百川智能", "baichuan-ai"),
        ("零一万物", "01-ai"),
        ("稀宇科技", "minimax"),
        ("阶跃星辰", "stepfun"),
        ("依图科技", "yitu"),
        ("旷视科技", "megvii"),
        (" 商汤科技 ", "sensetime"),
    ],
)
def test_lookup_finds_a_company_by_its_chinese_name(demo_companies, text, slug):
    assert Company.objects.lookup(text) == demo_companies[slug]


def test_unknown_chinese_name_is_none(demo_companies):
    assert Company.objects.lookup("商汤科技有限公司") is None


def test_the_finder_guesses_companies_from_chinese_names(demo_companies):
    names = {name: company.slug for name, company in Company.objects.name_index().items()}
    text = "商汤科技2023年净亏损64.4亿元。英伟达市值约3.39万亿美元，MiniMax估值25亿美元。"
    found = [(c.figure.text, c.company) for c in figures.find_figures(text, companies=names)]
    assert found == [
        ("64.4亿元", "sensetime"),
        ("约3.39万亿美元", "nvidia"),
        ("25亿美元", "minimax"),
    ]
