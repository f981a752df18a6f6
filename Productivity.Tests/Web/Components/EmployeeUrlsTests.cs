using System.Globalization;
using Productivity.Web.Components;

namespace Productivity.Tests.Web.Components;

public sealed class EmployeeUrlsTests
{
    [Fact]
    public void Day_url_is_iso_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("ar-SA"); // non-Gregorian calendar, non-Latin digits
        try
        {
            Assert.Equal("/employees/42/days/2026-03-07", EmployeeUrls.Day(42, new DateOnly(2026, 3, 7)));
            Assert.Equal("/employees/42", EmployeeUrls.Employee(42));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
