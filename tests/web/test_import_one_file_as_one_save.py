"""A file's forms are saved together (`versions.store_versions`), yet each as if saved after the
ones before it: the same project in three years and then again in one file gives the records,
versions and findings (the chain's earlier years included) that the forms give imported one
file at a time."""

from __future__ import annotations

from seeds import SAMPLES

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import Organisation
from jixiao.web.services.imports import import_file

SEED = (SAMPLES / "000_6e77f7a237aa1684.txt").read_text(encoding="utf-8")
YEARS = (2022, 2023, 2024, 2024)  # the last: the 2024 form again, a second version of it


def form_of(year: int) -> bytes:
    assert "（2024年度）" in SEED
    return SEED.replace("（2024年度）", f"（{year}年度）").encode("utf-8")


def stored(unit: Organisation) -> list[tuple]:
    """Each record of the unit with its versions: columns, findings, version numbers."""
    out = []
    for record in FormRecord.objects.filter(unit=unit).order_by("year", "pk"):
        versions = record.versions.order_by("number")
        out.append(
            (
                record.year,
                record.project.name,
                record.errors,
                record.warnings,
                record.infos,
                record.finding_codes,
                record.total_score,
                [(v.number, v.note[:2], sorted(f["code"] for f in v.findings)) for v in versions],
            )
        )
    return out


def test_a_files_forms_saved_together_are_stored_as_one_at_a_time(world) -> None:
    together, one_by_one = (
        Organisation.objects.create(name=name, kind="unit", parent=world.dept_a)
        for name in ("丙单位", "丁单位")
    )
    outcome = import_file(None, "三年.txt", b"\n".join(form_of(y) for y in YEARS), unit=together)
    for i, year in enumerate(YEARS):  # each file new (not one uploaded before)
        import_file(None, f"{i}.txt", form_of(year) + b"\n" * (i + 1), unit=one_by_one)
    assert len(outcome.forms) == 4 and outcome.created == 3
    assert [v.number for v in outcome.versions] == [2]  # the 2024 form's second version
    assert outcome.forms[2] == outcome.forms[3]
    records = stored(together)
    assert [r[0] for r in records] == [2022, 2023, 2024]
    assert [len(r[-1]) for r in records] == [1, 1, 2]
    assert "CHAIN_FULL_MARKS_THREE_YEARS" in records[2][5]  # 2024 saw 2022 and 2023 before it
    assert records == stored(one_by_one)
