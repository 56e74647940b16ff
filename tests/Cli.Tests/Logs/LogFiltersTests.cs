using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Logs;

namespace MiniPaas.Cli.Tests.Logs;

public sealed class LogFiltersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("30s", 0, 0, 30)]
    [InlineData("5m", 0, 5, 0)]
    [InlineData("2h", 2, 0, 0)]
    [InlineData("1d", 24, 0, 0)]
    public void ParseSince_Age_IsBeforeNow(string text, int hours, int minutes, int seconds)
    {
        Assert.Equal(Now - new TimeSpan(hours, minutes, seconds), LogFilters.ParseSince(text, Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void ParseSince_TimeWithoutOffset_IsLocalTime()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), LogFilters.ParseSince("2026-11-22T10:00:00", Now, zone));
    }

    [Fact]
    public void ParseSince_TimeWithOffset_KeepsIt()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), LogFilters.ParseSince("2026-11-22T10:00:00+01:00", Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Build_SourcesCommaSeparatedAndInstance_FillTheQuery()
    {
        var query = LogFilters.Build("hello", 50, ["app/2,rtr"], null, "GET", Now, TimeZoneInfo.Utc);

        Assert.Equal(["APP", "RTR"], query.SourceTypes);
        Assert.Equal("2", query.SourceInstance);
        Assert.Equal("GET", query.Text);
        Assert.Equal(50, query.Limit);
    }

    [Fact]
    public void Build_TwoInstances_IsRefused()
    {
        var error = Assert.Throws<CliException>(() => LogFilters.Build("hello", 50, ["APP/1", "APP/2"], null, null, Now, TimeZoneInfo.Utc));

        Assert.Equal("--source: \"APP/2\": give one instance, e.g. APP/0", error.Message);
    }
}
