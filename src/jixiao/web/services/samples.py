"""The samples in one click: a believable bureau, its people and rounds, then the real forms.

The samples are real published forms. "一键导入样例" sets up 示例财政局 as `sample_bureau.toml`
describes it — departments and units with codes (as 预算管理一体化 numbers them), one name per
unit, a 填报人 per unit, a 审核人 per department and one for the bureau, another 管理员, a round for
each sample year — and files every form under the unit its 主管部门 and 实施单位 name. Everything
goes through the set-up services (`orgs.services`, `rounds.services.open_round`) and the import
service, as a bureau's own set-up would, so it is all in the audit log and importing twice
changes nothing.

The sample people's passwords are made up once, by the first `make run` (`manage.py bootstrap`
prints them every time), and kept in DATA_DIR/sample_accounts.txt, readable by its owner only.
"""

from __future__ import annotations

import datetime
import os
import secrets
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jixiao.model.form import Form
from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs import services as orgs
from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.services.imports import FileOutcome, import_file

SAMPLES = Path(__file__).resolve().parents[4] / "samples"
# a sample project's 申报表 and 监控表 (samples_cycle/make.py); beside samples/, not in it, so
# that `jixiao parse samples/` still reads the fifty self-evaluation forms only
CYCLE_SAMPLES = SAMPLES.with_name("samples_cycle")
TREE_FILE = Path(__file__).with_name("sample_bureau.toml")
ACCOUNTS_FILE = "sample_accounts.txt"
BUREAU = "示例财政局"
BUREAU_CODE = "SL000000"  # the samples' bureau, kept apart from the real one
SAMPLE_DEPARTMENT = "丰台区政务服务管理局"  # seed 002's department, as the forms name it

Kind = Organisation.Kind
Role = Membership.Role


# ---------------------------------------------------------------- the tree, as data


@dataclass(frozen=True)
class SamplePerson:
    username: str
    name: str
    role: str  # a Membership.Role value
    organisation: str  # the code of the organisation the role is held at
    where: str  # that organisation's name, for the printed list


@dataclass(frozen=True)
class SampleUnit:
    code: str
    name: str
    forms: tuple[tuple[str, str], ...]  # (主管部门, 实施单位) as the sample forms write them


@dataclass(frozen=True)
class SampleDepartment:
    code: str
    name: str
    units: tuple[SampleUnit, ...]


@dataclass(frozen=True)
class SampleRound:
    year: int
    departments: tuple[str, ...]  # codes
    days: int  # due this many days after the import: a live round to try the workflow on

    @property
    def deadline(self) -> datetime.date:
        return timezone.localdate() + datetime.timedelta(days=self.days)


@dataclass(frozen=True)
class SampleTree:
    departments: tuple[SampleDepartment, ...]
    people: tuple[SamplePerson, ...]
    rounds: tuple[SampleRound, ...]


