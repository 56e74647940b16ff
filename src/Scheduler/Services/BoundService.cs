using System.Text.Json.Nodes;

namespace MiniPaas.Scheduler.Services;

/// <summary>BoundService is one binding of an app with its instance and decrypted credentials, the input of <see cref="ServiceEnvironment"/>.</summary>
internal sealed record BoundService(ServiceInstanceRecord Instance, ServiceBindingRecord Binding, JsonObject Credentials);
