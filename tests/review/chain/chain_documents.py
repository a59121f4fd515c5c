"""The documents of the chain tests: seed self-evaluation forms, the 申报表 their project would
have been approved with (built from the form's own indicators, as H1's tests/fixtures/targets
anzhen.toml writes seed 004's), and the 监控表 fixtures."""

from __future__ import annotations

from pathlib import Path

from seeds import seed_forms

from jixiao.extract.monitoring import extract_monitoring
from jixiao.model.finding import Finding
from jixiao.model.form import Declared, Form, FormSource
from jixiao.model.monitoring import MonitoringForm
from jixiao.model.targets import TargetIndicator, TargetsForm
from jixiao.read import read_file


def seed_form(prefix: str, project: str) -> Form:
    """A fresh copy of one seed form, found by its project name."""
    form = next(f for f in seed_forms(prefix) if f.project_name.text == project)
    return form.model_copy(deep=True)


def anzhen() -> Form:
    """Seed 004's 2020 公共服务经费 (安贞街道 / 社区建设办公室): every indicator scored full."""
    return seed_form("004", "公共服务经费")


def targets_of(form: Form, *, weights: bool = False) -> TargetsForm:
    """The 申报表 the form's project was approved with: its header and indicators, the targets as
    the form states them (with the weights when ``weights``)."""
    return TargetsForm(
        source=FormSource(file="申报表.xlsx", sha256="0" * 64, format="xlsx", index=0),
        layout="targets",
        year=form.year,
        title=Declared(text="项目支出绩效目标申报表"),
        project_name=form.project_name,
        department=form.department,
        implementing_unit=form.implementing_unit,
        indicators=[
            TargetIndicator(
                level1=i.level1,
                level2=i.level2,
                name=i.name,
                target=i.target,
                weight=i.weight if weights else Declared(),
            )
            for i in form.indicators
        ],
    )


def read_monitoring(
    files: dict[tuple[str, str], Path], name: str, kind: str = "xlsx"
) -> MonitoringForm:
    (found,) = extract_monitoring(read_file(files[name, kind]))
    return found


def of(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]
