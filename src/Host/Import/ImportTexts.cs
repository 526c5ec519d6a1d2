namespace Codex.Host;

/// <summary>Marker for the people import's texts (Resources/ImportTexts.resx, German; .en.resx, English).</summary>
public sealed class ImportTexts;
