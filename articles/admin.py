from django.contrib import admin

from . import models

for m in (models.Organisation, models.OrganisationAlias, models.Person, models.PersonAlias, models.Affiliation,
          models.Article, models.Mention, models.Claim, models.EvidenceLink, models.ClaimLink, models.ReviewEvent,
          models.Statistic):
    admin.site.register(m)
