"""Routes that issues name at the API root are the same views as under their app's prefix."""

import pytest


@pytest.mark.parametrize(("root", "app"), [
    ("/api/v1/isus/CCM/costs/?year=2016", "/api/v1/staffing/isus/CCM/costs/?year=2016"),
    ("/api/v1/isus/CCM/fte/?year=2016", "/api/v1/staffing/isus/CCM/fte/?year=2016"),
])
def test_isu_routes_at_the_root(api_as, isus, ccm_staff, apmbc_staff, root, app):
    own = api_as(ccm_staff)
    response = own.get(root)
    assert response.status_code == 200
    assert response.json() == own.get(app).json()


def test_isu_costs_at_the_root_stay_confidential(api_as, isus, apmbc_staff, focal_a):
    for user in (apmbc_staff, focal_a):
        response = api_as(user).get("/api/v1/isus/CCM/costs/?year=2016")
        assert response.status_code in (403, 404)
        assert "staff_cost" not in response.content.decode()


def test_state_obligations_at_the_root(api_as, conventions, focal_a):
    client = api_as(focal_a)
    root = client.get("/api/v1/states/BIH/obligations/")
    assert root.status_code == 200
    assert root.json() == client.get("/api/v1/reporting/states/BIH/obligations/").json()
