"""Page numbers: every page reachable, pages read from the end give the same rows."""

import pytest

from factcheck.models import Claim
from factcheck.pagination import PageError, page_number, paginate
from tests.public.helpers import table_ids

pytestmark = pytest.mark.django_db


def test_page_number_parsing():
    assert page_number(None, 120) == 1
    assert page_number("", 120) == 1
    assert page_number("3", 120) == 3
    assert page_number("last", 120) == 3
    assert page_number("1", 0) == 1  # an empty listing still has its first page
    for bad in ("0", "4", "-1", "two", "1.5"):
        with pytest.raises(PageError):
            page_number(bad, 120)


@pytest.mark.parametrize("sort", [["-as_of", "-id"], ["company__name", "id"]])
def test_every_page_matches_a_plain_slice(many_claims, sort):
    many_claims(23)
    ordered = Claim.objects.public().order_by(*sort)
    expected = [c.pk for c in ordered]
    total = len(expected)
    for number in range(1, 6):
        page = paginate([(ordered, total)], number=number, per_page=5)
        assert [c.pk for c in page.rows] == expected[(number - 1) * 5 : number * 5], number


def test_last_pages_are_read_from_the_end(many_claims, django_assert_num_queries):
    many_claims(12)
    ordered = Claim.objects.public().order_by("-as_of", "-id")
    with django_assert_num_queries(1) as captured:
        page = paginate([(ordered, 12)], number=3, per_page=5)
    sql = captured.captured_queries[0]["sql"]
    assert '"as_of" ASC' in sql and "DESC" not in sql  # the sort, reversed
    assert "OFFSET" not in sql  # the last page starts at the far end: no rows skipped
    assert [c.pk for c in page.rows] == [c.pk for c in ordered][10:]


def test_window_of_page_links():
    from factcheck.pagination import Page

    page = Page(number=10, per_page=50, total=50 * 30, rows=[])
    assert page.window() == [1, None, 8, 9, 10, 11, 12, None, 30]
    assert Page(number=1, per_page=50, total=120, rows=[]).window() == [1, 2, 3]


def test_pages_through_the_site(client, many_claims):
    many_claims(120)
    first = client.get("/claims/?sort=usd")
    assert "page 1 of 3" in first.content.decode()
    seen = table_ids(first) + table_ids(client.get("/claims/?sort=usd&page=2"))
    last = client.get("/claims/?sort=usd&page=3")
    seen += table_ids(last)
    assert len(seen) == len(set(seen)) == 120
    assert table_ids(client.get("/claims/?sort=usd&page=last")) == table_ids(last)
    body = last.content.decode()
    assert 'aria-current="page" href="?sort=usd&amp;page=3#results"' in body
    assert 'rel="prev"' in body and 'rel="next"' not in body


def test_segments_read_one_after_the_other(many_claims):
    many_claims(13)
    ordered = Claim.objects.public().order_by("id")
    first, second = ordered.filter(pk__lte=ordered[7].pk), ordered.filter(pk__gt=ordered[7].pk)
    expected = [c.pk for c in ordered]
    for number in range(1, 4):
        page = paginate([(first, 8), (second, 5)], number=number, per_page=5)
        assert [c.pk for c in page.rows] == expected[(number - 1) * 5 : number * 5]


@pytest.mark.parametrize("sort", ["as_of", "-as_of", "usd", "-usd"])
def test_blank_values_come_last_in_both_directions(client, many_claims, sort):
    many_claims(120)
    shown = []
    for number in (1, 2, 3):
        shown += table_ids(client.get(f"/claims/?sort={sort}&page={number}"))
    field = {"as_of": "as_of", "usd": "usd_value"}[sort.lstrip("-")]
    values = dict(Claim.objects.values_list("pk", field))
    filled = [values[pk] for pk in shown if values[pk] is not None]
    blanks = [pk for pk in shown if values[pk] is None]
    assert blanks and shown[-len(blanks) :] == blanks
    assert blanks == sorted(blanks, reverse=sort.startswith("-"))
    assert filled == sorted(filled, reverse=sort.startswith("-"))
    assert len(shown) == len(set(shown)) == 120
