using Codex.Host.Import;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Pages.People;

/// <summary>
/// Upload → complete check → preview → apply. Between preview and apply the page carries the
/// uploaded file itself, in a hidden field protected (encrypted and signed) by Data Protection,
/// bound to the signed-in account and valid for 30 minutes. No server-side stash: instances stay
/// stateless behind a load balancer (the keys are shared in the database), nobody has to upload
/// twice, and nobody can slip a different file or someone else's preview into the apply step.
/// </summary>
[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.HR}")]
public sealed class ImportModel(IMediator mediator, IDataProtectionProvider protection, ICurrentUser user, IStringLocalizer<SharedTexts> texts)
    : PageModel
{
    private static readonly TimeSpan PreviewLifetime = TimeSpan.FromMinutes(30);

    [BindProperty]
    public PeopleImportMode Mode { get; set; } = PeopleImportMode.AddAndUpdate;

    public string? FileName { get; private set; }

    public string? Stash { get; private set; }

    public PeopleImportPreview? Preview { get; private set; }

    public PeopleImportOutcome? Outcome { get; private set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length is 0 or > PeopleImportFileValidator.MaxBytes)
        {
            Problem = texts["Import.BadUpload"];
            return Page();
        }

        using var body = new MemoryStream();
        await file.CopyToAsync(body, ct);
        var content = body.ToArray();
        FileName = Path.GetFileName(file.FileName);
        try
        {
            Preview = await mediator.Send(new PreviewPeopleImportQuery(FileName, content, Mode), ct);
        }
        catch (ValidationException)
        {
            Problem = texts["Import.BadUpload"];
            return Page();
        }

        if (!Preview.HasErrors && Preview.HasChanges)
        {
            Stash = WebEncoders.Base64UrlEncode(Protector().Protect(Pack(user.AccountId, FileName, Mode, content), PreviewLifetime));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string? stash, bool invite, CancellationToken ct)
    {
        if (Unpack(stash) is not { } upload)
        {
            Problem = texts["Import.Expired"];
            return Page();
        }

        (FileName, Mode) = (upload.FileName, upload.Mode);
        Outcome = await mediator.Send(new ImportPeopleCommand(upload.FileName, upload.Content, upload.Mode, invite), ct);
        if (!Outcome.Applied)
        {
            // The organisation changed since the preview and the file no longer fits: show why.
            Preview = Outcome.Preview;
            Outcome = null;
        }

        return Page();
    }

    private ITimeLimitedDataProtector Protector() =>
        protection.CreateProtector("Codex.Host.PeopleImport.v1").ToTimeLimitedDataProtector();

    private static byte[] Pack(Guid? accountId, string fileName, PeopleImportMode mode, byte[] content)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(accountId?.ToString() ?? "");
            writer.Write(fileName);
            writer.Write((int)mode);
            writer.Write(content.Length);
            writer.Write(content);
        }

        return stream.ToArray();
    }

    private (string FileName, PeopleImportMode Mode, byte[] Content)? Unpack(string? stash)
    {
        if (string.IsNullOrEmpty(stash))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(Protector().Unprotect(WebEncoders.Base64UrlDecode(stash), out _)));
            var account = reader.ReadString();
            var fileName = reader.ReadString();
            var mode = (PeopleImportMode)reader.ReadInt32();
            var content = reader.ReadBytes(reader.ReadInt32());
            return account == (user.AccountId?.ToString() ?? "") ? (fileName, mode, content) : null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException or EndOfStreamException)
        {
            return null; // expired, tampered with, or from another key ring
        }
    }
}
