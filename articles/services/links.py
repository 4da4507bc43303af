"""Links between claims, recorded in both claims' history."""
from __future__ import annotations

from django.db import transaction

from articles.models import Claim, ClaimLink
from articles.services import review


@transaction.atomic
def create_link(source: Claim, target: Claim, relation: str, user, note: str = "") -> ClaimLink:
    link = ClaimLink.objects.create(source=source, target=target, relation=relation, note=note,
                                    created_by=user if user is not None and user.is_authenticated else None)
    label = ClaimLink.Relation(relation).label
    review.record_change(source, user, "link", "", f"{label} claim {target.pk}")
    review.record_change(target, user, "link", "", f"claim {source.pk} {label} this")
    return link


@transaction.atomic
def delete_link(link: ClaimLink, user) -> None:
    label = ClaimLink.Relation(link.relation).label
    review.record_change(link.source, user, "link", f"{label} claim {link.target_id}", "")
    review.record_change(link.target, user, "link", f"claim {link.source_id} {label} this", "")
    link.delete()
