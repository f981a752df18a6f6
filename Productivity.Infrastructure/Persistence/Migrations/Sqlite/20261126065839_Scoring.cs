using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Productivity.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Scoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OpenCapped",
                table: "daily_scores",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Sessions",
                table: "daily_scores",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "data_quality",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Issue = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Items = table.Column<int>(type: "INTEGER", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_quality", x => x.Id);
                    table.ForeignKey(
                        name: "FK_data_quality_employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "idle_periods",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ShiftId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GapMinutes = table.Column<double>(type: "REAL", nullable: false),
                    AllowanceMinutes = table.Column<double>(type: "REAL", nullable: false),
                    ExcessMinutes = table.Column<double>(type: "REAL", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    WindowPodFactoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    WindowAction = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    WindowItems = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idle_periods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_idle_periods_employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scoring_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    StartAllowanceMinutes = table.Column<double>(type: "REAL", nullable: false),
                    CleanupAllowanceMinutes = table.Column<double>(type: "REAL", nullable: false),
                    BatchFactor = table.Column<double>(type: "REAL", nullable: false),
                    BatchMinThresholdMinutes = table.Column<double>(type: "REAL", nullable: false),
                    BatchEndMinThresholdMinutes = table.Column<double>(type: "REAL", nullable: false),
                    OpenShiftCapHours = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scoring_settings", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "scoring_settings",
                columns: new[] { "Id", "BatchEndMinThresholdMinutes", "BatchFactor", "BatchMinThresholdMinutes", "CleanupAllowanceMinutes", "OpenShiftCapHours", "StartAllowanceMinutes", "UpdatedUtc" },
                values: new object[] { 1, 5.0, 1.05, 3.0, 15.0, 16.0, 15.0, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) });

            migrationBuilder.CreateIndex(
                name: "IX_data_quality_BusinessDay_Issue",
                table: "data_quality",
                columns: new[] { "BusinessDay", "Issue" });

            migrationBuilder.CreateIndex(
                name: "IX_data_quality_EmployeeId_BusinessDay",
                table: "data_quality",
                columns: new[] { "EmployeeId", "BusinessDay" });

            migrationBuilder.CreateIndex(
                name: "IX_idle_periods_BusinessDay",
                table: "idle_periods",
                column: "BusinessDay");

            migrationBuilder.CreateIndex(
                name: "IX_idle_periods_EmployeeId_BusinessDay",
                table: "idle_periods",
                columns: new[] { "EmployeeId", "BusinessDay" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_quality");

            migrationBuilder.DropTable(
                name: "idle_periods");

            migrationBuilder.DropTable(
                name: "scoring_settings");

            migrationBuilder.DropColumn(
                name: "OpenCapped",
                table: "daily_scores");

            migrationBuilder.DropColumn(
                name: "Sessions",
                table: "daily_scores");
        }
    }
}
