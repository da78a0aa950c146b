"""The rest of a seeded desk: its three users, a company group, corrections and checks.

Corrections and arithmetic checks are few next to claims (a desk corrects one published
verdict in fifty and links a check for a few figures in a thousand), but every claim page
queries them, so the benchmark needs them at a realistic scale.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from companies.models import Company, CompanyGroup

from . import fake

CHECK_EVERY = 67  # one published claim in 67 takes part in a check (three per check)


def make_users() -> None:
    """An editor, a fact-checker and a publisher, ids 1 to 3 (fake.EDITOR, CHECKER, PUBLISHER)."""
    users = get_user_model()
    for pk, name in ((fake.EDITOR, "editor"), (fake.CHECKER, "checker"), (fake.PUBLISHER, "pub")):
        users.objects.create_user(pk=pk, username=f"bench-{name}", first_name=name.title())


def group_leaders() -> None:
    """The six companies with most claims, grouped as the press groups such companies."""
    group = CompanyGroup.objects.create(name="Bench Tigers", slug="bench-tigers")
    group.companies.set(Company.objects.order_by("pk")[:6])


def corrections(cursor) -> None:
    cursor.execute(
        "INSERT INTO factcheck_correction "
        "(old_status, new_status, old_figure, new_figure, reason, created_at, claim_id, "
        "created_by_id) "
        "SELECT 'unverifiable', status, '', '', 'A filing published later settled the figure.', "
        "published_at + interval '30 days', id, %s FROM factcheck_claim "
        "WHERE published_at IS NOT NULL AND id %% 50 = 0",
        [fake.CHECKER],
    )


def checks(cursor, rng: random.Random) -> None:
    """Percent-change checks over three published claims each: from A to B is C."""
    cursor.execute(
        "SELECT id FROM factcheck_claim WHERE published_at IS NOT NULL AND id %% %s = 0 "
        "ORDER BY id",
        [CHECK_EVERY],
    )
    ids = [row[0] for row in cursor.fetchall()]
    now = fake.NOW - dt.timedelta(days=1)
    check_rows, operand_rows = [], []
    for pk, (a, b, stated) in enumerate(zip(ids[0::3], ids[1::3], ids[2::3], strict=False), 1):
        outcome = rng.choices(("holds", "fails", "error"), (80, 15, 5))[0]
        working = f"From claim {a} to claim {b} is the change claim {stated} states."
        check_rows.append((pk, "percent_change", "", outcome, None, working, now, stated))
        operand_rows += [(2 * pk - 1, 0, a, pk), (2 * pk, 1, b, pk)]
    with cursor.copy(
        "COPY factcheck_figurecheck "
        "(id, kind, label, outcome, expected, working, computed_at, stated_id) FROM STDIN"
    ) as copy:
        for row in check_rows:
            copy.write_row(row)
    with cursor.copy(
        "COPY factcheck_checkoperand (id, position, claim_id, check_ref_id) FROM STDIN"
    ) as copy:
        for row in operand_rows:
            copy.write_row(row)


def corrections_and_checks(cursor, rng: random.Random) -> None:
    group_leaders()
    corrections(cursor)
    checks(cursor, rng)
