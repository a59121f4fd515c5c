"""An import costs the same queries per form whatever the form's size: no query per indicator
(a file of 29 forms with 9 indicators each against a file of one form with 3)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from seeds import SAMPLES

from jixiao.web.services.imports import import_file


def per_form(world, seed: str) -> tuple[float, float]:
    """Queries per imported form, and indicators per form, of a seed file imported anew."""
    data = (SAMPLES / seed).read_bytes() + b"\n"  # not the world's own upload of it
    with CaptureQueriesContext(connection) as captured:
        outcome = import_file(world.filler_b, "again_" + seed, data, unit=world.unit_b)
    forms = len(outcome.forms)
    assert forms and not outcome.error
    indicators = sum(len(r.latest.data.get("indicators", [])) for r in outcome.forms)
    return len(captured) / forms, indicators / forms


def test_queries_per_imported_form_do_not_grow_with_its_indicators(world) -> None:
    small_queries, small_indicators = per_form(world, "000_6e77f7a237aa1684.txt")
    large_queries, large_indicators = per_form(world, "003_ef0035a2046f2b5a.txt")
    assert large_indicators > 2 * small_indicators  # the forms really differ in size
    assert large_queries <= small_queries
    assert large_queries < 30  # what one form's records, version, project and audit take
