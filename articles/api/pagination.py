"""Pagination. The large tables (claims, statistics) use keyset cursors over (ordering field, id):
every allowed ordering walks every row exactly once, NULLs placed last in either direction, with
the id as the unique tie-breaker; no page counts the table or skips rows with OFFSET."""
from __future__ import annotations

import base64
import binascii
import json
from datetime import date, datetime
from decimal import Decimal

from django.db.models import F, Q
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_PAGE_SIZE = 500


def page_size(request, param: str, default: int) -> int:
    """The page size asked for: a whole number from 1 to MAX_PAGE_SIZE (anything else is a 400, as
    the schema declares), or the default."""
    raw = request.query_params.get(param)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6) or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise ValidationError({param: [f"A whole number from 1 to {MAX_PAGE_SIZE}."]})
    return int(raw)


def page_size_parameter(param: str) -> dict:
    return {"name": param, "required": False, "in": "query",
            "description": f"Number of results to return per page (1 to {MAX_PAGE_SIZE}; default 50).",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}}


class PageNumberNoCountPagination(PageNumberPagination):
    """Page numbers for the smaller tables (articles, people, organisations)."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return page_size(request, self.page_size_query_param, self.page_size)

    def get_schema_operation_parameters(self, view):
        return [
            {"name": self.page_query_param, "required": False, "in": "query",
             "description": "A page number (from 1); a page past the last is a 404.",
             "schema": {"type": "integer", "minimum": 1}},
            page_size_parameter(self.page_size_query_param),
        ]


def _encode_value(v):
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    return v


class IdCursorPagination(BasePagination):
    """Keyset cursor pages: never counts the table, steady cost at any depth."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    cursor_query_param = "cursor"
    default_ordering = "id"

    # -- the ordering in force -----------------------------------------------------------
    def _ordering(self, request, queryset, view) -> tuple[str, bool]:
        ordering = OrderingFilter().get_ordering(request, queryset, view) if view is not None else None
        term = (ordering or [self.default_ordering])[0]
        desc = term.startswith("-")
        return term.lstrip("-"), desc

    def _order_by(self, field: str, desc: bool, reverse: bool):
        d = desc != reverse
        # Walking forward, NULLs come last; walking back, the reversed order puts them first.
        nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
        key = F(field).desc(**nulls) if d else F(field).asc(**nulls)
        tie = F("id").desc() if d else F("id").asc()
        return [key, tie] if field != "id" else [tie]

    def _after(self, field: str, desc: bool, value, pk) -> Q:
        gt, ident = ("lt" if desc else "gt"), ("id__lt" if desc else "id__gt")
        if field == "id":
            return Q(**{ident: pk})
        if value is None:
            return Q(**{f"{field}__isnull": True, ident: pk})
        return (Q(**{f"{field}__isnull": False}) & (Q(**{f"{field}__{gt}": value}) | Q(**{field: value, ident: pk}))) \
            | Q(**{f"{field}__isnull": True})

    def _before(self, field: str, desc: bool, value, pk) -> Q:
        lt, ident = ("gt" if desc else "lt"), ("id__gt" if desc else "id__lt")
        if field == "id":
            return Q(**{ident: pk})
        if value is None:
            return Q(**{f"{field}__isnull": False}) | Q(**{f"{field}__isnull": True, ident: pk})
        return Q(**{f"{field}__isnull": False}) & (Q(**{f"{field}__{lt}": value}) | Q(**{field: value, ident: pk}))

    # -- cursors ------------------------------------------------------------------------
    def _decode(self, request, model, field):
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(raw.encode("ascii")).decode("utf-8"))
            value = data["v"]
            if value is not None and field != "id":
                value = model._meta.get_field(field).to_python(value)
            return bool(data.get("r")), value, int(data["i"])
        except (binascii.Error, ValueError, TypeError, KeyError, UnicodeError, AttributeError) as e:
            raise NotFound("Invalid cursor.") from e
        except Exception as e:  # a field's own validation error
            raise NotFound("Invalid cursor.") from e

    def _link(self, obj, field: str, reverse: bool) -> str:
        value = obj.pk if field == "id" else getattr(obj, field)
        token = base64.urlsafe_b64encode(json.dumps({"v": _encode_value(value), "i": obj.pk, "r": reverse}).encode())
        return replace_query_param(self.base_url, self.cursor_query_param, token.decode("ascii"))

    def get_page_size(self, request):
        return page_size(request, self.page_size_query_param, self.page_size)

    def paginate_queryset(self, queryset, request, view=None):
        self.page_size_now = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        field, desc = self._ordering(request, queryset, view)
        cursor = self._decode(request, queryset.model, field)
        reverse = bool(cursor and cursor[0])
        qs = queryset
        if cursor is not None:
            _, value, pk = cursor
            qs = qs.filter(self._before(field, desc, value, pk) if reverse else self._after(field, desc, value, pk))
        rows = list(qs.order_by(*self._order_by(field, desc, reverse))[:self.page_size_now + 1])
        more = len(rows) > self.page_size_now
        rows = rows[:self.page_size_now]
        if reverse:
            rows.reverse()
        self.next = self.previous = None
        if rows:
            # Forward: more rows after this page make a next link; a cursor means rows before it.
            # Backward: rows after this page exist (we came from there); more means rows before.
            has_next, has_previous = (True, more) if reverse else (more, cursor is not None)
            if has_next:
                self.next = self._link(rows[-1], field, False)
            if has_previous:
                self.previous = self._link(rows[0], field, True)
        elif cursor is not None:
            self.previous = remove_query_param(self.base_url, self.cursor_query_param)
        return rows

    def get_paginated_response(self, data):
        return Response({"next": self.next, "previous": self.previous, "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query",
             "description": "A cursor from a `next` or `previous` link (opaque); a cursor this API did "
                            "not give is a 404.", "schema": {"type": "string"}},
            page_size_parameter(self.page_size_query_param),
        ]
