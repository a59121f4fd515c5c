"""The layouts reference in docs/layouts.md: what each region's form looks like, how jixiao tells
it, and the policy it is checked under, generated from `LAYOUT_POLICIES` and the shipped policies.

`python -m jixiao.scoring.layout_reference` rewrites the page; a test keeps it current. The
pictures are docs/renderings/region-*.png (docs/renderings/make_regions.py prints the regional
fixtures of tests/fixtures/regions/ with LibreOffice) and form-beijing.png / form-mof-2020.png.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.docs import DOCS, write_page
from jixiao.scoring.policy import LAYOUT_POLICIES, Policy, load_policy, policy_for_layout


@dataclass(frozen=True)
class Layout:
    key: str  # Form.layout
    name: str  # the form's title and region, in Chinese
    told_by: str  # what the extractor recognises it by
    blocks: str  # the blocks, top to bottom
    funds: str  # the funds block's rows and columns
    indicators: str  # the indicator table's columns
    notes: str  # what is particular about it
    picture: str  # file in docs/renderings/


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        key="beijing",
        name="北京市 项目支出绩效自评表（京财绩效〔2020〕2146号）",
        told_by="财政部表样之外，表头还有“项目负责人、联系电话”一行",
        blocks="标题与年度；项目名称、主管部门、实施单位、项目负责人、联系电话；项目资金；年度总体目标；绩效指标；总分",
        funds="行：年度资金总额、其中：当年财政拨款、上年结转资金、其他资金；列：年初预算数、全年预算数、全年执行数、分值、执行率、得分（万元）",
        indicators="绩效指标（竖排合并）、一级指标、二级指标、三级指标、年度指标值、实际完成值、分值、得分、偏差原因分析及改进措施",
        notes="预算执行率 10 分，指标 90 分（产出 50、效益 30、满意度 10）；定性结果常写“优、良、中、差”",
        picture="form-beijing.png",
    ),
    Layout(
        key="mof-2020",
        name="财政部 项目支出绩效自评表（财预〔2020〕10号 附1）",
        told_by="其他表样的特征都没有时的通用表样（无法归入其他表样的表也记为此表样，所以按默认规则审核）",
        blocks="标题与年度；项目名称、主管部门、实施单位；项目资金；年度总体目标；绩效指标；总分",
        funds="与北京表相同（万元）",
        indicators="与北京表相同",
        notes="预算执行率 10 分，指标 90 分（产出 50、效益 30、满意度 10）",
        picture="form-mof-2020.png",
    ),
    Layout(
        key="sichuan",
        name="四川省 部门预算项目支出绩效自评表",
        told_by="表上方的“报表编号”，标题“部门预算项目支出绩效自评表”，或资金表中的“财政专户管理资金”“单位资金”行",
        blocks="报表编号；标题与年度；项目名称、主管部门、实施单位（盖章）；项目基本情况（项目年度目标与完成情况、项目实施内容及过程概述）；预算执行情况（10分）；绩效指标（90分）；合计；评价结论、存在问题、改进措施",
        funds="行：总额、其中：财政资金、财政专户管理资金、单位资金、其他资金；列：年初预算、调整后预算数、预算执行数、预算执行率、权重、得分、原因（万元）",
        indicators="一级指标、二级指标、三级指标、指标性质（＝、≥、≤）、指标值、度量单位、完成值、权重、得分、未完成原因分析",
        notes="“权重”即分值；目标拆在指标性质 / 指标值 / 度量单位三栏，读出时拼回一个目标（“=100%”），三栏原样保留；完成值只写数字时按度量单位理解",
        picture="region-sichuan.png",
    ),
    Layout(
        key="yunnan",
        name="云南省 项目支出绩效自评表",
        told_by="指标表有“指标性质”或“度量单位”栏（且不是四川表）",
        blocks="与财政部表相同",
        funds="与财政部表相同（万元）",
        indicators="绩效指标、一级指标、二级指标、三级指标、指标性质、指标值、度量单位、实际完成值、分值、得分、偏差原因分析及改进措施",
        notes="目标拆成三栏，读出时拼回（“≥35处”）；实际完成值只写数字时按度量单位理解（“93”即 93%）",
        picture="region-yunnan.png",
    ),
    Layout(
        key="hubei",
        name="湖北省 项目支出绩效自评表（自评分 + 复核分）",
        told_by="资金表和指标表都有“复核分”栏",
        blocks="标题与年度；项目名称、主管部门、实施单位；预算执行（20分）；年度总体目标；绩效指标（按年度绩效目标1、2分组）；总分",
        funds="行：年度资金总额、其中：当年财政拨款、上年结转资金、其他资金；列：年初预算数、全年预算数、全年执行数、分值、执行率、自评分、复核分（万元）",
        indicators="年度绩效目标1（40分）/ 年度绩效目标2（40分）（第一列分组）、一级指标、二级指标、三级指标、年度指标值、实际完成值、分值、自评分、复核分、偏差原因分析及改进措施",
        notes="自评分按得分核对；复核分是审核人的评分，原样保留（Form 的 reviewed_score）；分值分配按分组核对（各 40 分）",
        picture="region-hubei.png",
    ),
    Layout(
        key="transfer",
        name="转移支付 区域绩效自评表",
        told_by="标题含“转移支付”，或指标表有目标栏而没有分值栏",
        blocks="标题与年度；转移支付名称、中央主管部门、地方主管部门；资金情况；年度总体目标（全年预期目标、全年实际完成情况）；绩效指标",
        funds="行：年度资金总额、其中：中央补助、地方资金；列：年初预算数、全年预算数（A）、全年执行数（B）、执行率（B/A）（万元）",
        indicators="绩效指标、一级指标、二级指标、三级指标、全年预期目标值、全年实际完成值、未完成原因和改进措施",
        notes="不打分：没有分值、得分和总分；只核对资金和目标完成情况（未完成目标须说明原因）",
        picture="region-transfer.png",
    ),
    Layout(
        key="dmp",
        name="项目支出绩效自评表（决策 / 管理 / 绩效，较早的体系）",
        told_by="一级指标为“决策”“管理”（或“项目决策”“项目管理”“过程”）",
        blocks="标题与年度；项目名称、主管部门、实施单位；项目资金；年度总体目标；绩效指标（共性指标 / 个性指标）；总分",
        funds="行：年度资金总额、其中：当年财政拨款、上年结转资金、其他资金；列：年初预算数、全年预算数、全年执行数、执行率（不计分）",
        indicators="指标类型（共性指标（30分）/ 个性指标（70分））、一级指标（决策、管理、绩效）、二级指标、三级指标、指标值、实际完成值、分值、得分",
        notes="预算执行率是“管理—资金管理”下的三级指标，资金表不单独计分；表中没有偏差原因栏",
        picture="region-dmp.png",
    ),
    Layout(
        key="county",
        name="县级 项目支出绩效自评表（分值在目标之前）",
        told_by="指标表的“分值”栏在“年度指标值”之前",
        blocks="与北京表相同（含项目负责人、联系电话）；指标表没有“绩效指标”栏",
        funds="与财政部表相同（万元）",
        indicators="一级指标、二级指标、三级指标、分值、年度指标值、实际完成值、得分、偏差原因分析及改进措施",
        notes="各栏按表头对应读取，总分行的分值、得分也按表头所在列读取",
        picture="region-county.png",
    ),
    Layout(
        key="shanghai",
        name="上海市 财政项目支出绩效自评表",
        told_by="资金表单位为“元”，或标题以“财政项目支出绩效自评表”开头",
        blocks="与财政部表相同",
        funds="与财政部表相同，但金额以元为单位，常带千分位（“215,457.6”）",
        indicators="与财政部表相同",
        notes="金额按表中原样保留；计算时换算为万元，并在计算说明中写明",
        picture="region-shanghai.png",
    ),
)


def _policy_of(layout: str) -> Policy:
    return load_policy(policy_for_layout(layout))


def _policy_text(layout: str, policy: Policy) -> str:
    if layout in LAYOUT_POLICIES:
        return f"`{policy.name}`（{policy.title}）"
    return f"默认规则：命令行为 `{policy.name}`（{policy.title}），网上为站点默认（JIXIAO_POLICY）"


def _weights(policy: Policy) -> str:
    if not policy.scored:
        return "不计分"
    w = policy.weights
    parts = [f"预算执行 {w.execution:g}" if w.execution else "预算执行不单独计分"]
    if w.level1:
        parts.append("、".join(f"{k} {v:g}" for k, v in w.level1.items()))
    else:
        parts.append(f"指标 {w.total - w.execution:g}（不规定分配）")
    return "；".join(parts) + f"；满分 {w.total:g}"


def layouts_markdown() -> str:
    lines = [
        "# 表样参考",
        "",
        "本页由 `python -m jixiao.scoring.layout_reference` 根据代码生成，请勿手工修改。",
        "",
        "jixiao 读表时识别表样（自评表 JSON 中的 `layout`），`jixiao check` / `jixiao export` 没有给出",
        "`--policy` 时按表样选择评分规则（见[评分规则参考](policies.md)）；网上填报时，填报轮次",
        "指定的规则优先。各表样的测试样表在 `tests/fixtures/regions/`（每种表样的 .docx、.xlsx、.pdf",
        "由同一份数据生成，期望值逐项手工核对），下面的图是样表用 LibreOffice 打印的第一页",
        "（`docs/renderings/make_regions.py` 重新生成）。",
        "",
        "| 表样 | 表名 | 评分规则 | 分值构成 |",
        "| --- | --- | --- | --- |",
    ]
    for layout in LAYOUTS:
        policy = _policy_of(layout.key)
        lines.append(
            f"| `{layout.key}` | {layout.name} | {_policy_text(layout.key, policy)} | {_weights(policy)} |"
        )
    for layout in LAYOUTS:
        policy = _policy_of(layout.key)
        lines += [
            "",
            f"## {layout.name}（`{layout.key}`）",
            "",
            f"- 如何识别：{layout.told_by}",
            f"- 各部分（自上而下）：{layout.blocks}",
            f"- 资金表：{layout.funds}",
            f"- 指标表各栏：{layout.indicators}",
            f"- 评分规则：{_policy_text(layout.key, policy)}；{_weights(policy)}",
            f"- 说明：{layout.notes}",
            "",
            f"![{layout.name}](renderings/{layout.picture})",
        ]
    lines.append("")
    return "\n".join(lines)


DOC = DOCS / "layouts.md"


def main(argv: list[str] | None = None) -> int:
    return write_page(DOC, layouts_markdown(), argv)


if __name__ == "__main__":
    raise SystemExit(main())
