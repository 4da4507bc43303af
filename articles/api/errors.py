"""One error envelope for every 4xx (and 5xx) answer of the API.

    {"detail": "speaker: A valid integer is required.", "code": "invalid",
     "errors": {"speaker": ["A valid integer is required."]}}

`detail` is one line a person can read, `code` a stable machine word (DRF's codes: ``invalid``,
``parse_error``, ``not_authenticated``, ``authentication_failed``, ``permission_denied``,
``not_found``, ``method_not_allowed``, ``not_acceptable``, ``unsupported_media_type``,
``throttled``, ``conflict``, ...), and `errors` (validation errors only) every message by field:
nested fields are written as paths (``evidence.0.url``), errors of the whole request under
``non_field_errors``. A 409 adds the claim's current ``version``.
"""
from __future__ import annotations

from rest_framework import serializers
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = "non_field_errors"


def flatten(data, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation errors as {"field.path": [messages]}."""
    out: dict[str, list[str]] = {}
    if isinstance(data, dict | list):
        items = data.items() if isinstance(data, dict) else enumerate(data)
        for key, value in items:
            # A list of messages belongs to its field; a list of objects (nested items) is indexed.
            nested = isinstance(value, dict | list)
            path = (f"{prefix}.{key}" if prefix else str(key)) if nested or isinstance(data, dict) else prefix
            for k, v in flatten(value, path).items():
                out.setdefault(k, []).extend(v)
    elif data not in (None, ""):
        out.setdefault(prefix or NON_FIELD, []).append(str(data))
    return out


def envelope(detail: str, code: str, errors: dict[str, list[str]] | None = None, **extra) -> dict:
    body = {"detail": str(detail), "code": str(code)}
    if errors:
        body["errors"] = errors
    body.update(extra)
    return body


def validation_envelope(data) -> dict:
    errors = flatten(data)
    field, messages = next(iter(errors.items()), (NON_FIELD, ["Invalid input."]))
    first = messages[0] if messages else "Invalid input."
    detail = first if field == NON_FIELD else f"{field}: {first}"
    return envelope(detail, ValidationError.default_code, errors)


def exception_handler(exc, context):
    """DRF's handler (status, headers such as Retry-After and WWW-Authenticate), its body reshaped."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError):
        response.data = validation_envelope(exc.detail)
    else:
        data = response.data if isinstance(response.data, dict) else {"detail": response.data}
        detail = data.get("detail", "")
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        extra = {k: v for k, v in data.items() if k != "detail"}
        response.data = envelope(detail, code, **extra)
    return response


class Conflict(APIException):
    """The request is well formed but clashes with what is stored (a name another record holds, a
    link that exists, a merge the records do not allow): 409."""

    status_code = 409
    default_detail = "This clashes with what is stored."
    default_code = "conflict"


def conflict(detail: str, version: int | None = None):
    """A 409 answer in the envelope (the claim's current version when it changed meanwhile)."""
    from rest_framework.response import Response

    extra = {"version": version} if version is not None else {}
    return Response(envelope(detail, "conflict", **extra), status=409)


class ErrorSerializer(serializers.Serializer):
    """Documents the error envelope (OpenAPI component `Error`)."""

    detail = serializers.CharField(help_text="What went wrong, in one line a person can read.")
    code = serializers.CharField(help_text="A stable machine word: invalid, parse_error, not_authenticated, "
                                           "authentication_failed, permission_denied, not_found, "
                                           "method_not_allowed, unsupported_media_type, throttled, conflict, ...")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text="Validation errors only: the messages by field (a nested field as a path such as "
                  "`evidence.0.url`; errors of the whole request under `non_field_errors`).")

    class Meta:
        ref_name = "Error"


class ConflictSerializer(ErrorSerializer):
    """A 409 answer: the claim changed after the version the change was made from."""

    version = serializers.IntegerField(required=False, help_text="The claim's version now (when it changed "
                                                                 "after the version the change was made from).")

    class Meta:
        ref_name = "Conflict"


def not_found(request, exception=None):
    """Django's 404 for an address no route takes: the envelope under /api/, the usual page elsewhere."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse(envelope("Not found.", "not_found"), status=404)
    return page_not_found(request, exception)
