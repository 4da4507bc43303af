"""RSS and Atom feeds of the latest published fact-checks (django.contrib.syndication)."""
from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F, Max
from django.db.models.functions import Coalesce
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from articles.selectors import claimreview, corrections
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
        # A corrected check comes back to the top, with its correction: readers of the feed hear of it.
        return (published().annotate(corrected_at=Max("corrections__at"),
                                     changed_at=Coalesce(Max("corrections__at"), "reviewed_at"))
                .order_by(F("changed_at").desc(nulls_last=True), "-id")[:30])

    def item_title(self, item):
        return f"{claimreview.RATINGS[item.verdict][1]}: {claimreview.wording(item)}"

    def item_description(self, item):
        who = item.speaker.name if item.speaker_id else item.organisation.name if item.organisation_id else item.speaker_text
        text = f"{who or 'Unknown'}, in “{item.article.title}” ({item.article.published}). {item.rationale}"
        if item.corrected_at is not None:
            last = corrections.public_entry(item.corrections.order_by("-at", "-id")[0])
            text = f"{last['verb']} on {last['at'].day} {last['at']:%B %Y}: {last['reason']}\n\n{text}"
        return text

    def item_link(self, item):
        return f"/factchecks/{item.pk}/"

    def item_pubdate(self, item):
        return item.reviewed_at

    def item_updateddate(self, item):
        """The last change on the record (a correction or an update), else the check itself."""
        return item.changed_at


class LatestChecksAtom(LatestChecks):
    feed_type = SafeAtom
    subtitle = LatestChecks.description
