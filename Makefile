# bangfu — top-level build.
#
#   make            build ./bangfu
#   make demo       install missing packages, build, make a demo data set, open it
#   make check      install missing packages, build, run every test (unit + end-to-end)
#   make check SANITIZE=1   the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      speed and memory goals (never part of check)
#   make torture    tests/faults at full size: 1,000 random kills, 8 writers for a minute
#   make fuzz       libFuzzer targets for the parsers (clang)
#   make deps       install the Debian packages the build and tests need
#   make install    binary, man page and completions under $(DESTDIR)$(PREFIX)
#                   (PREFIX=/usr/local; BINDIR, MANDIR, DATADIR, SYSCONFDIR; uninstall)
#   make man        regenerate man/bangfu.1 and the completions from the verb table, and
#                   docs/ui.md's key table from the actions and default keymap
#   make pot        extract the messages of the sources (BUILD/bangfu.pot) and merge them into the
#                   catalogs (tui/po/zh_CN.po, tui/po/en.po)
#   make deb        build the Debian package ($(BUILD)/deb/); deb-test also installs it
#
# CPPFLAGS, CFLAGS and LDFLAGS from the environment or the command line (dpkg-buildflags'
# hardening) reach every compile and link.
#
# Sources are found by wildcard: a new core/*.c, store/*.c or tui/*.c file is built
# without touching this file; a new tests/unit/test_*.c becomes a cmocka binary.

PKGS      := ncursesw sqlite3 libgit2 xlsxwriter zlib libcrypto
CC        ?= cc
OPT       ?= -O2 -g
WARN      := -Wall -Wextra -Wshadow -Wno-unused-parameter
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED \
             $(OPT) $(WARN) -I. -I$(BUILD)/gen $(CPPFLAGS) $(CFLAGS)
# libgit2, libxlsxwriter and libcrypto are not linked: store/lazylib.c loads each by its
# soname when first used (the history; an xlsx export; the pack writer's SHA-1), so
# other commands never load them and
# the twenty libraries they need. Their headers still come from pkg-config; the soname
# is read from the library the linker would have used.
LAZY_PKGS  := libgit2 xlsxwriter libcrypto
LDLIBS_PKG = $(shell pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGS)) 2>/dev/null)
CFLAGS_PKG = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
soname     = $(shell objdump -p "$$($(CC) -print-file-name=lib$(1).so)" 2>/dev/null | awk '$$1 == "SONAME" {print $$2}')
GIT2_SONAME := $(call soname,git2)
# libgit2's call that parses the CA bundle at init binds to bangfu's own, which puts it
# off until a network connection needs it (store/git_lazy.c); its zlib deflateInit_ too,
# so that an edit's own pack is written stored, not compressed (store/audit_bulk.c)
LDEXPORT  := -Wl,--export-dynamic-symbol=mbedtls_x509_crt_parse_file \
             -Wl,--export-dynamic-symbol=deflateInit_
XLSX_SONAME := $(call soname,xlsxwriter)
CRYPTO_SONAME := $(call soname,crypto)

ifeq ($(WERROR),1)
CFLAGS_ALL += -Werror
endif

# BUILDDIR=dir builds somewhere else (parallel work trees, helpers); the binary then
# lands in that directory too.
ifeq ($(SANITIZE),1)
BUILD     := $(or $(BUILDDIR),build-san)
SANFLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
CFLAGS_ALL += $(SANFLAGS)
LDFLAGS   += $(SANFLAGS)
BIN       := $(BUILD)/bangfu
else ifneq ($(BUILDDIR),)
BUILD     := $(BUILDDIR)
BIN       := $(BUILD)/bangfu
else
BUILD     := build
BIN       := bangfu
endif

