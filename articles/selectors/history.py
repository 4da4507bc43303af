"""A claim's review history as editors read it: field names and values by their labels ("status:
New → In review"), not as stored ("status: new → in_review")."""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist

from articles.models import Claim

EMPTY = "∅"


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.field}: {self.old or EMPTY} → {self.new or EMPTY}"


def _field(name: str):
    """The claim's own field of that name (not a relation to it, such as ``evidence``), or None."""
    try:
        field = Claim._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return None if field.auto_created and not field.concrete else field


def field_label(name: str) -> str:
    """A history key's label: the claim field's verbose name, else the key ("link", "evidence")."""
    field = _field(name)
    return str(field.verbose_name) if field is not None else name.replace("_", " ")


def value_label(name: str, value: str) -> str:
    """A stored value's label: a choice's label for fields with choices ("in_review" → "In review")."""
    field = _field(name)
    choices = field.choices if field is not None else None
    return str(dict(choices).get(value, value)) if choices and value else value


def describe(changes: dict) -> list[Change]:
    """One event's changes, labelled: ``{"status": ["new", "in_review"]}`` → [status: New → In review]."""
    return [Change(field_label(name), value_label(name, old), value_label(name, new))
            for name, (old, new) in changes.items()]
