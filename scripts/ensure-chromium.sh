#!/usr/bin/env bash
# Makes sure the Debian Chromium the end-to-end tests drive (test/e2e/browser.ts) is installed.
# Playwright's own browser download is not used: `npx playwright install` cannot work here.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "ok: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "$CHROMIUM is missing: installing the Debian package 'chromium'…"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  if [ ! -x "$CHROMIUM" ]; then
    echo "error: apt-get install chromium finished but $CHROMIUM is still missing" >&2
    exit 1
  fi
  echo "ok: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

cat >&2 <<MSG
missing: $CHROMIUM (Debian package 'chromium'), needed by the end-to-end tests (npm run test:e2e).
Not running as root, so nothing was installed. As root run:
  apt-get update && apt-get install -y chromium
MSG
exit 1
