# lcspr: a plain Makefile (GNU make).  `make site` builds the program and
# the sample site; `make test` runs every test.  Missing libraries are
# installed by scripts/install-deps (apt-get), which says what it does.

VERSION	 = 0.1.0
PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
MANDIR	 = $(PREFIX)/share/man
SHAREDIR = $(PREFIX)/share/lcspr

PKGS	 = libcmark libxml-2.0 libpcre2-8 yaml-0.1 jansson libexif libevent
CC	?= cc
WARN	 = -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
	   -Wwrite-strings -Wshadow -Wpointer-arith -Wcast-qual
CFLAGS	?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(CFLAGS) $(WARN) -std=gnu11 -D_GNU_SOURCE \
	   -DVERSION='"$(VERSION)"' -DSHAREDIR='"$(SHAREDIR)"' $(PKG_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(PKG_LIBS) -lpthread -lm

# The pipeline, in order.
SRCS	 = gen/main.c gen/diag.c gen/util.c gen/html.c gen/embed.c gen/date.c gen/scan.c \
	   gen/front.c gen/vocab.c gen/config.c gen/markdown.c \
	   gen/attach.c gen/norm.c gen/check.c gen/doc.c gen/review.c gen/recs.c gen/intro.c gen/index.c gen/month.c gen/insight.c gen/recpage.c gen/field.c \
	   gen/template.c gen/page.c gen/feed.c gen/follow.c gen/data.c gen/output.c gen/search.c gen/build.c \
	   gen/init.c gen/new.c gen/serve.c gen/mime.c gen/digest.c
OBJS	 = $(SRCS:.c=.o)
HDRS	 = gen/lcspr.h gen/internal.h gen/extern.h

# The files built into the program (gen/embed.c): the default site
# theme and the skeleton of a new site, written by scripts/embed into
# gen/embed.inc whenever one of them, or their list, changes.
EMBED	:= $(shell find themes/default gen/skel -type f ! -name '*~' \
	   ! -name '.*.sw?' 2>/dev/null | LC_ALL=C sort)

.PHONY: FORCE all site test deps bench install uninstall clean regen validate \
	lint print-srcs print-pkgs print-version fuzz valgrind asan dist deb

all: lcspr

# Install build dependencies when pkg-config cannot find them.
.deps-ok: scripts/install-deps
	@if ! pkg-config --exists $(PKGS) 2>/dev/null || \
	    ! command -v xmllint >/dev/null || ! command -v mandoc >/dev/null || \
	    ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null || \
	    ! test -f /usr/share/zoneinfo/Europe/London; then \
		echo "make: libraries or tools missing; running scripts/install-deps"; \
		scripts/install-deps || exit 1; \
	fi
	@touch $@

deps:
	scripts/install-deps

lcspr: .deps-ok $(OBJS)
	$(CC) -o $@ $(OBJS) $(ALL_LDFLAGS)

$(OBJS): $(HDRS) .deps-ok

# Rewritten only when the list changes, so that adding or removing a
# built-in file makes gen/embed.inc again.
gen/embed.list: FORCE
	@printf '%s\n' $(EMBED) | cmp -s - $@ || printf '%s\n' $(EMBED) >$@

gen/embed.inc: scripts/embed gen/embed.list $(EMBED)
	scripts/embed $@ $(EMBED)

gen/embed.o: gen/embed.inc

.c.o:
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# make dist: one static, stripped program, from Debian's static
# libraries (libxml2 brings ICU, which is C++), for any Linux x86-64 and
# WSL.  The linker's warnings about dlopen and getaddrinfo in a static
# program (ICU's plug-ins, libxml2's HTTP client: neither is used) are
# left out when the link succeeds.
DISTFILE ?= lcspr-$(VERSION)-linux-x86_64
STATIC_LIBS = $(shell pkg-config --static --libs $(PKGS) 2>/dev/null) \
	   -lstdc++ -lpthread -lm
STATIC_LINK = $(CC) -static -s -o $@ $(1) $(LDFLAGS) $(STATIC_LIBS) \
	   2>$@.log; rc=$$?; \
	if [ $$rc -eq 0 ]; then grep -v -e ': in function ' -e \
	    'statically linked applications requires at runtime' $@.log >&2; \
	else cat $@.log >&2; fi; rm -f $@.log; exit $$rc

dist: $(DISTFILE)

$(DISTFILE): .deps-ok $(OBJS)
	@$(call STATIC_LINK,$(OBJS))
	@cd $(@D) && sha256sum $(@F) >$(@F).sha256
	@echo "make: wrote $@ and $@.sha256"

# make deb: lcspr_VERSION_amd64.deb (scripts/mkdeb), whose static program
# finds the installed theme in /usr/share/lcspr.  Only the sources that
# use SHAREDIR (found with grep: gen/main.c) are compiled again, into
# .build/deb/; the other objects are those of ./lcspr.  DEBFLAGS are
# dpkg-deb's (the tests use -Zgzip -z1, quicker than the default xz).
DEBFILE	?= lcspr_$(VERSION)_amd64.deb
DEBFLAGS ?=
DEB_MAINTAINER ?= lcspr developers <lcspr@localhost>
DEB_DIR	 = .build/deb
DEB_SHARE_SRCS = $(shell grep -l SHAREDIR $(SRCS))
DEB_OBJS = $(filter-out $(DEB_SHARE_SRCS:.c=.o),$(OBJS)) \
	   $(DEB_SHARE_SRCS:gen/%.c=$(DEB_DIR)/%.o)

$(DEB_DIR)/%.o: SHAREDIR = /usr/share/lcspr
$(DEB_DIR)/%.o: gen/%.c $(HDRS) .deps-ok
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(DEB_DIR)/lcspr: $(DEB_OBJS)
	@$(call STATIC_LINK,$(DEB_OBJS))

deb: $(DEBFILE)

$(DEBFILE): $(DEB_DIR)/lcspr scripts/mkdeb man/lcspr.1 man/lcspr.5 \
	    $(shell find themes/default -type f)
	CC='$(CC)' LIBS='$(STATIC_LIBS)' DEB_MAINTAINER='$(DEB_MAINTAINER)' \
		scripts/mkdeb $(VERSION) \
		$(DEB_DIR)/lcspr $@ $(DEBFLAGS)

# The test flavour: the same sources with AddressSanitizer and
# UndefinedBehaviorSanitizer, compiled once into tests/out/asan/ (with
# the user's CFLAGS, then -O1), from which both the program
# tests/out/bin/lcspr-asan and the unit tests tests/out/bin/unit are
# linked.  tests/run makes them with -j, beside ./lcspr.
SANITIZE = -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all
ASAN_DIR = tests/out/asan
ASAN_OBJS = $(SRCS:gen/%.c=$(ASAN_DIR)/%.o)
UNIT_SRCS = $(wildcard tests/unit/*.c)
UNIT_OBJS = $(UNIT_SRCS:tests/unit/%.c=$(ASAN_DIR)/unit/%.o)

$(ASAN_DIR)/embed.o: gen/embed.inc

asan: tests/out/bin/lcspr-asan tests/out/bin/unit tests/out/bin/linkcheck

$(ASAN_DIR)/%.o: gen/%.c $(HDRS) .deps-ok
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SANITIZE) -c -o $@ $<

$(ASAN_DIR)/unit/%.o: tests/unit/%.c tests/unit/harness.h $(HDRS) .deps-ok
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wall -Wextra -std=gnu11 -D_GNU_SOURCE $(PKG_CFLAGS) \
		-O1 $(SANITIZE) -c -o $@ $<

tests/out/bin/lcspr-asan: $(ASAN_OBJS)
	@mkdir -p $(@D)
	$(CC) $(SANITIZE) -o $@ $(ASAN_OBJS) $(ALL_LDFLAGS)

# The unit tests call the stages, not the commands (main.c, serve.c).
UNIT_LIBOBJS = $(filter-out $(ASAN_DIR)/main.o $(ASAN_DIR)/serve.o,$(ASAN_OBJS))

tests/out/bin/unit: $(UNIT_OBJS) $(UNIT_LIBOBJS)
	@mkdir -p $(@D)
	$(CC) $(SANITIZE) -o $@ $(UNIT_OBJS) $(UNIT_LIBOBJS) $(ALL_LDFLAGS)

# The crawler of the tests (tests/tools/crawl.c): every review page is
# reached by following links from the home page.
tests/out/bin/crawl: tests/tools/crawl.c .deps-ok
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -O1 -std=gnu11 -D_GNU_SOURCE $(PKG_CFLAGS) -o $@ \
		tests/tools/crawl.c $(ALL_LDFLAGS)

# The link checker of the tests (tests/tools/linkcheck.c).
tests/out/bin/linkcheck: tests/tools/linkcheck.c .deps-ok
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -O1 -std=gnu11 -D_GNU_SOURCE $(PKG_CFLAGS) -o $@ \
		tests/tools/linkcheck.c $(ALL_LDFLAGS)

# The sample has search: true: with Node.js and npm, Pagefind is
# installed (scripts/install-search-deps) and the sample built with its
# search index; without them, or when that install fails, it is built
# with --no-search and a message says how to add search.
site: lcspr
	@if command -v npm >/dev/null 2>&1 && scripts/install-search-deps; then \
		echo "./lcspr build -C content -t themes/default -o site"; \
		./lcspr build -C content -t themes/default -o site; \
	else \
		echo "make: building the sample without search: run" \
		    "scripts/install-search-deps (it installs Node.js and" \
		    "Pagefind), then make site again"; \
		./lcspr build --no-search -C content -t themes/default -o site; \
	fi

test: .deps-ok
	@tests/run

bench: lcspr
	scripts/bench

regen: lcspr
	tests/regen

# The independent validators (Nu Html Checker, feedparser, links, axe in
# headless Chromium, screenshots); also run by `make test`.
validate: lcspr
	@tests/validate/all

lint:
	mandoc -Tlint -W warning man/lcspr.1 man/lcspr.5

install: lcspr
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(SHAREDIR)/themes
	install -m 0755 lcspr $(DESTDIR)$(BINDIR)/lcspr
	install -m 0644 man/lcspr.1 $(DESTDIR)$(MANDIR)/man1/lcspr.1
	install -m 0644 man/lcspr.5 $(DESTDIR)$(MANDIR)/man5/lcspr.5
	cp -R themes/default $(DESTDIR)$(SHAREDIR)/themes/
	if [ -x scripts/search/pagefind ]; then \
		install -d $(DESTDIR)$(SHAREDIR)/pagefind && \
		install -m 0755 scripts/search/pagefind \
		    $(DESTDIR)$(SHAREDIR)/pagefind/pagefind; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/lcspr $(DESTDIR)$(MANDIR)/man1/lcspr.1 \
		$(DESTDIR)$(MANDIR)/man5/lcspr.5
	rm -rf $(DESTDIR)$(SHAREDIR)

# Fuzz the front-matter splitter and the content checks (clang's
# libFuzzer); runs for FUZZTIME seconds.  Not part of `make test`.
FUZZTIME ?= 60
fuzz: .deps-ok gen/embed.inc
	mkdir -p tests/out/fuzz
	clang -g -O1 -fsanitize=fuzzer,address,undefined -std=gnu11 \
		-D_GNU_SOURCE $(PKG_CFLAGS) -o tests/out/fuzz/fuzz_front \
		tests/fuzz/fuzz_front.c $(filter-out gen/main.c gen/serve.c,$(SRCS)) \
		$(PKG_LIBS) -lpthread -lm
	cp -R tests/fuzz/corpus/. tests/out/fuzz/corpus/ 2>/dev/null || \
		cp -R tests/fuzz/corpus tests/out/fuzz/corpus
	tests/out/fuzz/fuzz_front -max_total_time=$(FUZZTIME) \
		tests/out/fuzz/corpus

# Build and check the tests' sample under valgrind (slow; not part of
# `make test`, which runs everything under the sanitizers).
valgrind: .deps-ok gen/embed.inc
	mkdir -p tests/out/valgrind
	$(CC) $(ALL_CFLAGS) -DNO_JIT -o tests/out/valgrind/lcspr $(SRCS) \
		$(ALL_LDFLAGS)
	rm -rf tests/out/valgrind/site
	valgrind --error-exitcode=1 --leak-check=full -q \
		tests/out/valgrind/lcspr build -q -C tests/sample/content \
		-o tests/out/valgrind/site
	valgrind --error-exitcode=1 --leak-check=full -q \
		tests/out/valgrind/lcspr check -q -C tests/sample/content

print-srcs:
	@echo $(SRCS)

print-pkgs:
	@echo $(PKGS)

print-version:
	@echo $(VERSION)

clean:
	rm -f lcspr $(OBJS) .deps-ok gen/embed.inc gen/embed.list \
		$(DISTFILE) $(DISTFILE).sha256 $(DEBFILE)
	rm -rf tests/out .build
