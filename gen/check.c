/*
 * Content checks: find what must not be published (details that could
 * identify a child or family) in every content file, before anything
 * is built.  The rules are one table of pcre2 patterns, compiled once
 * and shared read-only by the threads; site.yaml can switch rules off
 * and add its own.  Exceptions: "<!-- lcspr: allow RULE -->" on the
 * line before a match, or "allow: [RULE]" in front matter for the
 * whole file; an exception that excuses nothing is reported too.
 * The checks across files are here as well: two reviews with the same
 * slug or title, and links to what stays off the site.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

static int	check_nhs(const char *, size_t);
static int	check_phone(const char *, size_t);

/* Prefilter facts: what a file has that some patterns need. */
#define PRE_AT		0x01	/* an @ */
#define PRE_POSTCODE	0x02	/* a digit and two capitals: "1AA" */
#define PRE_NI		0x04	/* two capitals and a digit: "AB1", "AB 1" */
#define PRE_BIRTH	0x08	/* born, birth, DOB, D.O.B. (any case) */
#define PRE_COM		0x10	/* .com (any case) */

/*
 * The built-in rules.  Patterns are compiled in UTF and UCP modes and
 * run on the text the reader sees (norm.c); digits are written [0-9],
 * as the confirmers count ASCII digits.  Unbounded repeats are
 * possessive, so that no text makes a pattern backtrack without end
 * (and none reaches pcre2's limits).  A rule's
 * prefilter names the facts a file must have for the pattern to match
 * anywhere in it (a necessary condition), all found in one pass, so
 * most files are never scanned by most patterns.
 */
static const struct {
	const char	*name;
	const char	*message;
	const char	*pattern;
	int		(*confirm)(const char *, size_t);
	unsigned	 prefilter;
} builtins[] = {
	{ "email", "an e-mail address",
	  "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++"
	  "(?>\\.[A-Za-z0-9-]++(?=\\.[A-Za-z0-9-]))*+\\.[A-Za-z]{2,}+",
	  NULL, PRE_AT },
	{ "phone", "a UK phone number",
	  "(?<![\\w/+-])(?:\\+44\\s?(?:\\(0\\)\\s?)?|0)[0-9]{2,4}[\\s-]?"
	  "[0-9]{3,4}[\\s-]?[0-9]{3,4}(?![\\w-])", check_phone, 0 },
	{ "postcode", "a full UK postcode",
	  "\\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][A-Z]{2}\\b", NULL,
	  PRE_POSTCODE },
	{ "nhs-number", "an NHS number",
	  "(?<![\\w-])[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}(?![\\w-])",
	  check_nhs, 0 },
	{ "ni-number", "a National Insurance number",
	  "\\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
	  " ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\\b", NULL, PRE_NI },
	{ "date-of-birth", "a date of birth",
	  "(?i)\\b(?:born(?:\\s++on)?|d\\.?o\\.?b\\.?|date\\s++of\\s++"
	  "birth)\\s*+:?\\s*+(?:[0-9]{1,2}(?:st|nd|rd|th)?\\s++(?:jan(?:uary)?|"
	  "feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
	  "aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|"
	  "dec(?:ember)?)\\.?,?\\s++[0-9]{4}|[0-9]{1,2}[/.-][0-9]{1,2}[/.-]"
	  "(?:[0-9]{4}|[0-9]{2})\\b|[0-9]{4}-[0-9]{2}-[0-9]{2})", NULL,
	  PRE_BIRTH },
	{ "street-address", "a street address",
	  "\\b[0-9]{1,4}[A-Za-z]?,?\\s++(?:[A-Z][a-z'\\x{2019}]++\\s++){1,3}"
	  "(?:Road|Street|Avenue|Close|Lane|Drive|Way|Crescent|Place|"
	  "Gardens|Court|Terrace|Grove|Row|Walk|Mews|Rd|St|Ave)\\b", NULL,
	  0 },
	{ "social-media", "a link to a social-media profile",
	  "(?i)\\b(?:https?://)?(?:www\\.|m\\.)?(?:facebook\\.com|fb\\.com|"
	  "instagram\\.com|twitter\\.com|x\\.com|tiktok\\.com|"
	  "snapchat\\.com|linkedin\\.com/in|youtube\\.com(?:/c|/channel|"
	  "/user)?)/@?[A-Za-z0-9_.-]*[A-Za-z0-9_]", NULL, PRE_COM },
	/* Attachments' properties, checked in attach.c (no pattern). */
	{ "document-author", "a person's name in the PDF's \"Author\" "
	  "property", NULL, NULL, 0 },
	{ "image-author", "the name of the image's author or owner in its "
	  "EXIF data", NULL, NULL, 0 },
	{ "image-location", "the place where the image was taken (GPS "
	  "position) in its EXIF data", NULL, NULL, 0 },
};
#define BUILTINSZ (sizeof(builtins) / sizeof(builtins[0]))

/* The metadata checks (warnings), named so they can be allowed. */
static const char *const metarules[] = {
	"long-summary", "insecure-report-url", "ethnicity-mentioned",
	"duplicate-title",
};
#define METARULESZ (sizeof(metarules) / sizeof(metarules[0]))

#define UP(c)	((c) >= 'A' && (c) <= 'Z')
#define DIG(c)	((c) >= '0' && (c) <= '9')
#define LOW(c)	((c) | 0x20)

/* Does p (len bytes) have the word w (lower case) at i, any case? */
static int
check_word(const char *p, size_t len, size_t i, const char *w)
{
	for (; *w != '\0'; w++, i++)
		if (i >= len || LOW(p[i]) != *w)
			return 0;
	return 1;
}

