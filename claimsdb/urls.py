from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("articles.api.urls")),
    path("factchecks/", include("public.urls")),
]

# An /api/ address no route takes answers the API's error envelope (JSON), not an HTML page.
handler404 = "articles.api.errors.not_found"
