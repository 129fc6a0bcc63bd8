"""Page forms. They only collect and shape input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.dates import BoundedDateField, parse_date
from treaties.models import Convention, State, ThematicArea

from .enums import ParticipantRole
from .models import Meeting, MeetingDocument, Session
from .rules import can_change_owners, can_manage_meeting
from .validators import ALLOWED_DOCUMENT_EXTENSIONS, validate_document

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.ModelForm):
    conventions = forms.ModelMultipleChoiceField(
        Convention.objects.all(), label=_("Conventions"),
        widget=forms.CheckboxSelectMultiple,
    )
    thematic_areas = forms.ModelMultipleChoiceField(
        ThematicArea.objects.all(), required=False, label=_("Thematic areas"),
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    reason = forms.CharField(label=_("Reason for a change of dates"), required=False,
                             max_length=300)

    class Meta:
        model = Meeting
        fields = ["conventions", "kind", "title", "description", "venue", "city", "country",
                  "start_date", "end_date", "registration_deadline", "admits_observers",
                  "thematic_areas", "website", "status"]
        widgets = {"start_date": DATE, "end_date": DATE, "registration_deadline": DATE}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields.pop("reason")
            self.fields.pop("status")
        else:
            self.fields["status"].choices = [
                c for c in self.fields["status"].choices if c[0] != "cancelled"
                or self.instance.status == "cancelled"
            ]
        if user is not None and not access.is_administrator(user):
            self.fields["conventions"].help_text = _(
                "At least one must be a convention whose ISU you belong to."
            )
        if (self.instance.pk is not None and user is not None
                and not can_change_owners(user, self.instance)):
            self.fields["conventions"].disabled = True
            self.fields["conventions"].help_text = _(
                "The conventions of a joint meeting change only with every owning ISU."
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned

    def _post_clean(self):
        # The service validates the model (full_clean) and saves; skip ModelForm's own pass
        # so that errors are not reported twice.
        pass

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("conventions", None)
        data.pop("thematic_areas", None)
        data.pop("reason", None)
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "start_time", "end_time", "title", "room"]
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}

    def _post_clean(self):
        pass


class DocumentForm(forms.ModelForm):
    file = forms.FileField(
        label=_("File"), validators=[validate_document],
        help_text=_("Accepted: %(types)s.") % {"types": ", ".join(ALLOWED_DOCUMENT_EXTENSIONS)},
    )

    class Meta:
        model = MeetingDocument
        fields = ["title", "file"]

    def _post_clean(self):
        pass


class RegistrationForm(forms.Form):
    role = forms.ChoiceField(choices=ParticipantRole.choices, label=_("Role"))
    full_name = forms.CharField(max_length=200, label=_("Full name"))
    email = forms.EmailField(label=_("Email"))
    job_title = forms.CharField(max_length=200, required=False, label=_("Job title"))
    state = forms.ModelChoiceField(State.objects.all(), required=False, to_field_name="iso3",
                                   label=_("State"))
    organisation = forms.CharField(max_length=200, required=False,
                                   label=_("Observer organisation"))
    myself = forms.BooleanField(required=False, initial=True,
                                label=_("I register myself (link to my account)"))

    def __init__(self, *args, user=None, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        states = access.represented_state_ids(user) if user is not None else frozenset()
        if states and meeting is not None and not can_manage_meeting(user, meeting):
            self.fields["state"].queryset = State.objects.filter(pk__in=states)
            if len(states) == 1:
                self.fields["state"].initial = State.objects.get(pk=next(iter(states))).iso3
        if user is not None and not self.is_bound:
            self.fields["full_name"].initial = str(user)
            self.fields["email"].initial = user.email

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role == ParticipantRole.DELEGATE and not cleaned.get("state"):
            self.add_error("state", _("A delegate registers for a State."))
        if role == ParticipantRole.OBSERVER_ORGANISATION and not cleaned.get("organisation"):
            self.add_error("organisation", _("An observer organisation must be named."))
        return cleaned


class DecisionForm(forms.Form):
    note = forms.CharField(max_length=300, required=False, label=_("Note"))


class ProposalAcceptForm(forms.Form):
    key = forms.CharField(max_length=40, widget=forms.HiddenInput)
    confirm_conflicts = forms.BooleanField(
        required=False, label=_("I have seen the conflicts this move creates and accept it "
                                "anyway"))


class CalendarForm(forms.Form):
    """Which view of the calendar and which month."""

    view = forms.ChoiceField(choices=[("month", _("Month")), ("list", _("List"))],
                             required=False, label=_("View"))
    month = forms.RegexField(regex=r"^\d{4}-\d{2}$", required=False, label=_("Month"),
                             widget=forms.TextInput(attrs={"type": "month"}))

    def clean_month(self):
        """The month as its first day, within the portal's range of dates (or None)."""
        value = self.cleaned_data.get("month")
        return parse_date(f"{value}-01") if value else None


class RangeForm(forms.Form):
    """The date range of the clusters, conflicts and State pages."""

    date_from = BoundedDateField(required=False, label=_("From"))
    date_to = BoundedDateField(required=False, label=_("To"))
