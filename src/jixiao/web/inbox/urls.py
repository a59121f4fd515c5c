"""URLs of the 待办 page and of notifications."""

from django.urls import path

from jixiao.web.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.page, name="page"),
    path("n/<int:pk>/", views.open_notification, name="open"),
    path("read-all/", views.read_all, name="read_all"),
]
