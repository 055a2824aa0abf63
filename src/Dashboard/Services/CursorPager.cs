namespace Dashboard.Services;

/// <summary>
/// Previous/next over opaque continuation tokens: remembers the tokens of the pages already visited so
/// "Previous page" returns exactly the rows seen before (a cursor API only moves forward).
/// </summary>
public sealed class CursorPager
{
    private readonly Stack<string?> _previous = new();

    /// <summary>The token that loads the current page (null for the first page).</summary>
    public string? Current { get; private set; }

    /// <summary>The token of the next page, from the last load; null on the last page.</summary>
    public string? Next { get; private set; }

    /// <summary>1-based number of the current page, counted from where browsing started.</summary>
    public int PageNumber => _previous.Count + 1;

    public bool HasPrevious => _previous.Count > 0 || Current is not null;

    public bool HasNext => Next is not null;

    /// <summary>Starts over at the page <paramref name="token"/> points to (null: the first page).</summary>
    public void Reset(string? token = null)
    {
        _previous.Clear();
        Current = token;
        Next = null;
    }

    /// <summary>Records what the last load returned as its continuation.</summary>
    public void Loaded(string? next) => Next = next;

    public void MoveNext()
    {
        if (Next is null) return;
        _previous.Push(Current);
        Current = Next;
        Next = null;
    }

    /// <summary>
    /// To the page <paramref name="token"/> loads, as the URL says after the back or forward button: back through the
    /// pages seen to it, on to the next page, or else a new start there.
    /// </summary>
    public void MoveTo(string? token)
    {
        if (token == Current) return;
        if (token is not null && token == Next)
        {
            MoveNext();
            return;
        }
        if (!_previous.Contains(token))
        {
            Reset(token);
            return;
        }
        while (Current != token) Current = _previous.Pop();
        Next = null;
    }

    /// <summary>Back one page; from a page opened by link with no history, back to the first page.</summary>
    public void MovePrevious()
    {
        Current = _previous.Count > 0 ? _previous.Pop() : null;
        Next = null;
    }
}
