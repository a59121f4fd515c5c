"""Forms whose text survives but whose table does not: rows rebuilt from labels and order.

A PDF printed without ruling lines, a web page copied as text, a table flattened to one cell
per line or to lines of cells run together with spaces: the table extractor finds no form in
them, for it finds no rows. Here the document is read as one stream of cell texts ("tokens":
each line, split at tabs, else at runs of two or more spaces, else at single spaces), and the
form's labels (`jixiao.extract.vocabulary`) and the expected order of its blocks rebuild the
rows of the paper form:

- the title and year above 项目名称; the header fields, each label followed by its value (what
  stands between two labels; nothing when the value was empty);
- the funds block: its column labels, then each row label with its values, placed in the
  columns in order when there are as many as columns; when fewer, the dashes (—) go to the
  分值/得分 columns and the rest in order into the others, when exactly one choice of the
  columns left empty gives numbers where amounts go and a rate (agreeing with B/A) where the
  执行率 goes;
- the goals: the two texts after 预期目标 / 实际完成情况;
- the indicator table: the column labels as the text gives them, then rows of 一级/二级 labels
  (where a group starts), 三级指标, target, actual, a number for 分值 and for 得分 and an
  optional 偏差原因; the split into rows is a way the tokens fit that grammar (a text a level
  label names taken for the label where both fit), and none when no way fits;
- the 总分 row: its numbers.

The rebuilt rows go through the ordinary extractor (`jixiao.extract.forms`), so a rebuilt form
is read exactly like one from a table. What cannot be placed — funds values fewer than the
columns, a goals block that is not two texts, indicator text that fits no row or several ways —
is left empty, never guessed: the review rules in jixiao.review.flat say so for a form rebuilt
here (FLAT_TEXT_UNPLACED), and say of every such form that it was rebuilt and is to be checked
against the original (FLAT_TEXT_REBUILT). The form's source marks it by having neither table
nor row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import combinations

from jixiao.extract.vocabulary import Vocabulary, normalise, vocabulary
from jixiao.model.form import Form
from jixiao.model.grid import Cell, Document, Paragraph, Table

DASHES = frozenset({"—", "-", "--", "——", "－", "/", "／"})
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_NUMBERED_NAME = re.compile(r"^指标\s*\d+\s*[:：]")  # 指标3：… opens a row, it is no 偏差原因
_TWO_SPACES = re.compile(r"[ \u3000\u00a0]{2,}")
_ONE_SPACE = re.compile(r"[ \u3000\u00a0]+")
_TITLE = "自评表"
_YEAR = re.compile(r"\d{4}\s*年")
MAX_TOKENS = 100_000  # a file of many forms; a longer text is not one to rebuild
MAX_FORM_TOKENS = 3_000  # one form has a few hundred cells: a longer one is not rebuilt


def flat_forms(doc: Document) -> list[Form]:
    """The forms rebuilt from the document's text, each marked as rebuilt (source without
    table and row). Empty when the text holds no 项目名称 label."""
    from jixiao.extract.forms import extract_forms as from_tables

    tokens = _tokens(doc)
    if len(tokens) > MAX_TOKENS:
        return []
    voc = vocabulary()
    starts = [i for i, t in enumerate(tokens) if _header(t, voc) == "project_name"]
    if not starts:
        return []
    forms: list[Form] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(tokens)
        head = start
        while (
            head > (starts[n - 1] if n else 0) and start - head < 3 and _is_title(tokens[head - 1])
        ):
            head -= 1
        if n + 1 < len(starts):  # the next form's title is not this form's
            while end > start + 1 and starts[n + 1] - end < 3 and _is_title(tokens[end - 1]):
                end -= 1
        if end - head > MAX_FORM_TOKENS:
            continue
        rows = _Builder(tokens[head:end], voc).rows()
        table = Table(index=0)
        for r, texts in enumerate(rows):
            for c, text in enumerate(texts):
                # no location: the rebuilt grid is no place in the file
                table.cells.append(Cell(text, r, c))
        rebuilt = Document(file=doc.file, sha256=doc.sha256, format=doc.format)
        rebuilt.blocks.append(table)
        for form in from_tables(rebuilt):
            form.source.index = len(forms)
            form.source.table = form.source.row = form.source.page = None
            forms.append(form)
    return forms


def is_rebuilt(form: Form) -> bool:
    """Whether the form was rebuilt from text without tables (see the module's notes)."""
    return form.source.table is None and form.source.row is None


def _tokens(doc: Document) -> list[str]:
    """The document's cell texts in reading order: each paragraph line split into cells, each
    table cell (of a table holding no form) as it is."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            for line in block.text.split("\n"):
                out += _split(line)
        else:
            for row in block.rows():
                out += [c.text.strip() for c in row if c.text.strip() and not c.continued]
    return _tokens_joined(out)


_NOTE = re.compile(r"^[（(][^（()）年]{1,8}[)）]$")  # （万元）, （B）, (B/A), （10分）


def _tokens_joined(tokens: list[str]) -> list[str]:
    """Tokens with a short bracketed note a line break cut from its label joined again:
    "项目资金" "（万元）" → "项目资金（万元）"."""
    out: list[str] = []
    for token in tokens:
        if out and _NOTE.match(token) and not _is_number(out[-1]):
            out[-1] += token
        else:
            out.append(token)
    return out


def _split(line: str) -> list[str]:
    line = line.strip()
    if not line:
        return []
    if "\t" in line:
        parts = line.split("\t")
    elif _TWO_SPACES.search(line):
        parts = _TWO_SPACES.split(line)
    else:
        parts = _ONE_SPACE.split(line)
    return [p.strip() for p in parts if p.strip()]


@lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    return normalise(text)


def _header(token: str, voc: Vocabulary) -> str | None:
    return voc.header.get(_norm(token.rstrip(":：")))


def _is_title(token: str) -> bool:
    return len(token) < 60 and (_TITLE in token or bool(_YEAR.search(token)))


def _is_number(token: str) -> bool:
    return bool(_NUMBER.match(token.replace(",", "")))


@dataclass
class _Builder:
    tokens: list[str]
    voc: Vocabulary
    out: list[list[str]] = field(default_factory=list)
    i: int = 0

    def rows(self) -> list[list[str]]:
        t, voc = self.tokens, self.voc
        while self.i < len(t) and _header(t[self.i], voc) is None:  # the title and year
            self.out.append([t[self.i]])
            self.i += 1
        self._header_fields()
        self._funds()
        self._goals()
        self._indicators()
        return self.out

    # --- blocks ---------------------------------------------------------------------------

    def _starts_funds(self, token: str) -> bool:
        norm = _norm(token)
        return norm.startswith("项目资金") or norm in self.voc.funds_columns

    def _starts_body(self, token: str) -> bool:
        norm = _norm(token)
        return (
            norm in self.voc.goals_block
            or norm in self.voc.goals_labels
            or norm in self.voc.indicator_columns
        )

    def _header_fields(self) -> None:
        t = self.tokens
        while self.i < len(t):
            token = t[self.i]
            if self._starts_funds(token) or self._starts_body(token):
                return
            if _header(token, self.voc) is None:  # a value with no label before it
                self.i += 1
                continue
            j = self.i + 1
            while j < len(t) and not (
                _header(t[j], self.voc) or self._starts_funds(t[j]) or self._starts_body(t[j])
            ):
                j += 1
            self.out.append([token, "\n".join(t[self.i + 1 : j])])
            self.i = j

    def _funds(self) -> None:
        t, voc = self.tokens, self.voc
        if self.i >= len(t) or not self._starts_funds(t[self.i]):
            return
        label = t[self.i] if _norm(t[self.i]).startswith("项目资金") else "项目资金（万元）"
        if _norm(t[self.i]).startswith("项目资金"):
            self.i += 1
        columns: list[str] = []
        while self.i < len(t) and _norm(t[self.i]) in voc.funds_columns:
            columns.append(t[self.i])
            self.i += 1
        self.out.append([label, "", *columns])
        keys = [voc.funds_columns[_norm(c)] for c in columns]
        while self.i < len(t) and _norm(t[self.i]) in voc.funds_rows:
            name = t[self.i]
            j = self.i + 1
            while j < len(t) and not (_norm(t[j]) in voc.funds_rows or self._starts_body(t[j])):
                j += 1
            self.out.append(["", name, *_funds_values(t[self.i + 1 : j], keys)])
            self.i = j

    def _goals(self) -> None:
        t, voc = self.tokens, self.voc
        if self.i >= len(t) or _norm(t[self.i]) not in voc.goals_block:
            return
        block = t[self.i]
        self.i += 1
        labels: list[str] = []
        while self.i < len(t) and _norm(t[self.i]) in voc.goals_labels:
            labels.append(t[self.i])
            self.i += 1
        j = self.i
        while j < len(t) and _norm(t[j]) not in voc.indicator_columns:
            j += 1
        texts = t[self.i : j]
        self.i = j
        self.out.append([block, *labels])
        if len(texts) == len(labels):
            self.out.append(["", *texts])
        else:  # which text is which cannot be told: left empty (FLAT_TEXT_UNPLACED)
            self.out.append(["", *([""] * len(labels))])

    def _indicators(self) -> None:
        t, voc = self.tokens, self.voc
        heads: list[str] = []
        while self.i < len(t) and _norm(t[self.i]) in voc.indicator_columns:
            heads.append(t[self.i])
            self.i += 1
        if not heads:
            return
        keys = [voc.indicator_columns[_norm(h)] for h in heads]
        if keys[0] != "column":
            heads, keys = ["绩效指标", *heads], ["column", *keys]
        self.out.append(heads)
        j = self.i
        while j < len(t) and _norm(t[j]) not in voc.total:
            j += 1
        body = t[self.i : j]
        parsed = _parse_rows(body, keys[1:], voc)
        for row in parsed or []:
            self.out.append(["", *row])
        if j < len(t):  # 总分 and its numbers
            numbers = [x for x in t[j + 1 : j + 4] if _is_number(x) or x in DASHES]
            self.out.append([t[j], *numbers])
        self.i = len(t)


def _funds_values(values: list[str], keys: list[str]) -> list[str]:
    """A funds row's values in its columns, or empty cells where they cannot be placed."""
    if len(values) == len(keys):
        return values
    dashes = [v for v in values if v in DASHES]
    rest = [v for v in values if v not in DASHES]
    dash_cols = [n for n, k in enumerate(keys) if k in ("weight", "score")]
    if len(dashes) != len(dash_cols):
        return [""] * len(keys)  # which is which cannot be told
    slots = [n for n in range(len(keys)) if n not in dash_cols]
    # the ways the values fill the other columns in order, some left empty, that fit what the
    # columns hold: amounts are numbers, a rate is a rate and agrees with B/A when both stand
    fits = [
        chosen
        for chosen in combinations(slots, len(rest))
        if _funds_fit(dict(zip(chosen, rest, strict=True)), keys)
    ]
    if len(fits) != 1:
        return [""] * len(keys)  # no way or several: which is which cannot be told
    out = ["—" if n in dash_cols else "" for n in range(len(keys))]
    for n, value in zip(fits[0], rest, strict=True):
        out[n] = value
    return out


def _funds_fit(placed: dict[int, str], keys: list[str]) -> bool:
    """Whether values placed in funds columns are what those columns hold."""
    amounts: dict[str, Decimal] = {}
    rate: Decimal | None = None
    for n, value in placed.items():
        key, text = keys[n], value.replace(",", "").strip()
        if key == "execution_rate":
            number = text.rstrip("%％")
            if not _is_number(number):
                return False
            rate = Decimal(number) / (100 if number != text else 1)
            if rate > Decimal("1.5") or rate < 0:
                return False
        elif key in ("initial_budget", "annual_budget", "executed", "weight", "score"):
            if not _is_number(text):
                return False
            amounts[key] = Decimal(text)
        elif key != "reason":
            return False
    a, b = amounts.get("annual_budget"), amounts.get("executed")
    if rate is not None and a and b is not None:
        return abs(b / a - rate) <= Decimal("0.01")
    return True


def _parse_rows(tokens: list[str], keys: list[str], voc: Vocabulary) -> list[list[str]] | None:
    """The indicator rows the tokens make under the columns ``keys``, or None when they fit no
    row split (then nothing is placed). Where several splits fit, the one that takes level
    labels as labels and fills the optional columns is kept (the form is marked rebuilt for
    the reviewer to check)."""
    level_cols = [n for n, k in enumerate(keys) if k in ("level1", "level2")]
    numeric = {"weight", "score", "reviewed_score"}
    rest = [n for n, k in enumerate(keys) if k not in ("level1", "level2")]
    last_number = max((n for n in rest if keys[n] in numeric), default=-1)
    required = [n for n in rest if n <= last_number]
    optional = [n for n in rest if n > last_number]

    def fits(n: int, token: str) -> bool:
        key = keys[n]
        if key in numeric:
            return _is_number(token) or token in DASHES
        if key == "name":
            return not _is_number(token)
        if key == "deviation":  # not the next row's placeholder or group label
            level = voc.level1_name(token) or voc.level2_name(token)
            return not (
                _is_number(token)
                or voc.is_placeholder(token)
                or (level and len(_norm(token)) <= 12)
                or _NUMBERED_NAME.match(token)
            )
        return True

    def _blank(token: str) -> bool:
        return voc.is_placeholder(token) or _norm(token) in voc.not_applicable

    name_col = next((n for n, k in enumerate(keys) if k == "name"), None)
    size = len(tokens)
    memo: dict[int, tuple[int, list[list[str]] | None]] = {}

    def parse(i: int) -> tuple[int, list[list[str]] | None]:
        """(the number of ways the tokens from i fit, capped at 2; the preferred one)."""
        if i == size:
            return 1, []
        if i in memo:
            return memo[i]
        ways, best = 0, None
        for row, used in _rows_at(i):
            count, tail = parse(i + used)
            if count and tail is not None:
                ways += count
                if best is None:
                    best = [row, *tail]
            if ways >= 2:
                break
        memo[i] = (min(ways, 2), best)
        return memo[i]

    def _rows_at(i: int) -> list[tuple[list[str], int]]:
        out = []
        heads = []  # the level labels this row may start with, the labels taken first
        j = i
        labels: dict[int, str] = {}
        for n in level_cols:
            token = tokens[j] if j < size else ""
            name = voc.level1_name(token) if keys[n] == "level1" else voc.level2_name(token)
            if name and len(_norm(token)) <= 12:
                labels[n] = token
                j += 1
        heads.append((dict(labels), j))
        exact = {**voc.level1, **voc.level2}
        while labels and _norm(labels[max(labels)]) not in exact:
            # also fewer labels: a name that only starts like a label (产出数量指标); a
            # label word for word is a label
            labels.popitem()
            heads.append((dict(labels), i + len(labels)))
        for labels_used, start in heads:
            k = start
            row = [""] * len(keys)
            for n, token in labels_used.items():
                row[n] = token
            if name_col is not None and k < size and _blank(tokens[k]):
                blank = list(row)  # an empty row of the template (指标2：, ……) or 不涉及
                blank[name_col] = tokens[k]
                if optional and k + 1 < size and _blank(tokens[k + 1]) is False:
                    if fits(optional[-1], tokens[k + 1]) and tokens[k + 1] in ("无", "/"):
                        with_note = list(blank)
                        with_note[optional[-1]] = tokens[k + 1]
                        out.append((with_note, k + 2 - i))
                out.append((blank, k + 1 - i))
            ok = True
            for n in required:
                if k >= size or not fits(n, tokens[k]):
                    ok = False
                    break
                row[n] = tokens[k]
                k += 1
            if not ok:
                continue
            # the optional columns after the numbers: each there or not
            extra = [n for n in optional]
            for take in range(len(extra), -1, -1):
                if k + take > size:
                    continue
                if all(fits(extra[m], tokens[k + m]) for m in range(take)):
                    filled = list(row)
                    for m in range(take):
                        filled[extra[m]] = tokens[k + m]
                    out.append((filled, k + take - i))
        return out

    if not tokens:
        return []
    whole = _deep(tokens, parse)
    if whole is not None:
        return whole
    # no split of the whole fits: each group (from a level label to the next) on its own,
    # a group that fits no split left out
    rows: list[list[str]] = []
    cuts = [
        n
        for n, token in enumerate(tokens)
        if n == 0 or (voc.level1_name(token) or voc.level2_name(token)) and len(_norm(token)) <= 12
    ]
    groups = [tokens[a:b] for a, b in zip(cuts, [*cuts[1:], size], strict=True)]
    if len(groups) == 1:
        return None
    for group in groups:
        rows += _parse_rows(group, keys, voc) or []
    return rows or None


def _deep(
    tokens: list[str], parse: Callable[[int], tuple[int, list[list[str]] | None]]
) -> list[list[str]] | None:
    """``parse(0)`` with room for its recursion (one level per row)."""
    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, len(tokens) * 4 + 100))
    try:
        count, best = parse(0)
    finally:
        sys.setrecursionlimit(limit)
    return best if count else None
