"""Stored originals, forms with their versions, and reviewers' comments.

A form (FormRecord) never changes in place: every save is a new FormVersion holding the declared
form as the JSON document `jixiao parse --json` writes, with what jixiao computed and found at
that moment. The record keeps a few columns of its latest version for lists and dashboards.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.orgs.models import Organisation


class StoredFile(models.Model):
    """An uploaded original, kept as it came, named by its SHA-256."""

    sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField("文件名", max_length=255)
    size = models.BigIntegerField("大小")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="files")
    uploaded = models.DateTimeField(auto_now_add=True)
    forms_found = models.IntegerField(default=0)
    error = models.TextField("读取问题", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "上传文件"

    def __str__(self) -> str:
        return self.name


class ActiveForms(models.Manager["FormRecord"]):
    """Self-evaluation forms not voided: what every list, total and chart of forms counts."""

    def get_queryset(self) -> models.QuerySet[FormRecord]:
        return super().get_queryset().filter(voided_at__isnull=True, kind=FormRecord.Kind.SELF)


class ActiveDocuments(models.Manager["FormRecord"]):
    """Documents of every kind (自评表, 绩效目标申报表, 绩效运行监控表) not voided."""

    def get_queryset(self) -> models.QuerySet[FormRecord]:
        return super().get_queryset().filter(voided_at__isnull=True)


_ACTIVE_SELF = models.Q(voided_at__isnull=True, kind="self")
_LIST_INDEXES = {
    "formrecord_list_year": ["-year", "project_name", "id"],
    "formrecord_list_project": ["project_name", "id"],
    "formrecord_list_score": ["total_score", "id"],
    "formrecord_list_rate": ["execution_rate", "id"],
    "formrecord_list_errors": ["errors", "id"],
    "formrecord_list_reviewed": ["reviewed_total", "id"],
    "formrecord_list_department": ["department_name", "year"],
    "formrecord_list_submitted": ["status", "submitted_at", "id"],
}


class FormRecord(models.Model):
    """One form of one unit, year and project, whatever files and edits its versions came from.

    `identity` says which project it is (see `jixiao.model.identity`); a new upload of the
    same form becomes its next version. A voided form is kept and can be restored; it is left
    out of `objects` (lists, totals, charts) and reached through `all_objects`.

    The same record, version, review and comment machinery keeps the other documents of a
    project's year (issue 13): `kind` says which document it is; `objects` holds
    self-evaluation forms only, `documents` every kind. `project` ties the documents of one
    project across years (`jixiao.web.projects`).
    """

    class Kind(models.TextChoices):
        SELF = "self", "自评表"
        TARGETS = "targets", "绩效目标申报表"
        MONITORING = "monitoring", "绩效运行监控表"

    class Light(models.TextChoices):
        NONE = "", "—"
        GREEN = "green", "绿"
        YELLOW = "yellow", "黄"
        RED = "red", "红"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已审核"

    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="forms", verbose_name="预算单位"
    )
    kind = models.CharField(
        "表的种类", max_length=20, choices=Kind.choices, default=Kind.SELF, db_index=True
    )
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
        verbose_name="项目",
    )
    # a monitoring table's warning light (红 / 黄 / 绿), worked out on save under the policy
    light = models.CharField("监控预警", max_length=10, choices=Light.choices, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    source_file = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="forms"
    )
    source_index = models.IntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # the last submission, for the reviewer's queue (who handed it in, oldest first)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # columns of the latest version, for lists, filters and the dashboard
    year = models.IntegerField("年度", null=True, db_index=True)
    project_name = models.CharField("项目名称", max_length=300, db_index=True)
    department_name = models.CharField("主管部门", max_length=200, blank=True)
    annual_budget = models.DecimalField(max_digits=20, decimal_places=6, null=True)
    executed = models.DecimalField(max_digits=20, decimal_places=6, null=True)
    execution_rate = models.DecimalField(max_digits=10, decimal_places=4, null=True)
    declared_total = models.CharField(max_length=50, blank=True)
    total_score = models.DecimalField(max_digits=10, decimal_places=2, null=True)
    grade = models.CharField("等级", max_length=10, blank=True, db_index=True)
    full_self_score = models.BooleanField(default=False)  # every indicator declared at full marks
    # the latest version's findings counted by severity (错误 / 警告 / 提示)
    errors = models.IntegerField(default=0)
    warnings = models.IntegerField(default=0)
    infos = models.IntegerField(default=0)
    # the latest version's finding codes as ",CODE,CODE,", so every database can filter on one
    finding_codes = models.TextField(default="", blank=True)
    # which form this is: "code:<项目编码>" or "name:<normalised project name>", within unit and year
    identity = models.CharField("表的标识", max_length=400, blank=True, db_index=True)
    # voided: hidden from lists and totals, kept, restorable
    voided_at = models.DateTimeField("作废时间", null=True, blank=True, db_index=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    void_reason = models.CharField("作废原因", max_length=300, blank=True)
    # review: the levels already passed while submitted (0 = waiting for the first level)
    review_level = models.IntegerField("已通过审核级数", default=0)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)  # the last decision
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # 复核分: the total with the reviewers' scores in place of the computed ones, and its grade
    reviewed_total = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    reviewed_grade = models.CharField("复核等级", max_length=10, blank=True)
    open_comments = models.IntegerField("未处理的审核意见", default=0)

    objects = ActiveForms()
    documents = ActiveDocuments()
    all_objects = models.Manager()

    class Meta:
        verbose_name = verbose_name_plural = "自评表"
        ordering = ["-year", "project_name"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["source_file", "source_index"], name="one_record_per_source_form"
            ),
            models.UniqueConstraint(
                fields=["unit", "kind", "year", "identity"],
                condition=models.Q(voided_at__isnull=True) & ~models.Q(identity=""),
                name="one_active_record_per_document",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "year", "status"]),
            # the list's sorts and filters over the active self-evaluation forms (ActiveForms),
            # so a page is read from an index however many forms there are
            *(
                models.Index(fields=fields, name=name, condition=_ACTIVE_SELF)
                for name, fields in _LIST_INDEXES.items()
            ),
            models.Index(fields=["updated"], name="formrecord_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.project_name}（{self.year or '—'}年度）"

    @property
    def execution_rate_text(self) -> str:
        if self.execution_rate is None:
            return "—"
        return f"{self.execution_rate * 100:.2f}%"

    @property
    def latest(self) -> FormVersion:
        return self.versions.order_by("-number").first()  # type: ignore[return-value]


class FormVersion(models.Model):
    record = models.ForeignKey(FormRecord, on_delete=models.CASCADE, related_name="versions")
    number = models.IntegerField()
    data = models.JSONField()  # the declared form, as in `jixiao parse --json`
    computed = models.JSONField(default=dict)
    findings = models.JSONField(default=list)
    policy = models.CharField(max_length=50)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    note = models.CharField("说明", max_length=300, blank=True)
    # the uploaded file this version was read from (None when typed or restored)
    source_file = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="versions"
    )

    class Meta:
        verbose_name = verbose_name_plural = "版本"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="unique_version_number")
        ]


class Comment(models.Model):
    """A reviewer's word on a form: overall, or on one finding or cell (`path`).

    A return comment is a thing to do: 待修改 (open) until the clerk marks it 已修改 with a note,
    then the reviewer confirms it (已确认) or reopens it. Other comments (on approving, the
    reason for approving despite errors, reopening) have no status.
    """

    class State(models.TextChoices):
        NONE = "", "—"
        OPEN = "open", "待修改"
        FIXED = "fixed", "已修改"
        CONFIRMED = "confirmed", "已确认"

    record = models.ForeignKey(FormRecord, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    finding_code = models.CharField(max_length=60, blank=True)
    path = models.CharField(max_length=120, blank=True)
    text = models.TextField("意见")
    created = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        "处理状态", max_length=20, choices=State.choices, blank=True, default=""
    )
    fix_note = models.TextField("修改说明", blank=True)
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fixed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核意见"
        ordering = ["created"]


class ReviewStep(models.Model):
    """One review decision on a form, kept for its history and the exports."""

    class Action(models.TextChoices):
        PASS = "pass", "审核通过（转下一级）"
        APPROVE = "approve", "审核通过"
        RETURN = "return", "退回"
        REOPEN = "reopen", "重新打开"

    record = models.ForeignKey(FormRecord, on_delete=models.CASCADE, related_name="review_steps")
    version = models.ForeignKey(FormVersion, null=True, on_delete=models.SET_NULL, related_name="+")
    level = models.IntegerField("审核级次", default=1)  # 1-based, in the policy's review.levels
    level_name = models.CharField(max_length=20, blank=True)  # "department" or "bureau"
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    reason = models.TextField("理由", blank=True)  # approving with errors, reopening, returning
    errors = models.IntegerField("当时的错误数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "审核记录"
        ordering = ["created", "pk"]


class ReviewedScore(models.Model):
    """A reviewer's score (复核分) for the funds block (path "funds") or one indicator
    (path "indicators[i]"), beside the declared and the computed one."""

    record = models.ForeignKey(FormRecord, on_delete=models.CASCADE, related_name="reviewed_scores")
    version = models.ForeignKey(FormVersion, null=True, on_delete=models.SET_NULL, related_name="+")
    path = models.CharField(max_length=60)
    score = models.DecimalField("复核分", max_digits=10, decimal_places=2)
    note = models.CharField("说明", max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "复核分"
        constraints = [
            models.UniqueConstraint(fields=["record", "path"], name="one_reviewed_score_per_item")
        ]


class Draft(models.Model):
    """What a person typed on the edit page and has not saved, kept as they type (autosave)."""

    record = models.ForeignKey(FormRecord, on_delete=models.CASCADE, related_name="drafts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    base_number = models.IntegerField()  # the version the typing started from
    fields = models.JSONField(default=dict)  # the edit page's fields, name → value
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "未保存的修改"
        constraints = [
            models.UniqueConstraint(fields=["record", "user"], name="one_draft_per_person")
        ]
