"""Re-checking stored forms under today's rules and policies, without changing what they declare.

A form's versions keep what the form declared; what jixiao computed and found is a judgement
that improves with jixiao (a fixed rule, a policy changed by its round). Re-checking runs the
latest version of each form again, a unit's forms of one year together (so cross-form rules see
them side by side), replaces that version's computed values and findings, and refreshes the
columns lists and totals read. Run after an upgrade: `manage.py recheck`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db import transaction

from jixiao.web.forms.models import FormRecord, FormVersion
from jixiao.web.services import audit
from jixiao.web.services.documents import with_chain
from jixiao.web.services.projects import project_for
from jixiao.web.services.versions import checked_records, summarise


@dataclass
class Rechecked:
    forms: int = 0
    changed: int = 0  # forms whose total, grade or findings came out differently

    @property
    def summary(self) -> str:
        return (
            f"重新审核了 {self.forms} 张自评表，其中 {self.changed} 张的计算结果或审核发现有变化。"
        )


def recheck(records: Iterable[FormRecord], user: Any = None) -> Rechecked:
    """Re-check ``records`` (active or voided), a unit's forms of one year at a time."""
    outcome = Rechecked()
    ordered = sorted(records, key=lambda r: (r.unit_id, r.year or 0, r.pk))
    for _, group in groupby(ordered, key=lambda r: (r.unit_id, r.year)):
        batch = list(group)
        with transaction.atomic():
            for record, checked in zip(batch, checked_records(batch), strict=True):
                version = FormVersion.objects.filter(record=record).order_by("-number").first()
                if version is None:  # a record left without a version: nothing to re-check
                    continue
                # and against its project's 申报表, 监控表 and earlier forms (issue 13); a form
                # stored before projects existed gets its project here
                if record.project_id is None:
                    record.project = project_for(record.unit, checked.form.project_name.text)
                checked = with_chain(record, checked)  # noqa: PLW2901
                data = checked.to_json_dict()
                before = (record.total_score, record.grade, record.finding_codes)
                version.computed, version.findings = data["computed"], data["findings"]
                version.policy = checked.computed.policy
                version.save(update_fields=["computed", "findings", "policy"])
                summarise(record, checked)
                record.save()
                outcome.forms += 1
                if before != (record.total_score, record.grade, record.finding_codes):
                    outcome.changed += 1
    audit.record(user, "recheck", f"{outcome.forms} 张自评表", changed=outcome.changed)
    return outcome


def recheck_all(user: Any = None) -> Rechecked:
    return recheck(FormRecord.all_objects.all(), user)
