#!/usr/bin/env bash
# Checks that a zona xlsx report opens in LibreOffice: converts it to PDF headless, in a temporary
# directory with a private LibreOffice profile, and fails if the conversion fails or yields no PDF.
#
# Usage: scripts/check-report-libreoffice.sh <report.xlsx> [keep.pdf]
#        scripts/check-report-libreoffice.sh --all [pdf-dir]
#   keep.pdf   optional: copy the PDF there to look at it
#   --all      writes every kind of workbook zona writes (a report in each language, the template,
#              a comparison, a batch summary) from the samples with $ZONA (default
#              target/debug/zona) and converts each; pdf-dir optional: keep the PDFs there
#
# Needs LibreOffice Calc (Debian/Ubuntu: apt-get install -y libreoffice-calc-nogui).
# Exit codes: 0 converted; 1 conversion failed; 2 usage or LibreOffice missing.
set -euo pipefail

me=$(basename "$0")
if [[ "${1:-}" == "--all" ]]; then
    root=$(cd "$(dirname "$0")/.." && pwd)
    zona=${ZONA:-$root/target/debug/zona}
    keep_dir=${2:-}
    [[ -n "$keep_dir" ]] && mkdir -p "$keep_dir"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    b="$root/samples/batch"
    "$zona" score "$b/lke-rsud-cendana-2023.xlsx" --out "$work/laporan.xlsx" >/dev/null
    "$zona" score "$root/samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx" --lang en \
        --out "$work/report-en.xlsx" >/dev/null
    "$zona" template --out "$work/template.xlsx" >/dev/null
    "$zona" compare "$b"/lke-kantor-pelayanan-bahari-202{3,4,5}.xlsx --out "$work/compare.xlsx" >/dev/null
    "$zona" batch "$b" --out "$work/ringkasan.xlsx" >/dev/null 2>&1
    status=0
    for f in laporan report-en template compare ringkasan; do
        "$0" "$work/$f.xlsx" ${keep_dir:+"$keep_dir/$f.pdf"} || status=1
    done
    exit $status
fi
if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $me <report.xlsx> [keep.pdf]" >&2
    exit 2
fi
report=$1
keep=${2:-}
if [[ ! -f "$report" ]]; then
    echo "$me: $report: no such file" >&2
    exit 2
fi
lo=$(command -v libreoffice || command -v soffice || true)
if [[ -z "$lo" ]]; then
    echo "$me: LibreOffice not found (apt-get install -y libreoffice-calc-nogui)" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/out"
cp -- "$report" "$tmp/report.xlsx"
log="$tmp/convert.log"

# LibreOffice may exit 0 without writing anything, so the PDF itself is checked below.
if ! timeout "${ZONA_LO_TIMEOUT:-300}" "$lo" \
    -env:UserInstallation="file://$tmp/profile" \
    --headless --norestore --nolockcheck \
    --convert-to pdf --outdir "$tmp/out" "$tmp/report.xlsx" >"$log" 2>&1; then
    cat "$log" >&2
    echo "$me: $report: LibreOffice failed to convert the report" >&2
    exit 1
fi
pdf="$tmp/out/report.pdf"
if [[ ! -s "$pdf" ]]; then
    cat "$log" >&2
    echo "$me: $report: LibreOffice wrote no PDF" >&2
    exit 1
fi
if [[ "$(head -c 5 "$pdf")" != "%PDF-" ]]; then
    echo "$me: $report: the converted file is not a PDF" >&2
    exit 1
fi
if grep -qi "error" "$log"; then
    cat "$log" >&2
    echo "$me: $report: LibreOffice reported an error" >&2
    exit 1
fi
bytes=$(wc -c <"$pdf" | tr -d ' ')
pages=$(grep -a -c "/Type */Page[^s]" "$pdf" || true)
if [[ -n "$keep" ]]; then
    cp -- "$pdf" "$keep"
fi
echo "$report: converted to PDF by $("$lo" --version 2>/dev/null | head -n 1 || echo LibreOffice): $pages pages, $bytes bytes"
