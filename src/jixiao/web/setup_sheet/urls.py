"""URLs (placeholders until the pages exist)."""

from django.urls import path

from jixiao.web.placeholder import placeholder

app_name = "setup_sheet"
urlpatterns = [
    path("", placeholder, name="page"),
]
