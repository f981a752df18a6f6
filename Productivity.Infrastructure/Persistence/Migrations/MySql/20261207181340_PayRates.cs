using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Productivity.Infrastructure.Persistence.Migrations.MySql
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
                type: "decimal(9,4)",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "IdleCost",
                table: "daily_scores",
                type: "decimal(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "LabourCost",
                table: "daily_scores",
                type: "decimal(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "PaidMinutes",
                table: "daily_scores",
                type: "double",
                nullable: false,
                defaultValue: 0.0);

            // Stored days had no paid breaks counted: their clocked minutes are their paid minutes until they are rescored
            // (a rate added later rescores the days it affects, so money is always computed from rescored days).
            migrationBuilder.Sql("UPDATE `daily_scores` SET `PaidMinutes` = `ClockedMinutes`;");

            migrationBuilder.CreateTable(
                name: "pay_rates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    EmployeeId = table.Column<int>(type: "int", nullable: true),
                    RoleName = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    HourlyRate = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime(6)", nullable: false)
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
                })
                .Annotation("MySql:CharSet", "utf8mb4");

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
