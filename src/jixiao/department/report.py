"""The department's overall evaluation as a Word report, laid out after GB/T 9704 (党政机关公文格式).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 2号 方正小标宋简体 (宋体 where
it is missing), body 3号 仿宋_GB2312 (仿宋) at a fixed 28 pt line, first line indented two
characters; headings 一、 in 黑体 and （一） in 楷体; the page number "— 1 —" in 4号 宋体, right
on odd pages and left on even ones. The paragraphs state the figures the way seed 002's
部门整体绩效评价报告 does; the charts are PNGs drawn with matplotlib in a CJK font.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from jixiao.department.evaluation import DepartmentEvaluation, money, percent
from jixiao.department.problems import Problem, RectificationLine, split_title
from jixiao.model.finding import Severity
from jixiao.scoring.engine import fmt

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.text.font import CT_RPr
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体"
PAGE_FONT = "宋体"
# where a font is missing, Word and LibreOffice take the alternative named in the font table
ALTERNATIVES = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", "楷体_GB2312": "楷体"}
SIZE_2 = Pt(22)  # 2号
SIZE_3 = Pt(16)  # 3号
SIZE_4 = Pt(14)  # 4号
SIZE_5 = Pt(10.5)  # 5号
SIZE_SMALL_5 = Pt(9)  # 小5号, for the table: eight columns on 156 mm
LINE = Pt(28)
TEXT_WIDTH_MM = 210 - 28 - 26
TOP_WARNING_RULES = 5  # warnings beyond the most frequent few are left to the review workbook
NAMES_SHOWN = 6  # projects named per rule before "等 N 个项目"
LOW_RATE = Decimal("0.9")  # execution rates below this are a problem worth a sentence


class ReportError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


CN_NUMBERS = "一二三四五六七八九十"


def write_department_report(
    evaluation: DepartmentEvaluation,
    out: str | Path | IO[bytes],
    rectification: Sequence[RectificationLine] | None = None,
) -> None:
    """Write the report; `out` is a path or a binary file object (a web response, a BytesIO).
    ``rectification``: the department's 整改事项 (the web application knows them), listed in a
    section of their own with status and due date; None leaves the section out."""
    charts = _charts(evaluation)  # first: fails clearly before anything is written
    doc = Document()
    _page(doc)
    _styles(doc)
    writer = _Writer(doc)
    writer.title(evaluation.title)
    writer.body(
        f"本报告依据{evaluation.department}报送的{evaluation.count}份{evaluation.year}年度项目支出"
        f"绩效自评表{'和部门预算执行数据' if evaluation.figures else ''}，按“{evaluation.policy.title}”"
        "评分规则由 jixiao 生成。自评表填报的执行率、得分与系统按规则计算的结果并列列示，"
        "二者的差异作为审核发现列出，不作修改。"
    )
    _budget_section(writer, evaluation)
    _projects_section(writer, evaluation, charts)
    _findings_section(writer, evaluation)
    _conclusion_section(writer, evaluation)
    _problems_section(writer, evaluation)
    if rectification is not None:
        _rectification_section(writer, rectification)
    if isinstance(out, (str, Path)):
        doc.save(str(out))
    else:
        doc.save(out)


# --- the sections -----------------------------------------------------------------------------


def _budget_section(w: _Writer, ev: DepartmentEvaluation) -> None:
    w.heading1("当年预算执行情况")
    f = ev.figures
    if f is None:
        w.body("未提供部门预算执行数据（全年预算数、执行数、结转结余、决算数），本节不作计算。")
        return
    annual, executed = f.total("annual_budget"), f.total("executed")
    budget_parts = "、".join(
        f"{label}{money(part.annual_budget)}万元" for label, part in f.parts() if part.annual_budget
    )
    done_parts = "、".join(
        f"{label}{money(part.executed)}万元" for label, part in f.parts() if part.executed
    )
    sentence = f"{ev.year}年度，本部门"
    if annual is not None:
        sentence += f"全年预算数为{money(annual)}万元"
        sentence += f"，其中{budget_parts}" if budget_parts else ""
        sentence += "；"
    if executed is not None:
        sentence += f"全年执行数{money(executed)}万元"
        sentence += f"，其中{done_parts}" if done_parts else ""
    if ev.execution_rate.value is not None:
        base = "年初预算" if ev.policy.department.execution_base == "initial_budget" else ""
        sentence += f"，{base}预算执行率{percent(ev.execution_rate.value)}"
    w.body(sentence + "。")
    if ev.balance_rate.value is not None and ev.balance.value is not None:
        w.body(
            f"年末结转结余{money(ev.balance.value)}万元，结转结余率为{percent(ev.balance_rate.value)}"
            f"（年末结转结余÷{'全年预算数' if ev.policy.department.balance_base == 'budget' else '执行数'}）。"
        )
    if ev.balance_change_rate.value is not None and f.carryover_prior is not None:
        w.body(
            f"上年结转{money(f.carryover_prior)}万元，结转结余变动率为"
            f"{percent(ev.balance_change_rate.value)}（（年末结转结余−上年结转）÷上年结转）。"
        )
    if ev.difference_rate.value is not None and ev.final_accounts.value is not None:
        base = (
            "全年预算数"
            if ev.policy.department.difference_base == "annual_budget"
            else "年初预算数"
        )
        w.body(
            f"决算数{money(ev.final_accounts.value)}万元，部门预决算差异率为"
            f"{percent(ev.difference_rate.value)}（（决算数−{base}）÷{base}）。"
        )


def _projects_section(
    w: _Writer, ev: DepartmentEvaluation, charts: list[tuple[str, bytes]]
) -> None:
    w.heading1("项目支出绩效自评情况")
    w.heading2("总体情况")
    text = f"本部门{ev.year}年度共报送项目支出绩效自评表{ev.count}份"
    if ev.total_budget.value is not None:
        text += (
            f"，全年预算数合计{money(ev.total_budget.value)}万元，"
            f"全年执行数合计{money(ev.total_executed.value)}万元"
        )
    if ev.weighted_rate.value is not None:
        text += f"，加权执行率{percent(ev.weighted_rate.value)}"
    if ev.mean_rate.value is not None:
        text += f"，各项目执行率简单平均{percent(ev.mean_rate.value)}"
    w.body(text + "。")
    for label, stats in (
        ("自评表填报", ev.declared_scores),
        ("按评分规则计算", ev.computed_scores),
    ):
        if stats.count:
            w.body(
                f"{label}的总分{stats.count}个，平均{money(stats.mean.value)}分，"
                f"最低{money(stats.minimum.value)}分，最高{money(stats.maximum.value)}分，"
                f"中位数{money(stats.median.value)}分。"
            )
    grades = "、".join(f"“{name}”{n}个" for name, n in ev.grades.items())
    w.body(f"按计算总分评定等级：{grades}。")
    for threshold, names in ev.below.items():
        if names:
            w.body(f"计算总分低于{fmt(threshold)}分的项目{len(names)}个：{_names(names)}。")
        else:
            w.body(f"没有计算总分低于{fmt(threshold)}分的项目。")
    for note in ev.notes:
        w.body(note)
    w.heading2("项目明细")
    _project_table(w, ev)
    w.note(
        "注：金额取自各自评表“年度资金总额”行，按表中所填单位（通常为万元）；"
        "合计行的执行率为加权执行率（Σ执行数 ÷ Σ预算数），得分为平均分。"
    )
    w.heading2("图表")
    for number, (caption, png) in enumerate(charts, start=1):
        w.picture(png)
        w.caption(f"图{number}  {caption}")


def _project_table(w: _Writer, ev: DepartmentEvaluation) -> None:
    headers = ["序号", "项目名称", "全年预算数", "执行数", "执行率", "填报总分", "计算总分", "等级"]
    widths = [8, 40, 20, 20, 19, 17, 17, 15]  # mm, Σ = 156, the text width
    rows = [
        [
            str(i),
            p.name,
            money(p.budget),
            money(p.executed),
            percent(p.rate),
            money(p.declared_score),
            money(p.computed_score),
            p.grade or "—",
        ]
        for i, p in enumerate(ev.projects, start=1)
    ]
    rows.append(
        [
            "",
            "合计",
            money(ev.total_budget.value),
            money(ev.total_executed.value),
            percent(ev.weighted_rate.value),
            money(ev.declared_scores.mean.value),
            money(ev.computed_scores.mean.value),
            "",
        ]
    )
    w.table(headers, rows, widths, numeric={2, 3, 4, 5, 6})


def _findings_section(w: _Writer, ev: DepartmentEvaluation) -> None:
    w.heading1("审核发现")
    counts = "、".join(f"{s.label}{ev.findings[s]}项" for s in Severity)
    w.body(f"按审核规则逐表审核，共发现{counts}。以下按规则归并列示错误和最常见的警告。")
    errors = [r for r in ev.rules if r.severity is Severity.ERROR]
    warnings = [r for r in ev.rules if r.severity is Severity.WARNING][:TOP_WARNING_RULES]
    if not errors and not warnings:
        w.body("未发现错误或警告。")
        return
    for rules, label in ((errors, "错误"), (warnings, "最常见的警告")):
        if not rules:
            continue
        w.heading2(f"{label}（{sum(r.count for r in rules)}项）")
        for i, rule in enumerate(rules, start=1):
            w.body(
                f"{i}.{rule.title}：{rule.count}项，涉及{len(rule.projects)}个项目："
                f"{_names(rule.projects)}。"
            )


def _conclusion_section(w: _Writer, ev: DepartmentEvaluation) -> None:
    w.heading1("总体评价结论")
    w.heading2("评价得分情况")
    if ev.score.value is None:
        w.body(ev.score.explanation)
    else:
        w.body(
            f"按“{ev.policy.title}”规则，本部门整体绩效综合得分{money(ev.score.value)}分，"
            f"绩效评价为“{ev.grade}”。"
        )
    w.heading2("得分怎么算的")
    for i, c in enumerate(ev.components, start=1):
        value = "无法计算" if c.score.value is None else f"得分{money(c.score.value)}分"
        w.body(f"{i}.{c.name}（{money(c.weight)}分）：{value}。{c.score.explanation}。")
    if ev.score.value is not None:
        w.body(f"{len(ev.components) + 1}.合计：{ev.score.explanation}。")


def _problems_section(w: _Writer, ev: DepartmentEvaluation) -> None:
    w.heading1("存在的问题和改进建议")
    problems, advice = _problems(ev)
    w.heading2("存在的问题")
    if not problems:
        w.body("本次审核未发现需要特别说明的问题。")
    for i, text in enumerate(problems, start=1):
        w.body(f"{i}.{text}")
    w.heading2("改进建议")
    if not advice:
        w.body("继续保持自评表填报质量，按规定及时开展绩效自评。")
    for i, text in enumerate(advice, start=1):
        w.body(f"{i}.{text}")


def _rectification_section(w: _Writer, lines: Sequence[RectificationLine]) -> None:
    w.heading1("整改事项")
    if not lines:
        w.body("本部门目前没有登记的整改事项。")
        return
    late = sum(1 for line in lines if line.days_late)
    finished = sum(1 for line in lines if line.status in ("已整改", "已确认"))
    text = f"本部门共有整改事项{len(lines)}项，已整改或已确认{finished}项"
    w.body(text + (f"，逾期未整改{late}项。" if late else "。"))
    headers = ["序号", "问题", "整改单位", "整改期限", "状态"]
    widths = [10, 70, 32, 22, 22]  # mm, Σ = 156, the text width
    rows = [
        [
            str(i),
            line.title,
            line.unit,
            line.due.isoformat() if line.due else "—",
            line.status + (f"（逾期{line.days_late}天）" if line.days_late else ""),
        ]
        for i, line in enumerate(lines, start=1)
    ]
    w.table(headers, rows, widths, numeric=set())


# what a family of rules says about the department, and what it should do
FAMILY_TEXT: dict[str, tuple[str, str]] = {
    "arithmetic": (
        "自评表计算和填报不够准确",
        "加强自评表填报审核。执行率、指标得分和总分按评分规则计算，填报前逐项核对资金、分值与得分，"
        "确保填报数与计算结果一致。",
    ),
    "targets": (
        "实际完成情况与绩效目标对应不够严格",
        "如实填报实际完成值。未达到目标的指标按完成比例扣分，并在“偏差原因分析及改进措施”中说明原因"
        "和措施；大幅超额完成的指标说明原因，下一年度合理设定目标值。",
    ),
    "quality": (
        "绩效目标的设定不够具体、细化，部分指标设定过于宽泛",
        "加强绩效目标论证，增加绩效目标的可量化性。产出指标写明数量、质量、时效和成本，"
        "效益指标写明可衡量的结果，避免照抄总体目标或以资金数代替产出。",
    ),
}


def evaluation_problems(ev: DepartmentEvaluation) -> list[Problem]:
    """The problems the report's "存在的问题" names, each with its 改进建议 as the requirement:
    what a reviewer may turn into 整改事项."""
    problems, advice = _problems(ev)
    return [
        Problem(*split_title(problem), requirement=suggestion)
        for problem, suggestion in zip(problems, advice, strict=True)
    ]


def _problems(ev: DepartmentEvaluation) -> tuple[list[str], list[str]]:
    from jixiao.review.registry import all_rules

    family_of = {r.code: r.family for r in all_rules()}
    problems: list[str] = []
    advice: list[str] = []
    for family, (problem, suggestion) in FAMILY_TEXT.items():
        rules = [
            r
            for r in ev.rules
            if family_of.get(r.code) == family and r.severity is not Severity.INFO
        ]
        if not rules:
            continue
        count = sum(r.count for r in rules)
        projects = {p for r in rules for p in r.projects}
        titles = "、".join(f"{r.title}{r.count}项" for r in rules[:4])
        problems.append(
            f"{problem}。审核发现此类问题{count}项，涉及{len(projects)}个项目，主要是{titles}。"
        )
        advice.append(suggestion)
    slow = [p for p in ev.projects if p.rate is not None and p.rate < LOW_RATE]
    if slow:
        listed = "、".join(f"{p.name}（{percent(p.rate)}）" for p in slow[:NAMES_SHOWN])
        problems.append(f"部分项目预算执行进度偏慢，执行率低于{percent(LOW_RATE)}的有：{listed}。")
        advice.append("加强预算执行管理，按进度支付，年中跟踪执行进度，及时调整预算。")
    low = [names for names in ev.below.values() if names]
    if low:
        problems.append(f"部分项目计算总分偏低：{_names(low[0])}。")
        advice.append("对得分偏低的项目进行重点跟踪，分析原因，改进项目实施和管理。")
    if (
        ev.balance_rate.value is not None
        and ev.balance_rate.value > ev.policy.department.balance.full
    ):
        problems.append(f"结转结余率为{percent(ev.balance_rate.value)}，资金使用效率有待提高。")
        advice.append("加快资金执行，减少结转结余，提高财政资金使用效益。")
    return problems, advice


def _names(names: list[str]) -> str:
    shown = "、".join(names[:NAMES_SHOWN])
    return shown + (f"等{len(names)}个项目" if len(names) > NAMES_SHOWN else "")


# --- charts -----------------------------------------------------------------------------------

SCORE_BINS = [(None, 60), (60, 70), (70, 80), (80, 90), (90, 95), (95, 100), (100, None)]


CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans CJK", "WenQuanYi", "SimHei")
# font files that may hold them, by the words in their file names
_CJK_FILES = ("cjk", "sourcehan", "wqy", "wenquanyi", "simhei")


def cjk_font() -> str:
    """The family name of a font with Chinese glyphs, found through matplotlib's font manager.

    By name rather than by file: Noto's .ttc holds the JP, KR, SC and TC faces, and the name
    picks the Simplified Chinese one. A font installed after matplotlib first listed the fonts
    (and kept that list in its cache) is found too: the system's font files are looked at again.
    """
    from matplotlib import font_manager

    manager = font_manager.fontManager
    found = _cjk_name(manager)
    if found is None:
        for path in font_manager.findSystemFonts():
            if any(word in Path(path).name.lower() for word in _CJK_FILES):
                manager.addfont(path)
        found = _cjk_name(manager)
    if found is None:
        raise ReportError(
            "找不到中文字体，无法绘制图表。请安装 Noto Sans CJK"
            "（Debian/Ubuntu：apt install fonts-noto-cjk）后再试。"
        )
    return found


def _cjk_name(manager: Any) -> str | None:
    names = sorted({font.name for font in manager.ttflist})
    for wanted in CJK_FONTS:
        for name in names:
            if name.startswith(wanted):
                return name
    return None


def _charts(ev: DepartmentEvaluation) -> list[tuple[str, bytes]]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.font_manager import FontProperties

    font = FontProperties(family=cjk_font(), size=10)
    charts = [
        ("项目总分分布（填报与计算）", _score_chart(ev, plt, font)),
        ("各项目预算执行率", _rate_chart(ev, plt, font)),
    ]
    plt.close("all")
    return charts


def _bin_label(low: int | None, high: int | None) -> str:
    if low is None:
        return f"<{high}"
    if high is None:
        return f"≥{low}"
    return f"{low}–{high}"


def _in_bin(value: Decimal, low: int | None, high: int | None) -> bool:
    return (low is None or value >= low) and (high is None or value < high)


def _score_chart(ev: DepartmentEvaluation, plt: ModuleType, font: FontProperties) -> bytes:
    labels = [_bin_label(lo, hi) for lo, hi in SCORE_BINS]
    declared = [p.declared_score for p in ev.projects if p.declared_score is not None]
    computed = [p.computed_score for p in ev.projects if p.computed_score is not None]
    d_counts = [sum(_in_bin(v, lo, hi) for v in declared) for lo, hi in SCORE_BINS]
    c_counts = [sum(_in_bin(v, lo, hi) for v in computed) for lo, hi in SCORE_BINS]
    fig, ax = plt.subplots(figsize=(6.2, 2.6), dpi=200)
    xs = range(len(labels))
    bars1 = ax.bar([x - 0.2 for x in xs], d_counts, width=0.4, label="填报总分", color="#5470c6")
    bars2 = ax.bar([x + 0.2 for x in xs], c_counts, width=0.4, label="计算总分", color="#91cc75")
    for bars in (bars1, bars2):
        for bar in bars:
            if bar.get_height():
                ax.annotate(
                    str(int(bar.get_height())),
                    (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center",
                    va="bottom",
                    fontproperties=font,
                    fontsize=8,
                )
    ax.set_xticks(list(xs), labels, fontproperties=font)
    ax.set_xlabel("总分区间（分）", fontproperties=font)
    ax.set_ylabel("项目数（个）", fontproperties=font)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(prop=font, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def _rate_chart(ev: DepartmentEvaluation, plt: ModuleType, font: FontProperties) -> bytes:
    projects = [p for p in ev.projects if p.rate is not None]
    names = [p.name if len(p.name) <= 16 else p.name[:15] + "…" for p in projects]
    rates = [float(p.rate * 100) for p in projects if p.rate is not None]
    height = max(2.0, 0.24 * len(projects) + 0.8)
    fig, ax = plt.subplots(figsize=(6.2, height), dpi=200)
    ys = list(range(len(projects)))[::-1]
    colors = ["#ee6666" if r < float(LOW_RATE * 100) else "#5470c6" for r in rates]
    ax.barh(ys, rates, color=colors, height=0.6)
    for y, r in zip(ys, rates, strict=True):
        ax.annotate(
            f"{r:.2f}%",
            (r, y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontproperties=font,
            fontsize=7,
        )
    ax.set_yticks(ys, names, fontproperties=font, fontsize=8)
    ax.axvline(100, color="#999999", linewidth=0.8, linestyle="--")
    if ev.weighted_rate.value is not None:
        weighted = float(ev.weighted_rate.value * 100)
        ax.axvline(weighted, color="#fac858", linewidth=1)
        ax.annotate(
            f"加权 {weighted:.2f}%",
            (weighted, len(projects) - 0.4),
            ha="right",
            fontproperties=font,
            fontsize=7,
            xytext=(-3, 0),
            textcoords="offset points",
        )
    ax.set_xlim(0, max([*rates, 100.0]) * 1.12)
    ax.set_xlabel("执行率（%）", fontproperties=font)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


# --- the page and the paragraphs --------------------------------------------------------------


def _page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7)  # the number sits 7 mm below the text block
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    _font_table(doc)


def _page_number(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    paragraph.alignment = align
    indent = Pt(14)  # one character in from the edge, as GB/T 9704 asks
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    _set_font(paragraph.add_run("— "), PAGE_FONT, SIZE_4)
    run = paragraph.add_run()
    _set_font(run, PAGE_FONT, SIZE_4)
    for kind, text in (
        ("begin", None),
        (None, "PAGE"),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
    _set_font(paragraph.add_run(" —"), PAGE_FONT, SIZE_4)


def _font_table(doc: DocxDocument) -> None:
    """Name the fallback of each 公文 font, so a computer without it shows its alternative."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = doc.part.part_related_by(RT.FONT_TABLE)
    fonts = etree.fromstring(part.blob)
    for name, alternative in ALTERNATIVES.items():
        font = etree.SubElement(fonts, qn("w:font"))
        font.set(qn("w:name"), name)
        etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alternative)
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), "auto")
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_font(run: Run, name: str, size: Pt, bold: bool | None = None) -> None:
    run.font.name = name
    run.font.size = size
    if bold is not None:
        run.font.bold = bold
    _east_asia(run._element.get_or_add_rPr(), name)


