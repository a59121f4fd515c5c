"""An import costs the same queries whatever the number of forms in the file and their size: a
file's forms are saved together (one look-up of the records already there, bulk inserts), with
no query per form and none per indicator — a file of 29 forms with 9 indicators each against a
file of one form with 3, made anew and then again as new versions of the same forms."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from seeds import SAMPLES

from jixiao.web.services.imports import FileOutcome, import_file

ONE = "000_6e77f7a237aa1684.txt"  # one form, 3 indicators
MANY = "003_ef0035a2046f2b5a.txt"  # 29 forms, 9 indicators each
# SQLite takes at most 999 parameters a statement, so Django inserts records in batches of a
# few dozen there: a file of 29 forms may cost one insert more than a file of one
BATCHES = 0 if connection.vendor == "postgresql" else 1


def imported(world, seed: str, tail: bytes) -> tuple[int, FileOutcome]:
    """The queries of importing the seed file into unit A (``tail`` makes it a new file)."""
    data = (SAMPLES / seed).read_bytes() + tail
    with CaptureQueriesContext(connection) as captured:
        outcome = import_file(world.filler_a, f"{len(tail)}_{seed}", data, unit=world.unit_a)
    assert outcome.forms and not outcome.error
    return len(captured), outcome


def indicators(outcome: FileOutcome) -> float:
    return sum(len(r.latest.data.get("indicators", [])) for r in outcome.forms) / len(outcome.forms)


def test_an_import_costs_the_same_queries_for_one_form_or_twenty_nine(world) -> None:
    one_queries, one = imported(world, ONE, b"\n")
    many_queries, many = imported(world, MANY, b"\n")
    assert (len(one.forms), len(many.forms)) == (1, 29)
    assert not one.versions and not many.versions  # every form new
    assert indicators(many) > 2 * indicators(one)  # the forms really differ in size
    assert many_queries <= one_queries + BATCHES
    assert many_queries < 30  # the whole file: its records, versions, projects and audit


def test_new_versions_of_a_files_forms_cost_the_same_queries_as_one(world) -> None:
    imported(world, ONE, b"\n")
    imported(world, MANY, b"\n")
    one_queries, one = imported(world, ONE, b"\n\n")
    many_queries, many = imported(world, MANY, b"\n\n")
    assert (len(one.versions), len(many.versions)) == (1, 29)  # each form's second version
    assert {v.number for v in many.versions} == {2}
    assert many_queries <= one_queries + BATCHES
    assert many_queries < 30
