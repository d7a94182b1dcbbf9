"""Type-strict comparison used by the C# tests' Python side (sys.path gets this folder)."""
import datetime
import struct


def same(a, b, _seen=None):
    """True when a and b are equal with types kept: tuple != list, 1 != True != 1.0, floats by bit pattern
    (nan equals nan, -0.0 differs from 0.0), dicts in the same order, datetimes with fold and tzinfo; cycles allowed."""
    seen = set() if _seen is None else _seen
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return struct.pack('<d', a) == struct.pack('<d', b)
    if isinstance(a, (datetime.datetime, datetime.time)):
        return (a.isoformat(), a.fold, a.tzinfo) == (b.isoformat(), b.fold, b.tzinfo)
    if isinstance(a, (type(None), bool, int, str, bytes, bytearray, datetime.date, datetime.timedelta)):
        return a == b
    if (id(a), id(b)) in seen:
        return True
    seen.add((id(a), id(b)))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y, seen) for x, y in zip(a, b))
    if isinstance(a, dict):
        return len(a) == len(b) and all(same(ka, kb, seen) and same(va, vb, seen)
                                        for (ka, va), (kb, vb) in zip(a.items(), b.items()))
    if isinstance(a, (set, frozenset)):
        return len(a) == len(b) and all(any(same(x, y, seen) for y in b if y == x) for x in a)
    return a == b
