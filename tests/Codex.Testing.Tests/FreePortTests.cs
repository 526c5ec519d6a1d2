using System.Net;
using System.Net.Sockets;

namespace Codex.Testing.Tests;

public sealed class FreePortTests
{
    [Fact]
    public void A_free_port_can_be_bound_on_loopback()
    {
        var port = FreePort.Get();

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();

        Assert.Equal(port, ((IPEndPoint)listener.LocalEndpoint).Port);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_does_not_accept_connections()
    {
        Assert.False(await FreePort.IsAcceptingConnectionsAsync(FreePort.Get()));
    }
}
