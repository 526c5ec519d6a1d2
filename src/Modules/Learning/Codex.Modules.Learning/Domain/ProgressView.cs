namespace Codex.Modules.Learning.Domain;

/// <summary>
/// Someone other than the learner (a lead, a mentor, HR) opened the learner's enrolment and saw its progress:
/// kept so the learner can see under "Meine Daten" who looked, and when.
/// </summary>
public sealed class ProgressView(Guid id, Guid personId, Guid enrolmentId, Guid? viewerPersonId, string viewerName, DateTimeOffset at)
{
    public const int ViewerNameMaxLength = 400;

    public Guid Id { get; private set; } = id;

    /// <summary>The learner whose progress was seen.</summary>
    public Guid PersonId { get; private set; } = personId;

    public Guid EnrolmentId { get; private set; } = enrolmentId;

    public Guid? ViewerPersonId { get; private set; } = viewerPersonId;

    /// <summary>The viewer's sign-in name at the time (shown when the person record cannot be found any more).</summary>
    public string ViewerName { get; private set; } = viewerName.Length > ViewerNameMaxLength ? viewerName[..ViewerNameMaxLength] : viewerName;

    public DateTimeOffset At { get; private set; } = at;
}
