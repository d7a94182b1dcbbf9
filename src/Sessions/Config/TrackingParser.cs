using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SlurmSearch.Sessions.Config;

/// <summary>Remembers where the last parsed event ended, so that a parser failure without a position can still be located.</summary>
internal sealed class TrackingParser : IParser
{
    private readonly IParser _inner;

    public TrackingParser(IParser inner) => _inner = inner;

    public Mark LastEnd { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        var moved = _inner.MoveNext();
        if (_inner.Current is { } current)
        {
            LastEnd = current.End;
        }

        return moved;
    }
}
