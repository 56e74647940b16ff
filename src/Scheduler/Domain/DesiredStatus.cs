namespace MiniPaas.Scheduler.Domain;

/// <summary>DesiredStatus is what the scheduler wants an instance to be (Nomad's DesiredStatus).</summary>
internal enum DesiredStatus
{
    Run = 0,
    Stop = 1,
}
