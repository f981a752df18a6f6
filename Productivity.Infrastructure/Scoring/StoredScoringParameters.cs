using Microsoft.EntityFrameworkCore;
using Productivity.Core.Scoring;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// The spec's parameters as stored in <c>scoring_settings</c> (one row, seeded from <see cref="ScoringParameters.Default"/> and
/// edited on Admin → Roles). Every reader takes them from here once per call, so an edited value applies everywhere.
/// </summary>
public static class StoredScoringParameters
{
    public static async Task<ScoringParameters> LoadAsync(ProductivityDbContext db, CancellationToken cancellationToken) =>
        (await db.ScoringSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.ToParameters() ?? ScoringParameters.Default;

    /// <summary>
    /// The calculator with the stored roles and parameters: the recompute's, and the sync's when it asks which days a
    /// changed window belongs to (the same attribution, so the two never disagree).
    /// </summary>
    public static async Task<ScoreCalculator> CalculatorAsync(ProductivityDbContext db, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var roles = await db.ActionRoles.AsNoTracking().ToListAsync(cancellationToken);
        return new ScoreCalculator(new RoleTable(roles.Select(r => r.ToDefinition())), await LoadAsync(db, cancellationToken), zone);
    }

    /// <summary>How long an open shift counts before it is capped; reads one column of the row.</summary>
    public static async Task<TimeSpan> OpenShiftCapAsync(ProductivityDbContext db, CancellationToken cancellationToken) =>
        TimeSpan.FromHours(await db.ScoringSettings.AsNoTracking().Select(s => (double?)s.OpenShiftCapHours).SingleOrDefaultAsync(cancellationToken)
            ?? ScoringParameters.Default.OpenShiftCapHours);
}
