"""Forms of the staffing pages; every one is saved through a service."""

import datetime
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.money import Currency
from treaties.models import ISU

from .enums import AbsenceKind, AssignmentKind, ChargeUnit, SpendingCategory
from .models import Assignment, Duty, Post, StaffMember


class DateInput(forms.DateInput):
    input_type = "date"


class DayForm(forms.Form):
    on = forms.DateField(label=_("On"), required=False, widget=DateInput)

    def chosen(self):
        if self.is_valid() and self.cleaned_data["on"]:
            return self.cleaned_data["on"]
        return timezone.localdate()


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100, required=False)

    def chosen(self, default=None):
        if self.is_valid() and self.cleaned_data["year"]:
            return self.cleaned_data["year"]
        return default or timezone.localdate().year


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["title", "grade", "fte", "approved_from", "approved_until", "approved_by",
                  "work_plan", "description"]
        widgets = {"approved_from": DateInput, "approved_until": DateInput}


class StaffMemberForm(forms.ModelForm):
    class Meta:
        model = StaffMember
        fields = ["full_name", "email", "home_isu", "expertise", "user"]


class AssignmentForm(forms.Form):
    staff_member = forms.ModelChoiceField(queryset=StaffMember.objects.all(),
                                          label=_("Staff member"))
    post = forms.ModelChoiceField(queryset=Post.objects.none(), label=_("Post"))
    kind = forms.ChoiceField(choices=AssignmentKind.choices, label=_("Form"))
    fte = forms.DecimalField(label=_("Share of a full-time equivalent"), required=False,
                             max_digits=5, decimal_places=4, min_value=Decimal("0.0001"),
                             max_value=Decimal("1"))
    charge_unit = forms.ChoiceField(choices=[("", "—"), *ChargeUnit.choices], required=False,
                                    label=_("Charged in"))
    charged_per_year = forms.DecimalField(label=_("Charged per year"), required=False,
                                          max_digits=7, decimal_places=1,
                                          min_value=Decimal("0.1"))
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DateInput)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=300)

    def __init__(self, *args, isu: ISU, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = Post.objects.filter(isu=isu)


class AbsenceForm(forms.Form):
    staff_member = forms.ModelChoiceField(queryset=StaffMember.objects.none(),
                                          label=_("Staff member"))
    kind = forms.ChoiceField(choices=AbsenceKind.choices, label=_("Kind"))
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    ends_on = forms.DateField(label=_("Until"), widget=DateInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, isu: ISU, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_member"].queryset = _working_for(isu)


def _working_for(isu):
    """People holding (or having held) one of the ISU's posts by an assignment in force."""
    return StaffMember.objects.filter(
        pk__in=Assignment.objects.in_force().filter(post__isu=isu).values("staff_member_id"))


class DutyForm(forms.Form):
    name = forms.CharField(label=_("Duty"), max_length=200)
    holder = forms.ModelChoiceField(queryset=StaffMember.objects.none(), label=_("Held by"))

    def __init__(self, *args, isu: ISU, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = _working_for(isu)


class BackstopForm(forms.Form):
    duty = forms.ModelChoiceField(queryset=Duty.objects.none(), label=_("Duty"))
    backup = forms.ModelChoiceField(queryset=StaffMember.objects.all(), label=_("Covered by"),
                                    help_text=_("Any colleague, also from another unit"))

    def __init__(self, *args, isu: ISU, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duty"].queryset = Duty.objects.filter(isu=isu)


class SpendingForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    category = forms.ChoiceField(choices=SpendingCategory.choices, label=_("Category"))
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2)
    currency = forms.ChoiceField(choices=Currency.choices, initial=Currency.CHF,
                                 label=_("Currency"))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=300)


class StaffCostForm(forms.Form):
    staff_member = forms.ModelChoiceField(queryset=StaffMember.objects.none(),
                                          label=_("Staff member"))
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    salary = forms.DecimalField(label=_("Salary"), max_digits=14, decimal_places=2)
    social_charges = forms.DecimalField(label=_("Social charges"), max_digits=14,
                                        decimal_places=2)
    currency = forms.ChoiceField(choices=Currency.choices, initial=Currency.CHF,
                                 label=_("Currency"))

    def __init__(self, *args, isu: ISU, people, **kwargs):
        """`people`: those whose costs the user may record (selectors.people_managed_by)."""
        super().__init__(*args, **kwargs)
        self.fields["staff_member"].queryset = people.filter(
            Q(home_isu=isu) | Q(pk__in=_working_for(isu).values("pk")))


class SharedExpertForm(forms.Form):
    """The inputs of the shared-expert comparison."""

    annual_cost = forms.DecimalField(label=_("Yearly cost of one full-time expert"),
                                     max_digits=14, decimal_places=2, min_value=Decimal("1"))
    unit_a = forms.ModelChoiceField(queryset=ISU.objects.select_related("convention"),
                                    label=_("First unit"), to_field_name="id")
    unit_b = forms.ModelChoiceField(queryset=ISU.objects.select_related("convention"),
                                    label=_("Second unit"), to_field_name="id")
    share_a = forms.DecimalField(label=_("First unit's share of the expert (FTE)"),
                                 max_digits=5, decimal_places=4, min_value=Decimal("0"),
                                 max_value=Decimal("1"), initial=Decimal("0.5"))
    share_b = forms.DecimalField(label=_("Second unit's share of the expert (FTE)"),
                                 max_digits=5, decimal_places=4, min_value=Decimal("0"),
                                 max_value=Decimal("1"), initial=Decimal("0.5"))
    based_in_a = forms.BooleanField(label=_("Consulting option: based in the first unit"),
                                    required=False, initial=True)
    consulting_days = forms.DecimalField(label=_("Consulting days a year for the other unit"),
                                         max_digits=5, decimal_places=1,
                                         min_value=Decimal("0"), initial=Decimal("55"))
    consulting_premium = forms.DecimalField(label=_("Consulting premium (%)"), max_digits=5,
                                            decimal_places=1, min_value=Decimal("0"),
                                            initial=Decimal("0"))

    def clean(self):
        data = super().clean()
        if data.get("unit_a") and data.get("unit_a") == data.get("unit_b"):
            self.add_error("unit_b", _("Choose two different units."))
        a, b = data.get("share_a"), data.get("share_b")
        if a is not None and b is not None and not (0 < a + b <= 1):
            self.add_error("share_b", _("The two shares add up to more than 0 and at most 1."))
        days = data.get("consulting_days")
        if days is not None and days > 220:
            self.add_error("consulting_days", _("A working year has 220 days."))
        return data


def default_year() -> int:
    return datetime.date.today().year - 1
