"""A Loc is a plain slotted dataclass (no longer frozen, which made it cost five times a
Cell): it still compares, hashes, pickles and serialises by its values."""

from __future__ import annotations

import dataclasses
import pickle

from jixiao.model.grid import Loc


def test_two_locs_of_one_cell_are_equal_and_hash_alike() -> None:
    a, b = Loc(0, 3, 1, 2, None, "Sheet1"), Loc(0, 3, 1, 2, None, "Sheet1")
    assert a == b and hash(a) == hash(b)
    assert hash(a) == hash((0, 3, 1, 2, None, "Sheet1", None))  # as a frozen dataclass hashed
    assert len({a, b, Loc(0, 3, 2)}) == 2
    assert a != Loc(0, 3, 1, 2)


def test_a_loc_survives_pickling_as_the_sandbox_sends_it() -> None:
    loc = Loc(1, 2, 3, 4, (1.0, 2.0, 3.0, 4.0), confidence=0.5)
    assert pickle.loads(pickle.dumps(loc)) == loc


def test_a_loc_keeps_its_json_form_and_replace() -> None:
    loc = Loc(0, 1, 2, 3, (1.234, 2.0, 3.0, 4.0))
    assert loc.as_dict() == {"table": 0, "row": 1, "col": 2, "page": 3, "box": [1.23, 2, 3, 4]}
    assert dataclasses.replace(loc, confidence=0.62).confidence == 0.62
    assert loc.confidence is None
