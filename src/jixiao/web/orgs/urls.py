"""URLs of the set-up pages (mounted under /orgs/)."""

from django.urls import URLPattern, path

from jixiao.web.orgs import views

app_name = "orgs"
urlpatterns: list[URLPattern] = [
    path("", views.tree, name="tree"),
    path("new/", views.create, name="create"),
    path("setup/", views.bureau_setup, name="bureau_setup"),
    path("password/", views.password, name="password"),
    path("no-role/", views.no_role, name="no_role"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/<str:action>/", views.person_action, name="person_action"),
    path("<int:pk>/", views.organisation, name="organisation"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/<str:action>/", views.organisation_action, name="organisation_action"),
]
