"""openpyxl merely loading a workbook, as its own process: the yardstick for `drafter check`.

    python benchmarks/openpyxl_load.py data.xlsx

Opens the workbook read-only with cached values (openpyxl's fastest mode) and reads every row
of every sheet, doing nothing with the values; prints how many cells it read. `drafter check`
reads the same cells (with their number formats) and checks every figure against its rules.
"""

from __future__ import annotations

import sys

from openpyxl import load_workbook


def load(path: str) -> int:
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(len(row) for ws in wb.worksheets for row in ws.iter_rows(values_only=True))
    finally:
        wb.close()


if __name__ == "__main__":
    print(load(sys.argv[1]))
