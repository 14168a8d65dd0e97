/*
 * mime.c: quoted-printable bodies decode back to the text, with lines
 * of at most 76 characters, CRLF ends and whole escapes; mime_qplen is
 * never less than what mime_qp writes; header fields fold to 78
 * columns, as encoded words of whole UTF-8 characters when not ASCII.
 */
#include <stdlib.h>
#include <string.h>

#include "../../gen/lcspr.h"
#include "../../gen/internal.h"
#include "../../gen/extern.h"
#include "harness.h"

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ?
	    c - 'A' + 10 : -1;
}

/*
 * Decode quoted-printable p into out (CRLF to "\n"); 0 when a line is
 * too long, a line end is not CRLF, an escape is not whole upper-case
 * hex, or a space ends a line.
 */
static int
qp_decode(const char *p, size_t len, struct buf *out)
{
	size_t	 i, col = 0;

	for (i = 0; i < len; i++) {
		if (p[i] == '\r') {
			if (i + 1 >= len || p[i + 1] != '\n')
				return 0;
			if (i > 0 && (p[i - 1] == ' ' || p[i - 1] == '\t'))
				return 0;
			buf_add(out, "\n", 1);
			i++;
			col = 0;
			continue;
		}
		if (p[i] == '\n')
			return 0;
		if (p[i] == '=') {
			if (i + 2 < len && p[i + 1] == '\r' && p[i + 2] == '\n') {
				if (col + 1 > 76)
					return 0;
				i += 2;
				col = 0;
				continue;
			}
			if (i + 2 >= len || hexval(p[i + 1]) < 0 ||
			    hexval(p[i + 2]) < 0)
				return 0;
			buf_add(out, &(char){ (char)(hexval(p[i + 1]) * 16 +
			    hexval(p[i + 2])) }, 1);
			i += 2;
			col += 3;
		} else {
			buf_add(out, &p[i], 1);
			col++;
		}
		if (col > 76)
			return 0;
	}
	if (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		return 0;
	return 1;
}

static int
b64val(int c)
{
	const char *a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/";
	const char *q = strchr(a, c);

	return c != '\0' && q != NULL ? (int)(q - a) : -1;
}

/* Decode base64 p (len bytes) onto out; 0 when malformed. */
static int
b64_decode(const char *p, size_t len, struct buf *out)
{
	size_t	 i;
	int	 v[4], k;

	if (len % 4 != 0)
		return 0;
	for (i = 0; i < len; i += 4) {
		for (k = 0; k < 4; k++)
			v[k] = p[i + k] == '=' ? 0 : b64val(p[i + k]);
		if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[3] < 0)
			return 0;
		buf_add(out, &(char){ (char)(v[0] << 2 | v[1] >> 4) }, 1);
		if (p[i + 2] != '=')
			buf_add(out, &(char){ (char)((v[1] & 15) << 4 |
			    v[2] >> 2) }, 1);
		if (p[i + 3] != '=')
			buf_add(out, &(char){ (char)((v[2] & 3) << 6 | v[3]) },
			    1);
	}
	return 1;
}

