"""Prints the rename table embedded in src/Store/Pickle/CompatNames.cs (CPython's _compat_pickle data).

Run with the Python whose behaviour the reader follows (3.11) and paste the output between the Table quotes.
"""
import _compat_pickle as c

for old, new in c.IMPORT_MAPPING.items():
    print('import', old, new)
for (module, name), (new_module, new_name) in c.NAME_MAPPING.items():
    print('name', module, name, new_module, new_name)
for new, old in c.REVERSE_IMPORT_MAPPING.items():
    print('rimport', new, old)
for (module, name), (old_module, old_name) in c.REVERSE_NAME_MAPPING.items():
    print('rname', module, name, old_module, old_name)
