from django.conf import settings


def organisation(request):
    return {"org": settings.CLAIMSDB_REVIEWER_ORG}
