"""URLs of the 自评任务 pages (mounted under /rounds/)."""

from django.urls import URLPattern, path

from jixiao.web.rounds import views

app_name = "rounds"
urlpatterns: list[URLPattern] = [
    path("", views.round_list, name="list"),
    path("new/", views.round_new, name="new"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/units/", views.round_units, name="units"),
    path("<int:pk>/progress.xlsx", views.round_export, name="export"),
    path("task/<int:pk>/", views.task_detail, name="task"),
    path("task/<int:pk>/no-projects/", views.task_no_projects, name="no_projects"),
]
