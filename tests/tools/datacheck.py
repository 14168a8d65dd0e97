#!/usr/bin/env python3
"""Parse a built site's open data back and compare the two files.

usage: datacheck.py SITE-DIR [slug=field=value ...]

data/reviews.json must parse as JSON, data/reviews.csv as RFC 4180 CSV
(UTF-8 with a byte-order mark, CRLF line ends); both must hold the same
reviews, in the same order, with the same values (themes joined with
"; " in the CSV, null as an empty field, and in the CSV a value
starting with = + - @, a tab or a carriage return gets a leading '
so that spreadsheets do not run it as a formula).  Each extra argument asserts
one value in the JSON.  Prints what differs; exits 1 on any difference.
"""
import csv
import io
import json
import sys

site = sys.argv[1]
problems = []
with open(site + "/data/reviews.json", encoding="utf-8") as f:
    data = json.load(f)
raw = open(site + "/data/reviews.csv", "rb").read()
if not raw.startswith(b"\xef\xbb\xbf"):
    problems.append("reviews.csv: no UTF-8 byte-order mark")
body = raw.decode("utf-8-sig")
if "\n" in body.replace("\r\n", ""):
    problems.append("reviews.csv: a line ends without CRLF")
rows = list(csv.reader(io.StringIO(body, newline=""), strict=True))
cols = data["columns"]
if rows[0] != cols:
    problems.append("reviews.csv: header %r, want %r" % (rows[0], cols))
if len(rows) - 1 != len(data["reviews"]):
    problems.append("reviews.csv has %d rows, reviews.json %d reviews"
                    % (len(rows) - 1, len(data["reviews"])))
for row, rev in zip(rows[1:], data["reviews"]):
    for col, cell in zip(cols, row):
        v = rev[col]
        if isinstance(v, list):
            v = "; ".join(v)
        elif isinstance(v, bool):
            v = "true" if v else "false"
        elif v is None:
            v = ""
        if v[:1] in ("=", "+", "-", "@", "\t", "\r"):
            v = "'" + v
        if v != cell:
            problems.append("%s %s: csv %r, json %r" % (rev["slug"], col, cell, v))
by = {r["slug"]: r for r in data["reviews"]}
for a in sys.argv[2:]:
    slug, field, want = a.split("=", 2)
    got = by.get(slug, {}).get(field)
    if isinstance(got, list):
        got = "; ".join(got)
    if str(got) != want:
        problems.append("%s %s: %r, want %r" % (slug, field, got, want))
for p in problems:
    print(p)
print("datacheck: %d reviews, %d problems" % (len(data["reviews"]), len(problems)),
      file=sys.stderr)
sys.exit(1 if problems else 0)
