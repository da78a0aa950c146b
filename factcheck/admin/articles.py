from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from factcheck import extraction
from factcheck.models import Article

from .figure_review import FigureReview

TEXT_FIELD = "text_fingerprint"  # the text the screen was drawn from, to notice a change


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


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

    def get_urls(self):
        view = self.admin_site.admin_view(self.find_figures_view)
        return [
            path("<int:pk>/find-figures/", view, name="factcheck_article_find_figures"),
            *super().get_urls(),
        ]

    @admin.action(description="Find figures…", permissions=["add_claim"])
    def find_figures(self, request, queryset):
        """Open the review screen of the (first) selected article that has text."""
        articles = list(queryset.order_by("pk"))
        for article in articles:
            if not article.text.strip():
                self.message_user(
                    request, f"“{article}” has no text: paste it in first.", messages.WARNING
                )
        articles = [a for a in articles if a.text.strip()]
        if not articles:
            return None
        if len(articles) > 1:
            others = ", ".join(f"“{a}”" for a in articles[1:])
            self.message_user(
                request,
                f"Figures are reviewed one article at a time: this is “{articles[0]}”. "
                f"Use the “Find figures” button on the page of {others} next.",
                messages.INFO,
            )
        return HttpResponseRedirect(self._review_url(articles[0]))

    def _review_url(self, article) -> str:
        return reverse("admin:factcheck_article_find_figures", args=[article.pk])

    def find_figures_view(self, request, pk):
        """Each figure in the article's text beside the stored claims; add the ticked ones."""
        article = get_object_or_404(Article, pk=pk)
        if not (
            self.has_view_or_change_permission(request, article)
            and self.has_add_claim_permission(request)
        ):
            raise PermissionDenied
        back = reverse("admin:factcheck_article_change", args=[article.pk])
        if not article.text.strip():
            self.message_user(
                request, f"“{article}” has no text: paste it in first.", messages.WARNING
            )
            return HttpResponseRedirect(back)
        fingerprint = extraction.text_fingerprint(article.text)
        result = extraction.find(article.text, article=article)
        if request.method != "POST":
            return self._review_page(request, article, FigureReview(result), fingerprint)
        review = FigureReview(result, data=request.POST)
        if request.POST.get(TEXT_FIELD) != fingerprint or not review.complete:
            self.message_user(
                request,
                "The article's text changed since this page was shown, so nothing was added. "
                "Here are its figures as they are now: review them again.",
                messages.ERROR,
            )
            return HttpResponseRedirect(self._review_url(article))
        if not review.is_valid():
            self.message_user(
                request, "Nothing was added: correct the dates marked below.", messages.ERROR
            )
            return self._review_page(request, article, review, fingerprint)
        chosen = review.chosen()
        if not chosen:
            self.message_user(request, "No figure was ticked: nothing was added.", messages.WARNING)
            return HttpResponseRedirect(self._review_url(article))
        try:
            added = extraction.add_claims(chosen, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            problem = " ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, f"Nothing was added. {problem}", messages.ERROR)
            return self._review_page(request, article, review, fingerprint)
        self.message_user(
            request,
            f"{_count(added, 'claim')} added to “{article}” as unverified; "
            f"{_count(review.skipped, 'figure')} not added.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._review_url(article))

    def _review_page(self, request, article, review: FigureReview, fingerprint: str):
        result = review.result
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Find figures: {article}",
            "is_nav_sidebar_enabled": False,  # the table needs the width
            "article": article,
            "review": review,
            "result": result,
            "counts": {
                "found": len(result.candidates),
                "new": len(result.new),
                "claimed": len(result.already_there),
                "disagrees": len(result.disagreeing),
            },
            "text_field": TEXT_FIELD,
            "fingerprint": fingerprint,
        }
        return TemplateResponse(request, "admin/factcheck/article/find_figures.html", context)
