using System.Text.Json;

namespace Productivity.Infrastructure.Integrations.Connecteam;

/// <summary>
/// The human message of a Connecteam error body: FastAPI's <c>{"detail":[{loc,msg}]}</c> or <c>{"detail":"…"}</c>,
/// or <c>{error, details:{error_message}}</c>; otherwise the start of a plain-text body.
/// </summary>
internal static class ConnecteamErrorMessage
{
    private const int MaxLength = 300;

    public static string? From(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return Shorten(FromJson(document.RootElement));
        }
        catch (JsonException)
        {
            var text = body.Trim();
            return text.StartsWith('<') ? null : Shorten(text.ReplaceLineEndings(" "));
        }
    }

    private static string? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("detail", out var detail))
        {
            if (detail.ValueKind == JsonValueKind.String)
            {
                return detail.GetString();
            }
            if (detail.ValueKind == JsonValueKind.Array)
            {
                var messages = detail.EnumerateArray().Select(ValidationItem).OfType<string>().ToList();
                return messages.Count > 0 ? string.Join("; ", messages) : null;
            }
        }

        if (root.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
            && String(details, "error_message") is { } errorMessage)
        {
            return String(root, "error") is { } error ? $"{error}: {errorMessage}" : errorMessage;
        }

        return String(root, "message") ?? String(root, "error");
    }

    private static string? ValidationItem(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || String(item, "msg") is not { } message)
        {
            return null;
        }
        if (item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array)
        {
            var where = string.Join('.', loc.EnumerateArray().Select(part => part.ToString()));
            return where.Length > 0 ? $"{message} ({where})" : message;
        }
        return message;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Shorten(string? text) =>
        text is null || text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
}
