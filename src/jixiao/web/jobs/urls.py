"""URLs of the background jobs (mounted under /jobs/)."""

from django.urls import path

from jixiao.web.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/retry/", views.job_retry, name="retry"),
    path("<int:pk>/download/", views.job_download, name="download"),
    path(
        "recheck/department/<int:pk>/<int:year>/",
        views.recheck_department,
        name="recheck_department",
    ),
]
