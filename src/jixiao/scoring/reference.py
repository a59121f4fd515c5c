"""The policy reference in docs/policies.md, generated from the Policy model and the shipped files.

`python -m jixiao.scoring.reference` rewrites the page; a test keeps it current.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from jixiao.docs import DOCS, write_page
from jixiao.scoring.policy import LAYOUT_POLICIES, Policy, available, load_policy

# what each setting means, in words a finance clerk reads
SETTINGS: dict[str, str] = {
    "scoring.enabled": (
        "是否打分：否＝表中没有分值和得分（转移支付区域绩效自评表），只计算执行率、比较目标与实际，"
        "不计算得分、总分和等级，有关分值和得分的审核规则不运行"
    ),
    "weights.execution": "预算执行率的分值（W_exec），资金表“年度资金总额”行的分值",
    "weights.total": "总分值：各指标分值之和加预算执行率分值应等于此数",
    "weights.max_total": "计算总分的上限：分值之和超过总分值等原因使计算总分超过此数时，按此数封顶，并给出审核发现",
    "weights.level1": "一级指标（或分组）的默认分值；与此不同是警告（“特殊情况可调整”），不是错误；为空则不核对",
    "weights.split_by": (
        "weights.level1 按什么分：level1＝一级指标（产出、效益、满意度）；"
        "group＝表第一列的分组（湖北“年度绩效目标1、2”，“共性指标、个性指标”）"
    ),
    "execution.base": "执行率的分母：annual_budget＝全年预算数（A），initial_budget＝年初预算数",
    "execution.cap": "执行率超过 100% 时得分是否以满分封顶",
    "execution.fallback_to_sources": "年度资金总额行未填时，是否改用各资金来源行之和（同时给出审核发现）",
    "rounding.decimals": "计算得分保留的小数位数（四舍五入）",
    "rounding.tolerance": "填报的分值、得分与计算值相差不超过此数视为一致",
    "rounding.rate_tolerance": "填报的执行率与计算值相差不超过此数视为一致（0.005 即 0.5 个百分点）",
    "quantitative.reverse": "反向指标（≤、以内）未达标时的计分：linear＝W×(1−(A−T)/T)，到 2T 为 0；ratio＝W×T/A",
    "quantitative.equal_over_full": "等于（=）指标实际值超过目标时是否给满分（同时给出审核发现）",
    "quantitative.over_achievement": "实际值达到目标的此倍数且未写偏差原因时提示“目标可能定得过低”",
    "qualitative.bands": "定性结果（达成、部分达成、未达成）对应的得分区间（占分值的比例）",
    "qualitative.words": "定性用语对应的结果；不在表中的用语按关键词推断，并提示是推断",
    "qualitative.grade_bands": "等级字母（优、良、中、差）自己的得分区间；未设置时按其对应结果的区间",
    "qualitative.computed": "定性指标的计算得分：declared＝填报得分在区间内则采用，否则取最近端点；high＝区间上限",
    "department.execution_base": "部门预算执行率的分母：annual_budget＝全年预算数，initial_budget＝年初预算数",
    "department.balance_base": (
        "结转结余率的分母（无统一口径）：budget＝全年预算数（财预〔2013〕53号），"
        "executed＝支出执行数（地方口径；seed 002 的 0.57% 按此计算）"
    ),
    "department.difference_base": (
        "预决算差异率 =（决算数 − 预算数）÷ 预算数 中的预算数（无官方定义）："
        "annual_budget＝全年预算数（调整预算），initial_budget＝年初预算数"
    ),
    "department.project_mean": "项目部分取各项目计算总分的平均：weighted＝按全年预算数加权，simple＝简单平均",
    "department.weights": (
        "部门整体得分的构成：execution 预算执行率、balance 结转结余率、difference 预决算差异率、"
        "projects 项目自评得分，之和等于 weights.total"
    ),
    "department.balance": "结转结余率计分：不高于 full 得满分，不低于 zero 得 0 分，其间按线性递减",
    "department.difference": "预决算差异率（取绝对值）计分：不高于 full 得满分，不低于 zero 得 0 分，其间按线性递减",
    "department.below": "列出计算总分低于这些分数的项目",
    "review.levels": (
        "网上审核的层级，依次审核：department＝主管部门审核人，bureau＝财政局审核人；"
        "某一级没有该单位的审核人时跳过该级，最后一级通过即为“已审核”"
    ),
    "review.blocking": "审核发现代码清单：自评表存在其中任一条发现时不能提交，须先修改",
    "grades": "总分等级：总分不低于下限即为该等级（下限含本数）",
    "monitoring.months": "绩效运行监控表没写监控期间时，按截至几月底计（默认 1—7 月，即 7）",
    "monitoring.thresholds": (
        "运行监控的执行率预警线：各月底应达到的预算执行率；监控期末月份取其及以前最近的一条"
        "（1—7 月的表按 6 月底的 40%）"
    ),
    "monitoring.red_margin": "执行率低于预警线超过此数（百分点，0.05 即 5 个百分点）为红灯，否则为黄灯",
    "monitoring.gap": "计数类指标的平均完成进度与预算执行率相差超过此数（0.10 即 10 个百分点）为黄灯",
    "monitoring.forecast_gap": (
        "前后文件比对：监控表的全年预计执行数、全年预计完成值与年底自评表的实际数相差超过此比例时提示核实"
    ),
}


# how review_monitoring lights a project (jixiao.review.monitoring.light_of): kept beside the
# settings it reads, so the page and the code are read together
MONITORING_LIGHTS = [
    "",
    "## 运行监控的红黄绿灯",
    "",
    "每张绩效运行监控表按下列规则亮灯（`jixiao.review.monitoring.review_monitoring`），执行率由",
    "“1—N 月执行数 ÷ 全年预算数”计算（两者同一单位，不换算；表中填写的执行率另行核对），",
    "N 取表中写明的监控期间（如“1-7月”），没写时取 `monitoring.months`；预警线取 N 月及以前最近一个",
    "`monitoring.thresholds` 月份的执行率（1—7 月的表按 6 月底 40%，N 早于第一条时不核对执行率）。",
    "",
    "- **红灯**：有指标的完成目标可能性为“完全不可能”；或执行率低于预警线超过 `monitoring.red_margin`",
    "  （默认 5 个百分点：1—7 月执行率低于 35% 为红灯）。",
    "- **黄灯**：不是红灯，但执行率低于预警线；或有指标为“有可能”；或计数类指标（目标为“≥”或不带比较符的",
    "  数量，单位不是 %）的平均完成进度（1—N 月实际完成值 ÷ 年度指标值，单项超过 100% 按 100% 计）与执行率",
    "  相差超过 `monitoring.gap`（默认 10 个百分点）。",
    "- **绿灯**：以上都没有。",
    "",
    "执行率无法计算（全年预算数或执行数未填、预算数为 0）时只按指标亮灯，并给出审核发现。",
]


def _value(value: Any) -> str:
    if isinstance(value, BaseModel):
        return "；".join(f"{k} {_value(v)}" for k, v in value.model_dump().items())
    if isinstance(value, dict):
        return "；".join(f"{k}：{_value(v)}" for k, v in value.items()) or "（无）"
    if isinstance(value, list):
        return "；".join(_value(v) for v in value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _get(policy: Policy, path: str) -> Any:
    value: Any = policy
    for part in path.split("."):
        value = getattr(value, part)
    if path == "grades":
        return "；".join(f"{g.name}（{g.long_name}）≥ {_value(g.min)}" for g in value)
    return value


def policy_markdown() -> str:
    policies = [load_policy(name) for name in available()]
    lines = [
        "# 评分规则参考",
        "",
        "本页由 `python -m jixiao.scoring.reference` 根据代码生成，请勿手工修改。",
        "",
        "评分规则是 TOML 数据文件，内置的在 `src/jixiao/scoring/policies/`。用 `jixiao check --policy 名称`",
        "选择内置规则，或用 `--policy 路径.toml` 使用自己的规则文件；文件中没写的设置取下表的默认值，",
        "写错的设置会得到指出位置和原因的中文提示。",
        "",
    ]
    for policy in policies:
        lines += [f"- **{policy.name}**：{policy.title}。{policy.description}"]
    lines += [
        "",
        "| 设置 | 含义 | " + " | ".join(p.name for p in policies) + " |",
        "| --- | --- |" + " --- |" * len(policies),
    ]
    for path, meaning in SETTINGS.items():
        values = " | ".join(_value(_get(p, path)).replace("|", "\\|") for p in policies)
        lines.append(f"| `{path}` | {meaning} | {values} |")
    lines += MONITORING_LIGHTS
    lines += [
        "",
        "## 按表样自动选择规则",
        "",
        "`jixiao check` 和 `jixiao export` 没有给出 `--policy` 时，每张表按读出的表样（见",
        "[表样参考](layouts.md)）选择规则，JSON 的 `computed.policy` 和终端输出写明所用规则；",
        "网上填报时，填报轮次指定的规则优先，轮次未指定时同样按表样选择，",
        "北京表样、财政部通用表样和无法识别的表样用站点默认规则（JIXIAO_POLICY）。",
        "",
        "| 表样 | 规则 |",
        "| --- | --- |",
    ]
    for layout, name in LAYOUT_POLICIES.items():
        lines.append(f"| {layout} | {name} |")
    lines += [
        "| beijing、mof-2020（财政部通用表样，也是无法归入其他表样时的结果）、无法识别 |"
        " 默认规则（命令行为 beijing，网上为站点默认 JIXIAO_POLICY） |",
        "",
    ]
    return "\n".join(lines)


DOC = DOCS / "policies.md"


def main(argv: list[str] | None = None) -> int:
    return write_page(DOC, policy_markdown(), argv)


if __name__ == "__main__":
    raise SystemExit(main())
