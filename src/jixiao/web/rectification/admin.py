from django.contrib import admin

from jixiao.web.rectification.models import Evidence, RectificationItem


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    raw_id_fields = ("file", "uploaded_by")


@admin.register(RectificationItem)
class RectificationItemAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "year", "source", "due", "status")
    list_filter = ("status", "source", "year")
    search_fields = ("title", "requirement", "unit__name")
    raw_id_fields = (
        "unit",
        "project",
        "record",
        "panel",
        "owner",
        "created_by",
        "done_by",
        "confirmed_by",
    )
    inlines = [EvidenceInline]
