/*
 * Vocabulary: look up regions, themes, age groups and review types by
 * name, alias or slug (any case), make slugs, and suggest the nearest
 * entry when a name is not found ("did you mean"): the one place where
 * every suggestion and list of choices is worded.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lcspr.h"
#include "extern.h"

/*
 * Compare the string a with the n bytes at b, ignoring ASCII case, as
 * strcmp does.
 */
static int
vocab_casecmp(const char *a, const char *b, size_t n)
{
	size_t	 i;
	int	 ca, cb;

	for (i = 0; i < n; i++) {
		ca = tolower((unsigned char)a[i]);
		cb = tolower((unsigned char)b[i]);
		if (ca != cb)
			return ca - cb;
	}
	return a[n] != '\0';
}

static int
vocab_keycmp(const void *pa, const void *pb)
{
	const struct vocabkey *a = pa, *b = pb;
	int		 c;

	if ((c = vocab_casecmp(a->word, b->word, strlen(b->word))) != 0)
		return c;
	if (a->term != b->term)
		return a->term < b->term ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	return a->alias < b->alias ? -1 : a->alias > b->alias;
}

/*
 * Make v's index: every name, slug and alias, sorted ignoring case,
 * then by the term's place, so that equal spellings sit together with
 * the first term's first, each knowing the first's term.  Call it once
 * the terms are all read (they must not move after).  n log n.
 */
void
vocab_index(struct vocab *v)
{
	size_t		 i, j, n = 0;
	struct vocabkey	*k;

	free(v->index);
	for (i = 0; i < v->termsz; i++)
		n += 2 + v->terms[i].aliasesz;
	k = v->index = xcalloc(n + 1, sizeof(*v->index));
	for (i = 0; i < v->termsz; i++) {
		k->word = v->terms[i].name;
		k++->term = i;
		k->word = v->terms[i].slug;
		k->term = i;
		k++->kind = 1;
		for (j = 0; j < v->terms[i].aliasesz; j++) {
			k->word = v->terms[i].aliases[j];
			k->term = i;
			k->kind = 2;
			k++->alias = j;
		}
	}
	v->indexsz = n;
	qsort(v->index, n, sizeof(*v->index), vocab_keycmp);
	for (i = 0; i < n; i++)
		v->index[i].first = i > 0 && vocab_casecmp(v->index[i].word,
		    v->index[i - 1].word, strlen(v->index[i - 1].word)) == 0 ?
		    v->index[i - 1].first : v->index[i].term;
}

/*
 * Find the term whose name, slug or alias equals s, ignoring case and
 * surrounding blanks; of several, the first in site.yaml.  A binary
 * search of the index when there is one.  Returns a term borrowed from
 * v, or NULL.
 */
/*
 * A copy of s with the spaces text pasted from a word processor or a
 * web page brings (no-break, narrow, figure and other Unicode spaces)
 * made plain spaces and the invisible ones (zero-width, word joiner,
 * byte order mark) left out, or NULL when s has none.
 */
static char *
vocab_plain(const char *s)
{
	const unsigned char *p;
	char		*out, *o;
	unsigned	 cp;
	int		 any = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		any |= *p >= 0x80;
	if (!any)
		return NULL;
	o = out = xmalloc(strlen(s) + 1);
	for (p = (const unsigned char *)s; *p != '\0'; ) {
		cp = 0;
		if (p[0] == 0xc2 && p[1] == 0xa0)
			cp = 0xa0;
		else if (p[0] == 0xe2 && (p[1] == 0x80 || p[1] == 0x81) &&
		    p[2] >= 0x80 && p[2] <= 0xbf)
			cp = 0x2000 | (unsigned)(p[1] & 0x3f) << 6 |
			    (p[2] & 0x3f);
		else if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
			cp = 0xfeff;
		if (cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200a) ||
		    cp == 0x202f || cp == 0x205f) {
			*o++ = ' ';
			p += cp == 0xa0 ? 2 : 3;
		} else if ((cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 ||
		    cp == 0xfeff)
			p += 3;
		else
			*o++ = (char)*p++;
	}
	*o = '\0';
	return out;
}

