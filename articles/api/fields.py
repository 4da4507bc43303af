"""Id fields and filters that refuse ids no database row can have (a 400, never a 500): SQLite
raises OverflowError on integers past 64 bits, which Django's fields do not catch."""
from __future__ import annotations

import django_filters as df
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.ids import MAX_ID, id_in_range

__all__ = ["MAX_ID", "NO_NUL", "IdFilter", "PrimaryKeyField", "TextFilter", "id_in_range"]

# Text the API stores or searches never holds a NUL character (PostgreSQL text cannot; Django and DRF
# refuse it with a 400): declared as this pattern wherever text comes in.
NO_NUL = "^[^\\x00]*$"
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


class PrimaryKeyField(serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        if not isinstance(data, bool) and id_in_range(data):
            return super().to_internal_value(data)
        self.fail("does_not_exist", pk_value=data)


@extend_schema_field(ID_SCHEMA)
class IdFilter(df.NumberFilter):
    """An id: a whole number from 1 to 2**63-1."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra["validators"] = [MinValueValidator(1), MaxValueValidator(MAX_ID)]


@extend_schema_field({"type": "string", "pattern": NO_NUL})
class TextFilter(df.CharFilter):
    """Free text (a search, a name): anything but a NUL character, which is a 400."""


ID = serializers.IntegerField(min_value=1, max_value=MAX_ID)
