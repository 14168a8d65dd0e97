/*
 * review.c and config.c: a review file becomes a struct review, and
 * each bad field gets its message and line.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <unistd.h>

#include "../../gen/lcspr.h"
#include "../../gen/internal.h"
#include "../../gen/extern.h"
#include "harness.h"

static const char site_yaml[] =
"title: Test site\n"
"description: For tests.\n"
"base_url: https://example.org/learning\n"
"content_note: Reviews describe harm to children.\n"
"accent: \"#1d70b8\"\n"
"regions: [North East, London]\n"
"themes:\n"
"  - name: Neglect\n"
"  - name: Sudden unexpected death in infancy\n"
"    slug: sudi\n"
"    aliases: [SUDI, cot death]\n"
"age_groups: [Under 1, 1 to 4]\n"
"review_types: [LCSPR, Rapid review]\n";

static void
writefile(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

/* All pending messages joined as "line: text\n". */
static char *
messages(struct diag *d)
{
	static char	 buf[4096];
	size_t		 i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < d->msgsz && n < sizeof(buf); i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%zu: %s\n",
		    d->msgs[i].line, d->msgs[i].text);
	return buf;
}

static void
drop(struct diag *d)
{
	FILE	*f = fopen("/dev/null", "w");

	diag_flush(d, f);
	fclose(f);
}

static int
readone(struct site *s, const char *dir, const char *text,
    struct review *r)
{
	char	*path = xasprintf("%s/r.md", dir);

	writefile(path, text);
	memset(r, 0, sizeof(*r));
	r->path = path;
	r->slug = xstrdup("r");
	return review_read(s, r);
}

