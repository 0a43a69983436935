using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Imaging.Ingest;

namespace OpenAlgebra.Web.Hosting;

/// <summary>
/// A chosen folder reaches the circuit as one message that lists every file (name, size, type, date): 2,000 files are
/// far past SignalR's 32 KB default, which drops the circuit. The limit follows <c>OpenAlgebra:Upload:MaxFiles</c>, at
/// 2 KiB a file (a 255-character name escaped in JSON), so the largest selection an upload may hold fits.
/// </summary>
internal sealed class CircuitMessageLimit(IOptions<UploadOptions> upload) : IConfigureOptions<HubOptions>
{
    public const long BytesPerFile = 2 << 10;

    private const long SignalRDefault = 32 << 10;

    public void Configure(HubOptions options) => options.MaximumReceiveMessageSize = Math.Max(SignalRDefault, upload.Value.MaxFiles * BytesPerFile);
}
