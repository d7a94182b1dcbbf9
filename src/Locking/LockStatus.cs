namespace SlurmSearch.Locking;

/// <summary>One lock as listed: its name, file, whether it is held now, and the last holder recorded in its file.</summary>
/// <param name="Name">The lock name (the file name without <c>.lock</c>).</param>
/// <param name="Path">The lock file.</param>
/// <param name="State">Whether it is held right now.</param>
/// <param name="LastHolder">The last record written into the file; null when the file is empty (as the Python tool leaves it) or unreadable.</param>
public sealed record LockStatus(string Name, string Path, LockState State, LockHolder? LastHolder);