/*
 * The facts the prefilters need, found in one pass over the text:
 * what each rule's pattern cannot match without.
 */
static unsigned
check_facts(const char *p, size_t len)
{
	unsigned f = 0;
	size_t	 i, k;

	for (i = 0; i < len; i++) {
		if (p[i] == '@')
			f |= PRE_AT;
		else if (p[i] == '.' && check_word(p, len, i, ".com"))
			f |= PRE_COM;
		else if (LOW(p[i]) == 'b' && (check_word(p, len, i, "born") ||
		    check_word(p, len, i, "birth")))
			f |= PRE_BIRTH;
		else if (LOW(p[i]) == 'd') {
			/* D, O and B, each maybe followed by a dot. */
			k = i + 1 + (i + 1 < len && p[i + 1] == '.');
			if (k < len && LOW(p[k]) == 'o') {
				k += 1 + (k + 1 < len && p[k + 1] == '.');
				if (k < len && LOW(p[k]) == 'b')
					f |= PRE_BIRTH;
			}
		}
		if (DIG(p[i]) && i + 2 < len && UP(p[i + 1]) && UP(p[i + 2]))
			f |= PRE_POSTCODE;
		if (UP(p[i]) && i + 3 < len && UP(p[i + 1]) &&
		    (DIG(p[i + 2]) || (p[i + 2] == ' ' && DIG(p[i + 3]))))
			f |= PRE_NI;
	}
	return f;
}

/* An NHS number: ten digits whose last is the modulus 11 check. */
static int
check_nhs(const char *p, size_t len)
{
	int	 d[10], n = 0, sum = 0, i, c;

	for (; len > 0 && n <= 10; p++, len--)
		if (isdigit((unsigned char)*p)) {
			if (n == 10)
				return 0;
			d[n++] = *p - '0';
		}
	if (n != 10)
		return 0;
	for (i = 0; i < 9; i++)
		sum += d[i] * (10 - i);
	c = 11 - sum % 11;
	if (c == 11)
		c = 0;
	return c != 10 && c == d[9];
}

/* A UK number: 0 and 9 or 10 digits, or +44 and 9 or 10 digits. */
static int
check_phone(const char *p, size_t len)
{
	size_t	 n = 0, i;
	int	 intl = len > 0 && p[0] == '+';

	for (i = 0; i < len; i++)
		if (p[i] == '(')	/* the (0) of +44 (0)20 */
			while (i < len && p[i] != ')')
				i++;
		else
			n += isdigit((unsigned char)p[i]) != 0;
	if (intl)
		n -= 2;	/* the 44 */
	else
		n -= 1;	/* the leading 0 */
	return n == 9 || n == 10;
}

/* Compile pat for rule name; report an error at path:line. */
static pcre2_code *
check_compile(struct diag *d, const char *path, size_t line,
    const char *name, const char *pat)
{
	pcre2_code	*re;
	int		 e;
	PCRE2_SIZE	 off;
	PCRE2_UCHAR	 msg[256];

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP, &e, &off, NULL);
	if (re == NULL) {
		pcre2_get_error_message(e, msg, sizeof(msg));
		diag_error(d, path, line, "the pattern of check \"%s\" is not "
		    "valid: %s at character %zu", name, (char *)msg,
		    (size_t)off + 1);
		return NULL;
	}
#ifndef NO_JIT	/* valgrind cannot follow JIT code: make valgrind */
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);	/* else interpreted */
#endif
	return re;
}

/*
 * Add the built-in rules to the site.  Free with check_free.
 */
void
check_init(struct site *s)
{
	size_t	 i;
	struct rule *r;

	s->rules = xcalloc(BUILTINSZ, sizeof(*s->rules));
	for (i = 0; i < BUILTINSZ; i++) {
		r = &s->rules[s->rulesz++];
		r->name = xstrdup(builtins[i].name);
		r->message = xstrdup(builtins[i].message);
		r->error = 1;
		r->confirm = builtins[i].confirm;
		r->prefilter = builtins[i].prefilter;
		if (builtins[i].pattern != NULL)
			r->re = check_compile(s->diag, "lcspr", 0, r->name,
			    builtins[i].pattern);
	}
}

/*
 * The rule called name (built-in, from site.yaml, or a metadata
 * check's name, which gives NULL but 1 in *meta), or NULL.
 */
const struct rule *
check_find(const struct site *s, const char *name, int *meta)
{
	size_t	 i;

	*meta = 0;
	for (i = 0; i < s->rulesz; i++)
		if (strcmp(s->rules[i].name, name) == 0)
			return &s->rules[i];
	for (i = 0; i < METARULESZ; i++)
		if (strcmp(metarules[i], name) == 0)
			*meta = 1;
	return NULL;
}

/*
 * The rule called name if it is switched on and checks run at all,
 * else NULL (attach.c asks before its own checks).
 */
const struct rule *
check_on(const struct site *s, const char *name)
{
	const struct rule *r;
	int		 meta;

	if (s->opts->nocheck || (r = check_find(s, name, &meta)) == NULL ||
	    r->off)
		return NULL;
	return r;
}

/*
 * Is name a rule an exception may name?  Reports it at path:line when
 * not, with the nearest name.
 */
