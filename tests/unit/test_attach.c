/*
 * attach.c: which file names are attachments; check.c's check_document:
 * findings in a PDF's text name their page, in page order, and those in
 * a property name the property.
 */
#include <stdlib.h>

#include "../../gen/lcspr.h"
#include "../../gen/internal.h"
#include "../../gen/extern.h"
#include "harness.h"

void
test_attach(void)
{
	struct site	 s;
	struct run	 run;
	struct opts	 o;
	const char	*t;
	FILE		*null;

	CHECK_STR(attach_type("report.pdf"), "PDF");
	CHECK_STR(attach_type("content/files/Report.PDF"), "PDF");
	CHECK_STR(attach_type("a.b/photo.JPeg"), "JPEG image");
	CHECK_STR(attach_type("figures.csv"), "CSV");
	CHECK_STR(attach_type("notes.docx"), "Word document");
	CHECK(attach_type("tool.exe") == NULL, "exe is not an attachment");
	CHECK(attach_type("reports.zip") == NULL, "zip is not either");
	CHECK(attach_type("a.pdf/README") == NULL, "no extension");
	CHECK(attach_type("child-a.md") == NULL, "md is content");
	CHECK(attach_type("pdf") == NULL, "a name, not an extension");

	memset(&s, 0, sizeof(s));
	memset(&run, 0, sizeof(run));
	s.run = &run;
	s.diag = &run.diag;
	memset(&o, 0, sizeof(o));
	s.opts = &o;
	diag_init(s.diag);
	check_init(&s);
	null = fopen("/dev/null", "w");
	/* Two findings on page 3 found by different rules, one on page 1,
	 * given in page order whatever the rules' order. */
	t = "page one: sam@example.org\n\fpage two\n\fcall 07700 900123 "
	    "or sam@example.org\n\f";
	CHECK(check_document(&s, "r.pdf", t, strlen(t), NULL) == 0,
	    "findings in a document are errors");
	CHECK(s.diag->msgsz == 3, "three findings, got %zu", s.diag->msgsz);
	if (s.diag->msgsz == 3) {
		CHECK_STR(s.diag->msgs[0].text, "page 1: email: an e-mail "
		    "address \"sam***********g\"");
		CHECK_STR(s.diag->msgs[1].text, "page 3: phone: a UK phone "
		    "number \"077********3\"");
		CHECK_STR(s.diag->msgs[2].text, "page 3: email: an e-mail "
		    "address \"sam***********g\"");
		CHECK(s.diag->msgs[0].line == 0, "no line for a page");
	}
	diag_flush(s.diag, null);
	t = "Child A, 07700 900456";
	check_document(&s, "r.pdf", t, strlen(t), "Keywords");
	CHECK(s.diag->msgsz == 1 && strcmp(s.diag->msgs[0].text, "the "
	    "\"Keywords\" property: phone: a UK phone number "
	    "\"077********6\"") == 0, "a property finding names it");
	diag_flush(s.diag, null);
	CHECK(check_on(&s, "document-author") != NULL, "on by default");
	((struct rule *)check_on(&s, "image-location"))->off = 1;
	CHECK(check_on(&s, "image-location") == NULL, "switched off");
	o.nocheck = 1;
	CHECK(check_on(&s, "image-author") == NULL, "--no-check");
	CHECK(check_document(&s, "r.pdf", t, strlen(t), NULL) == 1 &&
	    s.diag->msgsz == 0, "--no-check skips documents");
	fclose(null);
	check_free(&s);
	diag_free(s.diag);
}
