# The two commands of the README: `make serve` and `make test`. Each installs what is missing
# (pinned versions, nothing downloaded by Trunk itself) and is quick when everything is there.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

TRUNK_VERSION := 0.21.14
# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock; .ci/check-versions enforces it.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
# Tools live outside the work tree, keyed by version, so a fresh clone (CI) reuses them.
TOOLS ?= $(HOME)/.cache/pismo/tools
# The splitter that cuts the wasm into per-section pieces (.ci/wasm-pieces.mjs). It follows
# wasm-bindgen's and the runtime's (wasm_split_helpers in Cargo.lock) internals: moved only
# together with them and a full `make test`; .ci/check-versions holds the three together.
WASM_SPLIT_VERSION := 0.2.4
TRUNK_ROOT := $(TOOLS)/trunk-$(TRUNK_VERSION)
WASM_SPLIT_ROOT := $(TOOLS)/wasm-split-$(WASM_SPLIT_VERSION)
WASM_BINDGEN_ROOT := $(TOOLS)/wasm-bindgen-$(WASM_BINDGEN_VERSION)
export PATH := $(TRUNK_ROOT)/bin:$(WASM_BINDGEN_ROOT)/bin:$(WASM_SPLIT_ROOT)/bin:$(CURDIR)/.ci/tools/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: serve test build setup tools browser npm check-versions lint test-native test-wasm test-e2e bench bench-dedup bench-couch screenshots clean

serve: build
	echo "Pismo is served at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

test: setup lint test-native test-wasm test-e2e

setup: tools browser npm check-versions

tools:
	rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	if ! [ -x "$(TRUNK_ROOT)/bin/trunk" ]; then
	  echo "Installing trunk $(TRUNK_VERSION) from crates.io (about 6 minutes, once)"
	  cargo install trunk --version $(TRUNK_VERSION) --locked --root "$(TRUNK_ROOT)"
	fi
	if ! [ -x "$(WASM_BINDGEN_ROOT)/bin/wasm-bindgen" ]; then
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) from crates.io (a few minutes, once)"
	  # Not --locked: its lock names a crate version the registry index lacks (see TOOLCHAIN notes).
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --root "$(WASM_BINDGEN_ROOT)"
	fi
	if ! [ -x "$(WASM_SPLIT_ROOT)/bin/wasm-split-cli" ]; then
	  echo "Installing wasm-split-cli $(WASM_SPLIT_VERSION) from crates.io (a few minutes, once)"
	  cargo install wasm_split_cli_support --version $(WASM_SPLIT_VERSION) --locked --features build-binary --root "$(WASM_SPLIT_ROOT)"
	fi

browser:
	# procps: pkill, with which an end-to-end test kills the browser in the middle of an import.
	if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ] || ! command -v pkill >/dev/null; then
	  echo "Installing Debian's chromium, chromium-driver and procps"
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq
	  DEBIAN_FRONTEND=noninteractive $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq chromium chromium-driver procps
	fi

npm:
	# tests/couch: pouchdb-server, the CouchDB the sync tests use (its optional native LevelDB is
	# not needed: it runs in memory).
	for dir in .ci/tools tests/e2e tests/couch; do
	  if ! [ -d $$dir/node_modules ] || [ $$dir/package-lock.json -nt $$dir/node_modules/.package-lock.json ]; then
	    npm ci --prefix $$dir --no-audit --no-fund --loglevel=error --omit=optional
	  fi
	done

check-versions:
	.ci/check-versions

# Serving needs no browser: only the build tools.
build: tools npm check-versions
	cargo fetch --locked
	trunk build --release

lint:
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --lib --bin pismo --tests -- -D warnings
	# The build's own flavour: each section's pages behind a split point (src/app/pieces.rs).
	cargo clippy --locked --target wasm32-unknown-unknown --lib --bin pismo --features split -- -D warnings

test-native:
	cargo test --locked --workspace

# Chromium under chromedriver leaves a ~150 MB profile in TMPDIR on every run; keep it in target/.
test-wasm:
	mkdir -p target/chrome-tmp
	TMPDIR="$(CURDIR)/target/chrome-tmp" cargo test --locked --target wasm32-unknown-unknown --test storage
	rm -rf target/chrome-tmp

test-e2e: build
	node --test tests/e2e/

# Benchmarks print figures against the budgets of DESIGN.md and the recorded baseline; they are
# not tests and fail only if something breaks. Figures go to docs/BENCHMARKS.md by hand.
bench: setup build
	cargo bench --locked --bench native
	node tests/bench/first-load.mjs
	# The domain at the app's own opt-level (.ci/wasm-pieces.mjs), not the native one.
	WASM_BINDGEN_TEST_TIMEOUT=900 cargo test --locked --release --config 'profile.release.package.pismo-domain.opt-level="s"' --target wasm32-unknown-unknown --test browser_bench -- --nocapture 2>&1 | grep -E '^BENCH|panicked'

# Pismo's duplicate search beside the Python recordlinkage toolkit on the same test bases (the
# toolkit is installed from PyPI into a venv under ~/.cache/pismo, pinned in tests/bench/requirements.txt).
# CouchDB sync against pouchdb-server: seeding, first sync both ways, one edit's way across.
bench-couch: setup build
	cargo build --locked --release --bin pismo-cli
	node tests/bench/couch.mjs

bench-dedup:
	python3 tests/bench/compare-dedup.py

screenshots: build
	node tests/e2e/screenshots.mjs

clean:
	cargo clean
	rm -rf dist
