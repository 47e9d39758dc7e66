#!/usr/bin/env bash
# Installs what the comfy-double tests need beyond cargo: python3 with the
# two modules capture.py imports (aiohttp, Pillow). Idempotent.
set -euo pipefail
if ! command -v python3 >/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3 python3-pip >/dev/null
fi
if ! python3 -c 'import aiohttp, PIL' 2>/dev/null; then
  python3 -m pip install --quiet aiohttp Pillow 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages aiohttp Pillow
fi
python3 -c 'import aiohttp, PIL'
