"""Seed 002's expert score sheet, copied by hand from samples/002_*.txt (lines 379–617 and 620–660).

These numbers are what the document writes; the tests compare jixiao's computation with them,
so nothing here comes from the code under test.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from seeds import SAMPLES

from jixiao.panel.check import check_path
from jixiao.panel.compute import Result
from jixiao.panel.framework import load_framework

SEED_002 = SAMPLES / "002_00c192bc11a47879.txt"
EXPERTS = ["陈竹", "刘文辉", "刘莉君", "伏虎", "郭家义"]

# 三级指标: (分值, five experts' scores, 合计, 平均分) as the sheet writes them
ROWS = {
    "立项依据充分性": ("1.5", ["1.5", "1.5", "1.5", "1.5", "1.5"], "7.5", "1.5"),
    "立项程序规范性": ("1.5", ["1.5", "1.5", "1.2", "1", "1"], "6.2", "1.24"),
    "绩效目标合理性": ("2", ["1.2", "1.5", "1.5", "2", "1.5"], "7.7", "1.54"),
    "绩效指标明确性": ("2", ["1.2", "1.5", "1", "2", "1.5"], "7.2", "1.44"),
    "预算编制科学性": ("1.5", ["1", "1", "1", "1", "1.5"], "5.5", "1.1"),
    "资金分配合理性": ("1.5", ["1", "1", "1.5", "1.5", "1.5"], "6.5", "1.3"),
    "资金到位率": ("5", ["5", "5", "5", "5", "4"], "24", "4.8"),
    "预算执行率": ("3", ["3", "3", "3", "1", "3"], "13", "2.6"),
    "资金使用合规性": ("4", ["2", "3", "3", "1", "3"], "12", "2.4"),
    "管理制度健全性": ("4", ["2", "3", "3", "2", "3"], "13", "2.6"),
    "制度执行有效性": ("4", ["2", "3", "3", "2", "4"], "14", "2.8"),
    "实际完成率": ("10", ["9", "9", "9", "10", "9"], "46", "9.2"),
    "质量达标率": ("10", ["9", "8", "7", "10", "9"], "43", "8.6"),
    "完成及时性": ("10", ["10", "8", "7", "10", "8"], "43", "8.6"),
    "成本节约率": ("10", ["9", "8", "9", "5", "10"], "41", "8.2"),
    "社会效益": ("10", ["9", "8", "9", "10", "8"], "44", "8.8"),
    "可持续影响": ("10", ["8", "8", "9", "10", "8"], "43", "8.6"),
    "满意度": ("10", ["7", "9", "7", "10", "9"], "42", "8.4"),
}
# 总分 row: each expert's total, 合计, 平均分
EXPERT_TOTALS = ["82.4", "83", "81.7", "85", "86.5"]
GRAND_TOTAL, AVERAGE_TOTAL, GRADE = "418.6", "83.72", "良好"

# The report's statements (lines 625–658): group → (考评平均分, 失分率 %) as written.
STATED_GROUPS = {
    "项目立项": ("2.74", "8.67"),
    "绩效目标": ("2.98", "25.50"),
    "资金投入": ("2.40", "20.00"),
    "资金管理": ("9.80", "19.11"),  # wrong in the seed: 1 − 9.80 / 12 = 18.33%
    "组织实施": ("5.40", "32.50"),
    "产出数量": ("9.20", "8.00"),
    "产出质量": ("8.60", "14.00"),
    "产出时效": ("8.60", "14.00"),
    "产出成本": ("8.20", "18.00"),
}
# 社会效益 / 可持续影响 / 满意度 are level-3 indicators the report analyses like groups
STATED_INDICATORS = {
    "社会效益": ("8.80", "12.00"),
    "可持续影响": ("8.60", "14.00"),
    "满意度": ("8.40", "16.00"),
}
# “项目决策指标分值满分10分，综合得分8.12分” …
STATED_LEVEL1 = {
    "决策": ("10", "8.12"),
    "过程": ("20", "15.20"),
    "产出": ("40", "34.60"),
    "效益": ("30", "25.80"),
}


def d(text: str) -> Decimal:
    return Decimal(text)


@cache
def seed_result() -> Result:
    run = check_path(SEED_002, load_framework("project"))
    assert not run.errors
    assert len(run.results) == 1
    return run.results[0]
