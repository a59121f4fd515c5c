"""Bulk set-up from the Excel sheet: what it would change (`plan`), then doing it (`apply`).

`plan` compares the sheet with the database and says, row by row, what will happen, and lists
every bad row with its reason; it changes nothing. `apply` makes the changes in one transaction
through `jixiao.web.orgs.services`, the same functions the pages and the API call, so every rule
and every audit line is theirs. The sheet only adds and changes: it never deletes, deactivates or
takes a role away.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from jixiao.web.orgs import services as orgs
from jixiao.web.orgs.models import Membership, Organisation

# the rules of orgs.services, used here on the sheet's planned tree before anything exists
from jixiao.web.orgs.services import (
    ROLE_KINDS,
    _check_code,
    _check_email,
    _check_parent,
    _check_username,
    kind_label,
    role_label,
)
from jixiao.web.services import audit
from jixiao.web.services.imports import store_original
from jixiao.web.setup_sheet.sheet import (
    ORGANISATIONS,
    PEOPLE,
    OrganisationRow,
    PersonRow,
    Sheet,
    SheetError,
    plain,
    read_sheet,
)

# what a row does, as the preview and the result name it
NEW_ORGANISATION = "新建机构"
CHANGE_ORGANISATION = "修改机构"
NEW_PERSON = "新建人员"
CHANGE_PERSON = "修改姓名或邮箱"
GRANT_ROLE = "增加角色"
NO_CHANGE = "无变化"
BAD_ROW = "有误"

_KINDS = {plain(text): kind for kind, label in Organisation.Kind.choices for text in (kind, label)}
_ROLES = {plain(text): role for role, label in Membership.Role.choices for text in (role, label)}


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    reason: str


@dataclass
class Outcome:
    """One good row of the sheet and what importing it does."""

    sheet: str
    row: int
    subject: str  # 名称（编码） or 姓名（用户名）
    actions: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    @property
    def action(self) -> str:
        return "、".join(self.actions) or NO_CHANGE


@dataclass(frozen=True)
class OrganisationStep:
    code: str
    name: str
    kind: str
    parent_code: str  # "" for none
    new: bool
    rename: bool = False
    move: bool = False


@dataclass
class PersonStep:
    username: str
    name: str
    email: str
    new: bool
    change: bool = False  # name or e-mail differs from the system's
    grants: list[tuple[str, str]] = field(default_factory=list)  # (organisation code, role)


@dataclass
class Plan:
    file: str
    sha256: str
    organisations: list[Outcome] = field(default_factory=list)
    people: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    organisation_steps: list[OrganisationStep] = field(default_factory=list)  # parents first
    person_steps: list[PersonStep] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def has_changes(self) -> bool:
        return bool(self.organisation_steps) or any(
            s.new or s.change or s.grants for s in self.person_steps
        )

    @property
    def bad_rows(self) -> int:
        return len({(p.sheet, p.row) for p in self.problems})

    @property
    def counts(self) -> dict[str, int]:
        """How many of each change, the rows without one, and the bad rows."""
        steps = self.organisation_steps
        people = self.person_steps
        unchanged = [o for o in (*self.organisations, *self.people) if not o.actions]
        return {
            NEW_ORGANISATION: sum(s.new for s in steps),
            CHANGE_ORGANISATION: sum(not s.new for s in steps),
            NEW_PERSON: sum(s.new for s in people),
            CHANGE_PERSON: sum(s.change for s in people),
            GRANT_ROLE: sum(len(s.grants) for s in people),
            NO_CHANGE: len(unchanged),
            BAD_ROW: self.bad_rows,
        }


@dataclass(frozen=True)
class Password:
    username: str
    name: str
    password: str


@dataclass
class Result:
    counts: dict[str, int]
    passwords: list[Password]  # shown once; never stored


# ---------------------------------------------------------------- the uploaded file


@dataclass(frozen=True)
class Upload:
    """An uploaded sheet, kept as an original; the preview and the confirmation re-read it."""

    name: str
    sha256: str
    path: str


def receive(name: str, data: bytes) -> tuple[Upload, Sheet]:
    """Keep the uploaded file as an original and read it (SheetError if it cannot be used)."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = store_original(data, sha256)
    sheet = read_sheet(name, data)
    return Upload(name, sha256, str(path)), sheet


