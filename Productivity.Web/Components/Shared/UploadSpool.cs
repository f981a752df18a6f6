using Microsoft.AspNetCore.Components.Forms;

namespace Productivity.Web.Components.Shared;

/// <summary>
/// An uploaded CSV spooled to a temporary file that deletes itself, never held in memory. Imports read it from there, not
/// straight from the browser's stream: an import writes every good line to the database as it reads, and that stream
/// fails the circuit when its next chunk waits longer than the JS interop timeout (a minute) to be read.
/// </summary>
public static class UploadSpool
{
    /// <summary>Largest CSV accepted (tens of thousands of lines), also enforced while it is read.</summary>
    public const long MaxCsvBytes = 2 * 1024 * 1024;

    /// <summary>The spooled file, positioned at its start; null (and a message) when the file is too large.</summary>
    public static async Task<Stream?> OpenAsync(IBrowserFile file, Action<string> tooLarge)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(tooLarge);
        if (file.Size > MaxCsvBytes)
        {
            tooLarge($"{file.Name} is larger than {MaxCsvBytes / 1024 / 1024} MB.");
            return null;
        }
        var spool = new FileStream(Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await using (var upload = file.OpenReadStream(MaxCsvBytes))
        {
            await upload.CopyToAsync(spool);
        }
        spool.Position = 0;
        return spool;
    }
}
