#!/usr/bin/env bash
# Regenerate the README's page pictures from the real output of the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
# (drafter's --pdf, so that the fonts are mapped as `drafter pdf` maps them: 楷体 in a Kai face)
tmp=$(mktemp -d)
drafter render sample_inputs/000_*.xlsx -o "$tmp/000.docx" --pdf >/dev/null
pdftoppm -png -r 70 -f 1 -l 2 "$tmp/000.pdf" "$tmp/page"
cp "$tmp/page-1.png" docs/images/sample-000-page1.png
cp "$tmp/page-2.png" docs/images/sample-000-page2.png
rm -rf "$tmp"

# 落款 (sample 001's last page) and the city report's 附件 page (docs/format.md)
tmp=$(mktemp -d)
drafter render sample_inputs/001_*.xlsx -o "$tmp/001.docx" --pdf >/dev/null
pages=$(pdfinfo "$tmp/001.pdf" | awk '/^Pages:/ {print $2}')
pdftoppm -png -r 70 -f "$pages" -l "$pages" "$tmp/001.pdf" "$tmp/sign"
cp "$tmp"/sign-*.png docs/images/sample-001-signature.png
drafter rollup sample_inputs/005_示例市区县/*.xlsx -o "$tmp/city.xlsx" --unit 示例市司法局 >/dev/null
drafter render "$tmp/city.xlsx" -o "$tmp/city.docx" --pdf >/dev/null
pages=$(pdfinfo "$tmp/city.pdf" | awk '/^Pages:/ {print $2}')
pdftoppm -png -r 70 -f "$pages" -l "$pages" "$tmp/city.pdf" "$tmp/annex"
cp "$tmp"/annex-*.png docs/images/sample-city-annex.png
rm -rf "$tmp"

# 版头 and 版记 (docs/publish.md): sample 000 with the formal facts filled in
tmp=$(mktemp -d)
python - "$tmp/formal.xlsx" <<'PY'
import sys
from pathlib import Path
from openpyxl import load_workbook
wb = load_workbook(next(Path("sample_inputs").glob("000_*.xlsx")))
for key, value in [("发文机关标志", "镜湖区司法局"), ("发文字号", "镜司〔2024〕12号"),
                   ("主送机关", "区委、区政府"),
                   ("抄送机关", "市司法局，区人大常委会办公室，区政协办公室，区纪委监委，区法院，区检察院"),
                   ("印发机关", "镜湖区司法局办公室"), ("印发日期", "2025年1月16日")]:
    wb["基本信息"].append([key, value, ""])
wb.save(sys.argv[1])
PY
drafter render "$tmp/formal.xlsx" -o "$tmp/formal.docx" --pdf >/dev/null
pages=$(pdfinfo "$tmp/formal.pdf" | awk '/^Pages:/ {print $2}')
pdftoppm -png -r 70 -f 1 -l 1 "$tmp/formal.pdf" "$tmp/first"
pdftoppm -png -r 70 -f "$pages" -l "$pages" "$tmp/formal.pdf" "$tmp/last"
cp "$tmp"/first-*.png docs/images/publish-letterhead-page1.png
cp "$tmp"/last-*.png docs/images/publish-imprint-last-page.png
rm -rf "$tmp"