/*
 * The term t of v, which others borrow as const, for v's owner to
 * write to.  NULL stays NULL.
 */
struct term *
vocab_own(struct vocab *v, const struct term *t)
{
	return t == NULL ? NULL : &v->terms[t - v->terms];
}

const struct term *
vocab_find(const struct vocab *v, const char *s)
{
	size_t		 i, j, n, lo, hi, mid;
	const struct term *t;
	char		*plain;

	/* "Rapid review" with a no-break space is "Rapid review". */
	if ((plain = vocab_plain(s)) != NULL) {
		if (strcmp(plain, s) != 0)
			t = vocab_find(v, plain);
		else
			t = NULL;
		free(plain);
		if (t != NULL)
			return t;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (v->indexsz > 0) {
		/* The first spelling not below s. */
		for (lo = 0, hi = v->indexsz; lo < hi; ) {
			mid = lo + (hi - lo) / 2;
			if (vocab_casecmp(v->index[mid].word, s, n) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < v->indexsz && vocab_casecmp(v->index[lo].word, s,
		    n) == 0)
			return &v->terms[v->index[lo].term];
		return NULL;
	}
	for (i = 0; i < v->termsz; i++) {
		t = &v->terms[i];
		if (strncasecmp(t->name, s, n) == 0 && t->name[n] == '\0')
			return t;
		if (strncasecmp(t->slug, s, n) == 0 && t->slug[n] == '\0')
			return t;
		for (j = 0; j < t->aliasesz; j++)
			if (strncasecmp(t->aliases[j], s, n) == 0 &&
			    t->aliases[j][n] == '\0')
				return t;
	}
	return NULL;
}

/*
 * Edit distance between a and b, ignoring ASCII case, or a number
 * larger than max once it is certain to exceed max.
 */
size_t
vocab_distance(const char *a, const char *b, size_t max)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, best, *row, diag, tmp;
	size_t	 cost;

	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			cost = tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]);
			row[j] = diag + cost;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			diag = tmp;
			if (row[j] < best)
				best = row[j];
		}
		if (best > max) {
			free(row);
			return max + 1;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

/*
 * The candidate nearest to s (ignoring case) if it is close enough to
 * be a likely typing slip, or NULL; NULL too when there are more than
 * VOCAB_SUGGESTMAX candidates.  Borrowed from cands.
 */
const char *
vocab_nearest(const char *s, const char *const *cands, size_t n)
{
	size_t		 i, d, best, max;
	const char	*found = NULL;

	if (n > VOCAB_SUGGESTMAX)
		return NULL;	/* bounded work, even on many errors */
	max = strlen(s) / 3;
	if (max < 2)
		max = 2;
	best = max + 1;
	for (i = 0; i < n; i++) {
		d = vocab_distance(s, cands[i], max);
		if (d < best) {
			best = d;
			found = cands[i];
		}
	}
	return found;
}

/*
 * The name of the term nearest to s, by name, alias or slug, or by a
 * name that starts with s; NULL if none is close, or if v has more
 * than VOCAB_SUGGESTMAX terms.  Borrowed from v.
 */
const char *
vocab_suggest(const struct vocab *v, const char *s)
{
	size_t		 i, j, d, best, max, n;
	const struct term *t, *found = NULL;

	if (v->termsz > VOCAB_SUGGESTMAX)
		return NULL;	/* bounded work, even on many errors */
	n = strlen(s);
	max = n / 3 < 2 ? 2 : n / 3;
	best = max + 1;
	for (i = 0; i < v->termsz; i++) {
		t = &v->terms[i];
		if ((d = vocab_distance(s, t->name, max)) < best)
			best = d, found = t;
		if ((d = vocab_distance(s, t->slug, max)) < best)
			best = d, found = t;
		for (j = 0; j < t->aliasesz; j++)
			if ((d = vocab_distance(s, t->aliases[j], max)) < best)
				best = d, found = t;
	}
	if (found == NULL && n >= 4)
		for (i = 0; i < v->termsz; i++)
			if (strncasecmp(v->terms[i].name, s, n) == 0)
				return v->terms[i].name;
	return found != NULL ? found->name : NULL;
}

/* Is c part of a word (an ASCII letter or digit, or any non-ASCII)? */
static int
vocab_wordchar(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/*
 * Does the word w (n bytes) appear among the words of s, ignoring
 * ASCII case?
 */
static int
vocab_hasword(const char *s, const char *w, size_t n)
{
	size_t	 len;

	while (*s != '\0') {
		while (*s != '\0' && !vocab_wordchar(*s))
			s++;
		for (len = 0; vocab_wordchar(s[len]); len++)
			continue;
		if (len == n && strncasecmp(s, w, n) == 0)
			return 1;
		s += len;
	}
	return 0;
}

/* Is every word of s a word of name (and one of them not tiny)? */
static int
vocab_allwords(const char *s, const char *name)
{
	size_t	 len;
	int	 any = 0;

	while (*s != '\0') {
		while (*s != '\0' && !vocab_wordchar(*s))
			s++;
		for (len = 0; vocab_wordchar(s[len]); len++)
			continue;
		if (len > 0 && !vocab_hasword(name, s, len))
			return 0;
		any |= len >= 3;	/* not for "of" or "in" alone */
		s += len;
	}
	return any;
}

/*
 * The entries of v having a name or alias among whose words are all
 * the words of s ("mental health" finds "Parental mental health"):
 * fills out with at most max names borrowed from v and returns how
 * many entries match (which may be more than max); 0 when v has more
 * than VOCAB_SUGGESTMAX terms.
 */
size_t
vocab_bywords(const struct vocab *v, const char *s, const char **out,
    size_t max)
{
	size_t		 i, j, n = 0;
	const struct term *t;
	int		 hit;

	if (v->termsz > VOCAB_SUGGESTMAX)
		return 0;	/* bounded work, even on many errors */
	for (i = 0; i < v->termsz; i++) {
		t = &v->terms[i];
		hit = vocab_allwords(s, t->name);
		for (j = 0; !hit && j < t->aliasesz; j++)
			hit = vocab_allwords(s, t->aliases[j]);
		if (hit && n++ < max)
			out[n - 1] = t->name;
	}
	return n;
}

/*
 * "did you mean "a"?", "did you mean "a" or "b"?", "did you mean "a",
 * "b" or "c"?": the one wording of every suggestion.  The caller owns
 * the result.
 */
char *
vocab_didyoumean(const char *const *names, size_t n)
{
	char	*s, *list;

	list = vocab_list(names, n, "or");
	s = xasprintf("did you mean %s?", list);
	free(list);
	return s;
}

/*
 * The names quoted and joined: "a", "b" and "c" (conj "and") or "a",
 * "b" or "c" (conj "or").  The caller owns the result.
 */
char *
vocab_list(const char *const *names, size_t n, const char *conj)
{
	size_t	 i, len = 1, off = 0;
	char	*s;

	for (i = 0; i < n; i++)
		len += strlen(names[i]) + strlen(conj) + 6;
	s = xmalloc(len);
	s[0] = '\0';
	for (i = 0; i < n; i++)
		off += (size_t)snprintf(s + off, len - off, "%s%s%s\"%s\"",
		    i == 0 ? "" : i + 1 < n ? ", " : " ",
		    i > 0 && i + 1 == n ? conj : "",
		    i > 0 && i + 1 == n ? " " : "", names[i]);
	return s;
}

/*
 * What to say after "unknown region "s": ": the nearest entry by
 * spelling, else the entries all of whose words s uses (a few), else
 * the choices when there are fewer than VOCAB_LISTMAX, else where they
 * are listed.  The caller owns the result.
 */
char *
vocab_hint(const struct vocab *v, const char *s)
{
	const char	*near[VOCAB_LISTMAX], **names;
	size_t		 i, n;
	char		*list, *hint;

	if ((near[0] = vocab_suggest(v, s)) != NULL)
		return vocab_didyoumean(near, 1);
	if ((n = vocab_bywords(v, s, near, 5)) > 0 && n <= 5)
		return vocab_didyoumean(near, n);
	if (v->termsz == 0 || v->termsz >= VOCAB_LISTMAX)
		return xasprintf("the %ss are listed in site.yaml", v->what);
	names = xcalloc(v->termsz, sizeof(*names));
	for (i = 0; i < v->termsz; i++)
		names[i] = v->terms[i].name;
	list = vocab_list(names, v->termsz, "and");
	hint = xasprintf("the %ss are %s", v->what, list);
	free(list);
	free(names);
	return hint;
}

/*
 * Are a and b the same, ignoring case and treating "-", " ", "_" as one?
 * For field names and for the choices of a field (review.c).
 */
int
vocab_samekey(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (strchr("-_ ", *a) != NULL && strchr("-_ ", *b) != NULL)
			continue;
		else if (tolower((unsigned char)*a) !=
		    tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

/*
 * The known field name that an unknown one most likely means: one the
 * table syn gives as its synonym (syn ends with a NULL word), else the
 * nearest by spelling; NULL if none.  Borrowed from syn or keys.
 */
const char *
vocab_nearkey(const char *key, const char *const *keys, size_t n,
    const struct synonym *syn)
{
	for (; syn != NULL && syn->word != NULL; syn++)
		if (vocab_samekey(key, syn->word))
			return syn->key;
	return vocab_nearest(key, keys, n);
}

/*
 * Make a slug from a name: lower case, runs of anything but [a-z0-9]
 * become one '-', no '-' at either end.  The caller owns the result;
 * it is empty when the name has no ASCII letter or digit.
 */
char *
vocab_slugify(const char *name)
{
	char	*s, *p;
	int	 dash = 0;

	p = s = xmalloc(strlen(name) + 1);
	for (; *name != '\0'; name++) {
		if (isalnum((unsigned char)*name) &&
		    (unsigned char)*name < 0x80) {
			if (dash && p != s)
				*p++ = '-';
			dash = 0;
			*p++ = (char)tolower((unsigned char)*name);
		} else
			dash = 1;
	}
	*p = '\0';
	return s;
}

/*
 * Report the unknown field key at path:line, the one wording for every
 * kind of file: "did you mean" near when it is not NULL, else the n
 * field names known, listed bare as they are written.
 */
void
vocab_unknownfield(struct diag *d, const char *path, size_t line,
    const char *key, const char *near, const char *const *known, size_t n)
{
	char	*hint, *h;
	size_t	 i;

	if (near != NULL)
		hint = vocab_didyoumean(&near, 1);
	else {
		hint = xstrdup("the fields are ");
		for (i = 0; i < n; i++) {
			h = xasprintf("%s%s%s", hint, i == 0 ? "" :
			    i + 1 == n ? " and " : ", ", known[i]);
			free(hint);
			hint = h;
		}
	}
	diag_error(d, path, line, "unknown field \"%s\": %s", key, hint);
	free(hint);
}

/*
 * The vocabulary with pages (themes, regions, years) that term t
 * belongs to, borrowed from s, or NULL for a term of another list or
 * one made for a single page (it has no URL or feed of its own).
 */
const struct vocab *
vocab_paged(const struct site *s, const struct term *t)
{
	const struct vocab *v;
	size_t		 k;

	for (k = 0; k < VOCAB_PAGED; k++) {
		v = s->vocabs[k];
		if (t >= v->terms && t < v->terms + v->termsz)
			return v;
	}
	return NULL;
}

/*
 * Free a term's owned fields (not the term itself).
 */
void
term_free(struct term *t)
{
	size_t	 i;

	free(t->name);
	free(t->slug);
	for (i = 0; i < t->aliasesz; i++)
		free(t->aliases[i]);
	free(t->aliases);
	free(t->description);
	free(t->intro);
	free(t->reviews);
	free(t->top);
	free(t->byregion);
	free(t->byyear);
	free(t->bytheme);
	for (i = 0; i < GLANCE__MAX; i++)
		free(t->glance[i]);
}

/*
 * Free every term of a vocabulary and its array.
 */
void
vocab_free(struct vocab *v)
{
	size_t	 i;

	for (i = 0; i < v->termsz; i++)
		term_free(&v->terms[i]);
	free(v->terms);
	v->terms = NULL;
	v->termsz = 0;
	free(v->index);
	v->index = NULL;
	v->indexsz = 0;
	free(v->onsite);
}
