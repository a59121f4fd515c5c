"""URLs of the 绩效目标申报表 and 绩效运行监控表 pages (mounted at the site's root: /targets/…,
/monitoring/…). ``<doc:kind>`` is "targets" or "monitoring"."""

from django.urls import URLPattern, path, register_converter

from jixiao.web.documents import views


class KindConverter:
    regex = "targets|monitoring"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "doc")

app_name = "documents"
urlpatterns: list[URLPattern] = [
    path("monitoring/board/", views.board, name="board"),
    path("targets/template.xlsx", views.targets_template, name="targets_template"),
    path("targets/from-last-year/", views.from_last_year, name="from_last_year"),
    path("<doc:kind>/", views.document_list, name="list"),
    path("<doc:kind>/new/", views.document_new, name="new"),
    path("<doc:kind>/<int:pk>/", views.document_detail, name="detail"),
    path("<doc:kind>/<int:pk>/v<int:number>/", views.document_detail, name="version"),
    path("<doc:kind>/<int:pk>/edit/", views.document_edit, name="edit"),
    path("<doc:kind>/<int:pk>/compare/", views.document_compare, name="compare"),
    path("<doc:kind>/<int:pk>/autosave/", views.document_autosave, name="autosave"),
    path("<doc:kind>/<int:pk>/original/", views.document_original, name="original"),
    path("<doc:kind>/<int:pk>/download.<str:fmt>", views.document_download, name="download"),
    path("<doc:kind>/<int:pk>/<str:action>/", views.document_action, name="action"),
]