int
check_known(struct site *s, const char *path, size_t line, const char *name)
{
	const char	**names, *near;
	char		*hint;
	size_t		 i, n = 0;
	int		 meta;

	if (check_find(s, name, &meta) != NULL || meta)
		return 1;
	names = xcalloc(s->rulesz + METARULESZ, sizeof(*names));
	for (i = 0; i < s->rulesz; i++)
		names[n++] = s->rules[i].name;
	for (i = 0; i < METARULESZ; i++)
		names[n++] = metarules[i];
	near = vocab_nearest(name, names, n);
	if (near != NULL) {
		hint = vocab_didyoumean(&near, 1);
		diag_error(s->diag, path, line, "unknown check \"%s\": %s",
		    name, hint);
		free(hint);
	} else
		diag_error(s->diag, path, line, "unknown check \"%s\" (the "
		    "checks are listed in lcspr(5))", name);
	free(names);
	return 0;
}

/*
 * Add a site-specific rule from site.yaml (path, line).  Returns 1 on
 * success, 0 when reported (a bad pattern, with pcre2's offset).
 */
int
check_add(struct site *s, const char *path, size_t line, const char *name,
    const char *pat, const char *message, int error)
{
	pcre2_code	*re;
	struct rule	*r;
	int		 meta;

	if (check_find(s, name, &meta) != NULL || meta) {
		diag_error(s->diag, path, line, "a check called \"%s\" "
		    "already exists", name);
		return 0;
	}
	if ((re = check_compile(s->diag, path, line, name, pat)) == NULL)
		return 0;
	s->rules = xreallocarray(s->rules, s->rulesz + 1, sizeof(*s->rules));
	r = &s->rules[s->rulesz++];
	memset(r, 0, sizeof(*r));
	r->name = xstrdup(name);
	r->message = xstrdup(message);
	r->error = error;
	r->re = re;
	r->line = line;
	return 1;
}

/*
 * Free the rules.
 */
void
check_free(struct site *s)
{
	size_t	 i;

	for (i = 0; i < s->rulesz; i++) {
		free(s->rules[i].name);
		free(s->rules[i].message);
		pcre2_code_free(s->rules[i].re);
	}
	free(s->rules);
	s->rules = NULL;
	s->rulesz = 0;
}

/*
 * The matched text with its middle masked, so the finding can be found
 * without repeating it: "AB123456D" becomes "AB1*****D".  UTF-8 aware.
 * The caller owns the result.
 */
char *
check_mask(const char *p, size_t len)
{
	size_t	 chars = 0, i, k = 0, keep;
	char	*out = xmalloc(len + 1);
	size_t	 o = 0;

	for (i = 0; i < len; i++)
		chars += ((unsigned char)p[i] & 0xc0) != 0x80;
	keep = chars > 4 ? 3 : 1;
	for (i = 0; i < len; i++) {
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			k++;
		if (k <= keep || (chars > 4 && k == chars))
			out[o++] = p[i];
		else if (((unsigned char)p[i] & 0xc0) != 0x80)
			out[o++] = '*';
	}
	out[o] = '\0';
	return out;
}

/* A comment exception: "<!-- lcspr: allow RULE[, RULE] -->". */
struct inline_allow {
	size_t		 line;		/* line of the comment */
	char		*rule;		/* one rule it names */
	int		 used;		/* it excused a finding */
};

/* The text of one file, with its lines indexed. */
struct scan {
	const char	*text;		/* the whole file */
	size_t		 len;		/* its length */
	size_t		*starts;	/* offset of each line */
	size_t		 linesz;	/* number of lines */
	size_t		 cline;		/* check_where's last line (index) */
	size_t		 coff;		/* its last offset */
	size_t		 ccol;		/* and the column there */
};

/* What the searches of one text need besides the patterns. */
struct search {
	pcre2_match_data *md;		/* owned: the current rule's */
	pcre2_match_context *site;	/* owned: site rules' limits, or NULL */
	pcre2_match_context *plain;	/* owned: for the JIT stack, or NULL */
	pcre2_jit_stack	*js;		/* owned: made when first needed */
};

#define CHECK_MATCHLIMIT 1000000	/* site rules: backtracking steps */
#define CHECK_DEPTHLIMIT 10000		/* site rules: backtracking depth */
#define CHECK_JITSTACK	 (8 * 1024 * 1024) /* the most JIT stack */
#define CHECK_ERRORMAX	 10		/* limit errors a rule, a file */

