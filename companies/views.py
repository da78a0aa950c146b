"""Company pages: every company, and one company's published figures."""

from django.shortcuts import get_object_or_404, render

from factcheck.models import Claim

from .models import Company, CompanyGroup


def company_list(request):
    groups = CompanyGroup.objects.prefetch_related("companies")
    return render(
        request,
        "companies/company_list.html",
        {"groups": groups, "companies": Company.objects.all()},
    )


def company_detail(request, slug):
    company = get_object_or_404(Company, slug=slug)
    claims = Claim.objects.public().for_company(company).order_by("metric", "as_of", "pk")
    return render(request, "companies/company_detail.html", {"company": company, "claims": claims})
