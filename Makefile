# The two set-up commands: `make demo` and `make test`. Both install what is missing, then build.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)

.PHONY: all deps configure build demo test bench clean

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

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@for b in $(BUILD_DIR)/bench/bench_*; do echo "== $$b"; $$b; done

clean:
	rm -rf $(BUILD_DIR)
