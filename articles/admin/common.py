"""Pieces the admin pages share."""
from __future__ import annotations

from datetime import date, timedelta

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Max, Min, QuerySet
from django.utils.functional import cached_property

from articles.models import Statistic


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
    """dates() by probing each candidate year, month or day with an indexed EXISTS, instead of
    SELECT DISTINCT over every row: the admin's date hierarchy stays cheap on a million claims."""

    def dates(self, field_name, kind, order="ASC"):
        if kind not in ("year", "month", "day"):
            return super().dates(field_name, kind, order)
        bounds = self.order_by().aggregate(first=Min(field_name), last=Max(field_name))
        first, last = bounds["first"], bounds["last"]
        if first is None:
            return []
        found = []
        for start, end in _periods(first, last, kind):
            if self.filter(**{f"{field_name}__gte": start, f"{field_name}__lt": end}).order_by().exists():
                found.append(start)
        return found if order == "ASC" else found[::-1]


def _periods(first: date, last: date, kind: str):
    if kind == "year":
        for y in range(first.year, last.year + 1):
            yield date(y, 1, 1), date(y + 1, 1, 1)
    elif kind == "month":
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
            yield date(y, m, 1), date(ny, nm, 1)
            y, m = ny, nm
    else:
        d = first
        while d <= last:
            yield d, d + timedelta(days=1)
            d += timedelta(days=1)


def skip_scan(qs: QuerySet) -> QuerySet:
    """The same query, as a SkipScanDatesQuerySet (chained calls keep the class)."""
    return SkipScanDatesQuerySet(model=qs.model, query=qs.query, using=qs.db)


class StatisticInline(admin.TabularInline):
    """An article's or a claim's statistics, read-only: they are edited on their own page."""

    model = Statistic
    extra = 0
    fields = ["text", "value", "unit", "previous_value", "measure", "period"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
