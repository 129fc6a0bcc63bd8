"""One error envelope for the whole API:

    {"status": 400, "code": "invalid", "detail": "...", "fields": {"name": ["..."]}}

Django ValidationErrors raised by services become 400s with their field errors, and database
integrity errors that escape a service become 409s, never 500s.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def validation_error_to_drf(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        detail = {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
    else:
        detail = {"non_field_errors": exc.messages}
    return exceptions.ValidationError(detail)


def portal_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = validation_error_to_drf(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, IntegrityError):
        exc = exceptions.APIException(_("The change conflicts with existing data."))
        exc.status_code = status.HTTP_409_CONFLICT
        exc.default_code = "conflict"

    response = exception_handler(exc, context)
    if response is None:
        return None
    body = {"status": response.status_code, "code": "error", "detail": "", "fields": {}}
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["detail"] = _("Invalid input.")
        if isinstance(data, dict):
            body["fields"] = data
        else:
            body["fields"] = {"non_field_errors": data}
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        body["code"] = codes if isinstance(codes, str) else "error"
        body["detail"] = data.get("detail", "") if isinstance(data, dict) else str(data)
    enveloped = Response(body, status=response.status_code)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            enveloped[header] = response[header]
    return enveloped
