# tests/fuzz/fuzz.mk — libFuzzer targets for the parsers in core/ (`make fuzz`).
# Run from the repository root:  make -f tests/fuzz/fuzz.mk [FUZZ_SECONDS=20]
#
# Each target is built with clang's -fsanitize=fuzzer,address,undefined into build-fuzz/
# and run for FUZZ_SECONDS. The corpus a run discovers is kept in build-fuzz/corpus/NAME
# (so later runs start from it) and seeded from tests/fuzz/seeds/NAME; a crash stops the
# run and leaves its input as build-fuzz/crash-NAME-*. To replay one:
#   build-fuzz/fuzz_csv build-fuzz/crash-csv-<hash>
# Targets: build-fuzz-all (build only), fuzz-NAME (build and run one).

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 20
FUZZ_DIR     ?= build-fuzz
FUZZ_OPTS    ?=
FUZZ_CFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -I. \
                -Wall -Wextra -Wshadow -Wno-unused-parameter \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
                -fno-omit-frame-pointer
FUZZ_CORE    := $(wildcard core/*.c) $(FUZZ_DIR)/regions_data.c
FUZZ_HDRS    := $(wildcard core/*.h tests/fuzz/*.h)
FUZZ_NAMES   := csv idcard text encoding register record warnings lists mask user

.PHONY: all build-fuzz-all $(FUZZ_NAMES:%=fuzz-%)
all: $(FUZZ_NAMES:%=fuzz-%)
build-fuzz-all: $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_CORE) $(FUZZ_HDRS)
	@mkdir -p $(FUZZ_DIR)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -I$(FUZZ_DIR) -o $@ $< $(FUZZ_CORE)

$(FUZZ_DIR)/regions_data.c: core/data/gen_regions.sh $(wildcard core/data/*.csv)
	@mkdir -p $(FUZZ_DIR)
	sh core/data/gen_regions.sh core/data > $@

# ASAN_OPTIONS: report leaks; libFuzzer's -rss_limit_mb keeps a run bounded in memory.
$(FUZZ_NAMES:%=fuzz-%): fuzz-%: $(FUZZ_DIR)/fuzz_%
	@mkdir -p $(FUZZ_DIR)/corpus/$*
	@echo "fuzz_$*: $(FUZZ_SECONDS)s"
	ASAN_OPTIONS=detect_leaks=1 $(FUZZ_DIR)/fuzz_$* $(FUZZ_DIR)/corpus/$* tests/fuzz/seeds/$* \
	  $(if $(wildcard tests/fuzz/$*.dict),-dict=tests/fuzz/$*.dict) \
	  -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1 \
	  -artifact_prefix=$(FUZZ_DIR)/crash-$*- $(FUZZ_OPTS)
