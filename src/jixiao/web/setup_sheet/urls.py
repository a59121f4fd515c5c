"""URLs of the Excel set-up pages (mounted under /setup-sheet/)."""

from django.urls import URLPattern, path

from jixiao.web.setup_sheet import views

app_name = "setup_sheet"
urlpatterns: list[URLPattern] = [
    path("", views.page, name="page"),
    path("template.xlsx", views.template, name="template"),
    path("preview/", views.preview, name="preview"),
    path("confirm/", views.confirm, name="confirm"),
]
