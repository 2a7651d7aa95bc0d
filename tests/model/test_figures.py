"""model.figures.read_figure: the reader's quick way to make a Figure is a Figure."""

from __future__ import annotations

import inspect
import pickle
from dataclasses import fields, replace
from decimal import Decimal

import pytest

from drafter.model.figures import Figure, read_figure
from drafter.model.findings import CellRef

GIVEN = {"id": "法律援助.受理案件", "name": "受理法律援助案件", "unit": "件", "kind": "count",
         "value": Decimal("1200"), "previous": Decimal("1100"), "qualifier": "余", "digits": 1,
         "scale": "万", "cell": CellRef("指标", "E12"), "previous_cell": CellRef("指标", "F12"),
         "text": "", "unread": True, "previous_unread": False}


def test_every_field_but_computed_is_given() -> None:
    named = set(inspect.signature(read_figure).parameters)
    assert named | {"computed"} == {f.name for f in fields(Figure)}  # a new field: add it there


def test_read_figure_makes_what_figure_makes() -> None:
    quick, made = read_figure(**GIVEN), Figure(**GIVEN)
    assert type(quick) is Figure
    assert quick == made and hash(quick.cell) == hash(made.cell)
    assert list(vars(quick).items()) == list(vars(made).items())  # same fields, same order
    assert pickle.loads(pickle.dumps(quick)) == made  # --jobs sends figures between processes
    assert replace(quick, value=None) == replace(made, value=None)
    assert not quick.computed and quick.section == "法律援助"


def test_read_figure_is_frozen_like_any_figure() -> None:
    from dataclasses import FrozenInstanceError

    with pytest.raises(FrozenInstanceError):
        read_figure(**GIVEN).value = Decimal(0)  # type: ignore[misc]
