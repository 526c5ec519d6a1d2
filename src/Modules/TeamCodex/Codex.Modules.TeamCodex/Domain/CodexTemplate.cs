namespace Codex.Modules.TeamCodex.Domain;

/// <summary>The sections a new codex starts with: what teams in social work usually need to agree on.</summary>
public static class CodexTemplate
{
    public static IReadOnlyList<CodexSection> Sections(Func<Guid> newId) =>
    [
        new(newId(), "Zweck", "Wofür gibt es unser Team? Für wen arbeiten wir, und was ist uns dabei wichtig?", false),
        new(newId(), "Zusammenarbeit & Kommunikation", "- Wie erreichen wir einander, und wie schnell antworten wir?\n- Welche Besprechungen gibt es, wie oft, und wer lädt ein?\n- Wie geben wir Informationen bei Übergaben weiter?", false),
        new(newId(), "Zuständigkeiten", "Wer ist wofür zuständig, und wer vertritt wen bei Abwesenheit?", false),
        new(newId(), "Abläufe", "Die wichtigsten wiederkehrenden Abläufe – Schritt für Schritt, so wie wir sie tatsächlich machen.", false),
        new(newId(), "Tools & Kanäle", "Welches Werkzeug nutzen wir wofür? (z. B. Dokumentation, Dienstplan, Messenger, Videokonferenz)\n\nWas gehört ausdrücklich *nicht* in welchen Kanal?", false),
        new(newId(), "Umgang mit Konflikten", "Wie sprechen wir Konflikte an, und wen holen wir dazu, wenn wir allein nicht weiterkommen?", false),
        new(newId(), "Review des Kodex", "Wir überprüfen diesen Kodex regelmäßig gemeinsam. Änderungen schlägt jedes Teammitglied vor; beschlossen wird im Konsent.", false),
    ];
}
