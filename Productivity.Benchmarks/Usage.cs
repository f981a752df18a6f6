namespace Productivity.Benchmarks;

/// <summary>The program's help text.</summary>
public static class Usage
{
    public const string Text = $"""
        Productivity benchmarks. Run in Release:

          dotnet run -c Release --project Productivity.Benchmarks -- <mode> [--iterations N] [--stages]

        Modes:
          calculator [--quick]  the score calculator on a synthetic month of 500 employees (BenchmarkDotNet, or a Stopwatch loop)
          ingest                100,000 PodFactory report_actions rows through the real ActivitySyncService and SyncPipeline
                                from an empty target, against a plain bulk insert of the same rows (default 5 iterations);
                                --stages adds one more ingest timed stage by stage (source read, ReadExisting, upsert, ...)
          connecteam-day        one Connecteam day for 500 users (two shifts each, some breaks) from a local fake API over HTTP
                                with the real ConnecteamClient, and the whole shift sync of that day (default 10 iterations)
          recompute             ScoreRecalculationService.RecalculateAsync of one business day for 500 employees, with the
                                read, the calculator and the write timed apart (default 10 iterations)

        The ingest, connecteam-day and recompute modes need a MySQL/MariaDB server whose user may create databases; every
        database they create is named bench_* and dropped at the end:
          {BenchDatabase.ServerVariable}          server connection string without a database, e.g.
                                            "Server=127.0.0.1;Port=3306;User ID=bench;Password=..."
                                            (falls back to {BenchDatabase.FallbackServerVariable}, the tests' server)
          {BenchDatabase.ServerVersionVariable}  Database:ServerVersion for EF (default 10.11-mariadb)
          {CpuSnapshot.ServerPidVariable}     optional: pid of a local server process; its CPU time is then reported
                                            per operation (CPU time does not depend on what else the machine runs)
          {BenchHost.SqlLogVariable}        optional: 1 logs every SQL command EF sends (for profiling)
        MySqlBulkCopy (the ingest limit) needs local_infile=ON on the server; without it the multi-row INSERT is the limit.
        """;
}
