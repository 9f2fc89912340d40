# make install PREFIX=/opt/fota-report
#
# Builds fota-report in release mode with the Swift standard library and Foundation linked
# statically (the cron host needs no Swift toolchain, only the Debian libraries it links:
# libxml2, libxlsxwriter, libsqlite3), and installs
#   $(PREFIX)/bin/fota-report                  the binary
#   $(PREFIX)/bin/fota-report.commit           the git commit it was built from (for --version)
#   $(PREFIX)/share/fota-report/Templates/     found by the binary without --templates
#   $(PREFIX)/share/fota-report/deploy/        example systemd units and a logrotate file
PREFIX ?= /opt/fota-report
DESTDIR ?=
SWIFT ?= swift
BUILD_FLAGS = -c release --product fota-report --static-swift-stdlib

.PHONY: build install uninstall

build:
	$(SWIFT) build $(BUILD_FLAGS)

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/fota-report/Templates" \
	  "$(DESTDIR)$(PREFIX)/share/fota-report/deploy"
	install -s -m 755 "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/fota-report" "$(DESTDIR)$(PREFIX)/bin/fota-report"
	git rev-parse HEAD > "$(DESTDIR)$(PREFIX)/bin/fota-report.commit" 2>/dev/null || rm -f "$(DESTDIR)$(PREFIX)/bin/fota-report.commit"
	install -m 644 Templates/* "$(DESTDIR)$(PREFIX)/share/fota-report/Templates/"
	install -m 644 deploy/* "$(DESTDIR)$(PREFIX)/share/fota-report/deploy/"

uninstall:
	rm -rf "$(DESTDIR)$(PREFIX)/bin/fota-report" "$(DESTDIR)$(PREFIX)/bin/fota-report.commit" \
	  "$(DESTDIR)$(PREFIX)/share/fota-report"
