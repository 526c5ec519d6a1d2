using Codex.Modules.Skills.Features.Transfer;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Pages.Skills;

/// <summary>Export as CSV/XLSX; import in two steps: upload → preview (nothing changes) → confirm.</summary>
[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.HR}")]
public sealed class TransferModel(IMediator mediator, IStringLocalizer<SkillsTexts> texts) : PageModel
{
    [BindProperty]
    public TransferKind Kind { get; set; } = TransferKind.Matrix;

    public ImportResult? Preview { get; private set; }

    public string? Problem { get; private set; }

    public string? FileName { get; private set; }

    /// <summary>The uploaded file, carried to the confirm step; it is validated again there.</summary>
    public string? FileContent { get; private set; }

    public int? Applied { get; private set; }

    public void OnGet(int? applied) => Applied = applied;

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Problem = texts["Import.NoFile"];
            return Page();
        }

        if (file.Length > ImportCommandValidator.MaxBytes)
        {
            Problem = texts["Import.TooBig"];
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        FileName = Path.GetFileName(file.FileName);
        FileContent = Convert.ToBase64String(buffer.ToArray());
        return await RunAsync(buffer.ToArray(), apply: false, ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(string fileName, string content, CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content ?? "");
        }
        catch (FormatException)
        {
            Problem = texts["Import.NoFile"];
            return Page();
        }

        FileName = fileName;
        FileContent = content;
        return await RunAsync(bytes, apply: true, ct);
    }

    private async Task<IActionResult> RunAsync(byte[] content, bool apply, CancellationToken ct)
    {
        ImportResult? result = null;
        Problem = await this.TryAsync(texts, async () => result = await mediator.Send(new ImportCommand(Kind, FileName ?? "", content, apply), ct), "");
        if (result is { Applied: true })
        {
            return Redirect($"/skills/transfer?applied={result.Changes.Count}");
        }

        Preview = result;
        return Page();
    }
}
