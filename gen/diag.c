/*
 * The one diagnostics funnel, after mandoc's mandoc_msg.c.  Every
 * problem is "path:line: message"; messages are held while a stage
 * runs (on several threads), then sorted by file and line and printed,
 * so every problem comes out in one run and in a stable order.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/*
 * Initialise an empty funnel.
 */
void
diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
}

static void
diag_vadd(struct diag *d, int error, const char *path, size_t line,
    size_t col, const char *fmt, va_list ap)
{
	struct diagmsg	*m;
	char		*text;

	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	pthread_mutex_lock(&d->lock);
	if (d->msgsz == d->msgmax) {
		d->msgmax = d->msgmax ? d->msgmax * 2 : 64;
		d->msgs = xreallocarray(d->msgs, d->msgmax, sizeof(*d->msgs));
	}
	m = &d->msgs[d->msgsz++];
	m->path = xstrdup(path);
	m->line = line;
	m->col = col;
	m->error = error;
	m->seq = d->seq++;
	m->text = text != NULL ? text : xstrdup("out of memory");
	if (error)
		d->errors++;
	else
		d->warnings++;
	pthread_mutex_unlock(&d->lock);
}

/*
 * Record an error about path at line (0: the file as a whole).
 * Safe to call from any thread.
 */
void
diag_error(struct diag *d, const char *path, size_t line,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vadd(d, 1, path, line, 0, fmt, ap);
	va_end(ap);
}

/*
 * Record a warning: printed, but the build goes on.
 */
void
diag_warn(struct diag *d, const char *path, size_t line,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vadd(d, 0, path, line, 0, fmt, ap);
	va_end(ap);
}

/*
 * Record a finding of a content check at line and column: printed as
 * "path:line:col: message" (an error) or with "warning: " after the
 * column.  Safe to call from any thread.
 */
void
diag_finding(struct diag *d, int error, const char *path, size_t line,
    size_t col, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vadd(d, error, path, line, col, fmt, ap);
	va_end(ap);
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct diagmsg *x = a, *y = b;
	int		 c;

	if ((c = strcmp(x->path, y->path)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Write s to f with what a terminal would act on made visible: control
 * characters as \n, \t, \r or \xNN, C1 controls and the bidirectional
 * overrides (which reorder what is shown) as \uNNNN, and bytes that are
 * not UTF-8 as \xNN.  A message is then always one line, as typed.
 * For every path or value printed outside the funnel too.
 */
void
diag_puts(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned	 cp;
	size_t		 n, i;

	while (*p != '\0') {
		if (*p < 0x80) {
			if (*p == '\n')
				fputs("\\n", f);
			else if (*p == '\t')
				fputs("\\t", f);
			else if (*p == '\r')
				fputs("\\r", f);
			else if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\x%02x", *p);
			else
				putc(*p, f);
			p++;
			continue;
		}
		/* The length of a well-formed UTF-8 sequence, else 0. */
		n = (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 :
		    (*p & 0xf8) == 0xf0 ? 4 : 0;
		cp = n == 2 ? *p & 0x1f : n == 3 ? *p & 0x0f : *p & 0x07;
		for (i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80) {
				n = 0;
				break;
			}
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if (n == 0 || (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff)) {
			fprintf(f, "\\x%02x", *p++);
			continue;
		}
		if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a &&
		    cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
		    cp == 0x2028 || cp == 0x2029)
			fprintf(f, "\\u%04x", cp);
		else
			fwrite(p, 1, n, f);
		p += n;
	}
}

/*
 * Print every held message to f, sorted by path and line, and forget
 * them (the counts stay).  Call between stages, from one thread.
 */
void
diag_flush(struct diag *d, FILE *f)
{
	size_t		 i, len = 0;
	struct diagmsg	*m;
	char		*all = NULL;
	FILE		*o;

	if (d->msgsz == 0)
		return;
	if (d->msgsz > 1)
		qsort(d->msgs, d->msgsz, sizeof(*d->msgs), diag_cmp);
	/* Gathered first: stderr is unbuffered, a write a piece is slow. */
	if ((o = open_memstream(&all, &len)) == NULL)
		o = f;
	for (i = 0; i < d->msgsz; i++) {
		m = &d->msgs[i];
		diag_puts(o, m->path);
		if (m->col > 0)
			fprintf(o, ":%zu:%zu", m->line, m->col);
		else if (m->line > 0)
			fprintf(o, ":%zu", m->line);
		fputs(m->error ? ": " : ": warning: ", o);
		diag_puts(o, m->text);
		putc('\n', o);
		free(m->path);
		free(m->text);
	}
	d->msgsz = 0;
	if (o != f) {
		fclose(o);
		fwrite(all, 1, len, f);
		free(all);
	}
	fflush(f);
}

/*
 * Free the funnel's storage.
 */
void
diag_free(struct diag *d)
{
	size_t	 i;

	for (i = 0; i < d->msgsz; i++) {
		free(d->msgs[i].path);
		free(d->msgs[i].text);
	}
	free(d->msgs);
	pthread_mutex_destroy(&d->lock);
}
