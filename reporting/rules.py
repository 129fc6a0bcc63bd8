"""Who may read and change reports, built on accounts.access (the one permission layer).

- A State's representatives (focal points, delegates) read and edit their own State's reports;
  only its focal points submit. Nobody else's drafts, ever.
- A convention's ISU staff read the submitted (and published or restricted) reports of their
  convention and its protocols; drafts only when the State shares them.
- Everyone reads published reports (the forms the State marked public); representatives of
  the States party to the report's own instrument on the day of reading (parties_audience)
  also read restricted reports and the forms marked "States Parties only".
"""

from django.db.models import Q
from django.utils import timezone

from accounts import access

from .enums import Disclosure, ExtensionStatus, ReportStatus


def report_convention_ids(report) -> set[int]:
    convention = report.obligation.convention
    return {convention.pk, convention.parent_id} - {None}


def is_isu_staff_for_report(user, report) -> bool:
    return bool(report_convention_ids(report) & access.staffed_convention_ids(user))


def parties_audience(state_ids, instrument, day=None):
    """THE audience of "States Parties only": memberships, among the States `state_ids`, of
    the report's own instrument (its obligation's convention: a Protocol V report's parties
    are Protocol V's, not the CCW's) that are in force on `day` (today: joined and not
    withdrawn). `instrument` is a convention id or an OuterRef to one, so the object check
    (represents_a_party) and the list (selectors.reports_for_user) share one definition."""
    # Imported here: rules sit below models in the import order (docs/architecture.md).
    from treaties.models import Membership

    return Membership.objects.in_force_on(day or timezone.localdate()).filter(
        state_id__in=state_ids, convention_id=instrument)


def represents_a_party(user, report, day=None) -> bool:
    """The user represents a State party, on `day` (today), to the report's own instrument."""
    state_ids = access.represented_state_ids(user)
    return bool(state_ids) and parties_audience(
        state_ids, report.obligation.convention_id, day).exists()


def can_view_report(user, report) -> bool:
    if access.is_administrator(user) or access.represents_state(user, report.state_id):
        return True
    if report.status == ReportStatus.PUBLISHED:
        return True
    if is_isu_staff_for_report(user, report):
        return report.status in ReportStatus.RECEIVED or report.shared_with_isu
    if report.status == ReportStatus.RESTRICTED:  # "States Parties only"
        return represents_a_party(user, report)
    return False


def sees_whole_report(user, report) -> bool:
    """The State, its ISU and admins see every form; the public only the forms marked public."""
    return access.is_administrator(user) or access.represents_state(
        user, report.state_id) or is_isu_staff_for_report(user, report)


def can_view_attachments(user, report) -> bool:
    """Attachments belong to no single form, so they follow the whole report: the State, its
    ISU once it may read the report, and admins; never the public of a published report."""
    return can_view_report(user, report) and sees_whole_report(user, report)


def visible_entries(user, report, entries):
    """Everything for the State, its ISU and admins; the forms marked public for everyone, and
    those marked "States Parties only" for the representatives of the convention's parties."""
    if sees_whole_report(user, report):
        return list(entries)
    allowed = {Disclosure.PUBLIC}
    if represents_a_party(user, report):
        allowed.add(Disclosure.STATES_PARTIES)
    return [e for e in entries if e.disclosure in allowed]


def can_start_report(user, state) -> bool:
    return access.is_administrator(user) or access.represents_state(user, state)


def can_edit_report(user, report) -> bool:
    """Any of the State's representatives (the agencies' delegates) fill forms of a draft."""
    return report.status == ReportStatus.DRAFT and (
        access.is_administrator(user) or access.represents_state(user, report.state_id))


def can_submit_report(user, report) -> bool:
    """The focal point reviews and submits."""
    return report.status == ReportStatus.DRAFT and access.can_act_for_state(user,
                                                                           report.state_id)


def can_reopen_report(user, report) -> bool:
    return report.status in ReportStatus.RECEIVED and access.can_act_for_state(user,
                                                                              report.state_id)


def can_share_report(user, report) -> bool:
    return access.can_act_for_state(user, report.state_id)


def can_publish_report(user, report) -> bool:
    return report.status == ReportStatus.SUBMITTED and (
        access.is_administrator(user) or is_isu_staff_for_report(user, report))


def can_view_state_calendar(user, state) -> bool:
    """A State's calendar is computed from public membership facts; its drafts are not shown
    to others (the selectors filter them)."""
    return True


def can_adopt_deadline(user, state) -> bool:
    return access.can_act_for_state(user, state)


def can_view_compliance(user) -> bool:
    return access.is_administrator(user) or access.is_isu_staff(user)


# --- Extension requests (APMBC Article 5, CCM Article 4) ---------------------------------------
# The State prepares and submits (its focal points); the ISU of that convention records the
# review dates and the decision; nobody else reads a request before the meeting decides it.

def extension_visibility(user) -> Q:
    """The one visibility rule of extension requests, as a filter: the State's own (drafts
    included), and for ISU staff those made under their convention once submitted. The list
    (selectors.extension_requests_for_user) and the object check below both use it."""
    scope = access.scope_of(user)
    if scope.administrator:
        return Q()
    return Q(state_id__in=scope.state_ids) | (
        Q(convention_id__in=scope.staff_convention_ids)
        & ~Q(status__in=ExtensionStatus.PRIVATE))


def can_view_extension(user, extension) -> bool:
    # Imported here: models import nothing from rules, but rules sit below models in the
    # import order; asking the database the same filter keeps the rule written once.
    from .models import ExtensionRequest

    return ExtensionRequest.objects.filter(extension_visibility(user),
                                           pk=extension.pk).exists()


def can_create_extension(user, state) -> bool:
    return access.can_act_for_state(user, state)


def can_submit_extension(user, extension) -> bool:
    return (extension.status == ExtensionStatus.IN_PREPARATION
            and access.can_act_for_state(user, extension.state_id))


def can_review_extension(user, extension) -> bool:
    return access.is_administrator(user) or access.is_isu_staff(user, extension.convention_id)
