#!/usr/bin/env bash
# Regenerate the README's page pictures from the real output of the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
drafter render sample_inputs/000_*.xlsx -o "$tmp/000.docx"
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/000.docx" >/dev/null
pdftoppm -png -r 70 -f 1 -l 2 "$tmp/000.pdf" "$tmp/page"
cp "$tmp/page-1.png" docs/images/sample-000-page1.png
cp "$tmp/page-2.png" docs/images/sample-000-page2.png
rm -rf "$tmp"
