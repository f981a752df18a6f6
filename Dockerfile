# Productivity web app (Blazor Server).
#
#   docker build -t productivity .
#   docker run -p 8080:8080 -v productivity-data:/app/data -e ... productivity
#
# Configuration comes from environment variables (ASP.NET Core maps "__" to ":"):
#   Database__Provider               Sqlite (default: a file in Data__Folder, one instance only) or MySql
#   ConnectionStrings__Productivity  MySQL/MariaDB connection string (required with MySql)
#   Database__ServerVersion          server version, e.g. 10.11-mariadb or 8.0.36-mysql (required with MySql)
#   ConnectionStrings__Redis         Redis endpoint, optional (cache, SignalR backplane, data-protection keys)
#   Seed__AdminEmail                 first Admin's e-mail, created when no Admin exists (default admin@localhost)
#   Seed__AdminPassword              first Admin's password (when empty, one is generated and printed once)
#   Site__TimeZone                   the site's IANA time zone (default America/Chicago)
#   Connecteam__ApiKey               Connecteam API key (time clock import)
#   ConnectionStrings__PodFactory    PodFactory database connection string (activity import)
#   Data__Folder                     set to /app/data below: mount a volume there for SQLite and, without
#                                    Redis, the data-protection keys
# The image holds no secrets and no certificates: pass secrets at run time and terminate TLS in
# front of the container. The app listens on plain HTTP port 8080.

# --- build ---------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files only, so this layer is reused until a dependency changes.
# The tests, test-support and benchmark projects are not needed to build the app.
COPY Productivity.sln Directory.Build.props Directory.Packages.props global.json .editorconfig ./
COPY Productivity.Core/Productivity.Core.csproj Productivity.Core/
COPY Productivity.Infrastructure/Productivity.Infrastructure.csproj Productivity.Infrastructure/
COPY Productivity.Web/Productivity.Web.csproj Productivity.Web/
RUN dotnet restore Productivity.Web/Productivity.Web.csproj

COPY . .
RUN dotnet publish Productivity.Web/Productivity.Web.csproj -c Release -o /app --no-restore

# --- run -----------------------------------------------------------------------------------------
# The .NET 10 images are Ubuntu 24.04 based; their runtime-deps layer already installs ICU (libicu74)
# and tzdata, which the app needs for culture formatting and IANA zones such as America/Chicago.
# The RUN check below fails the build if a future base image drops either.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    ASPNETCORE_HTTP_PORTS=8080 \
    Data__Folder=/app/data
WORKDIR /app
COPY --from=build /app .
RUN test -f /usr/share/zoneinfo/America/Chicago \
    && ls /usr/lib/*-linux-gnu/libicuuc.so.* >/dev/null \
    && mkdir -p /app/data \
    && chown "$APP_UID:$APP_UID" /app/data
# APP_UID is the non-root "app" user that the base image creates.
USER $APP_UID
EXPOSE 8080
# Liveness through the app's own `health` command (the aspnet image has no curl or wget): a GET of
# http://127.0.0.1:8080/health/live (the first port of ASPNETCORE_HTTP_PORTS) with a 5 s timeout, exit 0 or 1, and no
# host, configuration or database of its own. Liveness only: a database outage shows on /health/ready, and a
# container restarted for it would not bring the database back (README → Docker gives the orchestrator probes).
#   --interval=30s      a hung process is noticed within about 1.5 minutes (3 failed checks), at one short-lived
#                       process every 30 s
#   --timeout=10s       the command's own 5 s HTTP timeout plus starting a `dotnet` process on a busy host
#   --start-period=60s  the first start migrates the database and seeds; failures then do not count
#   --retries=3         one slow answer (a full GC, a burst of work) does not mark the container unhealthy
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "Productivity.Web.dll", "health"]
ENTRYPOINT ["dotnet", "Productivity.Web.dll"]
