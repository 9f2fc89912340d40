#!/usr/bin/env python3
"""Runs ../shared/bench/python_fast.py unchanged on pages it would otherwise crash on.

python_fast.py assumes every deviceList element is an object and every make, model, firmware and
upgradeTime is text or null; ThingSpace (and our demo fleet, which copies its quirks) sends a few
records in a hundred thousand that are not: "corrupt record", 12345, null, [1,2]; "firmware": 42;
"upgradeTime": 1793491200. On those it stops with a TypeError or AttributeError. This shim wraps
orjson.loads so each page it reads has those records dropped and those values turned into text;
the script's own code then runs as written. The extra work (one type check per field of four, per
device) is charged to the Python side's time.

usage: python_fast_shim.py PYTHON_FAST PAGES_DIR OUT_DIR AS_OF_EPOCH_MS
"""
import runpy
import sys

import orjson

TEXT_FIELDS = ("make", "model", "firmware", "upgradeTime")
_loads = orjson.loads


def loads(body):
    page = _loads(body)
    devices = page.get("deviceList") if isinstance(page, dict) else None
    if isinstance(devices, list):
        kept = [d for d in devices if isinstance(d, dict)]
        for d in kept:
            for field in TEXT_FIELDS:
                value = d.get(field)
                if value is not None and not isinstance(value, str):
                    d[field] = orjson.dumps(value).decode()
        page["deviceList"] = kept
    return page


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: python_fast_shim.py PYTHON_FAST PAGES_DIR OUT_DIR AS_OF_EPOCH_MS")
    script = sys.argv[1]
    orjson.loads = loads
    sys.argv = [script] + sys.argv[2:]
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
