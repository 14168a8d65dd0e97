/*
 * Front matter: split a file into its YAML block and its body, load
 * the YAML with libyaml, and list the top-level keys with their lines.
 * No meaning is given to any key here (review.c and config.c do that).
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lcspr.h"
#include "extern.h"

/* Length of the line starting at p (without its newline). */
static size_t
front_linelen(const char *p, const char *end)
{
	const char	*nl;

	nl = memchr(p, '\n', (size_t)(end - p));
	return nl == NULL ? (size_t)(end - p) : (size_t)(nl - p);
}

/* Is the line at p, of length n, a "---" fence (trailing blanks ok)? */
static int
front_isfence(const char *p, size_t n)
{
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (n < 3 || strncmp(p, "---", 3) != 0)
		return 0;
	for (p += 3, n -= 3; n > 0; p++, n--)
		if (*p != ' ' && *p != '\t')
			return 0;
	return 1;
}

/*
 * Split text (len bytes) into front matter and body, filling f.
 * Returns 1 on success; 0 (reported) when the file does not open with
 * a "---" line or the block is never closed.
 */
int
front_split(struct diag *d, const char *path, const char *text,
    size_t len, struct front *f)
{
	const char	*p = text, *end = text + len;
	size_t		 n, line = 1;

	memset(f, 0, sizeof(*f));
	f->path = path;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	n = front_linelen(p, end);
	if (!front_isfence(p, n)) {
		diag_error(d, path, 1, "no front matter: the file must start "
		    "with a line of three dashes (---), then the fields, then "
		    "another --- line");
		return 0;
	}
	p += n + (p + n < end);
	f->yaml = p;
	f->yamlline = ++line;
	while (p < end) {
		n = front_linelen(p, end);
		if (front_isfence(p, n)) {
			f->yamlsz = (size_t)(p - f->yaml);
			p += n + (p + n < end);
			f->body = p;
			f->bodysz = (size_t)(end - p);
			f->bodyline = line + 1;
			return 1;
		}
		p += n + (p + n < end);
		line++;
	}
	diag_error(d, path, 1, "front matter is not closed: add a line of "
	    "three dashes (---) after the last field");
	return 0;
}

/*
 * Line in the file of a node of the loaded document.
 */
size_t
front_line(const struct front *f, const yaml_node_t *n)
{
	return f->yamlline + n->start_mark.line;
}

/*
 * The node at index i of the loaded document.
 */
yaml_node_t *
front_node(struct front *f, int i)
{
	return yaml_document_get_node(&f->doc, i);
}

/*
 * The text of a scalar node, or NULL if the node is not a scalar.
 */
const char *
front_scalar(const yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

/*
 * Is the node YAML's null (an empty value, ~ or null, unquoted)?
 */
int
front_isnull(const yaml_node_t *n)
{
	const char	*s;

	if (n == NULL)
		return 1;
	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	s = front_scalar(n);
	return *s == '\0' || strcmp(s, "~") == 0 ||
	    strcasecmp(s, "null") == 0;
}

/*
 * Read an unquoted true/false (also yes/no, any case).  Returns 1 and
 * sets *v, or 0 when the node is anything else.
 */
int
front_bool(const yaml_node_t *n, int *v)
{
	const char	*s;

	if ((s = front_scalar(n)) == NULL ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	if (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0)
		*v = 1;
	else if (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0)
		*v = 0;
	else
		return 0;
	return 1;
}

/* A plain-language hint for libyaml's commonest complaints. */
static const char *
front_hint(const char *problem, const char *context, int tab)
{
	if (tab)
		return " (indent with spaces, not tabs)";
	if (context != NULL && strstr(context, "quoted scalar") != NULL)
		return " (a quote opened here is never closed)";
	if (context != NULL && strstr(context, "flow sequence") != NULL)
		return " (a list opened with [ here must end with ])";
	if (context != NULL && strstr(context, "flow mapping") != NULL)
		return " (a group opened with { here must end with })";
	if (problem == NULL)
		return "";
	if (strstr(problem, "mapping values are not allowed") != NULL)
		return " (a value that contains \": \" must be in quotes)";
	if (strstr(problem, "found character that cannot start") != NULL)
		return " (a value that starts with @, ` or % must be in "
		    "quotes)";
	if (strstr(problem, "did not find expected key") != NULL)
		return " (check the indentation and the quotes on the "
		    "lines above)";
	if (strstr(problem, "undefined alias") != NULL)
		return " (a value that starts with * or & must be in quotes)";
	return "";
}

/*
 * Load f->yaml with libyaml and list its top-level keys into
 * f->fields, reporting YAML errors, a top level that is not a mapping
 * (what is "what" for messages), non-text and duplicate keys.
 * An empty block gives no fields and succeeds.  Returns 1 on success,
 * 0 when reported.  Free with front_free.
 */
int
front_load(struct diag *d, struct front *f)
{
	yaml_parser_t	 p;
	yaml_node_t	*root, *k;
	yaml_node_pair_t *pair;
	size_t		 i, line;
	int		 ok = 1, tab, opened;
	const char	*key;

	if (!yaml_parser_initialize(&p))
		errx(2, "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)f->yaml,
	    f->yamlsz);
	if (!yaml_parser_load(&p, &f->doc)) {
		/* An unclosed quote or list: point where it opened. */
		opened = p.context != NULL &&
		    (strstr(p.context, "quoted scalar") != NULL ||
		    strstr(p.context, "flow") != NULL);
		line = opened ? p.context_mark.line : p.problem_mark.line;
		tab = p.problem_mark.index < f->yamlsz &&
		    f->yaml[p.problem_mark.index] == '\t';
		diag_error(d, f->path, f->yamlline + line,
		    "this is not valid YAML: %s%s", p.problem != NULL ?
		    p.problem : "unknown error",
		    front_hint(p.problem, opened ? p.context : NULL, tab));
		yaml_parser_delete(&p);
		return 0;
	}
	yaml_parser_delete(&p);
	f->loaded = 1;
	if ((root = yaml_document_get_root_node(&f->doc)) == NULL)
		return 1;
	if (root->type != YAML_MAPPING_NODE) {
		diag_error(d, f->path, front_line(f, root), "expected "
		    "fields written as \"name: value\", one a line");
		return 0;
	}
	f->mapping = 1;
	f->fields = xcalloc((size_t)(root->data.mapping.pairs.top -
	    root->data.mapping.pairs.start), sizeof(*f->fields));
	for (pair = root->data.mapping.pairs.start;
	    pair < root->data.mapping.pairs.top; pair++) {
		k = front_node(f, pair->key);
		if ((key = front_scalar(k)) == NULL) {
			diag_error(d, f->path, front_line(f, k),
			    "a field name must be plain text");
			ok = 0;
			continue;
		}
		for (i = 0; i < f->fieldsz; i++)
			if (strcmp(f->fields[i].key, key) == 0)
				break;
		if (i < f->fieldsz) {
			diag_error(d, f->path, front_line(f, k),
			    "duplicate field \"%s\" (first given on line %zu)",
			    key, f->fields[i].line);
			ok = 0;
			continue;
		}
		f->fields[f->fieldsz].key = key;
		f->fields[f->fieldsz].line = front_line(f, k);
		f->fields[f->fieldsz].value = front_node(f, pair->value);
		f->fieldsz++;
	}
	return ok;
}

/*
 * Free what front_load allocated (f itself belongs to the caller).
 */
void
front_free(struct front *f)
{
	if (f->loaded)
		yaml_document_delete(&f->doc);
	free(f->fields);
	f->fields = NULL;
	f->fieldsz = 0;
	f->loaded = 0;
}
