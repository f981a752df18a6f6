using Microsoft.EntityFrameworkCore;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Tests.TestSupport;

/// <summary>Edits the stored scoring parameters (the seeded <c>scoring_settings</c> row) as an Admin's save would leave them.</summary>
public static class StoredScoringSettings
{
    public static Task<int> SetOpenShiftCapAsync(ProductivityDbContext db, double hours) =>
        db.ScoringSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.OpenShiftCapHours, hours));
}
