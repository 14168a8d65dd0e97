#!/usr/bin/env python3
"""Work out the insights figures independently and compare with the page.

usage: insightcheck.py SITE-DIR [CHECK=VALUE ...]

From data/reviews.json (the published reviews' front matter), compute
the reviews per year and per region, the learning-theme counts, the
share recording ethnicity per region and per year, and the timeliness
medians and six-month shares, then read the tables of
insights/index.html (Python's html.parser) and compare cell by cell.
Also checks the charts and the words: a number is followed by "review"
and "day" when it is 1 and by "reviews" and "days" otherwise, anywhere
on the page; a bar is drawn exactly for the rows whose value is not
zero; no learning theme without a review is in the chart, the table
or the grid of themes by year; and every table is in a region that
takes the keyboard focus, named by its caption.
Extra arguments pin figures worked out by hand, e.g.
"ethnicity=2 of 3 reviews (67%)".  Prints differences; exits 1 if any.
"""
import re
import datetime
import html.parser
import json
import statistics
import sys


class Tables(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.text = {}, None, []
        self.caption = None
        self.row = None
        self.para = None
        self.paras = []

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
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr":
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


class Charts(html.parser.HTMLParser):
    """The SVG charts (each a list of rows: texts and bar widths), all
    the text of the page, and the boxes around the tables."""

    def __init__(self):
        super().__init__()
        self.charts, self.words, self.boxes = [], [], []
        self.chart = self.row = self.text = None
        self.stack = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.chart = {"id": a.get("aria-labelledby", "").split(" ")[0],
                          "heat": "lcspr-chart--heat" in a.get("class", ""), "rows": []}
            self.charts.append(self.chart)
        elif tag == "g" and self.chart is not None:
            self.row = {"texts": [], "bars": []}
            self.chart["rows"].append(self.row)
        elif tag == "rect" and self.row is not None:
            self.row["bars"].append(float(a.get("width", "0")))
        elif tag == "text":
            self.text = ""
        elif tag == "div":
            self.stack.append(a)
        elif tag == "table":
            self.boxes.append([self.stack[-1] if self.stack else {}, None])
        elif tag == "caption" and self.boxes:
            self.boxes[-1][1] = a.get("id")

    def handle_endtag(self, tag):
        if tag == "svg":
            self.chart = self.row = None
        elif tag == "g":
            self.row = None
        elif tag == "text" and self.text is not None:
            if self.row is not None:
                self.row["texts"].append(self.text)
            self.text = None
        elif tag == "div" and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.text is not None:
            self.text += data
        self.words.append(data)


def pct(k, n):
    return (200 * k + n) // (2 * n) if n else 0


def days(d):
    n = ("%d" % d) if d == int(d) else ("%.1f" % d)
    return n + (" day" if d == 1 else " days")


def date(s):
    return datetime.date.fromisoformat(s) if s else None


def within6(a, b):
    m = a.month + 6
    y = a.year + (m > 12)
    m = m - 12 if m > 12 else m
    last = (datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return b <= datetime.date(y, m, min(a.day, last))


site = sys.argv[1]
revs = json.load(open(site + "/data/reviews.json", encoding="utf-8"))["reviews"]
page = Tables()
page.feed(open(site + "/insights/index.html", encoding="utf-8").read())
T = page.tables
problems = []


def expect(caption, rows):
    got = T.get(caption)
    if got is None:
        problems.append("no table %r" % caption)
        return
    body = got[1:]
    if body != rows:
        problems.append("table %r:\n  page %r\n  want %r" % (caption, body, rows))


years = sorted({r["published"][:4] for r in revs})
expect("Reviews published by year",
       [[y, str(sum(r["published"][:4] == y for r in revs))] for y in years])
regions = [row[0] for row in T.get("Reviews published by region", [[]])[1:]]
expect("Reviews published by region",
       [[g, str(sum(r["region"] == g for r in revs))] for g in regions])
counts = {}
for r in revs:
    for t in r["themes"]:
        counts[t] = counts.get(t, 0) + 1
page_themes = T.get("Reviews per learning theme", [[]])[1:]
if sorted(counts.items(), key=lambda kv: -kv[1])[:20] and \
        [int(c) for _, c in page_themes] != sorted(counts.values(), reverse=True)[:20]:
    problems.append("theme counts not in descending order or wrong")
for name, c in page_themes:
    if str(counts.get(name)) != c:
        problems.append("theme %s: page %s, want %s" % (name, c, counts.get(name)))


def eth_rows(key, labels):
    out = []
    for lab in labels:
        sel = [r for r in revs if key(r) == lab]
        k = sum(r["ethnicity_recorded"] for r in sel)
        out.append([lab, str(len(sel)), str(k), ("%d%%" % pct(k, len(sel))) if sel else "-"])
    return out


expect("Share of reviews recording ethnicity, by region", eth_rows(lambda r: r["region"], regions))
expect("Share of reviews recording ethnicity, by year", eth_rows(lambda r: r["published"][:4], years))


def time_cells(sel):
    a = [(date(r["published"]) - date(r["notified"])).days for r in sel if r["notified"]]
    b = [(date(r["completed"]) - date(r["commissioned"])).days for r in sel
         if r["commissioned"] and r["completed"]]
    six = sum(within6(date(r["commissioned"]), date(r["completed"])) for r in sel
              if r["commissioned"] and r["completed"])
    c0 = ("%s (%d)" % (days(statistics.median(a)), len(a))) if a else "- (0)"
    c1 = ("%s (%d)" % (days(statistics.median(b)), len(b))) if b else "- (0)"
    c2 = ("%d%% (%d of %d)" % (pct(six, len(b)), six, len(b))) if b else "- (0)"
    return [c0, c1, c2]


expect("How long reviews take, by region",
       [[g] + time_cells([r for r in revs if r["region"] == g]) for g in regions])
expect("How long reviews take, by year",
       [[y] + time_cells([r for r in revs if r["published"][:4] == y]) for y in years])


# Issue 15: identity and voice, rapid reviews in working days, how the
# reports were published.  The bank holidays are worked out here from
# England's rules (Easter by the anonymous Gregorian algorithm, the
# substitute days, the one-off days), not read from lcspr's table.
def easter(y):
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    return datetime.date(y, (h + l - 7 * m + 114) // 31, (h + l - 7 * m + 114) % 31 + 1)


def monday(d, step):
    while d.weekday() != 0:
        d += datetime.timedelta(step)
    return d


def bank_holidays(y):
    if y < 2018 or y > 2030:
        return set()
    one = datetime.timedelta(1)
    d = datetime.date(y, 1, 1)
    while d.weekday() >= 5:
        d += one
    h = [d, easter(y) - 2 * one, easter(y) + one, monday(datetime.date(y, 5, 1), 1),
         monday(datetime.date(y, 5, 31), -1), monday(datetime.date(y, 8, 31), -1)]
    c, b = datetime.date(y, 12, 25), datetime.date(y, 12, 26)
    if c.weekday() == 5:
        c, b = datetime.date(y, 12, 27), datetime.date(y, 12, 28)
    elif c.weekday() == 6:
        c = datetime.date(y, 12, 27)
    elif b.weekday() == 5:
        b = datetime.date(y, 12, 28)
    h += [c, b]
    moved = {2020: ([datetime.date(2020, 5, 4)], [datetime.date(2020, 5, 8)]),
             2022: ([datetime.date(2022, 5, 30)], [datetime.date(2022, 6, 2), datetime.date(2022, 6, 3),
                                                   datetime.date(2022, 9, 19)]),
             2023: ([], [datetime.date(2023, 5, 8)])}
    for gone in moved.get(y, ([], []))[0]:
        h.remove(gone)
    h += moved.get(y, ([], []))[1]
    return set(h)


def workdays(a, b):
    n, d = 0, a
    while d < b:
        d += datetime.timedelta(1)
        n += d.weekday() < 5 and d not in bank_holidays(d.year)
    return n


def share(k, n):
    return "%d%% (%d of %d)" % (pct(k, n), k, n) if n else "-"


def panel(sel):
    out = []
    for col in ("ethnicity_recorded", "ethnicity_analysed", "faith_recorded", "faith_analysed"):
        said = [r for r in sel if r.get(col) is not None]
        out.append(share(sum(r[col] for r in said), len(said)))
    return out


expect("Ethnicity and faith recorded and analysed, by region",
       [[g, str(sum(r["region"] == g for r in revs))] + panel([r for r in revs if r["region"] == g])
        for g in regions])
expect("Ethnicity and faith recorded and analysed, by year",
       [[y, str(sum(r["published"][:4] == y for r in revs))] + panel([r for r in revs if r["published"][:4] == y])
        for y in years])
voiced = [r for r in revs if r.get("child_voice")]
family = [r for r in revs if r.get("family_views") is not None]
overall = panel(revs)
names = ["Ethnicity recorded", "Ethnicity analysed", "Faith recorded", "Faith analysed"]
cols = ["ethnicity_recorded", "ethnicity_analysed", "faith_recorded", "faith_analysed"]


def rests(n, everyone):
    return "%d %s%s" % (n, "review" if n == 1 else "reviews",
                        "" if everyone else (" that says" if n == 1 else " that say"))


want = [[names[i], overall[i], rests(sum(r.get(cols[i]) is not None for r in revs), i == 0)] for i in range(4)]
for v in ("quoted", "reported", "absent"):
    want.append(["Child's voice " + v, share(sum(r["child_voice"] == v for r in voiced), len(voiced)),
                 rests(len(voiced), False)])
want.append(["Family's views given", share(sum(r["family_views"] for r in family), len(family)),
             rests(len(family), False)])
expect("Identity and the child's voice, all reviews", want)


def rapid_cells(sel):
    w = [workdays(date(r["notified"]), date(r["rapid_review"])) for r in sel
         if r.get("notified") and r.get("rapid_review")]
    if not w:
        return ["-", "- (0)"]
    m = statistics.median(w)
    n = ("%d" % m) if m == int(m) else ("%.1f" % m)
    return [share(sum(x <= 15 for x in w), len(w)),
            "%s working %s (%d)" % (n, "day" if m == 1 else "days", len(w))]


expect("Rapid reviews within 15 working days, by region",
       [[g] + rapid_cells([r for r in revs if r["region"] == g]) for g in regions])
expect("Rapid reviews within 15 working days, by year",
       [[y] + rapid_cells([r for r in revs if r["published"][:4] == y]) for y in years])
kinds = [r.get("publication") or "full" for r in revs]
expect("Reviews by how the report was published",
       [["Full report", str(kinds.count("full"))],
        ["Improvements made, instead of the report", str(kinds.count("improvements"))],
        ["Withheld for now", str(kinds.count("withheld-for-now"))]])

# Plurals, bars and empty themes.
charts = Charts()
charts.feed(open(site + "/insights/index.html", encoding="utf-8").read())
text = " ".join(" ".join(charts.words).split())
for m in re.finditer(r"\b(\d+(?:\.\d+)?) (review|day)(s?)\b", text):
    if (m.group(1) == "1") != (m.group(3) == ""):
        problems.append("wrong plural: %r in %r" % (m.group(0), text[max(0, m.start() - 40):m.end() + 10]))
if not re.search(r"\b\d+ reviews?\b", text):
    problems.append("no count of reviews in words on the page")
for c in charts.charts:
    if c["heat"]:
        continue
    for row in c["rows"]:
        label, value = (row["texts"] + ["", ""])[:2]
        zero = re.match(r"(0(%| |$)|no )", value) is not None
        if zero and row["bars"]:
            problems.append("chart %s: a bar for %r, whose value is %r" % (c["id"], label, value))
        if not zero and (len(row["bars"]) != 1 or row["bars"][0] <= 0):
            problems.append("chart %s: no bar for %r, whose value is %r" % (c["id"], label, value))
        if c["id"] == "themes-chart-title" and counts.get(label, 0) == 0:
            problems.append("themes chart: %r has no review but is in the chart" % label)
if counts and not any(c["id"] == "themes-chart-title" for c in charts.charts):
    problems.append("no chart of the commonest learning themes")
for name, c in page_themes:
    if c == "0":
        problems.append("themes table: %r has no review but is listed" % name)
for row in T.get("Reviews per learning theme and year", [[]])[1:]:
    if counts.get(row[0], 0) == 0:
        problems.append("themes by year: %r has no review but is listed" % row[0])
for box, cap in charts.boxes:
    if box.get("role") != "region" or box.get("tabindex") != "0" or \
            not cap or box.get("aria-labelledby") != cap:
        problems.append("table %r is not in a focusable region named by its caption" % cap)
for a in sys.argv[2:]:
    if not any(a in p for p in page.paras) and not any(
            a in " | ".join(" ".join(row) for row in t) for t in T.values()):
        problems.append("not on the page: %r" % a)
for p in problems:
    print(p)
print("insightcheck: %d reviews, %d tables, %d problems" % (len(revs), len(T), len(problems)),
      file=sys.stderr)
sys.exit(1 if problems else 0)
