"""The problems an evaluation report names and the measures it proposes, read from its text.

A 部门整体绩效评价报告 (seed 002's 第四部分) and an expert panel's 项目支出绩效评价报告 both end with a
section "存在的问题（及原因分析）" listing the problems, numbered （1） or 1、 (sometimes grouped
under short headings such as "1、项目决策"), and a section "措施建议" / "有关建议" / "改进建议" with
the measures, each a numbered line, possibly a short heading followed by its paragraph. These
become rectification items (整改事项): the problem is what to rectify, the measure that fits it
best is the requirement.

A measure fits a problem by the words they share (two-character runs of Chinese text): in seed
002 "绩效目标的设定不够具体、细化" goes with "加强绩效目标论证，增加绩效目标的可量化性" and "部分项目
缺少实施方案" with "加强过程管理 … 制定行之有效的管理措施和实施方案". A problem sharing nothing with
any measure gets the measure in the same position, if there is one.

Pure text functions: no Django, no files.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

# a heading of the report's outline: 一、 （一） 第一部分
OUTLINE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)"
)
PROBLEMS_HEADING = re.compile(r"存在的?问题")
MEASURES_HEADING = re.compile(r"(?:措施建议|有关建议|改进建议|整改建议|意见建议|^\S{0,8}建议$)")
# a numbered item: （1） (1) 1、 1. 1．
NUMBERED = re.compile(r"^(?:[（(]\s*(\d{1,2})\s*[)）]|(\d{1,2})\s*[、.．](?!\d))\s*")
SENTENCE_END = re.compile(r"[。；;！!？?]")
LABEL_LENGTH = 14  # a numbered line this short without a full stop is a heading ("1、项目决策")
TITLE_LENGTH = 120


@dataclass(frozen=True)
class Problem:
    """One problem of a report, with the measure the report proposes for it."""

    title: str  # the problem's first sentence, without its full stop
    detail: str = ""  # the rest of what the report says about it
    group: str = ""  # the heading it is listed under, e.g. 项目管理
    requirement: str = ""  # the measure: its heading and its paragraph

    @property
    def text(self) -> str:
        return f"{self.title}。{self.detail}" if self.detail else self.title


@dataclass(frozen=True)
class RectificationLine:
    """One 整改事项 as the department report lists it."""

    title: str
    unit: str
    status: str  # 待整改 / 整改中 / 已整改 / 已确认
    due: datetime.date | None
    days_late: int = 0  # past the due date and not yet rectified
    source: str = ""  # 审核发现 / 专家评价 / 部门整体评价 …


@dataclass
class ProblemSection:
    """One "存在的问题" section and the measures after it."""

    heading: str
    problems: list[Problem] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]


def _is_heading(line: str, pattern: re.Pattern[str]) -> bool:
    """A heading line naming the section: short, no full stop, matching the pattern."""
    bare = NUMBERED.sub("", OUTLINE.sub("", line)).strip()
    return len(bare) <= 20 and not SENTENCE_END.search(bare) and bool(pattern.search(bare))


def _is_label(line: str) -> bool:
    """A numbered line that only names a group of problems (``1、项目决策``)."""
    body = NUMBERED.sub("", line).strip()
    return len(body) <= LABEL_LENGTH and not SENTENCE_END.search(body)


def split_title(text: str) -> tuple[str, str]:
    """The first sentence (without its stop) and the rest."""
    text = text.strip()
    found = SENTENCE_END.search(text)
    if found is None:
        return text.rstrip("。")[:TITLE_LENGTH], ""
    title = text[: found.start()].strip()
    rest = text[found.end() :].strip()
    if len(title) > TITLE_LENGTH:
        return title[: TITLE_LENGTH - 1] + "…", text
    return title, rest


def _problems(lines: list[str]) -> list[Problem]:
    if not any(NUMBERED.match(line) for line in lines):  # unnumbered: a paragraph each
        return [Problem(*split_title(line)) for line in lines]
    found: list[Problem] = []
    group = ""
    group_has_items = False
    for line in lines:
        numbered = NUMBERED.match(line)
        if numbered and numbered.group(2) and _is_label(line):
            group, group_has_items = NUMBERED.sub("", line).strip(), False
        elif numbered:
            title, detail = split_title(NUMBERED.sub("", line))
            found.append(Problem(title, detail, group))
            group_has_items = True
        elif group and not group_has_items:  # a group described by one paragraph
            title, detail = split_title(line)
            found.append(Problem(title, detail, group))
            group_has_items = True
        elif found:  # a paragraph continuing the last problem
            last = found[-1]
            found[-1] = Problem(last.title, (last.detail + line).strip(), last.group)
        # a paragraph before the first problem introduces them: left out
    return found


def _measures(lines: list[str]) -> list[str]:
    measures: list[list[str]] = []
    for line in lines:
        if NUMBERED.match(line):
            measures.append([NUMBERED.sub("", line).strip()])
        elif measures:
            measures[-1].append(line)
        # paragraphs before the first numbered measure introduce them: left out
    joined = []
    for parts in measures:
        head, *body = parts
        if body and not SENTENCE_END.search(head[-1:]):
            joined.append(f"{head}：{''.join(body)}")
        else:
            joined.append("".join(parts))
    return joined


def problem_sections(text: str) -> list[ProblemSection]:
    """Every "存在的问题" section of the text with the measures that follow it, in order."""
    lines = _lines(text)
    sections: list[ProblemSection] = []
    i = 0
    while i < len(lines):
        if not _is_heading(lines[i], PROBLEMS_HEADING):
            i += 1
            continue
        section = ProblemSection(NUMBERED.sub("", OUTLINE.sub("", lines[i])).strip())
        j = i + 1
        body: list[str] = []
        while j < len(lines) and not _is_heading(lines[j], MEASURES_HEADING):
            if OUTLINE.match(lines[j]) or _is_heading(lines[j], PROBLEMS_HEADING):
                break
            body.append(lines[j])
            j += 1
        measures: list[str] = []
        if j < len(lines) and _is_heading(lines[j], MEASURES_HEADING):
            j += 1
            while j < len(lines) and not OUTLINE.match(lines[j]):
                if _is_heading(lines[j], PROBLEMS_HEADING) or lines[j].startswith("第"):
                    break
                measures.append(lines[j])
                j += 1
        section.measures = _measures(measures)
        section.problems = [
            _with_measure(p, n, section.measures) for n, p in enumerate(_problems(body))
        ]
        sections.append(section)
        i = j
    return sections


def _bigrams(text: str) -> set[str]:
    han = re.sub(r"[^\u4e00-\u9fff]", " ", text)
    return {w[k : k + 2] for w in han.split() for k in range(len(w) - 1)}


# words every problem and measure of a report share; they say nothing about which fits which
COMMON = {"项目", "绩效", "进一", "一步", "加强", "部分", "提高", "不够", "管理"}


def best_measure(problem: str, measures: list[str], position: int = -1) -> str:
    """The measure sharing the most words with the problem; the one at ``position`` when none
    shares any; empty when there are no measures."""
    if not measures:
        return ""
    words = _bigrams(problem) - COMMON
    shared = [len(words & (_bigrams(m) - COMMON)) for m in measures]
    best = max(shared)
    if best == 0:
        return measures[position] if 0 <= position < len(measures) else ""
    return measures[shared.index(best)]


def _with_measure(problem: Problem, position: int, measures: list[str]) -> Problem:
    requirement = best_measure(problem.text, measures, position)
    return Problem(problem.title, problem.detail, problem.group, requirement)


EVALUATION_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?\s*部门(?:整体)?绩效(?:自评|评价)")


def evaluation_year(text: str) -> int | None:
    """The year a department evaluation is about ("2021年度部门绩效评价情况" → 2021)."""
    found = EVALUATION_YEAR.search(text)
    return int(found.group(1)) if found else None


def report_problems(text: str) -> list[Problem]:
    """The problems of the first "存在的问题" section that lists any, with their measures."""
    for section in problem_sections(text):
        if section.problems:
            return section.problems
    return []
