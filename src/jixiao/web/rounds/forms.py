"""The form that opens a round: who owns it, which year, by when, which units, under which rules."""

from __future__ import annotations

from typing import Any

from django import forms

from jixiao.web.orgs.models import Organisation
from jixiao.web.rounds import services
from jixiao.web.rounds.status import today


class OpenRoundForm(forms.Form):
    owner = forms.TypedChoiceField(label="发起机构", coerce=int)
    year = forms.IntegerField(
        label="年度",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "请填写年度。",
            "invalid": "年度应是四位数字。",
            "min_value": "年度应在 2000 至 2100 之间。",
            "max_value": "年度应在 2000 至 2100 之间。",
        },
    )
    deadline = forms.DateField(
        label="截止日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请选择截止日期。", "invalid": "截止日期应写作 2025-03-03。"},
    )
    name = forms.CharField(label="名称（可不填）", max_length=200, required=False)
    scope = forms.TypedMultipleChoiceField(
        label="范围",
        coerce=int,
        error_messages={"required": "请选择参加本次自评的主管部门或预算单位。"},
    )
    policy = forms.ChoiceField(label="评分规则")
    layout = forms.ChoiceField(label="表样")

    def __init__(
        self, *args: Any, owners: list[Organisation], owner: Organisation, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.owners = {o.pk: o for o in owners}
        self.owner = owner
        self.groups = services.scope_choices(owner)
        self.fields["owner"].choices = [(o.pk, o.label) for o in owners]
        self.fields["owner"].initial = owner.pk
        self.fields["owner"].error_messages["invalid_choice"] = "您不能为这个机构发起自评任务。"
        self.fields["year"].initial = today().year - 1
        self.fields["scope"].choices = [(o.pk, o.label) for o in self._choosable()]
        self.fields["scope"].error_messages["invalid_choice"] = "所选范围不在发起机构之下。"
        self.fields["policy"].choices = services.policy_choices()
        self.fields["policy"].initial = "beijing"
        self.fields["layout"].choices = services.layout_choices()
        self.fields["layout"].initial = "beijing"

    def _choosable(self) -> list[Organisation]:
        return [o for group, units in self.groups for o in ([group] if group else []) + units]

    def chosen(self) -> list[Organisation]:
        ids = set(self.cleaned_data["scope"])
        return [o for o in self._choosable() if o.pk in ids]

    def selected(self) -> set[str]:
        """The scope ids ticked (as the page posts them back), for redisplay."""
        return set(self.data.getlist("scope")) if self.is_bound else set()
