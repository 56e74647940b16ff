using Microsoft.Extensions.Options;

namespace MiniPaas.Rpc;

internal sealed class RpcServerOptionsValidator : IValidateOptions<RpcServerOptions>
{
    public ValidateOptionsResult Validate(string? name, RpcServerOptions options)
    {
        var failures = new List<string>();
        if (options.MaxReceiveMessageSize <= 0)
        {
            failures.Add($"{nameof(RpcServerOptions)}.{nameof(RpcServerOptions.MaxReceiveMessageSize)} must be positive (was {options.MaxReceiveMessageSize}).");
        }

        if (options.MaxSendMessageSize <= 0)
        {
            failures.Add($"{nameof(RpcServerOptions)}.{nameof(RpcServerOptions.MaxSendMessageSize)} must be positive (was {options.MaxSendMessageSize}).");
        }

        if (options.AnonymousMethods is null)
        {
            failures.Add($"{nameof(RpcServerOptions)}.{nameof(RpcServerOptions.AnonymousMethods)} must not be null (use an empty set).");
        }
        else
        {
            foreach (var method in options.AnonymousMethods)
            {
                if (string.IsNullOrEmpty(method) || method[0] != '/' || method.IndexOf('/', 1) < 0)
                {
                    failures.Add($"{nameof(RpcServerOptions)}.{nameof(RpcServerOptions.AnonymousMethods)} entry '{method}' is not a full method name like '/package.Service/Method'.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
