"""A unit's forms are checked under the scoring policy its round names, else the site's."""

from __future__ import annotations

import datetime

from seeds import SAMPLES

from jixiao.web.rounds.services import open_round
from jixiao.web.services.imports import import_file
from jixiao.web.services.versions import checked_records, latest_forms, policy, save_version

SEED_A = SAMPLES / "004_b10b36a27f1da553.txt"  # two 2020 forms


def _open(world, name: str) -> None:
    open_round(
        world.admin,
        owner=world.bureau,
        year=2020,
        deadline=datetime.date(2021, 3, 3),
        scope=[world.dept_a],
        policy=name,
    )


def test_it_checks_a_units_forms_under_its_rounds_policy(world) -> None:
    _open(world, "mof-2020")
    form = latest_forms([world.form_a])[0]
    version = save_version(world.form_a, form, world.filler_a, note="任务发起后保存")
    assert version.policy == policy(world.unit_a.pk, 2020).name == "mof-2020"
    assert world.form_a.latest.computed["policy"] == "mof-2020"


def test_it_keeps_the_sites_policy_where_no_round_names_one(world) -> None:
    assert world.form_a.latest.policy == policy().name == "beijing"
    assert policy(world.unit_b.pk, 2024).name == "beijing"


def test_an_import_and_a_recheck_use_the_rounds_policy(world, tmp_path) -> None:
    _open(world, "mof-2020")
    moved = tmp_path / "再次上传.txt"
    moved.write_bytes(SEED_A.read_bytes() + b"\n")  # another file: imported again, into unit A
    outcome = import_file(world.filler_a, moved.name, moved.read_bytes(), unit=world.unit_a)
    assert outcome.forms and {r.latest.policy for r in outcome.forms} == {"mof-2020"}
    rechecked = checked_records([*outcome.forms, world.form_b])
    assert [c.computed.policy for c in rechecked] == ["mof-2020", "mof-2020", "beijing"]
