#!/bin/sh
# regen.sh — write the golden screens of tests/e2e/ui_golden.sh again from the current
# build (after a change of layout or of the demo's places), in both languages: the
# English screens here, the Chinese ones (the zh_CN run) in zh_CN/; review `git diff` after.
cd "$(dirname "$0")/../../.." && UPDATE_GOLDEN=1 TEST_ONLY=ui_golden make checkonly