def reread(upload: Upload) -> Sheet:
    """The stored original read again, checked to be the file that was previewed."""
    try:
        data = Path(upload.path).read_bytes()
    except OSError as exc:
        raise SheetError(f"{upload.name}：保存的文件已不存在，请重新上传") from exc
    if hashlib.sha256(data).hexdigest() != upload.sha256:
        raise SheetError(f"{upload.name}：保存的文件与预览时的不一致，请重新上传")
    return read_sheet(upload.name, data)


# ---------------------------------------------------------------- planning


def plan(sheet: Sheet) -> Plan:
    """What importing ``sheet`` would do to the database as it is now; changes nothing."""
    result = Plan(file=sheet.file, sha256=sheet.sha256)
    organisations = _OrganisationPlanner(sheet.organisations, result)
    organisations.run()
    _PersonPlanner(sheet.people, organisations, result).run()
    result.problems.sort(key=lambda p: (p.sheet != ORGANISATIONS, p.row))
    return result


@dataclass
class _Planned:
    """An organisation of the sheet as it will be after the import."""

    row: OrganisationRow
    kind: str | None  # None when the 类型 cell says nothing we know
    existing: Organisation | None
    depth: int | None = None  # None inside a cycle or under an unknown parent


class _OrganisationPlanner:
    def __init__(self, rows: list[OrganisationRow], plan: Plan) -> None:
        self.rows, self.plan = rows, plan
        self.db = {o.code: o for o in Organisation.objects.select_related("parent")}
        self.sheet: dict[str, _Planned] = {}  # code → the first row with it
        self.bad: set[int] = set()  # row numbers with a problem

    def problem(self, row: int, reason: str) -> None:
        self.plan.problems.append(Problem(ORGANISATIONS, row, reason))
        self.bad.add(row)

    # what the tree will be
    def parent_code(self, code: str) -> str:
        if code in self.sheet:
            return self.sheet[code].row.parent_code
        parent = self.db[code].parent
        return parent.code if parent else ""

    def kind(self, code: str) -> str | None:
        return self.sheet[code].kind if code in self.sheet else self.db[code].kind

    def name(self, code: str) -> str:
        return self.sheet[code].row.name if code in self.sheet else self.db[code].name

    def label(self, code: str) -> str:
        return f"{self.name(code)}（{code}）" if code else "（无上级）"

    def known(self, code: str) -> bool:
        return code in self.sheet or code in self.db

    def run(self) -> None:
        for row in self.rows:
            self.read_row(row)
        self.find_depths()
        for planned in self.sheet.values():
            self.check_place(planned)
        self.check_names()
        self.outcomes()

    def read_row(self, row: OrganisationRow) -> None:
        missing = [
            label
            for label, value in (("单位编码", row.code), ("名称", row.name), ("类型", row.kind))
            if not value
        ]
        if missing:
            self.problem(row.row, f"请填写{'、'.join(missing)}。")
        if len(row.name) > 200:
            self.problem(row.row, "名称不超过 200 个字符。")
        if not row.code:
            return
        first = self.sheet.get(row.code)
        if first is not None:
            self.problem(row.row, f"单位编码“{row.code}”与第 {first.row.row} 行重复。")
            return
        kind = _KINDS.get(plain(row.kind)) if row.kind else None
        if row.kind and kind is None:
            self.problem(row.row, f"未知的机构类型“{row.kind}”（应为财政局、主管部门或预算单位）。")
        existing = self.db.get(row.code)
        self.sheet[row.code] = _Planned(row, kind, existing)
        if existing is None:
            try:
                _check_code(row.code)
            except ValidationError as exc:
                self.problem(row.row, exc.messages[0])
        else:
            if kind is not None and kind != existing.kind:
                self.problem(
                    row.row,
                    f"“{existing.name}”（{row.code}）在系统中是{kind_label(existing.kind)}，"
                    "类型不能通过导入修改。",
                )
            if not existing.active:
                self.problem(
                    row.row, f"“{existing.name}”（{row.code}）已停用，请先在机构页面启用。"
                )

    def find_depths(self) -> None:
        """Each sheet organisation's depth in the tree to be; cycles and unknown parents named."""
        for code, planned in self.sheet.items():
            chain = [code]
            while True:
                parent = self.parent_code(chain[-1])
                if not parent:
                    planned.depth = len(chain) - 1
                    break
                if not self.known(parent):
                    if chain[-1] == code:
                        self.problem(
                            planned.row.row,
                            f"上级编码“{parent}”既不在系统中，也不在本表“{ORGANISATIONS}”工作表中。",
                        )
                    break
                if parent in chain:  # in a cycle, or under one
                    cycle = chain[chain.index(parent) :] + [parent]
                    self.problem(planned.row.row, f"上级编码形成循环：{' → '.join(cycle)}。")
                    break
                chain.append(parent)

    def check_place(self, planned: _Planned) -> None:
        """The kind under its parent's kind (orgs.services' rule), and an active parent."""
        row = planned.row
        if planned.depth is None or planned.kind is None:
            return
        parent_code = row.parent_code
        parent = None
        if parent_code:
            parent_kind = self.kind(parent_code)
            if parent_kind is None:
                return
            parent = Organisation(code=parent_code, name=self.name(parent_code), kind=parent_kind)
            existing = self.db.get(parent_code)
            if existing is not None and not existing.active:
                self.problem(row.row, f"上级机构“{existing.name}”（{parent_code}）已停用。")
        try:
            _check_parent(planned.kind, parent)
        except ValidationError as exc:
            self.problem(row.row, exc.messages[0])

    def check_names(self) -> None:
        """No two organisations of one name under one parent, in the tree to be."""
        places: dict[tuple[str, str], list[str]] = {}
        for code in [*self.sheet, *(c for c in self.db if c not in self.sheet)]:
            places.setdefault((self.parent_code(code), self.name(code)), []).append(code)
        for (parent, name), codes in places.items():
            if len(codes) < 2 or not name:
                continue
            where = f"“{self.name(parent)}”下" if parent else "顶层"
            for code in codes:
                if code not in self.sheet:
                    continue
                others = [c for c in codes if c != code]
                in_sheet = [self.sheet[c].row.row for c in others if c in self.sheet]
                if in_sheet:
                    reason = f"与第 {in_sheet[0]} 行同名：{where}不能有两个名为“{name}”的机构。"
                else:
                    reason = f"{where}已有名为“{name}”的机构（编码 {others[0]}）。"
                self.problem(self.sheet[code].row.row, reason)

    def outcomes(self) -> None:
        steps: list[tuple[int, OrganisationStep]] = []
        for planned in self.sheet.values():
            if planned.row.row in self.bad or planned.kind is None:
                continue
            row, existing = planned.row, planned.existing
            outcome = Outcome(ORGANISATIONS, row.row, f"{row.name}（{row.code}）")
            if existing is None:
                outcome.actions.append(NEW_ORGANISATION)
                outcome.details += [
                    f"类型：{kind_label(planned.kind)}",
                    f"上级：{self.label(row.parent_code)}",
                ]
                step = OrganisationStep(row.code, row.name, planned.kind, row.parent_code, True)
            else:
                old_parent = existing.parent.code if existing.parent else ""
                rename = row.name != existing.name
                move = row.parent_code != old_parent
                if rename:
                    outcome.details.append(f"名称：{existing.name} → {row.name}")
                if move:
                    old = existing.parent.label if existing.parent else "（无上级）"
                    outcome.details.append(f"上级：{old} → {self.label(row.parent_code)}")
                if rename or move:
                    outcome.actions.append(CHANGE_ORGANISATION)
                step = OrganisationStep(
                    row.code, row.name, planned.kind, row.parent_code, False, rename, move
                )
            self.plan.organisations.append(outcome)
            if outcome.actions:
                steps.append((planned.depth or 0, step))
        # parents before children: by depth in the tree to be, in sheet order within a depth
        self.plan.organisation_steps = [step for _, step in sorted(steps, key=lambda s: s[0])]


