"""Checks follow their figures on every path that moves or removes one: the CSV import
(command and admin), a pending change folded in by an unpublication, a deleted claim."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from factcheck import figure_checks, services
from factcheck.models import Claim, FigureCheck
from tests.factcheck.csvio.csvdata import csv_bytes, row_for
from tests.factories import OCT_15, PublishedClaimFactory, figure_claim, make_check

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:factcheck_claim_changelist")


@pytest.fixture
def fall():
    """320 → 53.7 is a fall of 83.2%, so the stated 80% fails; from 270 it holds."""
    peak = figure_claim("HK$320 billion", "from a peak of HK$320 billion")
    now = figure_claim("HK$53.7 billion", "to just HK$53.7 billion")
    stated = figure_claim("80%", "an 80% decrease")
    check = make_check("percent_change", [peak, now], stated)
    figure_checks.recompute()
    assert FigureCheck.objects.get(pk=check.pk).outcome == "fails"
    return check, peak, stated


def failing_on_the_desk(client, user) -> set[int]:
    client.force_login(user)
    response = client.get(CHANGELIST + "?checks=failing")
    assert response.status_code == 200
    return {claim.pk for claim in response.context["cl"].result_list}


def assert_holds_from_270(check, stated, client, user):
    check.refresh_from_db()
    assert check.outcome == "holds"
    assert check.working.startswith("From HK$270 billion to HK$53.7 billion")
    assert Claim.objects.get(pk=stated.pk).checks_state == "holding"
    assert stated.pk not in failing_on_the_desk(client, user)


def peak_at_270(peak) -> dict:
    return row_for(peak, value="270000000000", quote="from a peak of HK$270 billion")


def test_the_import_command_recomputes_the_checks_of_what_it_changed(
    tmp_path, client, fall, fact_checker
):
    check, peak, stated = fall
    assert stated.pk in failing_on_the_desk(client, fact_checker)
    path = tmp_path / "claims.csv"
    path.write_bytes(csv_bytes(peak_at_270(peak)))
    call_command("import_claims", str(path), "--user", fact_checker.username)
    assert Claim.objects.get(pk=peak.pk).value == Decimal("270000000000")
    assert_holds_from_270(check, stated, client, fact_checker)


def test_the_admin_import_recomputes_the_checks_of_what_it_changed(client, fall, fact_checker):
    check, peak, stated = fall
    client.force_login(fact_checker)
    upload = SimpleUploadedFile("claims.csv", csv_bytes(peak_at_270(peak)), "text/csv")
    preview = client.post(
        reverse("admin:factcheck_claim_import"),
        {"format": "0", "import_file": upload},
        follow=True,
    )
    confirm = client.post(
        reverse("admin:factcheck_claim_process_import"),
        preview.context["confirm_form"].initial,
        follow=True,
    )
    assert "Imported: 0 new, 1 updated, 0 unchanged." in confirm.content.decode()
    assert_holds_from_270(check, stated, client, fact_checker)


def test_an_import_of_claims_in_no_check_recomputes_nothing(tmp_path, fall, fact_checker):
    check, _, _ = fall
    alone = figure_claim("$5 billion", "It raised $5 billion.")
    computed = FigureCheck.objects.get(pk=check.pk).computed_at
    path = tmp_path / "claims.csv"
    path.write_bytes(csv_bytes(row_for(alone, value="6000000000", quote="It raised $6 billion.")))
    call_command("import_claims", str(path), "--user", fact_checker.username)
    assert Claim.objects.get(pk=alone.pk).value == Decimal("6000000000")
    assert FigureCheck.objects.get(pk=check.pk).computed_at == computed


def test_unpublishing_folds_the_pending_figure_in_and_recomputes(
    client, editor, publisher, fact_checker
):
    peak = PublishedClaimFactory(
        value=Decimal("320e9"),
        unit="HKD",
        quote="from a peak of HK$320 billion",
        as_of=OCT_15,
        basis_editors=[],
    )
    now = figure_claim("HK$53.7 billion", "to just HK$53.7 billion")
    stated = figure_claim("80%", "an 80% decrease")
    check = make_check("percent_change", [peak, now], stated)
    figure_checks.recompute()
    services.revise_claim(
        claim=peak,
        user=editor,
        values={"value": Decimal("270e9"), "quote": "from a peak of HK$270 billion"},
    )
    assert FigureCheck.objects.get(pk=check.pk).outcome == "fails"  # the change only waits
    services.unpublish_claim(claim=peak, user=publisher, reason="Taken back to check it.")
    assert Claim.objects.get(pk=peak.pk).value == Decimal("270e9")
    assert_holds_from_270(check, stated, client, fact_checker)


@pytest.mark.parametrize("how", ["instance", "queryset"])
def test_deleting_an_operand_makes_its_check_an_error(client, fall, fact_checker, how):
    check, peak, stated = fall
    if how == "instance":
        Claim.objects.get(pk=peak.pk).delete()
    else:
        Claim.objects.filter(pk=peak.pk).delete()
    check.refresh_from_db()
    assert check.outcome == "error"
    assert "takes two figures, from and to; this one has 1" in check.working
    assert "HK$320 billion" not in check.working
    assert Claim.objects.get(pk=stated.pk).checks_state == "failing"
    assert stated.pk in failing_on_the_desk(client, fact_checker)


def test_a_check_short_of_a_figure_is_not_public():
    stated = PublishedClaimFactory(value=Decimal("80"), unit="%", quote="an 80% decrease")
    peak = PublishedClaimFactory(value=Decimal("320e9"), unit="HKD", quote="HK$320 billion")
    now = PublishedClaimFactory(value=Decimal("53.7e9"), unit="HKD", quote="HK$53.7 billion")
    check = make_check("percent_change", [peak, now], stated)
    figure_checks.recompute()
    from factcheck.views.claims import public_checks

    assert list(public_checks(stated)) == [check]
    check.inputs.filter(claim=now).delete()  # the row alone, as a raw delete would leave it
    assert list(public_checks(stated)) == []
