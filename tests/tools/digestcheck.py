#!/usr/bin/env python3
"""Check an e-mail written by lcspr digest (tests/checks/8-digest.sh).

usage: digestcheck.py FILE --base URL --slugs a,b,c [--subject S]
                      [--more N | --capped] [--text-has S]...
                      [--html-has S]...
                      [--html-not S]...

The message is read back with Python's email module (policy default):
no defects; CRLF line ends; header lines of at most 78 characters and
body lines of at most 76; MIME-Version, Date, Subject (decoded, equal
to S), multipart/alternative with exactly a text/plain part then a
text/html part, both UTF-8 and quoted-printable, the boundary in
neither; the HTML part parses (html.parser: no script, style or img
element, nothing unbalanced), its review links (the h2 links) are
exactly the slugs given, in order, as are the text part's "Read the
review:" links; "And N more reviews" when --more is given (and not
otherwise; --capped: the first slugs listed, at least one, and the
others counted); the HTML part under 100 KB as sent and decoded.  Prints
"FAIL: ..." lines and exits 1 on any failure, else prints the decoded
HTML part's path (FILE.html) for xmllint.
"""
import argparse
import email
import email.policy
import email.utils
import re
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "hr", "link", "input"}


class Parts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.h2links = []
        self.banned = []
        self.in_h2 = 0
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style", "img", "iframe", "object", "form"):
            self.banned.append(tag)
        if "class" in a:
            self.banned.append("class attribute on " + tag)
        if any(k.startswith("on") for k in a):
            self.banned.append("event attribute on " + tag)
        if tag == "h2":
            self.in_h2 += 1
        if tag == "a" and self.in_h2:
            self.h2links.append(a.get("href"))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("unbalanced </%s> (open: %s)" %
                               (tag, "/".join(self.stack)))
            return
        self.stack.pop()
        if tag == "h2":
            self.in_h2 -= 1

    def handle_data(self, data):
        self.text.append(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--base", required=True)
    ap.add_argument("--slugs", required=True)
    ap.add_argument("--subject")
    ap.add_argument("--more", type=int)
    ap.add_argument("--capped", action="store_true")
    ap.add_argument("--text-has", action="append", default=[])
    ap.add_argument("--html-has", action="append", default=[])
    ap.add_argument("--html-not", action="append", default=[])
    o = ap.parse_args()
    fails = []
    raw = open(o.file, "rb").read()
    slugs = [s for s in o.slugs.split(",") if s]
    want = [o.base + "reviews/" + s + "/" for s in slugs]

    # Lines: CRLF, no bare CR or LF; headers 78, bodies 76.
    if raw.replace(b"\r\n", b"").count(b"\n") or \
            raw.replace(b"\r\n", b"").count(b"\r"):
        fails.append("a line does not end in CRLF")
    head, _, body = raw.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if len(line) > 78 and not line.startswith(b"Message-ID:"):
            fails.append("header line longer than 78: %r" % line)
    for line in body.split(b"\r\n"):
        if len(line) > 76:
            fails.append("body line longer than 76: %r" % line[:80])
            break
    if any(b > 126 for b in raw):
        fails.append("the message is not 7-bit")

    m = email.message_from_bytes(raw, policy=email.policy.default)
    if m.defects:
        fails.append("defects: %r" % m.defects)
    if m["MIME-Version"] != "1.0":
        fails.append("MIME-Version is %r" % m["MIME-Version"])
    if m["Date"] is None or email.utils.parsedate_to_datetime(m["Date"]) is None:
        fails.append("no Date")
    if o.subject is not None and str(m["Subject"]) != o.subject:
        fails.append("Subject is %r, want %r" % (str(m["Subject"]), o.subject))
    if m.get_content_type() != "multipart/alternative":
        fails.append("Content-Type is %s" % m.get_content_type())
    parts = list(m.iter_parts())
    types = [p.get_content_type() for p in parts]
    if types != ["text/plain", "text/html"]:
        fails.append("parts are %r, want text/plain then text/html" % types)
        print("\n".join("FAIL: " + f for f in fails))
        return 1
    text = html = ""
    for p in parts:
        if p.defects:
            fails.append("%s defects: %r" % (p.get_content_type(), p.defects))
        if p.get_content_charset() != "utf-8":
            fails.append("%s charset %r" % (p.get_content_type(),
                                            p.get_content_charset()))
        if p["Content-Transfer-Encoding"] != "quoted-printable":
            fails.append("%s is not quoted-printable" % p.get_content_type())
    text = parts[0].get_content()
    html = parts[1].get_content()
    bound = m.get_boundary()
    if bound is None or bound in text or bound in html:
        fails.append("the boundary %r occurs in a part" % bound)

    # HTML: size as sent and decoded, structure, the reviews listed.
    sent = parts[1].as_bytes()
    if len(sent) >= 100000 or len(html.encode()) >= 100000:
        fails.append("HTML part %d bytes as sent, %d decoded: not under "
                     "100 KB" % (len(sent), len(html.encode())))
    h = Parts()
    h.feed(html)
    h.close()
    if h.errors:
        fails.append("HTML: " + "; ".join(h.errors[:5]))
    if h.stack:
        fails.append("HTML: unclosed " + "/".join(h.stack))
    if h.banned:
        fails.append("HTML has " + ", ".join(sorted(set(h.banned))))
    if o.capped:
        # Too many for 100 KB: the first ones listed, the rest counted.
        if not 0 < len(h.h2links) < len(want):
            fails.append("capped: %d of %d listed" % (len(h.h2links),
                                                     len(want)))
        o.more = len(want) - len(h.h2links)
        want = want[:len(h.h2links)]
    if h.h2links != want:
        fails.append("HTML lists %r, want %r" % (h.h2links, want))
    for s in o.html_has:
        if s not in html:
            fails.append("HTML lacks %r" % s)
    for s in o.html_not:
        if s in html:
            fails.append("HTML has %r" % s)

    # Text: the same reviews, in order; words intact.
    flat = " ".join(text.split())
    links = re.findall(r"Read the review: (\S+)", flat)
    if links != want:
        fails.append("text lists %r, want %r" % (links, want))
    if "<" in text.replace("<script>", "").replace("</script>", "") \
            .replace("<b>", "").replace("</b>", "").replace("< sign", ""):
        fails.append("markup in the text part")
    for s in o.text_has:
        if " ".join(s.split()) not in flat:
            fails.append("text lacks %r" % s)
    more = re.search(r"And (\d+) more reviews?: see", flat)
    hmore = re.search(r"And (\d+) more reviews?: see", " ".join(
        "".join(h.text).split()))
    if o.more is None and (more or hmore):
        fails.append("says 'And N more' though every review fits")
    if o.more is not None:
        if not more or int(more.group(1)) != o.more:
            fails.append("text: want 'And %d more reviews', got %r" %
                         (o.more, more and more.group(0)))
        if not hmore or int(hmore.group(1)) != o.more:
            fails.append("HTML: want 'And %d more reviews', got %r" %
                         (o.more, hmore and hmore.group(0)))
    open(o.file + ".html", "w", encoding="utf-8").write(html)
    open(o.file + ".txt", "w", encoding="utf-8").write(text)
    if fails:
        print("\n".join("FAIL: " + f for f in fails))
        return 1
    print(o.file + ".html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
