"""Stand-ins for modules the test machine lacks (numpy, user code), used to generate and to check pickles.

Imported by make_golden.py and by the tests' Python snippets (sys.path gets this folder). The numpy stand-in
reproduces exactly what numpy 1.24 writes for a scalar: numpy.core.multiarray.scalar(numpy.dtype(code, False, True)
+ BUILD (3, order, None, None, None, -1, -1, 0), raw bytes).
"""
import struct
import sys
import types


def _module(name):
    module = types.ModuleType(name)
    sys.modules[name] = module
    parent, _, child = name.rpartition('.')
    if parent:
        setattr(sys.modules[parent], child, module)
    return module


numpy = _module('numpy')
_core = _module('numpy.core')
multiarray = _module('numpy.core.multiarray')


class dtype:
    def __init__(self, code, align=False, copy=True):
        self.code, self.order = code, '|' if code[1:] == '1' else '<'

    def __reduce__(self):
        return (dtype, (self.code, False, True), (3, self.order, None, None, None, -1, -1, 0))

    def __setstate__(self, state):
        self.order = state[1]


dtype.__module__ = 'numpy'
numpy.dtype = dtype


class Scalar:
    """A numpy scalar: pickles as scalar(dtype, raw) like numpy does; compares by its number."""

    def __init__(self, code, number, order='<'):
        self.dtype, self.number = dtype(code), number
        if code[1:] != '1':
            self.dtype.order = order

    def raw(self):
        kind, size = self.dtype.code[0], int(self.dtype.code[1:])
        fmt = {('f', 2): 'e', ('f', 4): 'f', ('f', 8): 'd', ('i', 1): 'b', ('i', 2): 'h', ('i', 4): 'i', ('i', 8): 'q',
               ('u', 1): 'B', ('u', 2): 'H', ('u', 4): 'I', ('u', 8): 'Q', ('b', 1): '?'}[(kind, size)]
        return struct.pack(('>' if self.dtype.order == '>' else '<') + fmt, self.number)

    def __reduce__(self):
        return (scalar, (self.dtype, self.raw()))


def scalar(dt, raw):
    return ('scalar', dt.code, dt.order, raw)


scalar.__module__ = 'numpy.core.multiarray'
multiarray.scalar = scalar

user = _module('user_mod')


class Plain:
    """An ordinary user object: NEWOBJ + BUILD of its __dict__."""

    def __init__(self, **attrs):
        self.__dict__.update(attrs)

    def __eq__(self, other):
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __repr__(self):
        return f'Plain({self.__dict__!r})'


class Reduced:
    """A REDUCE with arguments and no state."""

    def __init__(self, a, b):
        self.a, self.b = a, b

    def __reduce__(self):
        return (Reduced, (self.a, self.b))

    def __eq__(self, other):
        return type(self) is type(other) and (self.a, self.b) == (other.a, other.b)


class KeywordNew:
    """NEWOBJ_EX: __getnewargs_ex__ with keyword arguments."""

    def __new__(cls, x=0, *, y=0):
        self = object.__new__(cls)
        self.x, self.y = x, y
        return self

    def __getnewargs_ex__(self):
        return ((self.x,), {'y': self.y})

    def __getstate__(self):
        return None

    def __eq__(self, other):
        return type(self) is type(other) and (self.x, self.y) == (other.x, other.y)


class Slotted:
    """State as (dict, slots)."""
    __slots__ = ('s', '__dict__')

    def __init__(self, s, **attrs):
        self.s = s
        self.__dict__.update(attrs)

    def __eq__(self, other):
        return type(self) is type(other) and self.s == other.s and self.__dict__ == other.__dict__


class Items(list):
    """A list subclass: NEWOBJ, APPENDS, BUILD."""

    def __eq__(self, other):
        return type(self) is type(other) and list(self) == list(other) and self.__dict__ == other.__dict__


class Mapping(dict):
    """A dict subclass: NEWOBJ, SETITEMS."""

    def __eq__(self, other):
        return type(self) is type(other) and dict(self) == dict(other)


class Outer:
    class Inner:
        """A nested class: qualname Outer.Inner (getattr chain before protocol 4)."""

        def __eq__(self, other):
            return type(self) is type(other)


def function():
    """A plain function reference."""


for _obj in (Plain, Reduced, KeywordNew, Slotted, Items, Mapping, Outer, Outer.Inner, function):
    _obj.__module__ = 'user_mod'
    setattr(user, _obj.__name__, _obj)
