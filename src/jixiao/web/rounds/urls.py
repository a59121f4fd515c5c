"""URLs (placeholders until the pages exist)."""

from django.urls import path

from jixiao.web.placeholder import placeholder

app_name = "rounds"
urlpatterns = [
    path("", placeholder, name="list"),
    path("<int:pk>/", placeholder, name="detail"),
]
