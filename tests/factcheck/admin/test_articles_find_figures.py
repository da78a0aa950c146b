"""The "Find figures" list action on articles: it opens each article's review screen.

The screen itself is tested in tests/factcheck/test_find_figures_review.py.
"""

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


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def article():
    return ArticleFactory(slug="penfold", title="Penfold Pay's results", text=TEXT)


def test_the_action_opens_the_review_screen(client, editor, article):
    client.force_login(editor)
    response = action(client, [article])
    page = " ".join(response.content.decode().split())
    assert response.templates[0].name == "admin/factcheck/article/find_figures.html"
    assert "3 figures found in the text: 3 new, 0 already claimed." in page
    for shown in ("£286.3 million", "63%", "£94 million"):
        assert f'<strong class="ff-value">{shown}</strong>' in page
    assert 'value="2024"' in page, "the year the sentence names"
    assert not Claim.objects.exists(), "nothing is added before the editor confirms"


def test_several_articles_are_reviewed_one_at_a_time(client, editor, article):
    other = ArticleFactory(slug="other", title="Other news", text="It raised $5 million.")
    client.force_login(editor)
    response = action(client, [other, article])
    assert response.context["article"] == article  # the first by id
    assert (
        "Figures are reviewed one article at a time: this is “Penfold Pay's results”. "
        "Use the “Find figures” button on the page of “Other news” next."
    ) in messages_of(response)


def test_figures_already_claimed_link_to_their_claim(client, editor, article):
    claimed = ClaimFactory(article=article, quote="up 63 per cent", value=63, unit="%")
    client.force_login(editor)
    page = " ".join(action(client, [article]).content.decode().split())
    assert "3 figures found in the text: 2 new, 1 already claimed." in page
    assert reverse("admin:factcheck_claim_change", args=[claimed.pk]) in page


def test_an_article_without_text_is_explained(client, editor):
    empty = ArticleFactory(text="")
    client.force_login(editor)
    response = action(client, [empty])
    assert f"“{empty}” has no text: paste it in first." in messages_of(response)
    response = client.get(
        reverse("admin:factcheck_article_find_figures", args=[empty.pk]), follow=True
    )
    assert f"“{empty}” has no text: paste it in first." in messages_of(response)


def test_the_action_needs_permission_to_add_claims(client, article):
    viewer = UserFactory(username="viewer")
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article"])
    )
    client.force_login(viewer)
    page = client.get(LIST_URL).content.decode()
    assert "find_figures" not in page
