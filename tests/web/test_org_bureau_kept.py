"""The bureau at the top cannot be deactivated (everyone's pages hang from it); named from the
environment, it is administered by whoever it was named for, as on the set-up page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.orgs.services import bureau_from_environment, set_organisation_active


def test_it_refuses_to_deactivate_the_bureau(world) -> None:
    with pytest.raises(ValidationError, match="不能停用"):
        set_organisation_active(world.admin, world.bureau, False)
    world.bureau.refresh_from_db()
    assert world.bureau.active


def test_the_bureau_named_in_the_environment_is_administered_by_the_first_admin(
    db, django_user_model, monkeypatch
) -> None:
    monkeypatch.setenv("JIXIAO_BUREAU_NAME", "某市财政局")
    monkeypatch.setenv("JIXIAO_BUREAU_CODE", "330100")
    admin = django_user_model.objects.create_superuser(username="root", password="x-2026-长密码")
    bureau = bureau_from_environment(admin)
    assert bureau == Organisation.objects.get(code="330100", kind="bureau")
    assert Membership.objects.filter(user=admin, organisation=bureau, role="admin").exists()
    assert bureau_from_environment(admin) == bureau  # once
