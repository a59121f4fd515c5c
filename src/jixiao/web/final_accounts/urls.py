"""URLs of the 决算说明 pages (mounted under /final-accounts/)."""

from django.urls import URLPattern

app_name = "final_accounts"
urlpatterns: list[URLPattern] = []
