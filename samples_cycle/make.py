"""Write the sample 申报表 and 监控表 of the project year (issue 13) into samples_cycle/.

Made once from the hand-checked test fixtures (tests/fixtures/targets/anzhen.toml and
tests/fixtures/monitoring/seed004_july.toml) with the fixtures' own writers, and committed, so
that "一键导入样例" shows one project's chain: seed 004's 公共服务经费 (安贞街道办事处 /
社区建设办公室, 2020) with its 绩效目标申报表 (Word), its July 监控表 (Excel: one indicator
完全不可能, 30 % spent, a red light) and its December self-evaluation (samples/004_*.txt).

They live beside samples/, not in it, so that `jixiao parse samples/` and the other commands
that walk that folder still read the fifty self-evaluation forms only.

Run from the repository root: ``.venv/bin/python samples_cycle/make.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from fixtures.monitoring.build import spec as monitoring_spec  # noqa: E402
from fixtures.regions.build import write_docx, write_xlsx  # noqa: E402
from fixtures.targets.build import spec as targets_spec  # noqa: E402

FILES = {
    "公共服务经费_2020_绩效目标申报表.docx": lambda path: write_docx(targets_spec("anzhen"), path),
    "公共服务经费_2020_1-7月绩效运行监控表.xlsx": lambda path: write_xlsx(
        monitoring_spec("seed004_july"), path
    ),
}


def main() -> None:
    for name, write in FILES.items():
        print(write(HERE / name))


if __name__ == "__main__":
    main()
