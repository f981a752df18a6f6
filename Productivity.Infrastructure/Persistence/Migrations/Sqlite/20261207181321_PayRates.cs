using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Productivity.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PayRates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "HourlyRate",
                table: "daily_scores",
                type: "TEXT",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "IdleCost",
                table: "daily_scores",
                type: "TEXT",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "LabourCost",
                table: "daily_scores",
                type: "TEXT",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "PaidMinutes",
                table: "daily_scores",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            // Stored days had no paid breaks counted: their clocked minutes are their paid minutes until they are rescored
            // (a rate added later rescores the days it affects, so money is always computed from rescored days).
            migrationBuilder.Sql("UPDATE \"daily_scores\" SET \"PaidMinutes\" = \"ClockedMinutes\";");

            migrationBuilder.CreateTable(
                name: "pay_rates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: true),
                    RoleName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HourlyRate = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pay_rates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pay_rates_employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pay_rates_EmployeeId_EffectiveFrom",
                table: "pay_rates",
                columns: new[] { "EmployeeId", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pay_rates_RoleName_EffectiveFrom",
                table: "pay_rates",
                columns: new[] { "RoleName", "EffectiveFrom" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pay_rates");

            migrationBuilder.DropColumn(
                name: "HourlyRate",
                table: "daily_scores");

            migrationBuilder.DropColumn(
                name: "IdleCost",
                table: "daily_scores");

            migrationBuilder.DropColumn(
                name: "LabourCost",
                table: "daily_scores");

            migrationBuilder.DropColumn(
                name: "PaidMinutes",
                table: "daily_scores");
        }
    }
}
