"""Benchmark (not a test): reviewing forms against loading them from JSON, in one run.

100,000 forms are generated from the 50 seed forms (each copy with its executed amount and,
for half of its indicators, the numbers in target and actual nudged, so the reviews differ and
no cache can answer for them) and written as one JSON document. Then, in the same process, alternating:

- baseline: `json.loads` of the document and `Form.model_validate` of every form;
- review: `score_form` + `review_forms` of every (already loaded) form under the beijing policy.

The target is review ≤ 3 × the JSON load. Forms per second of both and the ratio are printed.

    .venv/bin/python bench/review.py [--forms 100000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import time
from decimal import Decimal
from pathlib import Path

from jixiao.extract import extract_forms
from jixiao.model.form import Form
from jixiao.read import read_file
from jixiao.review.registry import review_forms
from jixiao.scoring.engine import score_form
from jixiao.scoring.policy import load_policy
from jixiao.values import parse_value, target_in_name

ROOT = Path(__file__).resolve().parent.parent
DIGITS = re.compile(r"\d+")


def generate(n: int) -> str:
    """The JSON text of n forms: the seed forms again and again, amounts and scores nudged."""
    seeds = [
        f.to_json_dict()
        for p in sorted((ROOT / "samples").glob("*.txt"))
        for f in extract_forms(read_file(p))
    ]
    rng = random.Random(7)
    forms = []
    for i in range(n):
        data = json.loads(json.dumps(seeds[i % len(seeds)]))
        del data["locations"]  # cell positions are not part of a form loaded from JSON
        data["project_name"] = f"{data['project_name']}（{i}）"
        executed = data["funds"]["total"]["executed"]
        try:
            nudged = Decimal(executed) * Decimal(rng.randint(85, 100)) / 100
            data["funds"]["total"]["executed"] = str(nudged.quantize(Decimal("0.0001")))
        except ArithmeticError:
            pass
        for ind in data["indicators"]:  # vary the numbers in targets and actuals too
            if rng.random() < 0.5:
                for key in ("target", "actual"):
                    ind[key] = DIGITS.sub(
                        lambda m: str(int(m.group()) + rng.randint(0, 9)), ind[key]
                    )
        forms.append(data)
    return json.dumps({"forms": forms}, ensure_ascii=False)


def load(text: str) -> list[Form]:
    return [Form.model_validate(data) for data in json.loads(text)["forms"]]


def review(forms: list[Form]) -> int:
    parse_value.cache_clear()  # every round starts cold: no help from an earlier round
    target_in_name.cache_clear()
    policy = load_policy("beijing")
    computeds = [score_form(form, policy) for form in forms]
    findings = review_forms(forms, computeds, policy)
    return sum(len(f) for f in findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    text = generate(args.forms)
    print(f"{args.forms} 张自评表，JSON {len(text.encode()) / 1e6:.0f} MB")
    forms = load(text)
    best_load = best_review = float("inf")
    for r in range(args.rounds):
        gc.collect()
        start = time.perf_counter()
        loaded = load(text)
        seconds = time.perf_counter() - start
        best_load = min(best_load, seconds)
        del loaded
        gc.collect()
        start = time.perf_counter()
        n_findings = review(forms)
        seconds_review = time.perf_counter() - start
        best_review = min(best_review, seconds_review)
        print(
            f"  第{r + 1}轮  读入 JSON {args.forms / seconds:8.0f} 表/秒   审核 {args.forms / seconds_review:8.0f} 表/秒"
            f"（{n_findings} 条发现）  比值 {seconds_review / seconds:.2f}"
        )
    print(f"审核耗时为读入 JSON 的 {best_review / best_load:.2f} 倍（各取最好一轮；目标 ≤ 3 倍）")


if __name__ == "__main__":
    main()
