"""Panels for the web tests: seed 002's sheet filed in unit A, a second panel in unit B."""

from __future__ import annotations

from seeds import SAMPLES

from jixiao.web.panels import services

SEED_002 = SAMPLES / "002_00c192bc11a47879.txt"
EXPERTS = ["陈竹", "刘文辉", "刘莉君", "伏虎", "郭家义"]


def seed_panel(world, unit=None, user=None):
    """A panel filled from seed 002's text, like a user uploading it."""
    user = user or world.filler_a
    unit = unit or world.unit_a
    panel = services.create_panel(
        user,
        project="丰台区2021年区政府网站运维",
        year=2021,
        organisation_id=unit.pk,
        framework="project",
        experts=["临时"],
    )
    services.fill_from_file(user, panel, SEED_002.name, SEED_002.read_bytes())
    return panel


def other_panel(world):
    return seed_panel(world, unit=world.unit_b, user=world.filler_b)
