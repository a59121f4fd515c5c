"""URLs of the project pages (mounted under /projects/)."""

from django.urls import URLPattern, path

from jixiao.web.projects import views

app_name = "projects"
urlpatterns: list[URLPattern] = [
    path("", views.project_list, name="list"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/link/", views.project_link, name="link"),
]
