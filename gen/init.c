/*
 * lcspr init DIR: make a new site folder from the files built into the
 * program (embed.c): the skeleton of gen/skel/ (settings, an example
 * review, two pages, CI files) and the default site theme.  DIR is
 * made, or must be an empty folder, so nothing is ever overwritten.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

#ifndef VERSION
#define VERSION "0.0"
#endif

/* Replaced by the program's version in the skeleton's files. */
#define INIT_VERSION	"@LCSPR_VERSION@"

static const char init_usage[] = "usage: lcspr init dir\n";

/*
 * Open the folder dir: make it (its parent must exist), or take it
 * when it is empty.  Returns its descriptor, or -1 when reported.
 */
static int
init_open(const char *dir)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*dp;
	int		 fd, made = 0, empty = 1;

	if (mkdir(dir, 0755) == 0)
		made = 1;
	else if (errno == ENOENT) {
		fprintf(stderr, "%s: cannot make this folder: its parent "
		    "folder does not exist; make that first, or give another "
		    "name\n", dir);
		return -1;
	} else if (errno != EEXIST) {
		fprintf(stderr, "%s: cannot make this folder: %s\n", dir,
		    strerror(errno));
		return -1;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		if (errno == ENOTDIR || (stat(dir, &st) == 0 &&
		    !S_ISDIR(st.st_mode)))
			fprintf(stderr, "%s: this is a file, not a folder: "
			    "lcspr init makes a new site in a new or empty "
			    "folder; give another name\n", dir);
		else
			fprintf(stderr, "%s: cannot open this folder: %s\n",
			    dir, strerror(errno));
		return -1;
	}
	if (made)
		return fd;
	if ((dp = fdopendir(dup(fd))) == NULL) {
		fprintf(stderr, "%s: cannot read this folder: %s\n", dir,
		    strerror(errno));
		close(fd);
		return -1;
	}
	while (empty && (de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(dp);
	if (!empty) {
		fprintf(stderr, "%s: this folder is not empty: lcspr init "
		    "writes a new site only into a new or empty folder, so "
		    "that nothing is overwritten; give another name\n", dir);
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Open (making it if need be) the folder of the file rel below the
 * folder open as top, never through a symbolic link.  Returns a
 * descriptor, or -1 with errno set; *base is set to rel's last part.
 */
static int
init_parent(int top, const char *rel, const char **base)
{
	const char	*p = rel, *slash;
	char		 part[NAME_MAX + 1];
	int		 fd, next;

	if ((fd = dup(top)) == -1)
		return -1;
	while ((slash = strchr(p, '/')) != NULL) {
		if ((size_t)(slash - p) >= sizeof(part)) {
			close(fd);
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(part, p, (size_t)(slash - p));
		part[slash - p] = '\0';
		if (mkdirat(fd, part, 0755) == 0)
			fchmodat(fd, part, 0755, 0);
		else if (errno != EEXIST) {
			close(fd);
			return -1;
		}
		next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		close(fd);
		if ((fd = next) == -1)
			return -1;
		p = slash + 1;
	}
	*base = p;
	return fd;
}

/*
 * Write the data of ef (the version marker replaced) as the new file
 * ef->name below top, mode 0644.  Returns 1, or 0 when reported.
 */
static int
init_write(int top, const char *dir, const struct embedfile *ef)
{
	const char	*base, *p, *end, *q;
	int		 dfd, fd = -1, ok = 0;
	size_t		 n, vn = sizeof(INIT_VERSION) - 1;

	if ((dfd = init_parent(top, ef->name, &base)) == -1 ||
	    (fd = openat(dfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644)) == -1 || fchmod(fd, 0644) == -1)
		goto out;
	p = (const char *)ef->data;
	end = p + ef->size;
	while (p < end) {
		q = memmem(p, (size_t)(end - p), INIT_VERSION, vn);
		n = (size_t)((q != NULL ? q : end) - p);
		if (!util_write(fd, p, n))
			goto out;
		p += n;
		if (q != NULL) {
			if (!util_write(fd, VERSION, sizeof(VERSION) - 1))
				goto out;
			p += vn;
		}
	}
	ok = 1;
out:
	if (!ok)
		fprintf(stderr, "%s/%s: cannot write: %s\n", dir, ef->name,
		    strerror(errno));
	if (fd != -1 && close(fd) == -1 && ok) {
		fprintf(stderr, "%s/%s: cannot write: %s\n", dir, ef->name,
		    strerror(errno));
		ok = 0;
	}
	if (dfd != -1)
		close(dfd);
	return ok;
}

/*
 * lcspr init DIR: argv[0] is the command.  Returns the exit status: 0
 * made, 1 refused or failed (reported), 2 usage error.
 */
int
init_main(int argc, char *argv[])
{
	const struct embedfile *ef;
	size_t		 i, n, theme = 0;
	int		 c, top;
	const char	*dir;
	static const struct option lopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};

	while ((c = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(init_usage, stdout);
			return 0;
		}
		fputs(init_usage, stderr);
		return 2;
	}
	if (argc - optind != 1 || *argv[optind] == '\0') {
		if (argc - optind > 1)
			fprintf(stderr, "lcspr: unexpected argument \"%s\"\n",
			    argv[optind + 1]);
		else
			fprintf(stderr, "lcspr: init needs the name of the "
			    "folder to make, such as: lcspr init my-site\n");
		fputs(init_usage, stderr);
		return 2;
	}
	dir = argv[optind];
	if ((top = init_open(dir)) == -1)
		return 1;
	fchmod(top, 0755);
	ef = embed_list(&n);
	for (i = 0; i < n; i++)
		if (!init_write(top, dir, &ef[i])) {
			fprintf(stderr, "lcspr: the new site in %s is not "
			    "complete: remove the folder and try again\n", dir);
			close(top);
			return 1;
		}
	close(top);
	printf("lcspr: made a new site in %s:\n", dir);
	for (i = 0; i < n; i++)
		if (strncmp(ef[i].name, EMBED_THEME "/",
		    sizeof(EMBED_THEME)) == 0)
			theme++;
		else
			printf("  %s\n", ef[i].name);
	printf("  %s/ (the site theme: %zu files)\n", EMBED_THEME, theme);
	printf("\nNext steps:\n"
	    "  cd %s\n"
	    "  edit content/site.yaml, content/pages/about.md and "
	    "content/pages/accessibility.md:\n"
	    "    replace each text marked \"lcspr: placeholder\", then "
	    "delete the marker line\n"
	    "    (lcspr check lists those left)\n"
	    "  lcspr new \"Child B: what the review is about\"\n"
	    "  lcspr serve\n"
	    "README.md in the new folder says what each file is.\n", dir);
	return 0;
}
