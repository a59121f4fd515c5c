"""The declared form: exactly what a 项目支出绩效自评表 says (domain.md §2, names in §10).

Every declared value is the document's text with whitespace normalised, "" when the cell is
empty, and remembers the cell it came from. Nothing here is computed: scores and findings that
jixiao works out live beside the form, never inside these fields.
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from jixiao.model.grid import Loc


class Declared(BaseModel):
    """A value as the document writes it, and where."""

    model_config = ConfigDict(frozen=True)

    text: str = ""
    loc: Loc | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:  # the JSON document's plain strings load back
        return {"text": data} if isinstance(data, str) else data

    @model_serializer
    def _as_text(self) -> str:  # the JSON document carries the text only
        return self.text

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


EMPTY = Declared()
_new = object.__new__
_set = object.__setattr__


def declared(text: str, loc: Loc | None) -> Declared:
    """``Declared(text=text, loc=loc)`` without pydantic's validation, for the extractor, which
    makes some hundred of them for every form (validating one costs a quarter more; building
    the indicators so gained nothing, pydantic checks a model instance quickly): ``text`` must be
    a str and ``loc`` a Loc or None. The same value as the validated one: equal to it, with the
    same fields set (tests/model/test_declared_without_validation.py)."""
    value = _new(Declared)
    _set(value, "__dict__", {"text": text, "loc": loc})
    _set(value, "__pydantic_fields_set__", {"text", "loc"})
    _set(value, "__pydantic_extra__", None)
    _set(value, "__pydantic_private__", None)
    return value


# keys of the JSON document that jixiao derives and a form does not declare
DERIVED_KEYS = frozenset({"locations", "computed", "findings"})


class _Sparse(BaseModel):
    """A model whose fields named in ``_SPARSE`` are left out of the JSON document while they
    are empty: fields only other regions' templates fill (issue 12), so a Beijing or 财政部 form
    writes exactly the JSON it wrote before they existed, and old JSON loads (they default).
    An empty value read from a cell stays, so its location comes back with it."""

    _SPARSE: ClassVar[frozenset[str]] = frozenset()

    @model_serializer(mode="wrap")
    def _without_empty(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for name in self._SPARSE:
                value = getattr(self, name)
                kept = isinstance(value, Declared) and value.loc is not None  # an empty cell
                if name in data and not data[name] and not kept:
                    del data[name]
        return data


class FundsRow(_Sparse):
    """One source row of the funds block: 年初预算数, 全年预算数 (A), 全年执行数 (B)."""

    _SPARSE = frozenset({"reason"})

    initial_budget: Declared = EMPTY
    annual_budget: Declared = EMPTY
    executed: Declared = EMPTY
    execution_rate: Declared = EMPTY  # the rate some forms write on every source row
    reason: Declared = EMPTY  # 原因 (四川: why the rate is low), as written


class Funds(_Sparse):
    _SPARSE = frozenset({"reviewed_score", "extra"})

    total: FundsRow = Field(default_factory=FundsRow)
    appropriation: FundsRow = Field(default_factory=FundsRow)  # 其中：当年财政拨款
    carryover: FundsRow = Field(default_factory=FundsRow)  # 上年结转资金
    other: FundsRow = Field(default_factory=FundsRow)  # 其他资金
    weight: Declared = EMPTY  # 分值
    execution_rate: Declared = EMPTY  # 执行率 of the total row
    score: Declared = EMPTY  # 得分
    # the amounts' unit the block's label declares, as written: "万元" (项目资金（万元）) or "元";
    # "" when it names none. Whether the amounts are really in 元 is scoring/amounts.py's decision
    unit: Declared = EMPTY
    reviewed_score: Declared = (
        EMPTY  # 复核分 of the total row (湖北), the reviewer's declared score
    )
    # source rows other templates add, by their label: 四川 财政专户管理资金 / 单位资金,
    # 转移支付 中央补助 / 地方资金
    extra: dict[str, FundsRow] = Field(default_factory=dict)


class Goals(BaseModel):
    expected: Declared = EMPTY  # 预期目标
    achieved: Declared = EMPTY  # 实际完成情况


class Indicator(_Sparse):
    """A level-3 indicator row. level1/level2 are canonical names; the raw label text is kept."""

    _SPARSE = frozenset({"target_parts", "reviewed_score", "group"})

    level1: str = ""
    level2: str = ""
    name: Declared = EMPTY
    target: Declared = EMPTY  # 年度指标值
    actual: Declared = EMPTY  # 实际完成值
    weight: Declared = EMPTY  # 分值
    score: Declared = EMPTY  # 得分
    deviation: Declared = EMPTY  # 偏差原因分析及改进措施
    level1_text: Declared = EMPTY  # the level-1 label as written, e.g. "产出标指"
    level2_text: Declared = EMPTY
    # a target split over 指标性质 / 指标值 / 度量单位 (云南, 四川): the parts as written, keys
    # "nature", "value", "unit"; `target` then holds them joined ("≥" "95" "%" → "≥95%")
    target_parts: dict[str, Declared] = Field(default_factory=dict)
    reviewed_score: Declared = EMPTY  # 复核分 (湖北): the reviewer's score the form declares
    # the group a first column names: 年度绩效目标1 (湖北), 共性指标 / 个性指标 (决策/管理/绩效)
    group: str = ""


class FormSource(BaseModel):
    """Provenance of a whole form."""

    file: str
    sha256: str
    format: str
    index: int  # the form's position among the forms of its file
    table: int | None = None  # the table the form starts in
    row: int | None = None
    page: int | None = None
    sheet: str | None = None


class DeclaredDocument(_Sparse):
    """A document as declared — a self-evaluation form, a 绩效目标申报表, a 监控表 — with its
    JSON document and every value's cell (one home for the three)."""

    def to_json_dict(self) -> dict[str, Any]:
        """The form as the JSON document names it, with every value's cell under "locations"."""
        data = self.model_dump()
        data["locations"] = self.locations()
        return data

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> Self:
        """The form back from its JSON document; what jixiao added beside the declared values
        ("computed", "findings") is left out; each value gets its cell back from "locations", so
        a stored form points at its original as the form first read did."""
        declared = copy.deepcopy({k: v for k, v in data.items() if k not in DERIVED_KEYS})
        for path, loc in (data.get("locations") or {}).items():
            _attach(declared, path.split("."), loc)
        return cls.model_validate(declared)

    def locations(self) -> dict[str, dict[str, object]]:
        """Dotted path → source cell, for every declared value that has one."""
        out: dict[str, dict[str, object]] = {}
        _walk_locations("", self, out)
        return out


