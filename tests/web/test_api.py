"""The JSON API: token authentication, the same scope and the same services as the pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from seeds import SAMPLES

from jixiao.web.services.tokens import create_token


def api(user) -> tuple[Client, dict[str, str]]:
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"}


def test_it_refuses_requests_without_a_valid_token(world) -> None:
    client = Client()
    assert client.get("/api/forms").status_code == 401
    assert client.get("/api/forms", HTTP_AUTHORIZATION="Bearer jx_wrong").status_code == 401


def test_it_lists_only_the_users_forms(world) -> None:
    client, auth = api(world.filler_a)
    names = {f["project_name"] for f in client.get("/api/forms", **auth).json()}
    assert names == {"公共服务经费", "民生家园建设经费"}
    assert (
        client.get("/api/forms?code=FUNDS_RATE_MISMATCH", **auth).json()[0]["project_name"]
        == "公共服务经费"
    )


def test_the_detail_is_the_check_json(world) -> None:
    client, auth = api(world.filler_a)
    data = client.get(f"/api/forms/{world.form_a.pk}", **auth).json()
    form = data["form"]
    assert form["project_name"] == "公共服务经费"
    assert form["computed"]["funds_score"] == 9.01
    assert "FUNDS_RATE_MISMATCH" in {f["code"] for f in form["findings"]}


@pytest.mark.parametrize("method", ["get", "put", "submit", "return", "approve", "reopen"])
def test_it_validates_ownership_on_every_endpoint(world, method: str) -> None:
    client, auth = api(world.filler_a)
    url = f"/api/forms/{world.form_b.pk}"
    if method == "get":
        response = client.get(url, **auth)
    elif method == "put":
        response = client.put(url, data={}, content_type="application/json", **auth)
    else:
        response = client.post(f"{url}/{method}", data={}, content_type="application/json", **auth)
    assert response.status_code == 404


def test_edit_and_the_whole_workflow_through_the_api(world) -> None:
    unit, unit_auth = api(world.filler_a)
    reviewer, reviewer_auth = api(world.reviewer_a)
    url = f"/api/forms/{world.form_a.pk}"
    form = unit.get(url, **unit_auth).json()["form"]
    form["funds"]["execution_rate"], form["funds"]["score"] = "90.10%", "9.01"
    edited = unit.put(url, data=form, content_type="application/json", **unit_auth).json()
    assert edited["version"] == 2
    assert "FUNDS_RATE_MISMATCH" not in {f["code"] for f in edited["form"]["findings"]}
    assert (
        unit.post(f"{url}/submit", data={}, content_type="application/json", **unit_auth).json()[
            "status"
        ]
        == "submitted"
    )
    assert (
        unit.post(
            f"{url}/approve", data={}, content_type="application/json", **unit_auth
        ).status_code
        == 403
    )
    returned = reviewer.post(
        f"{url}/return",
        data={"comment": "请补充偏差原因"},
        content_type="application/json",
        **reviewer_auth,
    )
    assert returned.json()["status"] == "returned"
    unit.post(f"{url}/submit", data={}, content_type="application/json", **unit_auth)
    # the form still has error findings: approving needs a reason
    refused = reviewer.post(
        f"{url}/approve", data={}, content_type="application/json", **reviewer_auth
    )
    assert refused.status_code == 409 and "审核通过须写明理由" in refused.json()["detail"]
    reason = {"reason": "错误已核实，不影响结论"}
    passed = reviewer.post(
        f"{url}/approve", data=reason, content_type="application/json", **reviewer_auth
    )
    assert passed.json()["status"] == "submitted"  # the department passed it to the bureau
    assert passed.json()["status_label"] == "已提交 · 待财政局审核"
    assert passed.json()["review_level"] == 1
    bureau, bureau_auth = api(world.bureau_reviewer)
    approved = bureau.post(
        f"{url}/approve", data=reason, content_type="application/json", **bureau_auth
    )
    assert approved.json()["status"] == "approved"
    reopened = bureau.post(
        f"{url}/reopen", data={"reason": "抽查复核"}, content_type="application/json", **bureau_auth
    )
    assert reopened.json()["status"] == "submitted"


def test_upload_reads_files_into_the_users_unit_only(world) -> None:
    client, auth = api(world.filler_a)
    seed = (SAMPLES / "003_ef0035a2046f2b5a.txt").read_bytes()
    files = [SimpleUploadedFile("通州.txt", seed), SimpleUploadedFile("坏.docx", b"PK\x03\x04x")]
    response = client.post("/api/upload", {"unit": world.unit_a.pk, "files": files}, **auth)
    assert response.status_code == 202  # queued; this test's queue runs at once
    job = response.json()
    assert (job["state"], job["files_done"], job["files_total"]) == ("done", 2, 2)
    results = job["files"]
    assert [len(r["forms"]) for r in results] == [29, 0]
    assert results[1]["error"] and "坏.docx" in results[1]["message"]
    assert client.get(f"/api/jobs/{job['id']}", **auth).json() == job
    # another user's job is not there for them
    other, other_auth = api(world.filler_b)
    assert other.get(f"/api/jobs/{job['id']}", **other_auth).status_code == 404
    refused = client.post(
        "/api/upload",
        {"unit": world.unit_b.pk, "files": [SimpleUploadedFile("x.txt", seed)]},
        **auth,
    )
    assert refused.status_code == 403


def test_the_openapi_document_is_published(world) -> None:
    schema = Client().get("/api/openapi.json").json()
    assert schema["info"]["title"] == "jixiao API"
    assert "/api/forms/{form_id}" in schema["paths"]
