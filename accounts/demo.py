"""Demo users, one per role (password DEMO_PASSWORD), printed by `dev.py run`."""

from treaties.models import Convention, State

from .enums import Role
from .models import RoleAssignment, User
from .services import role_grant, system_actor, user_privileges_update

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 - demonstration accounts only

DEMO_USERS = [
    # username, full name, role, convention code, State iso3
    ("admin", "Portal Administrator", Role.ADMINISTRATOR, None, None),
    ("ccm.staff", "Clara Martin (CCM ISU)", Role.ISU_STAFF, "CCM", None),
    ("apmbc.staff", "Anders Berg (APMBC ISU)", Role.ISU_STAFF, "APMBC", None),
    ("ccw.staff", "Chen Wei (CCW ISU)", Role.ISU_STAFF, "CCW", None),
    ("host.finance", "Hélène Favre (GICHD)", Role.HOST_STAFF, None, None),
    ("bih.focal", "Amra Hadžić (Bosnia and Herzegovina)", Role.FOCAL_POINT, None, "BIH"),
    ("bih.delegate", "Emir Kovač (Bosnia and Herzegovina)", Role.DELEGATE, None, "BIH"),
    ("lbn.focal", "Rania Haddad (Lebanon)", Role.FOCAL_POINT, None, "LBN"),
    ("col.focal", "Camila Rojas (Colombia)", Role.FOCAL_POINT, None, "COL"),
]


def load(*, log):
    system = system_actor()
    for username, full_name, role, convention_code, iso3 in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@demo.invalid", "full_name": full_name,
                      "preferred_language": "ar" if iso3 == "LBN" else "en"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            if role == Role.ADMINISTRATOR:
                user_privileges_update(actor=system, user=user, is_staff=True, is_superuser=True)
        convention = Convention.objects.get(code=convention_code) if convention_code else None
        state = State.objects.get(iso3=iso3) if iso3 else None
        if not RoleAssignment.objects.filter(user=user, role=role, convention=convention,
                                             state=state).exists():
            role_grant(actor=system, user=user, role=role, convention=convention, state=state)
    log(f"Demo logins (password {DEMO_PASSWORD}): {', '.join(u[0] for u in DEMO_USERS)}")
