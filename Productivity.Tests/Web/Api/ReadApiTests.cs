using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Api;
using Productivity.Core.Security;
using Productivity.Infrastructure.Api;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Api;

/// <summary>The read API through the whole site: what a token reads, how it pages, and when it stops working.</summary>
public sealed class ReadApiTests(ApiSite site) : IClassFixture<ApiSite>
{
    private const string Range = "from=2025-12-01&to=2025-12-05";

    [Fact]
    public async Task Scores_WalkedPageByPage_EqualTheCsvExportOfTheRange()
    {
        var rows = await WalkAsync(site.WithToken(Roles.Manager, ApiScopes.ReadScores), $"/api/v1/scores?{Range}&limit=37");
        var csv = await site.Cookie(Roles.Manager).GetStringAsync($"/exports/scores.csv?{Range}");

        AssertEqualToCsv(rows, csv, ScoreExport.Header);
    }

    [Fact]
    public async Task Costs_WalkedPageByPage_EqualTheCostExportOfTheRange()
    {
        var rows = await WalkAsync(site.WithToken(Roles.Admin, ApiScopes.ReadCosts), $"/api/v1/costs?{Range}&limit=50");
        var csv = await site.Cookie(Roles.Admin).GetStringAsync($"/exports/costs.csv?{Range}");

        AssertEqualToCsv(rows, csv, CostExport.Header);
        rows.ShouldContain(r => r.GetProperty("hourly_rate").ValueKind == JsonValueKind.Null);
        rows.ShouldContain(r => r.GetProperty("labour_cost").ValueKind == JsonValueKind.Number);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public async Task Scores_Paging_VisitsEveryRowExactlyOnceInKeyOrder(int limit)
    {
        var pages = 0;
        var rows = await WalkAsync(site.WithToken(Roles.Admin, ApiScopes.ReadScores), $"/api/v1/scores?{Range}&limit={limit}", () => pages++);

        var keys = rows.Select(r => (r.GetProperty("date").GetString()!, r.GetProperty("employee_id").GetInt32())).ToList();
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().DailyScores
            .Where(s => s.BusinessDay >= ApiSite.First && s.BusinessDay <= ApiSite.Last)
            .Select(s => new { s.BusinessDay, s.EmployeeId }).ToListAsync();
        keys.Count.ShouldBe(stored.Count);
        keys.Distinct().Count().ShouldBe(keys.Count);
        keys.ShouldBe(stored.Select(s => (s.BusinessDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.EmployeeId))
            .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.EmployeeId).ToList());
        pages.ShouldBe((stored.Count + limit - 1) / limit);
    }

    [Fact]
    public async Task Employees_PagedByCursor_ListEveryEmployeeOnce()
    {
        var rows = await WalkAsync(site.WithToken(Roles.Lead, ApiScopes.ReadScores), "/api/v1/employees?limit=9");

        rows.Select(r => r.GetProperty("employee_id").GetInt32()).ShouldBe(site.EmployeeIds.Order());
        var first = rows[0];
        first.GetProperty("employee_name").GetString().ShouldBe("Z. Person 00");
        first.GetProperty("connecteam_user_id").ValueKind.ShouldBe(JsonValueKind.Null);
        first.GetProperty("archived").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task EmployeeDay_KnownDay_HasTheScoreRowOfTheExport_AndUnknownIsA404Problem()
    {
        var client = site.WithToken(Roles.Lead, ApiScopes.ReadScores);
        var id = site.EmployeeIds[1];

        var day = await client.GetAsync($"/api/v1/employees/{id}/days/2025-12-02");
        var missing = await client.GetAsync("/api/v1/employees/999999/days/2025-12-02");
        var badDay = await client.GetAsync($"/api/v1/employees/{id}/days/2025-02-30");

        day.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await day.Content.ReadAsStringAsync());
        var score = json.RootElement.GetProperty("score");
        score.GetProperty("employee_id").GetInt32().ShouldBe(id);
        score.GetProperty("date").GetString().ShouldBe("2025-12-02");
        json.RootElement.GetProperty("stored").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("idle_periods").ValueKind.ShouldBe(JsonValueKind.Array);
        await ShouldBeProblemAsync(missing, HttpStatusCode.NotFound, "no score");
        await ShouldBeProblemAsync(badDay, HttpStatusCode.BadRequest, "YYYY-MM-DD");
    }

