"""The web application checks a form no round names a policy for under its layout's policy
(issue 12); a round's policy still wins; Beijing and unknown layouts keep the site's default."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from region_forms import hubei_form, sichuan_form

from jixiao.web.rounds.services import open_round
from jixiao.web.services.imports import import_file
from jixiao.web.services.reviewed_scores import outcome
from jixiao.web.services.versions import check_one, checked_records, policy, policy_names


def _open(world, year: int, name: str) -> None:
    open_round(
        world.admin,
        owner=world.bureau,
        year=year,
        deadline=datetime.date(year + 1, 3, 3),
        scope=[world.dept_a],
        policy=name,
    )


def test_no_round_a_regional_form_takes_its_layouts_policy(world) -> None:
    assert check_one(hubei_form(), world.unit_a.pk).computed.policy == "hubei"
    assert check_one(sichuan_form(), world.unit_a.pk).computed.policy == "sichuan"
    assert policy(world.unit_a.pk, 2023, "hubei").name == "hubei"
    assert policy(world.unit_a.pk, 2023).name == "beijing"  # no layout: the site's


def test_beijing_and_unknown_layouts_keep_the_sites_default(world, settings) -> None:
    settings.JIXIAO_POLICY = "mof-2020"
    key = (world.unit_a.pk, 2023)
    assert policy_names([key], "beijing") == {key: "mof-2020"}
    assert policy_names([key], "") == {key: "mof-2020"}
    assert policy_names([key], "dmp") == {key: "dmp"}


def test_a_rounds_policy_wins_over_the_layout(world) -> None:
    _open(world, 2023, "beijing")
    checked = check_one(hubei_form(), world.unit_a.pk)
    assert checked.computed.policy == "beijing"
    assert "FUNDS_WEIGHT_NOT_STANDARD" in {f.code for f in checked.findings}
    # another unit's form of the same layout, with no round, still takes hubei's
    assert check_one(hubei_form(), world.unit_b.pk).computed.policy == "hubei"


def test_forms_of_two_layouts_checked_together_each_take_their_own(world) -> None:
    from jixiao.web.services.versions import check_under

    forms = [hubei_form(), sichuan_form(), hubei_form()]
    forms[2].layout = "beijing"
    keys = [(world.unit_a.pk, 2023)] * 3
    assert [c.computed.policy for c in check_under(forms, keys)] == ["hubei", "sichuan", "beijing"]


@pytest.fixture(scope="module")
def hubei_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    regions = pytest.importorskip("fixtures.regions.build")  # helper R's fixtures
    spec = next(s for s in regions.specs() if s.id == "hubei")
    return regions.write_xlsx(spec, tmp_path_factory.mktemp("hubei") / "湖北自评表.xlsx")


def test_an_uploaded_hubei_workbook_is_checked_and_reviewed_under_hubei(
    world, hubei_xlsx: Path
) -> None:
    done = import_file(world.filler_a, hubei_xlsx.name, hubei_xlsx.read_bytes(), unit=world.unit_a)
    assert len(done.forms) == 1
    record = done.forms[0]
    assert record.latest.policy == "hubei"
    assert record.latest.computed["funds_score"] == 19.2  # 20 × 96%
    assert [c.computed.policy for c in checked_records([record, world.form_b])] == [
        "hubei",
        "beijing",
    ]
    # the reviewed total is worked out under the same policy: its funds item is worth 20
    funds = next(i for i in outcome(record).items if i.path == "funds")
    assert funds.weight == 20


@pytest.fixture(scope="module")
def regional_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    regions = pytest.importorskip("fixtures.regions.build")  # helper R's fixtures
    out = tmp_path_factory.mktemp("regional")
    return {
        s.id: regions.write_xlsx(s, out / f"{s.id}.xlsx")
        for s in regions.specs()
        if s.id in ("transfer", "sichuan", "dmp")
    }


@pytest.mark.parametrize("name", ["transfer", "sichuan", "dmp"])
def test_a_regional_form_shows_on_its_pages_and_lists(
    world, regional_files: dict[str, Path], name: str
) -> None:
    path = regional_files[name]
    record = import_file(world.filler_a, path.name, path.read_bytes(), unit=world.unit_a).forms[0]
    assert record.latest.policy == name
    client = world.client(world.filler_a)
    for url in (
        reverse("forms:detail", args=[record.pk]),
        reverse("forms:print", args=[record.pk]),
        reverse("forms:list"),
    ):
        assert client.get(url).status_code == 200, url
    reviewed = outcome(record)
    if name == "transfer":  # no scores: nothing to total
        assert record.latest.computed["total_score"] is None
        assert reviewed.total is None
    else:
        assert reviewed.total is not None
