"""A phone photo uploaded in the web application: the form is read by OCR, and the image of a
cell read with low confidence is cut from the stored original for the reviewer
(`forms:cell_image`), within the user's scope only."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "read"))
from scan_images import jpeg, photographed, printed, rendered  # noqa: E402
from seeds import all_seed_forms  # noqa: E402

from jixiao.web.forms.models import FormRecord  # noqa: E402


@pytest.fixture(scope="session")
def photo(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    pdf = printed(all_seed_forms()[0], tmp_path_factory.mktemp("photo") / "f.pdf")
    return jpeg(photographed(rendered(pdf)[0], 7))


def test_an_uploaded_photo_becomes_a_form_whose_cells_can_be_seen_only_in_scope(world, photo):
    filler = world.client(world.filler_a)
    upload = SimpleUploadedFile("手机照片.jpg", photo, content_type="image/jpeg")
    page = filler.get(reverse("forms:upload"))
    assert ".jpg" in page.content.decode()
    response = filler.post(
        reverse("forms:upload"), {"files": [upload], "unit": world.unit_a.pk}, follow=True
    )
    assert response.status_code == 200
    record = FormRecord.objects.get(project_name="市民服务中心工作经费", unit=world.unit_a)
    version = record.versions.first()
    locations = version.data["locations"]
    path = "funds.total.executed"
    assert "confidence" in locations[path] and locations[path]["page"] == 1

    url = reverse("forms:cell_image", args=[record.pk]) + f"?path={path}"
    image = filler.get(url)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    assert world.client(world.reviewer_a).get(url).status_code == 200  # reviewer of unit A

    # another tenant: the other unit's filler, the other department's reviewer see nothing
    assert world.client(world.filler_b).get(url).status_code == 404
    # a value not read from a scan, and a form not read from a scan, have no cell image
    nope = filler.get(reverse("forms:cell_image", args=[record.pk]) + "?path=nope")
    assert nope.status_code == 400 and "不是从扫描件" in nope.content.decode()
    typed = reverse("forms:cell_image", args=[world.form_a.pk]) + f"?path={path}"
    assert filler.get(typed).status_code == 400

    # the form page shows the crop beside each low-confidence finding
    detail = filler.get(reverse("forms:detail", args=[record.pk])).content.decode()
    low = [f for f in version.findings if f["code"] == "OCR_LOW_CONFIDENCE"]
    assert low  # the photo's shaded corner reads some cells with low confidence
    assert detail.count('class="cell-image"') == len(low)
    for finding in low:
        assert finding["message"].startswith("识别置信度低（0.")
    src = detail.split('class="cell-image" src="')[1].split('"')[0].replace("&amp;", "&")
    assert filler.get(src).content.startswith(b"\x89PNG")
