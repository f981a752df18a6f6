using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Productivity.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlertsModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_rules",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Threshold = table.Column<double>(type: "REAL", nullable: false),
                    SecondThreshold = table.Column<double>(type: "REAL", nullable: true),
                    NotifyRoles = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    QuietFrom = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    QuietUntil = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_rules", x => x.Kind);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    OpenKey = table.Column<string>(type: "TEXT", maxLength: 360, nullable: true),
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: true),
                    BusinessDay = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Measure = table.Column<double>(type: "REAL", nullable: false),
                    Limit = table.Column<double>(type: "REAL", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SinceUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OpenedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastHeldUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AcknowledgedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alerts_employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "alert_rules",
                columns: new[] { "Kind", "IsEnabled", "NotifyRoles", "QuietFrom", "QuietUntil", "SecondThreshold", "Threshold", "UpdatedUtc" },
                values: new object[,]
                {
                    { "ForgottenClockOut", true, "Admin,Manager,Lead", null, null, null, 12.0, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { "IdleNow", true, "Admin,Manager,Lead", null, null, 30.0, 3.0, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { "LowPerformance", false, "Admin,Manager,Lead", null, null, 60.0, 70.0, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { "StaleFeed", true, "Admin", null, null, 5.0, 30.0, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { "SyncFailing", true, "Admin", null, null, null, 3.0, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { "UnclockedProduction", true, "Admin,Manager", null, null, null, 0.0, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { "UnmappedEmail", true, "Admin", null, null, null, 0.0, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) }
                });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_ClosedUtc_Kind",
                table: "alerts",
                columns: new[] { "ClosedUtc", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_EmployeeId_OpenedUtc",
                table: "alerts",
                columns: new[] { "EmployeeId", "OpenedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_OpenedUtc",
                table: "alerts",
                column: "OpenedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_OpenKey",
                table: "alerts",
                column: "OpenKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_rules");

            migrationBuilder.DropTable(
                name: "alerts");
        }
    }
}
