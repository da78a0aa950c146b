from django.contrib import admin

from .models import Company, CompanyAlias, CompanyGroup


class AliasInline(admin.TabularInline):
    model = CompanyAlias
    extra = 1


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "ticker"]
    list_filter = ["kind", "country", "groups"]
    search_fields = ["name", "slug", "aliases__name", "ticker"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["groups"]
    inlines = [AliasInline]


@admin.register(CompanyGroup)
class CompanyGroupAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
