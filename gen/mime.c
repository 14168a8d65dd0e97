/*
 * MIME: the encodings an e-mail needs (RFC 2045, 2047, 5322), for
 * lcspr digest.  Quoted-printable bodies with lines of at most 76
 * characters and CRLF ends, and header fields folded to 78 columns,
 * as RFC 2047 encoded words when not plain ASCII.  Small enough to
 * write here rather than link GMime, which brings GLib.
 */
#include <stdio.h>
#include <string.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

#define MIME_QPMAX	76	/* a quoted-printable line, soft break
				 * included (RFC 2045) */
#define MIME_HDRMAX	78	/* a header line (RFC 5322) */

/*
 * The most bytes p (len bytes) can take quoted-printable, wherever its
 * lines start (mime_qp): escapes, line ends as CRLF, soft breaks.
 */
size_t
mime_qplen(const char *p, size_t len)
{
	size_t	 i, n = 0;

	/* A line's first character (a "." or "From ") and its last (a
	 * space or tab) may take an escape: 2 more for each at every line
	 * end, 2 more at each soft break and the end. */
	for (i = 0; i < len; i++)
		if (p[i] == '\n')
			n += 2 + 2 + 2;
		else if (p[i] == ' ' || p[i] == '\t')
			n++;
		else if ((unsigned char)p[i] < 33 ||
		    (unsigned char)p[i] > 126 || p[i] == '=')
			n += 3;
		else
			n++;
	return n + 2 + (3 + 2) * (n / (MIME_QPMAX - 4) + 1);
}

/*
 * Add p (len bytes, "\n" line ends) to b quoted-printable (RFC 2045
 * 6.7): lines of at most MIME_QPMAX characters with CRLF ends, soft
 * breaks never inside an escape, a space or tab before a line end
 * escaped, and a "." or "From " starting a line escaped so that no
 * mail server changes it.
 */
void
mime_qp(struct buf *b, const char *p, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char	 c;
	char		 tok[3];
	size_t		 i, col = 0, n;
	int		 esc;

	for (i = 0; i < len; i++) {
		c = (unsigned char)p[i];
		if (c == '\n') {
			buf_add(b, "\r\n", 2);
			col = 0;
			continue;
		}
		for (;;) {
			esc = c < 33 || c > 126 || c == '=';
			if ((c == ' ' || c == '\t') &&
			    (i + 1 == len || p[i + 1] == '\n'))
				esc = 1;
			else if (c == ' ' || c == '\t')
				esc = 0;
			if (col == 0 && (c == '.' || (c == 'F' &&
			    len - i >= 5 && memcmp(p + i, "From ", 5) == 0)))
				esc = 1;
			n = esc ? 3 : 1;
			/* Room for the "=" of a soft break after it. */
			if (col + n <= MIME_QPMAX - 1)
				break;
			buf_add(b, "=\r\n", 3);
			col = 0;
		}
		if (esc) {
			tok[0] = '=';
			tok[1] = hex[c >> 4];
			tok[2] = hex[c & 0xf];
			buf_add(b, tok, 3);
		} else
			buf_add(b, &p[i], 1);
		col += n;
	}
}

/* Add len bytes of p to b in base64 (RFC 2045 6.8), on one line. */
static void
mime_base64(struct buf *b, const unsigned char *p, size_t len)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	char		 q[4];
	unsigned long	 v;
	size_t		 i;

	for (i = 0; i < len; i += 3) {
		v = (unsigned long)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		q[0] = a[(v >> 18) & 63];
		q[1] = a[(v >> 12) & 63];
		q[2] = i + 1 < len ? a[(v >> 6) & 63] : '=';
		q[3] = i + 2 < len ? a[v & 63] : '=';
		buf_add(b, q, 4);
	}
}

/*
 * Add the header "name: value" to b, folded at spaces to lines of at
 * most MIME_HDRMAX characters.  A value that is not all printable
 * ASCII, has a word too long to fold or could be read as an encoded
 * word is written as RFC 2047 encoded words ("=?UTF-8?B?...?="), each
 * of whole UTF-8 characters, one a line.
 */
void
mime_header(struct buf *b, const char *name, const char *value)
{
	const unsigned char *v = (const unsigned char *)value;
	size_t		 i, col, start, w, len = strlen(value), room;
	int		 plain = strstr(value, "=?") == NULL;

	for (i = 0, w = 0; plain && i < len; i++) {
		if (v[i] < 32 || v[i] > 126)
			plain = 0;
		w = v[i] == ' ' ? 0 : w + 1;
		if (w > MIME_HDRMAX - 1 - strlen(name) - 2)
			plain = 0;
	}
	buf_puts(b, name);
	buf_puts(b, ":");
	col = strlen(name) + 1;
	if (plain) {
		for (i = 0; i < len;) {
			while (i < len && v[i] == ' ')
				i++;
			for (start = i; i < len && v[i] != ' '; i++)
				;
			if (i == start)
				break;
			if (col + 1 + (i - start) > MIME_HDRMAX) {
				buf_puts(b, "\r\n");
				col = 0;
			}
			buf_puts(b, " ");
			buf_add(b, v + start, i - start);
			col += 1 + (i - start);
		}
		buf_puts(b, "\r\n");
		return;
	}
	for (i = 0; i < len;) {
		/* " =?UTF-8?B?" and "?=" are 13; 4 base64 for 3 bytes. */
		room = (MIME_HDRMAX - col - 13) / 4 * 3;
		if (room > 45)
			room = 45;	/* an encoded word is at most 75 */
		start = i;
		i = start + room < len ? start + room : len;
		/* Whole characters: not before a continuation byte. */
		while (i < len && i > start && (v[i] & 0xc0) == 0x80)
			i--;
		buf_puts(b, " =?UTF-8?B?");
		mime_base64(b, v + start, i - start);
		buf_puts(b, "?=");
		if (i < len) {
			buf_puts(b, "\r\n");
			col = 0;
		}
	}
	buf_puts(b, "\r\n");
}
