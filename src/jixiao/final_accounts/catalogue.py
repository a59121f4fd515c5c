"""The claim types of a final-accounts narrative (部门决算说明): one entry per kind of checkable figure.

Each type says, in Chinese, what it is, what jixiao checks, a real example from seed 002, and the
finding code and severity raised when the claim is wrong. The patterns that find these claims are in
`patterns.py`; the arithmetic in `check.py`. The CLI, the web page and the docs read this catalogue,
so the list of what is checked cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.model.finding import Severity


@dataclass(frozen=True)
class ClaimType:
    kind: str
    title: str  # Chinese name of the claim type
    checks: str  # what is checked, in Chinese
    example: str  # a real sentence from seed 002
    code: str  # finding code raised when the claim is wrong
    severity: Severity = Severity.ERROR


CLAIM_TYPES: dict[str, ClaimType] = {
    t.kind: t
    for t in (
        ClaimType(
            kind="amount",
            title="金额",
            checks="某一项目的金额（万元）。同一项目在说明中出现多次时，各处金额应一致；只出现一次的无从核对。",
            example="“一般公共服务支出”（类）2021年度决算3940.82万元",
            code="ACCOUNTS_AMOUNT_CONFLICT",
        ),
        ClaimType(
            kind="change",
            title="增减额",
            checks="比上年或比年初预算增加/减少的金额。文中同时写出基数时，增减额 = 本年数 − 基数；"
            "只写增减额、没有基数和增减率时无从核对。",
            example="2021年“三公”经费财政拨款决算数0万元，比2021年“三公”经费财政拨款年初预算0万元无变化",
            code="ACCOUNTS_CHANGE_MISMATCH",
        ),
        ClaimType(
            kind="change_rate",
            title="增减率",
            checks="增长（下降）百分比 = 增减额 ÷ 基数，基数 = 本年数 − 增加额（或 + 减少额），"
            "两位小数、四舍五入；基数为零时不能计算增减率。",
            example="本年收入合计3869.78万元，比上年增加1778.52万元，增长85.05%",
            code="ACCOUNTS_RATE_MISMATCH",
        ),
        ClaimType(
            kind="completion",
            title="预算完成率",
            checks="完成年初预算的百分比 = 决算数 ÷ 年初预算数，两位小数、四舍五入。",
            example="决算120.00万元，完成年初预算的120.00%",
            code="ACCOUNTS_COMPLETION_MISMATCH",
        ),
        ClaimType(
            kind="share",
            title="占比",
            checks="占…的百分比 = 分项金额 ÷ 总额，两位小数、四舍五入；总额按“占”后所写名称查找，"
            "找不到时取“其中”前面的总数。",
            example="财政拨款收入3838.89万元，占收入合计的99.20%",
            code="ACCOUNTS_SHARE_MISMATCH",
        ),
        ClaimType(
            kind="parts_sum",
            title="分项合计",
            checks="“其中：”（或“主要用于”）后列出的分项之和应等于前面的总数，"
            "允许四舍五入尾差（每项至多0.005万元）；只列一项时该项不应超过总数。",
            example="政府采购支出总额1435.00万元，其中：货物支出25.52万元，工程支出0万元，服务支出1409.48万元",
            code="ACCOUNTS_PARTS_SUM",
        ),
        ClaimType(
            kind="balance",
            title="收支平衡",
            checks="收入总计应等于支出总计。",
            example="收入总计4180.76万元……支出总计4180.76万元",
            code="ACCOUNTS_BALANCE",
        ),
        ClaimType(
            kind="year",
            title="年度",
            checks="说明中写明的年度应为决算年度；作比较基数时（比××年）可为上一年度。",
            example="“教育支出”(类)2020年度决算0万元（2021年度决算说明中）",
            code="ACCOUNTS_WRONG_YEAR",
        ),
    )
}

ZERO_BASE = "ACCOUNTS_ZERO_BASE"  # a percentage change on a base of zero
