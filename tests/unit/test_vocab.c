/* vocab.c and scan.c: matching, suggestions, slugs, UTF-8. */
#include <stdlib.h>

#include "../../gen/lcspr.h"
#include "../../gen/internal.h"
#include "../../gen/extern.h"
#include "harness.h"

static void
term(struct term *t, const char *name, const char *slug, const char *alias)
{
	memset(t, 0, sizeof(*t));
	t->name = xstrdup(name);
	t->slug = slug != NULL ? xstrdup(slug) : vocab_slugify(name);
	if (alias != NULL) {
		t->aliases = xcalloc(1, sizeof(*t->aliases));
		t->aliases[t->aliasesz++] = xstrdup(alias);
	}
}

void
test_vocab(void)
{
	struct vocab	 v;
	char		*s;
	static const char *const keys[] = { "title", "published",
	    "ethnicity_recorded", "region" };

	memset(&v, 0, sizeof(v));
	v.what = "learning theme";
	v.terms = xcalloc(3, sizeof(*v.terms));
	term(&v.terms[0], "Criminal exploitation of adolescents",
	    "criminal-exploitation", "county lines");
	term(&v.terms[1], "Sudden unexpected death in infancy", "sudi",
	    "SUDI");
	term(&v.terms[2], "Domestic abuse", NULL, NULL);
	v.termsz = 3;

	CHECK(vocab_find(&v, "Domestic abuse") == &v.terms[2], "by name");
	CHECK(vocab_find(&v, "DOMESTIC ABUSE") == &v.terms[2], "any case");
	CHECK(vocab_find(&v, "  domestic abuse ") == &v.terms[2], "blanks");
	CHECK(vocab_find(&v, "domestic-abuse") == &v.terms[2], "by slug");
	/* Pasted from Word: no-break and narrow spaces, a zero-width one. */
	CHECK(vocab_find(&v, "Domestic\xc2\xa0" "abuse") == &v.terms[2],
	    "a no-break space is a space");
	CHECK(vocab_find(&v, "Domestic\xe2\x80\xaf" "abuse\xe2\x80\x8b") ==
	    &v.terms[2], "a narrow space is a space, a zero-width one nothing");
	CHECK(vocab_find(&v, "Domestic\xc2\xa0" "abuses") == NULL,
	    "still no match for a wrong name");
	CHECK(vocab_find(&v, "County Lines") == &v.terms[0], "by alias");
	CHECK(vocab_find(&v, "sudi") == &v.terms[1], "slug or alias");
	CHECK(vocab_find(&v, "Domestic") == NULL, "no prefix match");
	CHECK(vocab_find(&v, "") == NULL, "empty");

	/* The same answers from the sorted index. */
	vocab_index(&v);
	CHECK(v.indexsz == 8, "index of names, slugs and aliases");
	CHECK(vocab_find(&v, "Domestic abuse") == &v.terms[2], "index: name");
	CHECK(vocab_find(&v, "  DOMESTIC-abuse ") == &v.terms[2],
	    "index: slug, any case, blanks");
	CHECK(vocab_find(&v, "County Lines") == &v.terms[0], "index: alias");
	CHECK(vocab_find(&v, "sudi") == &v.terms[1], "index: slug or alias");
	CHECK(vocab_find(&v, "Domestic") == NULL, "index: no prefix match");
	CHECK(vocab_find(&v, "Domestic abusez") == NULL, "index: no longer");
	CHECK(vocab_find(&v, "") == NULL, "index: empty");
	CHECK(vocab_find(&v, "zzz") == NULL && vocab_find(&v, "a") == NULL,
	    "index: past either end");

	CHECK_STR(vocab_suggest(&v, "Domestic abuze"), "Domestic abuse");
	CHECK_STR(vocab_suggest(&v, "county line"),
	    "Criminal exploitation of adolescents");
	CHECK_STR(vocab_suggest(&v, "Criminal"),
	    "Criminal exploitation of adolescents");
	CHECK(vocab_suggest(&v, "Neglect") == NULL, "nothing near");

	CHECK(vocab_distance("kitten", "sitting", 10) == 3, "distance");
	CHECK(vocab_distance("abc", "ABC", 10) == 0, "distance ignores case");
	CHECK(vocab_distance("a", "abcdefgh", 2) > 2, "distance cut off");
	CHECK_STR(vocab_nearest("ethnicty_recorded", keys, 4),
	    "ethnicity_recorded");
	CHECK_STR(vocab_nearest("tilte", keys, 4), "title");
	CHECK(vocab_nearest("colour", keys, 4) == NULL, "no near key");

	/* Suggestions stay bounded: none among a huge list. */
	{
		struct vocab	 big;
		const char	*out[4], **names;
		size_t		 i;
		char		 name[32];

		memset(&big, 0, sizeof(big));
		big.what = "learning theme";
		big.terms = xcalloc(VOCAB_SUGGESTMAX + 1, sizeof(*big.terms));
		names = xcalloc(VOCAB_SUGGESTMAX + 1, sizeof(*names));
		for (i = 0; i <= VOCAB_SUGGESTMAX; i++) {
			snprintf(name, sizeof(name), "Theme %zu", i);
			term(&big.terms[i], name, NULL, NULL);
			names[i] = big.terms[i].name;
		}
		big.termsz = VOCAB_SUGGESTMAX + 1;
		vocab_index(&big);
		CHECK(vocab_find(&big, "theme 999") == &big.terms[999],
		    "index of many");
		CHECK(vocab_suggest(&big, "Theme 99x") == NULL &&
		    vocab_bywords(&big, "Theme", out, 4) == 0 &&
		    vocab_nearest("Theme 99x", names, big.termsz) == NULL,
		    "no suggestion among more than VOCAB_SUGGESTMAX");
		s = vocab_hint(&big, "Theme 99x");
		CHECK_STR(s, "the learning themes are listed in site.yaml");
		free(s);
		big.termsz = VOCAB_SUGGESTMAX;
		CHECK_STR(vocab_suggest(&big, "Theme 99x"), "Theme 99");
		big.termsz = VOCAB_SUGGESTMAX + 1;
		free(names);
		vocab_free(&big);
	}

	s = vocab_slugify("Yorkshire and the Humber");
	CHECK_STR(s, "yorkshire-and-the-humber");
	free(s);
	s = vocab_slugify("  Ethnicity, culture & identity!  ");
	CHECK_STR(s, "ethnicity-culture-identity");
	free(s);
	s = vocab_slugify("Caf\xc3\xa9 16-17");
	CHECK_STR(s, "caf-16-17");
	free(s);

	/* Suggestions by words, lists of choices, synonyms. */
	{
		const char	*out[4], *two[2] = { "a", "b" };
		static const struct synonym syn[] = {
			{ "date", "published" }, { NULL, NULL } };

		CHECK(vocab_bywords(&v, "DEATH in infancy", out, 4) == 1 &&
		    out[0] == v.terms[1].name, "by words");
		CHECK(vocab_bywords(&v, "lines", out, 4) == 1 &&
		    out[0] == v.terms[0].name, "by the words of an alias");
		CHECK(vocab_bywords(&v, "of", out, 4) == 0, "no word");
		CHECK(vocab_bywords(&v, "abuse death", out, 4) == 0,
		    "every word must match");
		CHECK(vocab_bywords(&v, " ", out, 4) == 0, "blank");
		s = vocab_hint(&v, "infancy");
		CHECK_STR(s, "did you mean \"Sudden unexpected death in "
		    "infancy\"?");
		free(s);
		s = vocab_hint(&v, "Bullying");
		CHECK_STR(s, "the learning themes are \"Criminal exploitation "
		    "of adolescents\", \"Sudden unexpected death in infancy\" "
		    "and \"Domestic abuse\"");
		free(s);
		s = vocab_didyoumean(two, 2);
		CHECK_STR(s, "did you mean \"a\" or \"b\"?");
		free(s);
		s = vocab_list(two, 1, "and");
		CHECK_STR(s, "\"a\"");
		free(s);
		CHECK_STR(vocab_nearkey("Date", keys, 4, syn), "published");
		CHECK_STR(vocab_nearkey("tilte", keys, 4, syn), "title");
		CHECK(vocab_nearkey("colour", keys, 4, syn) == NULL,
		    "no synonym");
	}
	vocab_free(&v);
}

