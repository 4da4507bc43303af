"""The OpenAPI schema as the API behaves (drf-spectacular's AutoSchema, told what it cannot see).

- Public reads take credentials but need none: their security lists `{}` as an alternative.
- Every operation lists the errors it can answer (400/401/403/404/409/415/429/503) with the one
  error envelope (`Error`, articles/api/errors.py) as their body.
- Path ids are whole numbers from 1; a list's optional query parameters may be sent empty (an empty
  value is no filter), which is `allowEmptyValue`.
- Text coming in through a serializer declares that it cannot hold a NUL character.
"""
from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS, AllowAny

from .errors import ConflictSerializer, ErrorSerializer
from .fields import DECIMAL, MAX_ID, NO_NUL
from .permissions import ReadAnyoneWriteWithModelPerms

# Python's whitespace (what str.strip() removes) spelled out: \\s differs between Python and ECMA regexes.
SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
NON_BLANK = f"^[^\\x00]*[^\\x00{SPACE}][^\\x00]*$"
ERRORS = {
    "400": "Invalid request: `errors` names each field or query parameter at fault.",
    "401": "Missing credentials where they are needed, or a token that is wrong, revoked or expired "
           "(answered with `WWW-Authenticate: Token`).",
    "403": "Signed in without the permission this needs (or a session request without its CSRF token).",
    "404": "No such record, page or cursor.",
    "409": "Well formed, but it clashes with what is stored (a claim changed since the version given, a "
           "name another record holds, a link that exists, records that cannot be merged): nothing changed.",
    "415": "The body is not JSON: send `Content-Type: application/json`.",
    "429": "Rate limit reached: wait `Retry-After` seconds.",
    "503": "The database stayed busy (an import is running): nothing was changed; send it again.",
}


class APIAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        if {} not in auths and self._open_to_anyone():
            auths.append({})
        return auths

    def _open_to_anyone(self) -> bool:
        for permission in self.view.get_permissions():
            if isinstance(permission, AllowAny):
                continue
            if isinstance(permission, ReadAnyoneWriteWithModelPerms) and self.method in SAFE_METHODS:
                continue
            return False
        return True

    # -- parameters ----------------------------------------------------------------------
    @staticmethod
    def _may_be_empty(parameters):
        return [{**p, "allowEmptyValue": True} if p.get("in") == "query" else p for p in parameters]

    def _get_filter_parameters(self):
        return self._may_be_empty(super()._get_filter_parameters())

    def _get_pagination_parameters(self):
        return self._may_be_empty(super()._get_pagination_parameters())

    def _get_format_parameters(self):
        return self._may_be_empty(super()._get_format_parameters())

    def _get_parameters(self):
        parameters = super()._get_parameters()
        for p in parameters:
            schema = p.get("schema", {})
            if p.get("in") == "path" and schema.get("type") == "integer":
                schema.update(minimum=1, maximum=MAX_ID)
            elif p.get("in") == "query" and p["name"] == "ordering":
                p["allowEmptyValue"] = True
        return parameters

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        outer, self._direction = getattr(self, "_direction", None), direction
        try:
            return super()._map_serializer_field(field, direction, bypass_extensions)
        finally:
            self._direction = outer

    def _map_basic_serializer(self, serializer, direction):
        outer, self._direction = getattr(self, "_direction", None), direction
        try:
            schema = super()._map_basic_serializer(serializer, direction)
        finally:
            self._direction = outer
        if direction == "request":
            schema["additionalProperties"] = False  # fields.StrictJSON refuses a field it does not know
        return schema

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)
        if getattr(self, "_direction", None) == "request" and schema.get("format") == "decimal":
            schema["pattern"] = DECIMAL  # what fields.StrictJSON checks (DRF's own pattern admits "" and "-")
        if (getattr(self, "_direction", None) == "request" and not field.read_only
                and schema.get("type") == "string" and not {"enum", "format", "pattern", "oneOf"} & set(schema)):
            # DRF trims a CharField and then refuses it blank: a required text needs one non-space.
            trims = getattr(field, "trim_whitespace", False) and not getattr(field, "allow_blank", True)
            schema["pattern"] = NON_BLANK if trims else NO_NUL

    # -- responses -----------------------------------------------------------------------
    def _error_codes(self, operation) -> list[str]:
        codes = ["401", "429"]
        params = operation.get("parameters", [])
        if operation.get("requestBody") or any(p["in"] in ("query", "header") for p in params):
            codes.append("400")
        if self.method not in SAFE_METHODS and self.view.get_authenticators():
            codes.append("403")
        if any(p["in"] == "path" for p in params) or any(
                p["in"] == "query" and p["name"] in ("page", "cursor") for p in params):
            codes.append("404")
        if operation.get("requestBody"):
            codes.append("415")
        action = getattr(self.view, "action", None)
        if (self.method in ("PUT", "PATCH") and getattr(self.view, "write_conflicts", True)) or action in (
                "create", "merge"):
            codes.append("409")  # a name another record holds, a link that exists, records that cannot merge
        if action in ("create", "merge"):
            codes.append("404")  # an id in the body that no record has
        if self.method in ("PUT", "PATCH") and hasattr(self.view, "perform_update") \
                and "UpdateMixin" in {c.__name__ for c in type(self.view).__mro__}:
            codes.append("503")
        return codes

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for code in dict.fromkeys([*self._error_codes(operation), *(c for c in responses if c[0] in "45")]):
            serializer = ConflictSerializer if code == "409" else ErrorSerializer
            ref = self.resolve_serializer(serializer, "response").ref
            response = responses.setdefault(code, {"description": ERRORS.get(code, "An error.")})
            response.setdefault("content", {"application/json": {"schema": ref}})
        operation["responses"] = dict(sorted(responses.items()))
        return operation


def add_links(result, generator, request, public):
    """OpenAPI links from what a create answers to the operations on the record it made: a client
    (and Schemathesis's stateful tests) can follow a new claim link to reading, changing and deleting it."""
    paths = result.get("paths", {})
    for path, operations in paths.items():
        created = operations.get("post", {}).get("responses", {}).get("201")
        detail = paths.get(f"{path}{{id}}/")
        if created is None or detail is None:
            continue
        created["links"] = {
            op["operationId"]: {"operationId": op["operationId"], "parameters": {"id": "$response.body#/id"},
                                "description": f"{method.upper()} the record just made."}
            for method, op in detail.items()}
    return result
