using System.Globalization;
using System.Text.Json;
using Productivity.Core.Time;

namespace Productivity.Infrastructure.Webhooks;

/// <summary>
/// What a Connecteam time-activity event tells us: who and which day to re-read, never any numbers. The envelope
/// (<c>requestId</c>, <c>eventType</c>, <c>data</c>) must be there; the user and the time are read leniently from the
/// places the payloads are known or likely to carry them, because the documented shapes evolve.
/// </summary>
internal sealed record ConnecteamWebhookEvent(string RequestId, string EventType, long? UserId, DateOnly Day)
{
    /// <summary>How far back an event's day is believed; older ones (or a clock far off) re-read today instead.</summary>
    public const int MaxDaysBack = 90;

    private static readonly string[][] UserPaths = [["userId"], ["timeActivity", "userId"], ["activity", "userId"], ["user", "userId"], ["user", "id"]];
    private static readonly string[][] StartPaths = [["start", "timestamp"], ["timeActivity", "start", "timestamp"], ["activity", "start", "timestamp"], ["startTimestamp"]];

    public static bool TryParse(ReadOnlyMemory<byte> body, SiteClock site, DateTime nowUtc, out ConnecteamWebhookEvent? parsed, out string? problem)
    {
        parsed = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            problem = $"the body is not JSON (line {ex.LineNumber}, byte {ex.BytePositionInLine})";
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the body is not a JSON object";
                return false;
            }
            var requestId = Text(root, "requestId");
            var eventType = Text(root, "eventType");
            if (string.IsNullOrWhiteSpace(requestId) || string.IsNullOrWhiteSpace(eventType)
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                problem = "the envelope needs requestId, eventType and a data object";
                return false;
            }

            var userId = UserPaths.Select(p => Number(Find(data, p))).FirstOrDefault(n => n > 0);
            // The activity's start decides its business day; the event's own time is the fallback (the legacy
            // misspelling evnetTimestamp included).
            var seconds = StartPaths.Select(p => Number(Find(data, p))).FirstOrDefault(n => n > 0)
                ?? Number(Find(root, ["eventTimestamp"])) ?? Number(Find(root, ["evnetTimestamp"]));
            var today = site.BusinessDayOf(nowUtc);
            var day = seconds is { } s && ToUtc(s) is { } at ? site.BusinessDayOf(at) : today;
            if (day < today.AddDays(-MaxDaysBack) || day > today.AddDays(1))
            {
                day = today;
            }
            parsed = new ConnecteamWebhookEvent(requestId.Trim(), eventType.Trim(), userId, day);
            problem = null;
            return true;
        }
    }

    /// <summary>Unix seconds; a value too large for seconds is taken as milliseconds.</summary>
    private static DateTime? ToUtc(long value)
    {
        var seconds = value > 100_000_000_000 ? value / 1000 : value;
        return seconds is > 0 and < 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime : null;
    }

    private static JsonElement? Find(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }
        return element;
    }

    private static long? Number(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var value) => value,
        { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var real) && real is > 0 and < long.MaxValue => (long)real,
        { ValueKind: JsonValueKind.String } t when long.TryParse(t.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
