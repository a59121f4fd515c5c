"""专家评价 in the web application: scope, creation, score entry, sheet upload, report checks.

Pages and the API both call these; the computation itself is `jixiao.panel`, the same code as
`jixiao panel`. Scope follows `jixiao.web.scope`: a panel belongs to a unit or a department,
and whoever may see that organisation's forms may see and edit its panels; anything else is 404.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from jixiao.panel import check as panel_check
from jixiao.panel.compute import Result
from jixiao.panel.framework import Framework, FrameworkError, available, load_framework
from jixiao.panel.model import Panel as DomainPanel
from jixiao.panel.sheet import SheetError, find_sheets
from jixiao.values import parse_number
from jixiao.web.orgs.models import Organisation
from jixiao.web.panels.models import Panel
from jixiao.web.scope import User, in_scope, is_admin, one_in_scope
from jixiao.web.services import audit, samples

NOT_FOUND = "没有这个专家评价，或您无权查看。"
SAMPLE = samples.SAMPLES / "002_00c192bc11a47879.txt"  # its 项目支出绩效评价报告 has the sheet
SHEET_SUFFIXES = (".xlsx", ".xls", ".docx", ".txt", ".html", ".htm", ".pdf", ".doc", ".wps")
MAX_EXPERTS = 30


def panels_for(user: User) -> QuerySet[Panel]:
    return in_scope(user, Panel.objects.select_related("organisation"))


def panel_for(user: User, pk: int) -> Panel:
    """The panel if the user may see it; 404 otherwise (no hint that it exists)."""
    return one_in_scope(user, Panel.objects.select_related("organisation"), pk, NOT_FOUND)


def organisations_for(user: User) -> QuerySet[Organisation]:
    """The units and departments a panel may be filed under by this user."""
    kinds = [Organisation.Kind.UNIT, Organisation.Kind.DEPARTMENT]
    orgs = Organisation.objects.filter(kind__in=kinds).order_by("kind", "name")
    return in_scope(user, orgs, "pk")


def framework_of(panel: Panel) -> Framework:
    try:
        return load_framework(panel.framework)
    except FrameworkError as exc:  # a framework removed since: say so, do not crash
        raise ValidationError(exc.message) from exc


def frameworks() -> list[tuple[str, str]]:
    return [(name, load_framework(name).title) for name in available()]


def _expert_names(experts: list[str]) -> list[str]:
    names = [n.strip() for n in experts if n.strip()]
    if not names:
        raise ValidationError("请至少填写一位专家的姓名。")
    if len(names) > MAX_EXPERTS:
        raise ValidationError(f"专家最多 {MAX_EXPERTS} 位。")
    if len(set(names)) != len(names):
        raise ValidationError("专家姓名有重复；同名专家请加以区分（如“张三（甲）”）。")
    return names


def create_panel(
    user: User,
    *,
    project: str,
    year: int | None,
    organisation_id: int | None,
    framework: str,
    experts: list[str],
) -> Panel:
    """A new panel, filed under an organisation in the user's scope (404 for any other)."""
    organisation = organisations_for(user).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404("没有这个单位或部门，或您无权在其下建立专家评价。")
    if not project.strip():
        raise ValidationError("请填写项目名称。")
    if framework not in available():
        raise ValidationError(f"没有名为“{framework}”的指标体系；可用：{'、'.join(available())}")
    panel = Panel.objects.create(
        project=project.strip()[:200],
        year=year,
        framework=framework,
        organisation=organisation,
        experts=_expert_names(experts),
        created_by=user if user.is_authenticated else None,
    )
    _audit(user, "panel.create", panel)
    return panel


def parse_scores(
    panel: Panel, values: dict[str, list[str]]
) -> tuple[dict[str, list[str | None]], dict[str, str]]:
    """Score texts (indicator → one per expert) checked against the framework.

    Returns the scores to store and the errors, keyed "indicator|expert index", in Chinese. An
    empty cell is allowed (not yet scored); a score must be a number from 0 to the weight.
    """
    framework = framework_of(panel)
    scores: dict[str, list[str | None]] = {}
    errors: dict[str, str] = {}
    known = {l3.name: l3 for _, _, l3 in framework.indicators()}
    for name in values:
        if name not in known:
            errors[f"{name}|"] = f"指标体系中没有三级指标“{name}”"
    for name, node in known.items():
        texts = list(values.get(name, []))[: len(panel.experts)]
        texts += [""] * (len(panel.experts) - len(texts))
        row: list[str | None] = []
        for i, text in enumerate(texts):
            text = (text or "").strip()
            if not text:
                row.append(None)
                continue
            number = parse_number(text)
            expert = panel.experts[i]
            if number is None:
                errors[f"{name}|{i}"] = f"“{name}”专家{expert}的评分“{text}”不是数字"
            elif not Decimal(0) <= number <= node.weight:
                errors[f"{name}|{i}"] = (
                    f"“{name}”专家{expert}的评分 {text} 超出范围：应在 0 到分值 {node.weight} 之间"
                )
            row.append(text if number is None else str(number))
        scores[name] = row
    return scores, errors


