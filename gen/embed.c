/*
 * The files built into the program: the default site theme, used when
 * there is no site theme folder, and the skeleton of a new site that
 * lcspr init writes.  scripts/embed writes their bytes into
 * gen/embed.inc (made by the Makefile from themes/default/ and
 * gen/skel/, not kept in git), sorted by name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcspr.h"
#include "internal.h"
#include "extern.h"

#include "embed.inc"

#define EMBED_FILESZ	(sizeof(embed_files) / sizeof(embed_files[0]))

/*
 * Every built-in file, sorted by name; *n is set to their number.
 * The table is static: nothing to free.
 */
const struct embedfile *
embed_list(size_t *n)
{
	*n = EMBED_FILESZ;
	return embed_files;
}

/*
 * The built-in file named name (e.g. "themes/default/layout.html"), or
 * NULL when there is none.
 */
const struct embedfile *
embed_find(const char *name)
{
	size_t	 lo = 0, hi = EMBED_FILESZ, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(name, embed_files[mid].name)) == 0)
			return &embed_files[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/*
 * Write the built-in files under the folder dir (e.g.
 * "themes/default/assets") to the folder rel in the output, as
 * output_copytree copies a folder.  Returns 1 on success, 0 when
 * reported.
 */
int
embed_copy(struct output *o, const char *dir, const char *rel)
{
	size_t		 i, n = strlen(dir);
	char		*path;
	int		 ok = 1;

	for (i = 0; i < EMBED_FILESZ; i++) {
		if (strncmp(embed_files[i].name, dir, n) != 0 ||
		    embed_files[i].name[n] != '/')
			continue;
		path = xasprintf("%s/%s", rel, embed_files[i].name + n + 1);
		ok &= output_write(o, path, embed_files[i].data,
		    embed_files[i].size);
		free(path);
	}
	return ok;
}
