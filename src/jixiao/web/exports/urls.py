"""URLs of the 导出 pages (mounted under /exports/)."""

from django.urls import URLPattern

app_name = "exports"
urlpatterns: list[URLPattern] = []
