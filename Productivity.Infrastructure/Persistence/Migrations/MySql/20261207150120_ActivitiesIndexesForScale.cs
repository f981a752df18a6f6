using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Productivity.Infrastructure.Persistence.Migrations.MySql
{
    /// <inheritdoc />
    public partial class ActivitiesIndexesForScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Created before the old ones are dropped: the foreign key on EmployeeId needs an index that starts with it.
            migrationBuilder.CreateIndex(
                name: "IX_activities_BusinessDay_EmployeeId_Action_ItemsCount_SessionI~",
                table: "activities",
                columns: new[] { "BusinessDay", "EmployeeId", "Action", "ItemsCount", "SessionId", "WindowStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_activities_EmployeeId_WindowStartUtc_WindowEndUtc",
                table: "activities",
                columns: new[] { "EmployeeId", "WindowStartUtc", "WindowEndUtc" });

            migrationBuilder.DropIndex(
                name: "IX_activities_BusinessDay_EmployeeId_Action_ItemsCount_SessionId",
                table: "activities");

            migrationBuilder.DropIndex(
                name: "IX_activities_EmployeeId_WindowStartUtc",
                table: "activities");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_activities_BusinessDay_EmployeeId_Action_ItemsCount_SessionId",
                table: "activities",
                columns: new[] { "BusinessDay", "EmployeeId", "Action", "ItemsCount", "SessionId" });

            migrationBuilder.CreateIndex(
                name: "IX_activities_EmployeeId_WindowStartUtc",
                table: "activities",
                columns: new[] { "EmployeeId", "WindowStartUtc" });

            migrationBuilder.DropIndex(
                name: "IX_activities_BusinessDay_EmployeeId_Action_ItemsCount_SessionI~",
                table: "activities");

            migrationBuilder.DropIndex(
                name: "IX_activities_EmployeeId_WindowStartUtc_WindowEndUtc",
                table: "activities");
        }
    }
}
