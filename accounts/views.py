from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import ProfileForm
from .services import profile_update


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        profile_update(actor=user, user=user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
    roles = user.role_assignments.select_related("convention", "state")
    return render(request, "accounts/profile.html", {"form": form, "roles": roles})
