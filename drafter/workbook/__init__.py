"""The workbook: the only part of drafter that imports openpyxl, and only to write.

- `blank`: make a blank workbook from a catalog (`drafter init`);
- `xlsx` (with `sheetxml`, `numfmt`): read the cells of a filled workbook, without openpyxl;
- `reader`: read a filled workbook into WorkbookData, with a finding per normalization;
- `cells`: what people type in a number cell, parsed (pure, no openpyxl);
- `annotate`: a copy of a workbook with findings highlighted and commented.
"""