@cache
def sample_tree(path: Path = TREE_FILE) -> SampleTree:
    """`sample_bureau.toml`, read once."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def people(entries: list[dict[str, str]], code: str, where: str) -> list[SamplePerson]:
        return [
            SamplePerson(p["username"], p["name"], Role(p["role"]).value, code, where)
            for p in entries
        ]

    found = people(data["bureau"]["people"], BUREAU_CODE, BUREAU)
    departments = []
    for d in data["departments"]:
        found += people(d.get("people", []), d["code"], d["name"])
        units = []
        for u in d["units"]:
            found += people(u.get("people", []), u["code"], u["name"])
            forms = tuple((department, unit) for department, unit in u.get("forms", []))
            units.append(SampleUnit(u["code"], u["name"], forms))
        departments.append(SampleDepartment(d["code"], d["name"], tuple(units)))
    days = int(data.get("deadline_days", 30))
    rounds = tuple(SampleRound(r["year"], tuple(r["departments"]), days) for r in data["rounds"])
    return SampleTree(tuple(departments), tuple(found), rounds)


# ---------------------------------------------------------------- the organisations


@dataclass
class PlacedTree:
    """The sample organisations as they are in the database."""

    bureau: Organisation
    by_code: dict[str, Organisation]
    by_form: dict[tuple[str, str], Organisation]  # (主管部门, 实施单位) → unit


def _organisation(
    user: Any, code: str, name: str, kind: str, parent: Organisation | None
) -> Organisation:
    """The sample organisation with this code, made if need be. One of the same name in the
    same place (made by an earlier jixiao, before codes) is taken over and given the code."""
    found = Organisation.objects.filter(code=code).first()
    if found is not None:
        if found.kind != kind or found.parent_id != getattr(parent, "pk", None):
            raise ValidationError(
                f"无法导入样例：单位编码“{code}”已被“{found.name}”使用，"
                f"与样例的“{name}”冲突。请先修改该机构的编码。"
            )
        return found
    found = Organisation.objects.filter(parent=parent, name=name, kind=kind).first()
    if found is not None:
        if found.code.startswith("ZD"):  # an automatic code: the sample's own is better
            orgs.update_organisation(user, found, code=code)
        return found
    try:
        with transaction.atomic():
            return orgs.create_organisation(user, code=code, name=name, kind=kind, parent=parent)
    except (ValidationError, IntegrityError):
        # made meanwhile by another upload of the same batch (several workers): theirs is ours
        made = Organisation.objects.filter(code=code, kind=kind, parent=parent).first()
        if made is None:
            raise
        return made


def bureau(user: Any = None) -> Organisation:
    """示例财政局, made if need be."""
    return _organisation(user, BUREAU_CODE, BUREAU, Kind.BUREAU, None)


@transaction.atomic
def place_tree(user: Any = None) -> PlacedTree:
    """The sample bureau's departments and units, made where missing."""
    top = bureau(user)
    by_code: dict[str, Organisation] = {BUREAU_CODE: top}
    by_form: dict[tuple[str, str], Organisation] = {}
    for d in sample_tree().departments:
        department = _organisation(user, d.code, d.name, Kind.DEPARTMENT, top)
        by_code[d.code] = department
        for u in d.units:
            unit = _organisation(user, u.code, u.name, Kind.UNIT, department)
            by_code[u.code] = unit
            for key in u.forms:
                by_form[key] = unit
    return PlacedTree(top, by_code, by_form)


def sample_department() -> Organisation:
    """Where seed 002's other documents (its narrative, its expert panel) go for an administrator."""
    return place_tree().bureau.children.get(name=SAMPLE_DEPARTMENT, kind=Kind.DEPARTMENT)


def place(form: Form) -> Organisation:
    """The unit a sample form belongs to: the coded unit its 主管部门 and 实施单位 name in
    `sample_bureau.toml`; a form of another file gets a unit made for it under the sample bureau."""
    return _placer(place_tree())(form)


def _placer(tree: PlacedTree) -> Any:
    def placed(form: Form) -> Organisation:
        key = (form.department.text.strip(), form.implementing_unit.text.strip())
        return tree.by_form.get(key) or _improvised(tree.bureau, *key)

    return placed


def _improvised(top: Organisation, department_name: str, unit_name: str) -> Organisation:
    """A department and unit for a form the sample tree does not know, named as the form names
    them; a unit named like its department is that department's own (本级) unit."""
    department_name = (department_name or "（未填主管部门）")[:190]
    department = Organisation.objects.filter(
        parent=top, name=department_name, kind=Kind.DEPARTMENT
    ).first() or orgs.create_organisation(
        None,
        code=_free_code("9", 2, 5),
        name=department_name,
        kind=Kind.DEPARTMENT,
        parent=top,
    )
    unit_name = (unit_name or department_name)[:190]
    if unit_name == department_name:
        unit_name = f"{unit_name}（本级）"
    unit = Organisation.objects.filter(parent=department, name=unit_name, kind=Kind.UNIT).first()
    return unit or orgs.create_organisation(
        None,
        code=_free_code(department.code, 3, 1),
        name=unit_name,
        kind=Kind.UNIT,
        parent=department,
    )


