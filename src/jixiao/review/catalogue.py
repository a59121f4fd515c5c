"""The rule catalogue (docs/rules.md), generated from the registry so it cannot drift from the code.

Run ``python -m jixiao.review.catalogue`` to rewrite docs/rules.md; a test checks it is current.
"""

from __future__ import annotations

from jixiao.docs import DOCS, write_page
from jixiao.review.registry import DOCUMENTS, FAMILIES, Rule, all_rules

DOC = DOCS / "rules.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _entry(found: Rule) -> str:
    scope = "跨表（多张表一起比较）" if found.cross else "单张表"
    if found.document != "self":
        scope = DOCUMENTS[found.document]
    return "\n".join(
        [
            f"### {found.code}：{found.title}",
            "",
            f"- 严重程度：{found.severity.label}（{found.severity.value}）",
            f"- 类别：{FAMILIES[found.family]}（{found.family}）",
            f"- 范围：{scope}",
            f"- 检查内容：{found.checks}",
            f"- 样例：{found.example}",
        ]
    )


def catalogue_markdown() -> str:
    """The whole catalogue as Markdown: a summary table, then one section per family."""
    rules = all_rules()
    lines = [
        "# 审核规则目录",
        "",
        "本文件由 `python -m jixiao.review.catalogue` 根据审核规则注册表自动生成，请勿手工修改。",
        "",
        "严重程度：**错误**表示按规则这张表填错了；**警告**表示需要人工看一看；**提示**仅供参考。",
        "",
        f"共 {len(rules)} 条规则。",
        "",
        "| 代码 | 严重程度 | 类别 | 名称 |",
        "| --- | --- | --- | --- |",
    ]
    for found in rules:
        lines.append(
            f"| {found.code} | {found.severity.label} | {FAMILIES[found.family]} | {_cell(found.title)} |"
        )
    for family, family_title in FAMILIES.items():
        members = [r for r in rules if r.family == family]
        if not members:
            continue
        lines += ["", f"## {family_title}（{family}）", ""]
        lines.append("\n\n".join(_entry(r) for r in members))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_page(DOC, catalogue_markdown(), argv)


if __name__ == "__main__":
    raise SystemExit(main())
