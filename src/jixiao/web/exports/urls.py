"""URLs of the export pages (mounted under /exports/)."""

from django.urls import path

from jixiao.web.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.export_page, name="page"),
    path("download/", views.download, name="download"),
    path("forms/<int:pk>.<str:fmt>", views.form_file, name="form"),
    path("template.xlsx", views.template, name="template"),
    path("columns/", views.columns, name="columns"),
]
