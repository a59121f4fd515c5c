"""决算说明 API: check text (the CLI's JSON), list and detail in scope, upload."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from seeds import SAMPLES

from jixiao.web.final_accounts.models import NarrativeRecord
from jixiao.web.services.tokens import create_token

TEXT = "2021年度财政拨款收、支总计4149.35万元，比上年增加1854.45万元，增长44.69%。"
SEED_002 = SAMPLES / "002_00c192bc11a47879.txt"


def api(user) -> tuple[Client, dict[str, str]]:
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"}


def upload(client: Client, auth: dict[str, str], organisation: int, name: str, data: bytes):
    return client.post(
        "/api/final-accounts/upload",
        {"organisation": organisation, "file": SimpleUploadedFile(name, data)},
        **auth,
    )


def test_it_checks_text_and_answers_with_the_cli_json(world) -> None:
    client, auth = api(world.filler_a)
    response = client.post(
        "/api/final-accounts/check", {"text": TEXT}, content_type="application/json", **auth
    )
    assert response.status_code == 200
    document = response.json()
    rate = next(c for c in document["claims"] if c["kind"] == "change_rate")
    # 4149.35 − 1854.45 = 2294.90; 1854.45 ÷ 2294.90 = 80.81%
    assert (rate["stated"], rate["computed"], rate["ok"]) == ("44.69", "80.81", False)
    assert [f["code"] for f in document["findings"]] == ["ACCOUNTS_RATE_MISMATCH"]
    assert not NarrativeRecord.objects.exists()  # checking keeps nothing


def test_it_refuses_empty_text_with_a_chinese_reason(world) -> None:
    client, auth = api(world.filler_a)
    response = client.post(
        "/api/final-accounts/check", {"text": " "}, content_type="application/json", **auth
    )
    assert response.status_code == 400 and "没有输入文字" in response.json()["detail"]


def test_it_refuses_requests_without_a_token(world) -> None:
    assert Client().get("/api/final-accounts").status_code == 401
    assert Client().post("/api/final-accounts/check", {"text": TEXT}).status_code == 401


def test_it_uploads_lists_and_shows_a_narrative(world) -> None:
    client, auth = api(world.filler_a)
    response = upload(client, auth, world.unit_a.pk, SEED_002.name, SEED_002.read_bytes())
    assert response.status_code == 200
    created = response.json()
    assert (created["year"], created["claims"], created["wrong"]) == (2021, 118, 3)
    listed = client.get("/api/final-accounts", **auth).json()
    assert [n["id"] for n in listed] == [created["id"]]
    detail = client.get(f"/api/final-accounts/{created['id']}", **auth).json()
    assert [f["code"] for f in detail["result"]["findings"]] == [
        "ACCOUNTS_RATE_MISMATCH",
        "ACCOUNTS_ZERO_BASE",
        "ACCOUNTS_WRONG_YEAR",
    ]


def test_it_says_why_an_upload_cannot_be_read(world) -> None:
    client, auth = api(world.filler_a)
    response = upload(client, auth, world.unit_a.pk, "空.txt", b"")
    assert response.status_code == 400 and "空.txt：文件是空的" in response.json()["detail"]


def test_it_validates_ownership(world) -> None:
    b_client, b_auth = api(world.filler_b)
    theirs = upload(b_client, b_auth, world.unit_b.pk, "乙.txt", TEXT.encode()).json()["id"]
    client, auth = api(world.filler_a)
    assert client.get(f"/api/final-accounts/{theirs}", **auth).status_code == 404
    assert client.get("/api/final-accounts", **auth).json() == []
    assert upload(client, auth, world.unit_b.pk, "甲.txt", TEXT.encode()).status_code == 404
    reviewer, reviewer_auth = api(world.reviewer_a)
    assert reviewer.get(f"/api/final-accounts/{theirs}", **reviewer_auth).status_code == 404
    assert b_client.get(f"/api/final-accounts/{theirs}", **b_auth).status_code == 200
