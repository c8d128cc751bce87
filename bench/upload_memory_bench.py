"""The memory an oversized plan upload costs: a 90,000-row sheet, refused.

    .venv/bin/python bench/upload_memory_bench.py [--rows 90000]

Builds a plan file of ``--rows`` filled rows (openpyxl, write-only: a problem and a deadline
per row, under both byte limits of services/plan_xlsx.py), then, each in a fresh process,
measures the resident memory (VmRSS, and the peak VmHWM) before and after:

- ``old``: what the upload did before the row count was checked first: openpyxl loads the whole
  sheet, the rows are counted, the file refused, everything dropped and collected;
- ``new``: `parse_plan` as it is (the rows counted as the sheet's XML streams by; refused
  before openpyxl is called).

Prints a table; writes nothing to the repository.
"""

import argparse
import gc
import io
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path


def build(rows: int) -> bytes:
    from zoneinfo import ZoneInfo

    from openpyxl import Workbook

    from locales import Translator

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Plan")
    t = Translator().bind("ru", ZoneInfo("Asia/Almaty"))
    sheet.append(
        [
            t("plan-xlsx-col-problem"),
            t("plan-xlsx-col-measure"),
            t("plan-xlsx-col-executor"),
            t("plan-xlsx-col-deadline"),
            t("plan-xlsx-col-questions"),
        ]
    )
    for number in range(rows):
        sheet.append([f"Ремонт дороги {number}", None, None, "30.06.2027", None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def memory() -> tuple[int, int]:
    """(VmRSS, VmHWM) of this process, in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            fields[key] = int(value.split()[0]) // 1024
    return fields["VmRSS"], fields["VmHWM"]


def run(mode: str, path: str) -> None:
    from locales import Translator
    from services.plan_xlsx import PlanFileError, header_names, parse_plan

    data = Path(path).read_bytes()
    translator = Translator()
    names = header_names(translator)
    gc.collect()
    before, _ = memory()
    if mode == "old":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), data_only=False, rich_text=False)
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(min_row=2, max_row=sheet.max_row))
        refused = len(rows) > 200
        del rows, sheet, workbook
    else:
        try:
            parse_plan(
                data,
                headers=names,
                expected_headers=["A", "B", "C", "D", "E"],
                meeting_date=date(2026, 12, 1),
                questions={},
            )
            refused = False
        except PlanFileError:
            refused = True
    gc.collect()
    after, peak = memory()
    print(f"{mode}\t{refused}\t{before}\t{peak}\t{after}\t{after - before}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=90_000)
    parser.add_argument("--mode", choices=["old", "new"])
    parser.add_argument("--file")
    args = parser.parse_args()
    if args.mode:
        run(args.mode, args.file)
        return
    data = build(args.rows)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    print(f"{args.rows} rows: file {len(data) / 2**20:.1f} MB, unpacked {unpacked / 2**20:.1f} MB")
    print("mode\trefused\tRSS before MB\tpeak MB\tRSS after MB\tkept MB")
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        handle.write(data)
        handle.flush()
        for mode in ("old", "new"):
            result = subprocess.run(
                [sys.executable, __file__, "--mode", mode, "--file", handle.name],
                check=True,
                capture_output=True,
                text=True,
            )
            print(result.stdout.strip())


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
