using Productivity.Core.Alerts;
using Productivity.Infrastructure.Reports;

namespace Productivity.Infrastructure.Alerts;

/// <summary>One opened alert as an e-mail tells it: the alert and, for a person's alert, the person's name.</summary>
public sealed record AlertMailItem(Alert Alert, string? EmployeeName);

/// <summary>
/// What one recipient is told about the alerts one evaluation opened: one alert, or a digest of several
/// (<see cref="IsDigest"/>). <paramref name="BaseUrl"/> is <c>Email:BaseUrl</c> without its trailing slash, or null.
/// </summary>
public sealed record AlertMail(IReadOnlyList<AlertMailItem> Alerts, bool IsDigest, string? BaseUrl);

/// <summary>
/// Words alert e-mails. Implemented in Productivity.Web (Core and Infrastructure hold no user-facing text), like
/// <see cref="ISummaryMailComposer"/>.
/// </summary>
public interface IAlertMailComposer
{
    Task<ComposedMail> ComposeAsync(AlertMail mail, CancellationToken cancellationToken = default);
}
