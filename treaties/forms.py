from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Convention


class OverlapForm(forms.Form):
    a = forms.ModelChoiceField(Convention.objects.all(), to_field_name="code",
                               label=_("Parties of"))
    b = forms.ModelChoiceField(Convention.objects.all(), to_field_name="code",
                               label=_("compared with"))
    as_of = forms.DateField(label=_("on"), widget=forms.DateInput(attrs={"type": "date"}),
                            initial=timezone.localdate)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("a") and cleaned.get("a") == cleaned.get("b"):
            self.add_error("b", _("Choose two different conventions."))
        return cleaned
