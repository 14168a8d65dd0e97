/*
 * Output: every file is written into a fresh staging folder beside the
 * output folder, by paths made only from checked slugs; on success the
 * staging folder is swapped into place, on failure it is removed, so
 * a failed build leaves the previous site exactly as it was.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

#define OUTPUT_MARK	".lcspr-site"	/* says lcspr made this folder */
#define OUTPUT_GONEMAX	20		/* names said of the removed ones */

static const char mark_text[] =
    "made by lcspr: this folder is replaced whole at each build\n";

/* realpath of path, or of its parent joined to its last part. */
static char *
output_resolve(const char *path)
{
	char	*r, *dup, *dir, *base, *pr;

	if ((r = realpath(path, NULL)) != NULL)
		return r;
	dup = xstrdup(path);
	dir = dirname(dup);
	pr = realpath(dir, NULL);
	free(dup);
	if (pr == NULL)
		return NULL;
	dup = xstrdup(path);
	base = basename(dup);
	r = strcmp(pr, "/") == 0 ? xasprintf("/%s", base) :
	    xasprintf("%s/%s", pr, base);
	free(dup);
	free(pr);
	return r;
}

/* Is a the same folder as b, or inside it? */
static int
output_within(const char *a, const char *b)
{
	size_t	 n = strlen(b);

	return strncmp(a, b, n) == 0 &&
	    (a[n] == '\0' || a[n] == '/' || strcmp(b, "/") == 0);
}

/* Refuse an output folder that overlaps the folder in, of kind what. */
static int
output_overlap(struct diag *d, const char *out, const char *outreal,
    const char *in, const char *what)
{
	char	*r;
	int	 ok = 1;

	if ((r = realpath(in, NULL)) == NULL)
		return 1;	/* reported when it is read */
	if (output_within(r, outreal)) {
		diag_error(d, out, 0, "the output folder \"%s\" %s the %s "
		    "folder \"%s\", and building replaces it whole: choose "
		    "another with -o, such as site", out, strcmp(r, outreal) ==
		    0 ? "is" : "contains", what, in);
		ok = 0;
	} else if (output_within(outreal, r)) {
		diag_error(d, out, 0, "the output folder \"%s\" is inside the "
		    "%s folder \"%s\": choose another with -o, such as site",
		    out, what, in);
		ok = 0;
	}
	free(r);
	return ok;
}

/* Is the folder empty (or absent)?  -1 when it cannot be listed. */
static int
output_isempty(const char *path)
{
	DIR		*dp;
	struct dirent	*de;
	int		 empty = 1;

	if ((dp = opendir(path)) == NULL)
		return errno == ENOENT ? 1 : -1;
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(dp);
	return empty;
}

/*
 * Take the lock file ".NAME.lock" beside the output folder out, so
 * that two builds never write one site at once; it is held until
 * output_free.  Returns 1 on success, 0 when reported.
 */
static int
output_lock(struct output *o, const char *out)
{
	char	*dup, *dup2, *path;
	int	 ok = 1;

	dup = xstrdup(out);
	dup2 = xstrdup(out);
	path = xasprintf("%s/.%s.lock", dirname(dup), basename(dup2));
	if ((o->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW | O_NONBLOCK, 0644)) == -1) {
		diag_error(o->diag, path, 0, "cannot create the lock file "
		    "that keeps two builds apart: %s", strerror(errno));
		ok = 0;
	} else if (flock(o->lockfd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK)
			diag_error(o->diag, out, 0, "another build is writing "
			    "this site now: wait for it to finish, then build "
			    "again");
		else
			diag_error(o->diag, path, 0, "cannot lock: %s",
			    strerror(errno));
		ok = 0;
	}
	free(path);
	free(dup);
	free(dup2);
	return ok;
}

/*
 * With the lock held, no other build owns a staging folder of out:
 * remove those left by a build that was killed or crashed.
 */
