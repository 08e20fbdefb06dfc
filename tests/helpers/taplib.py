"""A minimal TAP producer for the Python tests (meson protocol: 'tap')."""
import sys

_n = 0
_failed = 0


def ok(cond, name, detail=None):
    global _n, _failed
    _n += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (_n, name))
    if not cond:
        _failed += 1
        if detail is not None:
            for line in str(detail).splitlines()[:40]:
                print("#   " + line)
    sys.stdout.flush()
    return cond


def eq(got, want, name):
    return ok(got == want, name, f"got:  {got!r}\nwant: {want!r}")


def done():
    print("1..%d" % _n)
    return 1 if _failed else 0
