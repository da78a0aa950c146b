"""An add page's fields prefilled from its address (`?company=3`, as Django allows): a value
that cannot be one of the field's is left out with a message, on every registered admin."""

from urllib.parse import quote

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

BAD = ["abc", "\x00", "99999999999999999999", "-1", "2024-13-45"]


def add_pages() -> list[tuple[str, list[str]]]:
    """(add page, the names of the fields its form may be prefilled with) per admin."""
    pages = []
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        fields = [f.name for f in model._meta.get_fields() if f.concrete and not f.auto_created]
        pages.append((reverse("admin:{}_{}_add".format(*info)), fields))
    return pages


@pytest.mark.parametrize("url,fields", add_pages(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_prefilled_value_breaks_an_add_page(client, superuser, url, fields):
    client.force_login(superuser)
    if client.get(url).status_code == 403:
        pytest.skip("nobody adds these here")
    for name in fields:
        for value in BAD:
            response = client.get(f"{url}?{name}={quote(value)}")
            assert response.status_code == 200, (url, name, value)


@pytest.mark.parametrize(
    "url,name,value",
    [
        ("/admin/factcheck/claim/add/", "company", "abc"),
        ("/admin/factcheck/claim/add/", "company", "\x00"),
        ("/admin/factcheck/source/add/", "claim", "\x00"),
        ("/admin/factcheck/figurecheck/add/", "stated", "x"),
    ],
)
def test_a_value_that_is_not_the_fields_is_left_out_with_a_message(
    client, editor, superuser, url, name, value
):
    client.force_login(superuser)
    response = client.get(f"{url}?{name}={quote(value)}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Left out what the address could not fill in: {name}." in html


def test_a_good_prefill_still_fills_the_field(client, superuser):
    company = CompanyFactory(name="Zhipu AI")
    client.force_login(superuser)
    response = client.get(f"/admin/factcheck/claim/add/?company={company.pk}&quote=Hello")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zhipu AI" in html and "Hello" in html
    assert "Left out" not in html