LAZY_DEFS := $(BUILD)/gen/git_lazy_defs.h $(BUILD)/gen/xlsx_lazy_defs.h $(BUILD)/gen/crypto_lazy_defs.h
CORE_SRC  := $(wildcard core/*.c)
STORE_SRC := $(wildcard store/*.c)
TUI_SRC   := $(wildcard tui/*.c)
GEN_SRC   := $(BUILD)/gen/regions_data.c

CORE_OBJ  := $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/regions_data.o
STORE_OBJ := $(STORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ   := $(TUI_SRC:%.c=$(BUILD)/%.o)
# The test-hooks build: the same sources with BANGFU_TEST_HOOKS, which honours
# BANGFU_TEST_LOGIN (act as another user) and BANGFU_FAULT (crash at a named point).
# The shipped ./bangfu is built without it and ignores both variables.
TH_OBJ    := $(CORE_SRC:%.c=$(BUILD)/th/%.o) $(STORE_SRC:%.c=$(BUILD)/th/%.o) \
             $(TUI_SRC:%.c=$(BUILD)/th/%.o) $(BUILD)/gen/regions_data.o

UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

VERSION   := $(shell cat VERSION 2>/dev/null || echo 0.1.0)

# Where a setgid bangfu reads the list of data directories it may open (bangfu.conf):
# compiled into store/confine.c alone. tests/e2e/shared_server.sh runs a variant built
# the same way with its conf file in the build tree (TESTCONF), so the test never writes
# the real /etc/bangfu.conf and the shipped binary reads no conf path from anywhere else.
SYSCONFDIR ?= /etc
TESTCONF   := $(abspath $(BUILD))/testconf

# The message catalogs (tui/po/*.po, docs/language.md): compiled with msgfmt --check into
# BUILD/locale, where an uninstalled, unprivileged bangfu finds them (BUILD_LOCALEDIR);
# installed under LOCALEDIR, the only place a setgid bangfu reads them from.
LANGS      := zh_CN en
LOCALEDIR  ?= $(DATADIR)/locale
MO_FILES   := $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/bangfu.mo)
I18N_DEFS   = -DLOCALEDIR='"$(LOCALEDIR)"' -DBUILD_LOCALEDIR='"$(abspath $(BUILD))/locale"'
$(BUILD)/tui/lang.o $(BUILD)/th/tui/lang.o: CFLAGS_ALL += $(I18N_DEFS)
.PHONY: all demo check checkonly deps bench fuzz clean torture install uninstall man deb deb-test pot FORCE
all: $(BIN) $(MO_FILES)
# i18n.o is compiled again when LOCALEDIR changes (make install PREFIX=/usr after a plain
# make): the stamp holds the value it was built with.
$(BUILD)/tui/lang.o $(BUILD)/th/tui/lang.o: $(BUILD)/localedir.stamp
$(BUILD)/localedir.stamp: FORCE
	@mkdir -p $(BUILD)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@
FORCE:

$(BUILD)/locale/%/LC_MESSAGES/bangfu.mo: tui/po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@.tmp $< && mv $@.tmp $@

pot:
	@mkdir -p $(BUILD)
	sh tui/po/extract.sh $(VERSION) $(sort $(CORE_SRC) $(STORE_SRC) $(TUI_SRC)) tui/actions.h > $(BUILD)/bangfu.pot
	for l in $(LANGS); do msgmerge -q --no-fuzzy-matching --update --backup=none \
	  tui/po/$$l.po $(BUILD)/bangfu.pot && python3 tui/po/fill_own.py $$l tui/po/$$l.po; done
	sh tui/po/untranslated.sh zh_CN $(sort $(CORE_SRC) $(STORE_SRC) $(TUI_SRC)) tui/actions.h || :

$(BIN): $(TUI_OBJ) $(BUILD)/libstore.a $(BUILD)/libcore.a
	$(CC) $(LDFLAGS) $(LDEXPORT) -o $@ $(TUI_OBJ) $(BUILD)/libstore.a $(BUILD)/libcore.a $(LDLIBS_PKG) -lm

# (its catalogs, when setgid, from TESTCONF/locale: the test installs them there as
# `make install` does under LOCALEDIR, so the setgid run speaks the test's language)
TC_OBJ     := $(BUILD)/tc/confine.o $(BUILD)/tc/lang.o $(filter-out $(BUILD)/tui/lang.o,$(TUI_OBJ))
$(BUILD)/bangfu-testconf: $(TC_OBJ) $(BUILD)/libstore.a $(BUILD)/libcore.a
	$(CC) $(LDFLAGS) $(LDEXPORT) -o $@ $(TC_OBJ) $(BUILD)/libstore.a $(BUILD)/libcore.a $(LDLIBS_PKG) -lm

$(BUILD)/bangfu-testhooks: $(TH_OBJ)
	$(CC) $(LDFLAGS) $(LDEXPORT) -o $@ $(TH_OBJ) $(LDLIBS_PKG) -lm

$(BUILD)/libcore.a: $(CORE_OBJ)
	@rm -f $@; ar rcs $@ $^
$(BUILD)/libstore.a: $(STORE_OBJ)
	@rm -f $@; ar rcs $@ $^

# core/ is compiled without the I/O libraries' pkg-config flags (here and in the test-hooks
# build below): it must not need them. tests/e2e/layers.sh checks that, the includes of
# core/ and store/, and the libraries libcore.a and libstore.a call into.
$(BUILD)/core/%.o: core/%.c $(wildcard core/*.h) | $(BUILD)/gen/regions_data.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<
$(BUILD)/gen/regions_data.o: $(BUILD)/gen/regions_data.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<
$(BUILD)/store/%.o: store/%.c $(wildcard store/*.h core/*.h) $(LAZY_DEFS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CFLAGS_PKG) -c -o $@ $<
$(BUILD)/store/confine.o: CFLAGS_ALL += -DSYSCONFDIR='"$(SYSCONFDIR)"'
$(BUILD)/store/git_lazy.o $(BUILD)/th/store/git_lazy.o: CFLAGS_ALL += -DGIT2_SONAME='"$(GIT2_SONAME)"'
$(BUILD)/tui/xlsx_lazy.o $(BUILD)/th/tui/xlsx_lazy.o: CFLAGS_ALL += -DXLSX_SONAME='"$(XLSX_SONAME)"'
$(BUILD)/store/crypto_lazy.o $(BUILD)/th/store/crypto_lazy.o: CFLAGS_ALL += -DCRYPTO_SONAME='"$(CRYPTO_SONAME)"'
$(BUILD)/th/store/confine.o: CFLAGS_ALL += -DSYSCONFDIR='"$(SYSCONFDIR)"'
$(BUILD)/tc/confine.o: store/confine.c $(wildcard store/*.h core/*.h) $(LAZY_DEFS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CFLAGS_PKG) -DSYSCONFDIR='"$(TESTCONF)"' -c -o $@ $<
$(BUILD)/tc/lang.o: tui/lang.c $(wildcard tui/*.h core/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DLOCALEDIR='"$(TESTCONF)/locale"' -DBUILD_LOCALEDIR='"$(abspath $(BUILD))/locale"' -c -o $@ $<
$(BUILD)/tui/%.o: tui/%.c $(wildcard tui/*.h store/*.h core/*.h) $(LAZY_DEFS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CFLAGS_PKG) -DBANGFU_VERSION='"$(VERSION)"' -c -o $@ $<
$(BUILD)/th/core/%.o: core/%.c $(wildcard core/*.h) | $(BUILD)/gen/regions_data.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DBANGFU_TEST_HOOKS -c -o $@ $<
$(BUILD)/th/%.o: %.c $(wildcard core/*.h store/*.h tui/*.h) $(LAZY_DEFS) | $(BUILD)/gen/regions_data.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CFLAGS_PKG) -DBANGFU_TEST_HOOKS -DBANGFU_VERSION='"$(VERSION)-testhooks"' -c -o $@ $<

$(BUILD)/tui/cli.o $(BUILD)/th/tui/cli.o: VERSION

# The reference data (cities, counties, tracks, towns, villages) is compiled into the binary.
$(BUILD)/gen/regions_data.c: core/data/guangdong_cities.csv core/data/guangdong_counties.csv \
                             core/data/county_tracks_2023.csv core/data/gen_regions.sh \
                             core/data/guangdong_towns_2023.csv core/data/guangdong_villages_2023.csv
	@mkdir -p $(dir $@)
	sh core/data/gen_regions.sh core/data > $@.tmp && mv $@.tmp $@

# Each function listed in store/git_lazy.h, tui/xlsx_lazy.h and store/crypto_lazy.h becomes a call through
# its table (NAME_fns()->f).
$(BUILD)/gen/git_lazy_defs.h: store/git_lazy.h
$(BUILD)/gen/xlsx_lazy_defs.h: tui/xlsx_lazy.h
$(BUILD)/gen/crypto_lazy_defs.h: store/crypto_lazy.h
$(LAZY_DEFS):
	@mkdir -p $(dir $@)
	sed -n 's/^[[:space:]]*X(\([A-Za-z0-9_]*\)) \\$$/#define \1 (*$(basename $(notdir $<))_fns()->\1)/p' $< > $@.tmp && mv $@.tmp $@

# --- tests -------------------------------------------------------------------------
$(BUILD)/tests/test_%: tests/unit/test_%.c $(BUILD)/libstore.a $(BUILD)/libcore.a $(LAZY_DEFS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CFLAGS_PKG) $(shell pkg-config --cflags cmocka) -o $@ $< \
	  $(BUILD)/libstore.a $(BUILD)/libcore.a $(LDFLAGS) $(LDLIBS_PKG) $(shell pkg-config --libs cmocka) -lm

check: deps
	@$(MAKE) --no-print-directory checkonly

checkonly: $(BIN) $(MO_FILES) $(BUILD)/bangfu-testhooks $(BUILD)/bangfu-testconf $(UNIT_BIN)
	@sh tests/run.sh "$(BUILD)" "$(BIN)" $(UNIT_BIN)

# The demo data set lives in ./demo-data (git-ignored); made once, reused after.
DEMO_DIR   ?= demo-data
DEMO_HOUSEHOLDS ?= 2000
demo: deps
	@$(MAKE) --no-print-directory all
	@if [ ! -f $(DEMO_DIR)/bangfu.db ]; then \
	  ./$(BIN) -d $(DEMO_DIR) init && \
	  ./$(BIN) -d $(DEMO_DIR) demo --households $(DEMO_HOUSEHOLDS) --seed 1; fi
	@./$(BIN) -d $(DEMO_DIR)

deps:
	@sh .ci/deps.sh

# the search beside a LIKE scan in one process (tests/bench_search.c): bench only
$(BUILD)/tests/bench_search: tests/bench_search.c $(BUILD)/libstore.a $(BUILD)/libcore.a $(LAZY_DEFS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CFLAGS_PKG) -o $@ $< $(BUILD)/libstore.a $(BUILD)/libcore.a \
	  $(LDFLAGS) $(LDLIBS_PKG) -lm

bench: $(BIN) $(BUILD)/tests/bench_search
	@sh tests/bench.sh ./$(BIN) $(BUILD)/tests/bench_search

# The fault torture (tests/faults/*.sh) with the large counts, in English only (its messages
# are checked in both languages by `make check`, which runs it small).
torture: $(BIN) $(BUILD)/bangfu-testhooks
	@KILLS=$${KILLS:-1000} DURATION=$${DURATION:-60} ONE_LOCALE=$${ONE_LOCALE:-1} TEST_ONLY=faults- sh tests/run.sh "$(BUILD)" "$(BIN)"

fuzz:
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk

# --- install ------------------------------------------------------------------------
# The binary is installed 0755; making it setgid bangfu is the administrator's step
# (docs/deploy.md) or the Debian package's postinst (dpkg-statoverride).
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR  ?= $(DATADIR)/man
GENERATED := man/bangfu.1 man/bangfu.bash man/_bangfu

install: $(BIN) $(MO_FILES)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(DATADIR)/bash-completion/completions $(DESTDIR)$(DATADIR)/zsh/vendor-completions
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/bangfu
	sed 's|/etc/bangfu\.conf|$(SYSCONFDIR)/bangfu.conf|' man/bangfu.1 > $(DESTDIR)$(MANDIR)/man1/bangfu.1
	chmod 0644 $(DESTDIR)$(MANDIR)/man1/bangfu.1
	install -m 0644 man/bangfu.bash $(DESTDIR)$(DATADIR)/bash-completion/completions/bangfu
	install -m 0644 man/_bangfu $(DESTDIR)$(DATADIR)/zsh/vendor-completions/_bangfu
	for l in $(LANGS); do install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 0644 $(BUILD)/locale/$$l/LC_MESSAGES/bangfu.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bangfu $(DESTDIR)$(MANDIR)/man1/bangfu.1 \
	  $(DESTDIR)$(DATADIR)/bash-completion/completions/bangfu \
	  $(DESTDIR)$(DATADIR)/zsh/vendor-completions/_bangfu \
	  $(LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/bangfu.mo)

# The man page and completions are generated from the verb table and kept in git, so a
# clone has them without a build; tests/e2e/generated_docs.sh fails when they are stale.
man: $(BIN)
	sh man/gen.sh ./$(BIN) man
	sh docs/keys.sh ./$(BIN) docs/ui.md > $(BUILD)/ui.md.new && mv $(BUILD)/ui.md.new docs/ui.md

# The Debian package (debian/), built from a copy of this tree in $(BUILD)/deb so that
# dpkg-buildpackage's ../*.deb stays inside the build directory: $(BUILD)/deb/*.deb.
# deb-test also installs it with dpkg -i, checks it and removes it again (root, and it
# changes the machine: a separate target, never part of `make check`; .ci/run runs it).
deb:
	sh tests/deb_test.sh build $(BUILD)/deb
deb-test:
	sh tests/deb_test.sh test $(BUILD)/deb

clean:
	rm -rf build build-san bangfu