static void
output_stale(struct output *o, const char *out)
{
	DIR		*dp;
	struct dirent	*de;
	char		*dup, *dup2, *dir, *prefix, *p;
	size_t		 n;

	dup = xstrdup(out);
	dup2 = xstrdup(out);
	dir = dirname(dup);
	prefix = xasprintf(".%s.new-", basename(dup2));
	n = strlen(prefix);
	if ((dp = opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			if (strncmp(de->d_name, prefix, n) != 0)
				continue;
			p = strcmp(dir, ".") == 0 ? xstrdup(de->d_name) :
			    xasprintf("%s/%s", dir, de->d_name);
			output_rmtree(p);
			diag_warn(o->diag, p, 0, "removed: the unfinished "
			    "copy of a build that was stopped before it "
			    "ended");
			free(p);
		}
		closedir(dp);
	}
	free(prefix);
	free(dup);
	free(dup2);
}

/*
 * The signal thread.  SIGINT, SIGTERM and SIGHUP are blocked in every
 * thread and taken here: the first sets o->stop, so the workers take
 * no more jobs, writes fail and the build ends as a failed one does
 * (the staging folder removed, the old site kept); a second signal, or
 * one after output_stopped, ends the process at once (a later build
 * removes what is left).
 */
static void *
output_sigthread(void *arg)
{
	struct output	*o = arg;
	int		 sig;

	for (;;) {
		if (sigwait(&o->sigs, &sig) != 0)
			continue;
		if (__atomic_exchange_n(&o->stop, sig, __ATOMIC_SEQ_CST) != 0)
			_exit(128 + sig);
	}
	return NULL;
}

/*
 * Block SIGINT, SIGTERM and SIGHUP in this thread (and so in every
 * thread it starts later) and start the signal thread.  A signal that
 * was ignored when lcspr started stays ignored.
 */
static void
output_sigstart(struct output *o)
{
	sigemptyset(&o->sigs);
	sigaddset(&o->sigs, SIGINT);
	sigaddset(&o->sigs, SIGTERM);
	sigaddset(&o->sigs, SIGHUP);
	if (pthread_sigmask(SIG_BLOCK, &o->sigs, &o->oldmask) != 0)
		return;
	if (pthread_create(&o->sigtid, NULL, output_sigthread, o) != 0) {
		/* The signals keep their default action. */
		pthread_sigmask(SIG_SETMASK, &o->oldmask, NULL);
		return;
	}
	o->sigon = 1;
}

/*
 * The signal that stopped the build (SIGINT, SIGTERM or SIGHUP), or 0.
 * Called once, when the writing is over: a signal after it ends the
 * process at once.
 */
int
output_stopped(struct output *o)
{
	int	 sig;

	sig = __atomic_exchange_n(&o->stop, -1, __ATOMIC_SEQ_CST);
	return sig > 0 ? sig : 0;
}

/*
 * The folder a symbolic link out leads to, when that folder does not
 * exist yet: the link is kept and the folder made.  NULL otherwise.
 */
static char *
output_linktarget(const char *out)
{
	char	 t[PATH_MAX], *dup, *r;
	ssize_t	 n;

	if ((n = readlink(out, t, sizeof(t) - 1)) <= 0)
		return NULL;
	t[n] = '\0';
	if (t[0] == '/')
		return xstrdup(t);
	dup = xstrdup(out);
	r = xasprintf("%s/%s", dirname(dup), t);
	free(dup);
	return r;
}

/*
 * Check the output folder and create the staging folder beside it.
 * Returns 1 on success, 0 when reported.
 */
