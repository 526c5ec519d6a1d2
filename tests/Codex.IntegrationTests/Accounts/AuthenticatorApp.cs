using System.Globalization;
using System.Security.Cryptography;

namespace Codex.IntegrationTests.Accounts;

/// <summary>
/// What an authenticator app does with the key it was given, written out here from RFC 6238 and
/// RFC 4226 (HMAC-SHA1, 30-second steps, dynamic truncation, six digits) and RFC 4648 (Base32),
/// independently of the application's own code. Its own test is the RFC's published vectors.
/// </summary>
public static class AuthenticatorApp
{
    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / 30;

    /// <summary>The code for <paramref name="step"/> (now + offset) from the key shown on the setup page.</summary>
    public static string CodeFor(string base32Key, long step) => Hotp(Base32(base32Key), step, 6);

    public static string Hotp(byte[] secret, long counter, int digits)
    {
        var message = new byte[8];
        for (var i = 7; i >= 0; i--)
        {
            message[i] = (byte)(counter & 0xff);
            counter >>= 8;
        }

        var hash = HMACSHA1.HashData(secret, message);
        var offset = hash[19] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % (int)Math.Pow(10, digits)).ToString(new string('0', digits), CultureInfo.InvariantCulture);
    }

    public static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.Where(c => c is not (' ' or '=')).Select(c =>
            Convert.ToString(alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }

    /// <summary>
    /// The current step, once at least a few seconds of it are left: a code computed now is then still
    /// in this step when the server checks it (waits at most those few seconds, at a step's end).
    /// </summary>
    public static async Task<long> StepWithTimeToSpareAsync()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(35);
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var left = 30 - (now.ToUnixTimeMilliseconds() % 30_000) / 1000.0;
            if (left >= 4 || now > deadline)
            {
                return StepAt(now);
            }

            await Task.Delay(TimeSpan.FromSeconds(left + 0.1));
        }
    }
}

public sealed class AuthenticatorAppTests
{
    // RFC 6238, Appendix B: the SHA-1 secret "12345678901234567890", eight digits.
    [Theory]
    [InlineData(59, "94287082")]
    [InlineData(1111111109, "07081804")]
    [InlineData(1234567890, "89005924")]
    [InlineData(2000000000, "69279037")]
    public void The_test_authenticator_computes_the_RFC_6238_reference_codes(long unixTime, string expected) =>
        Assert.Equal(expected, AuthenticatorApp.Hotp("12345678901234567890"u8.ToArray(), unixTime / 30, 8));

    [Fact]
    public void The_test_authenticator_reads_Base32_keys() =>
        Assert.Equal("12345678901234567890"u8.ToArray(), AuthenticatorApp.Base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
}
