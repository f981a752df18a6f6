namespace Productivity.Benchmarks;

/// <summary>
/// PodFactory's <c>report_actions</c> table filled with a floor's windows: ids in created_at order, a few e-mails in
/// another letter case (PodFactory logins are typed by hand).
/// </summary>
public static class FloorReportActions
{
    public static async Task CreateAsync(MySqlTestDatabase database, SyntheticFloor floor, IReadOnlyList<FloorWindow> windows)
    {
        await database.ExecuteAsync(ReportActionsTable.CreateTable);
        await ReportActionsTable.InsertAsync(database.ConnectionString, windows.Select((w, index) =>
        {
            var id = index + 1L;
            var employee = floor.Employees[w.Employee];
            var email = id % 50 == 0 ? employee.Email.ToUpperInvariant() : employee.Email;
            return new ReportAction(id, email, employee.Name, employee.Role, w.ActionName, w.Items, w.StartUtc, w.EndUtc, w.CreatedUtc);
        }));
    }
}
