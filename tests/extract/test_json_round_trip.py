"""The JSON document loads back into the same forms: other tools can rely on it."""

from __future__ import annotations

import json

from seeds import all_seed_forms

from jixiao.model.form import Form


def test_every_seed_form_survives_json() -> None:
    forms = all_seed_forms()
    text = json.dumps([f.to_json_dict() for f in forms], ensure_ascii=False)
    back = [Form.model_validate(data) for data in json.loads(text)]
    assert [b.model_dump() for b in back] == [f.model_dump() for f in forms]
