using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Tests.Domain;

public sealed class AppNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("hello")]
    [InlineData("my-app-2")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Validate_ValidName_ReturnsNull(string name) => Assert.Null(AppNames.Validate(name));

    [Theory]
    [InlineData("")]
    [InlineData("Hello")]
    [InlineData("1app")]
    [InlineData("-app")]
    [InlineData("my_app")]
    [InlineData("app.example")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Validate_InvalidName_NamesTheProblem(string name)
    {
        var error = AppNames.Validate(name);
        Assert.NotNull(error);
        Assert.Contains(name.Length == 0 ? "required" : $"'{name}'", error, StringComparison.Ordinal);
    }
}