int
output_open(const struct site *s, struct output *o)
{
	const char	*out = s->opts->outdir;
	char		*real, *dup, *dup2, *tmpl, *mark;
	struct stat	 st;
	int		 ok = 1, empty;

	memset(o, 0, sizeof(*o));
	o->diag = s->diag;
	o->dirfd = -1;
	o->lockfd = -1;
	output_sigstart(o);
	/* A link to the output folder: replace the folder, keep the link;
	 * a link to a folder not there yet: make that folder. */
	if (lstat(out, &st) == 0 && S_ISLNK(st.st_mode) &&
	    ((real = realpath(out, NULL)) != NULL ||
	    (errno == ENOENT && (real = output_linktarget(out)) != NULL)))
		out = o->final = real;
	else
		o->final = xstrdup(out);
	if ((real = output_resolve(out)) == NULL) {
		diag_error(s->diag, out, 0, "cannot use this output folder: "
		    "its parent folder does not exist");
		return 0;
	}
	ok &= output_overlap(s->diag, out, real, s->opts->contentdir,
	    "content");
	if (s->opts->themedir != NULL)	/* NULL: the built-in one */
		ok &= output_overlap(s->diag, out, real, s->opts->themedir,
		    "site theme");
	free(real);
	if (!ok || !output_lock(o, out))
		return 0;
	output_stale(o, out);
	if (stat(out, &st) == 0) {
		mark = xasprintf("%s/%s", out, OUTPUT_MARK);
		if (!S_ISDIR(st.st_mode)) {
			diag_error(s->diag, out, 0, "the output path exists "
			    "and is not a folder");
			ok = 0;
		} else if (access(mark, F_OK) != 0 &&
		    (empty = output_isempty(out)) != 1) {
			if (empty == -1)
				diag_error(s->diag, out, 0, "this folder cannot "
				    "be listed (%s), so it cannot be checked "
				    "and will not be replaced: choose another "
				    "with -o", strerror(errno));
			else
				diag_error(s->diag, out, 0, "this folder was "
				    "not made by lcspr and is not empty, so it "
				    "will not be replaced: choose another with "
				    "-o");
			ok = 0;
		}
		free(mark);
		if (!ok)
			return 0;
	}
	dup = xstrdup(out);
	dup2 = xstrdup(out);
	tmpl = xasprintf("%s/.%s.new-XXXXXX", dirname(dup), basename(dup2));
	free(dup);
	free(dup2);
	if (mkdtemp(tmpl) == NULL) {
		diag_error(s->diag, tmpl, 0, "cannot create the staging "
		    "folder: %s", strerror(errno));
		free(tmpl);
		return 0;
	}
	chmod(tmpl, 0755);
	o->stage = tmpl;
	if ((o->dirfd = open(o->stage, O_RDONLY | O_DIRECTORY)) == -1) {
		diag_error(s->diag, o->stage, 0, "cannot open: %s",
		    strerror(errno));
		return 0;
	}
	return output_write(o, OUTPUT_MARK, mark_text, sizeof(mark_text) - 1);
}

/* Create the folders leading to rel, below the staging folder. */
static int
output_mkdirs(struct output *o, const char *rel)
{
	char	 path[PATH_MAX], *p;

	if (strlen(rel) >= sizeof(path))
		return 0;
	strcpy(path, rel);
	for (p = strchr(path, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdirat(o->dirfd, path, 0755) == -1 && errno != EEXIST)
			return 0;
		*p = '/';
	}
	return 1;
}

/*
 * Create the folder rel and any missing folders above it in the
 * staging folder; existing ones are fine.  Returns 1 on success, 0
 * when reported.
 */
int
output_mkdir(struct output *o, const char *rel)
{
	char	 path[PATH_MAX];
	size_t	 n = strlen(rel);
	int	 rc;

	if (n == 0 || n + 1 >= sizeof(path))
		return 1;
	memcpy(path, rel, n + 1);
	if (path[n - 1] == '/')
		path[--n] = '\0';
	/* Most often the parent is there: one call. */
	rc = mkdirat(o->dirfd, path, 0755);
	if (rc == -1 && errno == ENOENT) {
		path[n] = '/';
		path[n + 1] = '\0';
		rc = output_mkdirs(o, path) ? 0 : -1;
	}
	if (rc == -1 && errno != EEXIST) {
		diag_error(o->diag, o->final, 0, "cannot create %s: %s", rel,
		    strerror(errno));
		o->failed = 1;
		return 0;
	}
	return 1;
}

/*
 * Write len bytes as the file rel (a relative path of checked parts)
 * in the staging folder, creating folders as needed.  Safe on several
 * threads.  Returns 1 on success, 0 when reported.
 */
int
output_write(struct output *o, const char *rel, const void *data,
    size_t len)
{
	int		 fd;

	/* Stopped by a signal: build_run says so. */
	if (__atomic_load_n(&o->stop, __ATOMIC_RELAXED) > 0) {
		o->failed = 1;
		return 0;
	}
	if (strstr(rel, "..") != NULL || rel[0] == '/') {
		diag_error(o->diag, rel, 0, "refusing to write outside the "
		    "output folder");
		o->failed = 1;
		return 0;
	}
	fd = openat(o->dirfd, rel, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0644);
	if (fd == -1 && errno == ENOENT && output_mkdirs(o, rel))
		fd = openat(o->dirfd, rel, O_WRONLY | O_CREAT | O_EXCL |
		    O_CLOEXEC, 0644);
	if (fd == -1)
		goto fail;
	if (!util_write(fd, data, len)) {
		close(fd);
		goto fail;
	}
	if (close(fd) == -1)
		goto fail;
	return 1;
fail:
	diag_error(o->diag, o->final, 0, "cannot write %s: %s", rel,
	    strerror(errno));
	o->failed = 1;
	return 0;
}

