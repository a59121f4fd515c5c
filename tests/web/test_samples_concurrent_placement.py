"""Uploads placed in the sample organisations at the same moment (several workers reading a batch)
make each sample organisation once: the second maker takes the first one's instead of failing on
the unique code (seen as IntegrityError on SL000000 with two Celery workers)."""

from __future__ import annotations

from concurrently import afterwards, shared_database, together

from jixiao.web.orgs.models import Organisation
from jixiao.web.services import samples


def test_the_sample_bureau_made_by_eight_at_once_is_one_organisation(
    transactional_db, tmp_path
) -> None:
    with shared_database(tmp_path):
        made = together(8, lambda _: samples.bureau().pk)
        count = afterwards(lambda: Organisation.objects.filter(code=samples.BUREAU_CODE).count())
    assert not [m for m in made if isinstance(m, BaseException)], made
    assert len(set(made)) == 1
    assert count == 1