Grid = dict[str, list[str]]  # indicator → one text per expert, as the score page posts them


def save_scores(
    user: User,
    panel: Panel,
    values: Grid,
    seen: Grid | None = None,
    seen_experts: list[str] | None = None,
) -> dict[str, str]:
    """Store the scores if they are all valid; otherwise store nothing and return the errors.

    ``seen``: what the page showed when it was opened (the score page posts it). Then only the
    cells this person changed are written, so two people entering one panel's scores at once
    both keep theirs; a cell someone else changed meanwhile to another value is not overwritten
    but returned as an error naming both values (posting again, after seeing it, writes it).
    Without ``seen`` (the API, which sends the whole grid) the grid replaces the stored one."""
    with transaction.atomic():
        # locked and read afresh (the caller's object, which answers with it): two saves in turn
        list(Panel.objects.select_for_update().filter(pk=panel.pk).values_list("pk"))
        panel.refresh_from_db()
        if seen is not None:
            if seen_experts is not None and seen_experts != list(panel.experts):
                names = "、".join(panel.experts) or "（无）"
                return {
                    "|experts": f"专家名单在您打开本页后已被修改（现在是：{names}），评分未保存；"
                    "请重新打开本页，再填入您的评分"
                }
            values, errors = _merged(panel, values, seen)
            if errors:
                return errors
        scores, errors = parse_scores(panel, values)
        if not errors:
            panel.scores = scores
            panel.save(update_fields=["scores", "updated"])
            _audit(user, "panel.scores", panel)
    return errors


def page_again(panel: Panel, mine: Grid, seen: Grid) -> tuple[Grid, Grid]:
    """After a save that stored nothing: what the score page shows again — each cell mine
    where I changed it, else what is stored now — and, as what it was opened on, what is stored
    now; so saving it again writes what I typed and keeps the others' changes."""
    panel.refresh_from_db()
    merged, _ = _merged(panel, mine, seen)
    stored = panel.scores or {}
    now = {name: ["" if s is None else str(s) for s in stored.get(name, [])] for name in mine}
    return merged, now


def _merged(panel: Panel, mine: Grid, seen: Grid) -> tuple[Grid, dict[str, str]]:
    """Each cell: mine where I changed it (unless someone else changed it meanwhile to another
    value: an error), else what is stored now."""
    stored = panel.scores or {}
    out: Grid = {}
    errors: dict[str, str] = {}
    for name, texts in mine.items():
        now = ["" if s is None else str(s) for s in stored.get(name, [])]
        shown = seen.get(name, [])
        row = []
        for i, text in enumerate(texts):
            text, before = (text or "").strip(), (shown[i] if i < len(shown) else "").strip()
            current = now[i] if i < len(now) else ""
            if text == before:  # not changed here: whatever is stored now
                row.append(current)
            elif current in (before, text):
                row.append(text)
            else:
                expert = panel.experts[i] if i < len(panel.experts) else str(i + 1)
                errors[f"{name}|{i}"] = (
                    f"“{name}”专家{expert}的评分在您打开本页后已被他人改为 {current or '（空）'}，"
                    f"您填的是 {text or '（空）'}：请核对，再次保存即采用您填的值"
                )
                row.append(text)
        out[name] = row
    return out, errors


def set_experts(user: User, panel: Panel, names: list[str]) -> None:
    """Rename, add or remove experts; scores stay with their column (a removed column's go)."""
    experts = _expert_names(names)
    panel.scores = {
        indicator: (list(row) + [None] * len(experts))[: len(experts)]
        for indicator, row in (panel.scores or {}).items()
    }
    panel.experts = experts
    panel.save(update_fields=["experts", "scores", "updated"])
    _audit(user, "panel.experts", panel, experts=experts)


