using MiniPaas.Scheduler.Hosting;

namespace MiniPaas.Scheduler.Reconciliation;

/// <summary>
/// RestartBackoff is the delay before restarting a crashed instance: none for the first
/// <see cref="SchedulerOptions.ImmediateRestarts"/> crashes in a row, then
/// <see cref="SchedulerOptions.RestartBackoffInitial"/> doubling up to <see cref="SchedulerOptions.RestartBackoffMax"/>.
/// </summary>
internal static class RestartBackoff
{
    public static TimeSpan Delay(int crashCount, SchedulerOptions options)
    {
        var delayed = crashCount - options.ImmediateRestarts;
        if (delayed <= 0)
        {
            return TimeSpan.Zero;
        }

        // Past 2^20 the cap has long been reached; stop doubling before the ticks overflow.
        var factor = Math.Pow(2, Math.Min(delayed - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.RestartBackoffInitial.Ticks * factor, options.RestartBackoffMax.Ticks));
        return delay;
    }
}