def _free_code(prefix: str, digits: int, start: int) -> str:
    """The first code ``prefix`` + a number of ``digits`` digits (from ``start``) nobody holds."""
    n = start
    while Organisation.objects.filter(code=f"{prefix}{n:0{digits}d}").exists():
        n += 1
    return f"{prefix}{n:0{digits}d}"


# ---------------------------------------------------------------- the people and their passwords


@dataclass(frozen=True)
class SampleAccount:
    person: SamplePerson
    password: str

    @property
    def username(self) -> str:
        return self.person.username

    @property
    def line(self) -> str:
        """One line of the printed list: 用户名、密码、姓名、角色 · 机构."""
        p = self.person
        return f"{p.username}\t{self.password}\t{p.name}\t{orgs.role_label(p.role)} · {p.where}"


def accounts_path() -> Path:
    return Path(settings.DATA_DIR) / ACCOUNTS_FILE


def sample_accounts() -> list[SampleAccount]:
    """Every sample person with a password: made up the first time, then read back from
    DATA_DIR/sample_accounts.txt. The first process to write the file wins; the others read it."""
    path = accounts_path()
    people = sample_tree().people
    known = _read_passwords(path)
    if any(p.username not in known for p in people):
        for p in people:
            known.setdefault(p.username, orgs.temporary_password())
        _write_accounts(path, [SampleAccount(p, known[p.username]) for p in people])
        known = _read_passwords(path)
    return [SampleAccount(p, known[p.username]) for p in people]


def accounts_text(accounts: list[SampleAccount]) -> str:
    return "\n".join(
        [
            "# jixiao 样例账号：管理员在“自评表”页点“一键导入样例”之后即可用这些账号登录。",
            "# 密码由第一次 make run（manage.py bootstrap）随机生成，只保存在本机；只用于试用样例。",
            "# 用户名\t密码\t姓名\t角色 · 机构",
            *(a.line for a in accounts),
            "",
        ]
    )


