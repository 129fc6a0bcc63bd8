"""core knows no domain app: the navigation, the home panels and the demonstration data come from
what each app registers in its AppConfig.ready() (core.registry)."""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from core import registry
from meetings.models import Meeting


@pytest.fixture
def probe_template(tmp_path, settings):
    """A template folder of the test's own, for a panel the test registers."""
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "_dashboard.html").write_text("<p id=probe>{{ greeting }}</p>")
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [*engine["DIRS"], tmp_path]
    settings.TEMPLATES = [engine]


def test_navigation_keeps_its_order():
    assert [(item.url_name, str(item.label)) for item in registry.navigation_items()] == [
        ("meetings:index", "Meetings"),
        ("sponsorship:index", "Sponsorship"),
        ("reporting:index", "Reporting"),
        ("staffing:index", "Staffing"),
        ("treaties:convention-list", "Conventions"),
        ("treaties:state-list", "States"),
        ("treaties:overlap", "Membership overlap"),
    ]


def test_home_panels_and_demo_loaders_keep_their_order():
    assert [(p.name, p.template) for p in registry.home_panels()] == [
        ("treaties", "treaties/_dashboard.html"),
        ("meetings", "meetings/_dashboard.html"),
        ("sponsorship", "sponsorship/_dashboard.html"),
        ("reporting", "reporting/_dashboard.html"),
        ("staffing", "staffing/_dashboard.html"),
    ]
    assert [loader.name for loader in registry.demo_loaders()] == [
        "treaties", "accounts", "meetings", "sponsorship", "reporting", "staffing",
    ]


@pytest.mark.django_db
def test_page_navigation_is_the_registered_one_and_a_registered_item_appears(client,
                                                                           host_staff):
    client.force_login(host_staff)
    response = client.get("/")
    assert [item["name"] for item in response.context["portal_navigation"]] == [
        "meetings:index", "sponsorship:index", "reporting:index", "staffing:index",
        "treaties:convention-list", "treaties:state-list", "treaties:overlap",
    ]
    registry.register_navigation("home", "Probe section", order=15)
    registry.register_navigation("no-such-page", "Unresolvable", order=16)
    try:
        response = client.get("/")
    finally:
        registry.unregister(navigation="home")
        registry.unregister(navigation="no-such-page")
    navigation = [(item["name"], item["url"], item["label"])
                  for item in response.context["portal_navigation"]]
    assert navigation[:3] == [
        ("meetings:index", "/meetings/", "Meetings"),
        ("home", "/", "Probe section"),
        ("sponsorship:index", "/sponsorship/", "Sponsorship"),
    ]
    assert len(navigation) == 8  # the unresolvable one is left out
    assert client.get("/").context["portal_navigation"][1]["name"] == "sponsorship:index"


@pytest.mark.django_db
def test_a_registered_home_panel_is_shown_in_its_place(client, host_staff, probe_template):
    client.force_login(host_staff)
    calls = []

    def panel(request):
        calls.append(request.user.pk)
        return {"greeting": "Hello from the probe"}

    registry.register_home_panel("probe", panel=panel, template="probe/_dashboard.html",
                                 order=0)
    registry.register_home_panel("silent", panel=lambda request: None,
                                 template="probe/_dashboard.html", order=1)
    try:
        response = client.get("/")
    finally:
        registry.unregister(home_panel="probe")
        registry.unregister(home_panel="silent")
    panels = response.context["panels"]
    assert panels[0] == "<p id=probe>Hello from the probe</p>"
    assert sum("id=probe" in html for html in panels) == 1  # the one returning None shows nothing
    assert calls == [response.wsgi_request.user.pk]


@pytest.mark.django_db
def test_load_demo_runs_a_registered_loader_in_its_place():
    seen = []

    def load(*, log):
        # between accounts (order 20) and meetings (order 30)
        seen.append((User.objects.filter(username="ccm.staff").exists(),
                     Meeting.objects.exists()))
        log("Probe: loaded")

    registry.register_demo_loader("probe", load=load, order=25)
    output = io.StringIO()
    try:
        call_command("load_demo", stdout=output)
    finally:
        registry.unregister(demo_loader="probe")
    assert seen == [(True, False)]
    assert "Probe: loaded" in output.getvalue()
