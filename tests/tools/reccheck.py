#!/usr/bin/env python3
"""Check the recommendations' open data and page against each other.

usage: reccheck.py SITE-DIR BUILD-DAY [CHECK=VALUE ...]

Reads data/recommendations.json and .csv (Python's json and csv), checks
that they hold the same rows and that the CSV guards values a
spreadsheet would run as formulas; then works out again, from the JSON
and data/reviews.json alone, what recommendations/index.html must show
(the counts by status, by learning theme and by agency, the ones past
their due date on BUILD-DAY and not completed, every recommendation)
and compares it with the page's tables (Python's html.parser), and the
insights page's table by year.  Extra arguments pin cells worked out by
hand: "TABLE CAPTION|ROW LABEL|CELL|CELL...".  Prints differences;
exits 1 if any.
"""
import csv
import datetime
import html.parser
import json
import sys


class Tables(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.caption, self.row, self.cell = {}, None, None, None
        self.current = None
        self.paras, self.para = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "caption":
            self.caption = ""
        elif tag == "tr":
            self.row = []
        elif tag in ("th", "td"):
            self.cell = ""
        elif tag == "p":
            self.para = ""

    def handle_endtag(self, tag):
        if tag == "caption":
            self.current = self.tables.setdefault(self.caption.strip(), [])
            self.caption = None
        elif tag in ("th", "td") and self.row is not None:
            self.row.append(" ".join(self.cell.split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.current.append(self.row)
            self.row = None
        elif tag == "p" and self.para is not None:
            self.paras.append(" ".join(self.para.split()))
            self.para = None

    def handle_data(self, data):
        if self.caption is not None:
            self.caption += data
        if self.cell is not None:
            self.cell += data
        if self.para is not None:
            self.para += data


def pct(k, n):
    return (200 * k + n) // (2 * n) if n else 0


def human(iso):
    if not iso:
        return "Not set"
    d = datetime.date.fromisoformat(iso)
    return "%d %s %d" % (d.day, d.strftime("%B"), d.year)


WORDS = {"accepted": "Accepted", "not accepted": "Not accepted",
         "in progress": "In progress", "completed": "Completed"}

site, today = sys.argv[1], datetime.date.fromisoformat(sys.argv[2])
problems = []
data = json.load(open(site + "/data/recommendations.json", encoding="utf-8"))
recs = data["recommendations"]
revs = {r["slug"]: r for r in json.load(
    open(site + "/data/reviews.json", encoding="utf-8"))["reviews"]}
cols = data["columns"]
with open(site + "/data/recommendations.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
if rows[0] != cols:
    problems.append("CSV header %r, JSON columns %r" % (rows[0], cols))
if len(rows) - 1 != len(recs):
    problems.append("CSV has %d rows, JSON %d" % (len(rows) - 1, len(recs)))
for row, rec in zip(rows[1:], recs):
    for c, v in zip(cols, row):
        j = rec[c]
        if c == "to":
            j = "; ".join(j)
        elif c in ("number",):
            j = str(j)
        elif c == "past_due":
            j = "true" if j else "false"
        elif j is None:
            j = ""
        if j[:1] in ("=", "+", "-", "@", "\t", "\r"):
            j = "'" + j
        if v != j:
            problems.append("%s #%s %s: CSV %r, JSON %r" % (rec["slug"], rec["number"], c, v, j))
for rec in recs:
    due = rec["due"] and datetime.date.fromisoformat(rec["due"])
    want = bool(due) and due < today and rec["status"] in ("accepted", "in progress")
    if rec["past_due"] != want:
        problems.append("%s #%s: past_due %r, want %r" % (rec["slug"], rec["number"], rec["past_due"], want))
    if rec["slug"] not in revs or revs[rec["slug"]]["title"] != rec["title"]:
        problems.append("%s: not a published review, or not its title" % rec["slug"])

page = Tables()
page.feed(open(site + "/recommendations/index.html", encoding="utf-8").read())
T = page.tables


def expect(caption, want):
    got = T.get(caption)
    if got is None:
        if want:
            problems.append("no table %r" % caption)
        return
    if got[1:] != want:
        problems.append("table %r:\n  page %r\n  want %r" % (caption, got[1:], want))


n = len(recs)
expect("Recommendations by status",
       [[WORDS[s], "%d (%d%%)" % (k, pct(k, n))]
        for s in WORDS for k in [sum(r["status"] == s for r in recs)]])
over = [r for r in recs if r["past_due"]]
expect("Recommendations past their due date and not completed",
       [[r["title"], str(r["number"]), r["text"], "; ".join(r["to"]) or "Not named",
         WORDS[r["status"]], human(r["due"])] for r in over])
themes = {}
for r in recs:
    for t in revs[r["slug"]]["themes"]:
        c = themes.setdefault(t, [0, 0])
        c[0] += 1
        c[1] += r["status"] == "completed"
got = T.get("Recommendations by learning theme", [[]])[1:]
if sorted(g[0] for g in got) != sorted(themes):
    problems.append("themes: page %r, want %r" % ([g[0] for g in got], sorted(themes)))
for g in got:
    c = themes.get(g[0], [0, 0])
    if g[1:] != [str(c[0]), "%d (%d%%)" % (c[1], pct(c[1], c[0]))]:
        problems.append("theme %s: page %r, want %r" % (g[0], g[1:], c))
agencies, none = {}, 0
for r in recs:
    none += not r["to"]
    for a in r["to"]:
        c = agencies.setdefault(a.lower(), [min(x for x in [a] + [
            b for q in recs for b in q["to"] if b.lower() == a.lower()]), 0, 0])
        c[1] += 1
        c[2] += r["status"] == "completed"
want = [[c[0], str(c[1]), "%d (%d%%)" % (c[2], pct(c[2], c[1]))]
        for c in sorted(agencies.values(), key=lambda c: (-c[1], c[0].lower()))]
if none:
    want.append(["No agency named", str(none), "-"])
expect("Recommendations by agency", want)
expect("Every recommendation and its progress",
       [[r["title"], str(r["number"]), r["text"], "; ".join(r["to"]) or "Not named",
         WORDS[r["status"]] + (" (past due)" if r["past_due"] else ""),
         human(r["due"]), human(r["updated"])] for r in recs])

# The insights page: by year of the review, oldest first.
ins = Tables()
ins.feed(open(site + "/insights/index.html", encoding="utf-8").read())
years = sorted({r["published"][:4] for r in revs.values()})
want = []
for y in years:
    sel = [r for r in recs if revs[r["slug"]]["published"][:4] == y]
    k = sum(r["status"] == "completed" for r in sel)
    e = sum(r["evidence"] is not None for r in sel)
    want.append([y, str(len(sel))] + (["%d%% (%d of %d)" % (pct(k, len(sel)), k, len(sel)),
                                       "%d%% (%d of %d)" % (pct(e, len(sel)), e, len(sel))]
                                      if sel else ["-", "-"]))
got = ins.tables.get("Recommendations completed and with evidence of impact, by year of the review")
if got is None or got[1:] != want:
    problems.append("insights by year:\n  page %r\n  want %r" % (got and got[1:], want))

for a in sys.argv[3:]:
    cap, *cells = a.split("|")
    if cells not in T.get(cap, [])[1:] and cells not in ins.tables.get(cap, [])[1:] and \
            not any(cap in p for p in page.paras + ins.paras):
        problems.append("not on the page: %r" % a)
for p in problems:
    print(p)
print("reccheck: %d recommendations, %d tables, %d problems" % (len(recs), len(T), len(problems)),
      file=sys.stderr)
sys.exit(1 if problems else 0)
