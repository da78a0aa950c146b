"""The admin site, with the review queue and data-quality counts on its index page.

Kept outside the factcheck.admin package: importing the site class must not register
ModelAdmins while Django is still building the default site.

The site also keeps odd requests away from every ModelAdmin it serves (`ListGuard`, given
to each as it is registered, Django's own User admin included): a NUL byte the database
refuses, a year 0 or a month 13, a selection that is not a row's id, an add page prefilled
with a company that is not an id, an inline posted with 10^20 forms. Each is put right with
a message instead of reaching the database as a server error or keeping a worker busy.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections, models, router
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.http import HttpResponseRedirect, JsonResponse

from factcheck.models import Claim, Status
from factcheck.models.claims import AT_ODDS, SECONDARY_ONLY

# The dashboard counts each problem up to here and then says "1,000+": enough to know how
# big it is, and a count that costs the same at any size of desk (docs/PERFORMANCE.md).
QUALITY_CAP = 1_000


class Counted(int):
    """A count that stopped at its cap when `capped` (the page shows "1,000+")."""

    capped = False


def counted(value: int, capped: bool) -> Counted:
    result = Counted(value)
    result.capped = capped
    return result


def capped_count(claims, cap: int | None = None) -> Counted:
    """How many of `claims` there are, reading at most cap + 1 of them (one query)."""
    cap = QUALITY_CAP if cap is None else cap
    found = claims.order_by().values("pk")[: cap + 1].count()
    return counted(min(found, cap), found > cap)


def data_quality() -> list[tuple[str, Counted, str]]:
    """(label, count, changelist query) for the problems an editor should clear.

    One capped count per problem, each on a partial index of exactly its condition
    (migrations 0019 and 0021: the evidence questions read flags the write path stores),
    so every count is live and costs the same at any size of desk.
    """
    claims = Claim.objects.all()
    verdicts = Status.verdicts()
    problems = [
        ("Claims without a source", claims.filter(n_sources=0), "has_sources=no"),
        ("Claims without an as-of date", claims.filter(as_of__isnull=True), "as_of__isempty=1"),
        (
            "Verified on secondary sources only",
            claims.filter(SECONDARY_ONLY),
            "secondary_only=yes",
        ),
        ("Sources contradict the verdict", claims.filter(AT_ODDS), "stance_conflict=yes"),
        (
            "Verdicts not yet published",
            claims.filter(status__in=verdicts, published_at__isnull=True),
            f"status__in={','.join(verdicts)}&published=no",
        ),
    ]
    return [(label, capped_count(queryset), query) for label, queryset, query in problems]


def review_queue(limit: int = 15) -> list[Claim]:
    """Claims in review first, then unverified ones, oldest first (as Claim.awaiting_review
    orders them), read as two index ranges of (status, created_at, id) instead of sorting
    every waiting claim by a CASE."""
    waiting = Claim.objects.select_related("company")
    queue = list(waiting.filter(status=Status.IN_REVIEW).order_by("created_at", "pk")[:limit])
    if len(queue) < limit:
        unverified = waiting.filter(status=Status.UNVERIFIED).order_by("created_at", "pk")
        queue += list(unverified[: limit - len(queue)])
    return queue


ACTIONS = {"+": "added", "~": "changed", "-": "deleted"}


def recent_activity(limit: int = 15) -> list[dict]:
    """The desk's latest writes to claims, from their history (every path writes one)."""
    rows = Claim.history.select_related("history_user").order_by("-history_id")[:limit]
    return [
        {
            "who": row.history_user.get_username() if row.history_user else "the system",
            "what": ACTIONS.get(row.history_type, "changed"),
            "claim_id": row.id,
            "quote": row.quote,
            "status": row.status,
            "reason": row.history_change_reason or "",
            "when": row.history_date,
        }
        for row in rows
    ]


