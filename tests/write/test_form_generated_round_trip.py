"""Any form the model can hold, written in either layout to Word or Excel, reads back the same.

Generated forms have awkward text: several lines, full-width characters, a leading "=", long
runs, empty cells, many indicators. What they do not have is text the reader takes for a label
(a project named "合计" or "总分" would end a table on paper too), whitespace a reader cleans
away (values are declared cleaned: lines stripped, runs of spaces made one), or an indicator
row the reader rightly skips as a placeholder (an empty or "指标1：" name with no values).
"""

import io
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.extract import extract_forms
from jixiao.extract.vocabulary import clean, normalise, vocabulary
from jixiao.model.form import Declared, Form, FormSource, Funds, FundsRow, Goals, Indicator
from jixiao.read import read_bytes
from jixiao.write.forms import write_forms_docx, write_forms_xlsx

VOC = vocabulary()
LABELS = (
    set(VOC.header)
    | set(VOC.funds_rows)
    | set(VOC.funds_columns)
    | VOC.goals_block
    | VOC.goals_labels
    | set(VOC.indicator_columns)
    | VOC.total
    | set(VOC.level1)
    | set(VOC.level2)
    | VOC.not_applicable
)
GROUPS = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}
SPELLINGS = {
    "产出指标": ["产出指标", "产出标指"],
    "效益指标": ["效益指标"],
    "满意度指标": ["满意度指标", "满意度\n指标"],
}

ALPHABET = st.sampled_from(
    list("项目资金经费服务中心社区养老街道完成率达到以上万元年度％%=+-—·、，。；：（）()《》")
    + list("0123456789.ＡＢＣ１２３abcXYZ ")
    + ["\n", "＝", "…"]
)


def _acceptable(text: str) -> bool:
    n = normalise(text)
    return n not in LABELS and not n.startswith("绩效指标") and not VOC.is_placeholder(text)


def filled(max_size: int = 40):
    """Cleaned, non-empty text that is not a label: plain, starting with '=', or long."""
    raw = st.one_of(
        st.text(ALPHABET, min_size=1, max_size=max_size),
        st.text(ALPHABET, min_size=1, max_size=8).map(lambda t: "=" + t),
        st.text(ALPHABET, min_size=4, max_size=12).map(lambda t: t * 30),  # long, cheaply
    )
    return raw.map(clean).filter(lambda t: t != "" and _acceptable(t))


def texts(max_size: int = 40):
    """A cell's text: empty or filled."""
    return st.one_of(st.just(""), filled(max_size))


def declared(strategy):
    return strategy.map(lambda t: Declared(text=t))


@st.composite
def indicators(draw) -> list[Indicator]:
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        level1 = draw(st.sampled_from(sorted(GROUPS)))
        level2 = draw(st.sampled_from(GROUPS[level1]))
        out.append(
            Indicator(
                level1=level1,
                level2=level2,
                level1_text=Declared(text=draw(st.sampled_from(SPELLINGS[level1]))),
                level2_text=Declared(text=level2),
                name=Declared(text=draw(filled())),  # an unnamed row with no values is skipped
                target=draw(declared(texts())),
                actual=draw(declared(texts())),
                weight=draw(declared(texts(6))),
                score=draw(declared(texts(6))),
                deviation=draw(declared(texts())),
            )
        )
    return out


@st.composite
def forms(draw) -> Form:
    def row(rate: bool) -> FundsRow:
        return FundsRow(
            initial_budget=draw(declared(texts(12))),
            annual_budget=draw(declared(texts(12))),
            executed=draw(declared(texts(12))),
            execution_rate=draw(declared(texts(8))) if rate else Declared(),
        )

    expected, achieved = draw(texts(400)), draw(texts(400))
    stated = draw(st.sampled_from(["", "90", "80.5"]))
    return Form(
        source=FormSource(file="gen", sha256="0" * 64, format="test", index=0),
        year=draw(st.one_of(st.none(), st.integers(min_value=2000, max_value=2099))),
        title=Declared(
            text=draw(st.sampled_from(["项目支出绩效自评表", "朝阳区项目支出绩效自评表"]))
        ),
        project_name=draw(declared(texts(60))),
        department=draw(declared(texts())),
        implementing_unit=draw(declared(texts())),
        manager=draw(declared(texts(10))),
        phone=draw(declared(texts(15))),
        funds=Funds(
            total=row(False),
            appropriation=row(True),
            carryover=row(True),
            other=row(True),
            weight=draw(declared(texts(6))),
            execution_rate=draw(declared(texts(8))),
            score=draw(declared(texts(6))),
        ),
        goals=Goals(expected=Declared(text=expected), achieved=Declared(text=achieved)),
        indicators=draw(indicators()),
        stated_weights={"绩效指标": Declared(text=stated)} if stated else {},
        total_weight=draw(declared(texts(6))),
        total_score=draw(declared(texts(6))),
    )


def dumped(items: list[Form], drop: tuple[str, ...]) -> list[dict]:
    out = []
    for form in items:
        data = form.model_dump(exclude={"source", "layout"})  # layout: the template read as
        for field in drop:
            data[field] = ""
        # the written funds label always names a unit: 万元 unless the form declares 元
        data["funds"]["unit"] = data["funds"]["unit"] or "万元"
        out.append(data)
    return out


def test_the_alphabet_has_full_width_characters_and_line_breaks():
    widths = {unicodedata.east_asian_width(c) for c in "＝ＡＢＣ１２３（）"}
    assert widths == {"F"}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(forms(), min_size=1, max_size=3),
    st.sampled_from(["beijing", "mof-2020"]),
    st.sampled_from(["docx", "xlsx"]),
)
def test_generated_forms_read_back_as_written(items: list[Form], layout: str, kind: str):
    buf = io.BytesIO()
    (write_forms_docx if kind == "docx" else write_forms_xlsx)(items, buf, layout)
    back = extract_forms(read_bytes(buf.getvalue(), f"生成.{kind}"))
    drop = ("manager", "phone") if layout == "mof-2020" else ()
    assert dumped(back, ()) == dumped(items, drop)
