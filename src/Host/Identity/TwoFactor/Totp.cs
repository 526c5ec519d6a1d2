using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Codex.Host.Identity.TwoFactor;

/// <summary>
/// Time-based one-time passwords as authenticator apps compute them (RFC 6238: HMAC-SHA1, 30-second
/// steps, six digits) from the Base32 key that Identity's <c>ResetAuthenticatorKeyAsync</c> stores.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;

    /// <summary>Steps before and after the current one that are accepted (a phone's clock may be off by 30 s).</summary>
    public const int AllowedSkewSteps = 1;

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The key as stored (Base32, RFC 4648) into its bytes; spaces and case do not matter.</summary>
    public static byte[] DecodeKey(string base32)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = base32.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("The authenticator key is not Base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }

    /// <summary>The key in groups of four, as a person types it into an app.</summary>
    public static string Grouped(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return builder.ToString().ToLowerInvariant();
    }

    /// <summary>The otpauth URI (Key Uri Format) that the QR code carries.</summary>
    public static string SetupUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}"
        + $"?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period={StepSeconds}";

    /// <summary>Only digits, six of them, after removing the spaces and dashes people type.</summary>
    public static string? Normalise(string? code)
    {
        var clean = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return clean.Length == 6 && clean.All(char.IsAsciiDigit) ? clean : null;
    }
}
