"""Bulk SQL for an import's writer: rows sent as few statements as the database allows.

An import's writer is its serial stage, and per-statement and per-instance costs were most of it;
these functions send plain rows (no model instance a row) in one statement where Django's
``bulk_create`` would build and prepare every value. PostgreSQL and SQLite alike."""
from __future__ import annotations

from django.db import connection
from django.utils import timezone

__all__ = ["bulk_insert", "in_list", "insert", "send"]


def in_list(column: str, values) -> tuple[str, list]:
    """``column IN (...)`` as SQL and parameters: one array parameter on PostgreSQL, a list elsewhere."""
    values = sorted(values)
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [values]
    if not values:
        return "1 = 0", []
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Many plain rows in one INSERT ... ON CONFLICT DO NOTHING (PostgreSQL and SQLite alike),
    without a model instance a row: mentions and mention links are most of an import's rows, and
    building instances for them cost more than sending them."""
    send(model, [model._meta.get_field(c) for c in columns], rows, "ON CONFLICT DO NOTHING")


def send(model, fields: list, rows: list[tuple], suffix: str = "", batch: int = 500) -> list[tuple]:
    """INSERT rows of prepared values into the model's table; what a RETURNING ``suffix`` returns.

    On PostgreSQL the rows go as one array a column (INSERT ... SELECT * FROM UNNEST(...)): a
    statement of a few parameters, where VALUES lists of thousands took the driver longer to parse
    than the server to run. Elsewhere, VALUES lists in batches."""
    if not rows:
        return []
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
    out: list[tuple] = []
    with connection.cursor() as cur:
        if connection.vendor == "postgresql" and not any(f.get_internal_type() == "JSONField" for f in fields):
            casts = ", ".join(f"%s::{f.rel_db_type(connection) if f.is_relation else f.db_type(connection)}[]"
                              for f in fields)
            cur.execute(f"{head}SELECT * FROM UNNEST({casts}) {suffix}", [list(col) for col in zip(*rows, strict=True)])
            return cur.fetchall() if "RETURNING" in suffix else []
        one = "(" + ", ".join(["%s"] * len(fields)) + ")"
        for i in range(0, len(rows), batch):
            chunk = rows[i:i + batch]
            cur.execute(f"{head}VALUES {', '.join([one] * len(chunk))} {suffix}", [v for row in chunk for v in row])
            if "RETURNING" in suffix:
                out += cur.fetchall()
    return out


_PLAIN = (str, int, float, bool, type(None))


def bulk_insert(model, objs: list) -> None:
    """``bulk_create`` for new rows, their ids set: one INSERT ... RETURNING id. Each value is
    prepared by its field as Django would, but a field's default (most review columns of a new
    claim) is prepared once, not once a row: half an import's writing time went to that."""
    if not objs:
        return
    if not connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objs)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for o in objs:
                setattr(o, f.attname, now)
    prepared: dict = {}

    def value(f, v):
        if not isinstance(v, _PLAIN) or (isinstance(v, str) and len(v) > 40):
            return f.get_db_prep_save(v, connection)
        k = (f.attname, type(v), v)
        if k not in prepared:
            prepared[k] = f.get_db_prep_save(v, connection)
        return prepared[k]

    rows = [tuple(value(f, getattr(o, f.attname)) for f in fields) for o in objs]
    ids = send(model, fields, rows, f"RETURNING {connection.ops.quote_name(model._meta.pk.column)}")
    for o, (new_id,) in zip(objs, ids, strict=True):
        o.pk = new_id
        o._state.adding, o._state.db = False, connection.alias
