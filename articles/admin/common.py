"""Pieces the admin pages share."""
from __future__ import annotations

from datetime import date, timedelta

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Min, QuerySet
from django.utils.functional import cached_property

from articles.models import Statistic


class RecordAdmin(admin.ModelAdmin):
    """A record the services write (history, corrections, archives): read here, never added, changed
    or deleted through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CappedCountPaginator(Paginator):
    """Counts at most CAP rows (a LIMITed subquery), so a filtered changelist over a million claims
    does not scan them all; beyond CAP the admin shows CAP pages' worth and a "more" label."""

    CAP = 10_000

    @cached_property
    def count(self):
        qs = self.object_list
        if connection.vendor == "postgresql" and not qs.query.where:
            # Unfiltered: PostgreSQL's own estimate costs nothing.
            with connection.cursor() as cur:
                cur.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [qs.model._meta.db_table])
                row = cur.fetchone()
            if row and row[0] > self.CAP:
                return int(row[0])
        return qs.order_by().values("pk")[: self.CAP].count()


def admin_url(obj, action="change") -> str:
    from django.urls import reverse

    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=[obj.pk])


class SkipScanDatesQuerySet(QuerySet):
    """dates() by asking the index for the first value at or after each period, instead of SELECT
    DISTINCT over every row: one indexed MIN per period that has rows (plus one), so the cost follows
    the periods that exist, never the span between the earliest and latest date (year 1 to 9999)."""

    MAX_PERIODS = 1000

    def dates(self, field_name, kind, order="ASC"):
        if kind not in ("year", "month", "day"):
            return super().dates(field_name, kind, order)
        found: list[date] = []
        cursor: date | None = None
        base = self.order_by()
        while len(found) < self.MAX_PERIODS:
            qs = base.filter(**{f"{field_name}__gte": cursor}) if cursor is not None else base
            first = qs.aggregate(first=Min(field_name))["first"]
            if first is None:
                break
            start = _period_start(first, kind)
            found.append(start)
            cursor = _period_end(start, kind)
            if cursor is None:  # the last period the calendar has
                break
        return found if order == "ASC" else found[::-1]


def _period_start(d: date, kind: str) -> date:
    if kind == "year":
        return date(d.year, 1, 1)
    if kind == "month":
        return date(d.year, d.month, 1)
    return date(d.year, d.month, d.day)


def _period_end(start: date, kind: str) -> date | None:
    """The first day after the period, or None past date.max."""
    try:
        if kind == "year":
            return date(start.year + 1, 1, 1)
        if kind == "month":
            return date(start.year + 1, 1, 1) if start.month == 12 else date(start.year, start.month + 1, 1)
        return start + timedelta(days=1)
    except (ValueError, OverflowError):
        return None


def skip_scan(qs: QuerySet) -> QuerySet:
    """The same query, as a SkipScanDatesQuerySet (chained calls keep the class)."""
    return SkipScanDatesQuerySet(model=qs.model, query=qs.query, using=qs.db)


def as_written(value, unit: str = "") -> str:
    """A number as a reader writes it: 100, 400,000, 1.7%, 0.25 — never 100.000000."""
    if value is None:
        return "—"
    d = value.normalize()
    text = f"{int(d):,}" if d == d.to_integral_value() else f"{d:,f}"
    return text + ("%" if unit == "percent" else " points" if unit == "percentage_points" else "")


class NumbersAsWritten:
    """value/previous/upper columns for statistics, as written."""

    @admin.display(description="value", ordering="value")
    def value_shown(self, obj):
        shown = as_written(obj.value, obj.unit)
        return f"{shown} in {as_written(obj.upper_value)}" if obj.unit == "ratio" and obj.upper_value else \
            f"{shown} to {as_written(obj.upper_value, obj.unit)}" if obj.upper_value is not None else shown

    @admin.display(description="previous value")
    def previous_shown(self, obj):
        return as_written(obj.previous_value, obj.unit)


class StatisticInline(NumbersAsWritten, admin.TabularInline):
    """An article's or a claim's statistics, read-only: they are edited on their own page."""

    model = Statistic
    extra = 0
    fields = ["text", "value_shown", "unit", "previous_shown", "measure", "period"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class FarDatesChangeList(ChangeList):
    """Django's date hierarchy computes the end of the selected period as the next year, month or
    day, which does not exist for year 9999: such a selection becomes explicit bounds instead."""

    def get_filters_params(self, params=None):
        lookup = super().get_filters_params(params)
        dh = self.date_hierarchy
        year = lookup.get(f"{dh}__year") if dh else None
        if not year or not str(year[-1]).isdigit() or int(year[-1]) < date.max.year:
            return lookup
        month, day = lookup.pop(f"{dh}__month", None), lookup.pop(f"{dh}__day", None)
        lookup.pop(f"{dh}__year")
        try:
            start = date(date.max.year, int(month[-1]) if month else 1, int(day[-1]) if day else 1)
        except ValueError as exc:
            raise IncorrectLookupParameters(exc) from exc
        lookup[f"{dh}__gte"] = [start.isoformat()]
        if day:
            lookup[f"{dh}__lte"] = [start.isoformat()]
        elif month and start.month < 12:
            lookup[f"{dh}__lt"] = [date(start.year, start.month + 1, 1).isoformat()]
        return lookup


def delete_last(actions: dict) -> dict:
    """A list's bulk actions with "Delete selected" last, not first (where Django puts it)."""
    if "delete_selected" in actions:
        actions = {**actions}
        actions["delete_selected"] = actions.pop("delete_selected")
    return actions
