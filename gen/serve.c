/*
 * Serve: lcspr serve builds the site into a private temporary folder,
 * serves it on 127.0.0.1 with libevent's evhttp, and builds again,
 * in a child process, whenever the content or site theme folder
 * changes (inotify).  Open pages reload after each build; while the
 * last build failed, every HTML page shows its messages at the top.
 * The temporary folder is removed on exit, so a preview is never
 * uploaded by mistake.
 */
#include <sys/inotify.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

#define SERVE_PORT	8000	/* without -p */
#define SERVE_SETTLE	100000	/* microseconds of quiet before a build */
#define SERVE_WAITMAX	256	/* pages waiting for the next build */
#define SERVE_WAITSECS	25	/* a wait is answered after this long */
#define SERVE_PREFIX	"/_lcspr/"	/* the server's own addresses */

/* A page waiting, through the reload script, for the next build. */
struct waiter {
	struct evhttp_request	 *req;		/* borrowed from evhttp */
	struct evhttp_connection *evcon;	/* its connection */
	time_t			  since;	/* when it came */
};

/* Everything lcspr serve knows. */
struct serve {
	struct opts	 opts;		/* for each build: outdir is docroot */
	struct event_base *base;	/* owned: the event loop */
	struct evhttp	*http;		/* owned: the HTTP server */
	char		*tmpdir;	/* owned: the private temporary folder */
	char		*docroot;	/* owned: tmpdir/site, the built site */
	char		*basepath;	/* owned: base_url's path, ends in '/' */
	int		 port;		/* on 127.0.0.1 */
	int		 listenfd;	/* the listening socket */
	int		 infd;		/* inotify, or -1 */
	char		**wdpath;	/* owned: the folder of each watch */
	size_t		 wdsz;		/* entries in wdpath */
	int		 roots[2];	/* watches of the content and theme
					 * folders, or -1 */
	int		 nolimit;	/* the watch limit was reported */
	pid_t		 child;		/* the build running, or -1 */
	int		 pending;	/* something changed during the build */
	int		 pipes[2];	/* the build's stdout and stderr, or -1 */
	struct event	*pipev[2];	/* owned: their read events */
	struct buf	 errout;	/* the running build's stderr */
	char		*errors;	/* owned: the messages of the last
					 * build when it failed, or NULL */
	int		 good;		/* a build has succeeded */
	int		 announced;	/* the address was printed */
	unsigned long	 gen;		/* builds finished */
	struct waiter	*waiters;	/* owned: pages waiting */
	size_t		 waitersz;	/* number waiting */
	struct event	*settle;	/* owned: the quiet-time timer */
	struct event	*sweep;		/* owned: answers old waits */
	struct event	*inev;		/* owned: inotify's read event */
	struct event	*sigs[3];	/* owned: SIGINT, SIGTERM, SIGHUP */
};

/* The reload script: it waits for the build after number %lu. */
#define SERVE_JS \
"/* lcspr serve: reload after each build */" \
"(function(g){function w(){fetch(\"" SERVE_PREFIX "wait?gen=\"+g," \
"{cache:\"no-store\"}).then(function(r){if(!r.ok)throw 0;" \
"return r.text()}).then(function(t){if(t.trim()!==String(g))" \
"location.reload();else w()},function(){setTimeout(w,1000)})}w()})" \
"(%lu);"
static const char serve_script[] = "<script>" SERVE_JS "</script>";

static const struct {
	const char	*ext;		/* a file name ending, lower case */
	const char	*type;		/* its Content-Type */
} serve_types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".htm", "text/html; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".xml", "application/xml" },
	{ ".opml", "text/x-opml; charset=utf-8" },
	{ ".json", "application/json" },
	{ ".csv", "text/csv; charset=utf-8" },
	{ ".pdf", "application/pdf" },
	{ ".png", "image/png" },
	{ ".jpg", "image/jpeg" },
	{ ".jpeg", "image/jpeg" },
	{ ".webp", "image/webp" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".docx", "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document" },
	{ ".xlsx", "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet" },
	{ ".odt", "application/vnd.oasis.opendocument.text" },
};

/*
 * The Content-Type of a file called name (by its ending, in any case):
 * a static string, application/octet-stream when the ending is unknown.
 */
static const char *
serve_type(const char *name)
{
	size_t	 i, n = strlen(name), e;

	for (i = 0; i < sizeof(serve_types) / sizeof(serve_types[0]); i++) {
		e = strlen(serve_types[i].ext);
		if (n > e && strcasecmp(name + n - e, serve_types[i].ext) == 0)
			return serve_types[i].type;
	}
	return "application/octet-stream";
}

