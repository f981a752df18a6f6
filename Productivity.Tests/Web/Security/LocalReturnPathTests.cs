using Productivity.Web.Security;

namespace Productivity.Tests.Web.Security;

public sealed class LocalReturnPathTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/employees")]
    [InlineData("/employees/3/days/2025-01-02")]
    [InlineData("/employees?search=ana&page=2")]
    [InlineData("/employees#top")]
    [InlineData("/employees?next=//evil.test")]
    [InlineData("/admin/users?search=100%25")]
    [InlineData("/a%20b")]
    public void IsLocal_PathOnThisSite_IsTrue(string path) => LocalReturnPath.IsLocal(path).ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("employees")]
    [InlineData("./employees")]
    [InlineData("~/employees")]
    [InlineData("//evil.test")]
    [InlineData("///evil.test")]
    [InlineData("//evil.test/employees")]
    [InlineData("/\\evil.test")]
    [InlineData("\\\\evil.test")]
    [InlineData("\\/evil.test")]
    [InlineData("/employees\\..\\x")]
    [InlineData("https://evil.test")]
    [InlineData("HTTPS://evil.test/")]
    [InlineData("http:evil.test")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("%2F%2Fevil.test")]
    [InlineData("%2f%2fevil.test")]
    [InlineData("/%2F%2Fevil.test")]
    [InlineData("/%2fevil.test")]
    [InlineData("/%5Cevil.test")]
    [InlineData("%2Femployees")]
    [InlineData(" /employees")]
    [InlineData("\t//evil.test")]
    [InlineData("/\t/evil.test")]
    [InlineData("/\n/evil.test")]
    [InlineData("/\r\n/evil.test")]
    [InlineData("/%09/evil.test")]
    [InlineData("/employees\0")]
    [InlineData("/employees%00")]
    [InlineData("/employees\u0085")]
    public void IsLocal_AnythingElse_IsFalse(string? path) => LocalReturnPath.IsLocal(path).ShouldBeFalse();
}
