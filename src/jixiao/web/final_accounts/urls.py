"""URLs of the 决算说明 pages (mounted under /final-accounts/)."""

from django.urls import path

from jixiao.web.final_accounts import views

app_name = "final_accounts"
urlpatterns = [
    path("", views.narrative_list, name="list"),
    path("new/", views.narrative_new, name="new"),
    path("sample/", views.narrative_sample, name="sample"),
    path("<int:pk>/", views.narrative_detail, name="detail"),
    path("<int:pk>/original/", views.narrative_original, name="original"),
]
