/* follow.c: the ids of the feeds' entries on the follow page. */
#include <stdlib.h>
#include <string.h>

#include "../../gen/lcspr.h"
#include "../../gen/internal.h"
#include "../../gen/extern.h"
#include "harness.h"

/* follow_id(rel), checked against want, and freed. */
static void
test_follow_id1(const char *rel, const char *want)
{
	char	*id;

	id = follow_id(rel);
	CHECK_STR(id, want);
	free(id);
}

void
test_follow(void)
{
	/* Links from list pages (field.c) and the page's entries (follow.c)
	 * both come from follow_id: these are the addresses people keep. */
	test_follow_id1("feed.xml", "feed-site");
	test_follow_id1("themes/neglect/feed.xml", "feed-themes_neglect");
	test_follow_id1("regions/london/feed.xml", "feed-regions_london");
	test_follow_id1("themes/neglect/regions/london/feed.xml",
	    "feed-themes_neglect_regions_london");
	test_follow_id1("updates/feed.xml", "feed-updates");
	/* A slug with "regions" in it cannot take another feed's id. */
	test_follow_id1("themes/a-regions-b/feed.xml", "feed-themes_a-regions-b");
}
