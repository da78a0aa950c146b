from django.urls import path

from factcheck.views import claims, health

app_name = "factcheck"

urlpatterns = [
    path("", claims.claim_list, name="home"),
    path("claims/", claims.claim_list, name="claims"),
    path("claims/<int:pk>/", claims.claim_detail, name="claim"),
    path("articles/<slug:slug>/", claims.article_detail, name="article"),
    path("healthz", health.healthz, name="healthz"),
]
