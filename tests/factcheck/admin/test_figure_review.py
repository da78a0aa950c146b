"""The "Find figures" review screen on an article's page: flags, edits, what gets added."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck import extraction, services
from factcheck.models import Claim
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    CompanyAliasFactory,
    CompanyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"
HALDEN = (ARTICLES / "halden-robotics.txt").read_text(encoding="utf-8")
FUNDING_SENTENCE = (
    "Halden Robotics raised $600 million at a $2.5 billion valuation in February 2024, "
    "its third round in two years."
)


def review_url(article) -> str:
    return reverse("admin:factcheck_article_find_figures", args=[article.pk])


@pytest.fixture
def halden_desk():
    """The Halden article with three stored claims: one repeated, two the text disagrees with."""
    halden = CompanyFactory(name="Halden Robotics", slug="halden")
    aster = CompanyFactory(name="Aster Logistics", slug="aster")
    CompanyAliasFactory(company=aster, name="Aster")
    nvidia = CompanyFactory(name="Nvidia", slug="nvidia")
    article = ArticleFactory(slug="halden", title="Halden <prices> higher", text=HALDEN)
    claims = {
        "funding": ClaimFactory(
            article=article,
            company=halden,
            quote=FUNDING_SENTENCE,
            metric="funding",
            value=Decimal("600000000"),
            unit="USD",
            as_of=dt.date(2024, 2, 29),
        ),
        # The article was edited after this was entered: it now says $3.42 trillion.
        "nvidia": ClaimFactory(
            article=article,
            company=nvidia,
            metric="market_cap",
            quote="Nvidia's market capitalisation had reached $3.39 trillion",
            value=Decimal("3390000000000"),
            unit="USD",
            as_of=dt.date(2024, 10, 31),
        ),
        # Another sentence's words, but the same company, metric and date.
        "aster": ClaimFactory(
            article=article,
            company=aster,
            metric="revenue",
            quote="Aster's 2023 sales",
            value=Decimal("3000000000"),
            unit="USD",
            as_of=dt.date(2023, 12, 31),
            as_of_precision="year",
        ),
    }
    return article, claims


def rows(page: str) -> list[str]:
    return re.findall(r'<tr class="ff-row[^"]*">.*?</tr>', page, re.S)


def row_for(page: str, figure: str) -> str:
    (row,) = [r for r in rows(page) if f'<strong class="ff-value">{figure}</strong>' in r]
    return " ".join(row.split())


def is_ticked(row: str) -> bool:
    return bool(re.search(r'<input type="checkbox"[^>]*checked', row))


def test_the_article_page_has_the_button(client, editor, halden_desk):
    article, _ = halden_desk
    client.force_login(editor)
    page = client.get(reverse("admin:factcheck_article_change", args=[article.pk])).content
    assert f'href="{review_url(article)}">Find figures</a>'.encode() in page


def test_flags_new_claimed_and_disagreeing_figures(client, editor, halden_desk):
    article, claims = halden_desk
    client.force_login(editor)
    page = " ".join(client.get(review_url(article)).content.decode().split())
    assert "14 figures found in the text: <strong>2 disagree with a stored claim</strong>" in page
    assert "11 new, 1 already claimed." in page

    nvidia = row_for(page, "$3.42 trillion")
    link = reverse("admin:factcheck_claim_change", args=[claims["nvidia"].pk])
    assert f'disagrees with <a href="{link}">claim {claims["nvidia"].pk}</a>' in nvidia
    assert "<strong>$3.39 trillion</strong>" in nvidia, "both figures are shown"
    assert not is_ticked(nvidia)
    assert "disagrees with" in row_for(page, "$3.1 billion")

    funding = row_for(page, "$600 million")
    assert "already claimed" in funding and f"claim {claims['funding'].pk}" in funding
    assert not is_ticked(funding)
    # The stored $600 million claim quotes the whole sentence: the $2.5 billion beside it is new.
    valuation = row_for(page, "$2.5 billion")
    assert "ff-flag-new" in valuation and is_ticked(valuation)

    flags = [re.search(r"ff-flag-(\w+)", r).group(1) for r in rows(page)]
    assert flags[:2] == ["disagrees", "disagrees"], "disagreements come first"
    assert flags[2:] == ["new"] * 11 + ["claimed"]


def test_the_sentence_highlights_the_figure_and_escapes_the_text(client, editor, halden_desk):
    article, _ = halden_desk
    article.text = 'Acme <b onclick="x">raised</b> $5 million & more in 2023.'
    article.save()
    client.force_login(editor)
    page = client.get(review_url(article)).content.decode()
    assert (
        "Acme &lt;b onclick=&quot;x&quot;&gt;raised&lt;/b&gt; <mark>$5 million</mark> "
        "&amp; more in 2023." in page
    )
    assert "Halden &lt;prices&gt; higher" in page


def test_guesses_are_shown_for_editing(client, editor, halden_desk):
    article, _ = halden_desk
    client.force_login(editor)
    page = client.get(review_url(article)).content.decode()
    valuation = row_for(page, "$2.5 billion")
    assert re.search(r'<option value="valuation" selected>', valuation)
    halden = Claim.objects.filter(company__slug="halden").first().company
    assert re.search(rf'<option value="{halden.pk}" selected>Halden Robotics</option>', valuation)
    assert 'value="February 2024"' in valuation
    assert "as written (month)" in valuation
    undated = row_for(page, "over $3 billion")
    assert re.search(r'name="f-\w+-as_of"[^>]*placeholder="undated"', undated)
    assert 'value="' not in re.search(r'<input type="text"[^>]*>', undated).group(0)


def form_data(client, article) -> dict:
    """The form as the browser would send it, untouched."""
    response = client.get(review_url(article))
    data = {"text_fingerprint": response.context["fingerprint"]}
    for row in response.context["review"].rows:
        for name in row.fields:
            value = row.initial.get(name, "")
            if name == "add":
                if value:
                    data[row.add_prefix(name)] = "on"
            else:
                data[row.add_prefix(name)] = value
    return data, {r.candidate.claim.figure_display: r for r in response.context["review"].rows}


def test_ticked_figures_are_added_with_the_edits_through_save_claim(
    client, editor, halden_desk, monkeypatch
):
    article, claims = halden_desk
    calls = []
    real = services.save_claim
    monkeypatch.setattr(
        services, "save_claim", lambda **kw: calls.append(kw["claim"]) or real(**kw)
    )
    client.force_login(editor)
    data, by_figure = form_data(client, article)
    for row in by_figure.values():  # untick all, then choose
        data.pop(row.add_prefix("add"), None)
    valuation, worth = by_figure["$2.5 billion"], by_figure["over $3 billion"]
    data[valuation.add_prefix("add")] = "on"
    data[valuation.add_prefix("precision")] = "quarter"  # February 2024 -> Q1 2024
    data[worth.add_prefix("add")] = "on"
    data[worth.add_prefix("as_of")] = "FY2024"
    data[worth.add_prefix("metric")] = "forecast"
    data[worth.add_prefix("company")] = ""
    before = set(Claim.objects.values_list("pk", flat=True))
    response = client.post(review_url(article), data, follow=True)

    added = Claim.objects.exclude(pk__in=before).order_by("pk")
    assert [(c.value, c.metric, c.as_of, c.as_of_precision) for c in added] == [
        (Decimal("2500000000"), "valuation", dt.date(2024, 3, 31), "quarter"),
        (Decimal("3000000000"), "forecast", dt.date(2024, 12, 31), "fiscal_year"),
    ]
    assert {(c.status, c.created_by, c.article, c.qualifier) for c in added} == {
        ("unverified", editor, article, "exact"),
        ("unverified", editor, article, "over"),
    }
    assert added[0].company.slug == "halden" and added[1].company is None
    assert added[0].quote == FUNDING_SENTENCE
    assert len(calls) == 2, "every claim goes through services.save_claim"
    assert "2 claims added to “Halden <prices> higher” as unverified; 12 figures not added." in [
        str(m) for m in response.context["messages"]
    ]
    # The screen now shows them as claimed; the disagreements are still there.
    page = response.content.decode()
    assert "already claimed" in row_for(page, "$2.5 billion")
    assert "disagrees with" in row_for(page, "$3.42 trillion")


def test_the_preticked_figures_are_the_new_ones(client, editor, halden_desk):
    article, claims = halden_desk
    client.force_login(editor)
    data, _ = form_data(client, article)
    before = Claim.objects.count()
    client.post(review_url(article), data)
    assert Claim.objects.count() == before + 11
    assert not Claim.objects.filter(value=Decimal("3420000000000")).exists(), "not the disagreeing"
    assert Claim.objects.filter(value=Decimal("600000000")).count() == 1, "nor the claimed one"
    dated = Claim.objects.get(value=Decimal("112000000"))
    assert (dated.as_of, dated.as_of_precision, dated.metric) == (
        dt.date(2023, 9, 30),
        "quarter",
        "revenue",
    )


def test_nothing_ticked_adds_nothing(client, editor, halden_desk):
    article, _ = halden_desk
    client.force_login(editor)
    data, by_figure = form_data(client, article)
    for row in by_figure.values():
        data.pop(row.add_prefix("add"), None)
    before = Claim.objects.count()
    response = client.post(review_url(article), data, follow=True)
    assert Claim.objects.count() == before
    assert "No figure was ticked: nothing was added." in [
        str(m) for m in response.context["messages"]
    ]


def test_a_bad_date_on_a_ticked_figure_adds_nothing(client, editor, halden_desk):
    article, _ = halden_desk
    client.force_login(editor)
    data, by_figure = form_data(client, article)
    data[by_figure["$2.5 billion"].add_prefix("as_of")] = "03/04/2024"
    data[by_figure["$3.42 trillion"].add_prefix("as_of")] = "nonsense"  # not ticked: ignored
    before = Claim.objects.count()
    response = client.post(review_url(article), data)
    assert Claim.objects.count() == before
    page = response.content.decode()
    assert "could be read day-first or month-first" in row_for(page, "$2.5 billion")
    assert 'value="03/04/2024"' in page, "the editor's input is kept"
    assert "errorlist" not in row_for(page, "$3.42 trillion"), "an unticked row is not checked"


def test_a_text_changed_since_the_page_was_shown_adds_nothing(client, editor, halden_desk):
    article, _ = halden_desk
    client.force_login(editor)
    data, _ = form_data(client, article)
    article.text = article.text.replace("$400 million", "$450 million")
    article.save()
    before = Claim.objects.count()
    response = client.post(review_url(article), data, follow=True)
    assert Claim.objects.count() == before
    assert any(
        "text changed since this page was shown" in str(m) for m in response.context["messages"]
    )


def test_the_screen_needs_permission_to_add_claims(client, halden_desk):
    article, _ = halden_desk
    viewer = UserFactory(username="viewer")
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article"])
    )
    client.force_login(viewer)
    assert client.get(review_url(article)).status_code == 403
    page = client.get(reverse("admin:factcheck_article_change", args=[article.pk])).content
    assert b"find-figures" not in page


def test_the_query_count_does_not_grow_with_the_figures(client, editor, halden_desk):
    article, _ = halden_desk
    small = ArticleFactory(slug="small", text="Halden Robotics raised $5 million in 2024.")
    ClaimFactory(article=small, quote="Halden Robotics raised $5 million in 2024.", value=5000000)
    client.force_login(editor)
    client.get(review_url(small))  # warm the session and content types
    counts = []
    for each in (small, article):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(review_url(each))
        assert response.status_code == 200
        counts.append(len(queries))
    assert len(response.context["review"].rows) == 14
    assert counts[0] == counts[1], counts
    assert counts[1] <= 12, [q["sql"] for q in queries.captured_queries]


def test_a_chinese_article_keeps_its_dates_and_metrics(client, editor):
    text = (ARTICLES / "yunqi-ai-zh.txt").read_text(encoding="utf-8")
    article = ArticleFactory(slug="yunqi", text=text, language="zh-hans")
    client.force_login(editor)
    data, _ = form_data(client, article)
    client.post(review_url(article), data)
    stored = {
        (c.metric, c.as_of.isoformat(), c.as_of_precision, c.language)
        for c in Claim.objects.filter(article=article)
    }
    assert ("funding", "2024-02-29", "month", "") in stored
    assert ("net_income", "2023-09-30", "quarter", "") in stored
    assert ("share_price", "2024-10-15", "day", "") in stored


def test_the_list_action_opens_the_review_screen(client, editor, halden_desk):
    article, _ = halden_desk
    other = ArticleFactory(slug="other", title="Other", text="It raised $5 million.")
    client.force_login(editor)
    response = client.post(
        reverse("admin:factcheck_article_changelist"),
        {"action": "find_figures", "_selected_action": [article.pk, other.pk]},
    )
    assert response.status_code == 302 and response.url == review_url(article)
    assert extraction.find(other.text, article=other).new  # sanity: the other has figures
