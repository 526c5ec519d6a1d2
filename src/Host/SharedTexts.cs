namespace Codex.Host;

/// <summary>Marker for the Host's texts: layout, sign-in, start page (Resources/SharedTexts*.resx).</summary>
public sealed class SharedTexts;
