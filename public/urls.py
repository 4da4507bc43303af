from django.urls import path

from . import feeds, views

app_name = "public"
urlpatterns = [
    path("", views.factcheck_list, name="list"),
    path("<int:pk>/", views.factcheck_detail, name="detail"),
    path("people/<int:pk>/", views.person_checks, name="person"),
    path("organisations/<int:pk>/", views.organisation_checks, name="organisation"),
    path("corrections/", views.correction_list, name="corrections"),
    path("evidence/<int:pk>/copy/", views.archived_copy, name="archived_copy"),
    path("feed/rss/", feeds.LatestChecks(), name="rss"),
    path("feed/atom/", feeds.LatestChecksAtom(), name="atom"),
]