class _PersonPlanner:
    def __init__(self, rows: list[PersonRow], tree: _OrganisationPlanner, plan: Plan) -> None:
        self.rows, self.tree, self.plan = rows, tree, plan
        names = {r.username for r in rows if r.username}
        self.users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
        self.held = set(
            Membership.objects.filter(user__username__in=names).values_list(
                "user__username", "organisation__code", "role"
            )
        )
        self.bad: set[int] = set()

    def problem(self, row: int, reason: str) -> None:
        self.plan.problems.append(Problem(PEOPLE, row, reason))
        self.bad.add(row)

    def run(self) -> None:
        first: dict[str, PersonRow] = {}  # username → its first row
        seen: dict[tuple[str, str, str], int] = {}  # (username, code, role) → row
        checked: list[tuple[PersonRow, str]] = []
        for row in self.rows:
            role = self.check(row, first, seen)
            if role is not None and row.row not in self.bad:
                checked.append((row, role))
        steps: dict[str, PersonStep] = {}
        for row, role in checked:
            self.outcome(row, role, steps)
        self.plan.person_steps = list(steps.values())

    def check(
        self, row: PersonRow, first: dict[str, PersonRow], seen: dict[tuple[str, str, str], int]
    ) -> str | None:
        missing = [
            label
            for label, value in (
                ("用户名", row.username),
                ("姓名", row.name),
                ("机构编码", row.org_code),
                ("角色", row.role),
            )
            if not value
        ]
        if missing:
            self.problem(row.row, f"请填写{'、'.join(missing)}。")
        if len(row.name) > 150:
            self.problem(row.row, "姓名不超过 150 个字符。")
        role = _ROLES.get(plain(row.role)) if row.role else None
        if row.role and role is None:
            self.problem(row.row, f"未知的角色“{row.role}”（应为填报人、审核人或管理员）。")
        if row.username and row.username not in self.users:
            try:
                _check_username(row.username)
            except ValidationError as exc:
                self.problem(row.row, exc.messages[0])
        if row.email:
            try:
                _check_email(row.email)
            except ValidationError as exc:
                self.problem(row.row, exc.messages[0])
        if row.username:
            earlier = first.setdefault(row.username, row)
            if earlier is not row and row.name and earlier.name and row.name != earlier.name:
                self.problem(
                    row.row,
                    f"用户名“{row.username}”在第 {earlier.row} 行的姓名是“{earlier.name}”，与本行不同。",
                )
            if earlier is not row and row.email and earlier.email and row.email != earlier.email:
                self.problem(
                    row.row,
                    f"用户名“{row.username}”在第 {earlier.row} 行的电子邮箱是“{earlier.email}”，与本行不同。",
                )
        if row.org_code:
            self.check_organisation(row, role)
        if row.username and row.org_code and role is not None:
            key = (row.username, row.org_code, role)
            if key in seen:
                self.problem(row.row, f"与第 {seen[key]} 行重复（同一用户名、机构编码和角色）。")
            seen.setdefault(key, row.row)
        return role

    def check_organisation(self, row: PersonRow, role: str | None) -> None:
        tree, code = self.tree, row.org_code
        if not tree.known(code):
            self.problem(
                row.row,
                f"机构编码“{code}”既不在系统中，也不在本表“{ORGANISATIONS}”工作表中。",
            )
            return
        existing = tree.db.get(code)
        if existing is not None and not existing.active:
            self.problem(row.row, f"“{existing.name}”（{code}）已停用。")
        kind = tree.kind(code)
        if role is not None and kind is not None and kind not in ROLE_KINDS[role]:
            where = "、".join(kind_label(k) for k in ROLE_KINDS[role])
            self.problem(
                row.row,
                f"{role_label(role)}只能设在{where}，“{tree.name(code)}”是{kind_label(kind)}。",
            )

    def outcome(self, row: PersonRow, role: str, steps: dict[str, PersonStep]) -> None:
        person = self.users.get(row.username)
        outcome = Outcome(PEOPLE, row.row, f"{row.name}（{row.username}）")
        where = f"{role_label(role)} · {self.tree.label(row.org_code)}"
        step = steps.get(row.username)
        if step is None:
            step = steps[row.username] = PersonStep(
                row.username, row.name, row.email, new=person is None
            )
            if person is None:
                outcome.actions.append(NEW_PERSON)
                outcome.details.append(f"姓名：{row.name}")
                if row.email:
                    outcome.details.append(f"电子邮箱：{row.email}")
            else:
                if row.name != person.first_name:
                    outcome.details.append(f"姓名：{person.first_name or '（空）'} → {row.name}")
                if row.email and row.email != person.email:
                    outcome.details.append(f"电子邮箱：{person.email or '（空）'} → {row.email}")
                if outcome.details:
                    step.change = True
                    outcome.actions.append(CHANGE_PERSON)
                if not person.is_active:
                    outcome.details.append("（此账号已停用，导入不会启用它）")
        if person is None or (row.username, row.org_code, role) not in self.held:
            step.grants.append((row.org_code, role))
            if not outcome.actions:
                outcome.actions.append(GRANT_ROLE)
            outcome.details.append(f"角色：{where}")
        self.plan.people.append(outcome)


