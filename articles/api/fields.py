"""Id fields and filters that refuse ids no database row can have (a 400, never a 500): SQLite
raises OverflowError on integers past 64 bits, which Django's fields do not catch."""
from __future__ import annotations

import re
from collections.abc import Mapping

import django_filters as df
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound

from articles.ids import MAX_ID, id_in_range

__all__ = ["MAX_ID", "NO_NUL", "IdFilter", "PrimaryKeyField", "TextFilter", "id_in_range"]

# Text the API stores or searches never holds a NUL character (PostgreSQL text cannot; Django and DRF
# refuse it with a 400): declared as this pattern wherever text comes in.
NO_NUL = "^[^\\x00]*$"
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class PrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A record by id: not a whole number from 1 is a 400; a well-formed id no record has, a 404."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int) or not id_in_range(data):
            self.fail("incorrect_type", data_type=type(data).__name__)
        queryset = self.get_queryset()
        try:
            return queryset.get(pk=data)
        except queryset.model.DoesNotExist:
            raise NotFound(f"{self.field_name}: no {queryset.model._meta.verbose_name} has id {data}.") from None


@extend_schema_field(ID_SCHEMA)
class IdFilter(df.NumberFilter):
    """An id: a whole number from 1 to 2**63-1."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra["validators"] = [MinValueValidator(1), MaxValueValidator(MAX_ID)]


@extend_schema_field({"type": "number", "maximum": 1e50})
class NumberFilter(df.NumberFilter):
    """A number (django-filter refuses one past 1e50 with a 400, as declared)."""


@extend_schema_field({"type": "string", "pattern": NO_NUL})
class TextFilter(df.CharFilter):
    """Free text (a search, a name): anything but a NUL character, which is a 400."""


ID = serializers.IntegerField(min_value=1, max_value=MAX_ID)


# Evidence links: an http(s) address with a host and no spaces or NUL; the schema declares this pattern
# and the API checks exactly it (Django's URLValidator accepts a subset no schema can state).
WEB_URL = "^https?://[^\\x00-\\x20\\x7f/?#]+(?:[/?#][^\\x00-\\x20\\x7f]*)?$"


@extend_schema_field({"type": "string", "pattern": WEB_URL, "maxLength": 1000})
class WebURLField(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 1000)
        super().__init__(trim_whitespace=False, **kwargs)
        self.validators.append(RegexValidator(WEB_URL, "Enter an http:// or https:// address."))


DECIMAL = "^-?[0-9]{1,24}(?:\\.[0-9]{1,6})?$"


def json_type_error(field, value) -> str | None:
    """What is wrong with a JSON value's type for a writable field (None: nothing). DRF reads 5 as the
    text "5" and "5" as the number 5; the schema says which one a field takes, and so does this."""
    if value is None:
        return None
    if isinstance(field, serializers.ListField):
        if not isinstance(value, list):
            return None  # DRF's own message
        return next(filter(None, (json_type_error(field.child, v) for v in value)), None)
    if isinstance(field, serializers.DecimalField) and field.coerce_to_string:
        if not (isinstance(value, str) and re.fullmatch(DECIMAL, value)):
            return 'A decimal number written as a string, such as "1.5" (at most 24 digits, then 6 decimals).'
        return None
    if isinstance(field, serializers.CharField) and not isinstance(value, str):
        return "Not a valid string."
    if isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField) and (
            isinstance(value, bool) or not isinstance(value, int)):
        return "A valid integer is required."
    return None


class StrictJSON:
    # A serializer mixin (a comment, not a docstring: the schema would show it for every serializer):
    # JSON types as the schema declares them, checked before DRF's coercions, and no field the
    # serializer does not know (the schema says additionalProperties: false). A read-only field sent
    # back as read is let through (and ignored), so a client may PUT what it got.

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = {key: ["Unknown field."] for key in data if key not in self.fields}
            for field in self._writable_fields:
                if field.field_name in data:
                    message = json_type_error(field, data[field.field_name])
                    if message:
                        errors[field.field_name] = [message]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)