def _read_passwords(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    found = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 2 or not fields[0] or not fields[1]:
            continue
        found[fields[0].strip()] = fields[1].strip()
    return found


def _write_accounts(path: Path, accounts: list[SampleAccount]) -> None:
    """The file, owner-only (0600), written whole: a new file appears only if none did meanwhile;
    an incomplete one (a person added to the samples since) is replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(accounts_text(accounts))
        if path.exists():
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process wrote it first: theirs is kept
    finally:
        tmp.unlink(missing_ok=True)


@transaction.atomic
def place_people(user: Any, tree: PlacedTree) -> list[SampleAccount]:
    """The sample people with the printed passwords (theirs to keep: not a temporary password
    to change), each with their role; someone already there keeps their password."""
    accounts = sample_accounts()
    users = get_user_model()
    for account in accounts:
        p = account.person
        person = users.objects.filter(username=p.username).first()
        if person is None:
            person = orgs.create_person(
                user, username=p.username, name=p.name, password=account.password
            ).user
        orgs.grant_role(user, person, tree.by_code[p.organisation], p.role)
    return accounts


# ---------------------------------------------------------------- rounds and the import


@transaction.atomic
def open_rounds(user: Any, tree: PlacedTree) -> None:
    """A round for each sample year over the departments that hand in forms that year."""
    from jixiao.web.rounds.models import Round
    from jixiao.web.rounds.services import open_round

    for r in sample_tree().rounds:
        if Round.objects.filter(owner=tree.bureau, year=r.year).exists():
            continue
        open_round(
            user,
            owner=tree.bureau,
            year=r.year,
            deadline=r.deadline,
            scope=[tree.by_code[code] for code in r.departments],
        )


@transaction.atomic
def set_up_sample_bureau(user: Any) -> PlacedTree:
    """示例财政局 with its organisations, people and rounds; what is there already stays."""
    tree = place_tree(user)
    place_people(user, tree)
    open_rounds(user, tree)
    return tree


def sample_files(folder: Path = SAMPLES, cycle: Path = CYCLE_SAMPLES) -> list[Path]:
    """The sample files in the order they are read: a project's year first (samples_cycle: its
    申报表 and July 监控表), so that the self-evaluation read after them is checked against them
    (the chain findings); then the self-evaluations."""
    documents = [p for p in sorted(cycle.glob("*.*")) if p.suffix in (".docx", ".xlsx")]
    return documents + sorted(folder.glob("*.txt"))


def prepare_samples(user: Any, folder: Path = SAMPLES) -> PlacedTree:
    """Everything of the samples but the reading of their files: the sample bureau set up, the
    sample department's own figures (budget and execution of the whole department, so its
    overall evaluation is complete) and the 整改事项 its evaluation names."""
    from jixiao.web.departments.services import import_example_figures

    tree = set_up_sample_bureau(user)
    import_example_figures(user, Organisation.objects.filter(parent=tree.bureau))
    rectification_from_samples(user, tree, folder)
    return tree


def import_samples(
    user: Any, folder: Path = SAMPLES, cycle: Path = CYCLE_SAMPLES
) -> list[FileOutcome]:
    """The samples imported here and now (the command line and tests; the page queues the same
    work as a background job, `jobs.services.start_samples`): the bureau prepared, then each
    file read, each form in its unit."""
    placed = _placer(prepare_samples(user, folder))
    return [
        import_file(user, path.name, path.read_bytes(), place=placed)
        for path in sample_files(folder, cycle)
    ]


def rectification_from_samples(user: Any, tree: PlacedTree, folder: Path = SAMPLES) -> list[Any]:
    """The problems seed 002's department evaluation names (存在的问题, with its 措施建议 as the
    requirements) as 整改事项 of the sample department; made once, however often imported."""
    from jixiao.department.problems import evaluation_year
    from jixiao.web.rectification import services as rectification

    department = tree.bureau.children.filter(name=SAMPLE_DEPARTMENT, kind=Kind.DEPARTMENT).first()
    made: list[Any] = []
    for path in sorted(folder.glob("002_*.txt")):
        if department is None:
            break
        text = path.read_text(encoding="utf-8")
        made += rectification.from_department_text(
            department, evaluation_year(text), text, due=rectification.default_due(), user=user
        )
    return made


@dataclass(frozen=True)
class Read:
    """What one sample file's reading made, as the one-line summary counts it."""

    kind: str  # FormRecord.Kind
    forms: tuple[int, ...]  # ids of the records read
    versions: int  # of those, forms already there that got a new version
    kept: int = 0  # forms submitted or approved, not overwritten


def summary(outcomes: list[FileOutcome]) -> str:
    return summary_of(
        [Read(o.kind, tuple(r.pk for r in o.forms), len(o.versions), len(o.kept)) for o in outcomes]
    )


def summary_of(files: list[Read]) -> str:
    """What the one-click import did, in one line: files, forms (each counted once, however
    many files carry it), and how many uploads became a new version of a form already there;
    then the 申报表 and 监控表 of the sample project's year."""
    cycle = [f for f in files if f.kind != FormRecord.Kind.SELF]
    selves = [f for f in files if f.kind == FormRecord.Kind.SELF]
    forms = {pk for f in selves for pk in f.forms}
    text = f"已导入样例：{len(selves)} 个文件，{len(forms)} 张自评表"
    versions = sum(f.versions for f in selves)
    if versions:
        text += f"（其中 {versions} 张是已有自评表，保存为新版本，未重复计入）"
    kept = sum(f.kept for f in selves)
    if kept:
        text += f"；{kept} 张已提交或已审核，未用样例覆盖"
    text += "。"
    by_kind: dict[str, set[int]] = {}  # in the cycle's order: 申报表, then 监控表
    for f in sorted(cycle, key=lambda f: f.kind != FormRecord.Kind.TARGETS):
        by_kind.setdefault(str(FormRecord.Kind(f.kind).label), set()).update(f.forms)
    if by_kind:
        listed = "、".join(f"{len(ids)} 张{label}" for label, ids in by_kind.items())
        text += f"项目全年样例：{listed}（见“项目”页）。"
    return text