/* Is p (len bytes) whole UTF-8 characters? */
static int
utf8_whole(const char *p, size_t len)
{
	size_t	 i, n;

	for (i = 0; i < len; i += n) {
		unsigned char c = (unsigned char)p[i];

		n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 :
		    (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		if (n == 0 || i + n > len)
			return 0;
	}
	return 1;
}

static void
qp_roundtrip(const char *name, const char *text)
{
	struct buf	 enc = { NULL, 0, 0 }, dec = { NULL, 0, 0 };
	size_t		 len = strlen(text);

	mime_qp(&enc, text, len);
	CHECK(qp_decode(enc.data ? enc.data : "", enc.len, &dec),
	    "%s: malformed quoted-printable: %s", name, enc.data);
	CHECK(dec.len == len && (len == 0 || memcmp(dec.data, text, len) == 0),
	    "%s: decodes to \"%s\"", name, dec.data ? dec.data : "");
	CHECK(mime_qplen(text, len) >= enc.len, "%s: qplen %zu < %zu", name,
	    mime_qplen(text, len), enc.len);
	buf_free(&enc);
	buf_free(&dec);
}

/* Decode a folded header's value: plain words, or encoded words. */
static void
header_check(const char *name, const char *value, int encoded)
{
	struct buf	 h = { NULL, 0, 0 }, dec = { NULL, 0, 0 };
	char		*line, *save, *w, *end;
	size_t		 n = 0;

	mime_header(&h, name, value);
	CHECK(h.len >= 2 && strcmp(h.data + h.len - 2, "\r\n") == 0,
	    "%s: header ends in CRLF", value);
	for (line = strtok_r(h.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save), n++) {
		CHECK(strlen(line) <= 79 && line[strlen(line) - 1] == '\r',
		    "header line too long or not CRLF: \"%s\"", line);
		line[strlen(line) - 1] = '\0';
		if (n == 0) {
			CHECK(strncmp(line, name, strlen(name)) == 0 &&
			    line[strlen(name)] == ':', "header name: %s", line);
			line += strlen(name) + 1;
		}
		CHECK(*line == ' ', "folded line starts with a space: \"%s\"",
		    line);
		if (!encoded) {
			if (dec.len > 0)
				buf_add(&dec, " ", 1);
			buf_puts(&dec, line + 1);
			continue;
		}
		for (w = strtok_r(line, " ", &end); w != NULL;
		    w = strtok_r(NULL, " ", &end)) {
			struct buf one = { NULL, 0, 0 };

			CHECK(strlen(w) <= 75 && strncmp(w, "=?UTF-8?B?", 10) == 0
			    && strcmp(w + strlen(w) - 2, "?=") == 0,
			    "encoded word: \"%s\"", w);
			CHECK(b64_decode(w + 10, strlen(w) - 12, &one),
			    "base64 of \"%s\"", w);
			CHECK(utf8_whole(one.data, one.len),
			    "encoded word of whole characters: \"%s\"", w);
			buf_add(&dec, one.data, one.len);
			buf_free(&one);
		}
	}
	CHECK_STR(dec.data, value);
	buf_free(&h);
	buf_free(&dec);
}

void
test_mime(void)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*lng;
	size_t		 i;

	qp_roundtrip("empty", "");
	qp_roundtrip("plain", "Child A: neglect\n");
	qp_roundtrip("equals and trailing space", "a=b \nc\t\nend ");
	qp_roundtrip("dot and From", ".\n.start\nFrom here\nFrom\n");
	qp_roundtrip("non-ASCII", "Café — “curly” ünïcode\n");
	lng = calloc(1, 1001);
	for (i = 0; i < 1000; i++)
		lng[i] = "a=\xc3\xa9"[i % 4];
	qp_roundtrip("long line of escapes", lng);
	for (i = 0; i < 1000; i++)
		lng[i] = i % 77 == 76 ? ' ' : 'w';
	qp_roundtrip("long line of words", lng);
	free(lng);
	/* An escape is never split by a soft break. */
	mime_qp(&b, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaa=", 76);
	CHECK(strstr(b.data, "=\r\n=3D") != NULL, "escape moved whole: %s",
	    b.data);
	buf_free(&b);

	header_check("Subject", "Northshire Safeguarding Children Partnership: "
	    "reviews added 1 to 30 November 2026", 0);
	header_check("Subject", "short", 0);
	header_check("Subject", "Partenariat de Sécurité des Enfants — “Nord”: "
	    "examens ajoutés du 1er au 30 novembre 2026, ça va", 1);
	header_check("Subject", "=?UTF-8?B?not-an-encoded-word?=", 1);
	header_check("Subject", "a-very-long-word-that-cannot-be-folded-"
	    "anywhere-at-all-because-it-has-no-spaces-whatsoever", 1);
	header_check("Subject", "日本語の題名日本語の題名日本語の題名日本語の"
	    "題名日本語の題名", 1);
}
