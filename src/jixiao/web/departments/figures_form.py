"""The form on a department's page where its figures are entered (万元, blank when unknown)."""

from __future__ import annotations

from django import forms

from jixiao.web.departments.models import FIELDS, DepartmentYear, plain


class FiguresForm(forms.Form):
    def __init__(self, *args: object, row: DepartmentYear | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, _, _, label in FIELDS:
            self.fields[name] = forms.DecimalField(
                label=label,
                required=False,
                min_value=0,
                max_digits=20,
                decimal_places=6,
                initial=plain(getattr(row, name)) if row is not None else None,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 12}),
                error_messages={
                    "invalid": f"{label}应为数字",
                    "min_value": f"{label}不能为负数",
                    "max_digits": f"{label}位数过多",
                    "max_decimal_places": f"{label}最多 6 位小数",
                },
            )

    def parts(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields as the page lays them out: one row per kind of spending, then the rest."""
        rows: dict[str, list[forms.BoundField]] = {}
        for name, part, _, _ in FIELDS:
            label = {"basic": "基本支出", "project": "项目支出", "other": "其他支出"}.get(
                part or "", "其他"
            )
            rows.setdefault(label, []).append(self[name])
        return list(rows.items())
