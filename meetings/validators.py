"""Checks on uploaded meeting documents: size, extension, and that the content matches it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Extension -> the first bytes a genuine file of that type starts with (None: plain text).
DOCUMENT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "txt": None,
}
ALLOWED_DOCUMENT_EXTENSIONS = tuple(DOCUMENT_SIGNATURES)


def validate_document(file) -> None:
    """Refuse files that are too large, of another type, or whose content is not that type."""
    name = getattr(file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            _("Upload a document of one of these types: %(types)s."),
            code="invalid_extension",
            params={"types": ", ".join(ALLOWED_DOCUMENT_EXTENSIONS)},
        )
    size = getattr(file, "size", None) or 0
    if size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size),
                    "limit": filesizeformat(settings.MAX_UPLOAD_SIZE)},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    signatures = DOCUMENT_SIGNATURES[extension]
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(2048)
    file.seek(position)
    if isinstance(head, str):
        head = head.encode()
    if signatures is None:
        if b"\x00" in head:
            raise ValidationError(_("A text file cannot contain binary data."),
                                  code="content_mismatch")
        return
    if not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(
            _("The content of the file is not a .%(ext)s document."),
            code="content_mismatch", params={"ext": extension},
        )
