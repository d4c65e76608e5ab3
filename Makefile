# The two set-up commands: `make demo` and `make test`. Both install what is missing, then build.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)

.PHONY: all deps configure build demo test test-asan fuzz bench clean

all: build

deps:
	@bash scripts/deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release > /dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# The demo needs the CLI alone, not the tests and benchmarks.
demo: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target seatsync_cli
	./$(BUILD_DIR)/seatsync demo

# The whole suite on the release build, then again under ASan + UBSan (docs/reliability.md).
test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory test-asan

# clang-14, ASan + UBSan over the library, the CLI and the tests, in build-asan (the asan-fuzz
# preset). The area tests, less the load tests (label `stress`: a sanitizer build measures nothing
# about capacity) and the slow ones of tests/sanitizer/skip.txt, plus each fuzzer for a short
# bounded time (label `fuzz`). The CLI's end-to-end tests run in the release pass only.
test-asan: deps
	@cmake --preset asan-fuzz > /dev/null
	@cmake --build build-asan -j $(JOBS)
	cd build-asan && SEATSYNC_INVARIANT_SCALE=0.1 UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizer/lsan.supp \
	  ctest --output-on-failure -j $(JOBS) -LE stress -E '$(ASAN_SKIP)'

# tests/sanitizer/skip.txt without its comments, as one ctest -E regular expression.
ASAN_SKIP = $(shell sed -e 's/\#.*//' -e '/^ *$$/d' -e 's/ *$$//' tests/sanitizer/skip.txt | paste -sd'|')

# Every fuzzer for FUZZ_SECONDS each (default 300), one per core at a time, with a table of executions and findings.
fuzz: deps
	@bash scripts/fuzz.sh

bench: build
	@for b in $(BUILD_DIR)/bench/bench_*; do echo "== $$b"; $$b; done

clean:
	rm -rf $(BUILD_DIR) build-asan
