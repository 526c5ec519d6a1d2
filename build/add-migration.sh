#!/usr/bin/env bash
# Adds one EF Core migration for every database provider of a module.
#   build/add-migration.sh <Module> <MigrationName>
# Module is Organization, TeamCodex, Skills, Learning, Notifications, or Identity (the Host's accounts).
# No database server is needed: each provider's design-time factory builds the model offline.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ]; then
  echo "usage: build/add-migration.sh <Module> <MigrationName>" >&2
  exit 2
fi
module="$1"
name="$2"

if [ "$module" = "Identity" ]; then
  project="src/Host"
  folder="Identity/Migrations"
else
  project="src/Modules/$module/Codex.Modules.$module"
  folder="Persistence/Migrations"
fi
[ -d "$project" ] || { echo "No module project at $project" >&2; exit 2; }

dotnet tool restore >/dev/null
dotnet build src/Host -v q -nologo >/dev/null
for provider in Sqlite PostgreSql SqlServer; do
  echo "== $module: $name for $provider"
  dotnet tool run dotnet-ef migrations add "$name" \
    --no-build \
    --project "$project" \
    --startup-project src/Host \
    --context "${module}${provider}DbContext" \
    --output-dir "$folder/$provider" \
    | grep -v "warning NU1603" || true
done
