using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Productivity.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WindowAttribution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "BusinessDay",
                table: "activities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SessionId",
                table: "activities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_activities_BusinessDay_EmployeeId_Action_ItemsCount_SessionId",
                table: "activities",
                columns: new[] { "BusinessDay", "EmployeeId", "Action", "ItemsCount", "SessionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_activities_BusinessDay_EmployeeId_Action_ItemsCount_SessionId",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "BusinessDay",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "activities");
        }
    }
}
