"""Public claim pages. Every query starts from Claim.objects.public()."""

from django.shortcuts import get_object_or_404, render

from factcheck.models import Article, Claim


def claim_list(request):
    claims = Claim.objects.public().select_related("company")[:50]
    return render(request, "factcheck/claim_list.html", {"claims": claims})


def claim_detail(request, pk):
    claim = get_object_or_404(Claim.objects.public().select_related("company", "article"), pk=pk)
    return render(request, "factcheck/claim_detail.html", {"claim": claim})


def article_detail(request, slug):
    article = get_object_or_404(Article, slug=slug)
    claims = Claim.objects.public().filter(article=article)
    return render(request, "factcheck/article_detail.html", {"article": article, "claims": claims})