/* Line (1-based) and column (1-based, in characters) of offset off. */
static void
check_where(struct scan *sc, size_t off, size_t *line, size_t *col)
{
	size_t	 lo = 0, hi = sc->linesz, mid, i;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (sc->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = lo + 1;
	/* Findings come in order: count on from the last on this line. */
	if (sc->cline != lo || sc->coff > off) {
		sc->cline = lo;
		sc->coff = sc->starts[lo];
		sc->ccol = 1;
	}
	for (i = sc->coff; i < off; i++)
		sc->ccol += ((unsigned char)sc->text[i] & 0xc0) != 0x80;
	sc->coff = off;
	*col = sc->ccol;
}

/* Read the comment exceptions of a file, checking the rules named. */
static size_t
check_inline(struct site *s, const char *path, struct scan *sc,
    struct inline_allow **out)
{
	const char	*p = sc->text, *end = sc->text + sc->len, *q;
	const char	*c = NULL;
	struct inline_allow *v = NULL;
	size_t		 n = 0, line, col, k;
	char		*name;
	int		 meta, noclose = 0;

	*out = NULL;
	while ((p = memmem(p, (size_t)(end - p), "<!--", 4)) != NULL) {
		q = p + 4;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if ((size_t)(end - q) < 12 || strncmp(q, "lcspr:", 6) != 0) {
			p += 4;
			continue;
		}
		q += 6;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		/* Text of a new site to replace: scan.c reports it. */
		if ((size_t)(end - q) >= 11 &&
		    strncmp(q, "placeholder", 11) == 0 && (end - q == 11 ||
		    !(isalnum((unsigned char)q[11]) || q[11] == '_'))) {
			p += 4;
			continue;
		}
		check_where(sc, (size_t)(p - sc->text), &line, &col);
		/* The next "-->", found again only once passed: linear. */
		if (!noclose && (c == NULL || c < q) && (c = memmem(q,
		    (size_t)(end - q), "-->", 3)) == NULL)
			noclose = 1;
		if (noclose || strncmp(q, "allow", 5) != 0 ||
		    memchr(q, '\n', (size_t)(c - q)) != NULL) {
			diag_error(s->diag, path, line, "an exception is "
			    "written <!-- lcspr: allow RULE --> on one line");
			p += 4;
			continue;
		}
		for (q += 5; q < c;) {
			while (q < c && (*q == ' ' || *q == ',' || *q == '\t'))
				q++;
			for (k = 0; q + k < c && q[k] != ' ' && q[k] != ',' &&
			    q[k] != '\t'; k++)
				;
			if (k == 0)
				break;
			name = xstrndup(q, k);
			q += k;
			if (!check_known(s, path, line, name)) {
				free(name);
				continue;
			}
			if (check_find(s, name, &meta) == NULL && meta) {
				diag_error(s->diag, path, line, "\"%s\" is "
				    "about the whole file: excuse it with "
				    "\"allow: [%s]\" in the front matter",
				    name, name);
				free(name);
				continue;
			}
			v = xreallocarray(v, n + 1, sizeof(*v));
			v[n].line = line;
			v[n].rule = name;
			v[n++].used = 0;
		}
		p = c + 3;
	}
	*out = v;
	return n;
}

/* Is a finding of rule at line excused?  Marks what excused it. */
static int
check_excused(const char *rule, size_t line, struct allow *fa,
    size_t fasz, struct inline_allow *ia, size_t iasz)
{
	size_t	 i, lo = 0, hi = iasz, mid;
	int	 ok = 0;

	/* The comments come in line order: from the first on line - 1. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ia[mid].line + 1 < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < iasz && ia[i].line <= line; i++)
		if (strcmp(ia[i].rule, rule) == 0)
			ok = ia[i].used = 1;
	for (i = 0; !ok && i < fasz; i++)
		if (strcmp(fa[i].rule, rule) == 0)
			ok = fa[i].used = 1;
	return ok;
}

/*
 * Does the file's front matter excuse rule?  Marks the exception used.
 */
int
check_allowed(const char *rule, struct allow *fa, size_t fasz)
{
	return check_excused(rule, 0, fa, fasz, NULL, 0);
}

/*
 * Report a metadata finding (a warning) for rule at path:line:col,
 * unless the file allows it.
 */
void
check_meta(struct site *s, const char *path, size_t line, size_t col,
    struct allow *fa, size_t fasz, const char *rule, const char *msg)
{
	if (check_excused(rule, line, fa, fasz, NULL, 0))
		return;
	diag_finding(s->diag, 0, path, line, col, "%s: %s", rule, msg);
}

/* The offset of the character after the one at off in t. */
static size_t
check_nextchar(const char *t, size_t len, size_t off)
{
	for (off++; off < len && ((unsigned char)t[off] & 0xc0) == 0x80;
	    off++)
		continue;
	return off;
}

/* Give the searches a JIT stack bigger than the default 32 KB. */
static void
check_jitstack(struct search *se)
{
	se->js = pcre2_jit_stack_create(32 * 1024, CHECK_JITSTACK, NULL);
	if (se->plain == NULL)
		se->plain = pcre2_match_context_create(NULL);
	if (se->js == NULL || se->plain == NULL)
		errx(2, "out of memory");
	pcre2_jit_stack_assign(se->plain, NULL, se->js);
	if (se->site != NULL)
		pcre2_jit_stack_assign(se->site, NULL, se->js);
}

/* The match context for rule ru: limits for a rule from site.yaml. */
static pcre2_match_context *
check_context(struct search *se, const struct rule *ru)
{
	if (ru->line == 0)		/* built in: never near a limit */
		return se->plain;
	if (se->site == NULL) {
		if ((se->site = pcre2_match_context_create(NULL)) == NULL)
			errx(2, "out of memory");
		pcre2_set_match_limit(se->site, CHECK_MATCHLIMIT);
		pcre2_set_depth_limit(se->site, CHECK_DEPTHLIMIT);
		if (se->js != NULL)
			pcre2_jit_stack_assign(se->site, NULL, se->js);
	}
	return se->site;
}

/*
 * The next match of rule ru in t (len bytes, UTF-8) from start: 1 with
 * it in [*mo, *me); 0 when there is none; -1 when pcre2 could not
 * finish (its error code in *rc) on the match starting at *mo.
 */
static int
check_next(struct search *se, const struct rule *ru, const char *t,
    size_t len, size_t start, size_t *mo, size_t *me, int *rc)
{
	pcre2_match_context *mc = check_context(se, ru);
	PCRE2_SIZE	*ov;
	size_t		 p;
	int		 r;

	r = pcre2_match(ru->re, (PCRE2_SPTR)t, len, start,
	    PCRE2_NO_UTF_CHECK, se->md, mc);
	if (r == PCRE2_ERROR_JIT_STACKLIMIT && se->js == NULL) {
		check_jitstack(se);
		mc = check_context(se, ru);
		r = pcre2_match(ru->re, (PCRE2_SPTR)t, len, start,
		    PCRE2_NO_UTF_CHECK, se->md, mc);
	}
	if (r == PCRE2_ERROR_NOMATCH)
		return 0;
	if (r < 0) {
		/* Where?  Each start in turn, as the interpreter sees it:
		 * a match before the trouble is still a match. */
		for (p = start; p <= len; p = check_nextchar(t, len, p)) {
			r = pcre2_match(ru->re, (PCRE2_SPTR)t, len, p,
			    PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED | PCRE2_NO_JIT,
			    se->md, mc);
			if (r == PCRE2_ERROR_NOMATCH)
				continue;
			if (r < 0) {
				*mo = p;
				*rc = r;
				return -1;
			}
			break;
		}
		if (p > len)
			return 0;
	}
	ov = pcre2_get_ovector_pointer(se->md);
	*mo = ov[0];
	*me = ov[1];
	return 1;
}

/*
 * Report that rule ru could not finish at path:line (where names the
 * page of a document, or is empty); last says it stops here.
 */
static void
check_limit(struct site *s, const char *path, size_t line,
    const char *where, const struct rule *ru, int rc, int last)
{
	PCRE2_UCHAR	 msg[256];
	char		*fix;

	pcre2_get_error_message(rc, msg, sizeof(msg));
	if (ru->line > 0)
		fix = xasprintf("simplify its pattern at site.yaml line %zu "
		    "(a repeat inside a repeat, such as (\\w+ ?)+, or .* "
		    "over a long text, takes too long)", ru->line);
	else
		fix = xstrdup("check this line by hand, and report it to "
		    "the lcspr developers");
	diag_error(s->diag, path, line, "%sthe check \"%s\" could not "
	    "finish here (PCRE2 error: %s): %s; %s", where, ru->name,
	    (char *)msg, fix, last ? "it is not run on the rest of this "
	    "file" : "the rest of the file is still checked");
	free(fix);
}

/*
 * Run the pattern rules over n, the text the reader sees, calling
 * found (with arg) for every confirmed match [off, end) of rule r and
 * where (with arg) to place a rule that could not finish.  Returns 0
 * when a rule could not finish (reported), else 1.
 */
static int
check_rules(struct site *s, const char *path, const struct norm *n,
    void (*found)(void *, size_t, size_t, size_t),
    void (*where)(void *, size_t, size_t *, char *, size_t), void *arg)
{
	struct search	 se;
	const struct rule *ru;
	size_t		 r, start, mo, me, nerr, line;
	const char	*q;
	char		 at[64];
	int		 ok = 1, rc, err;
	unsigned	 facts;

	memset(&se, 0, sizeof(se));
	facts = check_facts(n->text, n->len);
	for (r = 0; r < s->rulesz; r++) {
		ru = &s->rules[r];
		if (ru->off || ru->re == NULL ||
		    (ru->prefilter & facts) != ru->prefilter)
			continue;
		se.md = pcre2_match_data_create_from_pattern(ru->re, NULL);
		if (se.md == NULL)
			errx(2, "out of memory");
		for (start = 0, nerr = 0; start <= n->len; ) {
			rc = check_next(&se, ru, n->text, n->len, start, &mo,
			    &me, &err);
			if (rc == 0)
				break;
			if (rc < 0) {
				where(arg, mo, &line, at, sizeof(at));
				check_limit(s, path, line, at, ru, err,
				    ++nerr == CHECK_ERRORMAX);
				ok = 0;
				if (nerr == CHECK_ERRORMAX)
					break;
				/* On from the next line. */
				q = memchr(n->text + mo, '\n', n->len - mo);
				start = q == NULL ? n->len + 1 :
				    (size_t)(q - n->text) + 1;
				continue;
			}
			if (me <= mo) {
				start = check_nextchar(n->text, n->len, mo);
				continue;
			}
			start = me;
			if (ru->confirm == NULL ||
			    ru->confirm(n->text + mo, me - mo))
				found(arg, r, mo, me);
		}
		pcre2_match_data_free(se.md);
	}
	pcre2_match_context_free(se.site);
	pcre2_match_context_free(se.plain);
	pcre2_jit_stack_free(se.js);
	return ok;
}

/* A text being checked, for check_rules' callbacks. */
struct textcheck {
	struct site	*s;		/* rules, diagnostics */
	const char	*path;		/* the file */
	struct scan	 sc;		/* its lines */
	struct norm	 n;		/* the text the reader sees */
	struct allow	*fa;		/* front-matter exceptions */
	size_t		 fasz;		/* their number */
	struct inline_allow *ia;	/* comment exceptions */
	size_t		 iasz;		/* their number */
	int		 ok;		/* no error found */
};

/* Report a finding of rule r at [off, end) of the checked text. */
static void
check_textfound(void *arg, size_t r, size_t off, size_t end)
{
	struct textcheck *tc = arg;
	const struct rule *ru = &tc->s->rules[r];
	size_t		 o, e, line, col;
	char		*m;

	o = norm_start(&tc->n, off);
	e = norm_end(&tc->n, end);
	check_where(&tc->sc, o, &line, &col);
	if (check_excused(ru->name, line, tc->fa, tc->fasz, tc->ia,
	    tc->iasz))
		return;
	m = check_mask(tc->sc.text + o, e - o);
	diag_finding(tc->s->diag, ru->error, tc->path, line, col,
	    "%s: %s \"%s\"", ru->name, ru->message, m);
	free(m);
	if (ru->error)
		tc->ok = 0;
}

/* The line of offset off of the checked text. */
static void
check_textwhere(void *arg, size_t off, size_t *line, char *at,
    size_t atsz)
{
	struct textcheck *tc = arg;
	size_t		 col;

	check_where(&tc->sc, norm_start(&tc->n, off), line, &col);
	if (atsz > 0)
		*at = '\0';
}

/*
 * Run every rule over the text of the file path (len bytes, valid
 * UTF-8) as the reader sees it (norm.c: f is its front matter once
 * loaded, for the escapes of its double-quoted values, or NULL), with
 * the file's front-matter exceptions fa, and report each finding at
 * the file's line and column with the file's text masked, then every
 * exception that excused nothing.  Safe on several threads.  Returns 1
 * when no error was found.
 */
int
check_text(struct site *s, const char *path, const char *text, size_t len,
    const struct front *f, struct allow *fa, size_t fasz)
{
	struct textcheck tc;
	size_t		 i, n;

	if (s->opts->nocheck)
		return 1;
	memset(&tc, 0, sizeof(tc));
	tc.s = s;
	tc.path = path;
	tc.fa = fa;
	tc.fasz = fasz;
	tc.ok = 1;
	tc.sc.text = text;
	tc.sc.len = len;
	tc.sc.ccol = 1;
	for (n = 1, i = 0; i < len; i++)
		n += text[i] == '\n';
	tc.sc.starts = xcalloc(n, sizeof(*tc.sc.starts));
	tc.sc.starts[tc.sc.linesz++] = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\n' && tc.sc.linesz < n)
			tc.sc.starts[tc.sc.linesz++] = i + 1;
	tc.iasz = check_inline(s, path, &tc.sc, &tc.ia);
	norm_text(&tc.n, text, len, f);
	if (!check_rules(s, path, &tc.n, check_textfound, check_textwhere,
	    &tc))
		tc.ok = 0;
	for (i = 0; i < tc.iasz; i++) {
		if (!tc.ia[i].used)
			diag_warn(s->diag, path, tc.ia[i].line, "stale "
			    "exception: nothing here is found by \"%s\" any "
			    "more; remove the allow", tc.ia[i].rule);
		free(tc.ia[i].rule);
	}
	free(tc.ia);
	free(tc.sc.starts);
	norm_free(&tc.n);
	return tc.ok;
}

/* A finding in a document: where it starts, and its rule. */
struct docfind {
	size_t		 off;		/* start of the match */
	size_t		 end;		/* end of the match */
	size_t		 rule;		/* index in site->rules */
};

/* A document being checked, for check_rules' callbacks. */
struct doccheck {
	const char	*text;		/* the document's text */
	struct norm	 n;		/* as the reader sees it */
	struct docfind	*v;		/* owned: findings, file offsets */
	size_t		 vsz;		/* their number */
};

static int
check_docfindcmp(const void *a, const void *b)
{
	const struct docfind *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* Keep a finding of rule r at [off, end) of a document's text. */
static void
check_docfound(void *arg, size_t r, size_t off, size_t end)
{
	struct doccheck *dc = arg;

	dc->v = xreallocarray(dc->v, dc->vsz + 1, sizeof(*dc->v));
	dc->v[dc->vsz].off = norm_start(&dc->n, off);
	dc->v[dc->vsz].end = norm_end(&dc->n, end);
	dc->v[dc->vsz++].rule = r;
}

/* The page of offset off of a document's text, as "page N: ". */
static void
check_docwhere(void *arg, size_t off, size_t *line, char *at,
    size_t atsz)
{
	struct doccheck *dc = arg;
	size_t		 o = norm_start(&dc->n, off), i, page = 1;

	for (i = 0; i < o; i++)	/* rare: a rule that could not finish */
		page += dc->text[i] == '\f';
	*line = 0;
	snprintf(at, atsz, "page %zu: ", page);
}

/*
 * Run every pattern rule over the text of a document attachment path
 * (a PDF's text as pdftotext gives it, pages separated by form feeds,
 * when prop is NULL; else the value of its property prop) as the
 * reader sees it (norm.c) and report each finding, in page order, as
 * "page N: RULE: ..." or "the "PROP" property: RULE: ...".  text must
 * be valid UTF-8.  Safe on several threads.  Returns 1 when no error
 * was found.
 */
int
check_document(struct site *s, const char *path, const char *text,
    size_t len, const char *prop)
{
	struct doccheck	 dc;
	const struct rule *ru;
	size_t		 i, page, off;
	char		*m;
	int		 ok;

	if (s->opts->nocheck)
		return 1;
	memset(&dc, 0, sizeof(dc));
	dc.text = text;
	norm_text(&dc.n, text, len, NULL);
	ok = check_rules(s, path, &dc.n, check_docfound, check_docwhere,
	    &dc);
	if (dc.vsz > 1)
		qsort(dc.v, dc.vsz, sizeof(*dc.v), check_docfindcmp);
	for (page = 1, off = 0, i = 0; i < dc.vsz; i++) {
		/* Findings in order: count the form feeds once. */
		for (; off < dc.v[i].off; off++)
			page += text[off] == '\f';
		ru = &s->rules[dc.v[i].rule];
		m = check_mask(text + dc.v[i].off, dc.v[i].end - dc.v[i].off);
		if (prop != NULL)
			diag_finding(s->diag, ru->error, path, 0, 0, "the "
			    "\"%s\" property: %s: %s \"%s\"", prop, ru->name,
			    ru->message, m);
		else
			diag_finding(s->diag, ru->error, path, 0, 0, "page "
			    "%zu: %s: %s \"%s\"", page, ru->name, ru->message,
			    m);
		free(m);
		if (ru->error)
			ok = 0;
	}
	free(dc.v);
	norm_free(&dc.n);
	return ok;
}

/*
 * After check_text and the metadata checks of a file: report every
 * front-matter exception that excused nothing.
 */
void
check_stale(struct site *s, const char *path, struct allow *fa,
    size_t fasz)
{
	size_t	 i;

	if (s->opts->nocheck)
		return;
	for (i = 0; i < fasz; i++)
		if (!fa[i].used)
			diag_warn(s->diag, path, fa[i].line, "stale "
			    "exception: nothing in this file is found by "
			    "\"%s\" any more; remove it from \"allow\"",
			    fa[i].rule);
}

/*
 * ethnicity-mentioned, for a review that records the child's ethnicity
 * (issue 15): a review on a learning theme about ethnicity, culture or
 * race, or with a heading about them, most likely analyses it, so
 * "ethnicity_analysed" should say so.  One warning at most.
 */
static void
check_analysed(struct site *s, struct review *r, const char *body,
    size_t bodylen, size_t bodyline, size_t themesline)
{
	const char	*p, *e, *end = body + bodylen;
	char		*h, msg[512], on[256];
	size_t		 i, line = 0, k;

	if (r->ethnicity_analysed == TRI_YES)
		return;
	for (i = 0; line == 0 && i < r->themesz; i++)
		if (scan_match(s->re->ethnic, r->themes[i]->name)) {
			snprintf(on, sizeof(on), "is on the learning theme "
			    "\"%s\"", r->themes[i]->name);
			line = themesline;
		}
	/* An ATX heading (up to three spaces, then #) about them. */
	for (p = body, k = bodyline; line == 0 && p < end; p = e + 1, k++) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		for (i = 0; p + i < e && p[i] == ' '; i++)
			continue;
		if (i > 3 || p + i >= e || p[i] != '#')
			continue;
		h = xstrndup(p + i, (size_t)(e - p - i));
		if (scan_match(s->re->ethnic, h)) {
			h[strcspn(h, "\r")] = '\0';
			snprintf(on, sizeof(on), "has the heading \"%.200s\"",
			    h);
			line = k;
		}
		free(h);
	}
	if (line == 0)
		return;
	snprintf(msg, sizeof(msg), "\"ethnicity_analysed\" is %s, but the "
	    "review %s: if it considers how ethnicity, culture and race "
	    "affected the child, set \"ethnicity_analysed: true\"",
	    r->ethnicity_analysed == TRI_NO ? "false" : "not given", on);
	check_meta(s, r->path, line, 1, r->allow, r->allowsz,
	    "ethnicity-mentioned", msg);
}

/*
 * The metadata checks of one review (warnings): a long first
 * paragraph used as the summary, a report_url that is not https, and
 * ethnicity_recorded false in a review that mentions ethnicity, race,
 * culture or religion (recorded but not said to be analysed in one on
 * such a theme or with such a heading: check_analysed).  body is the
 * Markdown after the front matter, starting on line bodyline;
 * summarygiven says the front matter had a summary; urlline and
 * themesline are the lines of report_url and themes.
 */
void
check_review(struct site *s, struct review *r, const char *body,
    size_t bodylen, size_t bodyline, int summarygiven, size_t urlline,
    size_t themesline)
{
	pcre2_match_data *md;
	PCRE2_SIZE	*ov, start;
	size_t		 line, col, i, chars;
	char		 msg[256];
	const char	*end = body + bodylen, *cs = body, *nx = NULL;
	const char	*open = NULL, *close = NULL, *closefor = NULL;
	int		 noopen = 0, noclose = 0;

	if (s->opts->nocheck)
		return;
	for (chars = 0, i = 0; r->summary[i] != '\0'; i++)
		chars += ((unsigned char)r->summary[i] & 0xc0) != 0x80;
	if (!summarygiven && chars > 600) {
		snprintf(msg, sizeof(msg), "the first paragraph (%zu "
		    "characters) is used as the summary in lists and feeds: "
		    "add a \"summary\" of one or two sentences", chars);
		check_meta(s, r->path, bodyline, 1, r->allow, r->allowsz,
		    "long-summary", msg);
	}
	if (r->report_url != NULL && strncasecmp(r->report_url, "https:",
	    6) != 0)
		check_meta(s, r->path, urlline, 1, r->allow, r->allowsz,
		    "insecure-report-url", "\"report_url\" is not https: "
		    "link to the https address of the report if there is one");
	if (r->ethnicity) {
		check_analysed(s, r, body, bodylen, bodyline, themesline);
		return;
	}
	md = pcre2_match_data_create_from_pattern(s->re->ethnic, NULL);
	for (start = 0; pcre2_match(s->re->ethnic, (PCRE2_SPTR)body, bodylen,
	    start, PCRE2_NO_UTF_CHECK, md, NULL) >= 0; ) {
		ov = pcre2_get_ovector_pointer(md);
		/* Not the words of an HTML comment (an exception, say).
		 * Matches come in order: each "<!--" and each "-->" is
		 * searched for once, not from the start for each match. */
		while (!noopen) {
			if ((nx == NULL || nx < cs) && (nx = memmem(cs,
			    (size_t)(end - cs), "<!--", 4)) == NULL)
				noopen = 1;
			if (noopen || nx >= body + ov[0])
				break;
			open = nx;
			cs = nx + 4;
		}
		if (open != NULL && open != closefor && !noclose) {
			if ((close = memmem(open + 4, (size_t)(end - open - 4),
			    "-->", 3)) == NULL)
				noclose = 1;
			closefor = open;
		}
		if (open != NULL && !noclose && close > body + ov[0]) {
			start = (size_t)(close - body) + 3;
			continue;
		}
		for (line = bodyline, col = 1, i = 0; i < ov[0]; i++)
			if (body[i] == '\n')
				line++, col = 1;
			else
				col += ((unsigned char)body[i] & 0xc0) != 0x80;
		snprintf(msg, sizeof(msg), "\"ethnicity_recorded\" is false, "
		    "but the review mentions \"%.*s\": check whether it "
		    "records the child's ethnicity", (int)(ov[1] - ov[0]),
		    body + ov[0]);
		check_meta(s, r->path, line, col, r->allow, r->allowsz,
		    "ethnicity-mentioned", msg);
		break;
	}
	pcre2_match_data_free(md);
}

/* By title, then path (reviews without a title last). */
static int
check_titlecmp(const void *a, const void *b)
{
	const struct review *x = *(const struct review *const *)a;
	const struct review *y = *(const struct review *const *)b;
	int		 c;

	if (x->title == NULL || y->title == NULL)
		return (x->title == NULL) - (y->title == NULL);
	if ((c = strcmp(x->title, y->title)) != 0)
		return c;
	return strcmp(x->path, y->path);
}

/*
 * Once every review is read: report two reviews with the same slug
 * (s->byslug is sorted by slug, then path), two with the same title
 * (a warning), then the front-matter exceptions that excused nothing.
 * Returns 1 when no two reviews share a slug.
 */
int
check_reviews(struct site *s)
{
	struct review	**v, *const *b = s->byslug;
	size_t		 i;
	int		 ok = 1;
	char		*msg;

	for (i = 1; i < s->reviewsz; i++)
		if (strcmp(b[i]->slug, b[i - 1]->slug) == 0) {
			diag_error(s->diag, b[i]->path, 1, "duplicate slug "
			    "\"%s\": %s has the same file name, and each "
			    "review needs its own web address", b[i]->slug,
			    b[i - 1]->path);
			ok = 0;
		}
	v = xcalloc(s->reviewsz, sizeof(*v));
	for (i = 0; i < s->reviewsz; i++)
		v[i] = &s->reviews[i];
	qsort(v, s->reviewsz, sizeof(*v), check_titlecmp);
	for (i = 1; i < s->reviewsz; i++)
		if (v[i]->title != NULL && v[i - 1]->title != NULL &&
		    strcmp(v[i]->title, v[i - 1]->title) == 0 &&
		    !s->opts->nocheck &&
		    /* Either file may excuse the pair: both count as used. */
		    !(check_allowed("duplicate-title", v[i - 1]->allow,
		    v[i - 1]->allowsz) |
		    check_allowed("duplicate-title", v[i]->allow,
		    v[i]->allowsz))) {
			msg = xasprintf("%s has the same title: readers "
			    "cannot tell the two apart in lists",
			    v[i - 1]->path);
			check_meta(s, v[i]->path, v[i]->titleline, 1,
			    v[i]->allow, v[i]->allowsz, "duplicate-title",
			    msg);
			free(msg);
		}
	free(v);
	/* Now that every metadata check has run: unused exceptions. */
	for (i = 0; i < s->reviewsz; i++)
		check_stale(s, s->reviews[i].path, s->reviews[i].allow,
		    s->reviews[i].allowsz);
	return ok;
}

static int
check_findslug(const void *key, const void *elem)
{
	return strcmp(key, (*(struct review *const *)elem)->slug);
}

/*
 * Once the published reviews are chosen and the terms with a page
 * known: links to a review that stays off the site (a draft, or
 * embargoed, or withdrawn), or to a theme or region with no page (no published
 * review and no intro), would be broken links: report each from a
 * text that is published.  Returns 1 when there are none.
 */
int
check_links(struct site *s)
{
	struct review	**t;
	const struct xref *x;
	const struct vocab *v;
	size_t		 i;
	int		 ok = 1;

	for (i = 0; i < s->run->xrefsz; i++) {
		x = &s->run->xrefs[i];
		if (x->from != NULL && !x->from->published_ok)
			continue;
		if (x->term != NULL) {
			if (x->term->onsite ||
			    (v = vocab_paged(s, x->term)) == NULL)
				continue;
			diag_finding(s->diag, 1, x->path, x->line, x->col,
			    "link to the %s \"%s\", which has no page: no "
			    "published review has it, so it would be a broken "
			    "link on the site; remove the link, or write an "
			    "introduction in %s/%s/%s.md to give it a page",
			    v->what, x->term->name, s->opts->contentdir, v->dir,
			    x->term->slug);
			ok = 0;
			continue;
		}
		t = bsearch(x->slug, s->byslug, s->reviewsz,
		    sizeof(*s->byslug), check_findslug);
		if (t == NULL || (*t)->published_ok)
			continue;
		if ((*t)->gone)
			diag_finding(s->diag, 1, x->path, x->line, x->col,
			    "link to %s.md, which is withdrawn: its page is "
			    "now only a notice, so remove the link", x->slug);
		else
			diag_finding(s->diag, 1, x->path, x->line, x->col,
			    "link to %s.md, which %s: it would be a broken "
			    "link on the site", x->slug, (*t)->draft &&
			    !s->opts->drafts ? "is a draft" :
			    "is dated after the build date");
		ok = 0;
	}
	return ok;
}