def _east_asia(rPr: CT_RPr, name: str) -> None:
    fonts = rPr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, SIZE_3
    _east_asia(normal.element.get_or_add_rPr(), BODY_FONT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(32)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for style_name, font in (("Heading 1", HEADING1_FONT), ("Heading 2", HEADING2_FONT)):
        style = doc.styles[style_name]
        style.font.name, style.font.size = font, SIZE_3
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        _east_asia(style.element.get_or_add_rPr(), font)
        pf = style.paragraph_format
        pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
        pf.space_before = pf.space_after = Pt(0)
        pf.first_line_indent = Pt(32)
        pf.keep_with_next = True


class _Writer:
    """Adds the report's paragraphs in order, numbering the headings 一、 and （一）."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.h1 = 0
        self.h2 = 0

    def title(self, text: str) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = p.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(36)
        fmt.space_after = LINE  # one blank line between title and body
        _set_font(p.add_run(text), TITLE_FONT, SIZE_2, bold=True)

    def heading1(self, text: str) -> None:
        self.h2 = 0
        prefix = CN_NUMBERS[self.h1] if self.h1 < len(CN_NUMBERS) else str(self.h1 + 1)
        self.h1 += 1
        p = self.doc.add_paragraph(style="Heading 1")
        _set_font(p.add_run(f"{prefix}、{text}"), HEADING1_FONT, SIZE_3, bold=False)

    def heading2(self, text: str) -> None:
        prefix = CN_NUMBERS[self.h2] if self.h2 < len(CN_NUMBERS) else str(self.h2 + 1)
        self.h2 += 1
        p = self.doc.add_paragraph(style="Heading 2")
        _set_font(p.add_run(f"（{prefix}）{text}"), HEADING2_FONT, SIZE_3, bold=False)

    def body(self, text: str) -> None:
        p = self.doc.add_paragraph()
        _set_font(p.add_run(text), BODY_FONT, SIZE_3)

    def note(self, text: str) -> None:
        p = self.doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.line_spacing = Pt(20)
        _set_font(p.add_run(text), BODY_FONT, SIZE_5)

    def caption(self, text: str) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.first_line_indent = Pt(0)
        _set_font(p.add_run(text), BODY_FONT, SIZE_4)

    def picture(self, png: bytes) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = p.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact line would clip the picture
        fmt.keep_with_next = True
        p.add_run().add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM - 6))

    def table(
        self, headers: list[str], rows: list[list[str]], widths: list[int], numeric: set[int]
    ) -> Table:
        table = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for row_index, values in enumerate([headers, *rows]):
            row = table.rows[row_index]
            if row_index == 0:  # the header repeats on every page the table runs onto
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                row._tr.get_or_add_trPr().append(header)
            for col, value in enumerate(values):
                cell = row.cells[col]
                cell.width = Mm(widths[col])
                p = cell.paragraphs[0]
                fmt = p.paragraph_format
                fmt.first_line_indent = Pt(0)
                fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
                fmt.space_before = fmt.space_after = Pt(1.5)
                if row_index == 0 or col not in numeric and col != 1:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif col in numeric:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                else:
                    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                bold = row_index == 0 or values[1] == "合计"
                font = HEADING1_FONT if row_index == 0 else BODY_FONT
                _set_font(p.add_run(value), font, SIZE_SMALL_5, bold=bold and row_index != 0)
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), str(int(Mm(1).twips)))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        look = table._tbl.tblPr.find(qn("w:tblLook"))  # the schema wants the margins before it
        if look is not None:
            look.addprevious(margins)
        else:
            table._tbl.tblPr.append(margins)
        table_width = table._tbl.tblPr.find(qn("w:tblW"))
        table_width.set(qn("w:type"), "dxa")
        table_width.set(qn("w:w"), str(int(Mm(sum(widths)).twips)))
        grid = table._tbl.tblGrid
        for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
            col.set(qn("w:w"), str(int(Mm(width).twips)))
        return table