/*
 * Copy the open file fd (named src in messages) to rel in the output
 * and close it: a regular file only, read whole with read(2).
 * Returns 1 on success, 0 when reported.
 */
static int
output_copyfd(struct output *o, int fd, const char *src, const char *rel)
{
	struct stat	 st;
	char		*text = NULL;
	size_t		 len = 0, max;
	ssize_t		 n;
	int		 ok = 0;

	if (fstat(fd, &st) == -1) {
		diag_error(o->diag, src, 0, "cannot read: %s",
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(o->diag, src, 0, "not a regular file, so it is not "
		    "read: copy the real file in its place");
		goto out;
	}
	/* The size is a hint: the file may grow or shrink meanwhile. */
	max = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	text = xmalloc(max);
	for (;;) {
		if (len == max) {
			max *= 2;
			text = xreallocarray(text, max, 1);
		}
		if ((n = read(fd, text + len, max - len)) == -1) {
			if (errno == EINTR)
				continue;
			diag_error(o->diag, src, 0, "cannot read: %s",
			    strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	ok = output_write(o, rel, text, len);
out:
	close(fd);
	free(text);
	return ok;
}

/* Report why the file src could not be opened (errno). */
static void
output_openerr(struct output *o, const char *src, const char *where)
{
	if (errno == ELOOP)
		diag_error(o->diag, src, 0, "a symbolic link%s, which is not "
		    "followed: copy the real file in its place", where);
	else
		diag_error(o->diag, src, 0, "cannot read: %s",
		    strerror(errno));
}

/*
 * Copy the file src to rel in the output: a regular file only, never
 * through a symbolic link at its end, a FIFO or a device.  Returns 1
 * on success, 0 when reported.
 */
int
output_copyfile(struct output *o, const char *src, const char *rel)
{
	int	 fd;

	if ((fd = open(src, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1) {
		output_openerr(o, src, "");
		return 0;
	}
	return output_copyfd(o, fd, src, rel);
}

/*
 * Copy the folder open as dfd (src in messages) to the folder rel in
 * the output, and close dfd.  Only regular files and folders are
 * copied: a symbolic link or anything else is an error, so nothing
 * outside the folder is published and nothing loops.
 */
static int
output_copydir(struct output *o, int dfd, const char *src, const char *rel)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		*sp, *rp;
	int		 fd, ok = 1;

	if ((dp = fdopendir(dfd)) == NULL) {
		diag_error(o->diag, src, 0, "cannot read the folder: %s",
		    strerror(errno));
		close(dfd);
		return 0;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (__atomic_load_n(&o->stop, __ATOMIC_RELAXED) > 0) {
			ok = 0;
			break;
		}
		sp = xasprintf("%s/%s", src, de->d_name);
		rp = xasprintf("%s/%s", rel, de->d_name);
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1) {
			diag_error(o->diag, sp, 0, "cannot read: %s",
			    strerror(errno));
			ok = 0;
		} else if (S_ISLNK(st.st_mode)) {
			diag_error(o->diag, sp, 0, "a symbolic link in the site "
			    "theme's assets: copy the real file or folder in "
			    "its place (links are not followed, so that "
			    "nothing from outside the site theme is "
			    "published)");
			ok = 0;
		} else if (S_ISDIR(st.st_mode)) {
			if ((fd = openat(dfd, de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
				output_openerr(o, sp, " in the site theme's "
				    "assets");
				ok = 0;
			} else
				ok &= output_copydir(o, fd, sp, rp);
		} else if (S_ISREG(st.st_mode)) {
			if ((fd = openat(dfd, de->d_name, O_RDONLY |
			    O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) == -1) {
				output_openerr(o, sp, " in the site theme's "
				    "assets");
				ok = 0;
			} else
				ok &= output_copyfd(o, fd, sp, rp);
		} else {
			diag_error(o->diag, sp, 0, "not a regular file or "
			    "folder: only files and folders are copied from "
			    "the site theme's assets; copy the real file in "
			    "its place");
			ok = 0;
		}
		free(sp);
		free(rp);
	}
	closedir(dp);
	return ok;
}

/*
 * Copy the files under src (recursively, leaving out hidden ones) to
 * the folder rel in the output.  A missing src copies nothing; src
 * must be a real folder, not a symbolic link.  Returns 1 on success,
 * 0 when reported.
 */
int
output_copytree(struct output *o, const char *src, const char *rel)
{
	struct stat	 st;
	int		 fd;

	if ((fd = open(src, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return 1;
		if (errno == ELOOP || (errno == ENOTDIR &&
		    lstat(src, &st) == 0 && S_ISLNK(st.st_mode)))
			diag_error(o->diag, src, 0, "a symbolic link: copy the "
			    "real folder in its place (links are not followed, "
			    "so that nothing from outside the site theme is "
			    "published)");
		else if (errno == ENOTDIR)
			diag_error(o->diag, src, 0, "not a folder: the site "
			    "theme's assets must be a folder of files");
		else
			diag_error(o->diag, src, 0, "cannot read the folder: "
			    "%s", strerror(errno));
		return 0;
	}
	return output_copydir(o, fd, src, rel);
}

static int
output_rmone(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/*
 * Remove the folder path and everything in it, never through a
 * symbolic link; what cannot be removed is left.
 */
void
output_rmtree(const char *path)
{
	nftw(path, output_rmone, 32, FTW_DEPTH | FTW_PHYS);
}

/* Keep rel (a folder ends in '/') as a name the new site has not. */
static void
output_addgone(struct output *o, const char *rel, int page)
{
	if (o->gonesz == o->gonemax) {
		o->gonemax = o->gonemax == 0 ? 16 : o->gonemax * 2;
		o->gone = xreallocarray(o->gone, o->gonemax,
		    sizeof(*o->gone));
	}
	o->gone[o->gonesz++] = xstrdup(rel);
	o->gonepages += page;
}

/*
 * Remove everything in the old site's folder open as oldfd (rel, of
 * length len, is its path in the site with a trailing '/', or "") and
 * close oldfd.  With newfd, the same folder in the new site, each name
 * the new folder has not is kept in o->gone: a folder as one name,
 * without what is in it, so that a review's page is "reviews/x/".  One
 * lookup in the new folder per name: linear in the number of files.
 */
static void
output_retiredir(struct output *o, int oldfd, int newfd, char *rel,
    size_t len)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	size_t		 n;
	int		 isdir, there, subold, subnew;

	if ((dp = fdopendir(oldfd)) == NULL) {
		close(oldfd);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (de->d_type != DT_UNKNOWN)
			isdir = de->d_type == DT_DIR;
		else
			isdir = fstatat(oldfd, de->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
		there = newfd != -1 && fstatat(newfd, de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == 0;
		n = strlen(de->d_name);
		subold = subnew = -1;
		if (isdir)
			subold = openat(oldfd, de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (newfd != -1 && !there && de->d_name[0] != '.' &&
		    len + n + 2 < PATH_MAX) {
			memcpy(rel + len, de->d_name, n);
			rel[len + n] = isdir ? '/' : '\0';
			rel[len + n + 1] = '\0';
			output_addgone(o, rel, subold != -1 &&
			    faccessat(subold, "index.html", F_OK,
			    AT_SYMLINK_NOFOLLOW) == 0);
		}
		if (subold != -1) {
			/* Pagefind names its files by their content: a new
			 * index has new names, and the old ones are no loss
			 * (the folder itself is, when search is turned off). */
			if (there && S_ISDIR(st.st_mode) &&
			    len + n + 2 < PATH_MAX &&
			    !(len == 0 && strcmp(de->d_name, "pagefind") == 0))
				subnew = openat(newfd, de->d_name, O_RDONLY |
				    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (subnew != -1) {
				memcpy(rel + len, de->d_name, n);
				rel[len + n] = '/';
				rel[len + n + 1] = '\0';
			}
			output_retiredir(o, subold, subnew, rel, len + n + 1);
			if (subnew != -1)
				close(subnew);
			rel[len] = '\0';
		}
		unlinkat(oldfd, de->d_name, isdir ? AT_REMOVEDIR : 0);
	}
	closedir(dp);
}

static int
output_cmpname(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Remove the old site at path, which the new site (o->final) replaces,
 * keeping in o->gone, sorted, what the new site no longer has.
 */
static void
output_retire(struct output *o, const char *path)
{
	char	 rel[PATH_MAX];
	int	 oldfd, newfd;

	rel[0] = '\0';
	if ((oldfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return;
	newfd = open(o->final, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	output_retiredir(o, oldfd, newfd, rel, 0);
	if (newfd != -1)
		close(newfd);
	rmdir(path);
	if (o->gonesz > 1)	/* qsort may not take NULL, even for 0 */
		qsort(o->gone, o->gonesz, sizeof(*o->gone), output_cmpname);
}

/*
 * Say on f what the old site had and the new one has not, which an
 * upload on top of the old site would leave on the web host: one line,
 * the first OUTPUT_GONEMAX names, nothing when there are none.
 */
void
output_gone(const struct output *o, FILE *f)
{
	size_t	 i, files = o->gonesz - o->gonepages;

	if (o->gonesz == 0)
		return;
	fputs("lcspr: ", f);
	if (o->gonepages > 0)
		fprintf(f, "%zu page%s", o->gonepages,
		    o->gonepages == 1 ? "" : "s");
	if (o->gonepages > 0 && files > 0)
		fputs(" and ", f);
	if (files > 0)
		fprintf(f, "%zu file%s", files, files == 1 ? "" : "s");
	fprintf(f, " %s no longer on the site: ", o->gonesz == 1 ? "is" :
	    "are");
	for (i = 0; i < o->gonesz && i < OUTPUT_GONEMAX; i++) {
		if (i > 0)
			fputs(", ", f);
		diag_puts(f, o->gone[i]);
	}
	if (o->gonesz > OUTPUT_GONEMAX)
		fprintf(f, " and %zu more", o->gonesz - OUTPUT_GONEMAX);
	fprintf(f, " \xe2\x80\x94 remove %s from your web host, or upload the "
	    "whole folder in place of the old one\n",
	    o->gonesz == 1 ? "it" : "them");
}

/*
 * Put the staging folder in place of the output folder and remove the
 * old one.  Returns 1 on success, 0 when reported (the old site then
 * stays).
 */
int
output_commit(struct output *o)
{
	double	 t;

	close(o->dirfd);
	o->dirfd = -1;
	/* Stopped by a signal: build_run says so. */
	if (__atomic_load_n(&o->stop, __ATOMIC_SEQ_CST) > 0)
		return 0;
	if (renameat2(AT_FDCWD, o->stage, AT_FDCWD, o->final,
	    RENAME_EXCHANGE) == 0) {
		t = util_now();
		output_retire(o, o->stage);
		o->removesecs = util_now() - t;
	} else if (errno == ENOENT) {
		if (rename(o->stage, o->final) == -1)
			goto fail;
	} else {
		char	*old = xasprintf("%s.old", o->stage);

		if (rename(o->final, old) == -1) {
			free(old);
			goto fail;
		}
		if (rename(o->stage, o->final) == -1) {
			rename(old, o->final);
			free(old);
			goto fail;
		}
		t = util_now();
		output_retire(o, old);
		o->removesecs = util_now() - t;
		free(old);
	}
	free(o->stage);
	o->stage = NULL;
	return 1;
fail:
	diag_error(o->diag, o->final, 0, "cannot put the new site in place: "
	    "%s", strerror(errno));
	output_rmtree(o->stage);
	return 0;
}

/*
 * Remove the staging folder after a failed build, end the signal
 * thread, and free o.  A signal that came after output_stopped is
 * then delivered, with its default action.
 */
void
output_free(struct output *o)
{
	if (o->dirfd != -1)
		close(o->dirfd);
	if (o->stage != NULL)
		output_rmtree(o->stage);
	if (o->lockfd != -1)
		close(o->lockfd);	/* releases the lock */
	free(o->stage);
	free(o->final);
	while (o->gonesz > 0)
		free(o->gone[--o->gonesz]);
	free(o->gone);
	if (o->sigon) {
		pthread_cancel(o->sigtid);
		pthread_join(o->sigtid, NULL);
		o->sigon = 0;
		pthread_sigmask(SIG_SETMASK, &o->oldmask, NULL);
	}
}
