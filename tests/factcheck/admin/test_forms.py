"""The claim form takes figures and dates as journalists write them, and shows them so again."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from factcheck.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, claim_post

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:factcheck_claim_add")


def change_url(claim):
    return reverse("admin:factcheck_claim_change", args=[claim.pk])


def field_value(response, name: str) -> str:
    return response.context["adminform"].form[name].value()


def test_a_figure_and_a_month_typed_as_written_are_shown_as_written(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, claim_post(value="$2.5 billion", as_of="February 2024"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    claim = Claim.objects.get()
    assert (claim.value, claim.unit) == (Decimal("2500000000"), "USD")
    assert (claim.as_of, claim.as_of_precision) == (dt.date(2024, 2, 29), "month")

    page = client.get(change_url(claim))
    assert field_value(page, "value") == "$2.5 billion"
    assert field_value(page, "as_of") == "February 2024"
    html = page.content.decode()
    assert 'value="$2.5 billion"' in html
    assert 'value="February 2024"' in html
    assert "2500000000" not in html.split('id="id_value"')[0].rsplit("<input", 1)[-1]


@pytest.mark.parametrize(
    "written,date,precision,shown",
    [
        ("15 Oct 2024", "2024-10-15", "day", "15 Oct 2024"),
        ("2024-10-15", "2024-10-15", "day", "15 Oct 2024"),
        ("February 2024", "2024-02-29", "month", "February 2024"),
        ("Q2 2024", "2024-06-30", "quarter", "Q2 2024"),
        ("2024-Q2", "2024-06-30", "quarter", "Q2 2024"),
        ("FY2024", "2024-12-31", "fiscal_year", "FY2024"),
        ("H1 2025", "2025-06-30", "half", "H1 2025"),
        ("2024年2月", "2024-02-29", "month", "February 2024"),
        ("2024", "2024-12-31", "year", "2024"),
    ],
)
def test_each_date_form_is_kept_with_its_precision(client, editor, written, date, precision, shown):
    client.force_login(editor)
    response = client.post(ADD_URL, claim_post(as_of=written))
    assert response.status_code == 302, response.context["adminform"].form.errors
    claim = Claim.objects.get()
    assert (claim.as_of, claim.as_of_precision) == (dt.date.fromisoformat(date), precision)
    assert field_value(client.get(change_url(claim)), "as_of") == shown


def test_a_month_is_never_an_invalid_date_and_a_bad_one_says_how_to_write_it(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, claim_post(as_of="Febtober 2024"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["as_of"]
    assert "Enter a valid date." not in errors
    assert "February 2024" in errors[0] and "Q2 2024" in errors[0]
    assert not Claim.objects.exists()


def test_saving_unchanged_keeps_an_exact_figure_exact(client, editor):
    claim = ClaimFactory(value=Decimal("2477123456.78"), unit="CNY", created_by=editor)
    client.force_login(editor)
    page = client.get(change_url(claim))
    shown = field_value(page, "value")
    assert shown == "RMB 2.47712345678 billion"
    response = client.post(
        change_url(claim),
        claim_post(value=shown, quote=claim.quote, as_of="2 Oct 2024", seen_version=claim.version),
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.value == Decimal("2477123456.78")


def test_the_corrected_figure_is_shown_as_written(client, fact_checker):
    claim = ClaimFactory(
        value=Decimal("2500000000"), unit="USD", corrected_value=Decimal("2300000000")
    )
    client.force_login(fact_checker)
    assert field_value(client.get(change_url(claim)), "corrected_value") == "$2.3 billion"


def test_a_date_after_the_articles_publication_is_a_note_not_a_refusal(client, editor):
    article = ArticleFactory(published_on=dt.date(2024, 10, 15))
    client.force_login(editor)
    response = client.post(
        ADD_URL, claim_post(as_of="March 2025", article=str(article.pk)), follow=True
    )
    claim = Claim.objects.get()  # saved all the same
    assert claim.as_of == dt.date(2025, 3, 31)
    page = client.get(change_url(claim)).content.decode()
    assert (
        "Check the date: the figure is dated March 2025, after its article was published "
        "(15 Oct 2024)" in page
    )
    assert response.status_code == 200


def test_a_month_the_article_appeared_in_is_not_flagged(client, editor):
    article = ArticleFactory(published_on=dt.date(2024, 10, 15))
    claim = ClaimFactory(
        article=article, as_of=dt.date(2024, 10, 31), as_of_precision="month", created_by=editor
    )
    client.force_login(editor)
    assert "Check the date" not in client.get(change_url(claim)).content.decode()


def test_the_form_speaks_to_journalists_not_developers(client, editor):
    claim = ClaimFactory(created_by=editor)
    client.force_login(editor)
    html = client.get(change_url(claim)).content.decode()
    assert "Raised on every save" not in html
    assert "ISO 4217" not in html
    assert 'name="version"' not in html
    assert 'type="hidden" name="seen_version"' in html  # carried, never shown


def test_view_on_site_is_the_staff_preview(client, editor):
    claim = ClaimFactory(created_by=editor)
    client.force_login(editor)
    html = client.get(change_url(claim)).content.decode()
    assert f'href="/admin/preview/claims/{claim.pk}/"' in html
