/* embed.c: the built-in files, and the YAML of the skeleton's files. */
#include <stdlib.h>
#include <yaml.h>

#include "../../gen/lcspr.h"
#include "../../gen/internal.h"
#include "../../gen/extern.h"
#include "harness.h"

/* The value of key in the mapping node m of doc, or NULL. */
static yaml_node_t *
mapget(yaml_document_t *doc, yaml_node_t *m, const char *key)
{
	yaml_node_pair_t *p;
	yaml_node_t	*k;

	if (m == NULL || m->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	    p++) {
		k = yaml_document_get_node(doc, p->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

/* Does the built-in file name parse as one YAML document whose top is
 * a mapping with each of the keys path[] (a path of keys, "" ends)? */
static int
yamlhas(const char *name, const char *const *path)
{
	const struct embedfile *ef;
	yaml_parser_t	 p;
	yaml_document_t	 doc;
	yaml_node_t	*n;
	int		 ok;

	if ((ef = embed_find(name)) == NULL)
		return 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, ef->data, ef->size);
	if (!yaml_parser_load(&p, &doc)) {
		printf("%s:%zu: %s\n", name, p.problem_mark.line + 1,
		    p.problem != NULL ? p.problem : "YAML error");
		yaml_parser_delete(&p);
		return 0;
	}
	n = yaml_document_get_root_node(&doc);
	ok = n != NULL && n->type == YAML_MAPPING_NODE;
	for (; ok && **path != '\0'; path++)
		ok = (n = mapget(&doc, n, *path)) != NULL;
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	return ok;
}

static int
endswith(const char *s, const char *suffix)
{
	size_t	 n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

void
test_embed(void)
{
	const struct embedfile *ef;
	size_t		 n, i, sorted = 1, found = 1, yamls = 0;
	static const char *const gh[] = { "jobs", "build", "steps", "" };
	static const char *const ghdeploy[] = { "jobs", "deploy", "steps",
	    "" };
	static const char *const ghon[] = { "on", "push", "branches", "" };
	static const char *const ghperm[] = { "permissions", "pages", "" };
	static const char *const ghenv[] = { "env", "LCSPR_VERSION", "" };
	static const char *const gl[] = { "pages", "artifacts", "paths", "" };
	static const char *const glscript[] = { "pages", "script", "" };
	static const char *const glenv[] = { "variables", "LCSPR_VERSION",
	    "" };
	static const char *const site[] = { "title", "" };
	static const char *const regions[] = { "regions", "" };

	ef = embed_list(&n);
	CHECK(n > 10, "%zu built-in files", n);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(ef[i - 1].name, ef[i].name) >= 0)
			sorted = 0;
		if (embed_find(ef[i].name) != &ef[i])
			found = 0;
		if (ef[i].data[ef[i].size] != '\0')
			found = 0;
		if (endswith(ef[i].name, ".yml") ||
		    endswith(ef[i].name, ".yaml"))
			yamls++;
	}
	CHECK(sorted, "the built-in files are sorted by name");
	CHECK(found, "each built-in file is found by its name, NUL after it");
	CHECK(yamls == 3, "%zu YAML files, want 3", yamls);
	CHECK(embed_find("themes/default/layout.html") != NULL,
	    "the theme's layout is built in");
	CHECK(embed_find("themes/default/assets/style.css") != NULL,
	    "the theme's style sheet is built in");
	CHECK(embed_find("content/site.yaml") != NULL,
	    "the skeleton's site.yaml is built in");
	CHECK(embed_find("themes/default") == NULL &&
	    embed_find("") == NULL && embed_find("zzz") == NULL,
	    "a name that is no file is not found");
	CHECK(yamlhas(".github/workflows/lcspr.yml", gh),
	    "GitHub workflow: YAML with jobs.build.steps");
	CHECK(yamlhas(".github/workflows/lcspr.yml", ghdeploy),
	    "GitHub workflow: YAML with jobs.deploy.steps");
	CHECK(yamlhas(".github/workflows/lcspr.yml", ghon),
	    "GitHub workflow: on.push.branches");
	CHECK(yamlhas(".github/workflows/lcspr.yml", ghperm),
	    "GitHub workflow: permissions.pages");
	CHECK(yamlhas(".github/workflows/lcspr.yml", ghenv),
	    "GitHub workflow: env.LCSPR_VERSION");
	CHECK(yamlhas(".gitlab-ci.yml", gl),
	    "GitLab CI: YAML with pages.artifacts.paths");
	CHECK(yamlhas(".gitlab-ci.yml", glscript), "GitLab CI: pages.script");
	CHECK(yamlhas(".gitlab-ci.yml", glenv),
	    "GitLab CI: variables.LCSPR_VERSION");
	CHECK(yamlhas("content/site.yaml", site) &&
	    yamlhas("content/site.yaml", regions),
	    "the skeleton's site.yaml: YAML with title and regions");
}
