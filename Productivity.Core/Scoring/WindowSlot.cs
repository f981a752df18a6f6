namespace Productivity.Core.Scoring;

/// <summary>
/// A clocked window reduced to what the cursor loop needs, clipped to its session. Ordered by session, clipped start,
/// clipped end and row id (the spec's order), then role and items so that equal keys cannot depend on input order.
/// </summary>
internal readonly struct WindowSlot(int session, long start, long end, long id, int role, int items, int index)
    : IComparable<WindowSlot>
{
    public readonly int Session = session;
    public readonly long Start = start;
    public readonly long End = end;
    public readonly long Id = id;
    public readonly int Role = role;
    public readonly int Items = items;
    public readonly int Index = index;

    public int CompareTo(WindowSlot other)
    {
        if (Session != other.Session)
        {
            return Session < other.Session ? -1 : 1;
        }
        if (Start != other.Start)
        {
            return Start < other.Start ? -1 : 1;
        }
        if (End != other.End)
        {
            return End < other.End ? -1 : 1;
        }
        if (Id != other.Id)
        {
            return Id < other.Id ? -1 : 1;
        }
        if (Role != other.Role)
        {
            return Role < other.Role ? -1 : 1;
        }
        return Items.CompareTo(other.Items);
    }
}
