"""URLs of the 专家评价 pages (mounted under /panels/)."""

from django.urls import URLPattern

app_name = "panels"
urlpatterns: list[URLPattern] = []
