"""Imports at the same moment (real threads on the real database; SQLite as a file with the
settings' options, PostgreSQL): files holding the same new form, and the same file several
times, each end with an answer, never an error. One record is made, each other file's form is
its next version; the same file is stored once."""

from __future__ import annotations

import pytest
from concurrently import afterwards, shared_database, together
from django.contrib.auth import get_user_model
from seeds import SAMPLES

from jixiao.web.forms.models import FormRecord, FormVersion, StoredFile
from jixiao.web.orgs.models import Organisation
from jixiao.web.services.imports import FileOutcome, import_file

SEED = SAMPLES / "000_6e77f7a237aa1684.txt"
COUNT = 6


@pytest.fixture
def unit(transactional_db, settings, tmp_path) -> Organisation:
    settings.ORIGINALS_DIR = tmp_path / "originals"
    settings.DATA_DIR = tmp_path
    bureau = Organisation.objects.create(name="某区财政局", kind=Organisation.Kind.BUREAU)
    return Organisation.objects.create(
        name="乙市民服务中心", kind=Organisation.Kind.UNIT, parent=bureau
    )


def _import_at_once(unit: Organisation, tmp_path, files: list[tuple[str, bytes]]) -> list:
    user = get_user_model().objects.create_user(username="tianbao", password="x")

    def one(i: int) -> FileOutcome:
        name, data = files[i]
        return import_file(user, name, data, unit=unit)

    with shared_database(tmp_path):
        outcomes = together(len(files), one)
        records = afterwards(
            lambda: list(FormRecord.all_objects.filter(unit=unit).values_list("pk", flat=True))
        )
        numbers = afterwards(
            lambda: sorted(
                FormVersion.objects.filter(record__unit=unit).values_list("number", flat=True)
            )
        )
        stored = afterwards(lambda: StoredFile.objects.count())
    return [outcomes, records, numbers, stored]


def test_different_files_of_one_new_form_at_once_make_one_record_and_its_versions(
    unit, tmp_path
) -> None:
    text = SEED.read_bytes()
    # the same form in six files that differ (a line more at the end of each)
    files = [(f"自评表{i}.txt", text + b"\n" * i) for i in range(COUNT)]
    outcomes, records, numbers, stored = _import_at_once(unit, tmp_path, files)
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert errors == []
    assert [len(o.forms) for o in outcomes] == [1] * COUNT
    assert len(records) == 1
    assert {o.forms[0].pk for o in outcomes} == set(records)
    assert numbers == list(range(1, COUNT + 1))  # one first version, then one version each
    assert sum(len(o.versions) for o in outcomes) == COUNT - 1
    assert stored == COUNT


def test_one_file_uploaded_several_times_at_once_is_stored_and_read_once(unit, tmp_path) -> None:
    files = [(f"自评表{i}.txt", SEED.read_bytes()) for i in range(COUNT)]
    outcomes, records, numbers, stored = _import_at_once(unit, tmp_path, files)
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert errors == []
    assert len(records) == 1
    assert numbers == [1]
    assert stored == 1
    assert sorted(o.duplicate for o in outcomes) == [False] + [True] * (COUNT - 1)
