from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse

from factcheck import extraction
from factcheck.models import Article

FIGURE_FIELD = "figure"  # checkbox values: "<article pk>:<candidate position>"


def chosen_figures(request) -> dict[int, set[int]]:
    """The figures the editor ticked on the "Find figures" page, by article."""
    chosen: dict[int, set[int]] = {}
    for value in request.POST.getlist(FIGURE_FIELD):
        article, _, position = value.partition(":")
        if article.isdigit() and position.isdigit():
            chosen.setdefault(int(article), set()).add(int(position))
    return chosen


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "publication", "author", "published_on"]
    search_fields = ["title", "author", "publication"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_on"
    fieldsets = [
        (None, {"fields": ["title", "slug", ("author", "publication"), ("published_on", "url")]}),
        ("Text", {"fields": ["text"]}),
    ]
    actions = ["find_figures"]

    def has_add_claim_permission(self, request):
        return request.user.has_perm("factcheck.add_claim")

    @admin.action(description="Find figures…", permissions=["add_claim"])
    def find_figures(self, request, queryset):
        """Show every figure in the selected articles; add the ticked ones as unverified claims."""
        articles = list(queryset)
        without_text = [a for a in articles if not a.text.strip()]
        for article in without_text:
            self.message_user(
                request, f"“{article}” has no text: paste it in first.", messages.WARNING
            )
        articles = [a for a in articles if a.text.strip()]
        if not articles:
            return None
        if "apply" in request.POST:
            return self._add_claims(request, articles, chosen_figures(request))
        found = [(article, extraction.extract_article(article)) for article in articles]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Find figures",
            "found": found,
            "figure_field": FIGURE_FIELD,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/factcheck/article/find_figures.html", context)

    def _add_claims(self, request, articles, chosen: dict[int, set[int]]) -> None:
        for article in articles:
            try:
                result = extraction.extract_article(
                    article, save=True, user=request.user, only=chosen.get(article.pk, set())
                )
            except (ValidationError, PermissionDenied) as error:
                problem = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(
                    request, f"“{article}”: nothing was added. {problem}", messages.ERROR
                )
                continue
            there = len(result.already_there)
            self.message_user(
                request,
                f"“{article}”: {result.created} claim(s) added as unverified; "
                f"{there} figure(s) already had a claim.",
                messages.SUCCESS,
            )
