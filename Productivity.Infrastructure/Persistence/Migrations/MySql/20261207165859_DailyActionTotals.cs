using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Productivity.Infrastructure.Persistence.Migrations.MySql
{
    /// <inheritdoc />
    public partial class DailyActionTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "daily_action_totals",
                columns: table => new
                {
                    EmployeeId = table.Column<int>(type: "int", nullable: false),
                    BusinessDay = table.Column<DateOnly>(type: "date", nullable: false),
                    Action = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Items = table.Column<int>(type: "int", nullable: false),
                    Windows = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_daily_action_totals", x => new { x.BusinessDay, x.EmployeeId, x.Action });
                    table.ForeignKey(
                        name: "FK_daily_action_totals_employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "IX_daily_action_totals_EmployeeId",
                table: "daily_action_totals",
                column: "EmployeeId");

            // What the recompute has already attributed; windows without a stored day are rescored at start-up
            // (AttributionBackfill), which writes their days' totals.
            migrationBuilder.Sql("INSERT INTO `daily_action_totals` (`BusinessDay`, `EmployeeId`, `Action`, `Items`, `Windows`) SELECT `BusinessDay`, `EmployeeId`, `Action`, SUM(`ItemsCount`), COUNT(*) FROM `activities` WHERE `EmployeeId` IS NOT NULL AND `BusinessDay` IS NOT NULL GROUP BY `BusinessDay`, `EmployeeId`, `Action`");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_action_totals");
        }
    }
}
