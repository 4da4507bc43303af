"""RSS and Atom feeds of the latest published fact-checks (django.contrib.syndication)."""
from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from articles.selectors import claimreview
from articles.selectors.outward import xml_safe_data

from .views import published


class _XMLSafe:
    """A feed writer that cleans every text it is given (the feed's and each item's) of the
    characters XML 1.0 forbids: Django refuses the whole feed otherwise (a 500 for everyone)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*xml_safe_data(args), **xml_safe_data(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*xml_safe_data(args), **xml_safe_data(kwargs))


class SafeRss(_XMLSafe, Rss201rev2Feed):
    pass


class SafeAtom(_XMLSafe, Atom1Feed):
    pass


class LatestChecks(Feed):
    feed_type = SafeRss
    title = f"{settings.CLAIMSDB_REVIEWER_ORG} fact-checks"
    link = "/factchecks/"
    description = "The latest published fact-checks."

    def items(self):
        return published()[:30]

    def item_title(self, item):
        return f"{claimreview.RATINGS[item.verdict][1]}: {claimreview.wording(item)}"

    def item_description(self, item):
        who = item.speaker.name if item.speaker_id else item.organisation.name if item.organisation_id else item.speaker_text
        return f"{who or 'Unknown'}, in “{item.article.title}” ({item.article.published}). {item.rationale}"

    def item_link(self, item):
        return f"/factchecks/{item.pk}/"

    def item_pubdate(self, item):
        return item.reviewed_at

    def item_updateddate(self, item):
        return item.updated_at


class LatestChecksAtom(LatestChecks):
    feed_type = SafeAtom
    subtitle = LatestChecks.description
