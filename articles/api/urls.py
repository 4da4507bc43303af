from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import auth, views

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
    path("auth/login/", auth.TokenLoginView.as_view(), name="api-login"),
    path("auth/logout/", auth.TokenLogoutView.as_view(), name="api-logout"),
    path("auth/logoutall/", auth.TokenLogoutAllView.as_view(), name="api-logoutall"),
    path("claimreview/", views.ClaimReviewListView.as_view(), name="claimreview-list"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    path("", include(router.urls)),
]
