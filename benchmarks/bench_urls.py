"""The project's URLs plus the benchmarks' minimal view (ROOT_URLCONF for benchmark runs only)."""
from django.urls import path
from minimal_view import claims

from claimsdb.urls import urlpatterns as project

urlpatterns = [path("bench/claims/", claims), *project]
