import fcntl, functools, operator, os, pickle  # read_state(home, "slurm:name"): an ssearch state in plain Python (stdlib only)
def read_state(home, key):
    folder = os.path.join(home, *key.split(":", 1))
    with open(os.path.join(home, "locks", key + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the writers' lock, taken before opening anything: no half-done compaction
        with open(os.path.join(folder, "session_state.pickle"), "rb") as f:
            state = pickle.load(f)
            try: trailer, journal = pickle.load(f), open(os.path.join(folder, "session_state.journal"), "rb")
            except (EOFError, FileNotFoundError): return state  # a file of the original tool, or no journal yet
        with journal:
            if pickle.load(journal)[2] != trailer[2]: return state  # a stale journal: already in the snapshot
            if len(trailer) > 3: journal.seek(trailer[3])  # the records before this offset are in the snapshot
            while True:
                try: ops = pickle.load(journal)[1]  # ("tx", [(op, path, value?), ...]), one per transaction
                except (EOFError, pickle.UnpicklingError): return state  # the end, or a torn last record
                for op, path, *value in ops:
                    if op == "replace": state = value[0]; continue
                    target = functools.reduce(operator.getitem, path[:-1], state)
                    if op == "set": target[path[-1]] = value[0]
                    elif op == "append": target[path[-1]].append(value[0])
                    else: del target[path[-1]]
