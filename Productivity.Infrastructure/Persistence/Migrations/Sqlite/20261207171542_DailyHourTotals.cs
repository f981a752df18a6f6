using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Productivity.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DailyHourTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "daily_hour_totals",
                columns: table => new
                {
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Hour = table.Column<int>(type: "INTEGER", nullable: false),
                    Items = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_daily_hour_totals", x => new { x.BusinessDay, x.Hour, x.EmployeeId });
                    table.ForeignKey(
                        name: "FK_daily_hour_totals_employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_daily_hour_totals_EmployeeId",
                table: "daily_hour_totals",
                column: "EmployeeId");

            // An hour of the day needs the site's time zone, which SQL does not know: the windows forget their stored
            // attribution, so the start-up backfill (AttributionBackfill) rescores their days once and writes them all.
            migrationBuilder.Sql("UPDATE \"activities\" SET \"BusinessDay\" = NULL, \"SessionId\" = NULL WHERE \"EmployeeId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_hour_totals");
        }
    }
}