# The parts of a date or time a list may be filtered by (`created_at__year=2024`), and the
# values each can take; anything else would make a date that cannot exist (year 0) or a
# number the database cannot hold.
DATE_PARTS = {
    "year": (1, 9999),
    "iso_year": (1, 9999),
    "quarter": (1, 4),
    "month": (1, 12),
    "week": (1, 53),
    "day": (1, 31),
    "week_day": (1, 7),
    "iso_week_day": (1, 7),
    "hour": (0, 23),
    "minute": (0, 59),
    "second": (0, 59),
}
LISTS = ("in", "range")  # lookups whose value is a comma-separated list


def _number_in(value: str, low: int, high: int) -> bool:
    value = value.strip()
    return value.isascii() and value.isdigit() and len(value) <= 19 and low <= int(value) <= high


def list_param_ok(name: str, value: str, hierarchy: str | None = None) -> bool:
    """Whether a changelist query parameter can reach the database without an error.

    `hierarchy`: the list's date hierarchy, whose year links end at 9998 (Django reads the
    year as the span to the next one, and there is no year 10000)."""
    if "\x00" in name or "\x00" in value:
        return False
    parts = name.split("__")
    for i, part in enumerate(parts[1:], start=1):
        if part not in DATE_PARTS:
            continue
        lookup = parts[-1] if i < len(parts) - 1 else "exact"
        if lookup == "isnull":
            return True
        values = value.split(",") if lookup in LISTS else [value]
        low, high = DATE_PARTS[part]
        if hierarchy and name == f"{hierarchy}__year":
            high -= 1
        return all(_number_in(one, low, high) for one in values)
    return True


def odd_list_params(query, hierarchy: str | None = None) -> list[str]:
    """The names of `query`'s parameters (any of their values) a list cannot use."""
    return [
        name
        for name, values in query.lists()
        if not all(list_param_ok(name, value, hierarchy) for value in values)
    ]


def keys_ok(key, values: list[str]) -> bool:
    """Whether `values` can all be values of the key field `key` (an id: digits in its range)."""
    if any("\x00" in value for value in values):
        return False
    while key.remote_field is not None:  # a one-to-one key: the other model's
        key = key.target_field
    if not isinstance(key, models.IntegerField | models.AutoField):
        try:
            for value in values:
                key.to_python(value)
        except ValidationError:
            return False
        return True
    ops = connections[router.db_for_read(key.model)].ops
    low, high = ops.integer_field_range(key.get_internal_type())
    low = 0 if low is None else max(low, 0)
    high = 2**63 - 1 if high is None else high
    return all(_number_in(value, low, high) for value in values)


def selection_ok(model, values: list[str]) -> bool:
    """Whether the ids an action was posted with can all be ids of `model`'s rows."""
    return keys_ok(model._meta.pk, values)


def initial_ok(field, value: str | list[str]) -> bool:
    """Whether `value`, from an add page's address, can prefill `field`: a NUL never can
    (no form field takes one); a relation's must be keys of its rows, which its widget
    looks up as the page is drawn. Blank is no value at all, and fine."""
    values = [one for one in (value if isinstance(value, list) else [value]) if one != ""]
    if any("\x00" in one for one in values):
        return False
    return keys_ok(field.target_field, values) if field.is_relation else True


def odd_initial(model, initial: dict) -> list[str]:
    """The names of `initial`'s fields of `model` that its values cannot prefill."""
    odd = []
    for name, value in initial.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # not a field (`_changelist_filters`, `_popup`): the form ignores it
        if not initial_ok(field, value):
            odd.append(name)
    return odd


# The blank forms one post may add to an inline (the desk draws one; JavaScript's "Add
# another" adds one a click): more is not a person at a page.
MAX_NEW_FORMS = 100