def _walk_locations(prefix: str, model: BaseModel, out: dict[str, dict[str, object]]) -> None:
    """`DeclaredDocument.locations` of one model, into ``out``. A model's ``__dict__`` holds its
    fields in their order (pydantic keeps extras and private attributes elsewhere); the types
    are compared before any isinstance, as a form has some hundred values and this runs on
    every save."""
    for name, value in model.__dict__.items():
        kind = type(value)
        if kind is Declared:
            loc = value.loc
            if loc is not None:
                out[prefix + name] = loc.as_dict()
        elif kind is list:
            for i, item in enumerate(value):
                _walk_locations(f"{prefix}{name}.{i}.", item, out)
        elif kind is dict:
            for key, item in value.items():
                if isinstance(item, Declared):
                    if item.loc is not None:
                        out[f"{prefix}{name}.{key}"] = item.loc.as_dict()
                elif isinstance(item, BaseModel):
                    _walk_locations(f"{prefix}{name}.{key}.", item, out)
        elif isinstance(value, Declared):
            if value.loc is not None:
                out[prefix + name] = value.loc.as_dict()
        elif isinstance(value, BaseModel) and not isinstance(value, FormSource):
            _walk_locations(prefix + name + ".", value, out)


class Form(DeclaredDocument):
    """One 项目支出绩效自评表 as declared."""

    _SPARSE = frozenset(
        {
            "report_number",
            "total_reviewed_score",
            "conclusion",
            "problems",
            "measures",
            "unfinished",
            "overview",
        }
    )

    source: FormSource
    # the template the extractor recognised: "beijing", "mof-2020", "sichuan", "yunnan", "hubei",
    # "transfer", "dmp" (决策/管理/绩效), "county", "shanghai"; "" when unknown
    layout: str = ""
    year: int | None = None
    title: Declared = EMPTY
    project_name: Declared = EMPTY
    department: Declared = EMPTY  # 主管部门
    implementing_unit: Declared = EMPTY  # 实施单位
    manager: Declared = EMPTY  # 项目负责人
    phone: Declared = EMPTY  # 联系电话
    funds: Funds = Field(default_factory=Funds)
    goals: Goals = Field(default_factory=Goals)
    indicators: list[Indicator] = Field(default_factory=list)
    # points written into a label, e.g. 产出指标（50分） → {"产出指标": "50"}; "绩效指标" for the column
    stated_weights: dict[str, Declared] = Field(default_factory=dict)
    total_weight: Declared = EMPTY  # 总分 row, 分值 column
    total_score: Declared = EMPTY  # 总分 row, 得分 column
    total_reviewed_score: Declared = EMPTY  # 总分 row, 复核分 column (湖北)
    report_number: Declared = EMPTY  # 报表编号 (四川)
    # the text blocks some templates end with, as written
    conclusion: Declared = EMPTY  # 评价结论
    problems: Declared = EMPTY  # 存在问题
    measures: Declared = EMPTY  # 改进措施
    unfinished: Declared = EMPTY  # 未完成原因分析 (as a block of its own)
    overview: Declared = EMPTY  # 项目实施内容及过程概述 (四川)


def _attach(node: Any, parts: list[str], loc: Any) -> None:
    """Put ``loc`` beside the text at the dotted path ``parts`` (a path that does not lead to a
    text is left alone: a location is a help, never a reason to refuse a form)."""
    *inner, last = parts
    for part in inner:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return
    if isinstance(node, dict) and isinstance(node.get(last), str) and isinstance(loc, dict):
        node[last] = {"text": node[last], "loc": loc}


class FileError(BaseModel):
    """A file that gave no forms, and why, in Chinese."""

    file: str
    message: str


class ParseResult(BaseModel):
    forms: list[Form] = Field(default_factory=list)
    errors: list[FileError] = Field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "forms": [f.to_json_dict() for f in self.forms],
            "errors": [e.model_dump() for e in self.errors],
        }
