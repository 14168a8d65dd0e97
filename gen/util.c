/*
 * Out-of-memory wrappers and a growable byte buffer.  Allocation
 * failure exits here; nothing else tests malloc for NULL.
 */
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

/*
 * malloc that exits on failure.  The caller owns the result.
 */
void *
xmalloc(size_t sz)
{
	void	*p;

	if ((p = malloc(sz == 0 ? 1 : sz)) == NULL)
		err(2, "malloc");
	return p;
}

/*
 * calloc that exits on failure.  The caller owns the result.
 */
void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		err(2, "calloc");
	return p;
}

/*
 * reallocarray that exits on failure or overflow.
 */
void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > (size_t)-1 / sz)
		errx(2, "allocation too large");
	if ((p = realloc(p, n * sz == 0 ? 1 : n * sz)) == NULL)
		err(2, "realloc");
	return p;
}

/*
 * strdup that exits on failure; NULL gives NULL.
 */
char *
xstrdup(const char *s)
{
	char	*p;

	if (s == NULL)
		return NULL;
	if ((p = strdup(s)) == NULL)
		err(2, "strdup");
	return p;
}

/*
 * strndup that exits on failure.
 */
char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = strndup(s, n)) == NULL)
		err(2, "strndup");
	return p;
}

/*
 * asprintf that exits on failure.  The caller owns the result.
 */
char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 rc;

	va_start(ap, fmt);
	rc = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (rc < 0)
		err(2, "vasprintf");
	return p;
}

/*
 * Make sure the buffer has room for n more bytes plus a NUL.
 */
static void
buf_grow(struct buf *b, size_t n)
{
	size_t	 want;

	if (b->len + n + 1 <= b->max)
		return;
	want = b->max ? b->max : 4096;
	while (want < b->len + n + 1)
		want *= 2;
	b->data = xreallocarray(b->data, want, 1);
	b->max = want;
}

/*
 * Append n bytes to the buffer, keeping it NUL-terminated.
 */
void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/*
 * Append a NUL-terminated string to the buffer.
 */
void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/*
 * Free the buffer's storage and leave it empty and reusable.
 */
void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->max = 0;
}

/*
 * Open the spool: an unlinked file in TMPDIR or /tmp.  Without one,
 * bodies stay in memory (fd -1), which is only slower on memory.
 */
void
spool_open(struct spool *sp)
{
	const char	*dir = getenv("TMPDIR");
	char		*path;

	sp->end = 0;
	path = xasprintf("%s/lcspr-spool-XXXXXX",
	    dir != NULL && *dir != '\0' ? dir : "/tmp");
	if ((sp->fd = mkstemp(path)) != -1)
		unlink(path);
	free(path);
}

/*
 * Store len bytes in the spool.  Safe on several threads.  Returns 1
 * and sets *off, or 0 when the spool cannot take it (keep it in
 * memory).
 */
int
spool_put(struct spool *sp, const char *p, size_t len, off_t *off)
{
	off_t	 at;
	ssize_t	 n;
	size_t	 done = 0;

	if (sp->fd == -1)
		return 0;
	at = __atomic_fetch_add(&sp->end, (off_t)len, __ATOMIC_RELAXED);
	while (done < len) {
		if ((n = pwrite(sp->fd, p + done, len - done,
		    at + (off_t)done)) <= 0)
			return 0;
		done += (size_t)n;
	}
	*off = at;
	return 1;
}

/*
 * Read len bytes at off from the spool into b (reset first, then
 * NUL-terminated).  Returns 1 on success, 0 on a read error.
 */
int
spool_get(const struct spool *sp, off_t off, size_t len, struct buf *b)
{
	ssize_t	 n;

	b->len = 0;
	buf_add(b, "", 0);
	if (b->max < len + 1) {
		b->data = xreallocarray(b->data, len + 1, 1);
		b->max = len + 1;
	}
	while (b->len < len) {
		if ((n = pread(sp->fd, b->data + b->len, len - b->len,
		    off + (off_t)b->len)) <= 0)
			return 0;
		b->len += (size_t)n;
	}
	b->data[b->len] = '\0';
	return 1;
}

/*
 * Close the spool; the system removes the unlinked file.
 */
void
spool_close(struct spool *sp)
{
	if (sp->fd != -1)
		close(sp->fd);
	sp->fd = -1;
}

/*
 * Allocate n bytes from the arena; freed all at once by arena_free.
 */
