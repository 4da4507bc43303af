"""Id fields and filters that refuse ids no database row can have (a 400, never a 500): SQLite
raises OverflowError on integers past 64 bits, which Django's fields do not catch."""
from __future__ import annotations

import django_filters as df
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from rest_framework import serializers

from articles.ids import MAX_ID, id_in_range

__all__ = ["MAX_ID", "IdFilter", "ModelIdFilter", "PrimaryKeyField", "id_in_range"]


class PrimaryKeyField(serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        if not isinstance(data, bool) and id_in_range(data):
            return super().to_internal_value(data)
        self.fail("does_not_exist", pk_value=data)


class IdFilter(df.NumberFilter):
    """An id: a whole number from 1 to 2**63-1."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra["validators"] = [MinValueValidator(1), MaxValueValidator(MAX_ID)]


class _RangeCheckedChoiceField(df.fields.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not id_in_range(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelIdFilter(df.ModelChoiceFilter):
    """A related record by id, rendered as a number box: the browsable API's filter form must not
    list every person or organisation as an <option>."""

    field_class = _RangeCheckedChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.NumberInput)
        super().__init__(*args, **kwargs)


ID = serializers.IntegerField(min_value=1, max_value=MAX_ID)
