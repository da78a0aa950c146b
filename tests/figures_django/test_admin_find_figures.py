"""The "Find figures" action on articles: review the figures found, add the ticked ones."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from factcheck.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:factcheck_article_changelist")
TEXT = (
    "Penfold Pay reported revenue of £286.3m in 2024, up 63 per cent. "
    "Its pre-tax loss grew to £94m. The company was founded in 2016."
)


def action(client, articles, **extra):
    data = {"action": "find_figures", "_selected_action": [a.pk for a in articles], **extra}
    return client.post(LIST_URL, data, follow=True)


@pytest.fixture
def article():
    return ArticleFactory(slug="penfold", title="Penfold Pay's results", text=TEXT)


def test_the_action_lists_the_figures_for_review(client, editor, article):
    client.force_login(editor)
    response = action(client, [article])
    page = response.content.decode()
    assert response.templates[0].name == "admin/factcheck/article/find_figures.html"
    assert "3 figures found, 0 already with a claim" in page
    for shown in ("£286.3 million", "63%", "£94 million"):
        assert shown in page
    assert not Claim.objects.exists(), "nothing is added before the editor confirms"


def test_the_ticked_figures_are_added_as_unverified_by_the_editor(client, editor, article):
    client.force_login(editor)
    response = action(client, [article], apply="1", figure=[f"{article.pk}:0", f"{article.pk}:2"])
    claims = Claim.objects.order_by("pk")
    assert [(c.value, c.unit) for c in claims] == [(286300000, "GBP"), (94000000, "GBP")]
    assert {(c.status, c.created_by, c.article) for c in claims} == {
        ("unverified", editor, article)
    }
    assert claims[0].quote == "Penfold Pay reported revenue of £286.3m in 2024, up 63 per cent."
    assert claims[0].metric == "revenue"
    assert (
        "“Penfold Pay's results”: 2 claim(s) added as unverified; 0 figure(s) already had a claim."
        in [str(m) for m in response.context["messages"]]
    )


def test_figures_already_claimed_link_to_their_claim(client, editor, article):
    claimed = ClaimFactory(article=article, quote="up 63 per cent", value=63, unit="%")
    client.force_login(editor)
    page = action(client, [article]).content.decode()
    assert "3 figures found, 1 already with a claim" in page
    assert reverse("admin:factcheck_claim_change", args=[claimed.pk]) in page
    action(client, [article], apply="1", figure=[f"{article.pk}:{i}" for i in range(3)])
    assert Claim.objects.filter(article=article).count() == 3, "the 63% is not added twice"


def test_an_article_without_text_is_explained(client, editor):
    empty = ArticleFactory(text="")
    client.force_login(editor)
    response = action(client, [empty])
    assert f"“{empty}” has no text: paste it in first." in [
        str(m) for m in response.context["messages"]
    ]


def test_the_action_needs_permission_to_add_claims(client, article):
    viewer = UserFactory(username="viewer")
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article"])
    )
    client.force_login(viewer)
    page = client.get(LIST_URL).content.decode()
    assert "find_figures" not in page
