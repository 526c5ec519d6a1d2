using Codex.Shared.Domain;

namespace Codex.Modules.Skills.Domain;

public enum ToolCategory
{
    Documentation,
    Communication,
    Scheduling,
    Office,
    Hardware,
    DataProtection,
    Collaboration,
    Other,
}

public enum ToolLifecycle
{
    BeingIntroduced,
    InUse,
    BeingRetired,
}

/// <summary>A hardware or software tool people in some roles have to use.</summary>
public sealed class Tool : AggregateRoot
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 500;
    public const int GuideUrlMaxLength = 400;

    private readonly List<ToolCompetence> _competences = [];

    private Tool()
    {
    }

    public string Name { get; private set; } = "";

    public ToolCategory Category { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>Link to the organisation's own guide (intranet page, PDF); absolute http(s) or site-relative.</summary>
    public string? GuideUrl { get; private set; }

    public ToolLifecycle Lifecycle { get; private set; }

    public IReadOnlyList<ToolCompetence> Competences => _competences;

    public static Tool Create(Guid id, string name, ToolCategory category, string? description, string? guideUrl, ToolLifecycle lifecycle, IEnumerable<string> competenceCodes)
    {
        var tool = new Tool { Id = id };
        tool.Update(name, category, description, guideUrl, lifecycle, competenceCodes);
        return tool;
    }

    public void Update(string name, ToolCategory category, string? description, string? guideUrl, ToolLifecycle lifecycle, IEnumerable<string> competenceCodes)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Skills.ToolNameRequired", "A tool needs a name.");
        }

        if (!string.IsNullOrWhiteSpace(guideUrl) && !IsSafeLink(guideUrl.Trim()))
        {
            throw new DomainException("Skills.GuideUrlInvalid", "The guide link must be an http(s) address or a path on this site.");
        }

        Name = name.Trim();
        Category = category;
        Description = description?.Trim() ?? "";
        GuideUrl = string.IsNullOrWhiteSpace(guideUrl) ? null : guideUrl.Trim();
        Lifecycle = lifecycle;

        var codes = competenceCodes.Select(c => c.Trim()).Distinct().ToList();
        foreach (var code in codes.Where(c => !DigComp.IsKnown(c)))
        {
            throw new DomainException("Skills.UnknownCompetence", $"'{code}' is not a DigComp 2.2 competence.");
        }

        _competences.RemoveAll(c => !codes.Contains(c.CompetenceCode));
        foreach (var code in codes.Where(c => _competences.All(e => e.CompetenceCode != c)))
        {
            _competences.Add(new ToolCompetence(Id, code));
        }
    }

    /// <summary>Only links a browser opens as a page: no javascript:, data: or protocol-relative tricks.</summary>
    public static bool IsSafeLink(string url) =>
        (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal))
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}

/// <summary>A tool's link to one DigComp 2.2 reference competence.</summary>
public sealed class ToolCompetence(Guid toolId, string competenceCode)
{
    public Guid ToolId { get; private set; } = toolId;

    public string CompetenceCode { get; private set; } = competenceCode;
}