void *
arena_alloc(struct arena *a, size_t n)
{
	struct arenachunk *c;
	size_t		 sz;

	n = (n + 15) & ~(size_t)15;
	if (a->head == NULL || a->head->used + n > a->head->size) {
		sz = n > 65536 ? n : 65536;
		c = xmalloc(sizeof(*c) + sz);
		c->size = sz;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	c = a->head;
	c->used += n;
	return c->mem + c->used - n;
}

/*
 * printf into the arena.  The string lives until arena_free.
 */
char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		errx(2, "vsnprintf");
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/*
 * Empty the arena for reuse: free every chunk but the first one made,
 * which is kept, empty.
 */
void
arena_reset(struct arena *a)
{
	struct arenachunk *c;

	while ((c = a->head) != NULL && c->next != NULL) {
		a->head = c->next;
		free(c);
	}
	if (c != NULL)
		c->used = 0;
}

/*
 * Free every chunk of the arena, leaving it empty and reusable.
 */
void
arena_free(struct arena *a)
{
	struct arenachunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

/*
 * Write all n bytes at p to fd, again after an interrupted or short
 * write.  Returns 1, or 0 with errno set.
 */
int
util_write(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, c, n)) == -1) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		c += w;
		n -= (size_t)w;
	}
	return 1;
}

extern char **environ;

/*
 * Seconds on the monotonic clock, for timing a step.
 */
double
util_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * FNV-1a over the len bytes at p, from h (UTIL_FNV0 to start): a hash
 * for tables and names made from content, not for security.
 */
uint64_t
util_fnv(uint64_t h, const void *p, size_t len)
{
	const unsigned char *c = p;
	size_t		 i;

	for (i = 0; i < len; i++)
		h = (h ^ c[i]) * 1099511628211ULL;
	return h;
}

/* Milliseconds since t0. */
static long
util_since(const struct timespec *t0)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000L +
	    (t.tv_nsec - t0->tv_nsec) / 1000000L;
}

/*
 * Run argv[0] (a path, or a name found on PATH) with argv as rs says:
 * no shell, stdin on /dev/null, its output read into out (at most
 * rs->max bytes kept), stopped with SIGKILL after rs->secs seconds or
 * once *rs->stop is set (checked every 200 ms).  Returns 0 when it
 * exited 0, RUN_NOSTART (errno set), RUN_TIMEOUT or RUN_STOPPED, else
 * its exit status (128 + the signal's number when one ended it).
 */
int
util_run(char *const argv[], const struct runspec *rs, struct buf *out)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t	 none;
	struct timespec	 t0;
	struct pollfd	 pfd;
	pid_t		 pid;
	int		 p[2], rc, st, why = 0;
	long		 ms;
	ssize_t		 n;
	char		 chunk[65536];

	if (pipe2(p, O_CLOEXEC) == -1)
		return RUN_NOSTART;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	if (rs->errout)
		posix_spawn_file_actions_adddup2(&fa, p[1], 2);
	else
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null",
		    O_WRONLY, 0);
	if (rs->dir != NULL)
		posix_spawn_file_actions_addchdir_np(&fa, rs->dir);
	/* The child gets none of the signal mask of the build. */
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
	rc = posix_spawnp(&pid, argv[0], &fa, &at, argv, environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		errno = rc;
		return RUN_NOSTART;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	for (;;) {
		if (rs->stop != NULL &&
		    __atomic_load_n(rs->stop, __ATOMIC_RELAXED) > 0) {
			why = RUN_STOPPED;
			break;
		}
		if ((ms = rs->secs * 1000L - util_since(&t0)) <= 0) {
			why = RUN_TIMEOUT;
			break;
		}
		if (rs->stop != NULL && ms > 200)
			ms = 200;
		if ((rc = poll(&pfd, 1, (int)ms)) == -1 && errno == EINTR)
			continue;
		if (rc == -1)
			break;
		if (rc == 0)
			continue;
		if ((n = read(p[0], chunk, sizeof(chunk))) == -1 &&
		    errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (rs->max == 0 || out->len < rs->max)
			buf_add(out, chunk, (size_t)n);
	}
	close(p[0]);
	if (why != 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	if (why != 0)
		return why;
	if (rs->stop != NULL && __atomic_load_n(rs->stop, __ATOMIC_RELAXED) > 0)
		return RUN_STOPPED;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
