"""URLs of the 专家评价 pages (mounted under /panels/)."""

from django.urls import URLPattern, path

from jixiao.web.panels import views

app_name = "panels"
urlpatterns: list[URLPattern] = [
    path("", views.panel_list, name="list"),
    path("new/", views.panel_new, name="new"),
    path("sample/", views.panel_sample, name="sample"),
    path("<int:pk>/", views.panel_detail, name="detail"),
    path("<int:pk>/scores/", views.panel_scores, name="scores"),
    path("<int:pk>/experts/", views.panel_experts, name="experts"),
    path("<int:pk>/upload/", views.panel_upload, name="upload"),
    path("<int:pk>/report/", views.panel_report, name="report"),
    path("<int:pk>/download.<str:kind>", views.panel_download, name="download"),
]
