from django.contrib import admin

from factcheck.models import Article


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
