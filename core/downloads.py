"""Stored files leave the portal through one door: a view of the owning app asks its rules, then
hands the file to `serve_private_file`. MEDIA_URL is never served (no static(), no whitenoise):
draft-report attachments, award letters and staff-cost reports are not public files."""

import mimetypes
import re
import unicodedata
from pathlib import PurePosixPath

from django.http import FileResponse, Http404

# Control characters, path separators and the characters that break a Content-Disposition
# header or a file system on the user's machine.
_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f"\\/<>:|?*;]+')
_MAX_FILENAME = 150


def safe_filename(name: str, *, default: str = "download") -> str:
    """The last component of `name`, without characters a browser or a disk could misread."""
    name = PurePosixPath(str(name).replace("\\", "/")).name
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE_FILENAME.sub("_", name).strip(" ._")
    if len(name) > _MAX_FILENAME:
        stem, dot, suffix = name.rpartition(".")
        if dot and len(suffix) <= 10:
            name = stem[: _MAX_FILENAME - len(suffix) - 1] + dot + suffix
        else:
            name = name[:_MAX_FILENAME]
    return name or default


def serve_private_file(fieldfile, *, allowed: bool, filename: str = "",
                       content_type: str = "") -> FileResponse:
    """Stream a stored file as a download, or 404 when the rules refuse it or it is gone.

    `allowed` is the owning app's predicate for the object that holds the file (the one that
    guards its page and API); a refusal is a 404 so that guessing ids tells nothing. The file is
    always an attachment with `nosniff`, so an uploaded HTML or SVG never runs as a page.
    """
    if not allowed or not fieldfile or not fieldfile.storage.exists(fieldfile.name):
        raise Http404
    name = safe_filename(filename or fieldfile.name)
    content_type = (content_type or mimetypes.guess_type(name)[0]
                    or "application/octet-stream")
    response = FileResponse(fieldfile.open("rb"), as_attachment=True, filename=name,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
