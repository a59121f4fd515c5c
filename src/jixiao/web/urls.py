"""URLs of the jixiao web application."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from jixiao.web.api import api
from jixiao.web.forms import print_view, scan_views, scores_views, views, voiding_views
from jixiao.web.forms.comment_views import comment_action
from jixiao.web.forms.dashboard import dashboard_view
from jixiao.web.forms.edit_views import form_autosave, form_compare, form_edit, restore_version
from jixiao.web.forms.review_views import review_queue
from jixiao.web.orgs.login import JixiaoLoginView

forms_patterns = (
    [
        path("", views.form_list, name="list"),
        path("new/", views.form_new, name="new"),
        path("upload/", views.upload, name="upload"),
        path("samples/", views.import_samples, name="samples"),
        path("queue/", review_queue, name="queue"),
        path("<int:pk>/", views.form_detail, name="detail"),
        path("<int:pk>/v<int:number>/", views.form_detail, name="version"),
        path("<int:pk>/edit/", form_edit, name="edit"),
        path("<int:pk>/autosave/", form_autosave, name="autosave"),
        path("<int:pk>/compare/", form_compare, name="compare"),
        path("<int:pk>/v<int:number>/restore/", restore_version, name="restore_version"),
        path("<int:pk>/preview/", views.form_preview, name="preview"),
        path("<int:pk>/original/", views.form_original, name="original"),
        path("<int:pk>/cell-image/", scan_views.cell_image, name="cell_image"),
        path("<int:pk>/print/", print_view.form_print, name="print"),
        path(
            "<int:pk>/reviewed-scores/",
            scores_views.reviewed_scores_view,
            name="reviewed_scores",
        ),
        path("<int:pk>/void/", voiding_views.void, name="void"),
        path("<int:pk>/unvoid/", voiding_views.unvoid, name="unvoid"),
        path("<int:pk>/comments/<int:cid>/<str:action>/", comment_action, name="comment_action"),
        path("<int:pk>/<str:action>/", views.form_action, name="action"),
    ],
    "forms",
)

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="forms:list", permanent=False)),
    path("forms/", include(forms_patterns)),
    path("dashboard/", dashboard_view, name="dashboard"),
    path("", include("jixiao.web.documents.urls")),
    path("projects/", include("jixiao.web.projects.urls")),
    path("exports/", include("jixiao.web.exports.urls")),
    path("jobs/", include("jixiao.web.jobs.urls")),
    path("departments/", include("jixiao.web.departments.urls")),
    path("panels/", include("jixiao.web.panels.urls")),
    path("rectification/", include("jixiao.web.rectification.urls")),
    path("final-accounts/", include("jixiao.web.final_accounts.urls")),
    path("orgs/", include("jixiao.web.orgs.urls")),
    path("setup-sheet/", include("jixiao.web.setup_sheet.urls")),
    path("rounds/", include("jixiao.web.rounds.urls")),
    path("inbox/", include("jixiao.web.inbox.urls")),
    path("audit/", include("jixiao.web.audit.urls")),
    path("api/", api.urls),
    path("api-token/", views.api_token, name="api_token"),
    path("login/", JixiaoLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