/*
 * Add to parent the box of build messages shown at the top of HTML
 * pages: a div with a heading (element tag: "p" above a page, which
 * has its own h1) and the messages as preformatted text, all text
 * nodes, so the serialiser escapes every message.
 */
static void
serve_overlay(xmlNodePtr parent, const char *tag, const char *heading,
    const char *msgs)
{
	xmlNodePtr	 div;
	char		*clean;
	size_t		 i;

	/* Only valid UTF-8 reaches the tree: other bytes become '?'. */
	clean = xstrdup(msgs);
	if (!xmlCheckUTF8((const xmlChar *)clean))
		for (i = 0; clean[i] != '\0'; i++)
			if ((unsigned char)clean[i] >= 0x80)
				clean[i] = '?';
	for (i = 0; clean[i] != '\0'; i++)
		if ((unsigned char)clean[i] < 0x20 && clean[i] != '\n' &&
		    clean[i] != '\t')
			clean[i] = '?';
	div = html_el(parent, "div", NULL);
	html_attr(div, "id", "lcspr-serve-errors");
	html_attr(div, "role", "alert");
	html_attr(div, "style", "position:relative;z-index:2147483647;"
	    "margin:0;padding:15px;background:#ffffff;color:#0b0c0c;"
	    "border:5px solid #d4351c;font:16px/1.4 sans-serif");
	html_attr(html_el(div, tag, heading), "style",
	    "margin:0 0 10px;font-weight:bold;font-size:16px");
	html_attr(html_el(div, "pre", clean), "style",
	    "margin:0;white-space:pre-wrap;overflow-wrap:anywhere;"
	    "font:15px/1.4 monospace");
	free(clean);
}

/* Is this port's argument a number from 1 to 65535?  -1 if not. */
static int
serve_portarg(const char *arg)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || n < 1 || n > 65535)
		return -1;
	return (int)n;
}

/* Listen on 127.0.0.1:port.  Returns the socket, or -1 (reported). */
static int
serve_listen(int port)
{
	struct sockaddr_in sa;
	int		 fd, on = 1, e;

	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1) {
		fprintf(stderr, "lcspr: cannot open a socket: %s\n",
		    strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(fd, 64) == -1) {
		e = errno;
		close(fd);
		if (e == EADDRINUSE)
			fprintf(stderr, "lcspr: port %d is in use on 127.0.0.1 "
			    "(another lcspr serve?): stop that program or "
			    "choose another port, such as -p %d\n", port,
			    port < 65535 ? port + 1 : 8000);
		else
			fprintf(stderr, "lcspr: cannot listen on "
			    "127.0.0.1:%d: %s: choose another port with -p\n",
			    port, strerror(e));
		return -1;
	}
	return fd;
}

/* Watch dir and every folder below it (not through symbolic links). */
static void
serve_watch(struct serve *sv, const char *dir, int root)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*sub;
	int		 wd;
	uint32_t	 mask = IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB |
	    IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
	    IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

	if (!root)
		mask |= IN_DONT_FOLLOW;
	if ((wd = inotify_add_watch(sv->infd, dir, mask)) == -1) {
		if (errno == ENOSPC && !sv->nolimit) {
			sv->nolimit = 1;
			fprintf(stderr, "lcspr: %s: too many folders to "
			    "watch: changes there are not seen until you "
			    "raise fs.inotify.max_user_watches\n", dir);
		}
		return;
	}
	if ((size_t)wd >= sv->wdsz) {
		sv->wdpath = xreallocarray(sv->wdpath, (size_t)wd + 64,
		    sizeof(*sv->wdpath));
		memset(sv->wdpath + sv->wdsz, 0,
		    ((size_t)wd + 64 - sv->wdsz) * sizeof(*sv->wdpath));
		sv->wdsz = (size_t)wd + 64;
	}
	free(sv->wdpath[wd]);
	sv->wdpath[wd] = xstrdup(dir);
	if (root)
		sv->roots[root - 1] = wd;
	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		/* The build skips hidden files and folders; so does this. */
		if (de->d_name[0] == '.')
			continue;
		sub = xasprintf("%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR || (de->d_type == DT_UNKNOWN &&
		    lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)))
			serve_watch(sv, sub, 0);
		free(sub);
	}
	closedir(d);
}

/* Watch the content and site theme folders, where not watched yet. */
static void
serve_watchroots(struct serve *sv)
{
	const char	*dirs[2];
	struct stat	 st;
	int		 i;

	dirs[0] = sv->opts.contentdir;
	dirs[1] = sv->opts.themedir;
	for (i = 0; i < 2; i++) {
		if (sv->roots[i] != -1 && (size_t)sv->roots[i] < sv->wdsz &&
		    sv->wdpath[sv->roots[i]] != NULL)
			continue;
		sv->roots[i] = -1;
		if (dirs[i] != NULL && stat(dirs[i], &st) == 0 &&
		    S_ISDIR(st.st_mode))
			serve_watch(sv, dirs[i], i + 1);
	}
}

