"""Hostile text in every field, shown on every admin page: escaped, never run, no live bad link."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse

from companies.models import Company
from factcheck.models import Article, Claim, Source, Status
from tests.factories import ClaimFactory, hostile_desk
from tests.security import hostile

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile_claims():
    """A hostile, unpublished claim and one in review with the payloads in its text."""
    claim = hostile_desk(published=False)
    in_review = ClaimFactory(status=Status.IN_REVIEW, quote=hostile.ALL, note=hostile.ALL)
    return claim, in_review


def admin_urls(objects) -> list[str]:
    """Every registered model's list (plain and searched for a payload), and each object's pages."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        urls += [changelist, changelist + "?q=%3Cscript%3Ealert(%22xss%22)%3C/script%3E"]
        for obj in objects:
            if isinstance(obj, model):
                for page in ("change", "history", "delete"):
                    urls.append(reverse(f"admin:{info[0]}_{info[1]}_{page}", args=[obj.pk]))
    return urls


def test_every_admin_page_shows_hostile_text_escaped(client, superuser, hostile_claims):
    claim, in_review = hostile_claims
    objects = [claim, in_review, claim.company, claim.article, claim.sources.get()]
    client.force_login(superuser)
    checked = 0
    for url in admin_urls(objects):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert hostile.find_injections(html) == [], url
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize(
    "url_name", ["admin:index", "admin:factcheck_claim_changelist", "admin:factcheck_claim_change"]
)
def test_the_payload_is_shown_as_text(client, superuser, hostile_claims, url_name):
    claim, _ = hostile_claims
    client.force_login(superuser)
    args = [claim.pk] if url_name.endswith("change") else []
    html = client.get(reverse(url_name, args=args)).content.decode()
    hostile.assert_escaped(html)


def test_the_verdict_page_escapes_the_quote(client, fact_checker, hostile_claims):
    claim, _ = hostile_claims
    client.force_login(fact_checker)
    html = client.get(reverse("admin:factcheck_claim_verdict", args=[claim.pk])).content.decode()
    hostile.assert_escaped(html)


def test_hostile_text_is_stored_exactly_as_typed(client, editor):
    """Escaping happens when showing text, never by changing what the desk stored."""
    client.force_login(editor)
    quote = hostile.ALL + hostile.LONG
    response = client.post(
        reverse("admin:factcheck_claim_add"),
        {
            "quote": quote,
            "metric": "valuation",
            "value": "$157 billion",
            "qualifier": "exact",
            "period": hostile.RTL + "FY2024",
            "note": hostile.SCRIPT_CLOSE,
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = Claim.objects.get()
    assert stored.quote == quote.strip()
    assert stored.period == hostile.RTL + "FY2024"
    assert stored.note == hostile.SCRIPT_CLOSE


@pytest.mark.parametrize("bad", hostile.BAD_URLS)
def test_a_source_link_must_be_http_or_https(bad):
    claim = ClaimFactory()
    for field in ("url", "archive_url"):
        source = Source(claim=claim, **{"url": "https://example.org/ok", field: bad})
        with pytest.raises(ValidationError) as error:
            source.full_clean()
        assert field in error.value.error_dict


@pytest.mark.parametrize("bad", [u for u in hostile.BAD_URLS if not u.startswith("ftp")])
def test_article_and_company_links_refuse_script_and_data_urls(bad):
    article = Article(title="t", slug="t", url=bad)
    company = Company(name="c", slug="c", website=bad)
    with pytest.raises(ValidationError, match="URL"):
        article.full_clean()
    with pytest.raises(ValidationError, match="URL"):
        company.full_clean()


@pytest.mark.parametrize("bad", hostile.BAD_URLS)
def test_the_admin_source_form_refuses_a_link_that_is_not_http(client, editor, bad):
    client.force_login(editor)
    response = client.post(
        reverse("admin:factcheck_claim_add"),
        {
            "quote": "Its valuation reached $1 billion",
            "metric": "valuation",
            "value": "$1 billion",
            "qualifier": "exact",
            "sources-TOTAL_FORMS": "1",
            "sources-INITIAL_FORMS": "0",
            "sources-0-url": bad,
            "sources-0-kind": "news",
            "sources-0-stance": "supports",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid URL." in html or "Enter an http:// or https:// URL." in html
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    "raw",
    [
        hostile.SCRIPT,
        hostile.ATTRIBUTE,
        hostile.SVG,
        f'<a href="{hostile.JS_URL}">x</a>',
        f'<a href="{hostile.DATA_URL}">x</a>',
        f'<script type="application/ld+json">{{"q": "{hostile.SCRIPT_CLOSE}"}}</script>',
    ],
)
def test_the_detector_catches_each_payload_rendered_raw(raw):
    """The checks above would fail if any page put a payload out as markup."""
    assert hostile.find_injections(f"<p>{raw}</p>") != []