    [Theory]
    [InlineData("not-base64!", "not valid")]
    [InlineData("djF8c2NvcmVzfDIwMjUtMTItMDF8MjAyNS0xMi0wNXx4fDE", "not valid")]
    public async Task Scores_BadCursor_IsA400ProblemSayingSo(string cursor, string expected)
    {
        var response = await site.WithToken(Roles.Admin, ApiScopes.ReadScores).GetAsync($"/api/v1/scores?{Range}&cursor={cursor}");

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, expected);
    }

    [Fact]
    public async Task Scores_CursorOfAnotherRangeOrList_IsA400Problem()
    {
        var client = site.WithToken(Roles.Admin, ApiScopes.ReadScores | ApiScopes.ReadCosts);
        using var first = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/scores?{Range}&limit=5"));
        var cursor = first.RootElement.GetProperty("next_cursor").GetString()!;

        await ShouldBeProblemAsync(await client.GetAsync($"/api/v1/scores?from=2025-12-01&to=2025-12-04&cursor={cursor}"),
            HttpStatusCode.BadRequest, "belongs to the range 2025-12-01..2025-12-05");
    }

    [Theory]
    [InlineData("/api/v1/scores", "'from' and 'to' are required")]
    [InlineData("/api/v1/scores?from=2025-12-05&to=2025-12-01", "'from' must not be after 'to'")]
    [InlineData("/api/v1/scores?from=2025-01-01&to=2025-12-31", "at most 93 days")]
    [InlineData("/api/v1/scores?from=12/01/2025&to=2025-12-05", "YYYY-MM-DD")]
    [InlineData("/api/v1/scores?from=2025-12-01&to=2025-12-05&limit=0", "'limit' must be a whole number from 1 to 1000")]
    [InlineData("/api/v1/scores?from=2025-12-01&to=2025-12-05&limit=abc", "'limit'")]
    [InlineData("/api/v1/costs?from=2025-12-05&to=2025-12-01", "'from' must not be after 'to'")]
    public async Task BadRangeOrLimit_IsA400Problem(string url, string expected)
    {
        var response = await site.WithToken(Roles.Admin, ApiScopes.ReadScores | ApiScopes.ReadCosts).GetAsync(url);

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, expected);
    }

    [Fact]
    public async Task ReadScoresToken_OnCosts_Is403Problem()
    {
        var response = await site.WithToken(Roles.Admin, ApiScopes.ReadScores).GetAsync($"/api/v1/costs?{Range}");

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, "scopes");
    }

    [Fact]
    public async Task RevokedToken_Is401AtTheNextCall()
    {
        var token = await site.CreateTokenAsync(site.UserIds[Roles.Manager], ApiScopes.ReadScores);
        var client = site.WithToken(token);
        (await client.GetAsync($"/api/v1/scores?{Range}&limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await TestPrincipals.AdminAsync(site.Factory.Services);
        var service = site.Factory.Services.GetRequiredService<ApiTokenService>();
        var id = (await service.ListAsync(admin)).Single(t => t.Prefix == token[..ApiTokenSecret.PrefixLength]).Id;
        await service.RevokeAsync(admin, id);

        var response = await client.GetAsync($"/api/v1/scores?{Range}&limit=1");
        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "not valid");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer error=\"invalid_token\"");
    }

    [Fact]
    public async Task ExpiredToken_Is401()
    {
        var token = await site.CreateTokenAsync(site.UserIds[Roles.Manager], ApiScopes.ReadScores);
        var client = site.WithToken(token);
        (await client.GetAsync($"/api/v1/scores?{Range}&limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var hash = ApiTokenSecret.Hash(token);
            await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().ApiTokens.Where(t => t.TokenHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresUtc, DateTime.UtcNow.AddSeconds(-1)));
        }

        await ShouldBeProblemAsync(await client.GetAsync($"/api/v1/scores?{Range}&limit=1"), HttpStatusCode.Unauthorized, "expired");
    }

    [Fact]
    public async Task DisabledUsersToken_Is401AtTheNextCall_AndARemovedRoleIs403()
    {
        var user = await site.Factory.CreateUserAsync("api-disable@example.test", ApiSite.Password, Roles.Manager);
        var other = await site.Factory.CreateUserAsync("api-demote@example.test", ApiSite.Password, Roles.Manager);
        var disabled = site.WithToken(await site.CreateTokenAsync(user.Id, ApiScopes.ReadScores));
        var demoted = site.WithToken(await site.CreateTokenAsync(other.Id, ApiScopes.ReadScores));
        (await disabled.GetAsync($"/api/v1/scores?{Range}&limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await demoted.GetAsync($"/api/v1/scores?{Range}&limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await TestPrincipals.AdminAsync(site.Factory.Services);
        var users = site.Factory.Services.GetRequiredService<IUserAdministration>();
        await users.SetDisabledAsync(admin, user.Id, true);
        await users.SetRolesAsync(admin, other.Id, [Roles.Lead]);

        await ShouldBeProblemAsync(await disabled.GetAsync($"/api/v1/scores?{Range}&limit=1"), HttpStatusCode.Unauthorized, "disabled");
        await ShouldBeProblemAsync(await demoted.GetAsync($"/api/v1/scores?{Range}&limit=1"), HttpStatusCode.Forbidden, "Admin, Manager");
        // A Lead may still list employees: the token acts with the roles the user holds now.
        (await demoted.GetAsync("/api/v1/employees?limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignInCookie_DoesNotAuthorizeTheApi()
    {
        var response = await site.Cookie(Roles.Admin).GetAsync($"/api/v1/scores?{Range}");

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "Sign-in cookies are not accepted");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task UnknownApiPath_IsA404Problem()
    {
        var response = await site.WithToken(Roles.Admin, ApiScopes.ReadScores).GetAsync("/api/v1/nothing-here");

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound, "no such API endpoint");
    }

    [Fact]
    public async Task LastUsed_IsRecordedOncePerMinuteNotPerRequest()
    {
        var token = await site.CreateTokenAsync(site.UserIds[Roles.Admin], ApiScopes.ReadScores);
        var client = site.WithToken(token);
        (await client.GetAsync("/api/v1/employees?limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var first = await LastUsedAsync(token);
        first.ShouldNotBeNull();

        (await client.GetAsync("/api/v1/employees?limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await LastUsedAsync(token)).ShouldBe(first);
    }

    [Fact]
    public async Task Sqlite_StoresOnlyTheHashOfTheToken()
    {
        var token = site.Token(Roles.Admin, ApiScopes.ReadScores);
        var secretPart = token[4..];
        var prefix = token[..8];
        var hash = ApiTokenSecret.Hash(token);
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().ApiTokens.AsNoTracking().ToListAsync();

        rows.ShouldNotContain(t => t.TokenHash.Contains(secretPart, StringComparison.Ordinal) || t.Name.Contains(secretPart, StringComparison.Ordinal));
        rows.ShouldContain(t => t.TokenHash == hash && t.Prefix == prefix);
    }

    [Fact]
    public async Task TokenAdministration_IsForAdminsOnly_RefusesBadInput_AndAuditsCreateAndRevoke()
    {
        var service = site.Factory.Services.GetRequiredService<ApiTokenService>();
        var admin = await TestPrincipals.AdminAsync(site.Factory.Services);
        var manager = TestPrincipals.WithRoles("manager-api@example.test", site.UserIds[Roles.Manager], Roles.Manager);
        var userId = site.UserIds[Roles.Lead];

        await Should.ThrowAsync<AccessDeniedException>(() => service.ListAsync(manager));
        await Should.ThrowAsync<AccessDeniedException>(() => service.CreateAsync(manager, userId, "mine", ApiScopes.ReadScores, 30));
        (await Should.ThrowAsync<AdminActionRefusedException>(() => service.CreateAsync(admin, userId, "  ", ApiScopes.ReadScores, 30)))
            .Reason.ShouldBe(AdminRefusal.InvalidTokenName);
        (await Should.ThrowAsync<AdminActionRefusedException>(() => service.CreateAsync(admin, userId, "x", ApiScopes.None, 30)))
            .Reason.ShouldBe(AdminRefusal.TokenScopesRequired);
        (await Should.ThrowAsync<AdminActionRefusedException>(() => service.CreateAsync(admin, userId, "x", ApiScopes.ReadScores, 367)))
            .Reason.ShouldBe(AdminRefusal.TokenExpiryOutOfRange);
        (await Should.ThrowAsync<AdminActionRefusedException>(() => service.CreateAsync(admin, "no-such-user", "x", ApiScopes.ReadScores, 1)))
            .Reason.ShouldBe(AdminRefusal.UserNotFound);

        var created = await service.CreateAsync(admin, userId, "Audited token", ApiScopes.ReadScores | ApiScopes.ReadCosts, 7);
        await Should.ThrowAsync<AccessDeniedException>(() => service.RevokeAsync(manager, created.Token.Id));
        await service.RevokeAsync(admin, created.Token.Id);

        await using var scope = site.Factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Kind == Productivity.Core.Auditing.AuditKinds.ApiToken && a.TargetId == created.Token.Id.ToString(CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).ToListAsync();
        entries.Select(a => a.Action).ShouldBe(["Create", "Revoke"]);
        entries[0].NewValue!.ShouldStartWith("read:scores read:costs; expires ");
        entries.ShouldAllBe(a => a.ActorName == TestHost.AdminEmail);
        var secretPart = created.Secret[4..];
        entries.ShouldNotContain(a => (a.NewValue ?? "").Contains(secretPart) || (a.TargetName ?? "").Contains(secretPart));
        var listed = (await service.ListAsync(admin)).Single(t => t.Id == created.Token.Id);
        listed.IsRevoked.ShouldBeTrue();
        listed.ExpiresUtc.ShouldBe(listed.CreatedUtc.AddDays(7));
    }

    private async Task<DateTime?> LastUsedAsync(string token)
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var hash = ApiTokenSecret.Hash(token);
        return await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash).Select(t => t.LastUsedUtc).SingleAsync();
    }

    /// <summary>Follows next_cursor from <paramref name="url"/> to the last page; returns every row.</summary>
    internal static async Task<List<JsonElement>> WalkAsync(HttpClient client, string url, Action? onPage = null)
    {
        var rows = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var response = await client.GetAsync(cursor is null ? url : $"{url}&cursor={Uri.EscapeDataString(cursor)}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            rows.AddRange(json.GetProperty("items").EnumerateArray());
            cursor = json.GetProperty("next_cursor").GetString();
            onPage?.Invoke();
        }
        while (cursor is not null);
        return rows;
    }

    internal static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("status").GetInt32().ShouldBe((int)status);
        json.RootElement.GetProperty("detail").GetString()!.ShouldContain(detail);
    }

    /// <summary>
    /// The JSON rows against the CSV's lines, field by field under the CSV's own header names: the same set of rows,
    /// equal text, equal numbers (decimal-exact), null for an empty cell.
    /// </summary>
    private static void AssertEqualToCsv(List<JsonElement> rows, string csv, string header)
    {
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(header);
        var names = header.Split(',');
        var expected = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => (c[0], c[1]));
        rows.Count.ShouldBe(expected.Count);
        rows.Count.ShouldBeGreaterThan(100);
        foreach (var row in rows)
        {
            row.EnumerateObject().Select(p => p.Name).ShouldBe(names);
            var cells = expected[(row.GetProperty("date").GetString()!, row.GetProperty("employee_id").GetRawText())];
            for (var i = 0; i < names.Length; i++)
            {
                var value = row.GetProperty(names[i]);
                var cell = cells[i];
                switch (value.ValueKind)
                {
                    case JsonValueKind.Null:
                        cell.ShouldBe("", names[i]);
                        break;
                    case JsonValueKind.Number:
                        decimal.Parse(cell, CultureInfo.InvariantCulture).ShouldBe(value.GetDecimal(), names[i]);
                        break;
                    default:
                        cell.ShouldBe(value.GetString(), names[i]);
                        break;
                }
            }
        }
    }
}
