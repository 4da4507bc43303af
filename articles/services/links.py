"""Links between claims, recorded in both claims' history."""
from __future__ import annotations

from articles.models import Claim, ClaimLink
from articles.services import retry, review


@retry.atomic
def create_link(source: Claim, target: Claim, relation: str, user, note: str = "") -> ClaimLink:
    link = ClaimLink.objects.create(source=source, target=target, relation=relation, note=note,
                                    created_by=user if user is not None and user.is_authenticated else None)
    label = ClaimLink.Relation(relation).label
    review.record_change(source, user, "link", "", f"{label} claim {target.pk}")
    review.record_change(target, user, "link", "", f"claim {source.pk} {label} this")
    return link


@retry.atomic
def delete_link(link: ClaimLink, user) -> None:
    label = ClaimLink.Relation(link.relation).label
    review.record_change(link.source, user, "link", f"{label} claim {link.target_id}", "")
    review.record_change(link.target, user, "link", f"claim {link.source_id} {label} this", "")
    link.delete()


@retry.atomic
def update_link(link: ClaimLink, user, relation: str | None = None, note: str | None = None) -> ClaimLink:
    """Change a link's relation or note (its ends are fixed), recorded in both claims' history."""
    changed = []
    if relation is not None and relation != link.relation:
        old, new = ClaimLink.Relation(link.relation).label, ClaimLink.Relation(relation).label
        review.record_change(link.source, user, "link", f"{old} claim {link.target_id}", f"{new} claim {link.target_id}")
        review.record_change(link.target, user, "link", f"claim {link.source_id} {old} this",
                             f"claim {link.source_id} {new} this")
        link.relation = relation
        changed.append("relation")
    if note is not None and note != link.note:
        review.record_change(link.source, user, "link note", link.note, note)
        link.note = note
        changed.append("note")
    if changed:
        link.save(update_fields=changed)
    return link


@retry.atomic
def save_edited(link: ClaimLink, user) -> ClaimLink:
    """A link an editor changed in a form (``link`` carries the form's values, the stored row the
    old ones), recorded in both claims' history as the API records it: a new relation or note is
    :func:`update_link`; a new end is the old link removed and a new one made."""
    stored = ClaimLink.objects.select_related("source", "target").get(pk=link.pk)
    if (stored.source_id, stored.target_id) != (link.source_id, link.target_id):
        delete_link(stored, user)
        return create_link(link.source, link.target, link.relation, user, link.note)
    return update_link(stored, user, relation=link.relation, note=link.note)
