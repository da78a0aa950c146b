"""The desk's renderer writes what Django's templates write (factcheck/admin/rendering.py)."""

import re
from pathlib import Path

import pytest
from django.contrib import admin as django_admin
from django.forms.renderers import DjangoTemplates
from django.template import engines
from django.urls import reverse

from factcheck import services
from factcheck.admin import rendering
from factcheck.admin.forms import ClaimForm, VerdictForm
from tests.factories import PublishedClaimFactory, SourceFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db
TEMPLATES = DjangoTemplates()
DJANGO_FIELDSET = Path(django_admin.__file__).parent / "templates/admin/includes/fieldset.html"
HOSTILE = "Its <b>valuation</b> & \"more\" 'than' $3 billion\n  with a  spaced tail  "


def both_ways(form) -> list[tuple[str, str]]:
    """Each field's widget, label and errors, by the desk's renderer and by the templates."""
    written = []
    for renderer in (rendering.RENDERER, TEMPLATES):
        form.renderer = renderer
        for name in form.fields:
            field = form[name]
            field.__dict__.pop("subwidgets", None)
            written.append(
                (
                    name,
                    str(field) + field.label_tag() + str(field.errors) + field.legend_tag(),
                )
            )
    half = len(written) // 2
    return list(zip(written[:half], written[half:], strict=True))


@pytest.mark.parametrize("bound", [False, True])
def test_claim_and_verdict_forms_are_written_as_the_templates_write_them(bound):
    claim = VerdictClaimFactory(quote=HOSTILE, note=HOSTILE, period="Q2 <FY2025>")
    data = {"quote": HOSTILE, "value": "<$3 billion>", "metric": "nonsense", "unit": "€"}
    forms = [
        ClaimForm(data, instance=claim) if bound else ClaimForm(instance=claim),
        VerdictForm(data) if bound else VerdictForm(initial={"note": HOSTILE}),
    ]
    for form in forms:
        if bound:
            form.is_valid()
        for (name, ours), (_name, django) in both_ways(form):
            assert ours == django, name


def test_renderer_falls_back_to_the_template_for_anything_else():
    errors = ClaimForm({"quote": ""}).errors["quote"]
    errors.renderer = rendering.RENDERER
    assert "<ul" in str(errors) and str(errors) == errors.render(renderer=TEMPLATES)


def test_change_page_sources_are_drawn_by_the_desk_renderer(client, fact_checker):
    claim = VerdictClaimFactory()
    SourceFactory(claim=claim, title=HOSTILE, excerpt=HOSTILE, publisher="A & B")
    client.force_login(fact_checker)
    response = client.get(reverse("admin:factcheck_claim_change", args=[claim.pk]))
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.renderer is rendering.RENDERER
    assert all(form.renderer is rendering.RENDERER for form in formset.forms)
    assert "A &amp; B" in response.content.decode()
    # The admin's own widgets (dates, autocompletes, related links) around them, both ways.
    forms = [response.context["adminform"].form, *formset.forms, formset.empty_form]
    for form in forms:
        for (name, ours), (_name, django) in both_ways(form):
            assert ours == django, name


def test_the_writers_are_used(monkeypatch):
    """The comparisons above would pass if every template fell back: they must not."""
    monkeypatch.setitem(rendering.WRITERS, "django/forms/widgets/textarea.html", lambda c: "X")
    form = ClaimForm(instance=VerdictClaimFactory())
    form.renderer = rendering.RENDERER
    assert str(form["quote"]) == "X"


def words_and_tags(html: str) -> str:
    """HTML with each run of whitespace written as one space (the layout of the template
    source aside, the same page)."""
    return re.sub(r"\s+", " ", html).strip()


@pytest.mark.parametrize("published", [False, True])
def test_fieldsets_are_written_as_djangos_template_writes_them(client, fact_checker, published):
    claim = (PublishedClaimFactory if published else VerdictClaimFactory)(note=HOSTILE)
    SourceFactory(claim=claim, title=HOSTILE, excerpt=HOSTILE, publisher="A & B")
    if published:
        services.revise_claim(claim=claim, user=fact_checker, values={"note": "Changed."})
    client.force_login(fact_checker)
    url = reverse("admin:factcheck_claim_change", args=[claim.pk])
    posted = client.post(url, {"quote": "", "value": "x", "sources-TOTAL_FORMS": "0"})
    assert posted.status_code == 200 and posted.context["adminform"].form.errors
    for response in (client.get(url), posted):
        context = response.context
        forms = [(context["adminform"], 2, "fieldset")]
        forms += [
            (form, 4, formset.formset.prefix)
            for formset in context["inline_admin_formsets"]
            for form in formset
        ]
        assert len(forms) > 1 or published
        template = engines["django"].from_string(DJANGO_FIELDSET.read_text())
        for form, level, prefix in forms:
            for i, fieldset in enumerate(form):
                names = {"heading_level": level, "prefix": prefix, "id_prefix": 0, "id_suffix": i}
                ours = rendering.fieldset_html(fieldset, *names.values())
                theirs = template.render({"fieldset": fieldset, **names})
                assert 'class="form-row' in ours
                assert words_and_tags(ours) == words_and_tags(theirs), fieldset.name
