using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Productivity.Tests.TestSupport;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) on a loopback port: it keeps what it accepts, and
/// can refuse recipients (550 on RCPT TO) or messages (554 after DATA) on request.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly List<ReceivedEmail> _received = [];

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Answer RCPT TO with 550 (mailbox unavailable).</summary>
    public bool RefuseRecipients { get; set; }

    /// <summary>Answer the message after DATA with 554 (transaction failed).</summary>
    public bool RefuseData { get; set; }

    /// <summary>RCPT TO commands seen, accepted or not (how a test knows the sender really tried).</summary>
    public int RecipientCommands { get; private set; }

    public IReadOnlyList<ReceivedEmail> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Starts a server on a free loopback port, or on <paramref name="port"/> (to bring a stopped server back).</summary>
    public static TestSmtpServer Start(int? port = null) => new(port ?? FreePort());

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Dictionary<string, string?> Settings(string from = "Productivity <reports@example.test>") => new()
    {
        ["Email:Host"] = "127.0.0.1",
        ["Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Security"] = "None",
        ["Email:From"] = from,
        ["Email:TimeoutSeconds"] = "5",
    };

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    /// <param name="Envelope">The RCPT TO addresses of the transaction.</param>
    public sealed record ReceivedEmail(IReadOnlyList<string> Envelope, MimeMessage Message);

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.RefuseData)
            {
                return Task.FromResult(new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.7.1 refused by the test"));
            }
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream);
            lock (owner._received)
            {
                owner._received.Add(new ReceivedEmail([.. transaction.To.Select(m => m.AsAddress())], message));
            }
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(TestSmtpServer owner) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            owner.RecipientCommands++;
            return Task.FromResult(!owner.RefuseRecipients);
        }
    }
}
