using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Productivity.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ManualBreaks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "manual_breaks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClockId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnecteamBreakId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BreakTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IsPaid = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BusinessDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_manual_breaks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_manual_breaks_employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_manual_breaks_ClockId_ConnecteamBreakId",
                table: "manual_breaks",
                columns: new[] { "ClockId", "ConnecteamBreakId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_manual_breaks_EmployeeId_BusinessDay",
                table: "manual_breaks",
                columns: new[] { "EmployeeId", "BusinessDay" });

            // Breaks stored under a shift become breaks of the shift's employee and clock, on the shift's day.
            migrationBuilder.Sql(@"INSERT OR IGNORE INTO manual_breaks (EmployeeId, ClockId, ConnecteamBreakId, IsPaid, StartUtc, EndUtc, BusinessDay, UpdatedUtc)
                SELECT s.EmployeeId, s.ClockId, b.ConnecteamBreakId, 0, b.StartUtc, b.EndUtc, s.BusinessDay, s.UpdatedUtc
                FROM shift_breaks b JOIN shifts s ON s.Id = b.ShiftId");

            migrationBuilder.DropTable(
                name: "shift_breaks");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "manual_breaks");

            migrationBuilder.CreateTable(
                name: "shift_breaks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConnecteamBreakId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ShiftId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shift_breaks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_shift_breaks_shifts_ShiftId",
                        column: x => x.ShiftId,
                        principalTable: "shifts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_shift_breaks_ShiftId_ConnecteamBreakId",
                table: "shift_breaks",
                columns: new[] { "ShiftId", "ConnecteamBreakId" },
                unique: true);
        }
    }
}
