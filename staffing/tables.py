import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .enums import AssignmentStatus
from .models import Assignment, Post


class PostTable(tables.Table):
    isu = tables.LinkColumn("staffing:isu-team", args=[tables.A("isu__convention__code")],
                            accessor="isu__convention__code", verbose_name=_("ISU"))
    title = tables.Column(verbose_name=_("Post"))
    grade = tables.Column(verbose_name=_("Grade"))
    fte = tables.Column(verbose_name=_("FTE"))
    approved_from = tables.DateColumn(verbose_name=_("Approved from"))
    approved_until = tables.DateColumn(verbose_name=_("Approved until"))
    work_plan = tables.Column(verbose_name=_("Work plan"))
    holders = tables.Column(verbose_name=_("Held by"), accessor="pk", orderable=False)

    class Meta:
        model = Post
        fields = ["isu", "title", "grade", "fte", "approved_from", "approved_until",
                  "work_plan", "holders"]
        order_by = ["isu", "approved_from"]

    def render_holders(self, record):
        # requests awaiting consent hold nothing yet (the prefetch brings every assignment)
        return ", ".join(f"{a.staff_member.full_name} ({a.fte.normalize()})"
                         for a in record.assignments.all()
                         if a.status == AssignmentStatus.CONSENTED) or "—"


class AssignmentTable(tables.Table):
    staff_member = tables.Column(verbose_name=_("Staff member"),
                                 accessor="staff_member__full_name")
    post = tables.Column(verbose_name=_("Post"), accessor="post__title")
    isu = tables.Column(verbose_name=_("ISU"), accessor="post__isu__convention__code")
    kind = tables.Column(verbose_name=_("Form"))
    fte = tables.Column(verbose_name=_("FTE"))
    starts_on = tables.DateColumn(verbose_name=_("Starts on"))
    ends_on = tables.DateColumn(verbose_name=_("Ends on"))

    class Meta:
        model = Assignment
        fields = ["staff_member", "post", "isu", "kind", "fte", "starts_on", "ends_on"]