/* Answer a waiting page with the number of the last build. */
static void
serve_answer(const struct serve *sv, struct evhttp_request *req)
{
	struct evbuffer	*b = evbuffer_new();
	struct evkeyvalq *h = evhttp_request_get_output_headers(req);

	evbuffer_add_printf(b, "%lu\n", sv->gen);
	evhttp_add_header(h, "Content-Type", "text/plain; charset=utf-8");
	evhttp_add_header(h, "Cache-Control", "no-store");
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

/* Answer the waiting pages: all, or those waiting for long. */
static void
serve_wake(struct serve *sv, int all)
{
	size_t		 i, k = 0;
	time_t		 now = time(NULL);

	for (i = 0; i < sv->waitersz; i++)
		if (!all && now - sv->waiters[i].since < SERVE_WAITSECS)
			sv->waiters[k++] = sv->waiters[i];
		else
			serve_answer(sv, sv->waiters[i].req);
	sv->waitersz = k;
}

static void serve_build(struct serve *);

/* The build is over: take its result and wake the waiting pages. */
static void
serve_done(struct serve *sv)
{
	int		 st;
	char		*bp;

	while (waitpid(sv->child, &st, 0) == -1 && errno == EINTR)
		continue;
	sv->child = -1;
	free(sv->errors);
	sv->errors = NULL;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		sv->good = 1;
		if ((bp = build_basepath(&sv->opts)) != NULL) {
			free(sv->basepath);
			sv->basepath = bp;
		}
	} else if (sv->errout.len > 0)
		sv->errors = xstrdup(sv->errout.data);
	else if (WIFSIGNALED(st))
		sv->errors = xasprintf("lcspr: the build was stopped by "
		    "signal %d\n", WTERMSIG(st));
	else
		sv->errors = xasprintf("lcspr: the build failed with exit "
		    "status %d\n", WEXITSTATUS(st));
	buf_free(&sv->errout);
	sv->gen++;
	if (!sv->announced) {
		sv->announced = 1;
		printf("lcspr: serving http://127.0.0.1:%d%s (Ctrl-C to "
		    "stop)\n", sv->port, sv->basepath);
		fflush(stdout);
	}
	serve_wake(sv, 1);
	if (sv->pending)
		serve_build(sv);
}

/* Copy what the build prints to the terminal, keeping its stderr. */
static void
serve_pipecb(evutil_socket_t fd, short what, void *arg)
{
	struct serve	*sv = arg;
	char		 b[4096];
	ssize_t		 n;
	int		 i = fd == sv->pipes[0] ? 0 : 1;

	(void)what;
	while ((n = read(fd, b, sizeof(b))) > 0) {
		fwrite(b, 1, (size_t)n, i == 0 ? stdout : stderr);
		if (i == 1)
			buf_add(&sv->errout, b, (size_t)n);
	}
	fflush(i == 0 ? stdout : stderr);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	event_free(sv->pipev[i]);
	sv->pipev[i] = NULL;
	close(fd);
	sv->pipes[i] = -1;
	if (sv->pipes[0] == -1 && sv->pipes[1] == -1)
		serve_done(sv);
}

/*
 * Start a build in a child process (its own process group, so that
 * Ctrl-C reaches only lcspr serve, which stops it), its output read
 * through two pipes.  A build already running builds again after.
 */
static void
serve_build(struct serve *sv)
{
	int	 out[2], errp[2], rc;

	if (sv->child != -1) {
		sv->pending = 1;
		return;
	}
	sv->pending = 0;
	serve_watchroots(sv);
	if (pipe2(out, O_CLOEXEC) == -1)
		err(1, "pipe2");
	if (pipe2(errp, O_CLOEXEC) == -1)
		err(1, "pipe2");
	fflush(stdout);
	fflush(stderr);
	if ((sv->child = fork()) == -1)
		err(1, "fork");
	if (sv->child == 0) {
		setpgid(0, 0);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		close(sv->listenfd);
		if (sv->infd != -1)
			close(sv->infd);
		dup2(out[1], STDOUT_FILENO);
		dup2(errp[1], STDERR_FILENO);
		rc = build_run(&sv->opts);
		fflush(stdout);
		fflush(stderr);
		_exit(rc);
	}
	close(out[1]);
	close(errp[1]);
	sv->pipes[0] = out[0];
	sv->pipes[1] = errp[0];
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	fcntl(errp[0], F_SETFL, O_NONBLOCK);
	sv->pipev[0] = event_new(sv->base, out[0], EV_READ | EV_PERSIST,
	    serve_pipecb, sv);
	sv->pipev[1] = event_new(sv->base, errp[0], EV_READ | EV_PERSIST,
	    serve_pipecb, sv);
	event_add(sv->pipev[0], NULL);
	event_add(sv->pipev[1], NULL);
}

