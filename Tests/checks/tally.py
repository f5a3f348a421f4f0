"""How every check script counts and reports: `check` records one expectation (and prints it when it fails),
`finish` prints the closing "N passed, N failed" line and exits 1 on any failure."""
import sys

passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}" + (f": {detail}" if detail else ""))
    return ok


def finish(name):
    print(f"{name}: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
