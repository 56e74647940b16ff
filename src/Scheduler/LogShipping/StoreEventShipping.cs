using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.LogShipping;

/// <summary>Connects the store's committed events to the aggregator, at the one place every platform event passes.</summary>
internal static class StoreEventShipping
{
    /// <summary>Makes <paramref name="store"/> hand every committed event to <paramref name="shipping"/>; returns the store.</summary>
    public static SchedulerStore ShippingEventsTo(this SchedulerStore store, PlatformLogShipping shipping)
    {
        store.EventsCommitted = shipping.OnEventsCommitted;
        return store;
    }
}
