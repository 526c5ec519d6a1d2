namespace Codex.Modules.Skills.Domain;

/// <summary>One of the 21 competences of the EU's DigComp 2.2 reference framework (5 areas).</summary>
public sealed record DigCompCompetence(string Code, int Area, string NameDe, string NameEn)
{
    public string Name(bool german) => german ? NameDe : NameEn;
}

/// <summary>The DigComp 2.2 framework as shipped reference data (it changes only with a new framework version).</summary>
public static class DigComp
{
    public static readonly IReadOnlyList<(int Area, string NameDe, string NameEn)> Areas =
    [
        (1, "Umgang mit Informationen und Daten", "Information and data literacy"),
        (2, "Kommunikation und Zusammenarbeit", "Communication and collaboration"),
        (3, "Erstellung digitaler Inhalte", "Digital content creation"),
        (4, "Sicherheit", "Safety"),
        (5, "Problemlösung", "Problem solving"),
    ];

    public static readonly IReadOnlyList<DigCompCompetence> Competences =
    [
        new("1.1", 1, "Daten, Informationen und digitale Inhalte durchsuchen, suchen und filtern", "Browsing, searching and filtering data, information and digital content"),
        new("1.2", 1, "Daten, Informationen und digitale Inhalte bewerten", "Evaluating data, information and digital content"),
        new("1.3", 1, "Daten, Informationen und digitale Inhalte verwalten", "Managing data, information and digital content"),
        new("2.1", 2, "Mithilfe digitaler Technologien interagieren", "Interacting through digital technologies"),
        new("2.2", 2, "Mithilfe digitaler Technologien teilen", "Sharing through digital technologies"),
        new("2.3", 2, "Mithilfe digitaler Technologien am gesellschaftlichen Leben teilhaben", "Engaging in citizenship through digital technologies"),
        new("2.4", 2, "Mithilfe digitaler Technologien zusammenarbeiten", "Collaborating through digital technologies"),
        new("2.5", 2, "Netiquette", "Netiquette"),
        new("2.6", 2, "Die digitale Identität verwalten", "Managing digital identity"),
        new("3.1", 3, "Digitale Inhalte entwickeln", "Developing digital content"),
        new("3.2", 3, "Digitale Inhalte integrieren und neu erarbeiten", "Integrating and re-elaborating digital content"),
        new("3.3", 3, "Urheberrecht und Lizenzen", "Copyright and licences"),
        new("3.4", 3, "Programmieren", "Programming"),
        new("4.1", 4, "Geräte schützen", "Protecting devices"),
        new("4.2", 4, "Personenbezogene Daten und Privatsphäre schützen", "Protecting personal data and privacy"),
        new("4.3", 4, "Gesundheit und Wohlbefinden schützen", "Protecting health and well-being"),
        new("4.4", 4, "Die Umwelt schützen", "Protecting the environment"),
        new("5.1", 5, "Technische Probleme lösen", "Solving technical problems"),
        new("5.2", 5, "Bedürfnisse und technologische Antworten darauf erkennen", "Identifying needs and technological responses"),
        new("5.3", 5, "Digitale Technologien kreativ nutzen", "Creatively using digital technologies"),
        new("5.4", 5, "Digitale Kompetenzlücken erkennen", "Identifying digital competence gaps"),
    ];

    private static readonly Dictionary<string, DigCompCompetence> ByCode = Competences.ToDictionary(c => c.Code);

    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    public static DigCompCompetence? Find(string code) => ByCode.GetValueOrDefault(code);
}