void
test_review(void)
{
	struct site	 s;
	struct run	 run;
	struct patterns	 re;
	struct opts	 o;
	struct review	 r;
	char		 dir[] = "/tmp/lcspr-unit-XXXXXX", *p;

	if (mkdtemp(dir) == NULL) {
		CHECK(0, "mkdtemp");
		return;
	}
	p = xasprintf("%s/site.yaml", dir);
	writefile(p, site_yaml);
	free(p);
	memset(&s, 0, sizeof(s));
	memset(&run, 0, sizeof(run));
	s.run = &run;
	s.diag = &run.diag;
	memset(&o, 0, sizeof(o));
	o.contentdir = dir;
	s.opts = &o;
	s.run->spool.fd = -1;	/* bodies stay in memory */
	diag_init(s.diag);
	s.re = &re;
	scan_patterns_init(s.re);
	s.regions.what = "region";
	s.themes.what = "learning theme";
	s.agegroups.what = "age group";
	s.reviewtypes.what = "review type";
	CHECK(config_read(&s) == 1, "config: %s", messages(s.diag));
	CHECK_STR(s.base_url, "https://example.org/learning/");
	CHECK_STR(s.base_path, "/learning/");
	CHECK(s.feed_length == 20 && s.home_length == 10, "defaults");
	CHECK_STR(s.language, "en-GB");
	CHECK(s.themes.termsz == 2 && strcmp(s.themes.terms[0].slug,
	    "neglect") == 0, "theme slug made from name");
	drop(s.diag);

	CHECK(readone(&s, dir, "---\ntitle: \"Child A: <b>x</b> & y\"\n"
	    "published: 2024-02-29\nregion: london\n"
	    "themes: [cot death, NEGLECT]\nethnicity_recorded: no\n"
	    "age_group: under 1\n---\nFirst *para*\ngoes on.\n\n"
	    "# Heading\n\n<script>x</script>\n", &r) == 1, "good review: %s",
	    messages(s.diag));
	CHECK_STR(r.title, "Child A: <b>x</b> & y");
	CHECK_STR(r.iso, "2024-02-29");
	CHECK(r.region == &s.regions.terms[1], "region by lower case");
	CHECK(r.themesz == 2 && r.themes[0] == &s.themes.terms[1] &&
	    r.themes[1] == &s.themes.terms[0], "themes by alias and case");
	CHECK(r.ethnicity == 0, "ethnicity no");
	CHECK(r.agegroup == &s.agegroups.terms[0], "age group");
	CHECK(r.reviewtype == &s.reviewtypes.terms[0], "default review type");
	CHECK_STR(r.summary, "First para goes on.");
	CHECK(strstr(r.body, "<h2>Heading</h2>") != NULL, "h1 becomes h2");
	CHECK(strstr(r.body, "<script>") == NULL, "raw HTML left out");
	review_free(&r);
	drop(s.diag);

	CHECK(readone(&s, dir, "---\ntitle: ''\npublished: 2021-02-30\n"
	    "region: Londn\nthemes: [Neglect, Negelct, Zebra]\n"
	    "ethnicty_recorded: true\nreport_url: javascript:alert(1)\n"
	    "draft: maybe\n---\nText.\n", &r) == 0, "bad review fails");
	CHECK_STR(messages(s.diag),
	    "2: \"title\" is empty\n"
	    "3: \"published\" is 2021-02-30, which is not a real date\n"
	    "4: unknown region \"Londn\": did you mean \"London\"?\n"
	    "5: unknown learning theme \"Negelct\": did you mean "
	    "\"Neglect\"?\n"
	    "5: unknown learning theme \"Zebra\": the learning themes are "
	    "\"Neglect\" and \"Sudden unexpected death in infancy\"\n"
	    "6: unknown field \"ethnicty_recorded\": did you mean "
	    "\"ethnicity_recorded\"?\n"
	    "7: \"report_url\" must be a web address starting with https:// "
	    "or http://, not \"javascript:alert(1)\"\n"
	    "8: \"draft\" must be true or false (or yes or no), not \"maybe\"\n");
	review_free(&r);
	drop(s.diag);

	CHECK(readone(&s, dir, "---\ntitle: [a, b]\npublished: 2024-01-01\n"
	    "region: London\nthemes: Neglect\nethnicity_recorded: true\n---\n"
	    "  \n\n", &r) == 0, "wrong type and empty body");
	CHECK_STR(messages(s.diag),
	    "2: \"title\" must be text, not a list or a group of fields\n"
	    "8: the review has no text: write the summary, key learning and "
	    "recommendations after the front matter\n");
	review_free(&r);
	drop(s.diag);

	/* Synonyms of field names: one "did you mean", no "missing". */
	CHECK(readone(&s, dir, "---\ntitle: Child A\ndate: 2024-01-01\n"
	    "area: London\nthemes: [death in infancy]\nethnicity: yes\n"
	    "---\nText.\n", &r) == 0, "synonyms");
	CHECK_STR(messages(s.diag),
	    "3: unknown field \"date\": did you mean \"published\"?\n"
	    "4: unknown field \"area\": did you mean \"region\"?\n"
	    "5: unknown learning theme \"death in infancy\": did you mean "
	    "\"Sudden unexpected death in infancy\"?\n"
	    "6: unknown field \"ethnicity\": did you mean "
	    "\"ethnicity_recorded\"?\n");
	review_free(&r);
	drop(s.diag);

	/* A list without brackets; quoted booleans. */
	CHECK(readone(&s, dir, "---\ntitle: Child A\npublished: 2024-01-01\n"
	    "region: London\nthemes: Neglect, cot death\n"
	    "ethnicity_recorded: \"No\"\nlocal_area: Hackney\n---\n"
	    "Text.\n", &r) == 0, "commas");
	CHECK_STR(messages(s.diag),
	    "5: \"themes\" is a list, so put it in square brackets: themes: "
	    "[Neglect, cot death]\n");
	review_free(&r);
	drop(s.diag);

	/* No whole-file warning from a file whose fields failed. */
	CHECK(readone(&s, dir, "---\ntitle: Child A\npublished: 2024-01-01\n"
	    "region: London\nthemes: [Neglect]\nethnicity_recorded: maybe\n"
	    "---\nThe review mentions the child's ethnicity.\n", &r) == 0,
	    "failed fields");
	CHECK_STR(messages(s.diag), "6: \"ethnicity_recorded\" must be true "
	    "or false (or yes or no), not \"maybe\"\n");
	review_free(&r);
	drop(s.diag);
	CHECK(readone(&s, dir, "---\ntitle: Child A\npublished: 2024-01-01\n"
	    "region: London\nthemes: [Neglect]\nethnicity_recorded: \"no\"\n"
	    "---\nThe review mentions the child's ethnicity.\n", &r) == 1,
	    "good fields: %s", messages(s.diag));
	CHECK(strstr(messages(s.diag), "ethnicity-mentioned") != NULL,
	    "the warning when the fields loaded: %s", messages(s.diag));
	review_free(&r);
	drop(s.diag);

	/* Every optional field, each into its own member. */
	CHECK(readone(&s, dir, "---\ntitle: Child A\npublished: 2024-01-01\n"
	    "region: London\nthemes: [Neglect, SUDI]\n"
	    "ethnicity_recorded: yes\nlocal_area: Hackney\nage_group: 1 to 4\n"
	    "review_type: rapid review\nsummary: Short.\n"
	    "report_url: https://example.org/r.pdf\ndraft: true\n"
	    "allow: [long-summary, ethnicity-mentioned]\nnotified: 2022-01-02\n"
	    "commissioned: 2022-03-04\ncompleted: 2023-05-06\n---\nText.\n",
	    &r) == 1, "every field: %s", messages(s.diag));
	CHECK(r.titleline == 2 && r.ethnicity == 1 && r.draft == 1,
	    "title line, booleans");
	CHECK_STR(r.iso, "2024-01-01");
	CHECK_STR(r.local_area, "Hackney");
	CHECK_STR(r.summary, "Short.");
	CHECK_STR(r.report_url, "https://example.org/r.pdf");
	CHECK(r.agegroup == &s.agegroups.terms[1] &&
	    r.reviewtype == &s.reviewtypes.terms[1], "age group, review type");
	CHECK(r.themesz == 2 && r.themes[1] == &s.themes.terms[1], "themes");
	CHECK(r.allowsz == 2 && r.allow[1].line == 13 &&
	    strcmp(r.allow[1].rule, "ethnicity-mentioned") == 0, "allow");
	CHECK(r.notified.year == 2022 && r.notified.day == 2 &&
	    r.commissioned.month == 3 && r.completed.year == 2023,
	    "the three dates");
	review_free(&r);
	drop(s.diag);

	/* Each field once: a date out of order names both lines' fields. */
	CHECK(readone(&s, dir, "---\ntitle: Child A\npublished: 2024-01-01\n"
	    "region: London\nthemes: Neglect\nethnicity_recorded: no\n"
	    "completed: 2024-02-01\n---\nText.\n", &r) == 0, "order");
	CHECK_STR(messages(s.diag), "3: \"published\" (2024-01-01) is "
	    "before \"completed\" (2024-02-01): the dates run notified, "
	    "rapid_review, commissioned, completed, published\n");
	review_free(&r);

	/* What the national Panel asks (issue 15): read, any case. */
	CHECK(readone(&s, dir, "---\ntitle: Child A\npublished: 2024-01-01\n"
	    "region: London\nthemes: Neglect\nethnicity_recorded: yes\n"
	    "ethnicity_analysed: No\nfaith_recorded: true\n"
	    "child_voice: Quoted\nrapid_review: 2023-02-01\n"
	    "publication: Withheld For Now\npublication_reason: a trial\n"
	    "---\nText.\n", &r) == 1, "panel fields");
	CHECK(r.ethnicity_analysed == TRI_NO && r.faith_recorded == TRI_YES &&
	    r.faith_analysed == TRI_NONE && r.family_views == TRI_NONE,
	    "true, false and not given");
	CHECK_STR(r.child_voice, "quoted");
	CHECK_STR(r.publication, "withheld-for-now");
	CHECK_STR(r.publication_reason, "a trial");
	CHECK(r.rapid_review.year == 2023 && r.rapid_review.month == 2,
	    "rapid_review");
	review_free(&r);
	drop(s.diag);
	drop(s.diag);

	/* added: the published date when not given. */
	CHECK(readone(&s, dir, "---\ntitle: Child A\npublished: 2024-01-01\n"
	    "region: London\nthemes: Neglect\nethnicity_recorded: no\n"
	    "---\nText.\n", &r) == 1, "no added: %s", messages(s.diag));
	CHECK(date_cmp(&r.added, &r.published) == 0,
	    "added defaults to published");
	review_free(&r);
	drop(s.diag);
	/* Given: its own date, the same day or later. */
	CHECK(readone(&s, dir, "---\ntitle: Child A\npublished: 2015-06-01\n"
	    "added: 2024-02-29\nregion: London\nthemes: Neglect\n"
	    "ethnicity_recorded: no\n---\nText.\n", &r) == 1,
	    "added later: %s", messages(s.diag));
	CHECK(r.added.year == 2024 && r.added.month == 2 &&
	    r.added.day == 29 && r.published.year == 2015,
	    "added read, published kept");
	review_free(&r);
	drop(s.diag);
	/* Before published: an error at added's line. */
	CHECK(readone(&s, dir, "---\ntitle: Child A\npublished: 2024-01-01\n"
	    "region: London\nthemes: Neglect\nethnicity_recorded: no\n"
	    "added: 2023-12-31\n---\nText.\n", &r) == 0, "added before");
	CHECK_STR(messages(s.diag), "7: \"added\" (2023-12-31) is before "
	    "\"published\" (2024-01-01): a review is added to this site on or "
	    "after the day it is published\n");
	review_free(&r);
	drop(s.diag);

	/*
	 * The open data's columns are a published format: these keep their
	 * places (a new column comes after them), each is documented, and
	 * no name is used twice.
	 */
	{
		static const char *const want[] = { "slug", "url", "title",
		    "published", "notified", "commissioned", "completed",
		    "region", "local_area", "themes", "age_group",
		    "review_type", "ethnicity_recorded", "report_url",
		    "summary", "added" };
		const size_t	 wantsz = sizeof(want) / sizeof(want[0]);
		const struct rfield **cols;
		size_t		 i, j, n, dup = 0;

		cols = review_columns(&n);
		CHECK(n >= wantsz, "%zu columns", n);
		for (i = 0; i < n; i++) {
			if (i < wantsz)
				CHECK_STR(cols[i]->col, want[i]);
			CHECK(cols[i]->doc != NULL && *cols[i]->doc != '\0',
			    "column %s documented", cols[i]->col);
			for (j = 0; j < i; j++)
				dup += strcmp(cols[i]->col, cols[j]->col) == 0;
		}
		CHECK(dup == 0, "%zu column names used twice", dup);
		free(cols);
	}

	config_free(&s);
	scan_patterns_free(s.re);
	diag_free(s.diag);
	p = xasprintf("rm -rf %s", dir);
	CHECK(system(p) == 0, "cleanup");
	free(p);
}
