#!/usr/bin/env bash
# Headless Chromium for the browser runtime test, from Debian's packages (never a browser
# download of playwright's own).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  chromium --version
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
chromium --version
