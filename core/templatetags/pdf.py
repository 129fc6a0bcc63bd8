from django import template

from core.pdf import font_uri, static_file_uri

register = template.Library()


@register.simple_tag
def pdf_font(family):
    """file:// URI of a bundled font, for @font-face in PDF templates."""
    return font_uri(family)


@register.simple_tag
def pdf_static(path):
    """file:// URI of one of the portal's static files, for PDF templates."""
    return static_file_uri(path)
