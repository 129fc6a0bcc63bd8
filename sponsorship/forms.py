from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import BoundedDateField
from core.languages import language_choices
from core.text import TEXT_MAX_LENGTH
from meetings.models import Meeting
from treaties.models import State

from . import selectors
from .enums import SplitRule
from .models import Donor


class ApplicationForm(forms.Form):
    """A focal point's application: meetings still open to the State (a cluster is one trip)
    and its delegates. Given a draft, the form edits it (its State stays)."""

    state = forms.ModelChoiceField(queryset=State.objects.none(), label=_("State"))
    meetings = forms.ModelMultipleChoiceField(
        queryset=Meeting.objects.none(), label=_("Meetings"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Meetings that begin after today. Meetings back to back make one trip."))
    language = forms.ChoiceField(choices=language_choices, label=_("Language of correspondence"))
    motivation = forms.CharField(widget=forms.Textarea, required=False, label=_("Motivation"),
                                 max_length=TEXT_MAX_LENGTH)

    def __init__(self, *args, states, application=None, **kwargs):
        nominees = list(application.nominees.all()) if application else []
        if application is not None:
            kwargs.setdefault("initial", {}).update({
                "state": application.state_id, "language": application.language,
                "motivation": application.motivation,
                "meetings": [line.meeting_id for line in application.meeting_lines.all()],
                **{f"delegate_{i}": n.full_name for i, n in enumerate(nominees, 1)},
                **{f"email_{i}": n.email for i, n in enumerate(nominees, 1)},
            })
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["state"].queryset = states
        if application is not None:
            self.fields["state"].disabled = True
        elif states.count() == 1:
            self.fields["state"].initial = states.first()
        self.fields["meetings"].queryset = selectors.meetings_open_for_application(states)
        self.slots = [n.pk for n in nominees] + [None] * max(0, 2 - len(nominees))
        for i, _pk in enumerate(self.slots, 1):
            first = i == 1
            self.fields[f"delegate_{i}"] = forms.CharField(
                max_length=200, required=first,
                label=_("Delegate (full name)") if first else _("Another delegate (full name)"))
            self.fields[f"email_{i}"] = forms.EmailField(required=False, label=_("Email"))

    def nominees(self):
        """The delegates as the service takes them; a slot of an existing delegate keeps its
        id (so what the page does not show, such as the function, is kept)."""
        data = self.cleaned_data
        result = []
        for i, pk in enumerate(self.slots, 1):
            if not data.get(f"delegate_{i}"):
                continue
            item = {"full_name": data[f"delegate_{i}"], "email": data.get(f"email_{i}") or ""}
            result.append({"id": pk, **item} if pk else item)
        return result


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
    received_on = BoundedDateField(label=_("Received on"),
                                   widget=forms.DateInput(attrs={"type": "date"}))
    earmarked_year = forms.IntegerField(required=False, min_value=2000, max_value=2100,
                                        label=_("Earmarked to year"))
    note = forms.CharField(max_length=300, required=False, label=_("Note"))


class ReportForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    language = forms.ChoiceField(choices=language_choices, label=_("Language"))


