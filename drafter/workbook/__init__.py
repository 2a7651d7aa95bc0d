"""The workbook: the only part of drafter that imports openpyxl, and only to write.

- `blank`: make a blank workbook from a catalog (`drafter init`), with `guide_sheet`
  (填写说明), `body_sheets` (大纲, 规则), all in the look of `styling`; `layout` names the
  sheets and headers for the maker and the reader;
- `forward`, `merge` (through `edit`): last year's workbook rolled on, sections' copies joined;
  `city`: the city workbook of `drafter rollup`; `imported`: the workbook `drafter import` plans;
- `xlsx` (with `worksheet`, `numfmt`): read the cells of a filled workbook, without openpyxl,
  within limits of size and time (docs/security.md);
- `reader`: read a filled workbook into WorkbookData, with a finding per normalization
  (`facts`: 基本信息 with its dates and years; `outline_sheet`: 大纲; `own`, `rule_sheet`: the
  clerk's indicators and rules; `text`: every cell's text made safe to print; `structure`:
  merged and hidden cells over the data);
- `cells`: what people type in a number cell, parsed (pure, no openpyxl);
- `annotate`: a copy of a workbook with findings highlighted and commented.
"""
