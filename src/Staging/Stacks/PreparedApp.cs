namespace MiniPaas.Staging.Stacks;

/// <summary>
/// What a stack made of the app: the directory whose contents go under <c>/app</c>, the start
/// command it would use, and files that must be executable whatever mode they were uploaded with.
/// </summary>
internal sealed record PreparedApp(string AppDirectory, string? DefaultCommand, IReadOnlySet<string> ForceExecutable);
