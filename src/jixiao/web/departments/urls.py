"""URLs of the 部门整体评价 pages (mounted under /departments/)."""

from django.urls import URLPattern, path

from jixiao.web.departments import views

app_name = "departments"
urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("<int:pk>/<int:year>/", views.detail, name="detail"),
    path("<int:pk>/<int:year>/report.docx", views.report, name="report"),
]
