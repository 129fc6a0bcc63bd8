from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from treaties.models import Convention, State

from . import selectors
from .enums import ChangeTick, Disclosure, ExtensionStatus, FieldType, PublicationWish


def _field_for(definition):
    label = definition.localized_name
    kind = definition.field_type
    common = {"label": label, "required": False}
    if kind == FieldType.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), **common)
    if kind in (FieldType.INTEGER, FieldType.DECIMAL):
        # The browser's hints follow the field's data; the service decides (clean_answers).
        attrs = {"step": 1 if kind == FieldType.INTEGER else (
            "any" if definition.decimal_places is None
            else format(Decimal(1).scaleb(-definition.decimal_places), "f"))}
        for attr, bound in (("min", definition.min_value), ("max", definition.max_value)):
            if bound is not None:
                attrs[attr] = format(bound.normalize(), "f")
        return forms.CharField(widget=forms.NumberInput(attrs=attrs), **common)
    if kind == FieldType.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == FieldType.BOOLEAN:
        return forms.ChoiceField(choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
                                 **common)
    if kind == FieldType.CHOICE:
        return forms.ChoiceField(choices=[("", "—")] + [(c, c) for c in definition.choices],
                                 **common)
    return forms.CharField(max_length=2000, **common)


class SectionForm(forms.Form):
    """One form of a report, built from its field definitions (data, not code). Type checks
    are the service's (reporting.services.clean_answers), so page and API agree."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    tick = forms.ChoiceField(label=_("Since the last report"), choices=ChangeTick.choices,
                             widget=forms.RadioSelect)
    unchanged_since_year = forms.IntegerField(label=_("Unchanged since the report of"),
                                              required=False, min_value=1997, max_value=2200)
    disclosure = forms.ChoiceField(label=_("Disclosure"), choices=Disclosure.choices)
    agency = forms.CharField(label=_("Contributing agency"), required=False, max_length=200)

    def __init__(self, *args, definitions, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.definitions = list(definitions)
        self.offers = offers or {}
        for definition in self.definitions:
            self.fields[f"answer_{definition.key}"] = _field_for(definition)
            if definition.theme_id:
                self.fields[f"origin_{definition.key}"] = forms.IntegerField(
                    widget=forms.HiddenInput, required=False)

    def answer_fields(self):
        for definition in self.definitions:
            yield definition, self[f"answer_{definition.key}"], self.offers.get(definition.key)

    def answers(self) -> dict:
        out = {}
        for definition in self.definitions:
            value = self.cleaned_data.get(f"answer_{definition.key}")
            if definition.field_type == FieldType.BOOLEAN and value:
                value = value == "yes"
            out[definition.key] = value
        return out

    def origins(self) -> dict:
        return {d.key: self.cleaned_data.get(f"origin_{d.key}") for d in self.definitions
                if d.theme_id and self.cleaned_data.get(f"origin_{d.key}")}


def initial_for(entry, offers) -> dict:
    initial = {"version": entry.version, "tick": entry.tick,
               "unchanged_since_year": entry.unchanged_since_year,
               "disclosure": entry.disclosure, "agency": entry.agency}
    for field in entry.form.fields.all():
        value = entry.data.get(field.key)
        if value is None and field.key in offers:  # a shared answer from another report
            value = offers[field.key].value
            initial[f"origin_{field.key}"] = offers[field.key].origin.pk
        elif field.key in entry.origins:
            initial[f"origin_{field.key}"] = entry.origins[field.key]
        if field.field_type == FieldType.BOOLEAN and value is not None:
            value = "yes" if value else "no"
        initial[f"answer_{field.key}"] = value
    return initial


class SubmitForm(forms.Form):
    publication_wish = forms.ChoiceField(label=_("Publication"),
                                         choices=PublicationWish.choices)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class AdoptDeadlineForm(forms.Form):
    cycle_year = forms.IntegerField(widget=forms.HiddenInput)
    internal_deadline = forms.DateField(label=_("Internal deadline"),
                                        widget=forms.DateInput(attrs={"type": "date"}))


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Cycle"), min_value=1990, max_value=2200, required=False)


class ComplianceForm(forms.Form):
    convention = forms.ModelChoiceField(queryset=Convention.objects.filter(parent=None),
                                        to_field_name="code", required=False,
                                        label=_("Convention"), empty_label=_("All"))
    region = forms.CharField(required=False, label=_("Region"))
    from_year = forms.IntegerField(min_value=1997, max_value=2200, required=False,
                                   label=_("From"))
    to_year = forms.IntegerField(min_value=1997, max_value=2200, required=False, label=_("To"))

    def clean(self):
        data = super().clean()
        this_year = timezone.localdate().year
        data["to_year"] = data.get("to_year") or this_year
        data["from_year"] = data.get("from_year") or data["to_year"] - 9
        if data["from_year"] > data["to_year"]:
            self.add_error("from_year", _("Start before the end."))
        elif data["to_year"] - data["from_year"] > 30:
            self.add_error("from_year", _("At most 30 years at a time."))
        return data


class ExtensionRequestForm(forms.Form):
    """A State's focal point opens a clearance-deadline extension request. The deadline it
    extends is computed (shown on the page, not typed)."""

    state = forms.ModelChoiceField(queryset=State.objects.none(), to_field_name="iso3",
                                   label=_("State"))
    convention = forms.ModelChoiceField(queryset=Convention.objects.none(), to_field_name="code",
                                        label=_("Convention"))
    requested_deadline = forms.DateField(label=_("Requested deadline"),
                                         widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, state_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = State.objects.filter(pk__in=state_ids)
        self.fields["convention"].queryset = selectors.extension_conventions()


class ExtensionReviewForm(forms.Form):
    """The convention's ISU records the review dates and the decision."""

    status = forms.ChoiceField(label=_("Decision"), required=False, choices=[
        ("", _("(unchanged)")),
        (ExtensionStatus.UNDER_ANALYSIS, ExtensionStatus.UNDER_ANALYSIS.label),
        (ExtensionStatus.GRANTED, ExtensionStatus.GRANTED.label),
        (ExtensionStatus.NOT_GRANTED, ExtensionStatus.NOT_GRANTED.label)])
    analysis_due_on = forms.DateField(label=_("Analysis due on"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    decision_meeting_on = forms.DateField(label=_("Decided at the meeting of"),
                                          required=False,
                                          widget=forms.DateInput(attrs={"type": "date"}))
