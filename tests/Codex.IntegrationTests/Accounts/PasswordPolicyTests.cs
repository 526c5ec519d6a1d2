using Codex.Host.Identity;

namespace Codex.IntegrationTests.Accounts;

/// <summary>Length over composition, and nothing from the list attackers try first.</summary>
public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Morgens erst Kaffee, dann Tourenplan")]
    [InlineData("tourenplanungamdienstag")]
    [InlineData("ÄrgerÜberDenDrucker")]
    public void A_long_password_of_any_characters_is_accepted(string password) =>
        Assert.Null(PasswordPolicy.Check(password, "lena.koch@sozialwerk.example"));

    [Theory]
    [InlineData("kurz", "Password.TooShort")]
    [InlineData("elf-Zeichen", "Password.TooShort")]
    [InlineData("passwort1234", "Password.Common")]
    [InlineData("Qwertzuiop123!", "Password.Common")]
    [InlineData("1qaz2wsx3edc", "Password.Common")]
    [InlineData("football2026!", "Password.Common")]
    [InlineData("abababababab", "Password.Repetitive")]
    [InlineData("lena.koch-ist-hier", "Password.ContainsEmail")]
    public void A_short_common_repetitive_or_personal_password_is_refused(string password, string rule) =>
        Assert.Equal(rule, PasswordPolicy.Check(password, "lena.koch@sozialwerk.example"));
}
