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
          poll                  the idle PodFactory poll: the scheduled incremental sync (SyncPipeline, as the job runs it) against
                                100,000 report_actions rows already ingested, nothing new (default 50 polls per case): wall and CPU
                                ms, SQL commands to our database, queries to PodFactory's, server statements; the overlap holding
                                a 500-person floor's last half hour, then one row
          connecteam-day        one Connecteam day for 500 users (two shifts each, some breaks) from a local fake API over HTTP
                                with the real ConnecteamClient, and the whole shift sync of that day (default 10 iterations)
          recompute [--telemetry]
                                ScoreRecalculationService.RecalculateAsync of one business day for 500 employees, with the
                                read, the calculator and the write timed apart (default 10 iterations)
          alerts [--employees 500]
                                AlertEvaluationService: every alert rule (low performance on too) for 500 people clocked in at
                                13:00 site time, their day scored, some idle, unmapped e-mails, a failing sync job, a stale
                                cursor (default 30 runs per case): the minute evaluation with the clock standing and moving a
                                minute per run, and the scoped evaluation a recompute of everyone queues; median and p95
          signin                a refused sign-in for an e-mail without an account against a real account with a wrong
                                password, through the whole site in memory (default 40 of each): median and p95 of both
          api [--processes 5] [--requests 2000]
                                GET /api/v1/scores of a month for 500 employees (500 × 31 stored days, SQLite) walked by
                                cursor through the whole site in memory with a token: cold (a fresh child process's first
                                walk; 5 processes) and warm, per request median/p95, limit 500 and 1,000; then the rate
                                limiter's cost per request (no limiter / in memory / Redis via PRODUCTIVITY_BENCH_REDIS)
          export [--employees 500]
                                the score export of a month (500 employees × 31 days of stored daily scores, SQLite) as CSV
                                and as xlsx, each format in a fresh child process (default 10 exports after a warm-up):
                                median/p95 ms, bytes allocated per export, working set before and peak after, file size
          dashboard [--mysql "server connection string"] [--redis host:port]
                                the dashboard read model of 500 employees, cold and warm (SQLite and the in-memory cache by default)
          costs [--mysql "server connection string"] [--redis host:port] [--employees N]
                                the labour-cost page model of 500 employees over 31 days, cold and warm
          fanout [--connections 2000] [--messages 20] [--redis host:port]
                                the dashboard hub's fan-out to N WebSocket clients of the app run as a separate process
          push [--pages 20] [--updates 30] [--interval-ms 1000] [--employees 300] [--mysql] [--redis host:port] [--telemetry]
                                push latency of the live dashboard: the real app in this process (Kestrel, loopback), N
                                signed-in Manager pages in headless Chromium (one browser, one context); per update a new
                                PodFactory row and the real recompute; from the recompute finishing (publish) to the new KPI
                                "Items" in each page's DOM (MutationObserver, Date.now(), ms); median, p95, max, first/last page
          push --podfactory [--pages 20] [--updates 30] [--interval-ms 7300] [--employees 300] [--mysql] [--redis host:port]
                                the whole way: per update one row INSERTed into a PodFactory MariaDB database (server below),
                                picked up by the app's own scheduled PodFactory sync (jobs on, the default 10 s), stored,
                                rescored and pushed; from the INSERT's commit to the new KPI "Items" in each page's DOM
          alertbell [--samples 30] [--pages 5] [--interval-ms 7300] [--employees 100] [--mysql] [--redis host:port]
                                alert to bell: as push --podfactory, with every rule but "idle now" off and samples + 11
                                people made idle (their alerts open); per sample one row for one of them INSERTed into
                                PodFactory; from the INSERT's commit to each Manager page's bell count (data-open-count)
                                dropping by one (sync, recompute, evaluation after it, the bells' re-query); median, p95
          webhook [--pages 20] [--events 20] [--interval-ms 3000] [--employees 300] [--mysql] [--redis host:port]
                                webhook latency: N dashboards open on a live day; per event one more person clocks in on a
                                local fake Connecteam and a clock_in webhook is POSTed; POST -> the KPI "Clocked in now"
                                changing in each page's DOM; median, p95, max
          --telemetry (push, recompute)
                                the site's tracing and metrics on (TelemetryRegistration), exported over OTLP/HTTP to a local
                                stand-in collector that counts what it receives; without it nothing is configured (the default)
          circuits [--pages 50] [--employees 300] [--mysql] [--redis host:port]
                                server memory per open circuit: managed heap after a full GC with 1 live page and with N,
                                (N − 1) circuits apart, first on the dashboard (the whole circuit), then on /not-found (the
                                layout alone, which every page has); the dashboard beyond the layout is the difference;
                                working set for information

        The ingest, poll, connecteam-day, recompute and alerts modes need a MySQL/MariaDB server whose user may create databases; every
        database they create is named bench_* and dropped at the end:
          {BenchDatabase.ServerVariable}          server connection string without a database, e.g.
                                            "Server=127.0.0.1;Port=3306;User ID=bench;Password=..."
                                            (falls back to {BenchDatabase.FallbackServerVariable}, the tests' server)
          {BenchDatabase.ServerVersionVariable}  Database:ServerVersion for EF (default 10.11-mariadb)
          {CpuSnapshot.ServerPidVariable}     optional: pid of a local server process; its CPU time is then reported
                                            per operation (CPU time does not depend on what else the machine runs)
          {BenchHost.SqlLogVariable}        optional: 1 logs every SQL command EF sends (for profiling)
        push, alertbell and circuits use SQLite in a temp folder unless --mysql (the server above) is given; they drive /usr/bin/chromium
        (or PRODUCTIVITY_TEST_CHROMIUM) through Playwright in a child process. The site's time zone is chosen so that it is
        13:xx there: today's seeded day shift is live. DOTNET_gcServer=1 runs them with the server GC, as the site runs.
        MySqlBulkCopy (the ingest limit) needs local_infile=ON on the server; without it the multi-row INSERT is the limit.
        """;
}
