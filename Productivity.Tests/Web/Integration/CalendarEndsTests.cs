using System.Net;
using Productivity.Core.Security;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Tests.Web.Integration;

/// <summary>
/// Days at the ends of the calendar in URLs (issue 11): their UTC range, or the days a page reads around them, cannot be
/// represented, so they are days that do not exist rather than a server error.
/// </summary>
public sealed class CalendarEndsTests(AuthorizationMatrixTests.SignedInClients clients) : IClassFixture<AuthorizationMatrixTests.SignedInClients>
{
    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("0001-01-02")]
    [InlineData("0001-12-31")]
    [InlineData("9999-01-01")]
    [InlineData("9999-12-30")]
    [InlineData("9999-12-31")]
    public async Task EmployeeDay_DayAtTheEndsOfTheCalendar_NotFound(string day)
    {
        var response = await clients.For(Roles.Lead).GetAsync(clients.Url($"/employees/{{employee}}/days/{day}"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Not found");
    }

    [Theory]
    [InlineData("0002-01-01")]
    [InlineData("9998-12-31")]
    [InlineData("2025-12-09")]
    [InlineData("2025-12-11")]
    public async Task EmployeeDay_FirstAndLastSupportedDaysAndOrdinaryDays_Open(string day)
    {
        var response = await clients.For(Roles.Lead).GetAsync(clients.Url($"/employees/{{employee}}/days/{day}"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Matrix Employee");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task Dashboard_CustomRangeAtTheEndsOfTheCalendar_FallsBackToToday(string day)
    {
        var response = await clients.For(Roles.Manager).GetAsync($"/?range=custom&from={day}&to={day}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("could not be loaded");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task Export_DayAtTheEndsOfTheCalendar_IsAnEmptyCsv(string day)
    {
        // The export reads stored days only (no UTC range), so these days need no guard: checked, not changed.
        var response = await clients.For(Roles.Manager).GetAsync($"/exports/scores.csv?from={day}&to={day}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Trim().ShouldBe(ScoreExport.Header);
    }
}
