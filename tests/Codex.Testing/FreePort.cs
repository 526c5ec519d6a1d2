using System.Net;
using System.Net.Sockets;

namespace Codex.Testing;

/// <summary>Finds a TCP port on 127.0.0.1 that nothing listens on right now.</summary>
public static class FreePort
{
    /// <summary>
    /// Asks the kernel for an ephemeral port by binding to port 0, then releases it.
    /// Another process could take the port before the caller binds it; callers that start servers
    /// retry with a new port when that happens.
    /// </summary>
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>True when a TCP connection to 127.0.0.1:<paramref name="port"/> is accepted.</summary>
    public static async Task<bool> IsAcceptingConnectionsAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
