"""Writes the golden pickles the C# tests read. Run from this folder: python3 make_golden.py

rich_p{0..5}.pickle   one rich built-in value (the C# expectation is PickleSamples.Rich) at every protocol
numpy_p{2,4}.pickle   numpy-style scalars of every decoded kind (stand-in numpy from foreign.py)
foreign_p{2,4}.pickle user objects of every construction kind (REDUCE, NEWOBJ, NEWOBJ_EX, BUILD, list/dict items)
Sets hold small ints only, so their iteration order (and the bytes) do not depend on hash randomisation.
"""
import datetime
import pickle

import foreign


def rich():
    shared = [1, 2, 3]
    recursive = ['head']
    recursive.append(recursive)
    return {
        'ints': [0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**63, -2**63 - 1, 2**100, -2**100],
        'floats': [0.0, -0.0, 1.5, -2.25e-300, 1e308, float('inf'), float('-inf'), float('nan')],
        'text': ['', 'a', 'ascii', '\xe9', '\u0109', '\u65e5\u672c\u8a9e', '\U0001F600 astral', 'lone \udc80 surrogate',
                 'quote\'s "and" \\ back\nslash'],
        'bytes': b'\x00\x01\xffraw',
        'empty_bytes': b'',
        'bytearray': bytearray(b'mutable\x00'),
        'set': {1, 2, 3},
        'frozenset': frozenset({4, 5}),
        'empty_set': set(),
        'tuple': (1, 'two', (3.0, None)),
        'empty_tuple': (),
        'bools': [True, False, None],
        1: 'int key',
        (1, 'a'): 'tuple key',
        None: 'None key',
        'datetime': datetime.datetime(2020, 1, 2, 3, 4, 5, 678901),
        'date': datetime.date(1999, 12, 31),
        'time': datetime.time(23, 59, 58, 999999),
        'timedelta': datetime.timedelta(days=-1, seconds=5, microseconds=7),
        'shared': [shared, shared],
        'recursive': recursive,
        'nested': {'a': {'b': {'c': [{'d': ()}]}}},
    }


def numpy_scalars():
    S = foreign.Scalar
    return [S('f8', 0.1171875), S('f4', 0.5), S('f2', -2.0), S('f8', 1.5, '>'), S('i8', -7), S('i4', 123456), S('i2', -300),
            S('i1', -5), S('u8', 2**64 - 1), S('u4', 4000000000), S('u2', 65535), S('u1', 200), S('b1', True), S('i8', 42, '>')]


def foreign_objects():
    u = foreign
    items = u.Items([1, 2, 3])
    items.tag = 'listy'
    return [u.Plain(a=1, b=[2]), u.Reduced('x', (1, 2)), u.KeywordNew(3, y=4), u.Slotted(7, d='dict part'), items,
            u.Mapping(k='v', n=2), u.Outer.Inner(), u.function, datetime.datetime(2020, 5, 6, 7, 8, 9, 10, tzinfo=datetime.timezone.utc)]


if __name__ == '__main__':
    for protocol in range(6):
        with open(f'rich_p{protocol}.pickle', 'wb') as f:
            pickle.dump(rich(), f, protocol=protocol)
    for protocol in (2, 4):
        with open(f'numpy_p{protocol}.pickle', 'wb') as f:
            pickle.dump(numpy_scalars(), f, protocol=protocol)
        with open(f'foreign_p{protocol}.pickle', 'wb') as f:
            pickle.dump(foreign_objects(), f, protocol=protocol)