static void
serve_settlecb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd, (void)what;
	serve_build(arg);
}

/* Something changed: watch new folders, build after a quiet time. */
static void
serve_inotifycb(evutil_socket_t fd, short what, void *arg)
{
	struct serve	*sv = arg;
	const struct inotify_event *ev;
	char		 b[16384] __attribute__((aligned(8)));
	char		*p, *sub;
	ssize_t		 n;
	int		 changed = 0;
	struct timeval	 tv = { 0, SERVE_SETTLE };

	(void)what;
	while ((n = read(fd, b, sizeof(b))) > 0)
		for (p = b; p < b + n; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)p;
			if (ev->mask & IN_Q_OVERFLOW) {
				changed = 1;
				continue;
			}
			if (ev->wd < 0 || (size_t)ev->wd >= sv->wdsz ||
			    sv->wdpath[ev->wd] == NULL)
				continue;
			if (ev->mask & IN_IGNORED) {
				free(sv->wdpath[ev->wd]);
				sv->wdpath[ev->wd] = NULL;
				changed = 1;
				continue;
			}
			/* Hidden files: editors' swap files, not content. */
			if (ev->len > 0 && ev->name[0] == '.')
				continue;
			changed = 1;
			if (ev->len > 0 && (ev->mask & IN_ISDIR) &&
			    (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
				sub = xasprintf("%s/%s", sv->wdpath[ev->wd],
				    ev->name);
				serve_watch(sv, sub, 0);
				free(sub);
			}
		}
	if (changed)
		evtimer_add(sv->settle, &tv);
}

static void
serve_sweepcb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd, (void)what;
	serve_wake(arg, 0);
}

static void
serve_sigcb(evutil_socket_t sig, short what, void *arg)
{
	struct serve	*sv = arg;

	(void)sig, (void)what;
	event_base_loopbreak(sv->base);
}

/* A connection closed: forget its waiting pages. */
static void
serve_closecb(struct evhttp_connection *evcon, void *arg)
{
	struct serve	*sv = arg;
	size_t		 i, k = 0;

	for (i = 0; i < sv->waitersz; i++)
		if (sv->waiters[i].evcon != evcon)
			sv->waiters[k++] = sv->waiters[i];
	sv->waitersz = k;
}

static void
serve_reply(struct evhttp_request *req, int code, const char *reason,
    const char *type, struct evbuffer *body)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(req);

	if (type != NULL)
		evhttp_add_header(h, "Content-Type", type);
	evhttp_add_header(h, "Cache-Control", "no-store");
	evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
	evhttp_send_reply(req, code, reason, body);
}

static void
serve_text(struct evhttp_request *req, int code, const char *reason,
    const char *text)
{
	struct evbuffer	*b = evbuffer_new();

	evbuffer_add_printf(b, "%s\n", text);
	serve_reply(req, code, reason, "text/plain; charset=utf-8", b);
	evbuffer_free(b);
}

static void
serve_redirect(struct evhttp_request *req, const char *to)
{
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Location", to);
	serve_text(req, 302, "Found", to);
}

/*
 * Open rel (decoded, no leading '/') below root, one part at a time,
 * refusing "." and "..", empty parts and symbolic links, so nothing
 * outside root can be reached.  A trailing '/' means index.html.
 * Returns a file descriptor of a regular file, -1 when there is none,
 * -2 when rel is a folder without its trailing '/'.
 */
