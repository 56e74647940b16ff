using MiniPaas.Scheduler.Dashboard;

namespace MiniPaas.Dashboard.Tests.Auth;

public sealed class DashboardLoginTokensTests
{
    [Fact]
    public void TryRedeem_IssuedToken_WorksOnce()
    {
        var tokens = new DashboardLoginTokens(new ManualClock());
        var (token, _) = tokens.Issue();

        Assert.True(tokens.TryRedeem(token));
        Assert.False(tokens.TryRedeem(token));
    }

    [Fact]
    public void TryRedeem_AfterFiveMinutes_IsRefused()
    {
        var clock = new ManualClock();
        var tokens = new DashboardLoginTokens(clock);
        var (token, expiresAt) = tokens.Issue();

        clock.Advance(DashboardLoginTokens.Lifetime);

        Assert.Equal(clock.GetUtcNow(), expiresAt);
        Assert.False(tokens.TryRedeem(token));
    }

    [Fact]
    public void TryRedeem_UnknownToken_IsRefused()
    {
        var tokens = new DashboardLoginTokens(new ManualClock());
        tokens.Issue();

        Assert.False(tokens.TryRedeem("0123456789abcdef"));
        Assert.False(tokens.TryRedeem(""));
    }

    [Fact]
    public void IsValid_SessionUnusedForItsLifetime_Expires()
    {
        var clock = new ManualClock();
        var sessions = new DashboardSessions(clock);
        var session = sessions.Create();

        Assert.True(sessions.IsValid(session));
        clock.Advance(DashboardSessions.IdleLifetime);
        Assert.False(sessions.IsValid(session));
    }
}
