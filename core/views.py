from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from .downloads import serve_private_file
from .generated import can_download
from .models import GeneratedFile
from .permissions import require
from .registry import home_panels


def _dashboard_panels(request):
    """The home page's panels, as the apps registered them (core.registry.register_home_panel):
    each panel callable returns a context for its template, or None when it has nothing for this
    user."""
    panels = []
    for panel in home_panels():
        context = panel.context(request)
        if context is not None:
            panels.append(render_to_string(panel.template, context, request=request))
    return panels


def home(request):
    return render(request, "core/home.html", {"panels": _dashboard_panels(request)})


@login_required
def generated_file_detail(request, pk):
    """The state of a requested file; htmx polls this until the file is ready."""
    generated = get_object_or_404(GeneratedFile, pk=pk)
    require(can_download(request.user, generated), hide=True)
    template = "core/_generated_file.html" if request.htmx else "core/generated_file.html"
    return render(request, template, {"generated": generated})


@login_required
def generated_file_download(request, pk):
    generated = get_object_or_404(GeneratedFile, pk=pk)
    return serve_private_file(generated.file, allowed=can_download(request.user, generated),
                              filename=generated.filename)