static int
serve_open(const char *root, const char *rel)
{
	char		*path, *part, *next;
	int		 dfd, fd = -1;
	struct stat	 st;

	if ((dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if (*rel == '\0' || rel[strlen(rel) - 1] == '/')
		path = xasprintf("%sindex.html", rel);
	else
		path = xstrdup(rel);
	for (part = path; part != NULL; part = next) {
		if ((next = strchr(part, '/')) != NULL)
			*next++ = '\0';
		if (*part == '\0' || strcmp(part, ".") == 0 ||
		    strcmp(part, "..") == 0)
			break;
		fd = openat(dfd, part, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
		    O_NONBLOCK | (next != NULL ? O_DIRECTORY : 0));
		if (fd == -1)
			break;
		if (next == NULL) {
			if (fstat(fd, &st) == -1)
				st.st_mode = 0;
			if (!S_ISREG(st.st_mode)) {
				close(fd);
				fd = S_ISDIR(st.st_mode) ? -2 : -1;
			}
			break;
		}
		close(dfd);
		dfd = fd;
		fd = -1;
	}
	close(dfd);
	free(path);
	return fd;
}

/* Read all of fd (then closed) into b.  Returns 0 on a read error. */
static int
serve_slurp(int fd, struct buf *b)
{
	char	 t[16384];
	ssize_t	 n;

	while ((n = read(fd, t, sizeof(t))) > 0)
		buf_add(b, t, (size_t)n);
	close(fd);
	return n == 0;
}

/* Find the end of "<body ...>" in html, or NULL. */
static const char *
serve_bodyend(const char *html, size_t len)
{
	const char	*p = html, *end = html + len, *q;

	while ((p = memmem(p, (size_t)(end - p), "<body", 5)) != NULL) {
		if (p + 5 < end && (p[5] == '>' || p[5] == ' ' ||
		    p[5] == '\t' || p[5] == '\n' || p[5] == '\r') &&
		    (q = memchr(p, '>', (size_t)(end - p))) != NULL)
			return q + 1;
		p += 5;
	}
	return NULL;
}

/*
 * An HTML page: the messages of a failed build after <body>, and the
 * reload script before </body> (or at the end).
 */
static void
serve_html(struct serve *sv, struct evbuffer *out, const char *html,
    size_t len)
{
	const char	*at, *close = NULL, *p;
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	char		*box;
	size_t		 head = 0;

	if (sv->errors != NULL && (at = serve_bodyend(html, len)) != NULL)
		head = (size_t)(at - html);
	evbuffer_add(out, html, head);
	if (sv->errors != NULL) {
		doc = htmlNewDocNoDtD(NULL, NULL);
		root = xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
		xmlDocSetRootElement(doc, root);
		serve_overlay(root, "p", "lcspr: the last build failed. "
		    "This page is from the last good build. Fix these, "
		    "then save:", sv->errors);
		box = html_dump(doc, root);
		evbuffer_add(out, box, strlen(box));
		free(box);
	}
	for (p = html + head; (p = memmem(p, len - (size_t)(p - html),
	    "</body>", 7)) != NULL; p += 7)
		close = p;
	if (close == NULL)
		close = html + len;
	evbuffer_add(out, html + head, (size_t)(close - html) - head);
	evbuffer_add_printf(out, serve_script, sv->gen);
	evbuffer_add(out, close, len - (size_t)(close - html));
}

/*
 * Before any good build: a page with the messages, or "building", in
 * its main landmark under its h1, built with libxml2.
 */
static void
serve_nosite(struct serve *sv, struct evhttp_request *req)
{
	struct evbuffer	*b = evbuffer_new();
	xmlOutputBufferPtr ob;
	xmlDocPtr	 doc;
	xmlNodePtr	 html, head, meta, main;
	char		*js;

	doc = htmlNewDocNoDtD(NULL, NULL);
	xmlCreateIntSubset(doc, (const xmlChar *)"html", NULL, NULL);
	html = xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL);
	xmlDocSetRootElement(doc, html);
	html_attr(html, "lang", "en");
	head = html_el(html, "head", NULL);
	html_attr(html_el(head, "meta", NULL), "charset", "utf-8");
	meta = html_el(head, "meta", NULL);
	html_attr(meta, "name", "viewport");
	html_attr(meta, "content", "width=device-width, initial-scale=1");
	html_el(head, "title", "lcspr serve");
	/* In the head, so that the main landmark holds only the page. */
	js = xasprintf(SERVE_JS, sv->gen);
	html_el(head, "script", js);
	free(js);
	main = html_el(html_el(html, "body", NULL), "main", NULL);
	if (sv->errors != NULL)
		serve_overlay(main, "h1", "lcspr: the site cannot be built "
		    "yet. Fix these, then save:", sv->errors);
	else {
		html_el(main, "h1", "lcspr: building the site");
		html_el(main, "p", "This page reloads when it is ready.");
	}
	ob = xmlAllocOutputBuffer(NULL);
	htmlDocContentDumpFormatOutput(ob, doc, NULL, 1);
	xmlOutputBufferFlush(ob);
	evbuffer_add(b, xmlOutputBufferGetContent(ob),
	    xmlOutputBufferGetSize(ob));
	xmlOutputBufferClose(ob);
	xmlFreeDoc(doc);
	serve_reply(req, 503, "Service Unavailable",
	    "text/html; charset=utf-8", b);
	evbuffer_free(b);
}

/* Send the file fd (named name) with status code. */
static void
serve_send(struct serve *sv, struct evhttp_request *req, int fd,
    const char *name, int code, const char *reason)
{
	struct evbuffer	*b = evbuffer_new();
	struct buf	 html;
	struct stat	 st;
	const char	*type = serve_type(name);

	if (strncmp(type, "text/html", 9) == 0) {
		memset(&html, 0, sizeof(html));
		if (!serve_slurp(fd, &html)) {
			buf_free(&html);
			evbuffer_free(b);
			serve_text(req, 500, "Internal Server Error",
			    "lcspr: cannot read the page");
			return;
		}
		serve_html(sv, b, html.data != NULL ? html.data : "",
		    html.len);
		buf_free(&html);
	} else if (fstat(fd, &st) == -1 || (st.st_size > 0 &&
	    evbuffer_add_file(b, fd, 0, st.st_size) == -1)) {
		close(fd);
		evbuffer_free(b);
		serve_text(req, 500, "Internal Server Error",
		    "lcspr: cannot read the file");
		return;
	} else if (st.st_size == 0)
		close(fd);
	serve_reply(req, code, reason, type, b);
	evbuffer_free(b);
}

static void
serve_notfound(struct serve *sv, struct evhttp_request *req)
{
	int	 fd;

	if ((fd = serve_open(sv->docroot, "404.html")) >= 0)
		serve_send(sv, req, fd, "404.html", 404, "Not Found");
	else
		serve_text(req, 404, "Not Found", "not found");
}

/* /_lcspr/wait?gen=N: answer when the build after N is over. */
static void
serve_wait(struct serve *sv, struct evhttp_request *req)
{
	const struct evhttp_uri *u = evhttp_request_get_evhttp_uri(req);
	const char	*q = evhttp_uri_get_query(u), *g;
	struct evkeyvalq args;
	unsigned long	 n = 0;
	char		*end;
	int		 now = 1;

	TAILQ_INIT(&args);
	if (q != NULL && evhttp_parse_query_str(q, &args) == 0 &&
	    (g = evhttp_find_header(&args, "gen")) != NULL) {
		n = strtoul(g, &end, 10);
		now = *g == '\0' || *end != '\0' || n != sv->gen;
	}
	evhttp_clear_headers(&args);
	if (now) {
		serve_answer(sv, req);
		return;
	}
	if (sv->waitersz >= SERVE_WAITMAX) {
		serve_text(req, 503, "Service Unavailable", "busy");
		return;
	}
	sv->waiters = xreallocarray(sv->waiters, sv->waitersz + 1,
	    sizeof(*sv->waiters));
	sv->waiters[sv->waitersz].req = req;
	sv->waiters[sv->waitersz].evcon = evhttp_request_get_connection(req);
	sv->waiters[sv->waitersz].since = time(NULL);
	evhttp_connection_set_closecb(sv->waiters[sv->waitersz].evcon,
	    serve_closecb, sv);
	sv->waitersz++;
}

/* Is the Host header this server's own (not another name, which a
 * web page could point at 127.0.0.1 to read the preview)? */
static int
serve_host(const struct serve *sv, struct evhttp_request *req)
{
	const char	*h;
	char		 a[64], b[64];

	h = evhttp_find_header(evhttp_request_get_input_headers(req), "Host");
	if (h == NULL)
		return 0;
	snprintf(a, sizeof(a), "127.0.0.1:%d", sv->port);
	snprintf(b, sizeof(b), "localhost:%d", sv->port);
	return strcasecmp(h, a) == 0 || strcasecmp(h, b) == 0;
}

/* Every request. */
static void
serve_request(struct evhttp_request *req, void *arg)
{
	struct serve	*sv = arg;
	const struct evhttp_uri *u = evhttp_request_get_evhttp_uri(req);
	const char	*raw = u != NULL ? evhttp_uri_get_path(u) : NULL;
	const char	*name;
	char		*rel, *to;
	size_t		 bl, len;
	int		 fd;

	if (!serve_host(sv, req)) {
		serve_text(req, 403, "Forbidden", "lcspr serve answers only "
		    "to http://127.0.0.1:PORT/ and http://localhost:PORT/");
		return;
	}
	if (evhttp_request_get_command(req) != EVHTTP_REQ_GET &&
	    evhttp_request_get_command(req) != EVHTTP_REQ_HEAD) {
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Allow", "GET, HEAD");
		serve_text(req, 405, "Method Not Allowed", "lcspr serve "
		    "answers only GET and HEAD");
		return;
	}
	if (raw == NULL || *raw == '\0')
		raw = "/";
	if (strcmp(raw, SERVE_PREFIX "wait") == 0) {
		serve_wait(sv, req);
		return;
	}
	if (strncmp(raw, SERVE_PREFIX, strlen(SERVE_PREFIX)) == 0) {
		serve_text(req, 404, "Not Found", "not found");
		return;
	}
	bl = strlen(sv->basepath);
	/* The site's root, without its base path or its last '/'. */
	if (strcmp(raw, "/") == 0 && bl > 1) {
		serve_redirect(req, sv->basepath);
		return;
	}
	if (strlen(raw) + 1 == bl && strncmp(raw, sv->basepath, bl - 1) == 0) {
		serve_redirect(req, sv->basepath);
		return;
	}
	if (!sv->good) {
		serve_nosite(sv, req);
		return;
	}
	if (strncmp(raw, sv->basepath, bl) != 0) {
		serve_notfound(sv, req);
		return;
	}
	if ((rel = evhttp_uridecode(raw + bl, 0, &len)) == NULL) {
		serve_notfound(sv, req);
		return;
	}
	/* A NUL from %00 would cut the path short. */
	fd = strlen(rel) == len ? serve_open(sv->docroot, rel) : -1;
	if (fd == -2) {
		to = xasprintf("%s/", raw);
		serve_redirect(req, to);
		free(to);
	} else if (fd < 0)
		serve_notfound(sv, req);
	else {
		name = len == 0 || rel[len - 1] == '/' ? "index.html" : rel;
		serve_send(sv, req, fd, name, 200, "OK");
	}
	free(rel);
}

/*
 * Stop: end the build (its process group), forget the waiting pages,
 * close everything and remove the temporary folder.
 */
static void
serve_stop(struct serve *sv)
{
	size_t	 i;
	sigset_t set;

	/*
	 * From here a second Ctrl-C (or SIGTERM) waits, held, until the
	 * program ends: once the signal events are freed it would kill
	 * it half-way through removing a large preview.
	 */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (sv->child != -1) {
		kill(-sv->child, SIGTERM);
		kill(sv->child, SIGTERM);
		while (waitpid(sv->child, NULL, 0) == -1 && errno == EINTR)
			continue;
	}
	for (i = 0; i < 2; i++) {
		if (sv->pipev[i] != NULL)
			event_free(sv->pipev[i]);
		if (sv->pipes[i] != -1)
			close(sv->pipes[i]);
	}
	sv->waitersz = 0;
	if (sv->http != NULL)
		evhttp_free(sv->http);
	for (i = 0; i < 3; i++)
		if (sv->sigs[i] != NULL)
			event_free(sv->sigs[i]);
	if (sv->settle != NULL)
		event_free(sv->settle);
	if (sv->sweep != NULL)
		event_free(sv->sweep);
	if (sv->inev != NULL)
		event_free(sv->inev);
	if (sv->infd != -1)
		close(sv->infd);
	if (sv->base != NULL)
		event_base_free(sv->base);
	if (sv->tmpdir != NULL)
		output_rmtree(sv->tmpdir);
	for (i = 0; i < sv->wdsz; i++)
		free(sv->wdpath[i]);
	free(sv->wdpath);
	free(sv->waiters);
	free(sv->errors);
	buf_free(&sv->errout);
	free(sv->basepath);
	free(sv->docroot);
	free(sv->tmpdir);
}

/* Set up the server, build, and loop until a signal.  Exit status. */
static int
serve_run(struct serve *sv)
{
	const char	*tmp;
	struct timeval	 tv = { 5, 0 };
	static const int signo[3] = { SIGINT, SIGTERM, SIGHUP };
	int		 i;

	if ((sv->listenfd = serve_listen(sv->port)) == -1)
		return 1;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	sv->tmpdir = xasprintf("%s/lcspr-serve.XXXXXX", tmp);
	if (mkdtemp(sv->tmpdir) == NULL) {
		fprintf(stderr, "lcspr: cannot create a temporary folder in "
		    "%s: %s: set TMPDIR to a folder you can write to\n", tmp,
		    strerror(errno));
		free(sv->tmpdir);
		sv->tmpdir = NULL;
		close(sv->listenfd);
		return 1;
	}
	sv->docroot = xasprintf("%s/site", sv->tmpdir);
	sv->opts.outdir = sv->docroot;
	sv->basepath = xstrdup("/");
	signal(SIGPIPE, SIG_IGN);
	xmlInitParser();
	if ((sv->base = event_base_new()) == NULL ||
	    (sv->http = evhttp_new(sv->base)) == NULL)
		errx(1, "cannot start libevent");
	/* Every method reaches serve_request, which answers 405. */
	evhttp_set_allowed_methods(sv->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD |
	    EVHTTP_REQ_POST | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE |
	    EVHTTP_REQ_OPTIONS | EVHTTP_REQ_TRACE | EVHTTP_REQ_CONNECT |
	    EVHTTP_REQ_PATCH);
	evhttp_set_gencb(sv->http, serve_request, sv);
	if (evhttp_accept_socket_with_handle(sv->http, sv->listenfd) == NULL)
		errx(1, "cannot accept connections on 127.0.0.1:%d",
		    sv->port);
	for (i = 0; i < 3; i++) {
		sv->sigs[i] = evsignal_new(sv->base, signo[i], serve_sigcb, sv);
		evsignal_add(sv->sigs[i], NULL);
	}
	sv->settle = evtimer_new(sv->base, serve_settlecb, sv);
	sv->sweep = event_new(sv->base, -1, EV_PERSIST, serve_sweepcb, sv);
	event_add(sv->sweep, &tv);
	if ((sv->infd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1)
		fprintf(stderr, "lcspr: cannot watch for changes (%s): "
		    "restart lcspr serve to see them\n", strerror(errno));
	else {
		sv->inev = event_new(sv->base, sv->infd, EV_READ | EV_PERSIST,
		    serve_inotifycb, sv);
		event_add(sv->inev, NULL);
	}
	if (sv->opts.verbose > 0)
		printf("lcspr: building into %s\n", sv->tmpdir);
	serve_build(sv);
	event_base_dispatch(sv->base);
	return 0;
}

static int
serve_usage(void)
{
	fputs("usage: lcspr serve [-p port] [-C content-dir] [-t theme-dir] "
	    "[--drafts] [--future]\n"
	    "                   [-j jobs] [-q | -v]\n", stderr);
	return 2;
}

/*
 * lcspr serve: argv[0] is the command.  Returns the exit status: 0
 * when stopped by SIGINT, SIGTERM or SIGHUP, 1 when the port cannot
 * be used, 2 for a usage error.
 */
int
serve_main(int argc, char *argv[])
{
	struct serve	 sv;
	int		 c, rc;
	char		*installed;
	static char	 name[] = "lcspr serve";
	enum { OPT_DRAFTS = 256, OPT_FUTURE };
	static const struct option lopts[] = {
		{ "drafts", no_argument, NULL, OPT_DRAFTS },
		{ "future", no_argument, NULL, OPT_FUTURE },
		{ NULL, 0, NULL, 0 },
	};

	memset(&sv, 0, sizeof(sv));
	main_defaults(&sv.opts);
	sv.opts.serve = 1;
	sv.port = SERVE_PORT;
	sv.listenfd = sv.infd = -1;
	sv.roots[0] = sv.roots[1] = -1;
	sv.pipes[0] = sv.pipes[1] = -1;
	sv.child = -1;
	argv[0] = name;
	while ((c = getopt_long(argc, argv, "p:C:t:j:qv", lopts, NULL)) != -1)
		switch (c) {
		case 'p':
			if ((sv.port = serve_portarg(optarg)) == -1) {
				fprintf(stderr, "lcspr: -p needs a port number "
				    "from 1024 to 65535, such as -p 8000\n");
				return serve_usage();
			}
			if (sv.port < 1024) {
				fprintf(stderr, "lcspr: port %d is reserved "
				    "for the system (ports below 1024): choose "
				    "one from 1024 to 65535, such as -p 8000\n",
				    sv.port);
				return serve_usage();
			}
			break;
		case 'C':
			sv.opts.contentdir = optarg;
			break;
		case 't':
			sv.opts.themedir = optarg;
			break;
		case 'j':
			if (!main_jobs(optarg, &sv.opts))
				return serve_usage();
			break;
		case 'q':
			sv.opts.verbose = -1;
			break;
		case 'v':
			sv.opts.verbose = 1;
			break;
		case OPT_DRAFTS:
			sv.opts.drafts = 1;
			break;
		case OPT_FUTURE:
			sv.opts.future = 1;
			break;
		default:
			return serve_usage();
		}
	if (optind < argc) {
		fprintf(stderr, "lcspr: unexpected argument \"%s\"\n",
		    argv[optind]);
		return serve_usage();
	}
	if (*sv.opts.contentdir == '\0' ||
	    (sv.opts.themedir != NULL && *sv.opts.themedir == '\0'))
		return serve_usage();
	if (!main_env(&sv.opts))
		return serve_usage();
	installed = main_themedir(&sv.opts);
	rc = serve_run(&sv);
	serve_stop(&sv);
	if (rc == 0 && sv.opts.verbose >= 0)
		printf("lcspr: stopped; the preview is removed\n");
	free(installed);
	return rc;
}
