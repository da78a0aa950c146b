"""The FigureCheck admin: editors link figures, saving computes the check, lists stay cheap."""

import pytest
from django.urls import reverse

from factcheck import figure_checks
from factcheck.models import FigureCheck
from tests.factories import figure_claim, make_check

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:factcheck_figurecheck_add")
LIST_URL = reverse("admin:factcheck_figurecheck_changelist")


def check_post(kind, stated, operands, label="A check"):
    data = {
        "label": label,
        "kind": kind,
        "stated": stated.pk if stated else "",
        "inputs-TOTAL_FORMS": str(len(operands)),
        "inputs-INITIAL_FORMS": "0",
        "inputs-MIN_NUM_FORMS": "0",
        "inputs-MAX_NUM_FORMS": "1000",
    }
    for i, claim in enumerate(operands):
        data[f"inputs-{i}-position"] = str(i)
        data[f"inputs-{i}-claim"] = str(claim.pk)
    return data


def test_an_editor_links_figures_and_saving_computes_the_check(client, editor):
    peak = figure_claim("HK$320 billion", "from a peak of HK$320 billion")
    now = figure_claim("HK$53.7 billion", "to just HK$53.7 billion")
    stated = figure_claim("80%", "an 80% decrease")
    client.force_login(editor)
    response = client.post(ADD_URL, check_post("percent_change", stated, [peak, now]), follow=True)
    assert response.status_code == 200
    check = FigureCheck.objects.get()
    assert check.outcome == "fails"
    assert [o.claim for o in check.inputs.all()] == [peak, now]
    shown = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("Fails: From HK$320 billion to HK$53.7 billion") for m in shown)


def test_a_check_without_a_stated_figure_is_allowed(client, editor):
    peak, now = figure_claim("HK$9.7"), figure_claim("HK$1.62")
    client.force_login(editor)
    client.post(ADD_URL, check_post("percent_change", None, [peak, now]))
    assert FigureCheck.objects.get().working == "From HK$9.7 to HK$1.62 is a fall of 83.3%."


def test_the_list_shows_outcomes_in_a_fixed_number_of_queries(
    client, editor, django_assert_max_num_queries
):
    def add_checks(n):
        for _ in range(n):
            make_check(
                "difference",
                [figure_claim("RMB 46 billion"), figure_claim("RMB 11.5 billion")],
                figure_claim("over RMB 30 billion"),
            )

    add_checks(2)
    client.force_login(editor)
    client.post(
        LIST_URL,
        {"action": "recompute", "_selected_action": [c.pk for c in FigureCheck.objects.all()]},
    )
    client.get(LIST_URL)
    with django_assert_max_num_queries(12) as few:
        client.get(LIST_URL)
    add_checks(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST_URL)
    page = response.content.decode()
    assert page.count('class="badge badge-holds"') == 2
    assert "not computed" in page
    assert "RMB 46 billion, RMB 11.5 billion" in page


def test_recompute_action(client, editor):
    check = make_check(
        "percent_change", [figure_claim("$10"), figure_claim("$8")], figure_claim("20%")
    )
    client.force_login(editor)
    response = client.post(
        LIST_URL, {"action": "recompute", "_selected_action": [check.pk]}, follow=True
    )
    assert "Recomputed: 1 holds." in [str(m) for m in response.context["messages"]]
    assert FigureCheck.objects.get().outcome == "holds"


def test_the_change_page_shows_the_working(client, editor):
    check = make_check("percent_change", [figure_claim("$10"), figure_claim("$8")], None)
    figure_checks.recompute()
    client.force_login(editor)
    page = client.get(reverse("admin:factcheck_figurecheck_change", args=[check.pk]))
    assert "From $10 to $8 is a fall of 20%." in page.content.decode()
