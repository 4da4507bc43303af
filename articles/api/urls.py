from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("articles", views.ArticleViewSet)
router.register("people", views.PersonViewSet)
router.register("organisations", views.OrganisationViewSet)
router.register("claims", views.ClaimViewSet)
router.register("statistics", views.StatisticViewSet)
router.register("claim-links", views.ClaimLinkViewSet)
router.register("factchecks", views.FactCheckViewSet)
router.register("claim-families", views.ClaimFamilyViewSet)

urlpatterns = [
    path("checkworthiness/", views.CheckworthinessView.as_view(), name="checkworthiness"),
    path("claimreview/", views.ClaimReviewListView.as_view(), name="claimreview-list"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("", include(router.urls)),
]
