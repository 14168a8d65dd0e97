# Shared by tests/run, tests/regen and tests/validate/all (sourced, from
# the top folder): the test environment and how one fixture is run, so
# that the three run fixtures the same way.
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=1795000000	# 2026-11-18
ROOT=$PWD
# The tests' own copy of the sample site: content/ is the publishing
# team's to replace, and no test reads it.
SAMPLE=$ROOT/tests/sample
# Pagefind, for the sites with "search: true" (the sample among them),
# installed by scripts/install-search-deps (tests/run runs it).
export LCSPR_PAGEFIND=$ROOT/scripts/search/pagefind

# errcase_prepare DIR WORK: WORK becomes the working folder of the error
# fixture DIR: its content/ (site.yaml from tests/errors/site.yaml unless
# it has its own or a no-site-yaml file) and its theme/.
errcase_prepare() {
	rm -rf "$2"
	mkdir -p "$2"
	[ -d "$1/content" ] && cp -R "$1/content" "$2/content"
	[ -d "$1/theme" ] && cp -R "$1/theme" "$2/theme"
	mkdir -p "$2/content"
	[ -f "$2/content/site.yaml" ] || [ -f "$1/no-site-yaml" ] || cp tests/errors/site.yaml "$2/content/site.yaml"
}

# errcase_run DIR WORK BIN: runs the fixture's command (file command,
# default `build -t themes/default`, then args, with the variables of
# env) with BIN in WORK, into WORK/stdout and WORK/stderr; returns its
# exit status.  errcase_status DIR prints the status it must have.
errcase_run() {
	local args="" cmd="build -t \"$ROOT/themes/default\"" envs=""
	[ -f "$1/args" ] && args=$(cat "$1/args")
	[ -f "$1/command" ] && cmd=$(cat "$1/command")
	[ -f "$1/env" ] && envs=$(cat "$1/env")
	(cd "$2" && eval "$envs \"$3\" $cmd $args" >stdout 2>stderr)
}
errcase_status() {
	if [ -f "$1/status" ]; then cat "$1/status"; else echo 1; fi
}

# golden_search DIR: is search on in the golden fixture DIR?
golden_search() {
	grep -Eq '^search: *(true|yes)' "$1/content/site.yaml"
}

# golden_build DIR BIN SITE: builds the golden fixture DIR's content/
# with BIN and the default theme into SITE, with the extra arguments
# of DIR/args; its messages go to standard error.
golden_build() {
	local args=""
	[ -f "$1/args" ] && args=$(cat "$1/args")
	(cd "$1" && eval "\"$2\" build -q -C content -t \"$ROOT/themes/default\" -o \"$3\" $args")
}

# basepath SITE_YAML: the path part of its base_url ("" for none).
basepath() {
	sed -n 's|^base_url: *"\{0,1\}\(https\{0,1\}://[^/"]*\)\(/[^ "]*\)\{0,1\}.*|\2|p' "$1"
}
