# Kickoff: onboarding plans and handouts for new accounts.
#   make run     install libcmark-dev if missing, build, and write handouts for every sample account into out/
#   make test    the test suite
#   make golden  refresh the golden sample outputs after an intended change (review with git diff)

SWIFT ?= swift
OUT ?= out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run build test golden deps clean

run: build
	.build/debug/kickoff build plans/ --out $(OUT)

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) test

golden: deps
	KICKOFF_UPDATE_GOLDEN=1 $(SWIFT) test --filter GoldenTests
	git status --short Tests/KickoffKitTests/Golden

# libcmark is the Markdown engine; Debian and Ubuntu ship it as libcmark-dev.
deps:
	@pkg-config --exists libcmark 2>/dev/null || { \
	  echo "Installing libcmark-dev (the CommonMark library Kickoff renders with)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev pkg-config; }

clean:
	rm -rf .build $(OUT)
