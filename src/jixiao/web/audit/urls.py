"""The 操作记录 page."""

from django.urls import path

from jixiao.web.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log_page, name="log"),
]
