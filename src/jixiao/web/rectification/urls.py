"""URLs of the 整改 pages (mounted under /rectification/)."""

from django.urls import URLPattern, path

import jixiao.web.documents.urls  # noqa: F401  registers the "doc" converter (targets|monitoring)
from jixiao.web.rectification import views

app_name = "rectification"
urlpatterns: list[URLPattern] = [
    path("", views.item_list, name="list"),
    path("board/", views.board, name="board"),
    path("export.<str:fmt>", views.export, name="export"),
    path("datasets/<str:table>.<str:fmt>", views.dataset, name="dataset"),
    path("from-form/<int:pk>/", views.from_form, name="from_form"),
    path("from-document/<doc:kind>/<int:pk>/", views.from_document, name="from_document"),
    path("from-panel/<int:pk>/", views.from_panel, name="from_panel"),
    path("from-department/<int:pk>/<int:year>/", views.from_department, name="from_department"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("<int:pk>/<str:action>/", views.item_action, name="action"),
]