void
test_scan(void)
{
	struct patterns	 re;
	size_t		 off;
	const char	*ok = "Child A \xe2\x80\x94 caf\xc3\xa9\n";
	const char	*bad = "line one\nab\xff\xfe";
	const char	*trunc = "abc\xe2\x80";

	scan_patterns_init(&re);
	CHECK(scan_match(re.slug, "child-a-2024"), "slug ok");
	CHECK(scan_match(re.slug, "a"), "one letter");
	CHECK(!scan_match(re.slug, "Child-A"), "upper case");
	CHECK(!scan_match(re.slug, "child--a"), "double hyphen");
	CHECK(!scan_match(re.slug, "-child"), "leading hyphen");
	CHECK(!scan_match(re.slug, "child-"), "trailing hyphen");
	CHECK(!scan_match(re.slug, "child_a"), "underscore");
	CHECK(!scan_match(re.slug, "child a"), "space");
	CHECK(!scan_match(re.slug, ""), "empty");
	CHECK(!scan_match(re.slug, "child-a\n"), "newline");
	CHECK(scan_match(re.colour, "#1d70B8"), "colour");
	CHECK(!scan_match(re.colour, "#1d70b"), "short colour");
	CHECK(!scan_match(re.colour, "blue"), "named colour");
	CHECK(scan_utf8(&re, ok, strlen(ok), &off), "utf-8 ok");
	CHECK(!scan_utf8(&re, bad, strlen(bad), &off) && off == 11,
	    "bad byte offset %zu", off);
	CHECK(!scan_utf8(&re, trunc, strlen(trunc), &off) && off == 3,
	    "truncated sequence offset %zu", off);
	scan_patterns_free(&re);
}
