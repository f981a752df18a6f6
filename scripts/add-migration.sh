#!/usr/bin/env bash
# Adds a migration with the same name to both provider sets (Sqlite and MySql).
# Usage: scripts/add-migration.sh MigrationName
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
for provider in Sqlite MySql; do
  dotnet ef migrations add "$name" \
    --project Productivity.Infrastructure --startup-project Productivity.Infrastructure \
    --context "${provider}ProductivityDbContext" \
    --output-dir "Persistence/Migrations/$provider"
done
