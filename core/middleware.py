"""Refuse, before any view sees it, input that no text column can hold or that is too large.

PostgreSQL text cannot contain NUL, and the spreadsheets and PDFs we generate cannot contain the
other C0 control characters (tab, line feed and carriage return excepted): such a character in a
path, a query parameter, a cookie, a form field or a JSON string would otherwise end as a
`ValueError`/`DataError` (a 500) wherever it reaches the database. Bodies past
`DATA_UPLOAD_MAX_MEMORY_SIZE` (or with too many fields) are refused here too, so the API answers
with its JSON error envelope instead of Django's HTML page.

Under /api/ the answer is the API's envelope (`core.api.errors.envelope`); elsewhere an HTML page.
"""

import json
import re

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.api.errors import envelope

# C0 controls except TAB, LF and CR.
FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
API_PREFIX = "/api/"
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
NON_FIELD = "non_field_errors"


def has_forbidden_character(value: str) -> bool:
    return FORBIDDEN_CHARACTERS.search(value) is not None


class BadInput(Exception):
    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


def _check_querydict(querydict) -> None:
    for key, values in querydict.lists():
        if has_forbidden_character(key):
            raise BadInput(NON_FIELD)
        for value in values:
            if isinstance(value, str) and has_forbidden_character(value):
                raise BadInput(key)


def _check_json(document) -> None:
    """Walk a decoded JSON document without recursion (its depth is the client's choice)."""
    stack = [(None, document)]
    while stack:
        field, node = stack.pop()
        if isinstance(node, str):
            if has_forbidden_character(node):
                raise BadInput(field or NON_FIELD)
        elif isinstance(node, dict):
            for key, value in node.items():
                if has_forbidden_character(key):
                    raise BadInput(field or NON_FIELD)
                stack.append((field or key, value))
        elif isinstance(node, list):
            stack.extend((field, item) for item in node)


def _is_json(content_type: str) -> bool:
    return content_type == "application/json" or (
        content_type.startswith("application/") and content_type.endswith("+json"))


def _check_body(request) -> None:
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        _check_querydict(request.POST)
        for key, upload in request.FILES.items():
            if has_forbidden_character(key) or has_forbidden_character(upload.name or ""):
                raise BadInput(key)
    elif _is_json(content_type):
        try:
            document = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            return  # malformed JSON: the parser of the view answers with its own 400
        except RecursionError:
            raise BadInput(NON_FIELD) from None
        _check_json(document)


class InputSafetyMiddleware:
    """Goes after LocaleMiddleware (its pages are translated) and before anything that reads the
    session, the user or the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self.check(request)
        return refusal if refusal is not None else self.get_response(request)

    def check(self, request):
        try:
            if has_forbidden_character(request.path_info):
                raise BadInput(NON_FIELD)
            _check_querydict(request.GET)
            for value in request.COOKIES.values():
                if has_forbidden_character(value):
                    raise BadInput(NON_FIELD)
            if request.method in BODY_METHODS:
                _check_body(request)
        except BadInput as exc:
            message = _("Control characters (such as NUL) are not allowed.")
            return self.refuse(request, 400, "invalid", message, {exc.field: [message]})
        except RequestDataTooBig:
            return self.refuse(request, 413, "too_large", _("The request body is too large."))
        except (TooManyFieldsSent, TooManyFilesSent):
            return self.refuse(request, 400, "too_many_fields",
                               _("The request has too many fields."))
        except MultiPartParserError as exc:  # e.g. multipart/form-data without a boundary
            return self.refuse(request, 400, "parse_error",
                               _("Multipart form parse error - %(error)s") % {"error": exc})
        return None

    def refuse(self, request, status, code, detail, fields=None):
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse(envelope(status, code, detail, fields or {}), status=status)
        # The page is rendered without the request: the session and the user may be what is bad.
        html = render_to_string("core/bad_request.html", {"status": status, "detail": detail})
        return HttpResponse(html, status=status)
