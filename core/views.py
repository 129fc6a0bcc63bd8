import importlib

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from .downloads import serve_private_file
from .generated import can_download
from .models import GeneratedFile

# Apps that may add a panel to the home page: `<app>.dashboard.panel(request)` returns a context
# dict for the template `<app>/_dashboard.html`, or None when it has nothing for this user.
DASHBOARD_APPS = ["treaties", "meetings", "sponsorship", "reporting", "staffing"]


def _dashboard_panels(request):
    panels = []
    for app in DASHBOARD_APPS:
        try:
            module = importlib.import_module(f"{app}.dashboard")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.dashboard":
                raise
            continue
        context = module.panel(request)
        if context is not None:
            panels.append(render_to_string(f"{app}/_dashboard.html", context, request=request))
    return panels


def home(request):
    return render(request, "core/home.html", {"panels": _dashboard_panels(request)})


@login_required
def generated_file_detail(request, pk):
    """The state of a requested file; htmx polls this until the file is ready."""
    generated = get_object_or_404(GeneratedFile, pk=pk)
    if not can_download(request.user, generated):
        raise Http404
    template = "core/_generated_file.html" if request.htmx else "core/generated_file.html"
    return render(request, template, {"generated": generated})


@login_required
def generated_file_download(request, pk):
    generated = get_object_or_404(GeneratedFile, pk=pk)
    return serve_private_file(generated.file, allowed=can_download(request.user, generated),
                              filename=generated.filename)
