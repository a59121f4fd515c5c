"""`manage.py recheck`: stored judgements brought up to today's rules, declared data untouched."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.management import call_command

from jixiao.web.forms.models import FormRecord, FormVersion
from jixiao.web.orgs.models import AuditEvent


def test_recheck_restores_the_computed_columns_and_findings_from_the_declared_form(world) -> None:
    record = world.form_a
    version = record.latest
    right = (record.total_score, record.grade, record.errors, record.finding_codes)
    data, findings = version.data, version.findings
    # what an older jixiao stored: another total, no findings
    FormRecord.objects.filter(pk=record.pk).update(
        total_score=Decimal("105"), grade="优", errors=0, finding_codes=",,"
    )
    FormVersion.objects.filter(pk=version.pk).update(findings=[], computed={})

    out = io.StringIO()
    call_command("recheck", stdout=out)

    record.refresh_from_db()
    version.refresh_from_db()
    assert (record.total_score, record.grade, record.errors, record.finding_codes) == right
    assert version.findings == findings
    assert version.data == data  # what the form declared is never rewritten
    assert record.versions.count() == 1  # a re-check is not a new version
    assert f"重新审核了 {FormRecord.all_objects.count()} 张自评表" in out.getvalue()
    assert "其中 1 张" in out.getvalue()
    assert AuditEvent.objects.filter(action="recheck").exists()


def test_recheck_reaches_voided_forms_too(world) -> None:
    FormRecord.all_objects.filter(pk=world.form_b.pk).update(
        voided_at="2026-01-01T00:00:00Z", total_score=None
    )
    call_command("recheck", stdout=io.StringIO())
    voided = FormRecord.all_objects.get(pk=world.form_b.pk)
    assert voided.total_score is not None
    assert voided.voided_at is not None
