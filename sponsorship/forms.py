from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import TEXT_MAX_LENGTH
from meetings.models import Meeting
from treaties.models import State

from .enums import Language, SplitRule
from .models import Donor


class ApplicationForm(forms.Form):
    """A focal point's application: meetings (a cluster is one trip) and up to three delegates."""

    state = forms.ModelChoiceField(queryset=State.objects.none(), label=_("State"))
    meetings = forms.ModelMultipleChoiceField(
        queryset=Meeting.objects.exclude(status="cancelled").order_by("start_date"),
        label=_("Meetings"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Meetings back to back make one trip."))
    language = forms.ChoiceField(choices=Language.choices, label=_("Language of correspondence"))
    motivation = forms.CharField(widget=forms.Textarea, required=False, label=_("Motivation"),
                                 max_length=TEXT_MAX_LENGTH)
    delegate_1 = forms.CharField(max_length=200, label=_("Delegate (full name)"))
    email_1 = forms.EmailField(required=False, label=_("Email"))
    delegate_2 = forms.CharField(max_length=200, required=False,
                                 label=_("Second delegate (full name)"))
    email_2 = forms.EmailField(required=False, label=_("Email"))

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = states
        if states.count() == 1:
            self.fields["state"].initial = states.first()

    def nominees(self):
        data = self.cleaned_data
        return [{"full_name": data[f"delegate_{i}"], "email": data.get(f"email_{i}") or ""}
                for i in (1, 2) if data.get(f"delegate_{i}")]


class StepForm(forms.Form):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                              max_length=TEXT_MAX_LENGTH,
                              label=_("Comment"))


class TripForm(forms.Form):
    nominee = forms.TypedChoiceField(coerce=int, label=_("Delegate"))
    city = forms.CharField(max_length=100, initial="Geneva", label=_("City of stay"))
    arrival = forms.DateField(label=_("Arrival"), widget=forms.DateInput(attrs={"type": "date"}))
    departure = forms.DateField(label=_("Departure"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    airfare = forms.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal(0),
                                 label=_("Airfare"))
    terminal_expenses = forms.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal(0),
                                           initial=0, label=_("Terminal expenses"))
    rule = forms.ChoiceField(choices=SplitRule.choices, label=_("Split rule"))

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].choices = [(n.pk, n.full_name)
                                          for n in application.nominees.all()]


class ContributionForm(forms.Form):
    donor = forms.ModelChoiceField(queryset=Donor.objects.all(), label=_("Donor"))
    amount = forms.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"),
                                label=_("Amount"))
    received_on = forms.DateField(label=_("Received on"),
                                  widget=forms.DateInput(attrs={"type": "date"}))
    earmarked_year = forms.IntegerField(required=False, min_value=2000, max_value=2100,
                                        label=_("Earmarked to year"))
    note = forms.CharField(max_length=300, required=False, label=_("Note"))


class ReportForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    language = forms.ChoiceField(choices=Language.choices, label=_("Language"))


