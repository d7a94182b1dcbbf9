using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SlurmSearch.Sessions.Config;

/// <summary>Remembers where parsing got to and which flow collections (<c>[…]</c>, <c>{…}</c>) are still open, so that a parser failure without a position can still be located.</summary>
internal sealed class TrackingParser : IParser
{
    private readonly IParser _inner;
    private readonly Stack<(Mark Start, char Opener)> _open = new();

    public TrackingParser(IParser inner) => _inner = inner;

    public ParsingEvent? Current => _inner.Current;

    /// <summary>Where the last parsed event ended.</summary>
    public Mark LastEnd { get; private set; } = Mark.Empty;

    /// <summary>The innermost flow collection not closed yet, if any.</summary>
    public (Mark Start, char Opener)? InnermostOpenFlow =>
        _open.Cast<(Mark Start, char Opener)?>().FirstOrDefault(o => o!.Value.Opener != ' ');

    public bool MoveNext()
    {
        var moved = _inner.MoveNext();
        switch (_inner.Current)
        {
            case SequenceStart s:
                _open.Push((s.Start, s.Style == SequenceStyle.Flow ? '[' : ' '));
                break;
            case MappingStart m:
                _open.Push((m.Start, m.Style == MappingStyle.Flow ? '{' : ' '));
                break;
            case SequenceEnd or MappingEnd when _open.Count > 0:
                _open.Pop();
                break;
        }

        if (_inner.Current is { } current)
        {
            LastEnd = current.End;
        }

        return moved;
    }
}
