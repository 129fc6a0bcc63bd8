"""PDF rendering: HTML templates with CSS @page rules, turned into PDF by WeasyPrint.

The URL fetcher reads only the portal's own static files and the bundled fonts (Arabic included):
WeasyPrint's default fetcher would follow any URL in the HTML, loopback and file:// included.
"""

import mimetypes
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

# The families bundled as Python packages (fontpkg-*), named as the PDF stylesheet names them.
# IBM Plex Sans Arabic draws each letter with its dots as one glyph, so the PDF's text layer maps
# back to the right letters (Noto Sans Arabic composes dots as marks, and extracted text is wrong).
PDF_FONT_FAMILIES = ("Noto Sans", "IBM Plex Sans Arabic")


@cache
def font_files() -> dict[str, Path]:
    import fontpkg

    return {name: Path(fontpkg.path(name, nearest=True)) for name in PDF_FONT_FAMILIES}


@cache
def allowed_roots() -> tuple[Path, ...]:
    """The folders a PDF may read from: the bundled fonts and every static files folder."""
    roots = {path.parent.resolve() for path in font_files().values()}
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            roots.add(Path(storage.location).resolve())
    return tuple(sorted(roots))


def static_file_uri(path: str) -> str:
    """file:// URI of one of the portal's static files, for a PDF template."""
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file not found: {path}")
    return Path(found).resolve().as_uri()


def font_uri(family: str) -> str:
    return font_files()[family].resolve().as_uri()


def _make_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PortalURLFetcher(URLFetcher):
        """Serves file:// URLs below the static and font folders; refuses everything else."""

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
                raise ValueError(f"PDF resources must be the portal's own files, not {url!r}")
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in allowed_roots()):
                raise ValueError(f"PDF resource outside the portal's static files: {path}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
            )

    return PortalURLFetcher()


def render_pdf(template_name: str, context: dict, *, language: str) -> bytes:
    """Render a PDF template in `language` (Arabic is laid out right-to-left by pdf/base.html)."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template_name, {**context, "pdf_language": language})
    return HTML(string=html, base_url=Path(".").resolve().as_uri() + "/",
                url_fetcher=_make_fetcher()).write_pdf()