# ---------------------------------------------------------------- applying


@transaction.atomic
def apply(plan: Plan, user: Any) -> Result:
    """Make the planned changes, all or none. Refused while any row is bad; nothing to do (the
    same sheet imported again) changes nothing and writes no audit line."""
    if not plan.ok:
        raise ValidationError(f"表中有 {plan.bad_rows} 行有误，请改正后重新上传；未做任何修改。")
    counts = {k: v for k, v in plan.counts.items() if k not in (NO_CHANGE, BAD_ROW)}
    if not plan.has_changes:
        return Result(counts, [])
    found: dict[str, Organisation] = {}

    def organisation(code: str) -> Organisation:
        if code not in found:
            found[code] = Organisation.objects.select_related("parent").get(code=code)
        return found[code]

    for step in plan.organisation_steps:
        parent = organisation(step.parent_code) if step.parent_code else None
        if step.new:
            found[step.code] = orgs.create_organisation(
                user, code=step.code, name=step.name, kind=step.kind, parent=parent
            )
            continue
        current = organisation(step.code)
        if step.rename:
            orgs.update_organisation(user, current, name=step.name)
        if step.move and parent is not None:
            orgs.move_organisation(user, current, parent)
    passwords: list[Password] = []
    people = get_user_model().objects
    for person_step in plan.person_steps:
        if person_step.new:
            made = orgs.create_person(
                user, username=person_step.username, name=person_step.name, email=person_step.email
            )
            person = made.user
            passwords.append(Password(person.username, person.first_name, made.password))
        else:
            person = people.get(username=person_step.username)
            if person_step.change:
                orgs.update_person(
                    user, person, name=person_step.name, email=person_step.email or None
                )
        for code, role in person_step.grants:
            orgs.grant_role(user, person, organisation(code), role)
    audit.record(
        user,
        "setup_sheet",
        plan.file,
        about=orgs.the_bureau(),
        sha256=plan.sha256,
        organisations_created=counts[NEW_ORGANISATION],
        organisations_changed=counts[CHANGE_ORGANISATION],
        people_created=counts[NEW_PERSON],
        people_changed=counts[CHANGE_PERSON],
        roles_granted=counts[GRANT_ROLE],
    )
    return Result(counts, passwords)
