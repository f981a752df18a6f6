using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Productivity.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivitiesIndexesForScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_activities_BusinessDay_EmployeeId_Action_ItemsCount_SessionId",
                table: "activities");

            migrationBuilder.DropIndex(
                name: "IX_activities_EmployeeId_WindowStartUtc",
                table: "activities");

            migrationBuilder.CreateIndex(
                name: "IX_activities_BusinessDay_EmployeeId_Action_ItemsCount_SessionId_WindowStartUtc",
                table: "activities",
                columns: new[] { "BusinessDay", "EmployeeId", "Action", "ItemsCount", "SessionId", "WindowStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_activities_EmployeeId_WindowStartUtc_WindowEndUtc",
                table: "activities",
                columns: new[] { "EmployeeId", "WindowStartUtc", "WindowEndUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_activities_BusinessDay_EmployeeId_Action_ItemsCount_SessionId_WindowStartUtc",
                table: "activities");

            migrationBuilder.DropIndex(
                name: "IX_activities_EmployeeId_WindowStartUtc_WindowEndUtc",
                table: "activities");

            migrationBuilder.CreateIndex(
                name: "IX_activities_BusinessDay_EmployeeId_Action_ItemsCount_SessionId",
                table: "activities",
                columns: new[] { "BusinessDay", "EmployeeId", "Action", "ItemsCount", "SessionId" });

            migrationBuilder.CreateIndex(
                name: "IX_activities_EmployeeId_WindowStartUtc",
                table: "activities",
                columns: new[] { "EmployeeId", "WindowStartUtc" });
        }
    }
}
