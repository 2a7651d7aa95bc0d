"""The workbooks drafter writes, shared by the tests of their schema, words and print."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbook.generated import make_all


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_all(tmp_path_factory.mktemp("generated"))
