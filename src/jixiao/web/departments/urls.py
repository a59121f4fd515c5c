"""URLs of the 部门整体评价 pages (mounted under /departments/)."""

from django.urls import URLPattern

app_name = "departments"
urlpatterns: list[URLPattern] = []