def fill_from_file(user: User, panel: Panel, filename: str, data: bytes) -> str:
    """Experts and scores from an uploaded score sheet (.xlsx/.docx/.txt …); a message in Chinese."""
    from jixiao.read import ReadError
    from jixiao.read.sandbox import read_limited

    name = Path(filename).name or "上传的文件"
    if Path(name).suffix.lower() not in SHEET_SUFFIXES:
        raise ValidationError(f"{name}：不支持的文件类型；请上传 .xlsx、.docx 或 .txt 评分表")
    try:
        document = read_limited(data, name)
        found = find_sheets(document, framework_of(panel))
    except ReadError as exc:
        raise ValidationError(f"{name}：{exc.reason}") from exc
    except SheetError as exc:
        raise ValidationError(exc.message) from exc
    if not found:
        raise ValidationError(
            f"{name}：没有找到专家评分表（表头应有“三级指标”“分值”和各位专家的姓名）"
        )
    sheet = found[0].panel
    panel.experts = _expert_names(sheet.experts)
    panel.scores = {
        indicator: [None if s is None else str(s) for s in row]
        for indicator, row in sheet.scores.items()
    }
    if sheet.title and not panel.project:
        panel.project = sheet.title
    panel.save()
    _audit(user, "panel.upload", panel, file=name)
    return f"已从 {name} 读入 {len(panel.experts)} 位专家对 {len(sheet.scores)} 个三级指标的评分。"


def report_text_from_file(panel: Panel, filename: str, data: bytes) -> str:
    """The report text of an uploaded report (.txt/.docx …), after its score sheet if it has one."""
    from jixiao.read import ReadError
    from jixiao.read.sandbox import read_limited

    name = Path(filename).name or "上传的文件"
    try:
        document = read_limited(data, name)
    except ReadError as exc:
        raise ValidationError(f"{name}：{exc.reason}") from exc
    return "\n".join(panel_check.report_lines(document, framework_of(panel)))


def check_report(user: User, panel: Panel, text: str) -> Result:
    """Keep the report text with the panel and check its figures against the computed sheet."""
    panel.report_text = text[:200_000]
    panel.save(update_fields=["report_text", "updated"])
    _audit(user, "panel.report", panel)
    return result_of(panel)


def domain_panel(panel: Panel) -> DomainPanel:
    framework = framework_of(panel)
    scores = {
        name: [None if s in (None, "") else Decimal(s) for s in row]
        for name, row in (panel.scores or {}).items()
    }
    return DomainPanel(framework, list(panel.experts), scores, title=panel.project)


def result_of(panel: Panel) -> Result:
    """The computed sheet, with the findings about the stored report text."""
    statements = panel_check.text_statements(panel.report_text) if panel.report_text else None
    return panel_check.evaluate(domain_panel(panel), statements)


def panel_json(panel: Panel) -> dict[str, object]:
    """The panel as `jixiao panel --json` gives one, plus its id and filing."""
    return {
        "id": panel.pk,
        "project": panel.project,
        "year": panel.year,
        "organisation": panel.organisation.name,
        **result_of(panel).to_json_dict(),
    }


def record_download(user: User, panel: Panel, kind: str) -> None:
    _audit(user, "panel.download", panel, format=kind)


def _audit(user: User, action: str, panel: Panel, **detail: object) -> None:
    audit.record(
        user, action, f"panel:{panel.pk}", about=panel.organisation, project=panel.project, **detail
    )


def import_sample(user: User) -> Panel:
    """Seed 002's expert panel in one click: the five experts' sheet and the report's text, so the
    computed sheet and the one wrong 失分率 show at once. An administrator's goes under the sample
    department; anyone else's under the first organisation in their scope."""
    if is_admin(user):
        organisation = samples.sample_department()
    else:
        organisation = organisations_for(user).first()
        if organisation is None:
            raise ValidationError("您不属于任何单位或部门，无法建立专家评价。")
    data = SAMPLE.read_bytes()
    panel = create_panel(
        user,
        project="丰台区2021年区政府网站运维（样例）",
        year=2021,
        organisation_id=organisation.pk,
        framework="project",
        experts=["专家"],
    )
    fill_from_file(user, panel, SAMPLE.name, data)
    check_report(user, panel, report_text_from_file(panel, SAMPLE.name, data))
    return panel
