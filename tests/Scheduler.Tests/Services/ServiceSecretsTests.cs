using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using MiniPaas.Scheduler.Services;
using MiniPaas.Scheduler.Store;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Services;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ServiceSecretsTests
{
    [Fact]
    public void Open_FirstTime_CreatesKeyReadableByOwnerOnly()
    {
        using var data = new TempDirectory();
        ServiceSecrets.Open(data.Path);

        var mode = File.GetUnixFileMode(Path.Combine(data.Path, ServiceSecrets.KeyFileName));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public void Decrypt_SameKeyReopened_ReturnsPlaintext_OtherPurposeFails()
    {
        using var data = new TempDirectory();
        var sealedBox = ServiceSecrets.Open(data.Path).Encrypt("hunter2", "broker:minipaas");

        var reopened = ServiceSecrets.Open(data.Path);
        Assert.Equal("hunter2", reopened.Decrypt(sealedBox, "broker:minipaas"));
        Assert.ThrowsAny<CryptographicException>(() => reopened.Decrypt(sealedBox, "broker:other"));
    }

    [Fact]
    public void Store_BrokerPasswordAndCredentials_DatabaseFilesHoldNoPlaintext()
    {
        using var data = new TempDirectory();
        const string password = "broker-password-in-clear-7f3a";
        const string credentials = "{\"password\":\"binding-password-in-clear-91bd\"}";
        var secrets = ServiceSecrets.Open(data.Path);
        var store = SchedulerStore.Open(data.Path);
        store.Write(tx =>
        {
            tx.UpsertServiceBroker(new ServiceBrokerRecord { Name = "minipaas", Url = "http://127.0.0.1:7090", Username = "platform", EncryptedPassword = secrets.Encrypt(password, "broker:minipaas") });
            tx.UpsertServiceInstance(new ServiceInstanceRecord
            {
                Name = "db", InstanceId = "i-1", Broker = "minipaas", ServiceName = "postgresql", ServiceId = "s", PlanName = "small", PlanId = "p",
                LastOperation = ServiceOperations.CreateSucceeded,
            });
            tx.InsertBinding(new ServiceBindingRecord { BindingId = "b-1", InstanceName = "db", App = "notes", EncryptedCredentials = secrets.Encrypt(credentials, "binding:b-1") });
        });

        var stored = store.Read(tx => (tx.GetServiceBroker("minipaas")!, tx.GetBinding("db", "notes")!));
        Assert.Equal(password, secrets.Decrypt(stored.Item1.EncryptedPassword, "broker:minipaas"));
        Assert.Equal(credentials, secrets.Decrypt(stored.Item2.EncryptedCredentials, "binding:b-1"));
        SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(data.Path, "scheduler.db*");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            Assert.DoesNotContain("in-clear", text, StringComparison.Ordinal);
        }
    }
}
