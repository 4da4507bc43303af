"""Pieces the admin pages share."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property


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
