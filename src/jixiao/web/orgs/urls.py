"""URLs (placeholders until the pages exist)."""

from django.urls import path

from jixiao.web.placeholder import placeholder

app_name = "orgs"
urlpatterns = [
    path("", placeholder, name="tree"),
    path("people/", placeholder, name="people"),
    path("password/", placeholder, name="password"),
    path("no-role/", placeholder, name="no_role"),
    path("setup/", placeholder, name="bureau_setup"),
]
