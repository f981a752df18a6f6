using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>
/// With MySQL every node keeps its schedule in the QRTZ_* tables (created by the MySQL migration
/// <c>QuartzJobStore</c>) and joins one cluster: each firing runs on exactly one node, and a node that dies has its
/// firings recovered by the others. SQLite runs one node with the in-memory store.
/// </summary>
internal static class ClusteredJobStore
{
    public static void Configure(IQuartzBuilder quartz, string connectionString)
    {
        // A starting node must not replace the stored triggers (see StoredScheduleReconciler, which applies changes).
        quartz.Services.Configure<QuartzOptions>(options =>
        {
            options.Scheduling.OverwriteExistingData = false;
            options.Scheduling.IgnoreDuplicates = true;
        });
        quartz.UsePersistentStore(store =>
        {
            store.UseClustering();
            store.UseMySqlConnector(MySqlConnectorFactory.Instance, connectionString);
            store.UseSystemTextJsonSerializer();
        });
    }
}
