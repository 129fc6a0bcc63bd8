from django.urls import path

from . import views

app_name = "staffing"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("options/", views.shared_expert_options, name="options"),
    path("people/add/", views.staff_member_add, name="staff-add"),
    path("assignments/<int:pk>/consent/", views.assignment_decide, {"decision": "consent"},
         name="assignment-consent"),
    path("assignments/<int:pk>/decline/", views.assignment_decide, {"decision": "decline"},
         name="assignment-decline"),
    path("isus/<str:code>/", views.isu_team, name="isu-team"),
    path("isus/<str:code>/timeline/", views.isu_timeline, name="isu-timeline"),
    path("isus/<str:code>/costs/", views.isu_costs, name="isu-costs"),
    path("isus/<str:code>/report/", views.report_request, name="isu-report"),
    path("isus/<str:code>/posts/add/", views.post_add, name="post-add"),
    path("isus/<str:code>/assignments/add/", views.assignment_add, name="assignment-add"),
    path("isus/<str:code>/absences/add/", views.absence_add, name="absence-add"),
    path("isus/<str:code>/duties/add/", views.duty_add, name="duty-add"),
    path("isus/<str:code>/backstops/add/", views.backstop_add, name="backstop-add"),
    path("isus/<str:code>/spending/add/", views.spending_add, name="spending-add"),
    path("isus/<str:code>/salaries/add/", views.staff_cost_add, name="staff-cost-add"),
]
