"""Hostile text in every field, shown on every admin page: escaped, never run, no live bad link."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
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


# Odd addresses and posts on every list of the site: a message, never a server error.


def changelists() -> list[tuple[type, str]]:
    return [
        (model, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
        for model in admin.site._registry
    ]


def date_fields(model) -> list[str]:
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.DateField) and not field.is_relation
    ]


def choice_fields(model) -> list[str]:
    """Its fields with choices, and the fields its list is filtered by."""
    chosen = {
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "choices", None) and not field.is_relation
    }
    chosen |= {name for name in admin.site._registry[model].list_filter if isinstance(name, str)}
    return sorted(chosen)


def left_out(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


DATE_CASES = [
    "{}__year=0",
    "{}__year=99999",
    "{}__year=abc",
    "{}__month=13",
    "{}__day=0",
    "{}__year__gte=0",
    "{}__year__in=2024,0",
]
ODD_DATES = [
    (model, url, case.format(field))
    for model, url in changelists()
    for field in date_fields(model)
    for case in DATE_CASES
]


@pytest.mark.parametrize(("model", "url", "query"), ODD_DATES, ids=lambda v: str(v)[:40])
def test_an_impossible_date_part_on_any_list_is_left_out_with_a_message(
    client, superuser, model, url, query
):
    client.force_login(superuser)
    response = client.get(f"{url}?{query}&q=x", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == f"{url}?q=x"
    assert "Left out what the address could not mean" in left_out(response)


def test_every_list_with_dates_is_covered():
    """The checks above reach the lists the red team named, the User list included."""
    named = {url.split("/admin/")[1] for _, url, _ in ODD_DATES}
    for path in (
        "factcheck/claim/",
        "factcheck/source/",
        "factcheck/figurecheck/",
        "factcheck/article/",
        "factcheck/correction/",
        "companies/company/",
        "companies/companygroup/",
        "auth/user/",
    ):
        assert path in named


@pytest.mark.parametrize("model", [m for m, _ in changelists()], ids=lambda m: m.__name__)
def test_a_good_date_part_still_filters(client, superuser, model):
    client.force_login(superuser)
    url = dict(changelists())[model]
    for field in date_fields(model):
        response = client.get(f"{url}?{field}__year=2024&{field}__month=2")
        assert response.status_code == 200, field


NUL_CASES = [
    (model, url, f"{field}={value}")
    for model, url in changelists()
    for field in choice_fields(model)
    for value in ("%00", "a%00")
] + [(model, url, "q%00=x") for model, url in changelists()]


@pytest.mark.parametrize(("model", "url", "query"), NUL_CASES, ids=lambda v: str(v)[:40])
def test_a_nul_anywhere_in_a_list_address_is_left_out_with_a_message(
    client, superuser, model, url, query
):
    client.force_login(superuser)
    response = client.get(f"{url}?{query}", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == f"{url}?"
    assert "Left out what the address could not mean" in left_out(response)


def test_the_named_choice_filters_are_covered():
    named = {(url.split("/admin/")[1], query.split("=")[0]) for _, url, query in NUL_CASES}
    for path, field in [
        ("factcheck/source/", "kind"),
        ("factcheck/source/", "stance"),
        ("factcheck/figurecheck/", "outcome"),
        ("companies/company/", "kind"),
        ("factcheck/fxrate/", "currency"),
    ]:
        assert (path, field) in named


@pytest.mark.parametrize("selected", ["abc", "1\x00", "-1", "99999999999999999999999", "1.5"])
@pytest.mark.parametrize(("model", "url"), changelists(), ids=lambda v: getattr(v, "__name__", ""))
def test_an_action_on_a_selection_that_is_not_ids_changes_nothing(
    client, superuser, model, url, selected
):
    client.force_login(superuser)
    before = model._default_manager.count()
    response = client.post(
        url, {"action": "delete_selected", "index": "0", "_selected_action": ["1", selected]}
    )
    assert response.status_code == 302
    assert model._default_manager.count() == before
    shown = [str(m) for m in client.get(response.url).context["messages"]]
    assert any(m.startswith(f"No {model._meta.verbose_name_plural} were selected") for m in shown)


def test_publishing_a_selection_of_words_is_refused(client, publisher):
    claim = ClaimFactory(status=Status.VERIFIED)
    client.force_login(publisher)
    url = reverse("admin:factcheck_claim_changelist")
    for selected in ("abc", "1\x00", str(claim.pk) + "\x00"):
        response = client.post(url, {"action": "publish", "_selected_action": selected})
        assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.published_at is None


@pytest.mark.parametrize(
    "query", ["x=1", "format=0", "status__exact=a%00", "as_of__year=0", "as_of__year=9999"]
)
@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_the_claims_export_answers_an_unknown_parameter_with_a_message(client, request, who, query):
    ClaimFactory()
    client.force_login(request.getfixturevalue(who))
    response = client.get(f"{reverse('admin:factcheck_claim_export')}?{query}", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain, "a message on the list, not a file"
    assert "Nothing was exported" in left_out(response)


@pytest.mark.parametrize("query", ["term=%00", "term=a%00b", "te%00rm=a"])
def test_the_lookup_boxes_answer_a_nul_as_a_bad_request(client, superuser, query):
    client.force_login(superuser)
    ask = "app_label=factcheck&model_name=claim&field_name=company"
    response = client.get(f"{reverse('admin:autocomplete')}?{ask}&{query}")
    assert response.status_code == 400
    assert "NUL" in response.json()["error"]
    fine = client.get(f"{reverse('admin:autocomplete')}?{ask}&term=Open")
    assert fine.status_code == 200


@pytest.mark.parametrize(
    "page", ["abc/history/", "1%00/history/", "abc/history/1/", "1/history/abc/"]
)
@pytest.mark.parametrize(("model", "url"), changelists(), ids=lambda v: getattr(v, "__name__", ""))
def test_a_history_page_for_an_id_that_is_not_one_says_so(client, superuser, model, url, page):
    client.force_login(superuser)
    response = client.get(url + page)
    assert response.status_code in (302, 404)
