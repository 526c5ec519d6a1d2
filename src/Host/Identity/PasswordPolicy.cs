using System.IO.Compression;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Identity;

/// <summary>
/// The password rules of NIST SP 800-63B and the BSI: length over composition (at least
/// <see cref="MinimumLength"/> characters, any characters, no "one digit and one capital" rules),
/// and no password that attackers try first: none from a shipped list of common and breached
/// passwords (also with digits or signs added at the end), none made of one or two repeated
/// characters, and none containing the person's own email name.
/// </summary>
internal sealed class PasswordPolicy(IStringLocalizer<SharedTexts> texts) : IPasswordValidator<CodexAccount>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadList);

    public Task<IdentityResult> ValidateAsync(UserManager<CodexAccount> manager, CodexAccount user, string? password) =>
        Task.FromResult(Check(password, user.Email) is { } key
            ? IdentityResult.Failed(new IdentityError { Code = key, Description = texts[key, MinimumLength] })
            : IdentityResult.Success);

    /// <summary>The resource key of the first rule the password breaks, or null when it is acceptable.</summary>
    public static string? Check(string? password, string? email)
    {
        password ??= "";
        if (password.Length < MinimumLength)
        {
            return "Password.TooShort";
        }

        if (password.Length > MaximumLength)
        {
            return "Password.TooLong";
        }

        var lower = password.ToLowerInvariant();
        if (lower.Distinct().Count() <= 2)
        {
            return "Password.Repetitive";
        }

        var list = CommonPasswords.Value;
        var stem = lower.TrimEnd("0123456789!?.,-_#*+ ".ToCharArray());
        if (list.Contains(lower) || (stem.Length >= 4 && list.Contains(stem)))
        {
            return "Password.Common";
        }

        var localPart = (email ?? "").Split('@')[0].ToLowerInvariant();
        if (localPart.Length >= 4 && lower.Contains(localPart, StringComparison.Ordinal))
        {
            return "Password.ContainsEmail";
        }

        return null;
    }

    private static HashSet<string> LoadList()
    {
        using var resource = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Codex.Host.Identity.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
