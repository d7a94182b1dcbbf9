namespace SlurmSearch.Sessions.Tests.Slurm;

/// <summary>A Python worker for signal tests: argv[1] = directory, argv[2] = exit code after the first USR1 or TERM.</summary>
internal static class SignalWorker
{
    public const string Source = """
        import pathlib, signal, sys, time
        d = pathlib.Path(sys.argv[1])
        def handler(signum, frame):
            name = signal.Signals(signum).name[3:]
            # Write-then-rename: the test may read the file the moment it appears.
            (d / "signal.tmp").write_text("got " + name)
            (d / "signal.tmp").rename(d / "signal")
            sys.exit(int(sys.argv[2]))
        signal.signal(signal.SIGUSR1, handler)
        signal.signal(signal.SIGTERM, handler)
        (d / "started").write_text("yes")
        for _ in range(6000):
            time.sleep(0.05)
        sys.exit(99)
        """;
}
