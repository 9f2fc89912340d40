"""Reads a workbook back with openpyxl, an independent reader, and prints what the tests check.

Usage: python3 read_workbook.py FILE [SHEET]

Prints one JSON object: for each sheet in order, its name, header row, data rows, the Python types
of each column's data cells, its frozen pane and autofilter; and the charts in the file. With SHEET,
prints that sheet's every row instead, each cell as text (empty cells as null).
"""
import json
import sys
import zipfile

import openpyxl


def main(path):
    workbook = openpyxl.load_workbook(path, read_only=False)
    sheets = []
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        header = [cell for cell in rows[0]] if rows else []
        while header and header[-1] is None:
            header.pop()
        data = rows[1:]
        types = []
        for column in range(len(header)):
            seen = sorted({type(row[column]).__name__ for row in data if column < len(row) and row[column] is not None})
            types.append(seen)
        sheets.append({
            "name": sheet.title,
            "header": header,
            "rows": len(data),
            "types": types,
            "frozen": sheet.freeze_panes,
            "autofilter": sheet.auto_filter.ref,
            "first": [None if value is None else str(value) for value in data[0]] if data else [],
        })
    with zipfile.ZipFile(path) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
    print(json.dumps({"sheets": sheets, "charts": charts}))


def dump(path, name):
    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = workbook[name].iter_rows(values_only=True)
    print(json.dumps([[None if value is None else str(value) for value in row] for row in rows]))


if __name__ == "__main__":
    if len(sys.argv) > 2:
        dump(sys.argv[1], sys.argv[2])
    else:
        main(sys.argv[1])