class FormCountGuard:
    """An inline formset that builds no forms when its management form's counts are not
    ones a page could have sent, and says so.

    Django builds min(TOTAL_FORMS, absolute_max) forms (2,000 by default) before it finds
    "too many", and the admin then draws each of them again under the error: half a minute
    of a worker for `sources-TOTAL_FORMS=99999999999999999999`.
    """

    def counts_ok(self) -> bool:
        counts = self.management_form.cleaned_data
        total, initial = counts.get(TOTAL_FORM_COUNT, 0), counts.get(INITIAL_FORM_COUNT, 0)
        if min(total, initial) < 0 or total - initial > MAX_NEW_FORMS:
            return False
        # The rows a page drew are rows there are (read anyway to edit them; none when adding).
        return initial == 0 or initial <= len(self.get_queryset()) + MAX_NEW_FORMS

    def total_form_count(self):
        if self.is_bound and not self.counts_ok():
            return 0
        return super().total_form_count()

    def full_clean(self):
        super().full_clean()
        if self.is_bound and not self.counts_ok():
            self._non_form_errors.append(
                ValidationError(
                    f"This page sent more {self.model._meta.verbose_name_plural} than it "
                    f"could have drawn (at most {MAX_NEW_FORMS} new ones are taken at a time), "
                    "so nothing was saved: reload the page and make your change again.",
                    code="too_many_forms",
                )
            )


class ListGuard:
    """Before any changelist runs: its address and its action's selection are checked
    (and the id of a history page, the values an add page is prefilled with, and the
    number of forms each of its inlines was posted with).

    A parameter the list cannot use is left out, and the list shown again without it, with
    a message (the way the claims list always did); an action posted with a selection that
    is not ids of this list's rows changes nothing and says so.
    """

    def changelist_view(self, request, extra_context=None):
        odd = odd_list_params(request.GET, self.date_hierarchy)
        if odd:
            query = request.GET.copy()
            for name in odd:
                del query[name]
            shown = ", ".join(name.replace("\x00", "\\0") for name in odd)
            self.message_user(
                request,
                f"Left out what the address could not mean: {shown}.",
                messages.WARNING,
            )
            return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
        if request.method == "POST" and "action" in request.POST:
            chosen = request.POST.getlist(ACTION_CHECKBOX_NAME)
            if not selection_ok(self.model, chosen):
                self.message_user(
                    request,
                    f"No {self.opts.verbose_name_plural} were selected: the selection sent "
                    "was not a list of theirs. Nothing was changed.",
                    messages.WARNING,
                )
                return HttpResponseRedirect(request.get_full_path())
        return super().changelist_view(request, extra_context)

    def get_formsets_with_inlines(self, request, obj=None):
        """Each inline's formset, counting its forms before it builds them (FormCountGuard)."""
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            yield type(formset.__name__, (FormCountGuard, formset), {}), inline

    def get_changeform_initial_data(self, request):
        """An add page's fields prefilled from its address, less the values that cannot be
        theirs (`?company=abc`), with a message naming them."""
        initial = super().get_changeform_initial_data(request)
        odd = odd_initial(self.model, initial)
        if odd:
            for name in odd:
                del initial[name]
            self.message_user(
                request,
                f"Left out what the address could not fill in: {', '.join(odd)}.",
                messages.WARNING,
            )
        return initial

    # The history pages read their row by the id in the address; Django's own pages say
    # "no such claim" for an id that is not one, and so do these (django-simple-history's
    # would fail on a word). history_form_view is only reached on the admins that have it.

    def history_view(self, request, object_id, extra_context=None):
        if not selection_ok(self.model, [object_id]):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (selection_ok(self.model, [object_id]) and _number_in(version_id, 1, 2**63 - 1)):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class FactdeskAdminSite(admin.AdminSite):
    site_header = "Factdesk"
    site_title = "Factdesk desk"
    index_title = "The desk"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every ModelAdmin with the site's `ListGuard` in front of its own views."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ListGuard):
            admin_class = type(
                admin_class.__name__,
                (ListGuard, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def autocomplete_view(self, request):
        """The boxes that look a company or a claim up as one types: a NUL typed or sent
        (the database refuses it) is answered as a bad request, never a server error."""
        if odd_list_params(request.GET):
            return JsonResponse({"error": "The search cannot contain a NUL character."}, status=400)
        return super().autocomplete_view(request)

    def index(self, request, extra_context=None):
        extra_context = extra_context or {}
        if request.user.has_perm("factcheck.view_claim"):
            extra_context["review_queue"] = review_queue()
            extra_context["data_quality"] = data_quality()
            extra_context["recent_activity"] = recent_activity()
        return super().index(request, extra_context)
